"""Where the saves live and whether an autosave is there: what the title screen asks before
anything is loaded, without the save format (and pydantic) behind `game.session.saves`."""

from __future__ import annotations

from pathlib import Path

from game.paths import user_data_dir

AUTOSAVE = "autosave.json"
AUTOSAVE_PREV = "autosave.prev.json"


def saves_dir() -> Path:
    """Where the saves live, in the user's data folder."""
    return user_data_dir() / "saves"


def present(path: Path) -> bool:
    """Whether anything is there, even a broken link (loading it says what is wrong)."""
    return path.exists() or path.is_symlink()


def autosave_present(root: Path) -> bool:
    """Whether an autosave file is there at all (readable or not: loading it says which)."""
    return present(root / AUTOSAVE) or present(root / AUTOSAVE_PREV)
