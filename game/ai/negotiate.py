"""How the game's agents bargain at the summit (game.core.summit), from what their side can see.

An agent weighs a term by what it does for its own agenda: what the deeds it would be bound to cost
it (the best cards it could no longer play, or a card it would have to play instead of a better
one), against what the other side's deeds bring it (a card of the partner's that pushes its goals,
or one that pushes against them held back), and a little for the trust a kept term builds. Every
figure comes from the cards' printed effects and the rules their tags trigger, read against the
agenda, the way `easy` weighs a card; the level (both agendas included) is public.

It proposes the terms worth most to it among those the other side should find worth accepting,
accepts a term worth something to it, rejects one that is not, and counters a rejected term once
with one of its own. `easy` is more trusting: it accepts terms that cost it a little. Either takes
on only what it could keep together in the turn (`Pledges`): no card on its cooldown, none beyond
its capital or its plan's length, nothing a promise it is under rules out.

Whether it keeps its word is not decided here: a commitment is in the state, and a broken term
costs trust, partnership and standing when the turn resolves, so an agent that looks ahead (normal,
hard) sees what breaking it costs and breaks it only when its search finds the plan worth more.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from game.ai.determinize import seen_cooldowns
from game.core.engine import is_legal_plan, is_usable
from game.core.level import Action, Level
from game.core.meters import STATES, other
from game.core.phases import said
from game.core.state import GameState
from game.core.summit import (
    Commitment,
    Deed,
    Term,
    power_lead,
    span,
    standing_terms,
    term_span,
    terms_allowed,
    terms_on_offer,
)
from game.core.words import N_, Said, word

# What a point of trust is worth, in the same units as a card's fit, for a side whose agenda reads
# the partnership (trust feeds the partnership's target).
TRUST_WORTH = 0.5
Answer = str | Term  # "accept", "reject", or a counter-term

# The reasons an agent gives at the summit, each a frame the interface says in the player's
# language (game.speech.reasons): {amount} is one of AMOUNTS, {partner} a side's key, {term} a term.
# A reason's frame begins with what the agent did ("proposed", "accepted", ...), which the
# summit's record reads to know whose reason it is.
PROPOSED = N_("proposed: it would serve its goals {amount}, and {partner} should find it worth accepting")
ACCEPTED = N_("accepted: it serves its goals {amount} ({term})")
ACCEPTED_FOR_GOODWILL = N_(
    "accepted: it costs its goals only {amount}, a price it pays for goodwill ({term})"
)
# (The counter it would have made is named as such: "what it would ask instead is on the table
# already (Moscow offers...)" read as a trade still on offer.)
REJECTED_ON_THE_TABLE = N_(
    "rejected: it would cost its goals {amount}; it would have countered with {term}, but that term is "
    "on the table already"
)
COUNTERED = N_("countered: it would cost its goals {amount}; it asked instead: {term}")
REJECTED_CANNOT_KEEP = N_(
    "rejected: it could not keep this beside the terms it has taken on already, within one turn's "
    "capital and cards ({term})"
)
REJECTED = N_("rejected: it would cost its goals {amount}")
# A request for a card the side cannot play this turn (dated to a later year, on its cooldown,
# beyond its capital) could only be broken: said as such, whatever its worth would have been.
REJECTED_CANNOT_PLAY = N_("rejected: it cannot play “{card}” this turn")
COUNTERED_CANNOT_PLAY = N_("countered: it cannot play “{card}” this turn; it asked instead: {term}")
COUNTER_ANSWERS = {
    ("accept", True): N_("accepted the counter: it serves its goals {amount}"),
    ("accept", False): N_("accepted the counter: it costs its goals {amount}"),
    ("reject", True): N_("rejected the counter: it serves its goals {amount}"),
    ("reject", False): N_("rejected the counter: it costs its goals {amount}"),
}
# A term's worth to a side's goals, in words.
AMOUNTS = (word(N_("a little")), word(N_("somewhat")), word(N_("a great deal")))


def wants(level: Level, side: str) -> dict[str, float]:
    """How much a point of each meter is worth to `side`'s agenda (negative: it wants it lower)."""
    out: dict[str, float] = {}
    for goal in level.agendas[side].goals:
        direction = 1.0 if goal.at_least is not None else -1.0
        meter = goal.meter
        out[meter] = out.get(meter, 0.0) + direction * goal.weight
        if meter.startswith("central_asia."):
            power = meter.split(".")[1]
            for place in STATES:
                key = f"{place}.{power}"
                out[key] = out.get(key, 0.0) + direction * goal.weight / len(STATES)
        if meter == "partnership":
            for pillar in ("military_trust", "economic_ties", "shared_stance", "trust"):
                out[pillar] = out.get(pillar, 0.0) + direction * goal.weight / 3
    return out


def fit(level: Level, wanted: dict[str, float], action: Action) -> float:
    """What a card does for an agenda: its printed effects, and the rules its tags set off."""
    r = level.rules
    total = sum(wanted.get(e.meter, 0.0) * e.delta for e in action.does.effects)
    if "force" in action.tags:
        total -= wanted.get("partnership", 0.0) * r.force_divergence * r.ceiling_methods
        total += wanted.get("method_divergence", 0.0) * r.force_divergence
    if "outreach" in action.tags:
        total += wanted.get(f"washington.thaw_{action.side}", 0.0) * r.thaw_per_outreach
        total += wanted.get("identity_gap", 0.0) * r.pull_per_outreach * r.identity_rate
    return total / max(1, action.cost)


@dataclass
class Weigher:
    """Worth of terms for one side, in one state."""

    state: GameState
    side: str

    def __post_init__(self) -> None:
        level = self.state.level
        reading = LevelReading.of(level)
        self.wanted, self.fits = reading.wanted, reading.fits
        doers, self._standing, self._shapes = reading.doers, reading.standing, reading.shapes
        # A card on its cooldown is as far out of reach this turn as one the side cannot afford: a
        # term to play it could only be broken, at a cost in trust to both. The partner's cooldowns
        # are not in what this side sees, but the cards it played are, each with its cooldown
        # printed on it: without them Beijing asked, summit after summit, for a card Moscow had
        # just played.
        turn, partner = self.state.turn, other(self.side)
        seen = seen_cooldowns(self.state, partner)
        self.usable = {
            s: [
                a
                for a in level.actions_of[s]
                if is_usable(self.state, a) and (s != partner or seen.get(a.id, 0) <= turn)
            ]
            for s in ("moscow", "beijing")
        }
        self._usable_ids = {s: frozenset(a.id for a in self.usable[s]) for s in ("moscow", "beijing")}
        # A summit weighs each of some hundred terms for both sides, and the terms share their
        # deeds: each (judge, side, deed) is worked out once per state, and what does not hang on
        # the deed (a side's best plan, the weight of all its cards) once per side. The keys are
        # plain tuples of strings, whose hashes Python keeps, rather than Deeds.
        self._costs: dict[tuple[str, str, str, str], float] = {}
        self._all_doers = doers
        self._doers: dict[tuple[str, str, str], list[Action]] = {}
        most = level.rules.max_actions
        # Each side's usable cards with a positive fit for its own agenda, best first: a plan's
        # worth is the sum of the first few of them that a deed leaves it (see `_best_left`).
        self._ranked = {
            s: sorted(
                ((self.fits[s][a.id], a) for a in self.usable[s] if self.fits[s][a.id] > 0.0),
                key=lambda pair: -pair[0],
            )
            for s in ("moscow", "beijing")
        }
        self._free = {s: _best(self.fits[s], self.usable[s], most) for s in ("moscow", "beijing")}
        self._promise_turns = level.rules.promise_turns
        self._trust_kept = level.rules.term_trust_kept
        self._for_partnership = {
            s: max(0.0, self.wanted[s].get("partnership", 0.0)) for s in ("moscow", "beijing")
        }
        self._pull = {
            s: max(1e-9, sum(max(0.0, self.fits[s][a.id]) for a in self.usable[s]))
            for s in ("moscow", "beijing")
        }

    def cost_to(self, judge: str, side: str, deed: Deed) -> float:
        """What binding `side` to `deed` costs `judge` for a turn (negative: what it brings)."""
        key = (judge, side, deed.kind, deed.subject)
        cost = self._costs.get(key)
        if cost is None:
            cost = self._costs[key] = self._cost_to(judge, side, deed)
        return cost

    def doers(self, side: str, deed: Deed) -> list[Action]:
        """`side`'s usable cards that would do the deed's thing, in the level's order."""
        key = (side, deed.kind, deed.subject)
        doing = self._doers.get(key)
        if doing is None:
            every = self._all_doers.get(key)
            if every is None:
                every = self._all_doers[key] = tuple(deed.doers(self.state.level.actions_of[side]))
            usable = self._usable_ids[side]
            doing = self._doers[key] = [a for a in every if a.id in usable]
        return doing

    def _best_left(
        self, side: str, most: int, without: Collection[str], within: float | None = None
    ) -> float:
        """_best() of `side`'s usable cards but those in `without` (and, with `within`, but those
        costing more): read off the ranked cards, best first, as _best() sums them."""
        total = 0.0
        taken = 0
        if most <= 0:
            return total
        for value, a in self._ranked[side]:
            if a.id in without or (within is not None and a.cost > within):
                continue
            total += value
            taken += 1
            if taken == most:
                break
        return total

    def _cost_to(self, judge: str, side: str, deed: Deed) -> float:
        fits = self.fits[judge]
        cards = self.usable[side]
        if not cards:
            return 0.0 if deed.restraint or side != judge else 5.0
        own = self.fits[side]
        most = self.state.level.rules.max_actions
        doing = self.doers(side, deed)
        if side == judge:
            # The side's own loss: the best plan it could play against the best that keeps the deed,
            # each the sum of its best cards' fits (what `easy` reads of a card).
            free = self._free[side]
            if deed.restraint:
                return max(0.0, free - self._best_left(side, most, {a.id for a in doing}))
            if not doing:
                return 5.0  # it cannot keep it this turn: a term it would break
            first = max(doing, key=lambda a: own[a.id])
            left = self.capital(side) - first.cost
            return max(0.0, free - own[first.id] - self._best_left(side, most - 1, (first.id,), left))
        # The other side's deed, judged by `judge`: held back, the cards it would likely have
        # played (the more they serve it, the likelier) no longer act; done, its card acts.
        if deed.restraint:
            held = doing
            if not held:
                return 0.0
            weight = sum(max(0.0, own[a.id]) for a in held) / self._pull[side]
            return weight * max(fits[a.id] for a in held)
        if not doing:
            return 0.0
        return -max(fits[a.id] for a in doing)

    def on_offer(self, side: str) -> list[Term]:
        """terms_on_offer() for `side` now, the terms other than deals read once per level."""
        standing = self._standing.get(side)
        if standing is None:
            standing = self._standing[side] = standing_terms(self.state.level, side)
            # The level keeps these terms: each is read once (the store holds the terms, so
            # their ids stay theirs).
            self._shapes.update((id(t), _shape_of(t)) for t in standing)
        return terms_on_offer(self.state, side, standing)

    def capital(self, side: str) -> float:
        """A side's political capital as the state shows it."""
        return self.state.meters[f"{side}.capital"]

    def worth(self, judge: str, term: Term) -> float:
        """What `term`, kept, is worth to `judge` over the turns it runs."""
        shape = self._shapes.get(id(term))
        if shape is None or shape[0] is not term:
            shape = _shape_of(term)
        _, kind, parts, warned, count = shape
        if kind == "promise" or kind == "warning":
            turns = self._promise_turns
        else:
            turns = span(self.state, term) if kind == "deal" else 1
        total = 0.0
        costs = self._costs
        # cost_to(), written out: a summit weighs some two hundred terms for each side.
        for side, deed, restraint, keys in parts:
            key = keys[judge]
            cost = costs.get(key)
            if cost is None:
                cost = costs[key] = self._cost_to(judge, side, deed)
            total -= cost * (turns if restraint else 1)
        if warned is not None:
            # A warning heeded holds the warned side back; its answer would cost the warner.
            side, deed, keys = warned
            total -= self.cost_to(judge, side, deed) * turns
        trust = self._trust_kept * count
        return total + TRUST_WORTH * trust * self._for_partnership[judge] / 20


# A term as the weigher reads it: (the term, its kind, each side it binds with the deed, whether
# that is a restraint and the cost's key for each judge, the warned side's restraint for a warning
# with an answer, how many sides it binds (at least one)).
_Part = tuple[str, Deed, bool, dict[str, tuple[str, str, str, str]]]
_Shape = tuple[
    Term, str, tuple[_Part, ...], "tuple[str, Deed, dict[str, tuple[str, str, str, str]]] | None", int
]


def _shape_of(term: Term) -> _Shape:
    """How the weigher reads `term` (see _Shape): worked out once for the terms a level always
    offers, and for each deal when it is weighed."""

    def keys(side: str, deed: Deed) -> dict[str, tuple[str, str, str, str]]:
        return {judge: (judge, side, deed.kind, deed.subject) for judge in ("moscow", "beijing")}

    bound = term.bound()
    parts = tuple((side, deed, deed.restraint, keys(side, deed)) for side, deed in bound)
    warned = None
    if term.kind == "warning" and term.answer is not None:
        deed = Deed("no", term.deed.subject)
        warned = (other(term.by), deed, keys(other(term.by), deed))
    return (term, term.kind, parts, warned, len(bound) or 1)


class Pledges:
    """What the terms a side has taken on bind it to this turn, and whether one more still fits.

    A side that agrees to play three cards it cannot afford together, or to play a card and to
    hold back from its tag, must break one of its words, and a broken word costs trust on both
    sides. So each side keeps count as it proposes and answers: the cards it is bound to play this
    turn (the cheapest that does each deed), their capital and the plan's length, and the restraints
    it is under."""

    def __init__(self, w: Weigher, side: str, running: Iterable[Commitment] = ()) -> None:
        self.w, self.side = w, side
        self.capital = w.capital(side)
        self.most = w.state.level.rules.max_actions
        self.cards: list[Action] = []
        self.restraints: list[Deed] = []
        turn = w.state.turn
        for c in running:
            if c.term.kind == "warning":
                # Defied last turn, a warning binds its warner to its answer now, or the threat
                # was empty (a broken word, as the rules count it).
                if c.set_off and c.term.by == side and c.term.answer is not None:
                    self._take(c.term.answer)
                continue
            for bound, deed in c.term.bound():
                if bound != side or bound in c.done:
                    continue
                if deed.restraint:
                    self.restraints.append(deed)
                elif c.until <= turn:  # its last turn: it must be done now
                    self._take(deed)

    def fits(self, term: Term) -> bool:
        """Whether the side could keep its part of `term` this turn beside what it is bound to."""
        trial = Pledges(self.w, self.side)
        trial.cards, trial.restraints = list(self.cards), list(self.restraints)
        return trial.take(term)

    def take(self, term: Term) -> bool:
        """Count the side's part of `term` in, or return False and count nothing when it does not
        fit (a term binds a side to one deed at most)."""
        turns = span(self.w.state, term)
        for bound, deed in term.bound():
            if bound != self.side:
                continue
            if deed.restraint:
                if deed.done_by(tuple(self.cards)):
                    return False
                self.restraints.append(deed)
            elif turns == 1 and not self._take(deed):
                return False  # (a deed over several turns may be done in a later one)
        return True

    def _take(self, deed: Deed) -> bool:
        if deed.done_by(tuple(self.cards)):
            return True
        spent = sum(a.cost for a in self.cards)
        if len(self.cards) >= self.most:
            return False
        for card in sorted(self.w.doers(self.side, deed), key=lambda a: (a.cost, a.id)):
            if spent + card.cost > self.capital or card in self.cards:
                continue
            if any(r.done_by((card,)) for r in self.restraints):
                continue
            self.cards.append(card)
            return True
        return False


class Negotiator:
    """The summit's side of an agent: it proposes, answers and answers counters."""

    def __init__(self, side: str, trusting: float = 0.0) -> None:
        self.side = side
        # How much a term may cost it and still be accepted (negative: it must gain that much).
        self.trusting = trusting
        # A term's key -> why it was proposed, accepted or refused (a game.core.words.Said).
        self.reasons: dict[str, str] = {}
        self._weighed: tuple[GameState, Weigher] | None = None
        # What this summit's terms bind this side to so far (its own terms as it proposed them,
        # then those it accepted), on the observation it was worked out for.
        self._pledged: tuple[GameState, Pledges] | None = None

    def pledges(self, observation: GameState) -> Pledges:
        """What binds this side this turn: kept through the stages of one summit."""
        if self._pledged is not None and self._pledged[0] is observation:
            return self._pledged[1]
        pledged = Pledges(self.weigher(observation), self.side, observation.commitments)
        self._pledged = (observation, pledged)
        return pledged

    def weigher(self, observation: GameState) -> Weigher:
        """The weigher of `observation`: the one made for it already, when a summit shows this side
        the same observation at each of its stages (game.session.summit_table.play_agents)."""
        if self._weighed is not None and self._weighed[0] is observation:
            return self._weighed[1]
        w = Weigher(observation, self.side)
        self._weighed = (observation, w)
        return w

    def propose(self, observation: GameState) -> list[Term]:
        """The terms worth most to this side that the other side should find worth accepting."""
        w = self.weigher(observation)
        partner, level = other(self.side), observation.level
        # The stronger partner asks more: it puts forward terms that cost the other side a little,
        # which the other may refuse; the weaker one only terms the other side gains from.
        ask = -1.0 if power_lead(observation) == self.side else 0.0
        ranked = []
        refused = frozenset(observation.refused)
        for term in w.on_offer(self.side):
            if any(_binds_again(term, c.term) for c in observation.commitments):
                continue  # already promised or asked for, and still running
            if term.key() in refused:
                # Refused at the last summit: put forward again at once, it was refused again (a
                # player met the same request at every summit), so it waits a summit.
                continue
            mine = w.worth(self.side, term)
            if mine > 0.3 and w.worth(partner, term) >= ask:
                ranked.append((mine, term))
        ranked.sort(key=lambda x: (-x[0], x[1].key()))
        chosen: list[Term] = []
        # Terms both sides could keep together: what this side asks of itself and of its partner.
        mine_pledged = self.pledges(observation)
        theirs = Pledges(w, partner, observation.commitments)
        for value, term in ranked:
            if len(chosen) >= terms_allowed(observation, self.side):
                break
            if any(_overlaps(term, c) for c in chosen):
                continue
            # take() counts nothing when the term does not fit, so only the partner's side needs a
            # trial first.
            if not theirs.fits(term) or not mine_pledged.take(term):
                continue
            theirs.take(term)
            chosen.append(term)
            self.reasons[term.key()] = said(level, PROPOSED, amount=_amount(value), partner=partner)
        return chosen

    def answer(
        self, observation: GameState, terms: list[Term], on_the_table: Collection[str] = ()
    ) -> dict[str, Answer]:
        """Accept, reject or counter each of the other side's terms (`on_the_table`: the keys of
        the terms put forward already, which a counter cannot be)."""
        w = self.weigher(observation)
        out: dict[str, Answer] = {}
        level = observation.level
        taken = set(on_the_table)
        pledged = self.pledges(observation)
        # The best counter hangs only on the refused term's kind: found once per kind.
        counters: dict[str, Term | None] = {}
        # The terms worth most to it first, so that those are the ones its turn has room for.
        weighed = sorted(
            ((w.worth(self.side, t), i, t) for i, t in enumerate(terms)), key=lambda x: (-x[0], x[1])
        )
        for value, _, term in weighed:
            key = term.key()
            if value >= -self.trusting:
                if pledged.take(term):
                    out[key] = "accept"
                    self.reasons[key] = said(
                        level,
                        ACCEPTED if value >= 0 else ACCEPTED_FOR_GOODWILL,
                        amount=_amount(value),
                        term=term,
                    )
                else:
                    out[key] = "reject"
                    self.reasons[key] = said(level, REJECTED_CANNOT_KEEP, term=term)
                continue
            if term.kind not in counters:
                counters[term.kind] = self._counter(w, term)
            counter = counters[term.kind]
            if counter is not None and counter.key() in taken:
                out[key] = "reject"
                self.reasons[key] = said(level, REJECTED_ON_THE_TABLE, amount=_amount(value), term=counter)
            elif counter is not None:
                taken.add(counter.key())
                out[key] = counter
                self.reasons[key] = said(level, COUNTERED, amount=_amount(value), term=counter)
            else:
                out[key] = "reject"
                self.reasons[key] = said(level, REJECTED, amount=_amount(value))
        # The reason for a term it could not keep at all is that, not its worth (the answer itself
        # is the one worked out above).
        for term in terms:
            card = self._cannot_play(observation, term)
            given = out.get(term.key())
            if card and given == "reject":
                self.reasons[term.key()] = said(level, REJECTED_CANNOT_PLAY, card=card)
            elif card and isinstance(given, Term):
                self.reasons[term.key()] = said(level, COUNTERED_CANNOT_PLAY, card=card, term=given)
        return out

    def _cannot_play(self, observation: GameState, term: Term) -> str:
        """The name of a card `term` binds this side to play this turn alone that it cannot play
        now ('' when there is none)."""
        if term_span(observation.level, term) != 1:
            return ""
        actions = observation.level.actions
        for side, deed in term.bound():
            if side == self.side and deed.kind == "play" and deed.subject in actions:
                action = actions[deed.subject]
                if not is_usable(observation, action):
                    return action.name
        return ""

    def answer_counters(self, observation: GameState, counters: list[Term]) -> dict[str, str]:
        """Accept or reject each counter the other side made to this side's terms."""
        w = self.weigher(observation)
        pledged = self.pledges(observation)
        out = {}
        for term in counters:
            value = w.worth(self.side, term)
            if value >= -self.trusting and not pledged.take(term):
                out[term.key()] = "reject"
                self.reasons[term.key()] = said(observation.level, REJECTED_CANNOT_KEEP, term=term)
                continue
            out[term.key()] = "accept" if value >= -self.trusting else "reject"
            frame = COUNTER_ANSWERS[out[term.key()], value >= 0]
            self.reasons[term.key()] = said(observation.level, frame, amount=_amount(value))
        return out

    def _counter(self, w: Weigher, refused: Term) -> Term | None:
        # A counter of the same kind over the same ground, better for this side, and acceptable.
        partner = other(self.side)
        best: tuple[float, Term] | None = None
        for term in w.on_offer(self.side):
            if term.kind != _mirror(refused.kind):
                continue
            mine = w.worth(self.side, term)
            if mine > 0.3 and (best is None or mine > best[0]) and w.worth(partner, term) >= 0.0:
                best = (mine, term)
        return best[1] if best else None


@dataclass
class LevelReading:
    """What a level's agendas make of its cards, which does not change in a game: read once per
    level (a summit weighs its terms several times a turn, for thousands of games in a batch run).
    The stores fill as the weighers ask."""

    level: Level
    wanted: dict[str, dict[str, float]]  # each side's wants
    fits: dict[str, dict[str, float]]  # each card's fit for each side's agenda
    doers: dict[tuple[str, str, str], tuple[Action, ...]] = field(default_factory=dict)  # (side, deed)
    standing: dict[str, list[Term]] = field(default_factory=dict)  # each side's standing terms
    shapes: dict[int, _Shape] = field(default_factory=dict)  # how the weigher reads them, by id

    @classmethod
    def of(cls, level: Level) -> LevelReading:
        """The reading of `level`, kept per level object."""
        kept = _READ.get(id(level))
        if kept is not None and kept.level is level:
            return kept
        wanted = {s: wants(level, s) for s in ("moscow", "beijing")}
        fits = {
            judge: {a.id: fit(level, wanted[judge], a) for a in level.actions.values()}
            for judge in ("moscow", "beijing")
        }
        if len(_READ) >= _READ_MOST:
            _READ.clear()
        reading = _READ[id(level)] = cls(level, wanted, fits)
        return reading


_READ: dict[int, LevelReading] = {}
_READ_MOST = 16


def _amount(worth: float) -> Said:
    """A term's worth to a side's goals in words, for the reasons a player reads (the figure is the
    weigher's own reckoning, in points of cards' printed effects, not a meter's)."""
    size = abs(worth)
    return AMOUNTS[0] if size < 1.0 else AMOUNTS[1] if size < 3.0 else AMOUNTS[2]


def _best(fits: dict[str, float], cards: list[Action], most: int) -> float:
    """The sum of the `most` best positive fits among `cards` (what a plan of them is worth)."""
    return sum(sorted((max(0.0, fits[a.id]) for a in cards), reverse=True)[: max(0, most)])


def _mirror(kind: str) -> str:
    # A request refused is countered by a request of one's own, an offer by an offer, and so on.
    return kind


def _binds_again(a: Term, running: Term) -> bool:
    """Whether `a` binds a side to a deed a running commitment already binds it to."""
    return any(part in running.bound() for part in a.bound())


def _overlaps(a: Term, b: Term) -> bool:
    """Two terms over the same deed (one side may not promise and be asked the same thing twice)."""
    return a.deed == b.deed or bool(a.deal and a.deal == b.deal)


def negotiator_for(agent: object, side: str) -> Negotiator | None:
    """The summit side of an agent: `easy` the more trusting; `normal`, `hard` and an agent of
    one's own (which chooses its plans, not yet its terms) as `normal` bargains; None for the
    agents that do not bargain (`random`, `idle`, a fixed card priority)."""
    from game.ai.own import GuardedAgent

    name = getattr(agent, "name", "")
    if name == "easy":
        return Negotiator(side, trusting=0.5)
    if name in ("normal", "hard") or isinstance(agent, GuardedAgent):
        return Negotiator(side)
    return None


def plans_that_keep(state: GameState, side: str, best: Sequence[str]) -> list[tuple[str, ...]]:
    """The legal plans that do what `side` is bound to do this turn (the cards `Pledges` counts for
    the words due now), alone and beside one or two of the cards `best` names, in the level's
    order. Built from its best cards alone, a side's candidates may all leave out a card it
    promised to play, and it would break its word for want of having weighed a plan that keeps
    it."""
    if not state.commitments:
        return []
    bound = [a.id for a in Pledges(Weigher(state, side), side, state.commitments).cards]
    if not bound:
        return []
    order = state.level.action_order
    room = state.level.rules.max_actions - len(bound)
    extras = [a for a in best if a not in bound]
    plans: list[tuple[str, ...]] = []
    for size in range(0, min(2, room) + 1):
        for more in combinations(extras, size):
            plan = tuple(sorted((*bound, *more), key=order.__getitem__))
            if plan not in plans and is_legal_plan(state, side, plan):
                plans.append(plan)
    return plans
