"""Where the game's own files are: shipped levels and assets (checkout, installed wheel or portable
build), and the player's data folder (saves, settings, mods, exports): from platformdirs, or a
`data` folder beside the game when it runs portable (from a USB stick on a school machine)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# A file of this name beside the game's executable makes it portable: its data stays beside it.
PORTABLE_MARKER = "portable.txt"
HOME_VARIABLE = "PRAGMATIC_PARTNERS_HOME"


def _shipped(name: str) -> Path:
    # In a wheel, hatchling's force-include puts the folders inside the package (game/_data/...);
    # in a checkout they sit beside the package.
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def levels_dir() -> Path:
    return _shipped("levels")


def assets_dir() -> Path:
    return _shipped("assets")


def pygame_gui_font_file(name: str) -> Path | None:
    """A font pygame_gui ships (`NotoSans-Italic.ttf`), found without importing pygame_gui, so
    that the level validator can read it without starting pygame; None if pygame_gui is missing."""
    import importlib.util

    spec = importlib.util.find_spec("pygame_gui")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


def ui_font_file(bold: bool = False) -> Path | None:
    """The game's font: Partners Sans (assets/fonts, made by scripts/make_fonts.py), which is
    Noto Sans with the Chinese characters of Noto Sans SC, so that text in any of the game's
    languages, and a mix of them, draws in one face; Noto Sans as pygame_gui ships it should the
    assets be missing. None if neither is there."""
    style = "Bold" if bold else "Regular"
    ours = assets_dir() / "fonts" / f"PartnersSans-{style}.ttf"
    return ours if ours.is_file() else pygame_gui_font_file(f"NotoSans-{style}.ttf")


def ui_italic_font_file(bold: bool = False) -> Path | None:
    """The italic the game's text boxes set <i> in: Noto Sans Italic as pygame_gui ships it
    (Chinese has no italic; its characters are in the upright faces)."""
    return pygame_gui_font_file("NotoSans-BoldItalic.ttf" if bold else "NotoSans-Italic.ttf")


def app_dir() -> Path:
    """The folder the game runs from: the executable's in a built game (PyInstaller), else the
    folder that holds the `game` package (a checkout)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return _PACKAGE.parent


def portable_data_dir() -> Path:
    """The data folder of a portable game: `data` beside the game itself."""
    return app_dir() / "data"


def user_data_dir() -> Path:
    """The player's data folder. PRAGMATIC_PARTNERS_HOME overrides it (tests, `--portable`, which
    sets it to portable_data_dir()); a `portable.txt` beside the game makes it portable_data_dir();
    otherwise it is the system's folder for the user's application data."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override)
    if (app_dir() / PORTABLE_MARKER).is_file():
        return portable_data_dir()
    from platformdirs import user_data_path

    return user_data_path("pragmatic-partners", appauthor=False)


def user_levels_dir() -> Path:
    return user_data_dir() / "levels"
