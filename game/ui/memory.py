"""Handing back the memory of the widgets a scene drops, by bytes rather than by objects.

pygame_gui's text boxes sit in reference cycles with their large text surfaces, which only the
cycle collector frees, and it counts objects, not bytes: a few dropped text boxes hold megabytes
long before it runs on its own. A full collection on every change of screen frees them, but it
walks every object the process holds (a long game's reports, and in the tests everything the
session has loaded), tens of milliseconds each time. So a change of screen collects only the
young generations, which is cheap, and a full collection (with glibc asked to give the freed
space back) runs when the resident memory has grown by GROWTH_MB since the last one.
"""

from __future__ import annotations

import gc
import os

GROWTH_MB = 24.0
# Where resident memory cannot be read, every EVERY-th release is a full one instead.
EVERY = 8


def _statm_reader():
    """A function giving this process's resident memory in MB, or None where it cannot be read."""
    try:
        page_mb = os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
        with open("/proc/self/statm", "rb") as fh:
            fh.read()
    except (OSError, ValueError, AttributeError):
        return None

    def resident_mb() -> float:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * page_mb

    return resident_mb


def _trimmer():
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


class MemoryKeeper:
    """Decides, at each change of screen, whether a full collection is worth its cost. The app
    keeps one (`App.memory`); tests give it a resident-memory reader of their own."""

    def __init__(self, resident_mb=None, trim=None, growth_mb: float | None = None):
        self.resident_mb = resident_mb
        self.trim = trim
        # Read when the keeper is made, not when this module is imported: the test suite, one
        # long process that grows by its own loading, sets the module's figure higher.
        self.growth_mb = GROWTH_MB if growth_mb is None else growth_mb
        self.after_full = resident_mb() if resident_mb else 0.0
        self.calls = 0
        self.full_collections = 0

    @classmethod
    def for_this_process(cls) -> MemoryKeeper:
        return cls(_statm_reader(), _trimmer())

    def release(self, young_only: bool = False) -> bool:
        """Free what was just dropped (called between scenes and when a scene swaps its text,
        never per frame); True if this was a full collection. `young_only`, for a text just
        swapped in a box that stays, never asks for a full one."""
        gc.collect(1)
        if young_only:
            return False
        self.calls += 1
        if not self.grown():
            return False
        gc.collect()
        if self.trim is not None:
            self.trim(0)
        self.full_collections += 1
        self.after_full = self.resident_mb() if self.resident_mb else 0.0
        return True

    def grown(self) -> bool:
        if self.resident_mb is None:
            return self.calls % EVERY == 0
        return self.resident_mb() - self.after_full > self.growth_mb
