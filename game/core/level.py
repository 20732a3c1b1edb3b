"""A level as the engine sees it: plain, frozen data compiled from the level files.

`game.levels` builds these from TOML; the engine only reads them. Every piece that can move a
meter carries `source` ("levels/base.toml:41") so that a change can say where its rule is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, NamedTuple

from game.core import rng
from game.core.expr import ALWAYS, Condition
from game.core.meters import INFLUENCE_METERS, REGION_TARGETS, meter_range
from game.core.words import N_, made

if TYPE_CHECKING:
    from game.core.summit import Deed

SHARE_TARGETS = INFLUENCE_METERS | REGION_TARGETS  # effects that move influence shares

TAGS = (N_("force"), N_("integration"), N_("institutions"), N_("stability"), N_("outreach"), N_("distance"))

# The calendar's words, as `Level.date_of` gives a turn's date.
SEASON_DATES = (N_("Winter {year}"), N_("Spring {year}"), N_("Summer {year}"), N_("Autumn {year}"))
HALF_DATES = (N_("First half of {year}"), N_("Second half of {year}"))
YEAR_DATE = N_("{year}")
PART_DATE = N_("{year}, part {part} of {parts}")
# What a card's changes are said to come from: "{side}: {card}", a side's key and the card's name.
WHY_ACTION = N_("{side}: {card}")

# The rules whose name is not itself a number of `Rules`: the numbers to point a player to when
# they ask why such a rule moved a meter.
RULE_PARAMS = {
    "dependence": ("dependence_economy",),
    "border_trust": ("freed_forces_per_trust",),
    "sanctions_corridor": ("sanctions_corridor_shift",),
    "rivalry": ("rivalry_per_shift",),
    "rivalry_fade": ("rivalry_fade",),
    "methods": ("divergence_per_gap",),
    "war_divergence": ("war_divergence",),
    "trust_memory": ("trust_rate",),
    "term_kept": ("term_trust_kept",),
    "term_broken": ("term_trust_broken",),
    "warning_defied": ("warning_defied_trust",),
    "shock": ("shock_distrust",),
    "distrust": ("distrust_per_fall",),
    "distrust_fade": ("distrust_fade",),
    "identity": ("identity_rate",),
    "western_pull": ("pull_per_outreach",),
    "leadership_aim": ("leadership_per_power_gap",),
    "guarantees": ("credibility_loss",),
    "freed_security": ("freed_security",),
    "trade_dependence": ("dependence_rate",),
    "isolation": ("thaw_isolation",),
    "wedge": ("wedge_thaw",),
    "war_association": ("war_association",),
}
ENGINE_SOURCE = "game/core/phases.py"  # where a rule is written when no level file sets its numbers


# An effect as the engine applies it: (meter, delta, low, high), with low and high None for an
# influence share or a region, which moves shares rather than one meter.
Step = tuple[str, float, float | None, float | None]


class Effect(NamedTuple):
    """One change an action or event makes: a meter (or a region) and an amount."""

    meter: str  # a meter, or a region target such as "central_asia.beijing"
    delta: float


# The engine's rules, as a name. Change it with any change to game.core that alters how a turn of
# an unchanged level resolves: every level's content hash takes it in, so a game saved before is
# played again under the rules as they are now and its player is told so (game.session.replay),
# and the balance and strength reports mark what they measured under other rules.
RULES = "2026-12-06: trust remembers, dated cards wait for their year"


@dataclass(frozen=True, slots=True)
class Consequences:
    """What an action or event does: meter changes and flags set or cleared."""

    effects: tuple[Effect, ...] = ()
    set_flags: tuple[str, ...] = ()
    clear_flags: tuple[str, ...] = ()
    # The effects as the engine applies them, worked out once: (meter, delta, low, high), with
    # low None for an influence or region target, which moves shares rather than one meter.
    steps: tuple[Step, ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "steps",
            tuple(
                (meter, delta, None, None) if meter in SHARE_TARGETS else (meter, delta, *meter_range(meter))
                for meter, delta in self.effects
            ),
        )


@dataclass(frozen=True, slots=True)
class Delayed:
    """Consequences that fall due some turns after the action or event that set them off."""

    after: int  # turns after the one in which it was triggered
    does: Consequences
    source: str = ""  # "file:line" of its own [[...delayed]] table, its cause in the records


@dataclass(frozen=True, slots=True)
class Action:
    """A card a side may put in its plan: its cost, tags, effects and conditions."""

    id: str
    side: str
    name: str
    description: str
    cost: int
    tags: frozenset[str]
    requires: Condition
    does: Consequences
    delayed: tuple[Delayed, ...]
    cooldown: int
    source: str
    ready_key: str = field(default="", init=False, compare=False, repr=False)  # its key in GameState.ready_at
    why: str = field(
        default="", init=False, compare=False, repr=False
    )  # "Moscow: <name>", said of its changes
    # Its cost in political capital as the first step, then its effects' steps: what a turn
    # applies when the action is played (see Consequences.steps).
    steps: tuple[Step, ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ready_key", f"{self.side}:{self.id}")
        english = f"{self.side.capitalize()}: {self.name}"
        object.__setattr__(self, "why", made(english, WHY_ACTION, {"side": self.side, "card": self.name}))
        capital = f"{self.side}.capital"
        object.__setattr__(self, "steps", ((capital, -self.cost, *meter_range(capital)), *self.does.steps))


@dataclass(frozen=True, slots=True)
class Event:
    """A card of the level's deck: drawn when its condition holds, or put in play by a facilitator."""

    id: str
    title: str
    text: str
    when: Condition
    weight: float
    once: bool
    does: Consequences
    delayed: tuple[Delayed, ...]
    source: str
    hypothetical: bool = False  # an invented development, told as a scenario rather than as news
    # A matter of record that happens in the first turn its condition holds, besides the turn's
    # draw (which never holds it): a dated landmark that a draw could leave out or tell late.
    certain: bool = False


@dataclass(frozen=True, slots=True)
class Goal:
    """One weighted goal of a side's agenda: a meter at least or at most some value."""

    meter: str
    at_least: float | None
    at_most: float | None
    weight: float
    text: str
    source: str

    def met(self, value: float) -> bool:
        """Whether `value` meets the goal."""
        too_low = self.at_least is not None and value < self.at_least
        too_high = self.at_most is not None and value > self.at_most
        return not (too_low or too_high)


@dataclass(frozen=True, slots=True)
class CutGoal:
    """A goal of a side's agenda as the level's classroom table sets it at the cut: where each of
    its bounds stands after the cut's turns (None: that bound keeps the common pace). A provisional
    score asks for a point on the path through it (see `engine.bound_through_cut`)."""

    side: str
    meter: str  # the goal's meter: a side has one goal a meter where it names one here
    at_least: float | None
    at_most: float | None
    source: str


@dataclass(frozen=True, slots=True)
class Agenda:
    """A side's agenda: its goals, and the score at which it counts as won."""

    summary: str
    goals: tuple[Goal, ...]
    win_at: float  # the score (0-100) at which the side counts as having won


@dataclass(frozen=True, slots=True)
class Outcome:
    """A named ending of the level, with the condition that brings it and its epilogue."""

    id: str
    title: str
    when: Condition
    epilogue: str
    early: bool  # checked after every turn, ending the game at once (a split, a collapse)
    source: str


@dataclass(frozen=True, slots=True)
class Washington:
    """Washington's settings in a level: how it answers each side, its drift, its threshold."""

    receptivity_moscow: float
    receptivity_beijing: float
    drift_moscow: float
    drift_beijing: float
    threshold: float

    def receptivity(self, side: str) -> float:
        """How much Washington answers `side`'s outreach."""
        return self.receptivity_moscow if side == "moscow" else self.receptivity_beijing

    def drift(self, side: str) -> float:
        """How Washington's thaw with `side` moves every turn of this era."""
        return self.drift_moscow if side == "moscow" else self.drift_beijing


@dataclass(frozen=True, slots=True)
class Rules:
    """The tunable numbers of the resolution phases; see `RulesSpec` for what each one means."""

    max_actions: int = 3
    capital_income: float = 4.0
    capital_per_standing: float = 0.04
    capital_cap: float = 12.0
    partnership_rate: float = 0.35
    pillar_upkeep: float = 1.0
    weight_military_trust: float = 0.25
    weight_economic_ties: float = 0.25
    weight_shared_stance: float = 0.25
    weight_us_pressure: float = 0.35
    weight_trust: float = 0.3
    trust_rate: float = 0.04
    shock_threshold: float = 3.0
    shock_distrust: float = 1.0
    distrust_per_fall: float = 2.0
    distrust_fade: float = 0.08
    distance_trust: float = 2.0
    identity_rate: float = 0.1
    pull_per_outreach: float = 2.0
    leadership_per_power_gap: float = 0.6
    identity_per_distrust: float = 0.9
    ceiling_identity: float = 0.25
    ceiling_methods: float = 0.5
    ceiling_rivalry: float = 0.25
    ceiling_washington: float = 0.25
    normalization_ceiling_drop: float = 12.0
    force_divergence: float = 4.0
    divergence_rate: float = 0.3
    war_divergence: float = 1.5
    divergence_floor: float = 15.0
    divergence_per_gap: float = 8.0
    association_divergence: float = 1.0
    association_cost: float = 3.0
    war_cost_growth: float = 0.15
    distance_cost: float = 3.0
    dependence_economy: float = 0.3
    dependence_standing: float = 0.2
    dependence_rate: float = 0.1
    trade_dependence_moscow: float = 0.6
    trade_dependence_beijing: float = 0.2
    sanctions_dependence: float = 10.0
    freed_forces_per_trust: float = 0.9
    freed_forces_rate: float = 0.3
    war_forces_committed: float = 4.0
    freed_security: float = 0.5
    credibility_loss: float = 3.0
    guarantee_need: float = 55.0
    fill_base: float = 0.3
    corridor_fill: float = 0.3
    sanctions_corridor_shift: float = 2.5
    corridor_influence: float = 1.0
    rivalry_per_shift: float = 0.8
    rivalry_fade: float = 0.1
    rivalry_floor: float = 20.0
    rivalry_per_lead: float = 0.5
    thaw_per_outreach: float = 4.0
    thaw_per_force: float = 3.0
    thaw_per_distance: float = 1.5
    wedge_thaw: float = 1.0
    thaw_isolation: float = 2.0
    isolation_floor: float = 30.0
    normalization_economy: float = 8.0
    normalization_standing: float = 10.0
    normalization_partner_standing: float = 8.0
    event_chance: float = 0.75
    events_per_turn: int = 1
    war_association: float = 1.0
    war_side: str = "moscow"
    war_flag: str = "war"
    sanctions_flag: str = "sanctions"
    # The summit (game.core.summit): how often the sides meet, what they may put forward, and what
    # a kept or broken term does.
    summit_every: int = 2
    summit_terms: int = 2
    promise_turns: int = 4
    power_gap_per_term: float = 15.0
    term_trust_kept: float = 1.0
    term_trust_broken: float = 6.0
    term_partnership_broken: float = 2.0
    term_standing_broken: float = 2.0
    warning_defied_trust: float = 2.0


@dataclass(frozen=True, slots=True)
class Campaign:
    """The level's chapter in the campaign, and the levels that must be finished to open it."""

    chapter: int
    unlocked_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """A work the level draws on or recommends, as the debrief cites it."""

    author: str
    title: str
    kind: str  # "essay", "book", "article", "chapter", "official" or "report"
    perspective: str
    year: int | None = None
    published: str = ""
    note: str = ""
    id: str = ""  # the key its texts are translated by (`source.ID.note`); "" for none


@dataclass(frozen=True, slots=True)
class TutorialStep:
    """A note on the board for a new player; `until` names what the player must do to move on."""

    turn: int
    point_at: str
    text: str
    until: str = "next"
    side: str | None = None


@dataclass(frozen=True, slots=True)
class Deal:
    """One of the level's own bargains for the summit: a deed for each side (for example Moscow
    plays the pipeline's price card and Beijing signs the contract), for a number of turns, on the
    table while `requires` holds. The deeds are written as game.core.summit reads them."""

    id: str
    name: str
    text: str
    moscow: str  # a deed, "play:CARD", "no:TAG", "some:TAG" or "stay_out:STATE"
    beijing: str
    turns: int = 1
    requires: Condition = ALWAYS
    source: str = ""

    def parts(self, side: str) -> tuple[Deed, Deed]:
        """(the partner's deed, `side`'s own deed) when `side` proposes the deal."""
        from game.core.summit import Deed

        mine = Deed.parse(self.moscow if side == "moscow" else self.beijing)
        theirs = Deed.parse(self.beijing if side == "moscow" else self.moscow)
        return theirs, mine


# The events that can still be drawn, their weights, and the weights' running sums (or None).
Deck = tuple[tuple["Event", ...], tuple[float, ...], "tuple[float, ...] | None"]


@dataclass(frozen=True, slots=True)
class Level:
    """A level as the engine reads it: compiled from the TOML files, frozen."""

    id: str
    title: str
    start_year: int
    turns_per_year: int
    turns: int
    seed: int
    briefing: dict[str, str]
    start: dict[str, float]
    flags: dict[str, bool]
    washington: Washington
    actions: dict[str, Action]
    events: tuple[Event, ...]
    agendas: dict[str, Agenda]
    outcomes: tuple[Outcome, ...]
    prompts: dict[str, tuple[str, ...]]
    rules: Rules = field(default_factory=Rules)
    start_sources: dict[str, str] = field(default_factory=dict)
    rule_sources: dict[str, str] = field(default_factory=dict)  # rules field -> "file:line"
    description: str = ""
    what_happened: str = ""
    historical_partnership: float | None = None  # where history left the partnership at the end
    playable: bool = True
    essay_era: bool = False
    campaign: Campaign | None = None
    tutorial: tuple[TutorialStep, ...] = ()
    hypothetical: bool = False  # an imagined scenario: all of its events are told as such
    map_year: int | None = None  # the year the map shows throughout; None: the year of the turn
    sources: tuple[Source, ...] = ()
    deals: tuple[Deal, ...] = ()
    # The classroom cut: a session may end after this turn, scored provisionally (None: no cut).
    cut: int | None = None
    # Goals as they stand at the cut, where the level sets them (the rest keep the common pace).
    cut_goals: tuple[CutGoal, ...] = ()
    # What a game of the level is played on: its files (less their classroom table) and the
    # engine's rules (RULES), so that saves, replays and reports see either change.
    content_hash: str = ""
    files: tuple[str, ...] = ()
    # Translations of the player-facing texts: language -> key -> text (see game.core.level_text).
    # Not part of the rules: a level compares and plays the same whatever its translations.
    texts: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, repr=False)
    # The level as its files wrote it, when this is that level told in another language
    # (game.core.level_text.in_language): what a change of language translates from, so that no
    # text is ever the translation of a translation. Not given: a copy made with
    # dataclasses.replace() is a level of its own again.
    original: Level | None = field(default=None, init=False, compare=False, repr=False)
    # Worked out from the fields above, never given: a copy made with dataclasses.replace()
    # works them out afresh, so that a changed level never reads a stale table.
    action_order: dict[str, int] = field(default_factory=dict, init=False, compare=False, repr=False)
    rule_source_of: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)
    actions_of: dict[str, tuple[Action, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    once_events: frozenset[str] = field(default=frozenset(), init=False, compare=False, repr=False)
    # The events that happen whenever their condition holds, rather than by a draw, in order.
    certain_events: tuple[Event, ...] = field(default=(), init=False, compare=False, repr=False)
    # see deck_without: the fired one-time events -> the deck that is left, weights, running sums
    decks: dict[frozenset[str], Deck] = field(default_factory=dict, init=False, compare=False, repr=False)
    # see date_of: a turn -> its date
    dates: dict[int, str] = field(default_factory=dict, init=False, compare=False, repr=False)
    # see game.core.level_text.name_in: a name of a card or event in any of the level's languages
    # -> the level's own name for it
    names_now: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Worked out once here rather than on every turn: each action's place in the level, so
        # that a plan is put in order without a scan, and where each rule's numbers are written.
        object.__setattr__(self, "action_order", {a: i for i, a in enumerate(self.actions)})
        object.__setattr__(
            self,
            "actions_of",
            {
                side: tuple(a for a in self.actions.values() if a.side == side)
                for side in ("moscow", "beijing")
            },
        )
        object.__setattr__(self, "once_events", frozenset(e.id for e in self.events if e.once))
        object.__setattr__(self, "certain_events", tuple(e for e in self.events if e.certain))
        names = {*(f.name for f in fields(Rules)), *RULE_PARAMS, *self.rule_sources}
        object.__setattr__(
            self,
            "rule_source_of",
            {
                name: next(
                    (
                        self.rule_sources[n]
                        for n in (name, *RULE_PARAMS.get(name, ()))
                        if n in self.rule_sources
                    ),
                    ENGINE_SOURCE,
                )
                for name in names
            },
        )

    def side_actions(self, side: str) -> list[Action]:
        """`side`'s actions, in the level's order."""
        return list(self.actions_of.get(side, ()))

    def deck_without(self, fired: frozenset[str]) -> Deck:
        """The events that can still be drawn once `fired` have happened, their weights, and the
        weights' running sums (see rng.running_sums). Certain events are never drawn.

        Remembered by which one-time events are gone: the events phase asks every turn, and a
        batch of games asks again and again with the same few sets."""
        gone = self.once_events & fired
        deck = self.decks.get(gone)
        if deck is None:
            if len(self.decks) >= 1024:  # a bound, so that a long batch cannot grow it forever
                self.decks.clear()
            cards = tuple(e for e in self.events if e.id not in gone and not e.certain)
            weights = tuple(e.weight for e in cards)
            deck = self.decks[gone] = (cards, weights, rng.running_sums(weights))
        return deck

    def deal(self, deal_id: str) -> Deal | None:
        """The summit deal with this id, or None."""
        return next((d for d in self.deals if d.id == deal_id), None)

    def event(self, event_id: str) -> Event | None:
        """The event with this id, or None."""
        for e in self.events:
            if e.id == event_id:
                return e
        return None

    def year_of(self, turn: int) -> int:
        """The calendar year in which `turn` is played."""
        return self.start_year + (turn - 1) // self.turns_per_year

    @property
    def end_year(self) -> int:
        """The year of the last turn."""
        return self.year_of(self.turns)

    def map_year_at(self, turn: int) -> int:
        """The year whose borders and routes the map shows on this turn."""
        return self.map_year if self.map_year is not None else self.year_of(turn)

    def map_date_at(self, turn: int) -> float:
        """How far into its year this turn is, for names that changed within a year: the map's
        year plus the turn's share of the year before it (the autumn of 2022, the fourth of four
        seasons: 2022.75; the second half of 2018: 2018.5)."""
        if self.map_year is not None:
            return float(self.map_year)
        return self.year_of(turn) + ((turn - 1) % self.turns_per_year) / self.turns_per_year

    def is_scenario(self, event: Event) -> bool:
        """Whether an event is told as an invented development rather than as news."""
        return self.hypothetical or event.hypothetical

    def date_of(self, turn: int) -> str:
        """'Spring 2022' for a season-long turn, '2022' for a year-long one."""
        # Remembered: every turn's report asks, agents' imagined turns too (a format() a turn).
        date = self.dates.get(turn)
        if date is None:
            date = self.dates[turn] = self.date_frame(turn).format(
                year=self.year_of(turn), part=(turn - 1) % self.turns_per_year + 1, parts=self.turns_per_year
            )
        return date

    def date_frame(self, turn: int) -> str:
        """The frame `date_of` fills with the year (and the part of it): 'Spring {year}'. The
        interface translates it (game.speech.words) and fills it in the same way."""
        if self.turns_per_year == 4:
            return SEASON_DATES[(turn - 1) % 4]
        if self.turns_per_year == 1:
            return YEAR_DATE
        if self.turns_per_year == 2:
            return HALF_DATES[(turn - 1) % 2]
        return PART_DATE


__all__ = [
    "ALWAYS",
    "TAGS",
    "Action",
    "Agenda",
    "Consequences",
    "Delayed",
    "Effect",
    "Event",
    "Goal",
    "Level",
    "Outcome",
    "Rules",
    "Source",
    "Washington",
]
