"""Where the saves live and whether an autosave is there: what the title screen asks before
anything is loaded, without the save format (and pydantic) behind `game.session.saves`."""

from __future__ import annotations

from pathlib import Path

from game.paths import user_data_dir

AUTOSAVE = "autosave.json"
AUTOSAVE_PREV = "autosave.prev.json"
# One autosave a game: "autosave-<slot>.json", and "autosave-<slot>.prev.json" before it.
AUTOSAVE_GLOB = "autosave*.json"


def saves_dir() -> Path:
    """Where the saves live, in the user's data folder."""
    return user_data_dir() / "saves"


def present(path: Path) -> bool:
    """Whether anything is there, even a broken link (loading it says what is wrong)."""
    return path.exists() or path.is_symlink()


def is_autosave_name(name: str) -> bool:
    """Whether a file of the saves folder is an autosave (a game's own, or the one of old)."""
    return name in (AUTOSAVE, AUTOSAVE_PREV) or (name.startswith("autosave-") and name.endswith(".json"))


def autosave_present(root: Path) -> bool:
    """Whether an autosave file is there at all (readable or not: loading it says which)."""
    try:
        return any(is_autosave_name(p.name) for p in root.glob(AUTOSAVE_GLOB))
    except OSError:
        return False
