"""`random`: a uniformly random legal plan. The conformance tests and golden transcripts use it."""

from __future__ import annotations

from game.core import legal_plans, rng


class RandomAgent:
    name = "random"

    def __init__(self, side: str, seed: int):
        self.side = side
        self.rng = rng.seed_state(seed)

    def choose(self, state) -> tuple[str, ...]:
        plans = legal_plans(state, self.side)
        x, self.rng = rng.next_u64(self.rng)
        return plans[x % len(plans)]
