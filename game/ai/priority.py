"""`priority:CARD,CARD,...`: a fixed card priority, with no lookahead. Each turn it plays the
first cards of its list that it may use, as capital and the plan's size allow; cards of the other
side, or unknown to the level, are passed over. The yardstick the search must beat: an opponent
worth beating is not beaten by a list."""

from __future__ import annotations

from collections.abc import Sequence

from game.ai.protocol import Budget, Observation, Plan, seen
from game.core.words import N_, word

# Its reason for every plan, said in the player's language by the interface (game.speech.reasons).
PRIORITY_REASON = word(N_("plays the first cards of a fixed list that it can use"))

PREFIX = "priority:"


class PriorityAgent:
    """Plays the cards of a fixed list in order, whenever they can be used."""

    name = "priority"

    def __init__(self, side: str, seed: int, budget: Budget | None = None, order: Sequence[str] = ()):
        self.side = side
        self.order = tuple(order)
        self.reason = PRIORITY_REASON

    def choose(self, observation: Observation, legal: Sequence[Plan] | None = None) -> Plan:
        """The first usable cards of the list, as many as capital and the plan's size allow."""
        observation, plans = seen(observation, self.side, legal)
        level = observation.level
        usable = set(plans.actions)
        capital = observation.meters[f"{self.side}.capital"]
        plan: list[str] = []
        for card in self.order:
            if len(plan) >= level.rules.max_actions:
                break
            if card in usable and card not in plan and level.actions[card].cost <= capital:
                plan.append(card)
                capital -= level.actions[card].cost
        return tuple(plan)


def priority_spec(cards: Sequence[str]) -> str:
    """The agent name of a fixed priority: 'priority:' and the cards, best first."""
    return PREFIX + ",".join(cards)
