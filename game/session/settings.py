"""The player's settings (window, accessibility, last game), kept as settings.json in their data folder.

Loading is lenient where that helps the player: if the file is readable JSON but some settings are
wrong (out of range, wrong type, misspelt), only those go back to their defaults and the rest are
kept. If the file as a whole cannot be read (not UTF-8, not JSON, not a table of settings, too big,
a folder) every setting goes back to its default. Either way the old file is set aside as
`settings.damaged-<n>.json` (never deleted), the repaired settings are written in its place so the
message shows once, and `load_settings` returns a message for the UI to show.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.paths import user_data_dir
from game.session.atomic import NotAFile, TooBig, read_bounded, set_aside, write_atomic

MAX_SETTINGS_BYTES = 64_000

# Plain Python rather than a pydantic model: the settings are read before the title screen's first
# frame, and pydantic's first model costs more than a bare pygame_gui window takes to open (see
# `python -m game bench`). Each setting is checked on its own, as the lenient loading needs.


class SettingsError(ValueError):
    """Settings that cannot be; `problems` lists (setting, why) for each one."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"{key}: {why}" for key, why in problems))
        self.problems = problems


def _whole(lo: int, hi: int) -> Callable[[Any], int]:
    def check(value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if type(value) is not int:
            raise ValueError("input should be a whole number")
        if not lo <= value <= hi:
            raise ValueError(f"input should be from {lo} to {hi}")
        return value

    return check


def _number(lo: float, hi: float) -> Callable[[Any], float]:
    def check(value):
        if type(value) not in (int, float) or not math.isfinite(value):
            raise ValueError("input should be a finite number")
        if not lo <= value <= hi:
            raise ValueError(f"input should be from {lo} to {hi}")
        return float(value)

    return check


def _yes_no(value) -> bool:
    if type(value) is not bool:
        raise ValueError("input should be true or false")
    return value


def _one_of(*choices) -> Callable[[Any], Any]:
    def check(value):
        if not (value is None or isinstance(value, str)) or value not in choices:
            raise ValueError("input should be " + ", ".join(repr(c) for c in choices))
        return value

    return check


def _text_or_none(longest: int) -> Callable[[Any], str | None]:
    def check(value):
        if value is not None and not isinstance(value, str):
            raise ValueError("input should be text")
        if value is not None and len(value) > longest:
            raise ValueError(f"input should have at most {longest} characters")
        return value

    return check


_LEVEL_ID = re.compile(r"[a-z][a-z0-9_]{0,47}")


def _level_ids(value) -> list[str]:
    if not isinstance(value, list):
        raise ValueError("input should be a list of level ids")
    if len(value) > 500:
        raise ValueError("input should have at most 500 items")
    if not all(isinstance(v, str) and _LEVEL_ID.fullmatch(v) for v in value):
        raise ValueError("input should be a list of level ids")
    return list(value)


@dataclass(frozen=True)
class Setting:
    default: Any
    check: Callable[[Any], Any]
    description: str

    def fresh_default(self):
        return list(self.default) if isinstance(self.default, list) else self.default


FIELDS: dict[str, Setting] = {
    "window_width": Setting(1280, _whole(800, 7680), "Window width in pixels."),
    "window_height": Setting(720, _whole(600, 4320), "Window height in pixels."),
    "fullscreen": Setting(False, _yes_no, "Fill the whole screen instead of a window."),
    "ui_scale": Setting(1.0, _number(1.0, 2.0), "Size of text and controls, 1.0 to 2.0."),
    "colour_blind": Setting(False, _yes_no, "Use a palette that colour-blind players can tell apart."),
    "animation_speed": Setting(
        "normal",
        _one_of("off", "fast", "normal", "slow"),
        "How fast moves and reports animate; off shows results at once.",
    ),
    "projector_mode": Setting(False, _yes_no, "High contrast and large text for a projector or classroom."),
    "last_level": Setting(None, _text_or_none(48), "The level played last, offered first."),
    "last_side": Setting(None, _one_of(None, "moscow", "beijing"), "The side played last."),
    "finished_levels": Setting(
        [], _level_ids, "Levels played to the end; they open the campaign's next chapters."
    ),
    "unlock_all_levels": Setting(
        False, _yes_no, "Open every campaign chapter at once (for teachers and replays)."
    ),
}


class Settings:
    """The player's settings. Every value is checked when it is made and when it is changed;
    a bad one raises SettingsError naming it. The method names are the pydantic model's this
    class replaced, so that callers did not change."""

    model_fields = FIELDS
    __slots__ = tuple(FIELDS)

    window_width: int
    window_height: int
    fullscreen: bool
    ui_scale: float
    colour_blind: bool
    animation_speed: str
    projector_mode: bool
    last_level: str | None
    last_side: str | None
    finished_levels: list[str]
    unlock_all_levels: bool

    def __init__(self, **values):
        problems = []
        for key in values:
            if key not in FIELDS:
                close = difflib.get_close_matches(key, FIELDS, n=1)
                problems.append((key, "not a setting" + (f"; did you mean {close[0]}?" if close else "")))
        for key, setting in FIELDS.items():
            try:
                value = setting.check(values[key]) if key in values else setting.fresh_default()
            except ValueError as e:
                problems.append((key, str(e)))
                continue
            object.__setattr__(self, key, value)
        if problems:
            raise SettingsError(problems)

    def __setattr__(self, key, value):
        if key not in FIELDS:
            raise SettingsError([(key, "not a setting")])
        try:
            object.__setattr__(self, key, FIELDS[key].check(value))
        except ValueError as e:
            raise SettingsError([(key, str(e))]) from None

    def __eq__(self, other):
        if not isinstance(other, Settings):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]  # a mutable value

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{k}={v!r}" for k, v in self.model_dump().items()) + ")"

    def model_dump(self) -> dict[str, Any]:
        return {key: (list(v) if isinstance(v := getattr(self, key), list) else v) for key in FIELDS}

    def model_dump_json(self, indent: int | None = None) -> str:
        return json.dumps(self.model_dump(), indent=indent, ensure_ascii=False)

    @classmethod
    def model_validate(cls, raw) -> Settings:
        if not isinstance(raw, dict):
            raise SettingsError([("", "not a table of settings")])
        return cls(**{str(k): v for k, v in raw.items()})

    @classmethod
    def model_validate_json(cls, text: str) -> Settings:
        return cls.model_validate(json.loads(text))


def settings_path() -> Path:
    return user_data_dir() / "settings.json"


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically: a crash leaves the old file or the new one, never half."""
    path = path or settings_path()
    write_atomic(path, settings.model_dump_json(indent=2).encode("utf-8") + b"\n")


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
    except SettingsError as e:
        kept, reset = _keep_good(raw, e)
        return _recover(path, kept, "; ".join(reset), partial=True)


def _keep_good(raw: dict, error: SettingsError) -> tuple[Settings, list[str]]:
    """Drop each setting named in an error, keep the rest; say what was reset and why."""
    bad: dict[str, str] = {}
    for key, why in error.problems:
        bad.setdefault(key, why)
    good = {k: v for k, v in raw.items() if str(k) not in bad}
    try:
        kept = Settings.model_validate(good)
    except SettingsError:
        # Every setting is checked on its own, so this should not happen; defaults are still safe.
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
    try:
        save_settings(settings, path)
    except OSError:
        pass  # The next start finds no file and uses the defaults; the old file is kept aside anyway.
    return settings, f"{message} The old file was kept as {moved.name}."
