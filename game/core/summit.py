"""The summit: before planning, the two capitals may bargain (DESIGN §1, "The summit").

Each side may put forward a few terms; the other accepts or rejects each, or counters once. An
accepted term is a commitment: the engine checks it against the plans at every resolution it
covers, and a kept term builds `trust` while a broken one costs trust, which mends only slowly
(the memory phase), the partnership and, for a public pledge, the breaker's standing abroad.
Nothing forces a side to keep its word; the cost of breaking it is the point.

A term binds a side to a deed, something a plan does or does not do:
- `play:CARD`: it plays this card;
- `some:TAG`: it plays at least one card with this tag (`some:integration`);
- `no:TAG`: it plays no card with this tag (`no:force`, `no:outreach`);
- `stay_out:STATE`: it plays no card that raises its own share in this Central Asian state.

The kinds of term:
- an **offer** binds the side that makes it, for this turn ("I will play X");
- a **request** binds the other side, for this turn ("play Y", "no force this turn");
- a **promise** binds the side that makes it for `promise_turns` turns ("no outreach to
  Washington for a year");
- a **warning** binds no one at once: if the warned side does the deed within `promise_turns`
  turns, the warner must answer with its own deed in the next turn, or its threat was empty;
- a **deal** is one of the level's own bargains, one deed for each side (the price of a
  pipeline, a corridor agreement), for the turns the level gives it.

The limits show at the table. The identity gap makes terms lopsided: the side with more power
puts forward more terms (`terms_allowed`). Divergent methods become requests about force and about
support; Central Asia is bargained state by state (`stay_out`); Washington is the outside option
a warning threatens (`some:outreach`).

Everything here is pure: terms and commitments are frozen values, and `agree` returns a new state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from game.core.meters import SIDES, STATES, other

if TYPE_CHECKING:
    from game.core.level import Action, Level
    from game.core.state import GameState

TERM_KINDS = ("offer", "request", "promise", "warning", "deal")
DEED_KINDS = ("play", "some", "no", "stay_out")
# Deeds that hold back (kept while never done) rather than act (kept once done).
RESTRAINTS = frozenset({"no", "stay_out"})
# The tags a term may name: what the sides' cards do, as the limits weigh it.
TERM_TAGS = ("force", "outreach", "distance", "integration", "institutions", "stability")
MAX_EXTRA_TERMS = 2  # the most terms the stronger side may put forward beyond the level's number


class TermError(ValueError):
    """A term or deed that cannot be read or is not possible in this game."""


@dataclass(frozen=True, slots=True, order=True)
class Deed:
    """Something a side's plan does or holds back from: see the module's list."""

    kind: str
    subject: str

    @classmethod
    def parse(cls, text: str) -> Deed:
        """`no:force` -> Deed("no", "force"); raises TermError for a malformed deed."""
        kind, colon, subject = text.partition(":")
        if not colon or kind not in DEED_KINDS or not subject:
            raise TermError(
                f"a deed reads KIND:SUBJECT with KIND one of {', '.join(DEED_KINDS)}, not {text!r}"
            )
        return cls(kind, subject)

    def __str__(self) -> str:
        return f"{self.kind}:{self.subject}"

    @property
    def restraint(self) -> bool:
        """Whether the deed is holding back: kept while the side never does the thing."""
        return self.kind in RESTRAINTS

    def problem(self, actions: Mapping[str, Action], side: str) -> str | None:
        """Why `side` cannot be bound to this deed in a level of these `actions` (None when it can)."""
        if self.kind == "play":
            action = actions.get(self.subject)
            if action is None or action.side != side:
                return f"{self.subject!r} is not one of {side}'s cards"
        elif self.kind in ("some", "no"):
            if self.subject not in TERM_TAGS:
                return f"{self.subject!r} is not a tag a term may name ({', '.join(TERM_TAGS)})"
        elif self.subject not in STATES:
            return f"{self.subject!r} is not a Central Asian state"
        return None

    def done_by(self, actions: tuple[Action, ...]) -> bool:
        """Whether a plan of these actions does the thing the deed names (for a restraint: the
        thing it holds back from, so a restraint is kept while this is False)."""
        kind, subject = self.kind, self.subject
        if kind == "play":
            return any(a.id == subject for a in actions)
        if kind in ("some", "no"):
            return any(subject in a.tags for a in actions)
        return any(raises_share(a, subject) for a in actions)

    def doers(self, actions: Iterable[Action]) -> list[Action]:
        """Those of `actions` that would each do the thing the deed names, in their order: the
        cards a term's weigher reads (done_by's test, one card at a time, in one pass)."""
        kind, subject = self.kind, self.subject
        if kind == "play":
            return [a for a in actions if a.id == subject]
        if kind in ("some", "no"):
            return [a for a in actions if subject in a.tags]
        return [a for a in actions if raises_share(a, subject)]

    def kept_by(self, actions: tuple[Action, ...]) -> bool:
        """Whether a plan of these actions keeps the deed this turn (a positive deed is kept by
        doing it; a restraint by not doing what it holds back from)."""
        done = self.done_by(actions)
        return not done if self.restraint else done


def raises_share(action: Action, state_name: str) -> bool:
    """Whether `action` raises its own side's share in a Central Asian state (or the region)."""
    mine = (f"{state_name}.{action.side}", f"central_asia.{action.side}")
    return any(e.meter in mine and e.delta > 0 for e in action.does.effects)


@dataclass(frozen=True, slots=True)
class Term:
    """One term put forward at the summit. `deed` is what the bound side does (for a warning: what
    would set it off); `answer` is a warning's answer or a deal's part for the side proposing it;
    `deal` names a level's deal."""

    kind: str
    by: str
    deed: Deed
    answer: Deed | None = None
    deal: str = ""

    def bound(self) -> tuple[tuple[str, Deed], ...]:
        """The sides the term binds, each with its deed (a warning binds only once set off)."""
        if self.kind in ("offer", "promise"):
            return ((self.by, self.deed),)
        if self.kind == "request":
            return ((other(self.by), self.deed),)
        if self.kind == "deal" and self.answer is not None:
            return ((other(self.by), self.deed), (self.by, self.answer))
        return ()

    def key(self) -> str:
        """A short, stable name for the term within a turn (for the log and the UI)."""
        tail = f"/{self.answer}" if self.answer is not None else ""
        return f"{self.by}:{self.kind}:{self.deal or self.deed}{tail}"


@dataclass(frozen=True, slots=True)
class Commitment:
    """An accepted term and the turns it covers, with what has been settled of it so far."""

    term: Term
    since: int  # the first turn it covers
    until: int  # the last turn it covers
    done: frozenset[str] = frozenset()  # sides whose part is settled: its deed done, or a restraint broken
    set_off: int = 0  # a warning: the turn the warned side did the deed (0: not yet)


# What became of a side's part when it broke its word: a term broken, a warning defied, or a
# warning's threat left empty. The rules answer each (phases.Turn.resolve_commitments); the agents'
# judgement, the batch figures and the class's deal log count them alike from this one set.
WORD_BROKEN = frozenset({"broken", "defied", "empty"})


@dataclass(frozen=True, slots=True)
class Settled:
    """What became of one side's part of a commitment in a turn: 'kept', 'broken', 'heeded'
    (a warning not set off), 'defied' (set off), 'carried out' or 'empty' (a warning answered or
    not)."""

    term: Term
    side: str
    result: str


def summit_due(state: GameState) -> bool:
    """Whether the sides meet before planning this turn (the level's `summit_every`)."""
    every = state.level.rules.summit_every
    return every > 0 and state.outcome is None and (state.turn - 1) % every == 0


def power_gap(state: GameState) -> float:
    """How far Beijing's power (economy and security) outstrips Moscow's (negative: Moscow's lead),
    as the identity gap's rules measure it."""
    m = state.meters
    return (m["beijing.economy"] + m["beijing.security"] - m["moscow.economy"] - m["moscow.security"]) / 2.0


def power_lead(state: GameState) -> str | None:
    """The side with more power (economy and security), or None when they are about even."""
    gap = power_gap(state)
    if abs(gap) < state.level.rules.power_gap_per_term:
        return None
    return "beijing" if gap > 0 else "moscow"


def terms_allowed(state: GameState, side: str) -> int:
    """How many terms `side` may put forward: the level's number, and more for the side with more
    power, one for each `power_gap_per_term` points of the gap in power (economy and security)."""
    rules = state.level.rules
    gap = power_gap(state)
    lead = gap if side == "beijing" else -gap
    extra = int(lead // rules.power_gap_per_term) if lead > 0 else 0
    return rules.summit_terms + min(MAX_EXTRA_TERMS, extra)


def span(state: GameState, term: Term) -> int:
    """How many turns an accepted term covers, this one included."""
    return term_span(state.level, term)


def term_span(level: Level, term: Term) -> int:
    """How many turns `term` covers once accepted, its first included."""
    if term.kind in ("promise", "warning"):
        return level.rules.promise_turns
    if term.kind == "deal":
        deal = level.deal(term.deal)
        return deal.turns if deal else 1
    return 1


def repeated_words(level: Level, terms: Iterable[Term]) -> list[bool]:
    """For each of `terms`, agreed at one summit in this order, whether it binds nothing that the
    terms before it do not already bind, for as long: the same word given twice, as when one side
    offers a card and the other, not yet knowing, asks for that very card. A word is kept or
    broken once, so such a term adds no commitment of its own."""
    given: set[tuple[str, Deed, int]] = set()
    out = []
    for term in terms:
        turns = term_span(level, term)
        parts = {(side, deed, turns) for side, deed in term.bound()}
        out.append(bool(parts) and parts <= given)
        given |= parts
    return out


def first_giving(level: Level, terms: list[Term]) -> dict[str, Term]:
    """For each of `terms` (agreed at one summit, in order) that repeats a word given before it
    (`repeated_words`), by key, the term that gave that word first: a word binds once, so what
    becomes of it is what became of that first term."""
    out = {}
    for i, (term, again) in enumerate(zip(terms, repeated_words(level, terms), strict=True)):
        if again:
            parts = set(term.bound())
            first = next((t for t in terms[:i] if parts & set(t.bound())), None)
            if first is not None:
                out[term.key()] = first
    return out


def term_problem(state: GameState, term: Term) -> str | None:
    """Why `term` cannot be put forward now (None when it can)."""
    level = state.level
    if term.kind not in TERM_KINDS:
        return f"{term.kind!r} is not a kind of term ({', '.join(TERM_KINDS)})"
    if term.by not in SIDES:
        return f"{term.by!r} is not a side"
    if term.kind == "deal":
        deal = level.deal(term.deal)
        if deal is None:
            return f"{term.deal!r} is not one of this level's deals"
        if not deal.requires.test(state):
            return f"the deal {deal.name!r} is not on the table now"
        if (term.deed, term.answer) != deal.parts(term.by):
            return f"the deal {deal.name!r} has other parts"
        return None
    return _standing_problem(level, term)


def terms_on_offer(state: GameState, side: str, standing: list[Term] | None = None) -> list[Term]:
    """Every term `side` may put forward now, in a stable order: offers and requests of cards,
    tags and states, promises, warnings about Washington and force, and the level's deals.
    `standing`: standing_terms(level, side), if the caller keeps it already."""
    if not summit_due(state):
        return []
    out = list(standing_terms(state.level, side) if standing is None else standing)
    for deal in state.level.deals:
        if deal.requires.test(state):
            mine, theirs = deal.parts(side)
            term = Term("deal", side, mine, theirs, deal.id)
            if term_problem(state, term) is None:
                out.append(term)
    return out


def standing_terms(level: Level, side: str) -> list[Term]:
    """The terms other than deals that `side` may put forward at any summit of `level`: which they
    are hangs on the level's cards, not on the state of the game."""
    partner = other(side)
    out: list[Term] = []
    for kind, who in (("offer", side), ("request", partner)):
        out += [Term(kind, side, Deed("play", a.id)) for a in level.actions_of[who]]
        out += [Term(kind, side, Deed(k, tag)) for tag in TERM_TAGS for k in ("some", "no")]
        out += [Term(kind, side, Deed("stay_out", s)) for s in STATES]
    out += [Term("promise", side, Deed("no", tag)) for tag in TERM_TAGS]
    out += [Term("promise", side, Deed("stay_out", s)) for s in STATES]
    out += [Term("promise", side, Deed("some", tag)) for tag in TERM_TAGS]
    for trigger in ("outreach", "force", "distance"):
        out += [
            Term("warning", side, Deed("some", trigger), Deed("some", answer))
            for answer in ("outreach", "distance")
        ]
    # term_problem() reads the state only for deals, so any state of the level will do.
    return [t for t in out if _standing_problem(level, t) is None and empty_word(level, t) is None]


def _deed_side(term: Term) -> str:
    """The side a term that is not a deal names the deed of: the partner for a request or a
    warning, the proposer for an offer or a promise."""
    return other(term.by) if term.kind in ("request", "warning") else term.by


def _standing_problem(level: Level, term: Term) -> str | None:
    """term_problem() of a term that is not a deal, which needs only the level."""
    bound = _deed_side(term)
    problem = term.deed.problem(level.actions, bound)
    if problem is None and term.kind == "warning":
        if term.answer is None:
            return "a warning names its answer"
        problem = term.answer.problem(level.actions, term.by)
        if problem is None and term.deed.restraint:
            return "a warning is set off by something done, not by something held back"
    elif problem is None and term.answer is not None:
        return f"an {term.kind} has no answer"
    return problem


def empty_word(level: Level, term: Term) -> str | None:
    """Why `term` is a word no card of the level could ever test (None when one could): a promise
    to hold back from what the side cannot do would be kept, and earn trust, for nothing; a threat
    it has no card to carry out could only be broken. Such a term is possible by the rules (a
    saved game that agreed one still replays) but never on offer."""
    bound = _deed_side(term)
    if not term.deed.doers(level.actions_of[bound]):
        return f"no card of {bound}'s does {term.deed}"
    if term.answer is not None and not term.answer.doers(level.actions_of[term.by]):
        return f"no card of {term.by}'s does {term.answer}"
    return None


def agree(
    state: GameState, terms: tuple[Term, ...] | list[Term], refused: tuple[str, ...] | None = None
) -> GameState:
    """The state with `terms` accepted at this turn's summit: each becomes a commitment covering
    this turn and the turns after it that its kind gives (a term that repeats the word of one
    before it adds none: `repeated_words`). `refused`, when given, is the keys of the summit's
    terms that were put forward and not accepted, which the state keeps until the next summit.
    Raises TermError for an impossible one."""
    if refused is not None and refused != state.refused:
        state = state.copy()
        state.refused = refused
    if not terms:
        return state
    made = []
    for term, again in zip(terms, repeated_words(state.level, terms), strict=True):
        problem = term_problem(state, term)
        if problem is not None:
            raise TermError(problem)
        if not again:
            made.append(Commitment(term, state.turn, state.turn + span(state, term) - 1))
    new = state.copy()
    new.commitments = state.commitments + tuple(made)
    return new


def settle(
    commitments: tuple[Commitment, ...], turn: int, chosen: dict[str, tuple[Action, ...]]
) -> tuple[tuple[Commitment, ...], list[Settled]]:
    """Check every running commitment against this turn's plans: what was settled, and the
    commitments that still run after it."""
    running: list[Commitment] = []
    settled: list[Settled] = []
    for c in commitments:
        term = c.term
        if term.kind == "warning":
            still = _settle_warning(c, turn, chosen, settled)
            if still is not None:
                running.append(still)
            continue
        done = set(c.done)
        open_parts = False
        for side, deed in term.bound():
            if side in done:
                continue
            if deed.restraint:
                if deed.done_by(chosen[side]):
                    settled.append(Settled(term, side, "broken"))
                    done.add(side)
                elif turn >= c.until:
                    settled.append(Settled(term, side, "kept"))
                    done.add(side)
                else:
                    open_parts = True
            elif deed.done_by(chosen[side]):
                settled.append(Settled(term, side, "kept"))
                done.add(side)
            elif turn >= c.until:
                settled.append(Settled(term, side, "broken"))
                done.add(side)
            else:
                open_parts = True
        if open_parts and turn < c.until:
            running.append(replace(c, done=frozenset(done)))
    return tuple(running), settled


def _settle_warning(
    c: Commitment, turn: int, chosen: dict[str, tuple[Action, ...]], settled: list[Settled]
) -> Commitment | None:
    term = c.term
    warned = other(term.by)
    if c.set_off:
        # The warner's answer is due in the turn after the warning was defied.
        answered = term.answer is not None and term.answer.done_by(chosen[term.by])
        settled.append(Settled(term, term.by, "carried out" if answered else "empty"))
        return None
    if term.deed.done_by(chosen[warned]):
        settled.append(Settled(term, warned, "defied"))
        return replace(c, set_off=turn, until=turn + 1)
    if turn >= c.until:
        settled.append(Settled(term, warned, "heeded"))
        return None
    return c


def term_words(level: Level, term: Term) -> str:
    """A term in plain words, as the table and the debrief say it: 'Moscow promises not to court
    Washington for 4 turns'."""
    by, partner = _name(term.by), _name(other(term.by))
    if term.kind == "deal":
        deal = level.deal(term.deal)
        return deal.name if deal else term.deal
    if term.kind == "offer":
        return f"{by} offers {deed_words(level, term.deed)} this turn"
    if term.kind == "request":
        return f"{by} asks {partner} {deed_words(level, term.deed)} this turn"
    if term.kind == "promise":
        return f"{by} promises {deed_words(level, term.deed)} for {level.rules.promise_turns} turns"
    answer = deed_words(level, term.answer, infinitive=False) if term.answer else ""
    return f"{by} warns {partner}: if {partner} {deed_words(level, term.deed, infinitive=False, third=True)}, {by} will {answer}"


# What a tag's cards do, as a verb: (infinitive, third person).
_TAG_VERBS = {
    "force": ("use force", "uses force"),
    "outreach": ("court Washington", "courts Washington"),
    "distance": ("keep its distance", "keeps its distance"),
    "integration": ("invest in integration", "invests in integration"),
    "institutions": ("work through shared institutions", "works through shared institutions"),
    "stability": ("act for stability", "acts for stability"),
}


def deed_words(level: Level, deed: Deed, infinitive: bool = True, third: bool = False) -> str:
    """A deed in words: 'to play Power of Siberia 2', 'not to use force', 'to stay out of
    Kazakhstan'; without `infinitive`, the bare verb ('court Washington', or with `third`, 'courts
    Washington')."""
    if deed.kind == "play":
        action = level.actions.get(deed.subject)
        verb = ("plays " if third else "play ") + (action.name if action else deed.subject)
    elif deed.kind in ("some", "no"):
        plain, third_person = _TAG_VERBS.get(deed.subject, (deed.subject, deed.subject))
        verb = third_person if third else plain
    else:
        verb = ("stays" if third else "stay") + f" out of {deed.subject.capitalize()}"
    if not infinitive:
        return verb
    return f"not to {verb}" if deed.kind == "no" else f"to {verb}"


def _name(side: str) -> str:
    return "Moscow" if side == "moscow" else "Beijing" if side == "beijing" else side
