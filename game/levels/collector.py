"""Reading a level with Python's cycle collector paused.

Parsing and compiling a level makes thousands of small objects (the TOML tables, the schema's
models, the conditions' closures) and frees none of them until it is done, so each automatic pass
of the cycle collector during a load finds nothing to free, yet walks every object the process
holds: in the window, with pygame and the interface loaded, those passes were a fifth of a level's
load time. Reference counting still frees what a load drops; the collector runs again afterwards,
as it was, and a load is bounded by the file's size limit, so nothing can pile up.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the automatic cycle collection for the block; leave it as it was found afterwards
    (still off if the caller had turned it off)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
