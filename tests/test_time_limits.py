"""The tests' time limits are baseline loops timed in the same run (tests/time_limits.py): a call
over its limit still fails, one under it passes, and N loops of the baseline count as about N."""

import time

import pytest
import test_level_fuzz
from time_limits import in_baselines

from game.bench import baseline_loop


def loops(n):
    for _ in range(n):
        baseline_loop()


def test_n_baseline_loops_count_as_about_n():
    start = time.process_time()
    loops(200)
    assert 200 / 3 < in_baselines(time.process_time() - start) < 200 * 3


def test_a_call_over_its_limit_fails_and_one_under_it_passes(monkeypatch):
    monkeypatch.setattr(test_level_fuzz, "REMEASURE", 0)
    monkeypatch.setattr(test_level_fuzz, "TIME_LIMIT", 20)
    with pytest.raises(AssertionError, match="baseline loops"):
        test_level_fuzz.timed("two hundred loops", loops, 200)
    monkeypatch.setattr(test_level_fuzz, "TIME_LIMIT", 2_000)
    assert test_level_fuzz.timed("two hundred loops", loops, 200) == (None, None)
