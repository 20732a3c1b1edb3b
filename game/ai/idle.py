"""`idle`: does nothing, every turn. The yardstick the others must beat by a wide margin: a level
that can be won by waiting, or an agent that does no better, is not worth playing."""

from __future__ import annotations

from collections.abc import Sequence

from game.ai.protocol import Budget, Observation, Plan


class IdleAgent:
    """Always locks the empty plan."""

    name = "idle"

    def __init__(self, side: str, seed: int, budget: Budget | None = None):
        self.side = side
        self.reason = "does nothing, every turn"

    def choose(self, observation: Observation, legal: Sequence[Plan] | None = None) -> Plan:
        """The empty plan, which is always legal."""
        return ()
