"""What a finished (or stopped) game comes to, in words: the outcome, the turning points, each
side's decisions. The debrief screen and the classroom exports both tell it from here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from game.core.engine import goal_value, provisional_goals
from game.core.level import Goal, Level, Outcome, Rules
from game.core.meters import LIMITS, PILLARS, label
from game.core.phases import ceiling_weights
from game.core.report import Change, TurnReport
from game.core.summit import term_words
from game.core.words import N_, Said, counted, n_, word
from game.session.replay import FacilitatorAct

if TYPE_CHECKING:
    from game.session.game import Game


# The partnership follows the pillars and trust (a rise in one pulls it up, through the rule
# "pulled up toward ..."), and is held down by Washington's thaw and the limits: a turn's real cause
# is the act or event that moved one of these, not that rule, which moves it every turn.
_PULLS_UP = (*PILLARS, "trust")
_PULLS_DOWN = ("washington.thaw_moscow", "washington.thaw_beijing", *LIMITS)
_ACTS = ("action", "event", "delayed", "facilitator")
# The partnership's moves every turn: its pull toward what the pillars support, and the ceiling.
_ROUTINE = ("pillars", "ceiling")


def _ceiling_fall_cause(report: TurnReport, total: float, moved_at: int, rules: Rules) -> Change | None:
    """When the ceiling held the partnership down for most of its fall, what lowered the ceiling
    most that turn: the largest rise of the limit whose weight on the ceiling grew most (an act or
    a rule, such as a war going on). The resolution had said "held down by the ceiling;
    divergent methods weighs most", and the debrief put the fall down to a card's +3 to the
    identity gap, which took one point off."""
    held = sum(
        c.delta
        for c in report.changes[: moved_at + 1]
        if c.meter == "partnership" and c.cause_id == "ceiling"
    )
    if held * 2 > total:  # (both negative: the ceiling's hold is less than half of the fall)
        return None
    weights = {**ceiling_weights(rules, "moscow"), **ceiling_weights(rules, "beijing")}  # (either thaw)
    rises: dict[str, list[Change]] = {}
    for c in report.changes[: moved_at + 1]:
        if c.meter in weights and c.delta > 0:
            rises.setdefault(c.meter, []).append(c)
    if not rises:
        return None
    limit = max(rises, key=lambda m: weights[m] * sum(c.delta for c in rises[m]))
    return max(rises[limit], key=lambda c: c.delta)


def turning_point_cause(report: TurnReport, total: float, rules: Rules | None = None) -> Change | None:
    """What moved the partnership most in the direction it went in `report` (never against it):
    a blow to the partnership itself by an act, or by a rule that did most of the move; else an
    act or event that moved a pillar or trust the same way, or a limit or Washington's thaw the
    other way; else the biggest change to it in that direction. Only what came before the
    partnership's last move that turn counts: an event that fired after it (an event phase after
    the partnership's) moved it next turn, if at all. Given the level's `rules`, a fall the
    ceiling did most of is put down to what lowered the ceiling (`_ceiling_fall_cause`)."""
    sign = 1 if total > 0 else -1
    moved_at = max((i for i, c in enumerate(report.changes) if c.meter == "partnership"), default=-1)
    # A blow to the partnership itself, by an act or by a rule that answers one (Washington's
    # normalization, a word broken, distance kept from the partner's war), is the cause when it
    # is the larger part of the move: a card's -2 to military trust was named for a turn whose -9
    # came from Washington's normalization with Beijing.
    shocks = [
        c
        for c in report.changes[: moved_at + 1]
        if c.meter == "partnership" and c.delta * sign > 0 and c.cause_id not in _ROUTINE
    ]
    largest = max(shocks, key=lambda c: abs(c.delta), default=None)
    if largest is not None and (largest.cause_kind in _ACTS or abs(largest.delta) * 2 >= abs(total)):
        return largest
    if rules is not None and sign < 0:
        lowered = _ceiling_fall_cause(report, total, moved_at, rules)
        if lowered is not None:
            return lowered
    causes = [
        c
        for c in report.changes[: moved_at + 1]
        if c.cause_kind in _ACTS
        and (
            (c.meter in ("partnership", *_PULLS_UP) and c.delta * sign > 0)
            or (c.meter in _PULLS_DOWN and c.delta * sign < 0)
        )
    ]
    if causes:
        # An act on the partnership itself first, then the largest move of what it follows.
        return max(causes, key=lambda c: (c.meter == "partnership", abs(c.delta)))
    same_way = [c for c in report.changes_to("partnership") if c.delta * sign > 0]
    return max(same_way, key=lambda c: abs(c.delta)) if same_way else None


def turning_points(game: Game, count: int = 3) -> list[tuple[TurnReport, float, Change]]:
    """The `count` turns in which partnership moved most, with what moved it that way (see
    `turning_point_cause`): (report, total, change), in the order they were played (listed by size,
    turns 14, 12, 13 read as a list out of order)."""
    moves = []
    for report in game.reports:
        total = round(sum(c.delta for c in report.changes_to("partnership")), 2)
        cause = turning_point_cause(report, total, game.level.rules) if total else None
        if cause is not None:
            moves.append((abs(total), report, total, cause))
    moves.sort(key=lambda m: (-m[0], m[1].turn))
    largest = sorted(moves[:count], key=lambda m: m[1].turn)
    return [(r, total, c) for _, r, total, c in largest]


def ai_reason(game: Game, turn: int, side: str) -> str:
    """Why the AI chose `side`'s plan in `turn`, in its own words ('' for a person's plan, or
    for a turn played before the reasons were kept)."""
    return game.log.ai_reason_of(turn, side)


def cause_words(change: Change) -> str:
    """A turning point's cause in words: its reason, with the meter it moved when that is not the
    partnership itself ("Military trust +3.0: the border agreement ...")."""
    if change.meter == "partnership":
        return change.why
    moved = f"{change.delta:+.1f}".replace("-", "−")
    return f"{label(change.meter)} {moved}: {change.why}"


def outcome_of(game: Game) -> Outcome | None:
    """The level's Outcome the game ended in (None while it goes on, and for a session ended before
    its first turn was played: its epilogue would tell of years nobody played)."""
    if played_nothing(game):
        return None
    return next((o for o in game.level.outcomes if o.id == game.state.outcome), None)


def played_nothing(game: Game) -> bool:
    """Whether the session ended before its first turn was played."""
    return game.provisional is not None and game.provisional[0] == 0


NOTHING_TO_TELL = N_("The session ended before its first turn was played: there is no outcome to tell.")


def provisional_note(game: Game) -> str:
    """'provisional (6 of 12 turns)' for the score of a session ended before the level's last turn,
    '' for a score that is the game's own."""
    if game.provisional is None:
        return ""
    return provisional_words(*game.provisional)


def ending_kind(game: Game) -> str:
    """How a session ended before its last turn: "cut" (at the level's classroom cut), "set" (after
    the turn the session was set to end), "facilitator", or "" (it did not end early)."""
    if not game.log.ended_early:
        return ""
    spec = game.log.classroom
    last = spec.end_after_turn if spec is not None else None
    if last is not None and len(game.reports) == last:
        return "cut" if last == game.level.cut else "set"
    return "facilitator"


def ending_words(kind: str, played: int) -> str:
    """`ending_kind` in words, after `played` turns ('' for a session that did not end early)."""
    if kind == "cut":
        return word(ENDED_AT_CUT)
    if kind == "set":
        return Said(ENDED_AFTER.format(turn=played), ENDED_AFTER, {"turn": played})
    if kind == "facilitator":
        return word(ENDED_BY_FACILITATOR)
    return ""


def ending_note(game: Game) -> str:
    """How a session ended before its last turn, for the debrief and the worksheet: at the level's
    classroom cut, after the turn the session was set to end, or by the facilitator ('' if not)."""
    return ending_words(ending_kind(game), len(game.reports))


# How a session that stopped short is told (English Said: the interface and the exports say them
# in the class's language, game.speech.reasons.say; the tables and records keep the English).
PROVISIONAL = N_("provisional ({played} of {turns} turns)")
NOTHING_PLAYED = N_("provisional (0 of {turns} turns: nothing was played, so no goal is met)")
ENDED_AT_CUT = N_("ended at the level's classroom cut")
ENDED_AFTER = N_("ended after turn {turn}, as the session was set")
ENDED_BY_FACILITATOR = N_("ended early by the facilitator")


def provisional_words(played: int, turns: int) -> str:
    """'provisional (6 of 12 turns)'; for a session ended before any turn was played, that no goal
    is met (each pro-rated to no turns would ask only for where it started)."""
    if played <= 0:
        return Said(NOTHING_PLAYED.format(turns=turns), NOTHING_PLAYED, {"turns": turns})
    return Said(
        PROVISIONAL.format(played=played, turns=turns), PROVISIONAL, {"played": played, "turns": turns}
    )


def goals_report(game: Game, side: str) -> list[tuple[str, bool, float]]:
    """(goal text, met?, the value it ended at) for each of the side's goals. In a provisional
    score, each goal as it was pro-rated to the turns played, its bounds said after the text."""
    goals = game.level.agendas[side].goals
    if game.provisional is not None:
        goals = provisional_goals(game.level, game.provisional[0])[side]
    out = []
    for g in goals:
        value = goal_value(game.state, g.meter)
        if game.provisional is None:
            text = g.text
        else:
            played = game.provisional[0]
            after = counted(
                n_("{goal}; after {n} turn: {bounds}", "{goal}; after {n} turns: {bounds}", played),
                goal=g.text,
                bounds=bounds_text(g),
            )
            text = after
        # Before the first turn, a goal pro-rated to no turns is "met" by where it started.
        met = g.met(value) and (game.provisional is None or game.provisional[0] > 0)
        out.append((text, met, value))
    return out


def bounds_text(goal: Goal) -> str:
    """'at least 67.5', 'at most 40', '46 to 56' (to one decimal), as a `Said` the interface and
    the exports say in the class's language."""
    low = None if goal.at_least is None else round(goal.at_least, 1)
    high = None if goal.at_most is None else round(goal.at_most, 1)
    if low is not None and high is not None:
        return Said(f"{low:g} to {high:g}", BOUNDS_BETWEEN, {"low": low, "high": high})
    if low is not None:
        return Said(f"at least {low:g}", BOUNDS_LOW, {"low": low})
    return Said(f"at most {high:g}", BOUNDS_HIGH, {"high": high}) if high is not None else word(BOUNDS_ANY)


BOUNDS_BETWEEN = N_("{low:g} to {high:g}")
BOUNDS_LOW = N_("at least {low:g}")
BOUNDS_HIGH = N_("at most {high:g}")
BOUNDS_ANY = N_("anything")


def plan_names(game: Game, plan: Iterable[str]) -> list[str]:
    """The cards' names of a plan (an id the level does not know stays as it is)."""
    return [game.level.actions[a].name if a in game.level.actions else a for a in plan]


def event_titles(game: Game, event_ids: Iterable[str]) -> list[str]:
    """The events' headlines (an id the level does not know stays as it is)."""
    events = [(e, game.level.event(e)) for e in event_ids]
    return [event.title if event else e for e, event in events]


# How an invented development is told apart from history wherever events are listed.
SCENARIO_MARK = N_("(scenario, not history)")
SCENARIO_HEADLINE = N_("{title} (scenario, not history)")
SCENARIO_LEVEL_NOTE = N_(
    "This level is a hypothetical scenario: its events are plausible developments that have not "
    "happened, told to think with, not as a record."
)


def event_headlines(game: Game, event_ids: Iterable[str]) -> list[str]:
    """Event titles as a reader of the debrief sees them: an invented one says so."""
    out: list[str] = []
    for event_id in event_ids:
        event = game.level.event(event_id)
        if event is None:
            out.append(event_id)
        else:
            scenario = game.level.is_scenario(event)
            out.append(
                Said(SCENARIO_HEADLINE.format(title=event.title), SCENARIO_HEADLINE, {"title": event.title})
                if scenario
                else event.title
            )
    return out


def _change(delta: float | None) -> str:
    """A facilitator's adjustment as a change, with the minus sign the window writes it with."""
    return f"{delta or 0.0:+g}".replace("-", "−")


def facilitator_news(game: Game, act: FacilitatorAct) -> str:
    """A facilitator's act as the players read it in the news during the turn."""
    if act.kind == "inject":
        event = game.level.event(act.event_id or "")
        return f"The facilitator puts an event in play: “{event.title if event else act.event_id}”. It happens as this turn resolves."
    if act.kind == "adjust":
        from game.core.meters import label

        return f"The facilitator moves {label(act.meter or '')} by {_change(act.delta)} as this turn resolves: {act.text}"
    if act.kind == "annotate":
        if act.term is not None:
            return f"The facilitator's note on “{noted_term_words(game.level, act)}”: {act.text}"
        return f"The facilitator's note: {act.text}"
    return describe_act(game.level, act)


def noted_term_words(level: Level, act: FacilitatorAct) -> str:
    """The words of the summit's term a facilitator's note is on ('' for a note on the turn)."""
    return term_words(level, act.term.term()) if act.term is not None else ""


def describe_act(level: Level, act: FacilitatorAct) -> str:
    """A facilitator's act as the class reads it."""
    if act.kind == "inject":
        event = level.event(act.event_id or "")
        return f"injected the event “{event.title if event else act.event_id}”"
    if act.kind == "adjust":
        from game.core.meters import label

        return f"adjusted {label(act.meter or '')} by {_change(act.delta)}: {act.text}"
    if act.kind == "annotate":
        if act.term is not None:
            return f"noted on “{noted_term_words(level, act)}” (agreed at turn {act.term.summit}): {act.text}"
        return f"noted: {act.text}"
    if act.kind == "timer":
        return (
            f"set the planning timer to {act.minutes:g} minutes"
            if act.minutes
            else "cleared the planning timer"
        )
    if act.kind == "end":
        return "ended the session early" + (f": {act.text}" if act.text else "")
    if act.kind == "refused":
        times = act.text.rsplit("(", 1)[-1] if act.text.endswith(" times)") else ""
        return "a wrong passphrase for the facilitator's panel was refused" + (f" ({times}" if times else "")
    return {"pause": "paused the session", "resume": "resumed the session"}.get(act.kind, act.kind)
