"""Time limits in tests, as a ratio to the baseline loop timed in the same run.

A limit such as "a level file is read or refused within 2 s" is kept as what it means on a quiet
machine: a number of baseline loops (game.bench.baseline_loop). On this project's shared machines
the same call takes from one to four times as long within a minute, processor time included, and
the baseline slows with it: a limit in seconds fails on a busy machine and says nothing on a fast
one.
"""

from __future__ import annotations

import statistics
import time

from game.bench import baseline_loop

# Two seconds where one baseline loop takes 125 µs, as it does on a quiet machine of this project.
TWO_SECONDS = 16_000

_LOOPS = 40  # baseline loops a sample: a few milliseconds
_KEPT_FOR = 2.0  # seconds by the clock a measured baseline is used before it is measured again
_last: tuple[float, float] | None = None  # (when measured, processor seconds of one loop)


def baseline_seconds() -> float:
    """Processor seconds one baseline loop takes now (the median of three samples, measured again
    after two seconds)."""
    global _last
    now = time.perf_counter()
    if _last is None or now - _last[0] > _KEPT_FOR:
        samples = []
        for _ in range(3):
            start = time.process_time()
            for _ in range(_LOOPS):
                baseline_loop()
            samples.append((time.process_time() - start) / _LOOPS)
        _last = (time.perf_counter(), statistics.median(samples))
    return _last[1]


def in_baselines(seconds: float) -> float:
    """`seconds` of processor time as baseline loops timed now."""
    return seconds / baseline_seconds()
