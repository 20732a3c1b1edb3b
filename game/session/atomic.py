"""Careful handling of the player's own files: atomic writes, bounded reads, damaged files set aside.

Saves and settings share these so that a crash, a full disk or a mangled file never costs the
player more than the one thing being written, and nothing they had is ever deleted.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"


class NotAFile(OSError):
    """The path exists but is a folder, a pipe or a device, not a file we can read."""


class TooBig(OSError):
    """The file is larger than anything the game writes, so it is not read at all."""


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


def read_bounded(path: Path, limit: int) -> bytes:
    """The file's bytes; TooBig past `limit` (checked before reading), NotAFile for non-files.

    Raises FileNotFoundError and other OSErrors as they come.
    """
    if path.is_dir():
        raise NotAFile(f"{path.name} is a folder, not a file")
    # O_NONBLOCK so a named pipe called like a save cannot hang the game on open.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(f"{path.name} is not a regular file")
        if info.st_size > limit:
            raise TooBig(f"{path.name} is {info.st_size} bytes")
        # The size can change between fstat and read; never take more than limit + 1.
        data = f.read(limit + 1)
    if len(data) > limit:
        raise TooBig(f"{path.name} is over {limit} bytes")
    return data


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
