"""`easy`: plausible but unfocused. Builds a plan one action at a time, drawing each at random
with weights from how much its immediate effects help the side's agenda."""

from __future__ import annotations

from collections.abc import Sequence

from game.ai.protocol import Budget, Observation, Plan, seen
from game.core import Level, rng
from game.core.meters import STATES
from game.core.words import N_, word

# Its reason for every plan, said in the player's language by the interface (game.speech.reasons).
EASY_REASON = word(N_("cards drawn at random, the more likely the more they help its agenda at once"))

REMEMBERS = 0.7  # how often an easy player keeps in mind the terms it agreed to


def action_weights(level: Level, side: str) -> dict[str, float]:
    """Weight of each of the side's actions: 1, plus how its effects point toward its goals."""
    agenda = level.agendas[side]
    wants: dict[str, float] = {}
    for goal in agenda.goals:
        direction = 1.0 if goal.at_least is not None else -1.0
        meter = goal.meter
        wants[meter] = wants.get(meter, 0.0) + direction * goal.weight
        if meter.startswith("central_asia."):
            power = meter.split(".")[1]
            for place in STATES:
                wants[f"{place}.{power}"] = wants.get(f"{place}.{power}", 0.0) + direction * goal.weight / 5
        if meter == "partnership":
            for pillar in ("military_trust", "economic_ties", "shared_stance"):
                wants[pillar] = wants.get(pillar, 0.0) + direction * goal.weight / 3
    weights: dict[str, float] = {}
    for action in level.side_actions(side):
        fit = sum(wants.get(e.meter, 0.0) * e.delta for e in action.does.effects)
        weights[action.id] = 1.0 + max(0.0, fit) / max(1, action.cost)
    return weights


class EasyAgent:
    """Draws a plan one action at a time, each with chance by its weight for the agenda."""

    name = "easy"

    def __init__(self, side: str, seed: int, budget: Budget | None = None):
        self.side = side
        self.rng = rng.seed_state(seed)
        self._weights: dict[str, float] | None = None  # worked out from the first state's level
        self.reason = ""

    def choose(self, observation: Observation, legal: Sequence[Plan] | None = None) -> Plan:
        """A legal plan, drawn from the agent's own random stream."""
        observation, plans = seen(observation, self.side, legal)
        return self.draw(observation, plans.actions)

    def draw(self, observation: Observation, usable: Sequence[str]) -> Plan:
        """A plan drawn from the `usable` actions, each by its weight, as capital allows."""
        weights = self._weights
        if weights is None:
            weights = self._weights = action_weights(observation.level, self.side)
        level = observation.level
        capital = observation.meters[f"{self.side}.capital"]
        options = list(usable)
        plan: list[str] = []
        bound = [deed for c in observation.commitments for side, deed in c.term.bound() if side == self.side]
        if bound:
            # An easy player is forgetful: most turns it remembers what it agreed to, and then plays
            # a card it owes first and leaves out the cards it promised to hold back.
            remember, self.rng = rng.uniform(self.rng)
            if remember < REMEMBERS:
                actions = level.actions
                for deed in bound:
                    if deed.restraint:
                        options = [a for a in options if deed.kept_by((actions[a],))]
                for deed in bound:
                    if deed.restraint or len(plan) >= level.rules.max_actions:
                        continue
                    owed = [a for a in options if deed.done_by((actions[a],)) and actions[a].cost <= capital]
                    if owed and not any(deed.done_by((actions[a],)) for a in plan):
                        plan.append(owed[0])
                        capital -= actions[owed[0]].cost
                        options = [a for a in options if a not in plan]
                options = [a for a in options if actions[a].cost <= capital]
        while options and len(plan) < level.rules.max_actions:
            stop, self.rng = rng.uniform(self.rng)
            if plan and stop < 0.15:  # an unfocused player sometimes keeps capital back
                break
            index, self.rng = rng.weighted_index(self.rng, [weights[a] for a in options])
            chosen = options[index]
            plan.append(chosen)
            capital -= level.actions[chosen].cost
            options = [a for a in options if a != chosen and level.actions[a].cost <= capital]
        self.reason = EASY_REASON
        return tuple(plan)
