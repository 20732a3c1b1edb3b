"""Careful handling of the player's own files: atomic writes, bounded reads, damaged files set aside.

Saves and settings share these so that a crash, a full disk or a mangled file never costs the
player more than the one thing being written, and nothing they had is ever deleted.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from game.files import NotAFile, TooBig, read_bounded

__all__ = ["NotAFile", "TooBig", "read_bounded", "remove_leftovers", "set_aside", "write_atomic"]

TEMP_SUFFIX = ".tmp"
# A temporary file this old is no write in progress (one takes milliseconds) but what a crash or a
# kill left behind; younger ones may belong to another copy of the game writing now.
LEFTOVER_AGE = 60.0


def write_atomic(path: Path, data: bytes, shared: bool = False) -> None:
    """Replace `path` with `data` so that readers see either the old file or the new, never half.

    The temporary file sits in the same folder (os.replace is only atomic within one file system)
    and starts with a dot and ends in .tmp, so listings of *.json never show it. A temporary file
    is readable by its owner only; `shared` makes the result readable by others too (exports that a
    teacher collects from a student's account).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            # Without fsync a power cut after the rename can leave an empty file on some systems.
            os.fsync(f.fileno())
        if shared:
            os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        # Also on KeyboardInterrupt: a stray temp file is litter the player never asked for.
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_folder(path.parent)


def remove_leftovers(folder: Path, older_than: float = LEFTOVER_AGE) -> list[Path]:
    """Remove the temporary files that writes cut short left in `folder`; return those removed.

    Only files named as `write_atomic` names them (`.<name>.<random>.tmp`), regular, and at least
    `older_than` seconds old: nothing the player made, and no write in progress."""
    removed: list[Path] = []
    now = time.time()
    try:
        candidates = list(folder.glob(f".*{TEMP_SUFFIX}"))
    except OSError:
        return removed
    for path in candidates:
        try:
            info = path.lstat()
            if path.is_symlink() or not path.is_file() or now - info.st_mtime < older_than:
                continue
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open folders, and failing here
    # would report an error for a write that did happen.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def set_aside(path: Path) -> Path:
    """Rename a damaged file (or folder) to `<stem>.damaged-<n><suffix>` beside it; return the new path.

    Never deletes: the player may want to recover it by hand, or send it with a bug report.
    """
    n = 1
    while True:
        target = path.with_name(f"{path.stem}.damaged-{n}{path.suffix}")
        if not target.exists() and not target.is_symlink():
            break
        n += 1
    os.rename(path, target)
    return target
