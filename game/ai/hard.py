"""`hard`: Monte Carlo search. Takes the `normal` agent's best candidates and plays each out several
turns ahead in sampled futures (states drawn from what the side can see, rollouts by the `easy`
policy on both sides), keeping the plan with the best mean outcome. The budget is a number of
rollouts, not a time, so that the same seed always gives the same choice."""

from __future__ import annotations

from collections.abc import Sequence

from game.ai.determinize import determinize
from game.ai.easy import EasyAgent
from game.ai.evaluate import evaluate
from game.ai.lookahead import imagine
from game.ai.normal import NormalAgent
from game.ai.protocol import Budget, Observation, Plan, seen
from game.core import is_terminal, legal_actions, resolve_turn, rng
from game.core.meters import other


class HardAgent:
    """Plays out `normal`'s best candidates several turns ahead and keeps the best on average."""

    name = "hard"
    finalists = 5
    rollouts = 6
    depth = 3  # turns played out after the one being chosen

    def __init__(self, side: str, seed: int, budget: Budget | None = None):
        self.side = side
        self.rng = rng.seed_state(seed)
        self.normal = NormalAgent(side, seed ^ 0x2545F491)
        self.me = EasyAgent(side, seed ^ 0x9E3779B9)
        self.them = EasyAgent(other(side), seed ^ 0x7F4A7C15)
        self.reason = ""

    def rollout(self, observation: Observation, plan: Plan) -> float:
        """How `plan` turns out in a sampled future, after `depth` more turns of easy play."""
        me, them = self.side, other(self.side)
        state, self.rng = determinize(observation, me, self.rng)
        future = imagine(state, me, plan, self.them.draw(state, legal_actions(state, them)), state.rng)
        for _ in range(self.depth):
            if is_terminal(future):
                break
            plans = {
                me: self.me.draw(future, legal_actions(future, me)),
                them: self.them.draw(future, legal_actions(future, them)),
            }
            future, _ = resolve_turn(future, plans, record=False)
        return evaluate(future, me)

    def choose(self, observation: Observation, legal: Sequence[Plan] | None = None) -> Plan:
        """The finalist with the best mix of rollout mean and lookahead score."""
        observation, plans = seen(observation, self.side, legal)
        ranked = self.normal.ranked(observation, plans)
        if len(ranked) == 1:
            return ranked[0][1]
        best_value, best_plan = float("-inf"), ranked[0][1]
        for lookahead_value, plan in ranked[: self.finalists]:
            mean = sum(self.rollout(observation, plan) for _ in range(self.rollouts)) / self.rollouts
            value = 0.5 * mean + 0.5 * lookahead_value
            if value > best_value:
                best_value, best_plan = value, plan
        return best_plan
