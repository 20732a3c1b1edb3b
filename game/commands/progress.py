"""The progress bar of the commands that play many games (`simulate`, `balance`)."""

from __future__ import annotations

import sys
from collections.abc import Callable


def progress_bar() -> Callable[[int, int], None] | None:
    """A one-line progress bar on a terminal; nothing when output goes to a file."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} games")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show
