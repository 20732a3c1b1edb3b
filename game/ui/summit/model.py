"""The summit's table as one person sits at it, apart from its drawing: the terms on offer by kind
and by what they bind, the terms chosen to put forward, the answers and counters given, skipping
the summit, and where the turn goes after a move (this side's next stage, the other player's
hand-over, or the summary). Every move goes to the game (`Game.summit_move`); the rules of the
table stay in `game.session.summit_table` and `game.core.summit`.

When people play both sides, one player may instead enter the terms the two teams agreed aloud in
the room, for both sides at once (stage 'room'): the list then shows either side's terms, and the
terms chosen are kept on the table itself (`Table.room`), so a save made mid-entry keeps them.

No pygame here (`tests/test_summit_ui.py` checks that importing it loads none).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.ai.negotiate import negotiator_for
from game.core.meters import SIDES, other
from game.core.observe import observe
from game.core.summit import Term, term_span, terms_allowed, terms_on_offer
from game.i18n import N_, _, n_
from game.speech.sides import side_name
from game.ui.rule_words import why_not_in_words

if TYPE_CHECKING:
    from game.ai.negotiate import Answer
    from game.session.game import Game
    from game.session.summit_table import Entry, Table

# The kinds of term, as the table's tabs name them, in the order they are shown.
KINDS = (
    ("offer", N_("Offers")),
    ("request", N_("Requests")),
    ("promise", N_("Promises")),
    ("warning", N_("Warnings")),
    ("deal", N_("Deals")),
)
# What a term binds, as the filters under the tabs name it: a card, a method (a tag), a state.
FILTERS = (("all", N_("All")), ("play", N_("Cards")), ("method", N_("Methods")), ("state", N_("States")))
# The agent that plays a person's side when the window autoplays (as the board's autoplay does).
AUTOPLAY_AGENT = "normal"


def deed_group(term: Term) -> str:
    """What a term binds, as the filters group it: 'play', 'method' or 'state'."""
    kind = term.deed.kind
    return "play" if kind == "play" else "state" if kind == "stay_out" else "method"


@dataclass(frozen=True)
class Next:
    """Where the turn goes after a move at the table: this side's next stage ('stay'), the other
    player's hand-over ('hand-over', with the side), or the summary of a summit now over ('over')."""

    where: str
    side: str | None = None


def summit_waiting(game: Game, side: str) -> Next | None:
    """What must come before `side`'s board: its own move at the summit ('stay'), another
    player's ('hand-over'), or nothing (None) when the summit is over or none is due."""
    if game.summit_due():
        return Next("stay")
    if not game.summit_open():
        return None
    table = game.table
    assert table is not None
    waiting = table.waiting_for()
    if side in waiting:
        return Next("stay")
    people = [s for s in waiting if s in game.humans()]
    return Next("hand-over", people[0]) if people else None


class SummitModel:
    """One side's seat at this turn's summit of `game`: it opens the summit if it is due."""

    def __init__(self, game: Game, side: str):
        self.game, self.side = game, side
        if game.summit_due():
            game.open_summit()
        # The terms each side may put forward (the room's list shows either side's).
        self.offers: dict[str, list[Term]] = {s: terms_on_offer(game.state, s) for s in SIDES}
        self.room_side = side  # whose terms the room's list shows
        self.chosen: list[Term] = []
        self.kind = next((k for k, _ in KINDS if self.of_kind(k)), "offer")
        self.filter = "all"
        self.page = 0
        self.answers: dict[str, Answer] = {}  # the other side's term's key -> this side's answer
        self.counter_answers: dict[str, str] = {}  # a counter's key -> 'accept' or 'reject'
        self.countering: str | None = None  # the key of the term a counter is being chosen for

    # -- where the table stands -----------------------------------------------------------------
    @property
    def table(self) -> Table:
        table = self.game.table
        assert table is not None, "the summit model is made when a summit is due or sitting"
        return table

    @property
    def stage(self) -> str:
        """This side's stage: 'propose', 'answer', 'counter', 'done' (the summit is over), or
        'wait' (another side moves first)."""
        table = self.table
        if table.closed_ or table.stage == "done":
            return "done"
        if table.room is not None:
            return "room"
        return table.stage if self.side in table.waiting_for() else "wait"

    def allowed(self) -> int:
        """How many terms this side may put forward."""
        return terms_allowed(self.game.state, self.side)

    # -- the terms on offer -----------------------------------------------------------------------
    @property
    def on_offer(self) -> list[Term]:
        """The terms the list draws from: this side's, or in the room the side chosen."""
        return self.offers[self.room_side if self.stage == "room" else self.side]

    def of_kind(self, kind: str) -> list[Term]:
        return [t for t in self.on_offer if t.kind == kind]

    def kinds(self) -> list[tuple[str, str, int]]:
        """(kind, tab's name, how many on offer) for each kind this level puts on the table."""
        return [(k, _(label), len(self.of_kind(k))) for k, label in KINDS if self.of_kind(k)]

    def filters(self, terms: list[Term]) -> list[tuple[str, str]]:
        """The filters worth showing over `terms`: none when they bind only one kind of thing."""
        groups = {deed_group(t) for t in terms}
        if len(groups) < 2:
            return []
        return [(f, _(label)) for f, label in FILTERS if f == "all" or f in groups]

    def listed(self) -> list[Term]:
        """The terms the list shows now: the kind and filter chosen, or, while a counter is being
        chosen, this side's terms of the countered term's kind; those that cannot be put forward
        now (`cannot_give`) after the rest."""
        terms = self.counter_choices() if self.countering else self.of_kind(self.kind)
        if self.filter != "all":
            terms = [t for t in terms if deed_group(t) == self.filter]
        return sorted(terms, key=lambda t: bool(self.cannot_give(t)))

    def reader(self, term: Term) -> str:
        """The side that reads `term` and would be bound by it here: this side (putting it forward
        or answering it), or in the room the side putting it forward."""
        return term.by if self.stage == "room" else self.side

    def cannot_play(self, term: Term) -> str:
        """Why the side reading `term` could not do its part this turn: a card the term binds it to
        play that it cannot play now, in words ('' when it can, or the term binds it to no card)."""
        return self.unplayable_part(term)[1]

    def unplayable_part(self, term: Term) -> tuple[str, str]:
        """(the side, why) of a card `term` binds the side reading it to play that it cannot play
        now; ('', '') when there is none. In the room both teams agree each term at once, so either
        side's part counts (the teams see both sides there)."""
        room, reader = self.stage == "room", self.reader(term)
        for bound, deed in term.bound():
            if (room or bound == reader) and deed.kind == "play":
                why = why_not_in_words(self.game.state, bound, deed.subject)
                if why:
                    return bound, why
        return "", ""

    def breaks_running(self, term: Term) -> Term | None:
        """A running commitment of the side reading `term` that keeping `term` would break: a card
        the term binds it to play that a restraint it is under forbids ("to play Open a channel to
        Washington" while it promised not to court Washington). None when there is none."""
        reader, level = self.reader(term), self.game.level
        cards = [
            level.actions[deed.subject]
            for bound, deed in term.bound()
            if bound == reader and deed.kind == "play" and deed.subject in level.actions
        ]
        for running in self.game.state.commitments:
            for bound, deed in running.term.bound():
                held = bound == reader and deed.restraint and reader not in running.done
                if held and any(deed.done_by((card,)) for card in cards):
                    return running.term
        return None

    def asked_in_vain(self, term: Term) -> tuple[str, str]:
        """(the other side, why) of a card `term` asks the other side to play this turn that the
        level's rules do not let it play now: a condition not met, or a card used and waiting
        ('', '' when there is none). Its capital is left out: that it may yet find."""
        reader = self.reader(term)
        if self.stage == "room" or term.by != reader or term_span(self.game.level, term) != 1:
            return "", ""
        for bound, deed in term.bound():
            if bound != reader and deed.kind == "play":
                if self.game.level.actions[deed.subject].cost > self.game.state.meters[f"{bound}.capital"]:
                    continue
                why = why_not_in_words(self.game.state, bound, deed.subject)
                if why:
                    return bound, why
        return "", ""

    def words_in_play(self) -> list[Term]:
        """The terms that would bind this side if the table agreed them as it stands: those it
        chose to put forward, or, once it answers, those it put forward, the other side's terms it
        accepts and the counters it makes."""
        stage, table = self.stage, self.table
        if stage == "propose":
            return list(self.chosen)
        mine = table.proposed.get(self.side, [])
        if stage == "answer":
            terms = list(mine)  # (not answered yet: each may be accepted)
            answers = {t.key(): self.answer_of(t) for t in self.to_answer()}
        elif stage == "counter":
            # Its own terms as the other side answered them (a counter to one binds it only if
            # it accepts that counter), and its answers to the other's terms, as recorded.
            terms = []
            for t in mine:
                given = table.answers.get(t.key())
                if given == "accept":
                    terms.append(t)
                elif isinstance(given, Term) and self.counter_answer_of(given) == "accept":
                    terms.append(given)
            answers = {t.key(): table.answers.get(t.key(), "reject") for t in self.to_answer()}
        else:
            return []
        for term in self.to_answer():
            given = answers[term.key()]
            if given == "accept":
                terms.append(term)
            elif isinstance(given, Term):
                terms.append(given)  # (its own counter, which the other side may accept)
        return terms

    def cards_promised(self) -> list[str]:
        """The cards this side would be bound to play this turn by `words_in_play`, each once, in
        the level's order (a word that runs longer may be kept on a later turn, so it is not
        counted)."""
        level, side = self.game.level, self.side
        wanted = {
            deed.subject
            for term in self.words_in_play()
            if term_span(level, term) == 1
            for bound, deed in term.bound()
            if bound == side and deed.kind == "play"
        }
        return [a.id for a in level.actions_of[side] if a.id in wanted]

    def cannot_give(self, term: Term) -> str:
        """Why `term` cannot be put forward: it binds the side giving it, for this turn alone (an
        offer), to a card that side cannot play now, so it could only be broken; or it asks the
        other side, for this turn alone, for a card the rules do not let it play now, so it could
        only be refused ('' when it can be). A term that runs longer may be kept once the card can
        be played."""
        if term_span(self.game.level, term) != 1:
            return ""
        side, why = self.unplayable_part(term)
        if not why:
            asked, why = self.asked_in_vain(term)
            if why:
                # (listed among the requests, it could only be refused: "it cannot play that")
                return _("You cannot ask that: {side} cannot play that card this turn ({why}).").format(
                    side=side_name(asked), why=why
                )
            return ""
        if side != self.reader(term):  # (in the room: the other side's part)
            return _(
                "That word cannot be given: it binds {side} to a card it cannot play this turn ({why})."
            ).format(side=side_name(side), why=why)
        return _(
            "You cannot give that word: it binds you to a card you cannot play this turn ({why})."
        ).format(why=why)

    def base_terms(self) -> list[Term]:
        """The terms the filters are drawn from (before the filter)."""
        return self.counter_choices() if self.countering else self.of_kind(self.kind)

    def show_kind(self, kind: str) -> None:
        self.kind, self.filter, self.page = kind, "all", 0

    def show_filter(self, name: str) -> None:
        self.filter, self.page = name, 0

    # -- proposing --------------------------------------------------------------------------------
    def is_chosen(self, term: Term) -> bool:
        chosen = self.room_terms() if self.stage == "room" else self.chosen
        return any(t.key() == term.key() for t in chosen)

    def toggle(self, term: Term) -> str | None:
        """Put the term among those to put forward, or take it out; returns why not, or None."""
        if self.stage == "room":
            return self.room_toggle(term)
        if self.is_chosen(term):
            self.chosen = [t for t in self.chosen if t.key() != term.key()]
            return None
        closed = self.cannot_give(term)
        if closed:
            return closed
        if len(self.chosen) >= self.allowed():
            n = self.allowed()
            return n_(
                "You may put forward {n} term; take it out first.",
                "You may put forward {n} terms; take one out first.",
                n,
            ).format(n=n)
        self.chosen.append(term)
        return None

    def propose(self) -> str | None:
        """Put the chosen terms forward."""
        return self.game.summit_move(self.side, "propose", list(self.chosen))

    # -- agreed in the room ------------------------------------------------------------------------
    def room_offered(self) -> bool:
        """Whether the terms may be entered as agreed in the room now (people play both sides, and
        no move has been made at the table)."""
        return self.game.room_problem() is None

    def enter_room(self) -> str | None:
        """Start entering the terms agreed in the room, with this side's terms listed first."""
        problem = self.game.enter_room()
        if problem is None:
            self.show_room_side(self.side)
        return problem

    def leave_room(self) -> None:
        """Back to the table as it sat: the terms being entered are put down."""
        self.game.leave_room()
        self.show_kind(next((k for k, _ in KINDS if self.of_kind(k)), "offer"))

    def room_terms(self) -> list[Term]:
        """The terms entered so far as agreed in the room, both sides' in the order chosen."""
        return list(self.table.room or [])

    def room_count(self, side: str) -> int:
        return sum(t.by == side for t in self.room_terms())

    def allowed_to(self, side: str) -> int:
        """How many terms `side` may put forward."""
        return terms_allowed(self.game.state, side)

    def show_room_side(self, side: str) -> None:
        """List `side`'s terms in the room (the kind shown stays when that side has it)."""
        self.room_side = side
        kinds = [k for k, _, _ in self.kinds()]
        self.show_kind(self.kind if self.kind in kinds else (kinds[0] if kinds else "offer"))

    def room_toggle(self, term: Term) -> str | None:
        """Enter a term as agreed in the room, or take it out; returns why not, or None."""
        room = self.table.room
        if room is None:
            return _("The terms agreed in the room are not being entered.")
        if self.is_chosen(term):
            room[:] = [t for t in room if t.key() != term.key()]
            return None
        most = self.allowed_to(term.by)
        if self.room_count(term.by) >= most:
            return n_(
                "{side} may put forward {n} term; take it out first.",
                "{side} may put forward {n} terms; take one of its terms out first.",
                most,
            ).format(side=side_name(term.by), n=most)
        closed = self.cannot_give(term)
        if closed:
            return closed
        if term.kind == "deal" and any(t.kind == "deal" and t.deal == term.deal for t in room):
            return _("That deal is entered already: it binds both sides once.")
        room.append(term)
        return None

    def agree_in_room(self) -> str | None:
        """Record the terms entered as agreed by both sides: the summit is over."""
        return self.game.agree_in_room(self.room_terms())

    # -- answering --------------------------------------------------------------------------------
    def to_answer(self) -> list[Term]:
        """The other side's terms this side answers."""
        return self.table.to_answer(self.side)

    def answer_of(self, term: Term) -> Answer:
        """This side's answer to one of the other side's terms: as chosen, else accept for a term
        that asks what this side put forward itself, else reject."""
        given = self.answers.get(term.key())
        if given is not None:
            return given
        return "accept" if self.put_forward_too(term) else "reject"

    def put_forward_too(self, term: Term) -> bool:
        """Whether one of the other side's terms binds this side to a deed one of this side's own
        terms binds it to already: proposals are made at once, unseen, so the other side may ask
        for the very card this side offered (refusing it would be refusing one's own offer)."""
        mine = {bound for own in self.table.proposed.get(self.side, []) for bound in own.bound()}
        asked = [bound for bound in term.bound() if bound[0] == self.side]
        return bool(asked) and all(bound in mine for bound in asked)

    def set_answer(self, term: Term, answer: str) -> None:
        """Accept or reject one of the other side's terms ('counter' starts choosing a counter)."""
        if answer == "counter":
            self.countering = term.key()
            self.filter, self.page = "all", 0
            return
        self.answers[term.key()] = answer
        if self.countering == term.key():
            self.countering = None

    def countered_term(self) -> Term | None:
        """The other side's term a counter is being chosen for."""
        return next((t for t in self.to_answer() if t.key() == self.countering), None)

    def counter_choices(self) -> list[Term]:
        """This side's own terms of the same kind as the term being countered."""
        refused = self.countered_term()
        return [t for t in self.on_offer if refused is not None and t.kind == refused.kind]

    def choose_counter(self, term: Term) -> None:
        """Counter the term being countered with `term`, one of this side's own (not one it
        cannot give: see `cannot_give`)."""
        if self.countering and not self.cannot_give(term):
            self.answers[self.countering] = term
            self.countering = None
            self.filter, self.page = "all", 0

    def stop_countering(self) -> None:
        self.countering = None
        self.filter, self.page = "all", 0

    def send_answers(self) -> str | None:
        return self.game.summit_move(
            self.side, "answer", {t.key(): self.answer_of(t) for t in self.to_answer()}
        )

    # -- the counters made to this side's terms ---------------------------------------------------
    def counters(self) -> list[tuple[Term, Term]]:
        """(this side's term, the other side's counter to it) for each counter to answer."""
        table = self.table
        mine = table.proposed.get(self.side, [])
        out = []
        for term in mine:
            given = table.answers.get(term.key())
            if isinstance(given, Term):
                out.append((term, given))
        return out

    def counter_answer_of(self, counter: Term) -> str:
        return self.counter_answers.get(counter.key(), "reject")

    def set_counter_answer(self, counter: Term, answer: str) -> None:
        self.counter_answers[counter.key()] = answer

    def send_counter_answers(self) -> str | None:
        return self.game.summit_move(
            self.side, "counter", {c.key(): self.counter_answer_of(c) for _, c in self.counters()}
        )

    # -- leaving, and what comes next -------------------------------------------------------------
    def skip(self) -> str | None:
        """Skip the summit: put nothing forward and accept nothing, at this stage and after."""
        return self.game.leave_summit(self.side)

    def after_move(self) -> Next:
        """Where the turn goes now that this side has moved: its next stage, the other player's
        hand-over, or the summary of a summit that is now over (closed: what it agreed binds)."""
        game, table = self.game, self.table
        if table.stage == "done":
            if not table.closed_:
                game.close_summit()
            return Next("over")
        waiting = table.waiting_for()
        if self.side in waiting:
            self.page, self.filter, self.countering = 0, "all", None
            return Next("stay")
        people = [s for s in waiting if s in game.humans()]
        return Next("hand-over", people[0]) if people else Next("over")

    def autoplay(self) -> str | None:
        """Make this side's move at its stage as the autoplay agent would at a seat of its own."""
        agent = self.game.agent_for(self.side, AUTOPLAY_AGENT)
        negotiator = negotiator_for(agent, self.side)
        stage = self.stage
        seen = observe(self.game.state, self.side)
        if negotiator is None:
            return self.skip()
        if stage == "propose":
            self.chosen = negotiator.propose(seen)
            problem = self.propose()
        elif stage == "answer":
            self.answers = dict(negotiator.answer(seen, self.to_answer()))
            problem = self.send_answers()
        elif stage == "counter":
            self.counter_answers = negotiator.answer_counters(seen, [c for _, c in self.counters()])
            problem = self.send_counter_answers()
        else:
            return None
        self.table.reasons.update(negotiator.reasons)
        return problem

    def entries(self) -> list[Entry]:
        """The summit's record so far, term by term."""
        return self.table.entries()

    def partner(self) -> str:
        """The other side at the table."""
        return other(self.side)
