"""`normal`: one turn of lookahead. Scores each legal action alone, builds candidate plans from the
best of them, and judges each candidate over a few sampled opponent plans and event draws."""

from __future__ import annotations

from game.ai.easy import EasyAgent
from game.ai.evaluate import evaluate
from game.ai.lookahead import candidate_plans, imagine, score_actions
from game.core import GameState, Plan, legal_actions, observe, rng
from game.core.meters import other


class NormalAgent:
    """Judges candidate plans one turn ahead against sampled opponent plans and event draws."""

    name = "normal"
    samples = 3  # sampled opponent plans and event draws per candidate
    top_actions = 6
    candidates = 10

    def __init__(self, side: str, seed: int):
        self.side = side
        self.rng = rng.seed_state(seed)
        # The agent guesses the other side's plan with an easy model of it, from its own stream.
        self.opponent_model = EasyAgent(other(side), seed ^ 0x5F3759DF)

    def futures(self, state: GameState) -> list[tuple[Plan, int]]:
        """`samples` guesses of the other side's plan, each with a seed for imagined events."""
        out = []
        for _ in range(self.samples):
            draw, self.rng = rng.next_u64(self.rng)
            out.append((self.opponent_model.choose(state), draw))
        return out

    def ranked(self, state: GameState) -> list[tuple[float, Plan]]:
        """(mean score, plan) for each candidate, best first."""
        state = observe(state, self.side)  # decide from what this side can see
        legal = legal_actions(state, self.side)
        if not legal:
            return [(0.0, ())]
        futures = self.futures(state)
        scores = score_actions(state, self.side, futures[0][0], futures[0][1], legal)
        ranked: list[tuple[float, Plan]] = []
        for plan in candidate_plans(state, self.side, scores, self.top_actions, self.candidates):
            value = sum(
                evaluate(imagine(state, self.side, plan, opp, seed), self.side) for opp, seed in futures
            ) / len(futures)
            ranked.append((value, plan))
        ranked.sort(key=lambda x: (-x[0], x[1]))
        return ranked

    def choose(self, state: GameState) -> Plan:
        """The best-ranked candidate."""
        return self.ranked(state)[0][1]
