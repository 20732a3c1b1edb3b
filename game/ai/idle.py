"""`idle`: does nothing, every turn. The yardstick the others must beat by a wide margin: a level
that can be won by waiting, or an agent that does no better, is not worth playing."""

from __future__ import annotations

from collections.abc import Sequence

from game.ai.protocol import Budget, Observation, Plan
from game.core.words import N_, word

# Its reason for every plan, said in the player's language by the interface (game.speech.reasons).
IDLE_REASON = word(N_("does nothing, every turn"))


class IdleAgent:
    """Always locks the empty plan."""

    name = "idle"

    def __init__(self, side: str, seed: int, budget: Budget | None = None):
        self.side = side
        self.reason = IDLE_REASON

    def choose(self, observation: Observation, legal: Sequence[Plan] | None = None) -> Plan:
        """The empty plan, which is always legal."""
        return ()
