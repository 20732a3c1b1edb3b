"""The groups compared: outcomes, scores, the meters at the end, and where decisions diverged.

Plain data, no words: `report_markdown` says it. Groups that played the same level with the same
seed can be followed turn by turn, so the comparison finds where their decisions parted (and
whether their games had drifted apart before, through events or the facilitator); groups on
different levels or seeds are compared only by outcome and meters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from game.classroom.read_exports import GroupExport
from game.classroom.records import SessionRecord, TurnRecord
from game.core.meters import LIMITS, PILLARS, SIDES

# The meters the report sets side by side at the end, in the order of its table.
FINAL_METERS = (
    "partnership",
    "partnership_ceiling",
    *PILLARS,
    *LIMITS,
    "middle_corridor",
    "moscow.economy",
    "moscow.standing",
    "beijing.economy",
    "beijing.standing",
    "washington.thaw_moscow",
    "washington.thaw_beijing",
)
# Past this many groups on one level and seed, the pair-by-pair list would be longer than useful.
MAX_PAIRS_GROUPS = 8


@dataclass(frozen=True)
class GroupOutcome:
    """How one group's game ended: a row of the outcomes table."""

    name: str
    level_title: str
    seed: int
    outcome_title: str
    outcome: str | None  # the outcome's id
    finished: bool
    scores: dict[str, float | None]
    won: dict[str, bool | None]
    turns_played: int
    ended_early: bool
    scored: str = ""  # "provisional (6 of 12 turns)" for a session scored before its end, else ""
    ending: str = ""  # "ended at the level's classroom cut", in the report's language, else ""


@dataclass(frozen=True)
class TurnMark:
    """A turn as the report names it: its number and the date the level gives it."""

    number: int
    date: str


@dataclass(frozen=True)
class PlanChoice:
    """A plan that one or more groups chose for a side in one turn."""

    actions: tuple[str, ...]  # the actions' names (their ids where the export has no names)
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Happenings:
    """What happened to one group in a turn without its choosing: events and the facilitator's acts."""

    group: str
    events: tuple[str, ...]
    acts: tuple[str, ...]


@dataclass(frozen=True)
class PairComparison:
    """Two groups of the same game: where they parted, and how far apart their partnership ended."""

    first: str
    second: str
    diverged: TurnMark | None
    drifted: TurnMark | None
    apart: float | None


@dataclass(frozen=True)
class SameGame:
    """Groups that played the same level with the same seed, followed turn by turn."""

    level_title: str
    seed: int
    groups: tuple[str, ...]
    versions_differ: bool  # the level's files changed between their sessions
    turns_in_common: int
    diverged: TurnMark | None  # the first turn in which any side's plans differed
    choices: dict[str, tuple[PlanChoice, ...]]  # each side's plans in that turn
    side_first_differed: dict[str, int | None]  # each side's first differing turn, by number
    drifted: TurnMark | None  # events or acts differed, before the plans did (or they never did)
    happenings: tuple[Happenings, ...]  # each group's, in that turn
    turns_played: tuple[int, ...] | None  # each group's, when they differ
    end_partnership: tuple[float | None, ...]  # each group's, rounded as shown
    pairs: tuple[PairComparison, ...]  # with three to MAX_PAIRS_GROUPS groups

    @property
    def spread(self) -> float | None:
        """How far apart the partnership ended (of the groups that recorded it), if two did."""
        known = [v for v in self.end_partnership if v is not None]
        return max(known) - min(known) if len(known) >= 2 else None


@dataclass(frozen=True)
class ClassComparison:
    """Every group compared: what the report's tables and its divergence section hold."""

    outcomes: tuple[GroupOutcome, ...]
    end_meters: tuple[tuple[str, tuple[float | None, ...]], ...]  # (meter, each group's value)
    same_games: tuple[SameGame, ...]  # the levels and seeds more than one group played
    alone: tuple[GroupOutcome, ...]  # the groups no other played the same level and seed as
    games: int  # how many different level-and-seed games the groups played


def compare(groups: list[GroupExport]) -> ClassComparison:
    """The groups (read and named) compared."""
    outcomes = {g.name: outcome_of(g) for g in groups}
    clusters = same_game_clusters(groups)
    return ClassComparison(
        outcomes=tuple(outcomes.values()),
        end_meters=tuple((meter, tuple(g.record.final.get(meter) for g in groups)) for meter in FINAL_METERS),
        same_games=tuple(same_game(c) for c in clusters if len(c) > 1),
        alone=tuple(outcomes[c[0].name] for c in clusters if len(c) == 1),
        games=len(clusters),
    )


def outcome_of(group: GroupExport) -> GroupOutcome:
    """One group's outcome, scores and length of play."""
    r = group.record
    return GroupOutcome(
        name=group.name,
        level_title=r.level_title,
        seed=r.seed,
        outcome_title=r.outcome_title,
        outcome=r.outcome,
        finished=r.finished,
        scores={side: r.scores.get(side) for side in SIDES},
        won={side: r.won.get(side) for side in SIDES},
        turns_played=r.turns_played,
        ended_early=r.ended_early,
        scored=_scored(r),
        ending=_ending(r),
    )


def _ending(r: SessionRecord) -> str:
    """How a group's session ended early, in the report's language ('' if it did not, or if its
    record was written before the ending was kept)."""
    from game.session.story import ending_words
    from game.speech.reasons import say

    return say(ending_words(r.ended_by, r.turns_played)) if r.ended_early else ""


def _scored(r: SessionRecord) -> str:
    """How a group's scores were made, from its record (a record written before provisional scores
    were said as such has none of it)."""
    if not r.provisional:
        return ""
    from game.i18n import _
    from game.session.story import provisional_words
    from game.speech.reasons import say

    # Said again from the figures in the report's language (the record keeps the English).
    if r.level_turns:
        return say(provisional_words(r.turns_played, r.level_turns))
    return r.scored or _("provisional")


def final_partnership(record: SessionRecord) -> float | None:
    """The partnership at the end of a session, if it was recorded."""
    if "partnership" in record.final:
        return record.final["partnership"]
    return record.partnership[-1] if record.partnership else None


def shown(value: float | None) -> float | None:
    """A figure rounded as the report shows it, so a gap is the difference of the figures read."""
    return None if value is None else round(value, 1)


def same_game_clusters(groups: list[GroupExport]) -> list[list[GroupExport]]:
    """The groups grouped by level and seed, in the order they first appear."""
    clusters: dict[tuple[str, int], list[GroupExport]] = {}
    for g in groups:
        clusters.setdefault((g.record.level_id, g.record.seed), []).append(g)
    return list(clusters.values())


def _plan(turn: TurnRecord, side: str) -> frozenset[str]:
    # A plan is a set: the engine resolves the chosen actions in the level's order, whatever
    # order they were clicked in.
    return frozenset(getattr(turn, side))


def _plan_actions(turn: TurnRecord, side: str) -> tuple[str, ...]:
    ids = getattr(turn, side)
    names = getattr(turn, f"{side}_names")
    return tuple(names if len(names) == len(ids) else ids)


def common_turns(records: list[SessionRecord]) -> int:
    """How many turns every one of these groups played (and recorded)."""
    return min((len(r.turns) for r in records), default=0)


def first_divergence(records: list[SessionRecord], sides: tuple[str, ...] = SIDES) -> int | None:
    """The index (0 for the first turn) of the first turn in which the groups' plans for any of
    `sides` were not all the same; None if they agreed in every turn all of them played."""
    for i in range(common_turns(records)):
        for side in sides:
            if len({_plan(r.turns[i], side) for r in records}) > 1:
                return i
    return None


# "adjusted <meter> by <delta>: <reason>": the reason changes nothing in the game. (A loss is
# written with the minus sign, and was with the hyphen by earlier versions: both read alike.)
_ADJUSTED = re.compile(r"(adjusted .*? by [-−+]?[0-9.e+-]+)(?:: .*)?", re.S)


def happenings(turn: TurnRecord) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the players did not choose in a turn: the events, and the facilitator's acts that
    changed the game (an adjustment by its meter and size, whatever words were given for it)."""
    acts = []
    for act in turn.facilitator:
        if act.startswith("injected"):
            acts.append(act)
        elif act.startswith("adjusted"):
            found = _ADJUSTED.fullmatch(act)
            acts.append(found.group(1).replace("−", "-") if found else act)
    return tuple(turn.events), tuple(acts)


def first_drift(records: list[SessionRecord]) -> int | None:
    """The index of the first turn in which the events or the facilitator's changes differed."""
    for i in range(common_turns(records)):
        if len({happenings(r.turns[i]) for r in records}) > 1:
            return i
    return None


def _mark(group: GroupExport, i: int | None) -> TurnMark | None:
    if i is None:
        return None
    turn = group.record.turns[i]
    return TurnMark(turn.turn, turn.date)


def _choices(groups: list[GroupExport], i: int, side: str) -> tuple[PlanChoice, ...]:
    by_plan: dict[frozenset[str], list[GroupExport]] = {}
    for g in groups:
        by_plan.setdefault(_plan(g.record.turns[i], side), []).append(g)
    return tuple(
        PlanChoice(_plan_actions(members[0].record.turns[i], side), tuple(m.name for m in members))
        for members in by_plan.values()
    )


def same_game(groups: list[GroupExport]) -> SameGame:
    """Groups of one level and seed compared turn by turn (the first group's turns name them)."""
    records = [g.record for g in groups]
    first = groups[0]
    i = first_divergence(records)
    drift = first_drift(records)
    if i is not None and drift is not None and drift >= i:
        drift = None  # what they chose parted them first
    side_first: dict[str, int | None] = {}
    for side in SIDES:
        j = first_divergence(records, (side,))
        side_first[side] = None if j is None else first.record.turns[j].turn
    lengths = tuple(len(r.turns) for r in records)
    return SameGame(
        level_title=first.record.level_title,
        seed=first.record.seed,
        groups=tuple(g.name for g in groups),
        versions_differ=len({r.level_hash for r in records}) > 1,
        turns_in_common=common_turns(records),
        diverged=_mark(first, i),
        choices={} if i is None else {side: _choices(groups, i, side) for side in SIDES},
        side_first_differed=side_first,
        drifted=_mark(first, drift),
        happenings=()
        if drift is None
        else tuple(Happenings(g.name, *happenings(g.record.turns[drift])) for g in groups),
        turns_played=lengths if len(set(lengths)) > 1 else None,
        end_partnership=tuple(shown(final_partnership(r)) for r in records),
        pairs=tuple(_pair(a, b) for a, b in combinations(groups, 2))
        if 2 < len(groups) <= MAX_PAIRS_GROUPS
        else (),
    )


def _pair(a: GroupExport, b: GroupExport) -> PairComparison:
    ends = shown(final_partnership(a.record)), shown(final_partnership(b.record))
    return PairComparison(
        first=a.name,
        second=b.name,
        diverged=_mark(a, first_divergence([a.record, b.record])),
        drifted=_mark(a, first_drift([a.record, b.record])),
        apart=abs(ends[0] - ends[1]) if ends[0] is not None and ends[1] is not None else None,
    )
