"""Fuzzing the modders' contract: every shipped level file, mutated, loads either as a valid level or
with located problems, never with another exception, and always within two seconds.

Each shipped file is mutated in its bytes (truncated, bytes inserted, lines deleted, duplicated or
swapped) and in its tables (keys deleted, renamed, retyped, values swapped or replaced; see
`level_mutations.py`). The result is written under the same file name into a folder holding
unmodified copies of the other shipped files, and the folder plays one of two parts:

- the shipped folder (the loader's `levels_dir` points at it), so a level that extends the mutated
  file, as every level extends base.toml, is loaded too and meets the broken parent;
- a mod folder beside the real shipped levels, as a modder's copy would be (the ids then clash).

For each file `validate_paths` and `load_level_file` must return or raise `LevelError`; every
problem must name an existing file, a line inside it, a column, a severity and a message; the two
must agree (no error from the validator exactly when the level loads); and each call must take
less than two seconds, timed here rather than by Hypothesis' deadline, and interrupted after
`HANG_LIMIT` so that a hang fails instead of stalling CI.

The examples are derandomized: CI runs the same ones every time. For a longer hunt set
LEVEL_FUZZ_EXAMPLES (e.g. 2000). A failing input is also written to LEVEL_FUZZ_FAILURES (default
/tmp/fuzz_failures), one file per distinct failure, so it can be opened or passed to
`python -m game validate`.
"""
from __future__ import annotations

import functools
import os
import signal
import tempfile
import threading
import time
import traceback
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
import tomli
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from game.core.level import Level
from game.levels import loader
from game.levels.loader import load_level_file
from game.levels.problems import LevelError, Problem
from game.levels.validate import validate_paths
from level_mutations import apply_byte_edits, apply_table_edits, byte_edits, dumps, table_edits

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "levels"
LEVEL_FILES = sorted(SHIPPED.glob("*.toml"))
TIME_LIMIT = 2.0  # seconds for one call, as the contract says
HANG_LIMIT = 10  # seconds after which a call is interrupted as hung (it has failed TIME_LIMIT anyway)
EXAMPLES = int(os.environ.get("LEVEL_FUZZ_EXAMPLES", "0"))
FAILURES = Path(os.environ.get("LEVEL_FUZZ_FAILURES", Path(tempfile.gettempdir()) / "fuzz_failures"))


def fuzz_settings(examples: int):
    return settings(
        max_examples=EXAMPLES or examples,
        derandomize=True,  # the same examples on every run
        database=None,
        deadline=None,  # timed by the test itself, against TIME_LIMIT
        # The autouse fixture only sets an environment variable, the same for every example.
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


@functools.lru_cache(maxsize=None)
def _dependents(path: Path) -> list[str]:
    """The shipped files whose `extends` chain reaches `path` (base.toml: every level)."""
    specs = {}
    for p in LEVEL_FILES:
        doc = tomli.loads(p.read_text(encoding="utf-8"))
        specs[doc["id"]] = (p.name, doc.get("extends"))
    target = tomli.loads(path.read_text(encoding="utf-8"))["id"]
    out = []
    for name, parent in specs.values():
        seen = set()
        while parent and parent not in seen:
            if parent == target:
                out.append(name)
                break
            seen.add(parent)
            parent = specs.get(parent, (None, None))[1]
    return out


# ---- The sandbox and the checks -----------------------------------------------------------------


@contextmanager
def sandbox(name: str, data: bytes, placed_as: str):
    """A folder with every shipped file, `name` replaced by `data`, seen by the loader as the
    shipped folder or as a mod folder."""
    with tempfile.TemporaryDirectory(prefix="level-fuzz-") as tmp:
        folder = Path(tmp)
        for p in LEVEL_FILES:
            (folder / p.name).write_bytes(data if p.name == name else p.read_bytes())
        if placed_as == "shipped":
            with mock.patch.object(loader, "levels_dir", lambda: folder):
                yield folder
        else:
            yield folder


class Hung(Exception):
    pass


@contextmanager
def interrupt_after(seconds: float):
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed(what: str, call, *args):
    """(result, LevelError or None) of `call(*args)`; any other exception escapes."""
    start = time.perf_counter()
    with interrupt_after(HANG_LIMIT):
        try:
            result, error = call(*args), None
        except LevelError as e:
            result, error = None, e
    elapsed = time.perf_counter() - start
    assert elapsed < TIME_LIMIT, f"{what} took {elapsed:.2f} s (the limit is {TIME_LIMIT} s)"
    return result, error


def _file_named(name: str) -> Path:
    # The catalogue names shipped files "levels/<file>"; others by their path.
    if name.startswith("levels/"):
        return loader.levels_dir() / name[len("levels/"):]
    return Path(name)


def assert_located(problems, what: str) -> None:
    lines: dict[Path, int] = {}
    for p in problems:
        assert isinstance(p, Problem), f"{what} gave {p!r}, not a Problem"
        assert isinstance(p.file, str) and p.file, f"{what}: {p!r} names no file"
        path = _file_named(p.file)
        assert path.is_file(), f"{what}: {p!r} names a file that does not exist"
        count = lines.setdefault(path, path.read_bytes().count(b"\n") + 1)
        assert type(p.line) is int and 1 <= p.line <= count, f"{what}: {p!r}: line not in 1..{count}"
        assert type(p.column) is int and p.column >= 1, f"{what}: {p!r}: column below 1"
        assert p.severity in ("error", "warning"), f"{what}: {p!r}: unknown severity"
        assert isinstance(p.message, str) and p.message.strip(), f"{what}: {p!r}: no message"


def assert_loads_or_is_located(path: Path, what: str) -> bool:
    """load_level_file gives a Level or LevelError with located problems; True if it loaded."""
    level, error = timed(what, load_level_file, path)
    if error is None:
        assert isinstance(level, Level), f"{what} returned {type(level).__name__}, not a Level"
        return True
    assert_located(error.problems, what)
    assert any(p.severity == "error" for p in error.problems), f"{what} raised LevelError without an error: {error.problems}"
    return False


def check_mutated_file(name: str, data: bytes, placed_as: str) -> None:
    with sandbox(name, data, placed_as) as folder:
        path = folder / name
        found, error = timed("validate_paths", validate_paths, [path])
        found = error.problems if error else found
        assert_located(found, "validate_paths")
        errors = [p for p in found if p.severity == "error"]
        loaded = assert_loads_or_is_located(path, "load_level_file")
        assert loaded != bool(errors), (
            f"validate_paths found {len(errors)} errors but load_level_file "
            f"{'loaded the level' if loaded else 'failed'}: {[str(p) for p in errors][:3]}")
        if placed_as == "shipped":
            for child in _dependents(SHIPPED / name):
                assert_loads_or_is_located(folder / child, f"load_level_file of {child}, which extends {name}")


def _signature(e: BaseException) -> str:
    """Where a failure comes from: the innermost frame in game/, else the failing assertion."""
    frames = traceback.extract_tb(e.__traceback__)
    inside = [f for f in frames if f"{os.sep}game{os.sep}" in f.filename] or frames
    where = inside[-1]
    return f"{type(e).__name__}-{Path(where.filename).stem}-{where.lineno}"


def check_and_keep_failures(label: str, name: str, data: bytes, notes: list[str], placed_as: str) -> None:
    note(f"{name} placed as a {placed_as} file; mutations: " + "; ".join(notes))
    try:
        check_mutated_file(name, data, placed_as)
    except Exception as e:
        # Shrinking overwrites the same file, so what is left is the minimal example.
        FAILURES.mkdir(parents=True, exist_ok=True)
        stem = FAILURES / f"{label}-{Path(name).stem}-{placed_as}-{_signature(e)}"
        stem.with_suffix(".toml").write_bytes(data)
        stem.with_suffix(".txt").write_text(
            f"{name} placed as a {placed_as} file\n" + "\n".join(notes) + "\n\n" + "".join(traceback.format_exception(e)),
            encoding="utf-8")
        raise


placements = st.sampled_from(["shipped", "mod"])


# ---- The tests ----------------------------------------------------------------------------------


def test_every_shipped_level_file_is_fuzzed():
    assert {p.name for p in LEVEL_FILES} >= {"base.toml", "testing_event.toml"}
    assert "testing_event.toml" in _dependents(SHIPPED / "base.toml")


@pytest.mark.parametrize("level_file", LEVEL_FILES, ids=lambda p: p.name)
def test_the_toml_writer_round_trips_every_shipped_level(level_file):
    doc = tomli.loads(level_file.read_text(encoding="utf-8"))
    text = dumps(doc)
    assert tomli.loads(text) == doc
    with sandbox(level_file.name, text.encode(), "shipped") as folder:
        assert validate_paths([folder / level_file.name]) == []
        assert isinstance(load_level_file(folder / level_file.name), Level)


@pytest.mark.parametrize("level_file", LEVEL_FILES, ids=lambda p: p.name)
@fuzz_settings(20)
@given(edits=st.lists(byte_edits, min_size=1, max_size=3), placed_as=placements)
def test_a_level_file_with_edited_bytes_loads_or_gives_located_errors(level_file, edits, placed_as):
    data, notes = apply_byte_edits(level_file.read_bytes(), edits)
    check_and_keep_failures("bytes", level_file.name, data, notes, placed_as)


@pytest.mark.parametrize("level_file", LEVEL_FILES, ids=lambda p: p.name)
@fuzz_settings(20)
@given(edits=st.lists(table_edits, min_size=1, max_size=3), placed_as=placements)
def test_a_level_file_with_edited_tables_loads_or_gives_located_errors(level_file, edits, placed_as):
    doc = tomli.loads(level_file.read_text(encoding="utf-8"))
    mutated, notes = apply_table_edits(doc, edits)
    check_and_keep_failures("tables", level_file.name, dumps(mutated).encode("utf-8"), notes, placed_as)
