"""The files that parsed cleanly, kept by their bytes, so that a file read again unchanged is not
parsed again.

A catalogue scan reads every shipped level; the game does it at each reload (F5), the validator
and `load_level_file` at each call, the tests hundreds of times. TOML parsing and the schema are
most of a level's load time, and the same bytes under the same name always give the same result,
so only what differs is parsed. Files with problems are not kept (their problems are re-found, so
every caller gets its own list), nor files larger than a level needs to be.

The levels compiled from such files are kept too, by the keys of their files (the level's and its
ancestors'): compiling is the rest of a load, and a level is frozen data that every game may share.
The window compiles a level each time the new-game screen shows it, the tests thousands of times.
`forget` empties both, for a benchmark that times reading a level itself.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

KEEP = 32  # files; the shipped levels, a modder's folder, and room to spare
LARGEST = 256 * 1024  # bytes; the largest shipped level is a fifth of this

# (path, file name, digest of the bytes) -> (raw, text, spec, index) of their clean parse
Key = tuple[str, str, bytes]
_kept: OrderedDict[Key, tuple[Any, ...]] = OrderedDict()
# (the keys of a level's files, base first; whether warnings were looked for) -> (level, problems)
CompileKey = tuple[tuple[Key, ...], bool]
_compiled: OrderedDict[CompileKey, tuple[Any, tuple[Any, ...]]] = OrderedDict()


def key_of(path: str, name: str, data: bytes) -> Key | None:
    """The key a parse of these bytes is kept under, or None for a file too large to keep."""
    if len(data) > LARGEST:
        return None
    return (path, name, hashlib.blake2b(data, digest_size=16).digest())


def recall(key: Key | None) -> tuple[Any, ...] | None:
    """(raw, text, spec, index) of a clean parse of these bytes, or None."""
    if key is None or key not in _kept:
        return None
    _kept.move_to_end(key)
    return _kept[key]


def keep(key: Key | None, parts: tuple[Any, ...]) -> None:
    """Keep a clean parse, forgetting the least recently used beyond KEEP."""
    if key is None:
        return
    _kept[key] = parts
    _kept.move_to_end(key)
    while len(_kept) > KEEP:
        _kept.popitem(last=False)


def recall_compiled(key: CompileKey) -> tuple[Any, tuple[Any, ...]] | None:
    """(level, problems) compiled from the files of these keys, or None."""
    kept = _compiled.get(key)
    if kept is not None:
        _compiled.move_to_end(key)
    return kept


def keep_compiled(key: CompileKey, compiled: tuple[Any, tuple[Any, ...]]) -> None:
    """Keep a level compiled from cleanly parsed files, forgetting the least recently used beyond
    KEEP."""
    _compiled[key] = compiled
    _compiled.move_to_end(key)
    while len(_compiled) > KEEP:
        _compiled.popitem(last=False)


# What other modules work out from a parse or a compiled level and keep by its identity (a level's
# translated copy, a chain's translations): emptied with the parses they came from.
_worked_out_from_them: list[Callable[[], None]] = []


def also_forget(clear: Callable[[], None]) -> None:
    """Have `forget` call `clear` too: for a memo keyed by the identity of a kept parse or level."""
    _worked_out_from_them.append(clear)


def forget() -> None:
    """Forget every kept parse and compiled level, and what was worked out from them (the tests
    start clean). A memo keyed by a level's identity would otherwise hold each level it saw after
    its parse was forgotten, where no new load can find it again: the benchmark, which forgets
    before each reading it times, filled such memos with dead levels that every pass of the cycle
    collector then walked."""
    _kept.clear()
    _compiled.clear()
    for clear in _worked_out_from_them:
        clear()
