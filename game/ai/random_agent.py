"""`random`: a uniformly random legal plan. The conformance tests and golden transcripts use it."""

from __future__ import annotations

from game.core import GameState, Plan, legal_plans, observe, rng


class RandomAgent:
    """Chooses uniformly among every legal plan, the empty one included."""

    name = "random"

    def __init__(self, side: str, seed: int):
        self.side = side
        self.rng = rng.seed_state(seed)

    def choose(self, state: GameState) -> Plan:
        """A legal plan, drawn from the agent's own random stream."""
        state = observe(state, self.side)  # decide from what this side can see
        plans = legal_plans(state, self.side)
        x, self.rng = rng.next_u64(self.rng)
        return plans[x % len(plans)]
