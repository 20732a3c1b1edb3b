"""Reading a file the game did not write itself: a level, a save, a replay log, an export.

Every such file is opened without blocking and read only when it is a regular file under a size
limit, so that a named pipe called `x.toml` cannot hang the game, `/dev/zero` cannot fill its
memory and a symbolic link that loops is an error like any other. Plain Python, no imports from
the rest of the game, so every layer may use it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotAFile(OSError):
    """The path exists but is a folder, a pipe or a device, not a file we can read."""


class TooBig(OSError):
    """The file is larger than the limit for its kind, so it is not read at all."""


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The file's bytes; TooBig past `limit` (checked before reading), NotAFile for non-files.

    Raises FileNotFoundError and other OSErrors (a link that loops, permissions) as they come."""
    path = Path(path)
    if path.is_dir():  # (Windows cannot open a folder at all)
        raise NotAFile(f"{path.name} is a folder, not a file")
    # O_NONBLOCK so that opening a named pipe returns at once instead of waiting for a writer.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, "a symbolic link that leads round in a loop", str(path)) from None
        raise
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise NotAFile(f"{path.name} is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(f"{path.name} is not a regular file (a pipe or a device)")
        if info.st_size > limit:
            raise TooBig(f"{path.name} is {info.st_size:,} bytes, over the limit of {limit:,}")
        # The size can change between fstat and read; never take more than limit + 1.
        data = f.read(limit + 1)
    if len(data) > limit:
        raise TooBig(f"{path.name} is over the limit of {limit:,} bytes")
    return data


def resolved(path: str | Path) -> Path:
    """The path with its links followed, or as it stands (made absolute) when they cannot be:
    a link that loops must not stop a listing."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # RuntimeError: Python before 3.13 on a loop of links
        return Path(path).absolute()
