"""The few settings the title's first frame needs (the window and the look), read quickly.

`game.session.settings` reads the whole settings file with pydantic, which takes a good part of a
second's start to import. The first frame needs only the window's size, full screen, the UI
scale, the palette, projector mode and the language, so the window reads those here, with the standard
library, and the game reads the whole file with pydantic just after its first frame
(`App.settle`), which also reports and repairs a damaged file as before.

This read never reports nor changes anything: a value it does not take as it stands (of another
type, out of range, a file it cannot read) is the default here, and the full read decides. Where
the two differ (pydantic also takes "1280" or 1 for true), the window follows the full read.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import NamedTuple

from game.files import read_bounded
from game.paths import user_data_dir

# As game.session.settings.Settings says them (tests/test_settings.py keeps the two the same).
MAX_SETTINGS_BYTES = 64_000
RANGES = {"window_width": (800, 7680), "window_height": (600, 4320), "ui_scale": (1.0, 2.0)}


class Look(NamedTuple):
    """The settings that size the window and choose its look, with their defaults."""

    window_width: int = 1280
    window_height: int = 720
    fullscreen: bool = False
    ui_scale: float = 1.0
    colour_blind: bool = False
    projector_mode: bool = False
    language: str | None = None  # (None: the system's; see game.i18n)


# The languages the settings take (game.session.settings.Settings.language).
LANGUAGES = ("en", "tr", "ru", "zh_CN")
DEFAULT = Look()


def look_of(settings: object) -> Look:
    """The look of a full set of settings (anything with the same attributes)."""
    return Look(*(getattr(settings, name) for name in Look._fields))


def _taken(name: str, value: object) -> bool:
    """Whether `value` is one the full read would take unchanged for the setting `name`."""
    default = getattr(DEFAULT, name)
    if name == "language":
        return value is None or value in LANGUAGES
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(default, int) and not isinstance(value, int):
        return False
    lo, hi = RANGES[name]
    return math.isfinite(value) and lo <= value <= hi


def read_look(path: Path | None = None) -> Look:
    """The look the settings file at `path` (the player's, by default) asks for, as far as it can
    be read without pydantic; the default for each setting it cannot take."""
    path = path or user_data_dir() / "settings.json"
    try:
        raw = json.loads(read_bounded(path, MAX_SETTINGS_BYTES).decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError):  # (missing, damaged: the full read says which)
        return DEFAULT
    if not isinstance(raw, dict):
        return DEFAULT
    return Look(
        **{
            name: raw[name] if name in raw and _taken(name, raw[name]) else getattr(DEFAULT, name)
            for name in Look._fields
        }
    )
