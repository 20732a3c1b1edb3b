"""One summit's proceedings (game.core.summit): what each side put forward, the answers, the
counters, and what was agreed, in the order it happened; and a summit held by agents alone.

The stages: each side proposes; each answers the other's terms (accept, reject, or counter once
with a term of its own); each answers the counters made to its terms; what was accepted is agreed
(`core.summit.agree`). A person and an agent go through the same stages: the board's summit screen
asks the person, `Negotiator` answers for an agent (game.ai.negotiate).

In a classroom, two teams may instead bargain aloud in the room and have one player enter what
they agreed (`agree_in_room`): each term is then put forward by one side and accepted by the
other in a single move, under the same rules as the stages (each side's allowance of terms, the
terms the level puts on the table), and the summit is over.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from game.ai.negotiate import Answer, Negotiator
from game.core.meters import SIDES, other
from game.core.observe import observe
from game.core.state import GameState
from game.core.summit import Term, TermError, term_problem, terms_allowed

STAGES = ("propose", "answer", "counter", "done")


@dataclass
class Entry:
    """A term as the record keeps it: whether it was agreed, the term it counters, and the reason
    an agent gave for its part in it."""

    term: Term
    agreed: bool
    counter_to: str = ""
    why: str = ""
    in_room: bool = False  # agreed aloud in the room and entered by one player for both sides
    # Put to a side that had left the table, or passed the summit by: its player never saw it, so
    # it is told as not answered rather than refused.
    unanswered: bool = False


def refused_keys(entries: list[Entry]) -> tuple[str, ...]:
    """The keys of the terms of a summit's record that were put forward and not accepted: refused,
    or answered with a counter (not a counter itself, nor one its side never saw): what the state
    keeps until the next summit (game.core.summit.agree), so that an agent asks something else."""
    return tuple(
        dict.fromkeys(
            e.term.key()
            for e in entries
            if not e.agreed and not e.counter_to and not e.unanswered and not e.in_room
        )
    )


def agreed_terms(entries: list[Entry]) -> list[Term]:
    """The terms of a summit's record that were agreed, in order, each once: what the game agrees
    (game.core.summit.agree) from that record."""
    out: dict[str, Term] = {}
    for e in entries:
        if e.agreed:
            out.setdefault(e.term.key(), e.term)
    return list(out.values())


@dataclass
class Table:
    """One summit, stage by stage."""

    turn: int
    proposed: dict[str, list[Term]] = field(default_factory=dict)
    answers: dict[str, Answer] = field(default_factory=dict)  # a term's key -> its answer
    counter_answers: dict[str, str] = field(default_factory=dict)  # a counter's key -> its answer
    reasons: dict[str, str] = field(default_factory=dict)  # a term's key -> an agent's reason
    left: set[str] = field(default_factory=set)  # sides that left the table: they pass every move
    unanswered: set[str] = field(default_factory=set)  # keys of the terms and counters passed, not refused
    closed_: bool = False  # over: what it agreed is in the state
    recorded: list[Entry] | None = None  # a summit read back from a save: its entries as kept
    # The sides shown what the summit came to: in hot-seat, each is, before its board (the side that
    # made the last move sees it at once, the other on its way from the hand-over screen).
    shown: set[str] = field(default_factory=set)
    # The terms being entered for both sides, agreed aloud in the room (None: the table sits as
    # usual); kept here rather than in the screen so that a save made mid-entry keeps them.
    room: list[Term] | None = None
    in_room: bool = False  # what it agreed was agreed in the room

    @classmethod
    def closed(cls, turn: int, entries: list[Entry]) -> Table:
        """A summit that is over, as a save recorded it."""
        in_room = any(e.in_room for e in entries)
        return cls(turn, closed_=True, recorded=list(entries), in_room=in_room)

    @property
    def stage(self) -> str:
        """Where the summit stands: 'propose', 'answer', 'counter' or 'done'."""
        if self.recorded is not None:
            return "done"
        if len(self.proposed) < len(SIDES):
            return "propose"
        if any(t.key() not in self.answers for ts in self.proposed.values() for t in ts):
            return "answer"
        if any(c.key() not in self.counter_answers for c in self.counters()):
            return "counter"
        return "done"

    def waiting_for(self) -> list[str]:
        """The sides the summit waits for at its stage."""
        stage = self.stage
        if stage == "propose":
            return [s for s in SIDES if s not in self.proposed]
        if stage == "answer":
            return [s for s in SIDES if any(t.key() not in self.answers for t in self.proposed[other(s)])]
        if stage == "counter":
            return [s for s in SIDES if any(c.key() not in self.counter_answers for c in self.counters_to(s))]
        return []

    def to_answer(self, side: str) -> list[Term]:
        """The other side's terms that `side` answers."""
        return list(self.proposed.get(other(side), []))

    def counters(self) -> list[Term]:
        """Every counter made, in the order of the terms they answer."""
        return [
            a for ts in self.proposed.values() for t in ts if isinstance(a := self.answers.get(t.key()), Term)
        ]

    def counters_to(self, side: str) -> list[Term]:
        """The counters made to `side`'s terms, which `side` answers."""
        return [c for c in self.counters() if c.by != side]

    # -- the sides' moves ------------------------------------------------------------------
    def propose(self, state: GameState, side: str, terms: list[Term]) -> str | None:
        """Put forward `side`'s terms; returns why not (None when done)."""
        if self.stage != "propose" or side in self.proposed:
            return f"{side} has put its terms forward already"
        most = terms_allowed(state, side)
        if len(terms) > most:
            return f"{side} may put forward at most {most} term{'' if most == 1 else 's'}"
        for term in terms:
            if term.by != side:
                return "a side puts forward only its own terms"
            problem = term_problem(state, term)
            if problem is not None:
                return problem
        if len({t.key() for t in terms}) < len(terms):
            return "the same term twice"
        self.proposed[side] = list(terms)
        return None

    def answer(self, state: GameState, side: str, answers: dict[str, Answer]) -> str | None:
        """`side`'s answers to the other's terms: 'accept', 'reject' or a counter-term."""
        if self.stage != "answer":
            return "the summit is not at its answers"
        for term in self.to_answer(side):
            given = answers.get(term.key(), "reject")
            if isinstance(given, Term):
                if given.by != side:
                    return "a counter is a term of one's own"
                problem = term_problem(state, given)
                if problem is not None:
                    return problem
            elif given not in ("accept", "reject"):
                return f"an answer is accept, reject or a counter, not {given!r}"
        on_the_table = {t.key() for ts in self.proposed.values() for t in ts}
        for term in self.to_answer(side):
            given = answers.get(term.key(), "reject")
            if isinstance(given, Term) and given.key() in on_the_table:
                given = "reject"  # a counter that is already on the table is no counter
            on_the_table.add(given.key() if isinstance(given, Term) else "")
            self.answers[term.key()] = given
            if side in self.left:
                self.unanswered.add(term.key())
        return None

    def answer_counters(self, side: str, answers: dict[str, str]) -> str | None:
        """`side`'s answers to the counters made to its terms: 'accept' or 'reject'."""
        if self.stage != "counter":
            return "the summit is not at its counters"
        for counter in self.counters_to(side):
            given = answers.get(counter.key(), "reject")
            if given not in ("accept", "reject"):
                return f"a counter is accepted or rejected, not {given!r}"
            self.counter_answers[counter.key()] = given
            if side in self.left:
                self.unanswered.add(counter.key())
        return None

    def pass_all(self) -> None:
        """Whoever has moves still to make makes none: no terms, no acceptances."""
        for side in SIDES:
            self.proposed.setdefault(side, [])
        for side in SIDES:
            for term in self.to_answer(side):
                if term.key() not in self.answers:
                    self.answers[term.key()] = "reject"
                    self.unanswered.add(term.key())
        for side in SIDES:
            self.skip_counters_of(side, passed=True)

    def skip_counters_of(self, side: str, passed: bool = False) -> None:
        """Reject whatever counters `side` has still to answer: it left the table or `passed` the
        summit by (those go unanswered), or the agent's answer was not possible (refused)."""
        for counter in self.counters_to(side):
            if counter.key() not in self.counter_answers:
                self.counter_answers[counter.key()] = "reject"
                if passed or side in self.left:
                    self.unanswered.add(counter.key())

    # -- agreed in the room ------------------------------------------------------------------
    def room_problem(self) -> str | None:
        """Why the terms cannot be entered as agreed in the room now (None when they can): only
        before any move is made at the table, so that no side's hidden move is thrown away."""
        if self.closed_ or self.recorded is not None:
            return "the summit is over"
        if self.proposed or self.answers or self.left:
            return "moves have been made at the table already"
        return None

    def room_terms_problem(self, state: GameState, terms: list[Term]) -> str | None:
        """Why these terms cannot all be agreed in the room (None when they can): the table's own
        checks, each side within its allowance, no term and no deal twice."""
        for side in SIDES:
            most = terms_allowed(state, side)
            if sum(t.by == side for t in terms) > most:
                return f"{side.capitalize()} may put forward at most {most} term{'' if most == 1 else 's'}"
        for term in terms:
            problem = term_problem(state, term)
            if problem is not None:
                return problem
        if len({t.key() for t in terms}) < len(terms):
            return "the same term twice"
        deals = [t.deal for t in terms if t.kind == "deal"]
        if len(set(deals)) < len(deals):
            return "the same deal twice"
        return None

    def agree_in_room(self, state: GameState, terms: list[Term]) -> str | None:
        """Record `terms`, agreed aloud in the room, as each put forward by its side and accepted
        by the other, all in one move: the summit is then done. Returns why not, or None."""
        problem = self.room_problem() or self.room_terms_problem(state, terms)
        if problem is not None:
            return problem
        self.proposed = {side: [t for t in terms if t.by == side] for side in SIDES}
        self.answers = {t.key(): "accept" for t in terms}
        self.room, self.in_room = None, True
        return None

    # -- what came of it -------------------------------------------------------------------
    def entries(self) -> list[Entry]:
        """Every term of the summit, in order, with whether it was agreed."""
        if self.recorded is not None:
            return list(self.recorded)
        out = []
        for side in SIDES:
            for term in self.proposed.get(side, []):
                given = self.answers.get(term.key(), "reject")
                why = self.reasons.get(term.key(), "")
                passed = term.key() in self.unanswered
                out.append(Entry(term, given == "accept", why=why, in_room=self.in_room, unanswered=passed))
                if isinstance(given, Term):
                    agreed = self.counter_answers.get(given.key()) == "accept"
                    why = self.reasons.get(given.key(), "")
                    passed = given.key() in self.unanswered
                    out.append(Entry(given, agreed, term.key(), why, unanswered=passed))
        return out

    def agreed(self) -> list[Term]:
        """The terms agreed, in order, each once."""
        return agreed_terms(self.entries())

    def refused(self) -> tuple[str, ...]:
        """The keys of the terms put forward and not accepted, in order (see `refused_keys`)."""
        return refused_keys(self.entries())


def play_agents(table: Table, state: GameState, negotiators: Mapping[str, Negotiator | None]) -> None:
    """Let the agents at the table take their stage's moves (a side with no negotiator proposes
    nothing and rejects everything), as far as they can go without a person."""
    progressed = True
    # What each side sees: the state does not change while the table sits, so each side is shown
    # one observation at every stage (and its negotiator weighs the terms on it once).
    seen_by: dict[str, GameState] = {}
    while progressed and table.stage != "done":
        progressed = False
        for side in table.waiting_for():
            if side not in negotiators:
                continue  # a person's move
            n = negotiators[side]
            seen = seen_by.get(side)
            if seen is None:
                seen = seen_by[side] = observe(state, side)
            stage = table.stage
            if stage == "propose":
                problem = table.propose(state, side, n.propose(seen) if n else [])
            elif stage == "answer":
                taken = [t.key() for ts in table.proposed.values() for t in ts]
                problem = table.answer(state, side, n.answer(seen, table.to_answer(side), taken) if n else {})
            else:
                problem = table.answer_counters(
                    side, n.answer_counters(seen, table.counters_to(side)) if n else {}
                )
            if problem is not None:  # an agent's term that is not possible: it proposes nothing
                if stage == "propose":
                    table.propose(state, side, [])
                elif stage == "answer":
                    table.answer(state, side, {})
                else:
                    table.skip_counters_of(side)
            if n is not None:
                table.reasons.update(n.reasons)
            progressed = True


def hold_summit(state: GameState, negotiators: Mapping[str, Negotiator | None]) -> Table:
    """A whole summit between agents."""
    table = Table(state.turn)
    play_agents(table, state, negotiators)
    if table.stage != "done":
        raise TermError("a summit between agents waits for no one")
    return table


def summit_between(state: GameState, agents: Mapping[str, object]) -> tuple[GameState, Table | None]:
    """Hold the turn's summit, if one is due, between the agents playing both sides; the state
    with what they agreed, and the table (None when no summit was due)."""
    from game.ai.negotiate import negotiator_for
    from game.core.summit import agree, summit_due

    if not summit_due(state):
        return state, None
    table = hold_summit(state, {side: negotiator_for(agent, side) for side, agent in agents.items()})
    return agree(state, table.agreed(), table.refused()), table
