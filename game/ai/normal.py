"""`normal`: one turn of lookahead. Scores each legal action alone, builds candidate plans from the
best of them, and judges each candidate over a few sampled futures: states drawn from what the side
can see (`game.ai.determinize`), each with a guess at the other side's plan and its own event draws."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from game.ai.determinize import determinize
from game.ai.easy import EasyAgent
from game.ai.evaluate import judged
from game.ai.explain import plan_reason, within_100
from game.ai.lookahead import best_actions, candidate_plans, imagine, score_actions
from game.ai.negotiate import plans_that_keep
from game.ai.protocol import Budget, LegalPlans, Observation, Plan, seen
from game.core import GameState, legal_actions, rng
from game.core.engine import scores
from game.core.meters import other
from game.core.words import counted, n_

# A sampled future: a whole state drawn from the observation, and a guess at the other's plan.
Future = tuple[GameState, Plan]
Ranked = tuple[float, Plan]  # a candidate plan and its mean score one turn ahead


class NormalAgent:
    """Judges candidate plans one turn ahead against sampled futures."""

    name = "normal"
    samples = 3  # sampled futures per candidate
    top_actions = 6
    candidates = 10
    keeping_extras = 4  # best cards tried beside the ones it is bound to play

    def __init__(self, side: str, seed: int, budget: Budget | None = None):
        self.side = side
        self.rng = rng.seed_state(seed)
        # The agent guesses the other side's plan with an easy model of it, from its own stream.
        self.opponent_model = EasyAgent(other(side), seed ^ 0x5F3759DF)
        self.sample: Future | None = None  # the first sampled future of the last lookahead
        # Each plan of the last lookahead: its agenda score after the turn, mean over the futures.
        # The reason gives this, the score the player's agenda shows, not the soft outlook the
        # plans are ranked by (a goal nearly met counts there in part): "about 94 of 100" beside
        # a score that ended at 73.3 read as a promise broken.
        self.expected: dict[Plan, float] = {}
        self._why: Callable[[], str] | None = None  # the reason, to work out if it is asked for
        self._reason = ""

    @property
    def reason(self) -> str:
        """Why the last plan was chosen, in words (worked out when first asked for)."""
        if self._why is not None:
            self._reason, self._why = self._why(), None
        return self._reason

    def futures(self, observation: Observation) -> list[Future]:
        """`samples` states drawn from what the side sees, each with a guess at the other's plan."""
        out = []
        partner = other(self.side)
        for _ in range(self.samples):
            state, self.rng = determinize(observation, self.side, self.rng)
            out.append((state, self.opponent_model.draw(state, legal_actions(state, partner))))
        return out

    def lookahead(self, observation: Observation, legal: LegalPlans) -> tuple[dict[str, float], list[Ranked]]:
        """Each usable card's gain over doing nothing one turn ahead, and (mean score, plan) for
        each candidate plan, best first."""
        self.expected = {}
        if not legal.actions:
            return {}, [(0.0, ())]
        futures = self.futures(observation)
        self.sample = first, opponent_plan = futures[0]
        gains = score_actions(first, self.side, opponent_plan, first.rng, legal.actions)
        ranked: list[Ranked] = []
        plans = candidate_plans(observation, self.side, gains, self.top_actions, self.candidates)
        # Beside the plans of its best cards, those that keep the words it gave at the summit: each
        # is judged with the price of the words it breaks (`judged`), so a plan of better cards
        # that breaks one wins only when it is clearly worth more.
        best = best_actions(gains, self.keeping_extras)
        plans += [p for p in plans_that_keep(observation, self.side, best) if p not in plans]
        for plan in plans:
            imagined = [imagine(state, self.side, plan, opp, state.rng) for state, opp in futures]
            value = sum(judged(after, self.side) for after in imagined) / len(futures)
            self.expected[plan] = sum(scores(after)[self.side] for after in imagined) / len(futures)
            ranked.append((value, plan))
        ranked.sort(key=lambda x: (-x[0], x[1]))
        return gains, ranked

    def ranked(self, observation: Observation, legal: LegalPlans) -> list[Ranked]:
        """(mean score, plan) for each candidate, best first."""
        return self.lookahead(observation, legal)[1]

    def choose(self, observation: Observation, legal: Sequence[Plan] | None = None) -> Plan:
        """The best-ranked candidate."""
        observation, plans = seen(observation, self.side, legal)
        gains, ranked = self.lookahead(observation, plans)
        plan = ranked[0][1]
        value = self.expected.get(plan, ranked[0][0])
        nothing = self.expected.get(()) if any(p == () for _v, p in ranked) else None
        sample = self.sample

        def why() -> str:
            if nothing is None:
                outlook = counted(
                    n_(
                        "Looking one turn ahead in {n} sampled future, it expected its agenda to stand "
                        "at about {plan:.0f} of 100 after this turn with this plan.",
                        "Looking one turn ahead in {n} sampled futures, it expected its agenda to stand "
                        "at about {plan:.0f} of 100 after this turn with this plan.",
                        self.samples,
                    ),
                    plan=within_100(value),
                )
            else:
                outlook = counted(
                    n_(
                        "Looking one turn ahead in {n} sampled future, it expected its agenda to stand "
                        "at about {plan:.0f} of 100 after this turn with this plan, and {nothing:.0f} "
                        "doing nothing.",
                        "Looking one turn ahead in {n} sampled futures, it expected its agenda to stand "
                        "at about {plan:.0f} of 100 after this turn with this plan, and {nothing:.0f} "
                        "doing nothing.",
                        self.samples,
                    ),
                    plan=within_100(value),
                    nothing=within_100(nothing),
                )
            if sample is None:
                return outlook
            return plan_reason(sample[0], self.side, plan, sample[1], gains, outlook)

        self._why = why
        return plan
