"""`hard`: Monte Carlo search. Takes the `normal` agent's best candidates and plays each out several
turns ahead against sampled opponents (rollouts by the `easy` policy on both sides), keeping the
plan with the best mean outcome. The budget is a number of rollouts, not a time, so that the same
seed always gives the same choice."""

from __future__ import annotations

from game.ai.easy import EasyAgent
from game.ai.evaluate import evaluate
from game.ai.lookahead import imagine
from game.ai.normal import NormalAgent
from game.core import GameState, Plan, is_terminal, observe, resolve_turn, rng
from game.core.meters import other


class HardAgent:
    """Plays out `normal`'s best candidates several turns ahead and keeps the best on average."""

    name = "hard"
    finalists = 5
    rollouts = 6
    depth = 3  # turns played out after the one being chosen

    def __init__(self, side: str, seed: int):
        self.side = side
        self.rng = rng.seed_state(seed)
        self.normal = NormalAgent(side, seed ^ 0x2545F491)
        self.me = EasyAgent(side, seed ^ 0x9E3779B9)
        self.them = EasyAgent(other(side), seed ^ 0x7F4A7C15)

    def rollout(self, state: GameState, plan: Plan) -> float:
        """How `plan` turns out, judged after `depth` more turns of easy play on both sides."""
        draw, self.rng = rng.next_u64(self.rng)
        future = imagine(state, self.side, plan, self.them.choose(state), draw)
        for _ in range(self.depth):
            if is_terminal(future):
                break
            future.rng = draw = (draw * 6364136223846793005 + 1442695040888963407) & ((1 << 64) - 1)
            future, _ = resolve_turn(
                future,
                {self.side: self.me.choose(future), other(self.side): self.them.choose(future)},
                record=False,
            )
        return evaluate(future, self.side)

    def choose(self, state: GameState) -> Plan:
        """The finalist with the best mix of rollout mean and lookahead score."""
        state = observe(state, self.side)  # decide from what this side can see
        ranked = self.normal.ranked(state)
        if len(ranked) == 1:
            return ranked[0][1]
        best_value, best_plan = float("-inf"), ranked[0][1]
        for lookahead_value, plan in ranked[: self.finalists]:
            mean = sum(self.rollout(state, plan) for _ in range(self.rollouts)) / self.rollouts
            value = 0.5 * mean + 0.5 * lookahead_value
            if value > best_value:
                best_value, best_plan = value, plan
        return best_plan
