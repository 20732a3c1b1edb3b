"""The public API of the rules engine, in OpenSpiel's words.

    state = initial_state(level, seed)
    legal_actions(state, side) -> the action ids a plan may be built from
    legal_plans(state, side)   -> every legal plan
    state, report = resolve_turn(state, {"moscow": plan, "beijing": plan})
    is_terminal(state), outcome(state), scores(state)
    provisional_scores(state, played)  -> the score of a game ended before its last turn

A turn resolves in the fixed order of DESIGN §1 (see `game.core.phases`); nothing here mutates the
state it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import combinations

from game.core import rng
from game.core.expr import Condition, ExprError, compile_condition, conjuncts
from game.core.level import ENGINE_SOURCE, Action, Event, Goal, Level
from game.core.meters import (
    AGGREGATES,
    ALL_METERS,
    DERIVED,
    PILLARS,
    REGION_TARGETS,
    SIDES,
    aggregate_value,
)
from game.core.phases import (
    WHY_PILLAR_UPKEEP,
    Adjustment,
    Turn,
    ceiling_terms,
    final_outcome,
    partnership_target,
)
from game.core.report import Change, TurnReport
from game.core.state import GameState

Plan = tuple[str, ...]
# What a facilitator or an experiment forces into a turn, with who did it: an event drawn ahead
# of the deck, or a direct change to one meter.
Injected = tuple[str, Event | Adjustment]


def initial_state(level: Level, seed: int | None = None) -> GameState:
    """The state before turn 1: the level's start values and flags, the RNG seeded with `seed`
    (the level's own seed when None)."""
    seed = level.seed if seed is None else int(seed)
    return GameState(
        level=level,
        seed=seed,
        turn=1,
        meters=dict(level.start),
        flags=dict(level.flags),
        flag_turns={f: (1 if v else 0) for f, v in level.flags.items()},
        scheduled=(),
        ready_at={},
        fired=frozenset(),
        normalized=(),
        rng=rng.seed_state(seed),
    )


def is_usable(state: GameState, action: Action) -> bool:
    """Whether `action` may go into its side's plan this turn: affordable, off its cooldown and
    its condition met (what `legal_actions` asks of each action, for a caller that needs to ask
    only of a few)."""
    if action.cost > state.meters[f"{action.side}.capital"]:
        return False
    ready_at = state.ready_at
    if ready_at and ready_at.get(action.ready_key, 0) > state.turn:
        return False
    return action.requires.test(state)


def _usable(state: GameState, side: str) -> Iterator[Action]:
    return (action for action in state.level.actions_of[side] if is_usable(state, action))


def legal_actions(state: GameState, side: str) -> list[str]:
    """The actions `side` may put in a plan this turn, in the level's order."""
    if state.outcome is not None:
        return []
    return [a.id for a in _usable(state, side)]


def legal_plans(state: GameState, side: str) -> list[Plan]:
    """Every plan `side` may lock this turn (the empty plan included), in a stable order."""
    if state.outcome is not None:
        return []
    usable = list(_usable(state, side))
    capital = state.meters[f"{side}.capital"]
    most = state.level.rules.max_actions
    if any(a.cost < 0 for a in usable):  # (a level's costs are never negative; see below)
        plans: list[Plan] = [()]
        for size in range(1, most + 1):
            for combo in combinations(usable, size):
                if sum(a.cost for a in combo) <= capital:
                    plans.append(tuple(a.id for a in combo))
        return plans
    # The same plans in the same order as every combination of each size, cheapest test first:
    # with no negative cost a plan is affordable only if it is an affordable plan one action
    # shorter and one more action, so each size grows from the last one's survivors. Agents ask
    # for every plan of every turn they imagine; this is a tenth of the work of trying them all.
    ids = [a.id for a in usable]
    costs = [a.cost for a in usable]
    found: list[Plan] = [()]
    grown: list[tuple[Plan, int, int]] = [((), 0, 0)]  # (plan, its cost, the next action to try)
    for _size in range(most):
        longer: list[tuple[Plan, int, int]] = []
        for plan, spent, start in grown:
            for i in range(start, len(ids)):
                cost = spent + costs[i]
                if cost <= capital:
                    longer.append((plan + (ids[i],), cost, i + 1))
        found.extend(plan for plan, _, _ in longer)
        grown = longer
    return found


def plan_problem(state: GameState, side: str, plan: Iterable[str]) -> str | None:
    """Why `plan` is not legal for `side` now, or None when it is."""
    if side not in SIDES:
        return f"unknown side '{side}'"
    if state.outcome is not None:
        return "the game is over"
    plan = tuple(plan)
    level = state.level
    if len(plan) > level.rules.max_actions:
        return f"a plan holds at most {level.rules.max_actions} actions"
    if len(set(plan)) != len(plan):
        return "an action can be used once a turn"
    total = 0
    capital = state.meters[f"{side}.capital"]
    turn, ready_at = state.turn, state.ready_at
    for action_id in plan:
        action = level.actions.get(action_id)
        if action is None or action.side != side:
            return f"'{action_id}' is not an action of {side}"
        # why_unusable's tests, inlined: every resolved turn checks both plans.
        if (
            action.cost > capital
            or (ready_at and ready_at.get(action.ready_key, 0) > turn)
            or not action.requires.test(state)
        ):
            return f"'{action_id}' cannot be used now: {why_unusable(state, side, action_id)}"
        total += action.cost
    if total > capital:
        return f"the plan costs {total} but {side} has {capital:g} political capital"
    return None


def why_unusable(state: GameState, side: str, action_id: str) -> str | None:
    """A player-readable reason an action is not available, or None if it is."""
    action = state.level.actions[action_id]
    capital = state.meters[f"{side}.capital"]
    if action.cost > capital:
        return f"costs {action.cost}, only {capital:g} political capital left"
    ready = state.ready_at.get(action.ready_key, 0)
    if ready > state.turn:
        return f"used recently; available again on turn {ready}"
    if not action.requires.test(state):
        return f"needs {unmet_part(action.requires, state)}"
    return None


def unmet_part(condition: Condition, state: GameState) -> str:
    """The parts of a condition that do not hold now, joined by 'and' ('not reduction_signed'
    rather than the whole 'turn >= 3 and shanghai_signed and not reduction_signed')."""
    parts = conjuncts(condition.text)
    if len(parts) == 1:
        return condition.text
    unmet = []
    for part in parts:
        try:
            if not compile_condition(part, condition.flags, condition.turns, condition.after_end).test(state):
                unmet.append(part)
        except ExprError:  # a part that is not a condition by itself: name the whole
            return condition.text
    return " and ".join(unmet) or condition.text


def is_legal_plan(state: GameState, side: str, plan: Iterable[str]) -> bool:
    """Whether `side` may lock `plan` now (see `plan_problem` for why not)."""
    return plan_problem(state, side, plan) is None


def resolve_turn(
    state: GameState, plans: dict[str, Plan], injected: Iterable[Injected] = (), record: bool = True
) -> tuple[GameState, TurnReport]:
    """Resolve one turn for both sides' locked plans; return the new state and its report.

    `injected` lists (who, Event) pairs forced into the events phase ahead of the draw: a
    facilitator's act or an experiment's change. Their changes are recorded with `who` as cause.
    With `record=False` the report lists plans, events and notes but not each meter change: the
    same game, faster, for agents and batch runs that read only the meters.
    """
    level = state.level
    # Actions resolve in the level's order, whatever order the player clicked them in, so that a
    # plan is a set and the same set always gives the same game. (A legal plan has no repeats.)
    in_order, action_of = level.action_order.__getitem__, level.actions.__getitem__
    ordered: dict[str, Plan] = {}
    chosen: dict[str, tuple[Action, ...]] = {}
    for side in SIDES:
        plan = plans.get(side, ())
        problem = plan_problem(state, side, plan)
        if problem is not None:
            raise ValueError(f"illegal plan for {side}: {problem}")
        ids = ordered[side] = tuple(sorted(plan, key=in_order))
        chosen[side] = tuple(map(action_of, ids))
    new_state, report = Turn(state.copy(), ordered, chosen, tuple(injected), record).run()
    # Kept without its records too: agents read the plans each side was seen to play (the partner's
    # cooldowns and delayed effects, game.ai.determinize), and a batch run's agents must see what
    # they would see in the window, or the figures measure other agents than the ones people meet.
    new_state.history = state.history + (report,)
    return new_state, report


def preview(state: GameState, side: str, action_id: str) -> list[Change]:
    """The immediate changes one action would make now (clamped as the engine clamps them)."""
    action = state.level.actions[action_id]
    no_plans: dict[str, Plan] = {s: () for s in SIDES}
    no_actions: dict[str, tuple[Action, ...]] = {s: () for s in SIDES}
    return Turn(state.copy(), no_plans, no_actions).preview_action(action)


# The phases whose rules answer the tags of the turn's actions, and those rules: what force,
# outreach and distance bring whatever the partner does (see `preview_tag_rules`). The drift of
# divergence toward the gap between both sides' methods is left out: it hangs on the partner's plan.
TAG_PHASES = ("actions", "methods", "washington")
TAG_RULES = frozenset(
    {
        "force_divergence",
        "association_cost",
        "distance_cost",
        "thaw_per_outreach",
        "thaw_per_distance",
        "thaw_per_force",
        "wedge",
    }
)


def preview_tag_rules(state: GameState, side: str, action_id: str) -> list[Change]:
    """What the rules would do this turn because of one action's tags (force widens divergence and
    costs the partner standing; outreach warms Washington), were it the side's only action and
    the partner idle: the methods and Washington phases are run with the action and with the same
    action stripped of its tags, and each tag rule's change that differs is the tags' doing (one
    Change a meter and rule)."""
    return _tag_rule_changes(state, side, (state.level.actions[action_id],))


def _tag_rule_changes(state: GameState, side: str, actions: tuple[Action, ...]) -> list[Change]:
    """What the tag rules would do this turn because of the tags of `actions` (a side's plan), the
    partner idle: the difference the tags make to each tag rule's change of each meter.

    The plan is played in both runs, once without its tags, so that its cards' own effects are the
    same in both: compared with an idle side instead, a card that takes a meter near its bound
    leaves a rule less room to move it (Washington's answer to the war, say, stops at a thaw of 0),
    and that difference would be told as something the card's tags did."""
    if not any(a.tags for a in actions):
        return []
    no_plans: dict[str, Plan] = {s: () for s in SIDES}

    def rule_changes(chosen: tuple[Action, ...]) -> dict[tuple[str, str], Change]:
        acts: dict[str, tuple[Action, ...]] = {s: () for s in SIDES}
        acts[side] = chosen
        turn = Turn(state.copy(), no_plans, acts)
        turn.run_phases(TAG_PHASES)
        out: dict[tuple[str, str], Change] = {}
        for c in turn.report.changes:
            if c.cause_id in TAG_RULES:
                key = (c.meter, c.cause_id)
                first = out.get(key)
                out[key] = c if first is None else first._replace(after=first.after + c.after - c.before)
        return out

    untagged = tuple(replace(a, tags=frozenset()) for a in actions)
    with_tags, without = rule_changes(actions), rule_changes(untagged)
    changes = []
    for key in [*with_tags, *(k for k in without if k not in with_tags)]:
        c, base = with_tags.get(key), without.get(key)
        delta = ((c.after - c.before) if c else 0.0) - ((base.after - base.before) if base else 0.0)
        if abs(delta) >= 0.005:
            # (a rule the tags stop, such as Washington's courting of a side that used no force,
            # has only the untagged run's record to name it)
            told = c if c is not None else base
            assert told is not None
            changes.append(told._replace(after=told.before + delta))
    return changes


@dataclass(frozen=True)
class GoalTurn:
    """One goal of a side's agenda that a plan would tick or untick, with its value now and then."""

    goal: Goal
    now: float
    then: float

    @property
    def met_then(self) -> bool:
        """Whether the goal would be met after the plan (it is not now), or not (it is now)."""
        return self.goal.met(self.then)


@dataclass(frozen=True)
class Forecast:
    """What a side's plan would do at once, were the partner idle and no event to come: each
    card's own effects, then what the rules its tags trigger add, the pillars' wear (which comes
    whatever is played), the ceiling the limits would then set, the partnership's pull toward
    what the pillars support (under that ceiling) and dependence's toward what each side trades;
    the meters after all of them; and the side's goals it would tick or untick.
    No die is cast: the events phase and the partner's plan are what it cannot know."""

    plan: Plan  # the cards, in the level's order
    changes: tuple[Change, ...]
    meters: dict[str, float]
    goals: tuple[GoalTurn, ...]


def forecast(state: GameState, side: str, plan: Iterable[str]) -> Forecast:
    """The board's forecast of `plan` for `side` (see `Forecast`). Reads `state`, never changes
    it, and draws nothing from its random generator: the game goes on as if it had not been asked."""
    level = state.level
    ids = sorted(set(plan), key=level.action_order.__getitem__)
    actions = tuple(level.actions[a] for a in ids)
    no_plans: dict[str, Plan] = {s: () for s in SIDES}
    no_actions: dict[str, tuple[Action, ...]] = {s: () for s in SIDES}
    turn = Turn(state.copy(), no_plans, no_actions)
    for action in actions:
        turn.preview_action(action)
    turn.phase = "methods"
    for c in _tag_rule_changes(state, side, actions):
        turn.rule(c.meter, c.after - c.before, c.cause_id, c.why)
    # The pillars' wear comes every turn whatever is played: left out, a card that lifts a pillar
    # by 2 was forecast to meet a goal 1 point away, which the turn then missed by 1.
    turn.phase = "partnership"
    target = partnership_target(turn.m, level.rules)  # (as the turn reads it: before the wear)
    if level.rules.pillar_upkeep:
        for pillar in PILLARS:
            turn.rule(pillar, -level.rules.pillar_upkeep, "pillar_upkeep", WHY_PILLAR_UPKEEP)
    # The ceiling as the limits would set it: the one shown moves by what the plan takes off it
    # or gives back (a plan that touches no limit leaves it where the last turn put it).
    normalizations = len(state.normalized)
    taken_now = sum(ceiling_terms(state.meters, level.rules, normalizations).values())
    taken_then = sum(ceiling_terms(turn.m, level.rules, normalizations).values())
    if abs(taken_now - taken_then) >= 0.005:
        turn.set(
            "partnership_ceiling",
            state.meters["partnership_ceiling"] + taken_now - taken_then,
            "rule",
            "ceiling",
            "the limits would cap how close the two can get here",
            level.rule_source_of.get("ceiling_identity", ENGINE_SOURCE),
        )
    # And the partnership's own pull toward what the pillars support, which comes every turn too:
    # left out, the forecast said no goal would change, and the partnership then rose five points
    # through a goal of "18 or less".
    turn.move_partnership(target)
    # And dependence's drift toward what each side trades, at the end of every turn.
    turn.phase = "memory"
    turn.move_dependence()
    after = state.copy()
    after.meters = turn.m
    agenda = level.agendas.get(side)
    goals = tuple(
        GoalTurn(g, goal_value(state, g.meter), goal_value(after, g.meter))
        for g in (agenda.goals if agenda else ())
        if g.met(goal_value(state, g.meter)) != g.met(goal_value(after, g.meter))
    )
    return Forecast(tuple(ids), tuple(turn.report.changes), turn.m, goals)


ADJUSTABLE = frozenset(m for m in ALL_METERS if m not in DERIVED) | REGION_TARGETS


def adjustment_problem(state: GameState | None, meter: str, delta: float) -> str | None:
    """Why a facilitator's adjustment cannot be made (None when it can). The answer does not depend
    on where the game stands, so a replay checks a logged adjustment with no state (None)."""
    if meter not in ADJUSTABLE:
        return f"'{meter}' is not a meter that can be adjusted"
    if not -100 <= delta <= 100 or delta != delta:
        return "an adjustment moves a meter by -100 to +100"
    return None


def end_now(state: GameState) -> GameState:
    """The game ended where it stands (a facilitator ends a session early): the outcome is the one
    the last turn would give with the meters as they are now."""
    if state.outcome is not None:
        return state
    ended = state.copy()
    ended.outcome = final_outcome(ended)
    return ended


def is_terminal(state: GameState) -> bool:
    """Whether the game is over (an outcome has been reached)."""
    return state.outcome is not None


def outcome(state: GameState) -> str | None:
    """The id of the level's outcome the game ended in, or None while it goes on."""
    return state.outcome


def goal_value(state: GameState, meter: str) -> float:
    """A meter's value, or an aggregate's (the mean influence of a power, the Northern Corridor)."""
    if meter in AGGREGATES:
        return aggregate_value(state.meters, meter)
    return state.meters[meter]


def _score(state: GameState, goals: dict[str, tuple[Goal, ...]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for side, agenda in goals.items():
        total = sum(g.weight for g in agenda)
        met = sum(g.weight for g in agenda if g.met(goal_value(state, g.meter)))
        out[side] = round(100.0 * met / total, 2) if total else 0.0
    return out


def scores(state: GameState) -> dict[str, float]:
    """Each side's agenda score, 0-100: the weighted share of its goals met now."""
    return _score(state, {side: agenda.goals for side, agenda in state.level.agendas.items()})


def winners(state: GameState) -> dict[str, bool]:
    """Whether each side's agenda score reaches the level's mark for a win."""
    s = scores(state)
    return {side: s[side] >= state.level.agendas[side].win_at for side in s}


# -- the provisional score of a game ended before its last turn (docs/model.md, "Scoring") ------


def start_value(level: Level, meter: str) -> float:
    """A goal's meter (or aggregate) as the level starts it."""
    if meter in AGGREGATES:
        return aggregate_value(level.start, meter)
    return level.start[meter]


def prorated_goal(goal: Goal, start: float, share: float) -> Goal:
    """The goal as it stands after `share` (0-1) of the way: each bound is moved from the meter's
    start value toward the goal's own bound by that share. So a bound the meter has still to reach
    asks for that share of the way, and a bound met at the start may have lost only that share of
    its margin: the meter, at its pace so far, would meet the goal at the end. With share 1 the
    goal is the goal."""
    if share >= 1.0:
        return goal
    share = max(0.0, share)
    at_least, at_most = goal.at_least, goal.at_most
    if at_least is not None:
        at_least = round(start + (at_least - start) * share, 2)
    if at_most is not None:
        at_most = round(start + (at_most - start) * share, 2)
    return replace(goal, at_least=at_least, at_most=at_most)


def turns_played(state: GameState) -> int:
    """How many turns have been resolved (a game ended early stops at the turn being planned)."""
    return min(state.turn - 1, state.level.turns)


# How the share of the way asked of a provisional score grows with the share of the turns played:
# (played / turns) ** PACE. Below 1, a game's first turns count for more of the way than its last,
# as they do in play (both sides move most while the agenda is furthest off; the last turns hold).
# Measured with two normal agents at every shipped level's cut (docs/classroom.md, "Short sessions").
# A bound the level sets at its cut follows its own path instead (`bound_through_cut`).
PACE = 0.6


def progress_share(played: int, turns: int) -> float:
    """The share of the way to each goal asked after `played` of `turns` turns, 0-1."""
    if turns <= 0 or played >= turns:
        return 1.0
    return float((max(0, played) / turns) ** PACE)


def bound_through_cut(start: float, at_cut: float, bound: float, played: int, cut: int, turns: int) -> float:
    """A bound the level sets at its cut, after `played` of `turns` turns: on the straight line from
    the meter's start to `at_cut` up to the cut, then on to the goal's own `bound` at the end. So it
    may ask less than the start at the cut (a meter that dips before it climbs) or more than the
    goal (one that overshoots before it settles)."""
    if played >= turns:
        return bound
    played = max(0, played)
    if played <= cut:
        return round(start + (at_cut - start) * played / cut, 2)
    return round(at_cut + (bound - at_cut) * (played - cut) / (turns - cut), 2)


def provisional_goal(level: Level, side: str, goal: Goal, played: int) -> Goal:
    """One goal pro-rated to `played` of the level's turns: at the common pace (`prorated_goal`),
    but each bound the level's classroom table sets at the cut on its own path through it."""
    start = start_value(level, goal.meter)
    pro_rated = prorated_goal(goal, start, progress_share(played, level.turns))
    at_cut = next((c for c in level.cut_goals if c.side == side and c.meter == goal.meter), None)
    if at_cut is None or level.cut is None or played >= level.turns:
        return pro_rated
    at_least, at_most = pro_rated.at_least, pro_rated.at_most
    if goal.at_least is not None and at_cut.at_least is not None:
        at_least = bound_through_cut(start, at_cut.at_least, goal.at_least, played, level.cut, level.turns)
    if goal.at_most is not None and at_cut.at_most is not None:
        at_most = bound_through_cut(start, at_cut.at_most, goal.at_most, played, level.cut, level.turns)
    return replace(goal, at_least=at_least, at_most=at_most)


def provisional_goals(level: Level, played: int) -> dict[str, tuple[Goal, ...]]:
    """Each side's goals pro-rated to `played` of the level's turns (see `provisional_goal`)."""
    return {
        side: tuple(provisional_goal(level, side, g, played) for g in agenda.goals)
        for side, agenda in level.agendas.items()
    }


def provisional_scores(state: GameState, played: int | None = None) -> dict[str, float]:
    """Each side's provisional score, 0-100, of a game ended after `played` turns (None: the turns
    resolved so far): the weighted share of its goals met, each goal pro-rated to the turns played.
    After the level's last turn it is the score itself; before the first has resolved, 0."""
    played = turns_played(state) if played is None else played
    if played >= state.level.turns:
        return scores(state)
    if played <= 0:
        # Nothing has been played: every goal pro-rated to no turns asks only for where its meter
        # started, so each side would score 100 and win. A game ended before its first turn
        # resolved has earned nothing.
        return {side: 0.0 for side in state.level.agendas}
    return _score(state, provisional_goals(state.level, played))


def provisional_winners(state: GameState, played: int | None = None) -> dict[str, bool]:
    """Whether each side's provisional score reaches its agenda's mark for a win."""
    s = provisional_scores(state, played)
    return {side: s[side] >= state.level.agendas[side].win_at for side in s}
