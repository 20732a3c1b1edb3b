"""The player's settings (window, accessibility, last game), kept as settings.json in their data folder.

Loading is lenient where that helps the player: if the file is readable JSON but some settings are
wrong (out of range, wrong type, misspelt), only those go back to their defaults and the rest are
kept. If the file as a whole cannot be read (not UTF-8, not JSON, not a table of settings, too big,
a folder) every setting goes back to its default. Either way the old file is set aside as
`settings.damaged-<n>.json` (never deleted), the repaired settings are written in its place so the
message shows once, and `load_settings` returns a message for the UI to show.

Writing is a merge, never a copy held in memory written over the file: `update_settings` reads the
file as it is now, applies this copy of the game's change, and writes the result atomically, so
two windows open at once (a classroom machine, a player who started the game twice) keep each
other's settings and campaign progress. Finished levels are only ever added to. A write that fails
(a full disk, a read-only folder) is a message; the settings still apply until the game closes.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.paths import user_data_dir
from game.session.atomic import NotAFile, TooBig, read_bounded, set_aside, write_atomic
from game.session.data_folder import DataFolderError, writing
from game.session.text_fields import Plain

MAX_SETTINGS_BYTES = 64_000
MAX_FINISHED = 500
LOCK_WAIT = 2.0  # seconds


class Settings(BaseModel):
    """The player's settings and progress, kept between runs in settings.json."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=True)

    window_width: int = Field(1280, ge=800, le=7680, description="Window width in pixels.")
    window_height: int = Field(720, ge=600, le=4320, description="Window height in pixels.")
    fullscreen: bool = Field(False, description="Fill the whole screen instead of a window.")
    ui_scale: float = Field(1.0, ge=1.0, le=2.0, description="Size of text and controls, 1.0 to 2.0.")
    colour_blind: bool = Field(False, description="Use a palette that colour-blind players can tell apart.")
    animation_speed: Literal["off", "fast", "normal", "slow"] = Field(
        "normal", description="How fast moves and reports animate; off shows results at once."
    )
    sound_volume: int = Field(
        25, ge=0, le=100, description="The interface's sounds, 0 (off) to 100; made by the game itself."
    )
    projector_mode: bool = Field(
        False, description="High contrast and large text for a projector or classroom."
    )
    # (The codes of game.i18n.AVAILABLE; tests/test_i18n.py keeps the two the same.)
    language: Literal["en", "tr", "ru", "zh_CN"] | None = Field(
        None, description="The interface's language: en, tr, ru or zh_CN; none: the system's."
    )
    last_level: Plain | None = Field(None, max_length=48, description="The level played last, offered first.")
    last_side: Literal["moscow", "beijing"] | None = Field(None, description="The side played last.")
    last_opponent: Literal["easy", "normal", "hard", "human"] | None = Field(
        None, description="Who played the other side last: the AI's level, or a second player."
    )
    finished_levels: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,47}$")]] = Field(
        default_factory=list,
        max_length=MAX_FINISHED,
        description="Levels played to the end; they open the campaign's next chapters.",
    )
    unlock_all_levels: bool = Field(
        False, description="Open every campaign chapter at once (for teachers and replays)."
    )
    show_sources: bool = Field(
        False,
        description="Show, beside each change and card, the level file and line that set its numbers "
        "(for level writers).",
    )


def settings_path() -> Path:
    """Where the settings are kept, in the user data folder."""
    return user_data_dir() / "settings.json"


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically: a crash leaves the old file or the new one, never half.

    Raises DataFolderError, in the player's words, when the file cannot be written."""
    path = path or settings_path()
    with writing(path.parent, "your settings as they were are untouched"):
        write_atomic(path, settings.model_dump_json(indent=2).encode("utf-8") + b"\n")


def update_settings(
    settings: Settings, changes: Mapping[str, Any], path: Path | None = None
) -> tuple[Settings, str | None]:
    """Apply `changes` to the settings file as it is now and write it back: the settings now in
    force, and a message for the player when they could not be written (None when all was well).

    `settings` is this copy of the game's own, used where the file cannot be read. What another copy
    wrote since is kept: only the settings named in `changes` are this one's, and `finished_levels`
    is the file's list with the new ones added, so no finished level is ever lost."""
    path = path or settings_path()
    with file_lock(path):
        current = _read_quietly(path) or settings
        merged = {**current.model_dump(), **changes}
        if "finished_levels" in changes:
            merged["finished_levels"] = list(
                dict.fromkeys([*current.finished_levels, *changes["finished_levels"]])
            )[:MAX_FINISHED]
        new = Settings.model_validate(merged)
        try:
            save_settings(new, path)
        except DataFolderError as e:
            return new, f"Your settings could not be saved: {e}"
    return new, None


def _read_quietly(path: Path) -> Settings | None:
    """The settings in the file now, or None when it is missing or not a clean settings file
    (`load_settings`, at the start, is what reports and repairs a damaged one)."""
    try:
        return Settings.model_validate_json(read_bounded(path, MAX_SETTINGS_BYTES))
    except (OSError, ValueError):  # (a ValidationError is a ValueError)
        return None


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold the lock on a file of the data folder (`path`) while it is read, merged and written."""
    # Two windows writing in the same instant would still each read the file before the other
    # wrote it; a lock on a file beside it makes the read-merge-write one step. Where there is no
    # lock to take (Windows, a folder that cannot be written), the merge alone still keeps all but
    # such a same-instant change.
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        fd = os.open(path.with_name(f".{path.name}.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    try:
        # Held for the milliseconds of a write; a copy of the game stuck holding it for longer
        # is waited for two seconds, not for ever.
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The settings and a message for the player (None when all was well, or there was no file)."""
    path = path or settings_path()
    try:
        data = read_bounded(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return Settings(), None
    except NotAFile:
        return _recover(path, Settings(), "it is a folder or device, not a file")
    except TooBig:
        return _recover(
            path, Settings(), f"it is over {MAX_SETTINGS_BYTES // 1000} KB, far larger than any settings"
        )
    except OSError as e:
        # Unreadable is not damaged (permissions, a locked file): leave it for the player to fix.
        return (
            Settings(),
            f"Your settings could not be read ({e.strerror or e}); the game is using the defaults.",
        )
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return _recover(path, Settings(), "it is not text")
    except json.JSONDecodeError as e:
        return _recover(path, Settings(), f"not valid JSON at line {e.lineno}, column {e.colno}")
    except (ValueError, RecursionError):
        # Numbers of thousands of digits, or lists nested thousands deep: nothing we ever write.
        return _recover(path, Settings(), "it holds data no settings file contains")
    if not isinstance(raw, dict):
        return _recover(path, Settings(), "it is not a table of settings")
    try:
        return Settings.model_validate(raw), None
    except ValidationError as e:
        kept, reset = _keep_good(raw, e)
        return _recover(path, kept, "; ".join(reset), partial=True)


def _keep_good(raw: dict, error: ValidationError) -> tuple[Settings, list[str]]:
    """Drop each setting named in an error, keep the rest; say what was reset and why."""
    bad: dict[str, str] = {}
    for problem in error.errors(include_url=False):
        key = str(problem["loc"][0]) if problem["loc"] else ""
        if problem["type"] == "extra_forbidden":
            close = difflib.get_close_matches(key, Settings.model_fields, n=1)
            bad.setdefault(key, "not a setting" + (f"; did you mean {close[0]}?" if close else ""))
        else:
            bad.setdefault(key, problem["msg"].lower())
    good = {k: v for k, v in raw.items() if k not in bad}
    try:
        kept = Settings.model_validate(good)
    except ValidationError:
        # Every field is checked on its own, so this should not happen; defaults are still safe.
        kept = Settings()
    # A mangled file can hold thousands of odd keys; the player needs the first few, not a wall.
    shown = [f"{key[:40]} ({why})" for key, why in list(bad.items())[:5]]
    if len(bad) > 5:
        shown.append(f"and {len(bad) - 5} more")
    return kept, shown


def _recover(path: Path, settings: Settings, why: str, partial: bool = False) -> tuple[Settings, str]:
    if partial:
        message = f"Some settings could not be used and are back to their defaults: {why}."
    else:
        message = f"Your settings file is damaged ({why}); the game is using the default settings."
    try:
        moved = set_aside(path)
    except OSError as e:
        return settings, f"{message} The file could not be moved aside ({e.strerror or e})."
    # If this fails, the next start finds no file and uses the defaults; the old file is kept aside.
    with contextlib.suppress(OSError):
        save_settings(settings, path)
    return settings, f"{message} The old file was kept as {moved.name}."
