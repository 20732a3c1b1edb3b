"""The game's random numbers: SplitMix64, whose whole state is one integer kept in the game state.

A pure function from state to (value, next state), so that a turn stays a pure function and a
replayed log draws exactly the same numbers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

_MASK = (1 << 64) - 1


def seed_state(seed: int) -> int:
    """The generator's state at the start of a game played with `seed`."""
    # The start state is a mixed *output*, not the stepped state: stepping alone would make seed
    # n + 1 start where seed n is after one draw, the same numbers one step later. Mixed, the
    # neighbouring seeds of a batch (1, 2, 3) start far apart and draw unrelated numbers.
    value, _ = next_u64((seed * 0x9E3779B97F4A7C15) & _MASK)
    return value


def next_u64(state: int) -> tuple[int, int]:
    """A 64-bit value and the next state."""
    state = (state + 0x9E3779B97F4A7C15) & _MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31), state


def uniform(state: int) -> tuple[float, int]:
    """A float in [0, 1)."""
    value, state = next_u64(state)
    return (value >> 11) / float(1 << 53), state


def weighted_index(state: int, weights: list[float]) -> tuple[int, int]:
    """An index drawn with chance in proportion to its weight, and the next state."""
    total = sum(weights)
    x, state = uniform(state)
    x *= total
    for i, w in enumerate(weights):
        x -= w
        if x < 0:
            return i, state
    return len(weights) - 1, state


def running_sums(weights: Iterable[float]) -> tuple[float, ...] | None:
    """The running sums of `weights`, for `weighted_index_by_sums`, or None where a draw by them
    could differ from `weighted_index`.

    They agree whenever every weight is a whole multiple of 1/1024 and the total is below 2**30:
    then x minus each running sum is exact in floating point, so `x < sums[i]` says exactly
    what weighted_index's repeated subtraction says. Levels give weights such as 1, 2 or 0.5.
    """
    weights = tuple(weights)
    if not all(w >= 0 and (w * 1024.0).is_integer() for w in weights) or sum(weights) >= 2.0**30:
        return None
    return tuple(accumulate(weights))


def running_sums_of_some(weights: Iterable[float]) -> tuple[float, ...]:
    """running_sums(weights) for weights left of a list whose own running sums were not None:
    each is still a whole multiple of 1/1024 and their total is smaller, so there is no need to
    check again."""
    return tuple(accumulate(weights))


def weighted_index_by_sums(state: int, sums: tuple[float, ...]) -> tuple[int, int]:
    """weighted_index(state, weights), bit for bit, by binary search over running_sums(weights):
    the events phase draws from a deck of dozens of cards every turn."""
    x, state = uniform(state)
    index = bisect_right(sums, x * sums[-1])
    return (index if index < len(sums) else len(sums) - 1), state
