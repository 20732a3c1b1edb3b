"""What a turn did: every meter change with its cause, the events, the normalizations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from game.core.words import N_

if TYPE_CHECKING:
    from game.core.summit import Settled

PHASES = (
    ("actions", N_("Actions")),
    ("methods", N_("Methods")),
    ("partnership", N_("Pillars and partnership")),
    ("central_asia", N_("Central Asia")),
    ("washington", N_("Washington")),
    ("events", N_("Events")),
    ("delayed", N_("Delayed effects")),
    ("commitments", N_("Commitments")),
    ("memory", N_("Trust and limits")),
    ("upkeep", N_("Dependence and capital")),
    ("facilitator", N_("Facilitator")),
)
PHASE_TITLES = dict(PHASES)


class Change(NamedTuple):
    """One meter's change in a turn, with its cause and where that cause is written."""

    # A NamedTuple rather than a frozen dataclass: a turn records dozens of these, and a frozen
    # dataclass's __init__ is several times slower to build.
    meter: str
    before: float
    after: float
    phase: str
    cause_kind: str  # "action", "event", "rule", "delayed", "facilitator"
    cause_id: str  # the action or event id, or the rule's name
    why: str  # one line a player can read
    source: str  # "levels/base.toml:41", where the cause is written

    @property
    def delta(self) -> float:
        """How far the meter moved, to two decimals."""
        return round(self.after - self.before, 2)


# A change as the engine records it: Change's fields, in order, in a plain tuple.
Record = tuple[str, float, float, str, str, str, str, str]


@dataclass(slots=True, init=False)
class TurnReport:
    """What one turn did: the plans, every change with its cause, events, flags and notes."""

    turn: int
    date: str
    plans: dict[str, tuple[str, ...]]
    # The engine appends each change as a plain tuple in Change's field order: building the named
    # tuple costs a call, and agents and batch runs never look at a change. `changes` names them
    # when someone does.
    records: list[Record] = field(repr=False)
    events: list[str]
    flags_set: list[str]
    flags_cleared: list[str]
    # The phase in which each of those flags last changed: a flag has no meter to show where in
    # the turn it moved, and the resolution tells a war's end in the phase that brought it.
    flag_phases: dict[str, str]
    notes: list[str]
    outcome: str | None
    # The limit that weighed most on the ceiling when it held the partnership down this turn,
    # or None when the ceiling did not bind.
    ceiling_cause: str | None
    # What became of the summit's terms this turn (game.core.summit.Settled), in order.
    settled: list[Settled]
    _named: list[Change] = field(repr=False, compare=False)

    def __init__(self, turn: int, date: str, plans: dict[str, tuple[str, ...]]) -> None:
        # Written out rather than generated: the engine makes one report a turn, and a
        # dataclass's __init__ for list fields calls a factory for each.
        self.turn, self.date, self.plans = turn, date, plans
        self.records, self.events, self.flags_set, self.flags_cleared = [], [], [], []
        self.flag_phases, self.notes, self.outcome, self._named = {}, [], None, []
        self.ceiling_cause = None
        self.settled = []

    @property
    def changes(self) -> list[Change]:
        """Every meter change of the turn, in the order it happened."""
        named, records = self._named, self.records
        if len(named) < len(records):
            named.extend(map(Change._make, records[len(named) :]))
        return named

    def changes_to(self, meter: str) -> list[Change]:
        """The changes of the turn to one meter, in order."""
        return [c for c in self.changes if c.meter == meter]
