"""Saved games: replay logs wrapped with a name and a time, kept in the player's saves folder.

A save is the game's replay log (the level, the seed and every turn's plans), so loading one
replays it exactly. Files are written atomically; a file that cannot be read is set aside as
`<stem>.damaged-<n>.json` (never deleted) and reported with a message a player understands.

Decisions the UI can rely on:
- The file name is a slug of the name the player typed. Names that differ only in case, spaces,
  '-' or '_' are the same save (saving again overwrites it). Any name the slug cannot spell
  faithfully (accents, other scripts, symbols, reserved names, over 60 characters) gets a short
  hash of the exact name appended, so "北京" and "上海" do not collide.
- `list()` never changes files; it skips what it cannot read, and `scan()` / `list_problems()`
  say what was skipped and why. Only `load` and `latest_autosave` set damaged files aside.
- A save from a newer version of the game is refused but left where it is: it is not damaged.
- `load_file` opens a file anywhere (the "open a file" dialog), also a bare replay log, and never
  moves or writes anything outside the saves folder.
"""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from game.session.atomic import NotAFile, TooBig, read_bounded, set_aside, write_atomic
from game.session.data_folder import DataFolderError, writing
from game.session.replay import FORMAT as REPLAY_FORMAT
from game.session.replay import MAX_TURNS, ClassroomSpec, ReplayLog
from game.session.save_folder import (
    AUTOSAVE,
    AUTOSAVE_GLOB,
    AUTOSAVE_PREV,
    autosave_present,
    is_autosave_name,
    saves_dir,
)
from game.session.save_folder import present as _present
from game.session.text_fields import Plain
from game.text import printable, shorten

FORMAT: Final = "pragmatic-partners/save"
# The newest save format this game reads and writes. 2: a save may hold a summit that still sits,
# the facilitator's notes on a summit's terms, and terms agreed in the room. 3: the AI's reasons
# with their frames (`why_frames`, game.session.said_record), to say them in the player's language.
# A save is written in the oldest format that
# holds it (see `format_for`), so that an earlier version of the game still opens every save that
# needs nothing newer, and refuses the others as "from a newer version" without setting them aside.
VERSION: Final = 3
MAX_SAVE_BYTES = 5_000_000
MAX_NAME = 120
MAX_SLUG = 60
TRASH = "trash"

# Windows refuses these as file names whatever the extension; "autosave" and "trash" are ours.
_RESERVED_SLUGS = frozenset(
    {"con", "prn", "aux", "nul", "autosave", "trash"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)
_FAITHFUL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _-]*")
_DAMAGED = re.compile(r"\.damaged-\d+\.json$")


class SaveError(DataFolderError):
    """A save that cannot be written or read; str(error) is meant for the player.

    A DataFolderError, and so an OSError: a screen that catches OSError around a save (the board's
    autosave, the menu's Save game) shows the message and the game goes on."""

    def __init__(
        self, message: str, path: Path | None = None, moved_to: Path | None = None, folder: Path | None = None
    ):
        super().__init__(message, folder or (path.parent if path is not None else None))
        self.path = path
        self.moved_to = moved_to


class SaveFileSpec(BaseModel):
    """What a save file holds: the replay log, and the name and time the player saw."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["pragmatic-partners/save"] = FORMAT
    version: Literal[1, 2, 3] = 1
    name: Plain = Field(max_length=MAX_NAME, description="The name the player gave the save.")
    saved_at: Plain = Field(max_length=64, description="When it was saved, ISO 8601.")
    turn: int = Field(ge=1, le=MAX_TURNS + 1, description="The turn the game resumes on.")
    log: ReplayLog

    @model_validator(mode="after")
    def _turn_matches_log(self) -> SaveFileSpec:
        # A turn that disagrees with the log means the file was edited or mangled.
        if self.turn != len(self.log.turns) + 1:
            raise ValueError(f"turn is {self.turn} but the log has {len(self.log.turns)} turns played")
        return self


@dataclass(frozen=True)
class SaveInfo:
    """A save as the Load screen lists it."""

    name: str
    path: Path
    level_id: str
    turn: int
    saved_at: str
    is_autosave: bool
    players: dict[str, str] | None = None  # who played each side ("human" or the AI's level)
    is_previous: bool = False  # the autosave before the latest (its .prev.json), kept in case
    classroom: ClassroomSpec | None = None  # a classroom session's set-up (its group, its teams)


@dataclass(frozen=True)
class SaveProblem:
    """A file in the saves folder that could not be read, and why."""

    path: Path
    message: str


@dataclass
class SaveListing:
    """The saves folder read once: the saves, newest first, and the files that are not saves."""

    saves: list[SaveInfo] = field(default_factory=list)
    problems: list[SaveProblem] = field(default_factory=list)


def display_name(name: str) -> str:
    """The name as kept in the file: no control characters, trimmed, at most MAX_NAME long."""
    kept = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cs"))
    return kept.strip()[:MAX_NAME].strip() or "Untitled save"


def slug_for(name: str) -> str:
    """The file stem for a save name: [a-z0-9_-], at most MAX_SLUG characters, never empty."""
    shown = display_name(name)
    ascii_text = unicodedata.normalize("NFKD", shown).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9_]+", "-", ascii_text.lower()).strip("-_")
    faithful = (
        _FAITHFUL_NAME.fullmatch(shown) is not None
        and 0 < len(words) <= MAX_SLUG
        and words not in _RESERVED_SLUGS
    )
    if faithful:
        return words
    digest = hashlib.sha256(shown.encode("utf-8")).hexdigest()[:8]
    stem = words[: MAX_SLUG - len(digest) - 1].rstrip("-_") or "save"
    return f"{stem}-{digest}"


def format_for(log: ReplayLog) -> Literal[1, 2, 3]:
    """The oldest save format that holds `log`: 3 when it keeps an AI's reason with its frames
    (which format 2 has no place for); 2 when it holds a summit that sits, a note on a summit's
    term, a term agreed in the room or the sides shown a summit's outcome (which format 1 has no
    place for); else 1."""
    summits = [t.summit for t in log.turns] + [log.planning.summit or [] if log.planning else []]
    table = log.planning.table if log.planning else None
    sitting_frames = table is not None and any(
        t.why_frames or t.counter_why_frames for terms in table.proposed.values() for t in terms
    )
    if (
        sitting_frames
        or any(t.why_frames for t in log.turns)
        or any(s.why_frames for summit in summits for s in summit)
    ):
        return 3
    sitting = log.planning is not None and (log.planning.table is not None or bool(log.planning.shown))
    in_room = any(spec.in_room for summit in summits for spec in summit)
    return 2 if sitting or in_room or any(act.term is not None for act in log.facilitator) else 1


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def saved_moment(saved_at: str) -> datetime | None:
    """When a save says it was written, with its time zone (UTC if it names none); None for text
    that is not an ISO 8601 time (a save edited by hand)."""
    try:
        # Python 3.10's fromisoformat does not take a trailing Z.
        moment = datetime.fromisoformat(saved_at[:-1] + "+00:00" if saved_at.endswith("Z") else saved_at)
    except ValueError:
        return None
    if not 1900 <= moment.year <= 9000:
        return None  # edited by hand: near the calendar's ends a time zone's shift overflows it
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _turn_of(log: ReplayLog) -> tuple[str, int, int]:
    """Which game a log is of, and at which turn: two autosaves alike here are one turn's."""
    return log.level_id, log.seed, len(log.turns)


class _Unreadable(Exception):
    """Internal: why a file is not a usable save, and whether that means it is damaged."""

    def __init__(self, message: str, damaged: bool):
        super().__init__(message)
        self.damaged = damaged


class _NotASave(_Unreadable):
    """Internal: a file that is no save of this game at all (another format)."""

    def __init__(self) -> None:
        super().__init__("this is not a Pragmatic Partners save", True)


def _parse(data: bytes, allow_bare_log: bool = False) -> SaveFileSpec:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _Unreadable(
            f"this save is damaged (it is not text: bad byte at position {e.start})", True
        ) from e
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        why = f"not valid JSON at line {e.lineno}, column {e.colno}"
        # An unterminated string is reported where it starts, not at the end where the cut is.
        if e.pos >= len(text.rstrip()) or e.msg.startswith("Unterminated string"):
            why += ": it ends too early, as if cut short"
        raise _Unreadable(f"this save is damaged ({why})", True) from e
    except (ValueError, RecursionError):
        # Numbers of thousands of digits, or lists nested thousands deep: nothing we ever write.
        raise _Unreadable("this save is damaged (it holds data no save contains)", True) from None
    kind = raw.get("format") if isinstance(raw, dict) else None
    if allow_bare_log and kind == REPLAY_FORMAT:
        try:
            log = ReplayLog.model_validate(raw)
        except ValidationError as e:
            raise _Unreadable(f"this replay log is damaged ({_first_error(e)})", True) from e
        return SaveFileSpec(name="Opened replay", saved_at=_now(), turn=len(log.turns) + 1, log=log)
    if kind != FORMAT:
        raise _NotASave()
    version = raw.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise _Unreadable(
            f"this save is from a newer version of the game (save format {version}); "
            "update the game to open it",
            False,
        )
    try:
        return SaveFileSpec.model_validate(raw)
    except ValidationError as e:
        raise _Unreadable(f"this save is damaged ({_first_error(e)})", True) from e


def _first_error(e: ValidationError) -> str:
    first = e.errors(include_url=False)[0]
    where = ".".join(shorten(str(x), 40) for x in first["loc"]) or "the file"
    return printable(f"{where}: {first['msg'].removeprefix('Value error, ')}")


def log_in_save(data: bytes) -> ReplayLog | None:
    """The replay log a save file's bytes hold, or None when they are not a save at all (for the
    `replay` command, which also takes a save file as the game writes it); a save that cannot be
    read raises SaveError saying why (damaged, or from a newer version of the game)."""
    try:
        return _parse(data).log
    except _NotASave:
        return None
    except _Unreadable as e:
        raise SaveError(str(e), None) from None


def _read(path: Path, allow_bare_log: bool = False) -> SaveFileSpec:
    """The save at `path`, or _Unreadable / SaveError (missing, or cannot be opened)."""
    try:
        data = read_bounded(path, MAX_SAVE_BYTES)
    except FileNotFoundError:
        raise SaveError(f"there is no save at {path.name}", path) from None
    except NotAFile:
        raise _Unreadable("this save is damaged (it is a folder or device, not a file)", True) from None
    except TooBig:
        raise _Unreadable(
            f"this save is damaged (it is over {MAX_SAVE_BYTES // 1_000_000} MB, far larger than any save)",
            True,
        ) from None
    except OSError as e:
        # Permission problems and the like: the file may be fine, so it stays where it is.
        raise SaveError(f"{path.name} could not be read ({e.strerror or e})", path) from None
    return _parse(data, allow_bare_log)


class SaveStore:
    """The saves folder: named saves, the autosave and its predecessor, and a trash subfolder."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root is not None else saves_dir()

    def path_for(self, name: str) -> Path:
        """The file a save of this name is kept in (never one an autosave's name would take)."""
        stem = slug_for(name)
        return self.root / f"{'save-' if stem.startswith('autosave-') else ''}{stem}.json"

    def save(self, name: str, log: ReplayLog, saved_at: str | None = None) -> SaveInfo:
        """Save the game under the player's name, replacing a save of the same name."""
        return self._write(self.path_for(name), display_name(name), log, saved_at, is_autosave=False)

    def autosave_paths(self, slot: str | None = None) -> tuple[Path, Path]:
        """The autosave of one game (`slot`, the game's own name for its autosave) and the one
        before it: autosave-<slot>.json and autosave-<slot>.prev.json; autosave.json and
        autosave.prev.json without a slot."""
        if slot is None:
            return self.root / AUTOSAVE, self.root / AUTOSAVE_PREV
        stem = f"autosave-{slug_for(slot)}"
        return self.root / f"{stem}.json", self.root / f"{stem}.prev.json"

    def slot_of(self, path: Path) -> str | None:
        """The slot an autosave file belongs to (None for autosave.json, or for a named save)."""
        name = Path(path).name.removesuffix(".json").removesuffix(".prev")
        return name.removeprefix("autosave-") if name.startswith("autosave-") else None

    def newest_autosave_slot(self) -> str | None:
        """The slot of the autosave written last (None: autosave.json, or no autosave)."""
        try:
            found = [p for p in self.root.glob(AUTOSAVE_GLOB) if is_autosave_name(p.name)]
            newest = max(found, key=lambda p: (p.stat().st_mtime_ns, p.name), default=None)
        except OSError:
            return None
        return self.slot_of(newest) if newest is not None else None

    def autosave(self, log: ReplayLog, saved_at: str | None = None, slot: str | None = None) -> SaveInfo:
        """Write the game's autosave (its `slot`'s: each game has its own, so a game started
        later never replaces it), first copying a readable previous one to its .prev file.

        A turn is autosaved more than once (after its summit, when its plans are locked): the
        previous autosave is the last one of an earlier turn, so that it is a turn to go back
        to, not the same turn a minute before."""
        current, prev = self.autosave_paths(slot)
        if current.exists() or current.is_symlink():
            try:
                data = read_bounded(current, MAX_SAVE_BYTES)
                was = _parse(data).log
            except (OSError, _Unreadable):
                # A damaged autosave must not push out a good previous one; keep it aside instead.
                with contextlib.suppress(OSError):
                    set_aside(current)
            else:
                if _turn_of(was) != _turn_of(log):
                    self._guarded(lambda: write_atomic(prev, data), "the autosave before it is untouched")
        return self._write(current, "Autosave", log, saved_at, is_autosave=True)

    def _write(
        self, path: Path, name: str, log: ReplayLog, saved_at: str | None, is_autosave: bool
    ) -> SaveInfo:
        saved_at = saved_at or _now()
        if saved_moment(saved_at) is None:
            raise ValueError(f"saved_at must be an ISO 8601 time, not {saved_at!r}")
        spec = SaveFileSpec(
            name=name, saved_at=saved_at, turn=len(log.turns) + 1, log=log, version=format_for(log)
        )
        data = spec.model_dump_json(indent=1).encode("utf-8")
        self._guarded(lambda: write_atomic(path, data), "the previous save is untouched")
        return _info(spec, path, is_autosave)

    def _guarded(self, action, kept: str) -> None:
        # The data folder's one way of saying what went wrong and where (game.session.data_folder).
        try:
            with writing(self.root, kept):
                action()
        except DataFolderError as e:
            raise SaveError(str(e), folder=self.root) from e

    def scan(self) -> SaveListing:
        """Every readable save, newest first, and a problem for each file that could not be read."""
        listing = SaveListing()
        if not self.root.is_dir():
            return listing
        for path in sorted(self.root.glob("*.json")):
            if path.name.startswith(".") or _DAMAGED.search(path.name):
                continue
            if not self._is_inside(path):
                listing.problems.append(SaveProblem(path, "this links to a file outside the saves folder"))
                continue
            try:
                spec = _read(path)
            except (_Unreadable, SaveError) as e:
                listing.problems.append(SaveProblem(path, str(e)))
                continue
            listing.saves.append(_info(spec, path, is_autosave_name(path.name)))
        listing.saves.sort(key=_newest_first_key, reverse=True)
        return listing

    def list(self) -> list[SaveInfo]:
        """The saves, newest first."""
        return self.scan().saves

    # (builtins.list: in this class, `list` is the method above.)
    def list_problems(self) -> builtins.list[SaveProblem]:
        """The files in the folder that could not be read as saves."""
        return self.scan().problems

    def load(self, path_or_name: str | Path) -> ReplayLog:
        """The log of a save in the folder: a str is a save name, a Path a file in the folder.

        A damaged file is set aside and SaveError says where it went.
        """
        return self._load_inside(self._resolve(path_or_name))

    def load_file(self, path: Path) -> ReplayLog:
        """The log of a save or replay log anywhere (opening a file); moves nothing outside the folder."""
        path = Path(path)
        if self._is_inside(path):
            return self._load_inside(path)
        try:
            return _read(path, allow_bare_log=True).log
        except _Unreadable as e:
            raise SaveError(f"{path.name}: {e}", path) from None

    def has_autosave(self) -> bool:
        """Whether an autosave file is there at all (readable or not: loading it says which)."""
        return autosave_present(self.root)

    def latest_autosave(self) -> tuple[ReplayLog, str | None] | None:
        """The log of the autosave written last (of whichever game) and a note for the player (or
        None), or None if there is no autosave.

        Falls back to that game's .prev autosave when its newest is missing or unusable; raises
        SaveError only when both exist and neither can be used.
        """
        newest, previous = self.autosave_paths(self.newest_autosave_slot())
        if not _present(newest) and not _present(previous):
            return None
        problem = None
        if _present(newest):
            try:
                return self._load_inside(newest), None
            except SaveError as e:
                problem = str(e)
        if not _present(previous):
            raise SaveError(problem or "the autosave could not be read", newest)
        try:
            log = self._load_inside(previous)
        except SaveError as e:
            raise SaveError(
                f"{problem or 'the latest autosave is missing'}; the one before it failed too: {e}", previous
            ) from None
        note = (
            f"The latest autosave could not be used ({problem}), so the game continues from the "
            "autosave before it."
            if problem
            else "The latest autosave was not finished, so the game continues from the autosave before it."
        )
        return log, note

    def delete(self, path_or_name: str | Path) -> Path:
        """Move a save into the trash subfolder (never deleted outright); return where it went."""
        path = self._resolve(path_or_name)
        if not _present(path):
            raise SaveError(f"there is no save at {path.name}", path)
        trash = self.root / TRASH
        target = trash / path.name
        n = 1
        while _present(target):
            n += 1
            target = trash / f"{path.stem}-{n}{path.suffix}"
        try:
            trash.mkdir(parents=True, exist_ok=True)
            path.rename(target)
        except OSError as e:
            raise SaveError(f"could not delete {path.name} ({e.strerror or e})", path) from e
        return target

    def rename(self, path_or_name: str | Path, new_name: str) -> SaveInfo:
        """Give a named save a new name: the save is written under the new name's file (its game
        and the time it was saved unchanged), then the old file goes. An autosave is named by its
        game, and a name another save has is refused; SaveError says why."""
        path = self._resolve(path_or_name)
        if is_autosave_name(path.name):
            raise SaveError(
                "an autosave is named by its game; open it and save it under a name from the menu", path
            )
        spec = self._spec_inside(path)
        target = self.path_for(new_name)
        if target != path and _present(target):
            raise SaveError(f"there is a save named “{display_name(new_name)}” already; choose another name")
        info = self._write(target, display_name(new_name), spec.log, spec.saved_at, is_autosave=False)
        if target != path:
            self._guarded(path.unlink, f"the save is kept under both names ({path.name} and {target.name})")
        return info

    def _spec_inside(self, path: Path) -> SaveFileSpec:
        try:
            return _read(path)
        except _Unreadable as e:
            raise SaveError(str(e), path) from None

    def _resolve(self, path_or_name: str | Path) -> Path:
        path = path_or_name if isinstance(path_or_name, Path) else self.path_for(path_or_name)
        # Also for names: a link planted in the folder must not lead a load or delete elsewhere.
        if not self._is_inside(path):
            raise SaveError(f"{path.name} is not in the saves folder; open it as a file instead", path)
        return path

    def _is_inside(self, path: Path) -> bool:
        # resolve() follows symlinks, so a link in the folder pointing elsewhere counts as outside.
        try:
            return Path(path).resolve().parent == self.root.resolve() and Path(path).suffix == ".json"
        except (OSError, RuntimeError):
            return False

    def _load_inside(self, path: Path) -> ReplayLog:
        try:
            return _read(path).log
        except _Unreadable as e:
            if not e.damaged:
                raise SaveError(str(e), path) from None
            try:
                moved = set_aside(path)
            except OSError as err:
                raise SaveError(f"{e} and could not be moved aside ({err.strerror or err})", path) from None
            raise SaveError(f"{e} and was moved aside to {moved.name}", path, moved) from None


def _info(spec: SaveFileSpec, path: Path, is_autosave: bool) -> SaveInfo:
    name = "Previous autosave" if path.name.endswith(".prev.json") else spec.name
    return SaveInfo(
        name=name,
        path=path,
        level_id=spec.log.level_id,
        turn=spec.turn,
        saved_at=spec.saved_at,
        is_autosave=is_autosave,
        players=_players(spec.log),
        classroom=spec.log.classroom,
        is_previous=path.name.endswith(".prev.json"),
    )


def _players(log: ReplayLog) -> dict[str, str] | None:
    if log.classroom is not None:
        return {side: ("human" if who == "team" else who) for side, who in log.classroom.teams.items()}
    return {side: who for side, who in log.players.items()} if log.players is not None else None


def _newest_first_key(info: SaveInfo) -> tuple[datetime, str]:
    moment = saved_moment(info.saved_at) or datetime.min.replace(tzinfo=timezone.utc)
    return moment, info.path.name
