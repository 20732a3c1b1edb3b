"""Reading the groups' exports for the class report: untrusted folders, read with care.

Each group's `session.json` is read with a bounded read and checked against `SessionRecord`. An
export that cannot be used is skipped and named with the reason in plain words (the file's own
words: "line", "item", "field", never a traceback), and the report is written from the others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from game.classroom.escape import plain
from game.classroom.records import SessionRecord
from game.session.atomic import NotAFile, TooBig, read_bounded
from game.text import shorten

MAX_SESSION_BYTES = 5 * 1024 * 1024


class UnreadableExport(Exception):
    """One export folder cannot be used; the message is the reason, in plain words."""


@dataclass(frozen=True)
class GroupExport:
    """One group's export as the report uses it: where it came from, what it holds, what to call it."""

    folder: Path
    record: SessionRecord
    name: str  # unique among the groups of one report


def read_session(folder: Path) -> SessionRecord:
    """The session record of one export folder; UnreadableExport says why not."""
    folder = Path(folder)
    if not folder.exists():
        raise UnreadableExport("this folder does not exist")
    if not folder.is_dir():
        raise UnreadableExport(
            "this is a file, not an export folder (give the folder that holds session.json)"
        )
    path = folder / "session.json"
    try:
        data = read_bounded(path, MAX_SESSION_BYTES)
    except FileNotFoundError:
        raise UnreadableExport("no session.json in this folder") from None
    except TooBig:
        raise UnreadableExport(
            f"session.json is larger than {MAX_SESSION_BYTES // (1024 * 1024)} MB, "
            "far more than the game ever writes, so it was not read"
        ) from None
    except NotAFile:
        raise UnreadableExport("session.json is not a regular file") from None
    except PermissionError:
        raise UnreadableExport("session.json cannot be read (permission denied)") from None
    except OSError as e:
        raise UnreadableExport(f"session.json cannot be read ({e.strerror or e})") from None
    return parse_session(data)


def parse_session(data: bytes) -> SessionRecord:
    """A session record from the bytes of a session.json; UnreadableExport says what is wrong."""
    data = data.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark from an editor is harmless
    if not data.strip():
        raise UnreadableExport("session.json is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableExport("session.json is not text (it is not UTF-8)") from None
    try:
        return SessionRecord.model_validate_json(data)
    except ValidationError as e:
        raise UnreadableExport(_validation_reason(e, text)) from None


def _validation_reason(error: ValidationError, text: str) -> str:
    errors = error.errors(include_url=False)
    first = errors[0]
    if first["type"] == "json_invalid":
        # Python's parser gives the line and column where the text stops being JSON.
        try:
            json.loads(text)
        except json.JSONDecodeError as e:
            return f"session.json is not valid JSON (line {e.lineno}, column {e.colno})"
        except RecursionError:
            return "session.json is not valid JSON (it is nested too deeply)"
        except ValueError:  # (Python's own limit: a whole number of thousands of digits)
            return "session.json holds a number far too long to be the game's"
        return "session.json is not valid JSON"
    loc = tuple(first["loc"])
    if first["type"] == "model_type" and not loc:
        return "session.json does not hold a session record (it should be a JSON object)"
    if loc == ("format",):
        return 'session.json is not a session record of this game (its "format" is not pragmatic-partners/session)'
    if loc == ("version",):
        return 'session.json was written by another version of the game (its "version" is not 1)'
    where = _where(loc)
    more = len(errors) - 1
    tail = f", and {more} more problem{'s' if more != 1 else ''}" if more else ""
    return f"session.json does not match the session format: {where}: {first['msg'].lower()}{tail}"


def _where(loc: tuple) -> str:
    """A pydantic location in the file's own words: `"turns", item 3, "moscow"`."""
    parts = [f"item {p + 1}" if isinstance(p, int) else f'"{shorten(str(p), 40)}"' for p in loc]
    return ", ".join(parts) if parts else "the whole file"


def load_exports(folders: list[Path]) -> tuple[list[GroupExport], list[tuple[Path, str]]]:
    """Read every folder: the groups that could be read (named uniquely) and the skipped ones."""
    read: list[tuple[Path, SessionRecord]] = []
    skipped: list[tuple[Path, str]] = []
    seen: dict[Path, Path] = {}
    for folder in folders:
        folder = Path(folder)
        key = _resolved(folder)
        if key in seen:
            skipped.append((folder, "this folder was given more than once; it is in the report once"))
            continue
        seen[key] = folder
        try:
            read.append((folder, read_session(folder)))
        except UnreadableExport as e:
            skipped.append((folder, str(e)))
        except OSError as e:  # even looking at the folder failed (permissions, a broken mount)
            skipped.append((folder, f"this folder cannot be read ({e.strerror or e})"))
    names = unique_names([(plain(r.group) or plain(f.name) or "group", f) for f, r in read])
    return [GroupExport(f, r, n) for (f, r), n in zip(read, names, strict=False)], skipped


def export_folders(given: list[Path], depth: int = 3) -> list[Path]:
    """The export folders in `given`: a folder holding a session's `session.json` is one; any other
    folder (the class server's data folder, a USB stick with a folder a group) stands for the
    export folders found inside it, up to `depth` levels down, in name order."""
    out: list[Path] = []
    for folder in given:
        folder = Path(folder)
        if (folder / "session.json").is_file() or not folder.is_dir():
            out.append(folder)  # (a folder that is not one is reported as skipped, with why)
            continue
        found = sorted(
            {
                p.parent
                for n in range(1, depth + 1)
                for p in folder.glob("/".join(["*"] * n) + "/session.json")
            }
        )
        out.extend(found or [folder])
    return out


def _resolved(folder: Path) -> Path:
    try:
        return folder.resolve()
    except (OSError, RuntimeError):
        return folder.absolute()


def unique_names(named: list[tuple[str, Path]]) -> list[str]:
    """The names, with the folder's name added to any that two groups share (then a number)."""
    counts: dict[str, int] = {}
    for name, _ in named:
        counts[name] = counts.get(name, 0) + 1
    first = [
        f"{name} ({plain(folder.name)})" if counts[name] > 1 and plain(folder.name) != name else name
        for name, folder in named
    ]
    out: list[str] = []
    taken: set[str] = set()
    for name in first:
        candidate, n = name, 2
        while candidate in taken:
            candidate, n = f"{name} #{n}", n + 1
        taken.add(candidate)
        out.append(candidate)
    return out
