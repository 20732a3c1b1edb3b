"""The one place where a failure to write (or read) the player's data folder becomes a message.

A full disk, a read-only folder, a file where the saves folder should be, a folder the player may
not write: each is an `OSError` somewhere below. The save store, the settings, the campaign's
progress and the classroom's exports all turn it into a `DataFolderError` here, whose text says
what happened in the player's words, what was kept, and where the folder is, so that the player
can make room or fix it. The screens show that text and the game goes on; nothing the player had
is lost, because every write is atomic (`game.session.atomic`).
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path

from game.paths import user_data_dir
from game.session.atomic import remove_leftovers

# What the operating system's error means for the player.
_WHY = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "the game is not allowed to write there",
    errno.EPERM: "the game is not allowed to write there",
    errno.ENOTDIR: "a file stands where a folder should be",
    errno.EEXIST: "a file stands where a folder should be",
    errno.EISDIR: "a folder stands where a file should be",
    errno.ENAMETOOLONG: "a name in the path is too long",
    errno.ELOOP: "a link in the path leads round in a loop",
}
if hasattr(errno, "EDQUOT"):
    _WHY[errno.EDQUOT] = "your disk quota is used up"


class DataFolderError(OSError):
    """A file of the player's data folder could not be written or read; str() is for the player."""

    def __init__(self, message: str, folder: Path | None = None):
        super().__init__(message)
        self.folder = folder


def why(error: OSError) -> str:
    """What went wrong, in the player's words, with the system's own words after it."""
    meaning = _WHY.get(error.errno or 0)
    said = error.strerror or str(error)
    if meaning is None:
        return said
    return f"{meaning} ({said})" if said and said.lower() != meaning else meaning


def explain(error: OSError, kept: str = "", folder: Path | None = None) -> str:
    """The player's message for `error`: why, what was kept (`kept`), and where the folder is."""
    if isinstance(error, DataFolderError):
        return str(error)
    folder = folder if folder is not None else user_data_dir()
    parts = [why(error)]
    if kept:
        parts.append(kept)
    return "; ".join(parts) + f". The game's files are in {folder}"


@contextlib.contextmanager
def writing(folder: Path, kept: str) -> Iterator[None]:
    """Turn any OSError raised inside into a DataFolderError naming `folder` and what was `kept`."""
    try:
        yield
    except DataFolderError:
        raise
    except OSError as e:
        raise DataFolderError(explain(e, kept, folder), folder) from e


def problem_message(doing: str, error: OSError) -> str:
    """What a screen says when `doing` failed: "The autosave could not be written: the disk is full…"."""
    return f"{doing}: {explain(error)}"


def tidy(folder: Path | None = None) -> list[Path]:
    """Remove what writes cut short by a crash or a kill left in the data folder (hidden temporary
    files beside the settings, the saves, the facilitator's keys and the class server's outboxes);
    run when the game starts."""
    root = folder if folder is not None else user_data_dir()
    removed: list[Path] = []
    # (The folders of game.session.save_folder, game.classroom.keys and game.server.outbox.)
    for place in (root, root / "saves", root / "facilitator", root / "class-outbox"):
        removed += remove_leftovers(place)
    return removed
