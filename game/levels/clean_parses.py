"""The files that parsed cleanly, kept by their bytes, so that a file read again unchanged is not
parsed again.

A catalogue scan reads every shipped level; the game does it at each reload (F5), the validator
and `load_level_file` at each call, the tests hundreds of times. TOML parsing and the schema are
most of a level's load time, and the same bytes under the same name always give the same result,
so only what differs is parsed. Files with problems are not kept (their problems are re-found, so
every caller gets its own list), nor files larger than a level needs to be. `forget` empties it,
for a benchmark that times parsing itself.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

KEEP = 32  # files; the shipped levels, a modder's folder, and room to spare
LARGEST = 256 * 1024  # bytes; the largest shipped level is a fifth of this

# (path, file name, digest of the bytes) -> (raw, text, spec, index) of their clean parse
Key = tuple[str, str, bytes]
_kept: OrderedDict[Key, tuple[Any, ...]] = OrderedDict()


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


def forget() -> None:
    """Forget every kept parse (the tests start clean)."""
    _kept.clear()
