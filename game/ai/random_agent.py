"""`random`: a uniformly random legal plan. The conformance tests and golden transcripts use it."""

from __future__ import annotations

from collections.abc import Sequence

from game.ai.protocol import Budget, Observation, Plan, seen
from game.core import rng
from game.core.words import N_, word

# Its reason for every plan, said in the player's language by the interface (game.speech.reasons).
RANDOM_REASON = word(N_("chosen at random, among every plan it could afford"))


class RandomAgent:
    """Chooses uniformly among every legal plan, the empty one included."""

    name = "random"

    def __init__(self, side: str, seed: int, budget: Budget | None = None):
        self.side = side
        self.rng = rng.seed_state(seed)
        self.reason = ""

    def choose(self, observation: Observation, legal: Sequence[Plan] | None = None) -> Plan:
        """A legal plan, drawn from the agent's own random stream."""
        observation, plans = seen(observation, self.side, legal)
        x, self.rng = rng.next_u64(self.rng)
        self.reason = RANDOM_REASON
        return plans[x % len(plans)]
