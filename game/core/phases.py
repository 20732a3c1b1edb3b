"""One turn's resolution, phase by phase, in the order DESIGN §1 documents.

1 actions, 2 methods, 3 pillars and partnership, 4 Central Asia, 5 Washington, 6 events,
7 delayed effects, 8 what the turn leaves behind (trust and the slow limits), then dependence and
political capital. This module holds the rules; every meter change they make goes through the
ledger (game.core.ledger), which clamps, rounds to hundredths and records it with its cause.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import mul
from string import Formatter
from typing import NamedTuple

from game.core import rng
from game.core.ledger import SHARES, Ledger
from game.core.level import ENGINE_SOURCE, Action, Consequences, Event, Level, Rules
from game.core.meters import (
    LIMIT_CAUSES,
    LIMIT_LABELS,
    PILLARS,
    SIDES,
    STATES,
    Side,
    label,
    other,
)
from game.core.report import Change, TurnReport
from game.core.state import GameState, Scheduled
from game.core.summit import Term, settle, term_words
from game.core.words import LIMIT_PLACEHOLDERS, N_, SIDE_PLACEHOLDERS, Said, made

# Terms pledged for more than the turn, or as the level's own deals: breaking them is seen abroad.
PUBLIC_TERMS = frozenset({"promise", "deal"})

_NAMES = {"moscow": "Moscow", "beijing": "Beijing", "west": "West"}
_MOSCOW_IN = tuple(f"{st}.moscow" for st in STATES)
_BEIJING_IN = tuple(f"{st}.beijing" for st in STATES)
CORRIDOR_STATES = ("kazakhstan", "turkmenistan")  # where the Middle Corridor's trade is felt
_GENTLE = ("integration", "institutions", "stability")
# Ten points of influence a power gained by its own acts this turn make a claim on a gap Moscow
# leaves as strong as a whole share held already (at fill_base 1).
_POINTS_INVESTED_PER_CLAIM = 10.0
# For each state, what the credibility rule needs: the keys of Moscow's share and the two others'
# (as the ledger splits them), the two takers' keys, and whether the Middle Corridor runs there.
_GAP_TAKERS = tuple(
    (SHARES[place, "moscow"], f"{place}.beijing", f"{place}.west", place in CORRIDOR_STATES)
    for place in STATES
)


def by_side(frame: str) -> dict[str, Said]:
    """A frame whose values are sides only ({side}, and {partner} or {other} the other side), made
    once for each side: a turn looks its why up, which costs less than an f-string."""
    out: dict[str, Said] = {}
    for side in SIDES:
        o = other(side)
        values = {"side": side, "partner": o, "other": o}
        english = frame.format(side=_NAMES[side], partner=_NAMES[o], other=_NAMES[o])
        out[side] = made(english, frame, values)
    return out


_new_str = str.__new__
# The whys that Turn.said_kept has made, by their frame and values: the same sentence with the
# same values (a whole number, a side, a name) is the same Said, so it is made once. Bounded, and
# never read for anything but the sentence it holds.
_KEPT: dict[tuple[object, ...], Said] = {}
_PLACEHOLDERS: dict[str, tuple[str, ...]] = {}  # a frame's placeholders' names, in order
_KEPT_MOST = 2048

# What the rules say of the changes they make: each a frame (marked for the interface's catalogue;
# the interface says it in the player's language, game.speech.reasons), made into the record's English
# `Said` only when the turn is recorded (Turn.said). A placeholder's name says what its value is
# (game.core.words): {side}, {partner}, {other}, {who} a side's key, {limit} a limit's key,
# {term} a summit's term; numbers keep their format.
WHY_FORCE = by_side(N_("{side} used force; {partner} prefers integration and stability"))
WHY_DISTANCED = by_side(N_("{partner} publicly distanced itself from {side}'s use of force"))
WHY_LEFT_ALONE = by_side(N_("{side} remembers being left alone by {partner}"))
WHY_ASSOCIATED = by_side(
    N_("{partner} is associated with {side}'s use of force, the more so as their methods diverge")
)
WHY_WAR_DIVERGENCE = N_(
    "turn {turn} of {side}'s war: its partner's way of integration and stability looks ever further away"
)
WHY_METHODS = N_("divergence follows the gap between the two sides' methods this turn ({gap} apart)")
WHY_KEPT_FROM_WAR = by_side(N_("{partner} kept its distance from the war"))
WHY_WAR_ASSOCIATION = N_(
    "turn {turn} of the war: standing by an isolated {side} costs more the longer it lasts"
)
WHY_HELD_DOWN = N_("held down by the ceiling; {limit} weighs most on it (-{weight:.1f})")
WHY_CEILING = N_(
    "the identity gap, divergent methods, rivalry and Washington's thaw cap how close the two can get"
)
WHY_PILLAR_UPKEEP = N_("every tie wears a little each turn, tended or not")
WHY_PULLED_UP = N_("pulled up toward {target:.0f}, what the pillars, trust and US pressure support")
WHY_PULLED_DOWN = N_("pulled down toward {target:.0f}, what the pillars, trust and US pressure support")
WHY_FORCES_AT_WAR = N_("a trusted border frees forces, but the war commits them")
WHY_FORCES_FREED = N_("a trusted border frees forces for other theatres")
WHY_FORCES_TIED = N_("a border trusted less keeps more forces tied to it")
WHY_SECURITY_SPARED = N_("forces spared from the border strengthen other theatres")
WHY_SECURITY_THIN = N_("forces tied down leave other theatres thin")
WHY_GUARANTEES_AT_WAR = N_("Moscow's forces are committed elsewhere; its security guarantees look thinner")
WHY_GUARANTEES = N_("Moscow has few forces to spare; its security guarantees look thinner")
WHY_SANCTIONS_CORRIDOR = N_("sanctions on Moscow push China–Europe trade off the Northern Corridor")
WHY_CORRIDOR = N_("trade on the Middle Corridor draws the route's states toward Beijing")
WHY_WASHINGTON_DRIFT = by_side(N_("Washington's course toward {side} this era"))
WHY_OUTREACH = by_side(N_("{side} reached out to Washington"))
WHY_DISTANCE_NOTED = by_side(N_("Washington notes that {side} kept apart from its partner's force"))
# A distance card in a turn its partner used no force: what Washington notices is the distance itself
# (the line above, said then, spoke of a force that was not there).
WHY_DISTANCE_KEPT = by_side(N_("Washington notes that {side} keeps its distance from its partner"))
WHY_FORCE_ANSWERED = by_side(N_("Washington answers {side}'s force"))
WHY_WEDGE = by_side(N_("Washington courts {side} to pull it away from {other}"))
# (the thaw as it stands, not a comparison: both sides are isolated when Washington thaws with both)
WHY_ISOLATION = by_side(N_("Washington's thaw with {other} leaves {side} more isolated"))
WHY_NORMALIZED = by_side(N_("Washington normalized relations with {side}"))
WHY_NORMALIZED_PARTNER = by_side(
    N_("Washington normalized relations with {side}, leaving {partner} more isolated")
)
WHY_NORMALIZED_CEILING = by_side(
    N_("Washington normalized relations with {side}; the partnership loses its main reason")
)
WHY_NORMALIZED_FALL = by_side(
    N_("Washington normalized relations with {side}; the partnership falls to its new ceiling")
)
# The turn report's note of a normalization.
NOTE_NORMALIZED = by_side(N_("Washington normalized relations with {side}."))
WHY_ADJUSTMENT = N_("Facilitator: {reason}")
WHY_EVENT = N_("Event: {title}")
WHY_EVENT_INJECTED = N_("Event: {title} (facilitator)")
WHY_LATER = N_("later effect of {name}")
WHY_LATER_EVENT = N_("later effect of the event {title}")
WHY_KEPT_WORD = N_("{who} kept its word: {term}")
WHY_BROKE_WORD = N_("{who} broke its word: {term}")
WHY_BROKE_PLEDGE = N_("{who} broke a pledge made in public: {term}")
WHY_DEFIED = N_("{who} defied a warning: {term}")
WHY_EMPTY_THREAT = N_("{who} did not carry out its warning: {term}")
WHY_RIVALRY = N_(
    "Moscow lost {lost:.1f} and Beijing gained {gained:.1f} points a state in Central Asia this turn"
)
# The same, when only one of the two moved by a tenth or more ("Moscow lost 0.0 and ..." read as
# a slip), or neither did.
WHY_RIVALRY_LOST = N_("Moscow lost {lost:.1f} points a state in Central Asia this turn")
WHY_RIVALRY_GAINED = N_("Beijing gained {gained:.1f} points a state in Central Asia this turn")
WHY_RIVALRY_SLIGHT = N_("Moscow's and Beijing's shares in Central Asia shifted by a few hundredths this turn")
WHY_RIVALRY_FADES = N_("old grievances in Central Asia fade slowly")
WHY_RIVALRY_KEPT = N_("Beijing's lead in Central Asia keeps the rivalry alive")
WHY_SHOCK = N_("the partnership fell {fall:.1f} in one turn: such a fall leaves distrust that lasts")
WHY_DISTRUST = N_("trust fell {fall:.1f} this turn: such a fall is remembered for years")
WHY_DISTRUST_FADES = N_("old distrust fades slowly, on its own clock")
WHY_TRUST_MENDS = N_("trust mends slowly toward what the pillars justify, less the distrust that remains")
WHY_TRUST_WEARS = N_("trust wears slowly toward what the pillars justify, less the distrust that remains")
WHY_WESTERN_PULL = N_("Moscow's outreach to the West revives its wish for a seat at the Western table")
WHY_IDENTITY_SETTLES = N_("Moscow's view of its place in Europe settles back to the era's")
WHY_LEADERSHIP_GROWS = N_("Beijing's aim to lead grows as its power outstrips Moscow's")
WHY_LEADERSHIP_EASES = N_("Beijing's aim to lead eases as Moscow's power holds up")
WHY_IDENTITY_GAP = N_(
    "the identity gap follows, slowly, Moscow's pull to the West, Beijing's aim to lead and the trust between them"
)
WHY_DEPENDENCE = by_side(N_("{side}'s dependence follows what it trades with its partner"))
WHY_DEPENDENCE_SANCTIONED = by_side(
    N_(
        "{side}'s dependence follows what it trades with its partner and the sanctions that close other markets"
    )
)
WHY_PARTNERSHIP_GAIN = N_("the partnership's gain weighs on a side by how much it depends on the other")
WHY_PARTNERSHIP_LOSS = N_("the partnership's loss weighs on a side by how much it depends on the other")
WHY_CAPITAL = N_("new political capital, more with higher standing")


def said(level: Level, frame: str, **values: object) -> Said:
    """The sentence `frame` with `values`, in English, as a `Said` that keeps both: a side's key
    reads as its name, a limit's as its label, a term as term_words says it; the rest as it is."""
    shown = {
        k: name_of(v)
        if k in SIDE_PLACEHOLDERS and isinstance(v, str)
        else LIMIT_LABELS[v]
        if k in LIMIT_PLACEHOLDERS and isinstance(v, str)
        else term_words(level, v)
        if isinstance(v, Term)
        else v
        for k, v in values.items()
    }
    return Said(frame.format(**shown), frame, values)


def _power_gap(meters: Mapping[str, float]) -> float:
    """How far Beijing's power (economy and security) outstrips Moscow's."""
    return (
        meters["beijing.economy"]
        + meters["beijing.security"]
        - meters["moscow.economy"]
        - meters["moscow.security"]
    ) / 2.0


def warmer_relation(meters: Mapping[str, float]) -> Side:
    """The side whose thaw with Washington is the warmer (Moscow on a tie): only that relation
    weighs on the partnership's ceiling."""
    return "moscow" if meters["washington.thaw_moscow"] >= meters["washington.thaw_beijing"] else "beijing"


def ceiling_weights(rules: Rules, warmer: Side) -> dict[str, float]:
    """What a point of each meter the ceiling reads takes off it, with `warmer` the side whose
    thaw with Washington is the warmer (only the warmer relation weighs on the ceiling)."""
    return {
        "identity_gap": rules.ceiling_identity,
        "method_divergence": rules.ceiling_methods,
        "central_asia_rivalry": rules.ceiling_rivalry,
        f"washington.thaw_{warmer}": rules.ceiling_washington,
    }


def ceiling_terms(meters: Mapping[str, float], rules: Rules, normalizations: int = 0) -> dict[str, float]:
    """What each of the four limits takes off the partnership's ceiling (100 less their sum), by
    `ceiling_weights`, and what each normalization has taken."""
    warmer = warmer_relation(meters)
    weight = ceiling_weights(rules, warmer)
    thaw = f"washington.thaw_{warmer}"
    return {
        "identity_gap": weight["identity_gap"] * meters["identity_gap"],
        "method_divergence": weight["method_divergence"] * meters["method_divergence"],
        "central_asia_rivalry": weight["central_asia_rivalry"] * meters["central_asia_rivalry"],
        "us_normalization": weight[thaw] * meters[thaw] + rules.normalization_ceiling_drop * normalizations,
    }


def partnership_target(m: dict[str, float], r: Rules) -> float:
    """What the pillars, trust and US pressure support: the level the partnership moves toward."""
    # US pressure: Washington's warmest relation sets it, so a thaw with either side loosens the
    # pair, even a partial one.
    pressure = 100.0 - max(m["washington.thaw_moscow"], m["washington.thaw_beijing"])
    weights = (
        r.weight_military_trust,
        r.weight_economic_ties,
        r.weight_shared_stance,
        r.weight_trust,
        r.weight_us_pressure,
    )
    values = (m["military_trust"], m["economic_ties"], m["shared_stance"], m["trust"], pressure)
    total = sum(weights) or 1.0
    target: float = sum(map(mul, weights, values)) / total
    return target


def name_of(side: str) -> str:
    """A power's name as a sentence says it: 'moscow' -> 'Moscow'."""
    return _NAMES.get(side) or side.capitalize()


class Adjustment(NamedTuple):
    """A facilitator's direct change to one meter, with the reason they gave the class."""

    meter: str
    delta: float
    reason: str


# What the facilitator forces into a turn's events phase: (kind, event or adjustment).
Injection = tuple[str, "Event | Adjustment"]


def final_outcome(state: GameState) -> str:
    """The outcome the level's last turn would give now: the first ordinary outcome that holds."""
    final = [o for o in state.level.outcomes if not o.early]
    chosen = next((o for o in final if o.when(state)), final[-1] if final else None)
    return chosen.id if chosen else "undecided"


class Turn(Ledger):
    """One turn being resolved: the state it changes, the plans, and the report it writes."""

    def __init__(
        self,
        state: GameState,
        plans: dict[str, tuple[str, ...]],
        chosen: dict[str, tuple[Action, ...]],
        injected: Sequence[Injection] = (),
        record: bool = True,
    ) -> None:
        level = state.level
        self.report = TurnReport(state.turn, level.date_of(state.turn), plans)
        super().__init__(state.meters, self.report.records if record else None, level.rule_source_of)
        self.state = state
        self.level = level
        self.rules = level.rules
        self.chosen = chosen  # each side's actions, in the level's order (plans holds their ids)
        # Every tag of each side's actions, once per action that carries it, gathered as the
        # actions resolve: the methods and Washington phases count the ones they weigh.
        self.tags: dict[str, list[str]] = {"moscow": [], "beijing": []}
        self.injected = injected  # (kind, Event) pairs forced into this turn's events phase
        # The meters as the turn began and as the actions left them (see run_phases).
        self.at_start: Mapping[str, float] = state.meters
        self.after_actions: Mapping[str, float] = state.meters

    def rule_source(self, name: str) -> str:
        """Where the level writes the numbers of the rule `name` (the engine, if nowhere)."""
        return self.sources.get(name, ENGINE_SOURCE)

    def said(self, frame: str, english: str, values: dict[str, object]) -> str:
        """A change's why, `english`, made from `frame` with `values` (english is the frame
        filled in, written out by the caller as an f-string: a third of the time of format()),
        when the turn is recorded; "" when it is not (agents imagine thousands of turns and read
        no why)."""
        if self.records is None:
            return ""
        # made(), written out: a call less on every recorded turn's few whys with numbers.
        said: Said = _new_str(Said, english)
        said.frame, said.values, said.plural = frame, values, ""
        return said

    def rivalry_why(self, lost: float, gained: float) -> str:
        """Why the rivalry rose: what Moscow lost and Beijing gained, naming only what shows as a
        tenth or more."""
        if self.records is None:
            return ""
        shown_lost, shown_gained = round(lost, 1) > 0, round(gained, 1) > 0
        if shown_lost and shown_gained:
            english = f"Moscow lost {lost:.1f} and Beijing gained {gained:.1f} points a state in Central Asia this turn"
            return self.said(WHY_RIVALRY, english, {"lost": lost, "gained": gained})
        if shown_lost:
            english = f"Moscow lost {lost:.1f} points a state in Central Asia this turn"
            return self.said(WHY_RIVALRY_LOST, english, {"lost": lost})
        if shown_gained:
            english = f"Beijing gained {gained:.1f} points a state in Central Asia this turn"
            return self.said(WHY_RIVALRY_GAINED, english, {"gained": gained})
        return self.said_kept(WHY_RIVALRY_SLIGHT)

    def said_kept(self, frame: str, *values: object) -> str:
        """A why whose values come back turn after turn (whole numbers, sides, names), given in
        the order the frame names them: made once (see `said`, the module's) and kept (_KEPT), so
        that a recorded turn only looks it up, which costs less than an f-string; "" when the turn
        is not recorded."""
        if self.records is None:
            return ""
        key = (frame, *values)
        said_before = _KEPT.get(key)
        if said_before is not None:
            return said_before
        names = _PLACEHOLDERS.get(frame)
        if names is None:
            names = _PLACEHOLDERS[frame] = tuple(
                dict.fromkeys(n for _, n, _, _ in Formatter().parse(frame) if n)
            )
        made_now = said(self.level, frame, **dict(zip(names, values, strict=True)))
        if len(_KEPT) < _KEPT_MOST:
            _KEPT[key] = made_now
        return made_now

    def said_of(self, frame: str, **values: object) -> str:
        """A change's why from `frame` and `values` (see `said`, the module's) when the turn is
        recorded; "" when it is not. For the rarer whys that need it: a summit's terms."""
        if self.records is None:
            return ""
        return said(self.level, frame, **values)

    def apply(self, does: Consequences, kind: str, cause: str, why: str, source: str) -> None:
        """What an action, event or delayed effect does: its meter changes, then its flags."""
        self.apply_steps(does.steps, kind, cause, why, source)
        if does.set_flags or does.clear_flags:
            self.apply_flags(does)

    def apply_flags(self, does: Consequences) -> None:
        """Set and clear the flags `does` names, noting each in the report."""
        flags, report = self.state.flags, self.report
        for flag in does.set_flags:
            if not flags.get(flag):
                flags[flag] = True
                report.flags_set.append(flag)
                report.flag_phases[flag] = self.phase
        for flag in does.clear_flags:
            if flags.get(flag):
                flags[flag] = False
                report.flags_cleared.append(flag)
                report.flag_phases[flag] = self.phase

    def schedule(self, item: Action | Event, kind: str) -> None:
        """Put an action's or event's delayed effects on the turns they fall due."""
        for d in item.delayed:
            self.state.scheduled += (
                Scheduled(self.state.turn + d.after, d.does, kind, item.id, d.source or item.source),
            )

    # -- the phases --------------------------------------------------------------------------
    def run(self) -> tuple[GameState, TurnReport]:
        """Resolve the whole turn, phase by phase, and say how the game stands after it."""
        self.run_phases()
        self.end_check()
        return self.state, self.report

    def run_phases(self, only: Sequence[str] | None = None) -> None:
        """Resolve the turn's phases in order (those named in `only`, if given)."""
        # The meters as the turn began: the rivalry answers what the whole turn changed in Central
        # Asia, trust what it did to the partnership, and a gap in a state goes to whoever
        # invested in it this turn (after_actions less at_start). Copies, taken whole.
        self.at_start = self.after_actions = dict(self.m)
        for phase, step in self.PHASE_STEPS:  # (see the table after the phases)
            if only is None or phase in only:
                self.phase = phase
                step(self)

    def resolve_actions(self) -> None:
        """1. Each side's actions: their costs and effects, delayed effects scheduled, cooldowns started."""
        state = self.state
        ready_at, again = state.ready_at, state.turn + 1
        for side in SIDES:
            tags = self.tags[side]
            for action in self.chosen[side]:
                # Its steps begin with its cost in political capital.
                self.apply_steps(action.steps, "action", action.id, action.why, action.source)
                does = action.does
                if does.set_flags or does.clear_flags:
                    self.apply_flags(does)
                if action.delayed:
                    self.schedule(action, "action")
                if action.cooldown:
                    ready_at[action.ready_key] = again + action.cooldown
                tags.extend(action.tags)
        self.after_actions = dict(self.m)

    def at_war(self) -> int:
        """How many turns in a row the war flag has been set (0 when there is no war)."""
        flag = self.rules.war_flag
        return self.state.flag_turns.get(flag, 0) if self.state.flags.get(flag) else 0

    def distances(self, side: str) -> bool:
        """Whether `side` publicly keeps its distance from its partner this turn."""
        return "distance" in self.tags[side]

    def harshness(self, side: str) -> int:
        """A side's methods this turn: +1 for each use of force and for a turn of its war, -1 for
        each act of integration, institutions or stability."""
        tags = self.tags[side]
        war = 1 if side == self.rules.war_side and self.at_war() else 0
        return tags.count("force") + war - sum(tags.count(t) for t in _GENTLE)

    def association_factor(self) -> float:
        """Divergent methods make being seen with the partner cost more."""
        return max(
            0.0, 1.0 + self.rules.association_divergence * (self.m["method_divergence"] - 30.0) / 100.0
        )

    def resolve_methods(self) -> None:
        """2. Methods: force widens divergence and costs the partner standing (or, if it distances
        itself, partnership and trust); the war's test; divergence follows both sides' methods."""
        r, m = self.rules, self.m
        war_turns = self.at_war()
        growth = 1.0 + r.war_cost_growth * war_turns
        for side in SIDES:
            force = self.tags[side].count("force")
            if not force:
                continue
            partner = other(side)
            self.rule(
                "method_divergence",
                r.force_divergence * force,
                "force_divergence",
                WHY_FORCE[side],
            )
            if self.distances(partner):
                self.rule(
                    "partnership",
                    -r.distance_cost * force,
                    "distance_cost",
                    WHY_DISTANCED[side],
                )
                self.rule(
                    "trust",
                    -r.distance_trust,
                    "distance_cost",
                    WHY_LEFT_ALONE[side],
                )
            else:
                cost = r.association_cost * force * m["partnership"] / 100.0 * self.association_factor()
                if side == r.war_side:
                    cost *= growth
                self.rule(
                    f"{partner}.standing",
                    -cost,
                    "association_cost",
                    WHY_ASSOCIATED[side],
                )
        if war_turns:
            if r.war_divergence:
                self.rule(
                    "method_divergence",
                    r.war_divergence,
                    "war_divergence",
                    self.said_kept(WHY_WAR_DIVERGENCE, war_turns, r.war_side),
                )
            self.war_test(war_turns, growth)
        # Both sides' methods, every turn: divergence moves toward the gap between them.
        gap = abs(self.harshness("moscow") - self.harshness("beijing"))
        target = r.divergence_floor + r.divergence_per_gap * gap
        self.rule(
            "method_divergence",
            r.divergence_rate * (target - m["method_divergence"]),
            "methods",
            self.said_kept(WHY_METHODS, gap),
        )

    def war_test(self, war_turns: int, growth: float) -> None:
        """The war as the test (DESIGN §1): what standing by the war side costs its partner grows
        with the war's length, with the war side's isolation and with the partner's exposure to
        sanctions through their trade."""
        r, m = self.rules, self.m
        side, partner = r.war_side, other(r.war_side)
        if self.distances(partner):
            self.rule(
                "partnership",
                -r.war_association,
                "distance_cost",
                WHY_KEPT_FROM_WAR[side],
            )
            return
        isolation = (100.0 - m[f"{side}.standing"]) / 50.0
        exposure = m["economic_ties"] / 50.0
        cost = r.war_association * growth * m["partnership"] / 100.0 * isolation * exposure
        cost *= self.association_factor()
        self.rule(
            f"{partner}.standing",
            -cost,
            "war_association",
            self.said_kept(WHY_WAR_ASSOCIATION, war_turns, side),
        )

    def ceiling_terms(self) -> dict[str, float]:
        """What each of the four limits takes off the partnership's ceiling now."""
        return ceiling_terms(self.m, self.rules, len(self.state.normalized))

    def hold_to_ceiling(self, source_rule: str) -> None:
        """Hold the partnership at its ceiling, naming the limit that weighs most on it now."""
        terms = self.ceiling_terms()
        cause = max(LIMIT_CAUSES, key=terms.__getitem__)
        self.report.ceiling_cause = cause
        # Washington's thaw is named with the side it warms to ("Washington's thaw weighs most"
        # beside a US-Moscow thaw of 0 and a US-Beijing thaw of 47 left a player to guess).
        named, label = cause, LIMIT_LABELS[cause]
        if cause == "us_normalization":
            warmer = warmer_relation(self.m)
            named, label = f"washington.thaw_{warmer}", f"Washington's thaw with {warmer.capitalize()}"
        self.set(
            "partnership",
            self.m["partnership_ceiling"],
            "rule",
            "ceiling",
            self.said(
                WHY_HELD_DOWN,
                f"held down by the ceiling; {label} weighs most on it (-{terms[cause]:.1f})",
                {"limit": named, "weight": terms[cause]},
            ),
            self.rule_source(source_rule),
        )

    def move_partnership(self, target: float) -> None:
        """The partnership a share of the way toward `target`, held down at the ceiling."""
        m = self.m
        p = m["partnership"]
        moved = p + self.rules.partnership_rate * (target - p)
        if moved > m["partnership_ceiling"]:
            self.hold_to_ceiling("ceiling_identity")
        else:
            self.set(
                "partnership",
                moved,
                "rule",
                "pillars",
                # (the target as a whole number, as the sentence says it: round() and :.0f agree)
                self.said_kept(WHY_PULLED_UP if target > p else WHY_PULLED_DOWN, round(target)),
                self.rule_source("partnership_rate"),
            )

    def resolve_partnership(self) -> None:
        """3. Pillars and partnership: the ceiling from the four limits, the pillars wearing, the
        partnership moving toward what the pillars, trust and US pressure support, freed forces."""
        r, m = self.rules, self.m
        target = partnership_target(m, r)
        ceiling = 100.0 - sum(self.ceiling_terms().values())
        self.set(
            "partnership_ceiling",
            ceiling,
            "rule",
            "ceiling",
            WHY_CEILING,
            self.rule_source("ceiling_identity"),
        )
        if r.pillar_upkeep:
            for pillar in PILLARS:
                self.rule(
                    pillar,
                    -r.pillar_upkeep,
                    "pillar_upkeep",
                    WHY_PILLAR_UPKEEP,
                )
        self.move_partnership(target)
        war_turns = self.at_war()
        for side in SIDES:
            target_forces = m["military_trust"] * r.freed_forces_per_trust
            at_war = war_turns and side == r.war_side
            if at_war:
                target_forces -= r.war_forces_committed * war_turns
            key = f"{side}.freed_forces"
            # (a fall told as a fall: "frees forces" beside freed forces going down misleads)
            freed = target_forces - m[key]
            self.rule(
                key,
                r.freed_forces_rate * freed,
                "border_trust",
                WHY_FORCES_AT_WAR if at_war else WHY_FORCES_FREED if freed >= 0 else WHY_FORCES_TIED,
            )
            spare = (m[key] - 50.0) / 50.0
            if spare and r.freed_security:
                self.rule(
                    f"{side}.security",
                    r.freed_security * spare,
                    "freed_security",
                    WHY_SECURITY_SPARED if spare > 0 else WHY_SECURITY_THIN,
                )

    def resolve_central_asia(self) -> None:
        """4. Central Asia: Moscow's guarantees fade without forces to spare and the gap goes to those
        who invest; sanctions move trade to the Middle Corridor, which draws its states east."""
        r, m = self.rules, self.m
        # Moscow's influence rests on its security guarantees, which need forces to spare.
        freed = m["moscow.freed_forces"]
        if r.guarantee_need > 0 and freed < r.guarantee_need and r.credibility_loss:
            loss = r.credibility_loss * (r.guarantee_need - freed) / r.guarantee_need
            why = WHY_GUARANTEES_AT_WAR if self.at_war() else WHY_GUARANTEES
            src = self.rule_source("credibility_loss")
            fill, per_claim = r.fill_base, _POINTS_INVESTED_PER_CLAIM
            start, acted = self.at_start, self.after_actions
            corridor_fill = r.corridor_fill * (m["middle_corridor"] / 100.0)
            for keys, beijing_key, west_key, on_corridor in _GAP_TAKERS:
                # The gap goes mostly to whoever put something into this state this turn, and a
                # little by the present shares (fill_base), so that an idle power gains least.
                gained = acted[beijing_key] - start[beijing_key]  # by its own acts this turn
                beijing = fill * m[beijing_key] / 100.0 + (gained if gained > 0.0 else 0.0) / per_claim
                gained = acted[west_key] - start[west_key]
                west = fill * m[west_key] / 100.0 + (gained if gained > 0.0 else 0.0) / per_claim
                if on_corridor:
                    west += corridor_fill
                total = beijing + west
                if total > 0:
                    self.split_one(keys, west / total, loss, "rule", "credibility", why, src)
        if self.state.flags.get(r.sanctions_flag):
            self.rule(
                "middle_corridor",
                r.sanctions_corridor_shift,
                "sanctions_corridor",
                WHY_SANCTIONS_CORRIDOR,
            )
        lead = (m["middle_corridor"] - 50.0) / 50.0
        if lead > 0:
            src = self.rule_source("corridor_influence")
            self.split_influence(
                CORRIDOR_STATES,
                "moscow",
                {"beijing": 1.0},
                r.corridor_influence * lead,
                "rule",
                "corridor",
                WHY_CORRIDOR,
                src,
            )

    def resolve_washington(self) -> None:
        """5. Washington: its course, its answers to outreach, distance and force, its wedge, the
        isolation a partial thaw brings the other side, and normalization at the threshold."""
        r, m, w = self.rules, self.m, self.level.washington
        war_turns = self.at_war()
        # An ongoing war is force every turn, in Washington's eyes as in Beijing's.
        force_of = {
            side: self.tags[side].count("force") + (1 if war_turns and side == r.war_side else 0)
            for side in SIDES
        }
        for side in SIDES:
            tags = self.tags[side]
            outreach, distance = tags.count("outreach"), tags.count("distance")
            force = force_of[side]
            key = f"washington.thaw_{side}"
            drift = w.drift(side)
            if drift:
                self.add(
                    key,
                    drift,
                    "rule",
                    "washington_drift",
                    WHY_WASHINGTON_DRIFT[side],
                    self.rule_source("washington"),
                )
            if outreach:
                self.rule(
                    key,
                    outreach * r.thaw_per_outreach * w.receptivity(side),
                    "thaw_per_outreach",
                    WHY_OUTREACH[side],
                )
            if distance:
                self.rule(
                    key,
                    distance * r.thaw_per_distance * w.receptivity(side),
                    "thaw_per_distance",
                    WHY_DISTANCE_NOTED[side] if force_of[other(side)] else WHY_DISTANCE_KEPT[side],
                )
            if force:
                self.rule(
                    key,
                    -force * r.thaw_per_force,
                    "thaw_per_force",
                    WHY_FORCE_ANSWERED[side],
                )
        # Washington's aim: to pull the pair apart. It courts the side that stayed out of its
        # partner's force, the more eagerly the closer the pair.
        for side in SIDES:
            if force_of[side] == 0 and force_of[other(side)] > 0 and r.wedge_thaw:
                self.rule(
                    f"washington.thaw_{side}",
                    r.wedge_thaw * w.receptivity(side) * m["partnership"] / 100.0,
                    "wedge",
                    WHY_WEDGE[side],
                )
        # Even a partial thaw with one side isolates the other.
        for side in SIDES:
            warmth = m[f"washington.thaw_{other(side)}"] - r.isolation_floor
            if warmth > 0 and r.thaw_isolation:
                self.rule(
                    f"{side}.standing",
                    -r.thaw_isolation * warmth / 50.0,
                    "isolation",
                    WHY_ISOLATION[side],
                )
        for side in SIDES:
            if side in self.state.normalized or m[f"washington.thaw_{side}"] < w.threshold:
                continue
            self.normalize(side)

    def normalize(self, side: str) -> None:
        """Washington normalizes with `side`: it gains, its partner loses standing, the ceiling drops."""
        r, partner = self.rules, other(side)
        self.state.normalized += (side,)
        flag = f"normalized_{side}"
        self.state.flags[flag] = True
        self.report.flags_set.append(flag)
        self.report.flag_phases[flag] = self.phase
        self.report.notes.append(NOTE_NORMALIZED[side])
        src = self.rule_source("normalization_economy")
        why = WHY_NORMALIZED[side]
        self.add(f"{side}.economy", r.normalization_economy, "rule", "normalization", why, src)
        self.add(f"{side}.standing", r.normalization_standing, "rule", "normalization", why, src)
        self.add(
            f"{partner}.standing",
            -r.normalization_partner_standing,
            "rule",
            "normalization",
            WHY_NORMALIZED_PARTNER[side],
            src,
        )
        self.add(
            "partnership_ceiling",
            -r.normalization_ceiling_drop,
            "rule",
            "normalization",
            WHY_NORMALIZED_CEILING[side],
            src,
        )
        if self.m["partnership"] > self.m["partnership_ceiling"]:
            self.report.ceiling_cause = "us_normalization"
            self.set(
                "partnership",
                self.m["partnership_ceiling"],
                "rule",
                "normalization",
                WHY_NORMALIZED_FALL[side],
                src,
            )

    def resolve_events(self) -> None:
        """6. Events: what the facilitator put in play, the dated events whose turn has come, then a
        draw from the level's deck."""
        for kind, item in self.injected:
            if isinstance(item, Adjustment):
                why = (
                    self.said_kept(WHY_ADJUSTMENT, item.reason)
                    if kind == "facilitator"
                    else f"{kind.capitalize()}: {item.reason}"
                )
                self.add(item.meter, item.delta, kind, "adjustment", why, kind)
            else:
                self.fire(item, kind)
        r, state = self.rules, self.state
        # Dated events of record first: each happens in the first turn its condition holds, and
        # takes no place in the draw (so a level without them draws exactly as before).
        for event in self.level.certain_events:
            if not (event.once and event.id in state.fired) and event.when.test(state):
                self.fire(event)
        roll, state.rng = rng.uniform(state.rng)
        if roll >= r.event_chance:
            return
        cards, card_weights, sums = self.level.deck_without(state.fired)
        deck, weights = list(cards), list(card_weights)
        by_sums = sums is not None  # then a draw is a binary search (see rng.running_sums)
        for _ in range(r.events_per_turn):
            # Draw by weight from the whole deck and put back any card whose condition does not
            # hold, without replacement: the same distribution as drawing among the cards that
            # can happen, but only the drawn cards' conditions are evaluated.
            while deck:
                if by_sums:
                    if sums is None:  # a card has been drawn since
                        sums = rng.running_sums_of_some(weights)
                    index, state.rng = rng.weighted_index_by_sums(state.rng, sums)
                    sums = None
                else:
                    index, state.rng = rng.weighted_index(state.rng, weights)
                event = deck.pop(index)
                del weights[index]
                if event.when.test(state):
                    self.fire(event)
                    break
            else:
                return

    def fire(self, event: Event, kind: str = "event") -> None:
        """One event happens: its effects, flags and delayed effects."""
        self.state.fired = self.state.fired | {event.id}
        self.report.events.append(event.id)
        if kind == "event":
            why = self.said_kept(WHY_EVENT, event.title)
        elif kind == "facilitator":
            why = self.said_kept(WHY_EVENT_INJECTED, event.title)
        else:
            why = f"Event: {event.title} ({kind})"
        self.apply(event.does, kind, event.id, why, event.source)
        self.schedule(event, "event")

    def resolve_delayed(self) -> None:
        """7. Delayed effects that fall due this turn."""
        turn = self.state.turn
        due = [s for s in self.state.scheduled if s.due <= turn]
        if not due:
            return
        self.state.scheduled = tuple(s for s in self.state.scheduled if s.due > turn)
        for item in due:
            if item.cause_kind == "action":
                action = self.level.actions.get(item.cause_id)
                name = action.name if action else item.cause_id
                why = self.said_kept(WHY_LATER, name)
            else:
                event = self.level.event(item.cause_id)
                title = event.title if event else item.cause_id
                why = self.said_kept(WHY_LATER_EVENT, title)
            self.apply(item.does, "delayed", item.cause_id, why, item.source)

    def resolve_commitments(self) -> None:
        """7b. The summit's terms: each running commitment is checked against the plans. A kept term
        builds trust; a broken one costs trust (which the memory phase mends only slowly), the
        partnership and, for a pledge made in public, the breaker's standing abroad; a warning
        defied costs trust, and a threat not carried out costs the warner its standing."""
        state = self.state
        if not state.commitments:
            return
        r = self.rules
        state.commitments, settled = settle(state.commitments, state.turn, self.chosen)
        self.report.settled = settled
        for s in settled:
            who, term = s.side, s.term
            if s.result in ("kept", "heeded"):
                if r.term_trust_kept:
                    self.rule(
                        "trust",
                        r.term_trust_kept,
                        "term_kept",
                        self.said_of(WHY_KEPT_WORD, who=who, term=term),
                    )
            elif s.result == "broken":
                why = self.said_of(WHY_BROKE_WORD, who=who, term=term)
                self.rule("trust", -r.term_trust_broken, "term_broken", why)
                self.rule("partnership", -r.term_partnership_broken, "term_broken", why)
                if s.term.kind in PUBLIC_TERMS:
                    self.rule(
                        f"{s.side}.standing",
                        -r.term_standing_broken,
                        "term_broken",
                        self.said_of(WHY_BROKE_PLEDGE, who=who, term=term),
                    )
            elif s.result == "defied":
                self.rule(
                    "trust",
                    -r.warning_defied_trust,
                    "warning_defied",
                    self.said_of(WHY_DEFIED, who=who, term=term),
                )
            elif s.result == "empty":
                self.rule(
                    f"{s.side}.standing",
                    -r.term_standing_broken,
                    "term_broken",
                    self.said_of(WHY_EMPTY_THREAT, who=who, term=term),
                )

    def resolve_memory(self) -> None:
        """What the turn leaves behind: the limits and trust answer the whole turn, slowly."""
        r, m, start = self.rules, self.m, self.level.start
        if m["partnership"] > m["partnership_ceiling"]:
            # Events and delayed effects come after the partnership phase; the ceiling still holds.
            self.hold_to_ceiling("ceiling_identity")
        # Rivalry in Central Asia rises as Moscow loses ground and Beijing gains it, and fades
        # slowly toward a resting level that Beijing's lead raises.
        before, n = self.at_start, len(STATES)
        lost = sum(max(0.0, before[k] - m[k]) for k in _MOSCOW_IN) / n
        gained = sum(max(0.0, m[k] - before[k]) for k in _BEIJING_IN) / n
        if lost + gained > 0 and r.rivalry_per_shift:
            self.rule(
                "central_asia_rivalry",
                r.rivalry_per_shift * (lost + gained),
                "rivalry",
                self.rivalry_why(lost, gained),
            )
        of = m.__getitem__
        lead = (sum(map(of, _BEIJING_IN)) - sum(map(of, _MOSCOW_IN))) / n
        resting = r.rivalry_floor + r.rivalry_per_lead * max(0.0, lead)
        self.rule(
            "central_asia_rivalry",
            r.rivalry_fade * (resting - m["central_asia_rivalry"]),
            "rivalry_fade",
            WHY_RIVALRY_FADES if resting < m["central_asia_rivalry"] else WHY_RIVALRY_KEPT,
        )
        # Trust remembers shocks for years and rebuilds slowly toward what the pillars justify.
        fall = self.at_start["partnership"] - m["partnership"]
        if fall > r.shock_threshold and r.shock_distrust:
            self.rule(
                "trust",
                -r.shock_distrust * (fall - r.shock_threshold),
                "shock",
                self.said(
                    WHY_SHOCK,
                    f"the partnership fell {fall:.1f} in one turn: such a fall leaves distrust that lasts",
                    {"fall": fall},
                ),
            )
        # Distrust is the memory of what trust lost: every point trust fell this turn (a shock, a
        # broken word, an event) leaves some behind, and it fades on its own clock, whatever the
        # partners do meanwhile. While it lasts, trust mends only toward what the pillars justify
        # less what is remembered, so good conduct cannot buy back a betrayal within a year.
        fell = self.at_start["trust"] - m["trust"]
        if fell > 0 and r.distrust_per_fall:
            self.rule(
                "distrust",
                r.distrust_per_fall * fell,
                "distrust",
                self.said(
                    WHY_DISTRUST,
                    f"trust fell {fell:.1f} this turn: such a fall is remembered for years",
                    {"fall": fell},
                ),
            )
        if m["distrust"] and r.distrust_fade:
            self.rule("distrust", -r.distrust_fade * m["distrust"], "distrust_fade", WHY_DISTRUST_FADES)
        justified = (m["military_trust"] + m["economic_ties"] + m["shared_stance"]) / 3.0 - m["distrust"]
        self.rule(
            "trust",
            r.trust_rate * (justified - m["trust"]),
            "trust_memory",
            WHY_TRUST_MENDS if justified > m["trust"] else WHY_TRUST_WEARS,
        )
        # The identity gap's two halves, and the gap following them.
        outreach = self.tags["moscow"].count("outreach")
        if outreach and r.pull_per_outreach:
            self.rule(
                "western_pull",
                outreach * r.pull_per_outreach,
                "western_pull",
                WHY_WESTERN_PULL,
            )
        self.rule(
            "western_pull",
            r.identity_rate * (start["western_pull"] - m["western_pull"]),
            "identity",
            WHY_IDENTITY_SETTLES,
        )
        power_gap = _power_gap(m) - _power_gap(start)
        aim = start["leadership_aim"] + r.leadership_per_power_gap * power_gap
        self.rule(
            "leadership_aim",
            r.identity_rate * (aim - m["leadership_aim"]),
            "leadership_aim",
            WHY_LEADERSHIP_GROWS if aim > m["leadership_aim"] else WHY_LEADERSHIP_EASES,
        )
        # Without trust there is nothing beneath the pragmatism: distrust below the level's start
        # widens the gap, and trust above it narrows it.
        halves = (m["western_pull"] + m["leadership_aim"]) / 2.0
        halves += r.identity_per_distrust * (start["trust"] - m["trust"])
        self.rule(
            "identity_gap",
            r.identity_rate * (halves - m["identity_gap"]),
            "identity",
            WHY_IDENTITY_GAP,
        )
        self.move_dependence()

    def move_dependence(self) -> None:
        """Dependence follows what each side actually trades with the other (and, for Moscow, the
        sanctions that close other markets): the end of resolve_memory, and of the board's
        forecast, which left it out and said a goal of dependence 80 or less would hold at 79
        when the turn then ended it at 80.3."""
        r, m, start = self.rules, self.m, self.level.start
        ties = m["economic_ties"] - start["economic_ties"]
        sanctioned = bool(self.state.flags.get(r.sanctions_flag))
        for side, per_tie in (("moscow", r.trade_dependence_moscow), ("beijing", r.trade_dependence_beijing)):
            key = f"{side}.dependence"
            target = start[key] + per_tie * ties
            if side == "moscow" and sanctioned:
                target += r.sanctions_dependence
            self.rule(
                key,
                r.dependence_rate * (target - m[key]),
                "trade_dependence",
                (WHY_DEPENDENCE_SANCTIONED if side == "moscow" and sanctioned else WHY_DEPENDENCE)[side],
            )

    def resolve_upkeep(self) -> None:
        """9. Dependence and capital: the turn's change in partnership weighs on each side by its
        dependence, and each side gains political capital."""
        r, m = self.rules, self.m
        # The turn's whole change in partnership, whatever moved it, weighs on each side by how
        # much it depends on the other: the same fall costs the more dependent side more.
        change = m["partnership"] - self.at_start["partnership"]
        if change:
            why = WHY_PARTNERSHIP_GAIN if change > 0 else WHY_PARTNERSHIP_LOSS
            for side in SIDES:
                share = change * m[f"{side}.dependence"] / 100.0
                self.rule(f"{side}.economy", share * r.dependence_economy, "dependence", why)
                self.rule(f"{side}.standing", share * r.dependence_standing, "dependence", why)
        for side in SIDES:
            key = f"{side}.capital"
            if m[key] >= r.capital_cap:
                continue
            # Whole points: costs are whole numbers, and a player counts capital in whole points.
            income = int(r.capital_income + m[f"{side}.standing"] * r.capital_per_standing)
            self.set(
                key,
                min(r.capital_cap, m[key] + income),
                "rule",
                "capital_income",
                WHY_CAPITAL,
                self.rule_source("capital_income"),
            )
        flags, counts = self.state.flags, self.state.flag_turns
        for flag, on in flags.items():
            counts[flag] = counts.get(flag, 0) + 1 if on else 0

    def end_check(self) -> None:
        """The turn is over: an early outcome if one holds, the final one after the last turn."""
        state = self.state
        state.turn += 1
        for o in self.level.outcomes:
            if o.early and o.when(state):
                state.outcome = o.id
                break
        else:
            if state.turn > self.level.turns:
                state.outcome = final_outcome(state)
        self.report.outcome = state.outcome

    # The phases in their documented order, as plain functions: a table made once, rather than
    # bound methods made every turn.
    PHASE_STEPS = (
        ("actions", resolve_actions),
        ("methods", resolve_methods),
        ("partnership", resolve_partnership),
        ("central_asia", resolve_central_asia),
        ("washington", resolve_washington),
        ("events", resolve_events),
        ("delayed", resolve_delayed),
        ("commitments", resolve_commitments),
        ("memory", resolve_memory),
        ("upkeep", resolve_upkeep),
    )

    # -- for the UI's preview ----------------------------------------------------------------
    def preview_action(self, action: Action) -> list[Change]:
        """What one action alone would do now (for the card's preview); only its own effects."""
        self.apply_steps(action.steps, "action", action.id, action.why, action.source)
        if action.does.set_flags or action.does.clear_flags:
            self.apply_flags(action.does)
        return self.report.changes


__all__ = ["Turn", "label", "other"]
