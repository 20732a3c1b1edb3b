"""Where the game's own files are: shipped levels and assets (checkout or installed wheel), and the
player's data folder (saves, settings, mods), from platformdirs."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    # In a wheel, hatchling's force-include puts the folders inside the package (game/_data/...);
    # in a checkout they sit beside the package.
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def levels_dir() -> Path:
    return _shipped("levels")


def assets_dir() -> Path:
    return _shipped("assets")


def ui_font_file(bold: bool = False) -> Path | None:
    """The game's font (Noto Sans, shipped with pygame_gui), found without importing pygame_gui,
    so that the level validator can read it without starting pygame; None if it is missing."""
    import importlib.util

    spec = importlib.util.find_spec("pygame_gui")
    if spec is None or not spec.submodule_search_locations:
        return None
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


def user_data_dir() -> Path:
    """The player's data folder; PRAGMATIC_PARTNERS_HOME overrides it (tests, portable installs)."""
    override = os.environ.get("PRAGMATIC_PARTNERS_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("pragmatic-partners", appauthor=False)


def user_levels_dir() -> Path:
    return user_data_dir() / "levels"
