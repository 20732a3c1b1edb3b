"""`easy`: plausible but unfocused. Builds a plan one action at a time, drawing each at random
with weights from how much its immediate effects help the side's agenda."""

from __future__ import annotations

from game.core import GameState, Level, Plan, legal_actions, observe, rng
from game.core.meters import STATES


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

    def __init__(self, side: str, seed: int):
        self.side = side
        self.rng = rng.seed_state(seed)
        self._weights: dict[str, float] | None = None  # worked out from the first state's level

    def choose(self, state: GameState) -> Plan:
        """A legal plan, drawn from the agent's own random stream."""
        state = observe(state, self.side)  # decide from what this side can see
        weights = self._weights
        if weights is None:
            weights = self._weights = action_weights(state.level, self.side)
        level = state.level
        capital = state.meters[f"{self.side}.capital"]
        options = legal_actions(state, self.side)
        plan: list[str] = []
        while options and len(plan) < level.rules.max_actions:
            stop, self.rng = rng.uniform(self.rng)
            if plan and stop < 0.15:  # an unfocused player sometimes keeps capital back
                break
            index, self.rng = rng.weighted_index(self.rng, [weights[a] for a in options])
            chosen = options[index]
            plan.append(chosen)
            capital -= level.actions[chosen].cost
            options = [a for a in options if a != chosen and level.actions[a].cost <= capital]
        return tuple(plan)
