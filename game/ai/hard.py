"""`hard`: determinized Monte Carlo search, anytime, within a budget.

1. A shortlist: `normal`'s one-turn lookahead ranks the candidate plans; the best few, and doing
   nothing, go forward.
2. The search, in rounds. A round draws one world: a whole state sampled from what the side can
   see (the other side's hidden meters, its cooldowns and the event draws come from the agent's
   own stream, see `game.ai.determinize`) and the random draws of the imagined game. Each
   candidate still in the race is played in it against the plan `normal` would play in the other
   side's place (`expected_plan`: worked out once a decision, in one world drawn from what the side
   sees, as the other side would see it; where that plan is not legal in a world, the quick
   policy's guess), and the game is played out to its end by a quick policy on both sides
   (`RolloutPolicy`: the cards that push hardest toward the goals not met yet). Comparing
   candidates on the same worlds makes a small difference between two plans show through the
   noise of the events; a candidate clearly behind the best drops out, so the rounds go to the
   contenders.
3. An imagined game is judged by how far the side's own agenda (`evaluate`) comes out ahead
   of the other side's: the hard AI plays for its goals and minds relative gains, as the realist
   reading of a limited partnership has it; a point the other side misses counts as much as a
   point of its own. It is judged so twice, after the turn being chosen and at the game's end,
   and the two count half each (`near_weight`): the end is what the plan is for, the near
   outlook is what the plan itself decides, with less of the noise of the quick play after it.
   A finished imagined game is judged half by its outlooks and half by its result (`end_win`):
   won or lost, as the agenda scores compare.
4. The contender with the best mean outcome is chosen.

One iteration is one imagined game. The budget is a number of iterations (the same seed and
budget give the same game on any machine: tests, simulations, duels) or a time (`play`'s default,
1 s a decision). What the search found is kept in `last`, for the reason the debrief gives.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

from game.ai.determinize import determinize
from game.ai.evaluate import WORD_PRICE, evaluate, words_broken
from game.ai.explain import DOING_NOTHING, NO_CARD, PARTNER_NAMES, TO_THE_END, plan_reason, within_100
from game.ai.normal import NormalAgent
from game.ai.protocol import Budget, Observation, Plan, seen
from game.core import GameState, Level, resolve_turn, rng
from game.core.engine import goal_value, is_legal_plan, is_usable, scores
from game.core.level import Rules
from game.core.meters import PILLARS, SIDES, STATES, Side, other
from game.core.observe import observe
from game.core.phases import ceiling_weights, warmer_relation
from game.core.words import Lines, Said, counted, n_

# The iterations a decision gets when the budget names neither iterations nor a time: enough for
# the search to beat `normal` clearly, and a 12-turn game against `easy` in a few seconds.
DEFAULT_ITERATIONS = 200


def pull(effect: str, goal: str) -> float:
    """How far a point of `effect` (a meter or a region an effect names) moves the meter a goal
    reads: 1 for the meter itself or for a region on one of its states, a fifth for one state's
    share on the region's average, a third for a pillar on the partnership that follows the
    pillars, -1 for the Middle Corridor against the Northern."""
    if effect == goal:
        return 1.0
    if goal.startswith("central_asia."):
        power = goal.removeprefix("central_asia.")
        return 1.0 / len(STATES) if effect in {f"{st}.{power}" for st in STATES} else 0.0
    place, _, power = goal.partition(".")
    if place in STATES and effect == f"central_asia.{power}":
        return 1.0  # a region's shift moves each of its states
    if goal == "northern_corridor":
        return -1.0 if effect == "middle_corridor" else 0.0
    if goal == "partnership":
        return 1.0 / len(PILLARS) if effect in PILLARS else 0.0
    return 0.0


# How near its ceiling the partnership must be for the quick play to treat it as held there.
HELD_WITHIN = 0.5


def held_pull(effect: str, goal: str, rules: Rules, warmer: Side) -> float:
    """`pull` while the partnership is held at its ceiling: for the partnership, what a point of
    `effect` takes off the ceiling (`ceiling_weights`: Washington's only through its warmer
    relation), nothing for a pillar; for any other goal, as `pull`."""
    if goal != "partnership":
        return pull(effect, goal)
    return -ceiling_weights(rules, warmer).get(effect, 0.0)


class RolloutPolicy:
    """A quick player for imagined turns: it plays the cards whose printed effects push hardest
    toward the goals of its agenda not met yet (and those met only just), as capital allows, now
    and then a card drawn by chance instead. It knows one rule beyond the printed effects: while
    the partnership is held at its ceiling, the pillars cannot raise it and only a card that lowers
    one of the four limits can (docs/agents.md has the duels that measured it)."""

    def __init__(self, side: str, level: Level, chance: float = 0.2, just_met: float = 4.0):
        self.side = side
        self.level = level
        self.goals = level.agendas[side].goals
        # Each card's pull on the goals' meters it moves, (goal's index, pull), worked out once.
        self.pulls = self.card_pulls(pull)
        # While the partnership is held at its ceiling, a pillar raises nothing: only what lowers a
        # limit lets it rise (and what raises one pulls it down), one table for each of the two
        # Washington relations that may be the warmer (the warmer one weighs on the ceiling).
        self.held_pulls = {
            warmer: self.card_pulls(partial(held_pull, rules=level.rules, warmer=warmer)) for warmer in SIDES
        }
        self.chance = chance  # of a card drawn at random rather than the best
        self.just_met = just_met  # a goal met by less than this still wants protecting
        # Looked up once: draw() runs for both sides on every imagined turn.
        self.capital = f"{side}.capital"
        self.most = level.rules.max_actions
        self.actions = level.actions_of.get(side, ())  # in the level's order, as legal_actions lists them

    def card_pulls(self, pull_of: Callable[[str, str], float]) -> dict[str, tuple[tuple[int, float], ...]]:
        """Each card's pull on the goals' meters it moves, (goal's index, pull), by `pull_of`."""
        table: dict[str, tuple[tuple[int, float], ...]] = {}
        for a in self.level.side_actions(self.side):
            pulls = [
                (i, sum(d * pull_of(m, g.meter) for m, d in a.does.effects)) for i, g in enumerate(self.goals)
            ]
            table[a.id] = tuple((i, p) for i, p in pulls if p)
        return table

    def pulls_now(self, state: GameState) -> dict[str, tuple[tuple[int, float], ...]]:
        """The cards' pulls as they stand in `state`: the held table while the partnership sits at
        its ceiling."""
        m = state.meters
        if m["partnership"] < m["partnership_ceiling"] - HELD_WITHIN:
            return self.pulls
        return self.held_pulls[warmer_relation(m)]

    def wants(self, state: GameState) -> list[float]:
        """What a point toward each goal is worth now: its weight while unmet (signed by the way
        it must go), a third of it while met only just, nothing while met with room."""
        out = []
        for g in self.goals:
            value = goal_value(state, g.meter)
            if g.at_least is not None and value < g.at_least:
                out.append(g.weight)
            elif g.at_most is not None and value > g.at_most:
                out.append(-g.weight)
            elif g.at_least is not None and value - g.at_least < self.just_met:
                out.append(g.weight / 3.0)
            elif g.at_most is not None and g.at_most - value < self.just_met:
                out.append(-g.weight / 3.0)
            else:
                out.append(0.0)
        return out

    def draw(self, state: GameState, stream: int) -> tuple[Plan, int]:
        """A legal plan for `state`, and the stream's next value.

        Each pick is the card worth most among those still usable and affordable (the first in
        the level's order on a tie), or by chance any of them. Whether a card is usable is asked
        only of the cards in the running, best first: most turns settle on the first few, and
        asking it of every card was a third of the search's time. The plan is the one a pick from
        `legal_actions` gives, draw for draw (tests/test_ai.py checks it against that)."""
        if state.outcome is not None:
            return (), stream
        wants = self.wants(state)
        pulls, chance, actions = self.pulls_now(state), self.chance, self.actions
        worth = []
        for a in actions:
            w = 0.0
            for i, p in pulls[a.id]:
                w += wants[i] * p
            worth.append(w)
        best_first = sorted(range(len(actions)), key=lambda k: -worth[k])  # stable: ties in order
        usable: dict[int, bool] = {}
        legal: list[int] | None = None
        capital = state.meters[self.capital]
        plan: list[str] = []
        taken: set[int] = set()
        while len(plan) < self.most:
            best = None
            for k in best_first:
                if k in taken or actions[k].cost > capital:
                    continue
                if k not in usable:
                    usable[k] = is_usable(state, actions[k])
                if usable[k]:
                    best = k
                    break
            if best is None:
                break  # nothing left to play
            x, stream = rng.uniform(stream)
            if x < chance:
                if legal is None:
                    for k, action in enumerate(actions):
                        if k not in usable:
                            usable[k] = is_usable(state, action)
                    legal = [k for k in range(len(actions)) if usable[k]]
                options = [k for k in legal if k not in taken and actions[k].cost <= capital]
                chosen = options[int(x / chance * len(options)) % len(options)]
            else:
                chosen = best
                if worth[chosen] <= 0.0:
                    break
            plan.append(actions[chosen].id)
            capital -= actions[chosen].cost
            taken.add(chosen)
        return tuple(plan), stream


@dataclass
class Candidate:
    """A plan under search, with what its imagined games came to."""

    plan: Plan
    lookahead: float  # normal's one-turn score for it
    visits: int = 0
    total: float = 0.0
    values: list[float] = field(default_factory=list, repr=False)  # each round's outcome
    own: float = 0.0  # the summed agenda scores at the imagined ends, its own and the other side's
    theirs: float = 0.0

    @property
    def mean(self) -> float:
        """The mean outcome of its imagined games (0 before any)."""
        return self.total / self.visits if self.visits else 0.0

    def record(self, value: float, own: float, theirs: float) -> None:
        """Count one imagined game: its outcome, and both sides' outlooks at its end."""
        self.visits += 1
        self.total += value
        self.values.append(value)
        self.own += own
        self.theirs += theirs


@dataclass
class SearchReport:
    """What one decision's search found: the candidates, the action gains, the effort."""

    candidates: list[Candidate]
    gains: dict[str, float]  # each usable card's gain over doing nothing, one turn ahead
    iterations: int
    ms: float  # the whole decision
    search_ms: float  # the search alone
    chosen: Plan
    turns_left: int  # the turns after this one, to the end of the level


class HardAgent:
    """Searches sampled futures, to the end of the game, for the plan with the best outcome."""

    name = "hard"
    shortlist = 8
    chance = 0.05  # the quick policy's chance of a card drawn at random rather than the best
    rivalry = 1.0  # how much the other side's outcome counts against its own
    least_rounds = 4  # rounds before a candidate may drop out
    margin = 2.0  # standard errors behind the best at which a candidate drops out
    horizon = 99  # turns played out after the one being chosen (to the end of any level)
    # How much the outlook after the turn being chosen counts, against the outlook at the end of
    # the imagined game. The end alone is what the plan is for, but ten turns of quick play after
    # it add noise that hides a small difference between two plans; the near outlook is steadier.
    # Half and half beat either alone in duels with `normal` (docs/strength.json).
    near_weight = 0.5
    # How much a finished game is judged by its real result (+1 won, -1 lost, 0 a tie, as the duels
    # and the player judge it: the agenda score against the other's) rather than the soft outlook.
    # The soft outlook gives most of a goal's credit to a goal nearly met, and a point of margin to
    # one met with room; the real score gives nothing for the first and needs none of the second,
    # and only the higher of the two scores wins. Half and half took hard over normal from 59% to
    # 66-69% on the levels where it had missed (docs/strength.json).
    end_win = 0.5
    # Whether this turn's imagined games meet the plan `normal` would play for the other side
    # rather than the quick policy's draw (`expected_plan`). A sensible opponent plays much as
    # `normal` does; the quick policy's guess, a card at a time toward its goals, missed the
    # plans that answer the cards in play. Against `normal` it took hard from 61% to 72% of games on
    # Strategic partnership (seeds 1000-1031, 64 games; docs/agents.md).
    foresee = True

    def __init__(self, side: str, seed: int, budget: Budget | None = None):
        self.side = side
        self.rng = rng.seed_state(seed)
        self.budget = budget or Budget()
        self.normal = NormalAgent(side, seed ^ 0x2545F491)
        self.partner = NormalAgent(other(side), seed ^ 0x5BD1E995)  # its guess at the other's play
        self.foreseen: tuple[GameState, Plan] | None = None  # the world and plan expected_plan found
        self.last: SearchReport | None = None

    @property
    def reason(self) -> str:
        """Why the last plan was chosen, in words, from the search's own figures."""
        # Each card's line says what it was expected to do against the plan the search met.
        last, sample = self.last, self.foreseen or self.normal.sample
        if last is None:
            return NO_CARD if sample is None else ""
        best = next(c for c in last.candidates if c.plan == last.chosen)
        nothing = next((c for c in last.candidates if c.plan == () and c.visits), None)
        ahead = (
            TO_THE_END
            if self.horizon >= last.turns_left
            else counted(n_("{n} turn ahead", "{n} turns ahead", self.horizon + 1))
        )
        parts = [
            counted(
                n_(
                    "Over {n} imagined game played {ahead}, it expected to finish with about {own:.0f} "
                    "of 100 for its agenda with this plan (and {partner} about {theirs:.0f} for its own)",
                    "Over {n} imagined games played {ahead}, it expected to finish with about {own:.0f} "
                    "of 100 for its agenda with this plan (and {partner} about {theirs:.0f} for its own)",
                    last.iterations,
                ),
                ahead=ahead,
                own=within_100(100 * best.own / best.visits),
                partner=PARTNER_NAMES[other(self.side)],
                theirs=within_100(100 * best.theirs / best.visits),
            )
        ]
        if nothing is not None and nothing is not best:
            english = "; doing nothing, about {nothing:.0f}"
            about = within_100(100 * nothing.own / nothing.visits)
            parts.append(Said(english.format(nothing=about), DOING_NOTHING, {"nothing": about}))
        parts.append(
            counted(
                n_(
                    ". It weighed {n} plan, each as much by where this turn left both agendas as by "
                    "where the game ended.",
                    ". It weighed {n} plans, each as much by where this turn left both agendas as by "
                    "where the game ended.",
                    len(last.candidates),
                )
            )
        )
        outlook = Lines(parts, "")
        if sample is None:
            return outlook
        return plan_reason(sample[0], self.side, last.chosen, sample[1], last.gains, outlook)

    def policies(self, observation: Observation) -> dict[str, RolloutPolicy]:
        """The quick players of both sides."""
        level = observation.level
        return {side: RolloutPolicy(side, level, self.chance) for side in SIDES}

    def expected_plan(self, observation: Observation) -> Plan | None:
        """What the other side would play now were it `normal`, in one world drawn from what the
        side sees (as the other side would see that world), or None when `foresee` is off."""
        self.foreseen = None
        if not self.foresee:
            return None
        world, self.rng = rng.next_u64(self.rng)
        state, _ = determinize(observation, self.side, world)
        plan = self.partner.choose(observe(state, other(self.side)))
        self.foreseen = state, plan
        return plan

    def playout(
        self,
        observation: Observation,
        plan: Plan,
        policies: dict[str, RolloutPolicy],
        world: int,
        expected: Plan | None = None,
    ) -> tuple[float, float, float]:
        """One imagined game in the world `world` names (a state drawn from what the side sees,
        the other's plan guessed, the events and the quick play after it): `plan`, then quick
        play on both sides to the end, or to the horizon. Its outcome (see `HardAgent`), and the
        agenda scores of the side and of the other side at its end, each 0-1."""
        me, them = self.side, other(self.side)
        state, stream = determinize(observation, me, world)
        if expected is not None and is_legal_plan(state, them, expected):
            guess = expected
        else:
            guess, stream = policies[them].draw(state, stream)
        state, _ = resolve_turn(state, {me: plan, them: guess}, record=False)
        broken = words_broken(state, me)  # (its price, as `normal` judges it, comes off the outcome)
        near = self.judge(state)
        for _ in range(self.horizon):
            if state.outcome is not None:
                break
            mine, stream = policies[me].draw(state, stream)
            theirs, stream = policies[them].draw(state, stream)
            state.rng, stream = rng.next_u64(stream)
            state, _ = resolve_turn(state, {me: mine, them: theirs}, record=False)
        # (What the reason tells: each side's agenda score where the imagined game ended, as the
        # player's agenda counts it, not the soft outlook the search is judged by.)
        real = scores(state)
        own, their = real[me] / 100.0, real[them] / 100.0
        value = self.near_weight * near + (1.0 - self.near_weight) * self.judge(state)
        return value - WORD_PRICE / 100.0 * broken, own, their

    def judge(self, state: GameState) -> float:
        """How far the side's outlook stands ahead of the other side's in `state`, about -1 to 1;
        for a finished game, blended with its result, won or lost (`end_win`)."""
        me, them = self.side, other(self.side)
        soft = (evaluate(state, me) - self.rivalry * evaluate(state, them)) / 100.0
        if state.outcome is None or not self.end_win:
            return soft
        real = scores(state)
        result = 1.0 if real[me] > real[them] else -1.0 if real[me] < real[them] else 0.0
        return (1.0 - self.end_win) * soft + self.end_win * result

    def search(self, observation: Observation, candidates: list[Candidate], gains: dict[str, float]) -> int:
        """Spend the budget on the candidates, in rounds: each round draws one world and plays
        every candidate still in the race in it, so that candidates are compared on the same
        draws; one that is clearly behind the best drops out. Returns the iterations run."""
        budget = self.budget
        limit = budget.iterations
        if limit is None and budget.ms is None:
            limit = DEFAULT_ITERATIONS
        deadline = None if budget.ms is None else time.perf_counter() + budget.ms / 1000.0
        policies = self.policies(observation)
        expected = self.expected_plan(observation)
        live = list(candidates)
        done = rounds = 0
        while len(live) > 1 or rounds < self.least_rounds:
            if limit is not None and done >= limit:
                break
            if deadline is not None and rounds >= 1 and time.perf_counter() >= deadline:
                break
            world, self.rng = rng.next_u64(self.rng)
            for c in live:
                c.record(*self.playout(observation, c.plan, policies, world, expected))
                done += 1
            rounds += 1
            if rounds >= self.least_rounds and len(live) > 1:
                live = self.race(live)
        return done

    def race(self, live: list[Candidate]) -> list[Candidate]:
        """The candidates not clearly behind the best: one drops out when its mean outcome,
        compared world by world with the best's, is below it by more than `margin` standard
        errors."""
        best = max(live, key=lambda c: c.mean)
        kept = []
        for c in live:
            if c is best:
                kept.append(c)
                continue
            diffs = [a - b for a, b in zip(c.values, best.values, strict=False)]
            n = len(diffs)
            mean = sum(diffs) / n
            spread = math.sqrt(sum((d - mean) ** 2 for d in diffs) / (n - 1)) if n > 1 else 0.0
            if mean + self.margin * spread / math.sqrt(n) >= 0.0:
                kept.append(c)
        return kept

    def choose(self, observation: Observation, legal: Sequence[Plan] | None = None) -> Plan:
        """The candidate whose imagined games came out best on average."""
        started = time.perf_counter()
        observation, plans = seen(observation, self.side, legal)
        if not plans.actions:
            self.last = self.foreseen = None
            return ()
        gains, ranked = self.normal.lookahead(observation, plans)
        shortlist = [Candidate(plan, value) for value, plan in ranked[: self.shortlist]]
        if not any(c.plan == () for c in shortlist):
            nothing = next((value for value, plan in ranked if plan == ()), 0.0)
            shortlist.append(Candidate((), nothing))
        searching = time.perf_counter()
        iterations = self.search(observation, shortlist, gains)
        search_ms = (time.perf_counter() - searching) * 1000.0
        best = max(shortlist, key=lambda c: (c.visits, c.mean, c.lookahead))
        elapsed = (time.perf_counter() - started) * 1000.0
        turns_left = observation.level.turns - observation.turn
        self.last = SearchReport(shortlist, gains, iterations, elapsed, search_ms, best.plan, turns_left)
        return best.plan
