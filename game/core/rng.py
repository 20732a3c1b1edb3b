"""The game's random numbers: SplitMix64, whose whole state is one integer kept in the game state.

A pure function from state to (value, next state), so that a turn stays a pure function and a
replayed log draws exactly the same numbers.
"""
from __future__ import annotations

_MASK = (1 << 64) - 1


def seed_state(seed: int) -> int:
    # The start state is a mixed *output*, not the stepped state: stepping alone would make seed
    # n + 1 start where seed n is after one draw, the same numbers one step later. Mixed, the
    # neighbouring seeds of a batch (1, 2, 3) start far apart and draw unrelated numbers.
    value, _ = next_u64((seed * 0x9E3779B97F4A7C15) & _MASK)
    return value


def next_u64(state: int) -> tuple[int, int]:
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
    total = sum(weights)
    x, state = uniform(state)
    x *= total
    for i, w in enumerate(weights):
        x -= w
        if x < 0:
            return i, state
    return len(weights) - 1, state
