"""The deals on the table, as the facilitator sees them: every term agreed at a summit so far, who
is bound to what, what became of each side's part (kept, broken, or still to come: from the
commitments the engine checks at resolution), and the facilitator's notes on it.

Only agreed terms are listed: they are what both sides know. A summit that still sits shows
nothing until it is over, so that the panel, opened on the players' screen, never shows a side's
move before the other should see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.core.meters import other
from game.core.summit import WORD_BROKEN, Term, span
from game.i18n import N_, _
from game.session.replay import FacilitatorAct
from game.session.summit_record import NotedTermSpec, TermPartsSpec
from game.speech.sides import side_name

if TYPE_CHECKING:
    from game.session.game import Game

# One side's part of a term after the turn it was settled in, in the facilitator's words.
RESULT_WORDS = {
    "kept": N_("{side} kept it (turn {turn})"),
    "broken": N_("{side} broke it (turn {turn})"),
    "heeded": N_("{side} heeded it (turn {turn})"),
    "defied": N_("{side} defied it (turn {turn})"),
    "carried out": N_("{side} carried it out (turn {turn})"),
    "empty": N_("{side} did not carry it out (turn {turn})"),
}


@dataclass(frozen=True)
class Deal:
    """A term agreed at the summit of turn `summit`, with what each side did with its part so far
    ((turn, side, result) for each part settled), and whether it still runs."""

    summit: int
    term: Term
    results: tuple[tuple[int, str, str], ...]
    running: bool

    def noted(self) -> NotedTermSpec:
        """The term as a facilitator's note names it."""
        return NotedTermSpec(**TermPartsSpec.parts_of(self.term), summit=self.summit)

    @property
    def status(self) -> str:
        """'broken' (some part broken, a warning defied or an empty threat), 'pending' (it still
        runs, and nothing of it was broken yet), or 'kept' (over, every part kept, a warning heeded
        or carried out)."""
        if any(r in WORD_BROKEN for _, _, r in self.results):
            return "broken"
        return "pending" if self.running or not self.results else "kept"

    def who_promised(self) -> str:
        """Who is bound to what: 'Moscow binds itself', 'Beijing is asked', 'both', a warning's."""
        t = self.term
        by, partner = side_name(t.by), side_name(other(t.by))
        if t.kind == "warning":
            return _("{side} warns {partner}").format(side=by, partner=partner)
        bound = [s for s, _part in t.bound()]
        if not bound:
            return _("{side} proposed").format(side=by)
        if len(bound) == 1:
            return _("{side} proposed; binds {bound}").format(side=by, bound=side_name(bound[0]))
        return _("{side} proposed; binds both").format(side=by)

    def status_words(self, game: Game) -> str:
        """What became of it, in words: each part settled, and whether it still runs."""
        parts = [
            _(RESULT_WORDS[result]).format(side=side_name(side), turn=turn)
            if result in RESULT_WORDS
            else f"{side_name(side)}: {result} ({turn})"
            for turn, side, result in self.results
        ]
        if self.running:
            last = self.summit + span(game.state, self.term) - 1
            parts.append(
                _("runs until turn {turn}").format(turn=last)
                if last > game.state.turn
                else _("runs this turn")
            )
        return _("; ").join(parts) or _("nothing settled")


def agreed_terms(game: Game) -> list[tuple[int, Term]]:
    """(the summit's turn, the term) for every term agreed so far, in order, this turn's included
    once its summit is over."""
    out = [
        (number, spec.term())
        for number, turn in enumerate(game.log.turns, start=1)
        for spec in turn.summit
        if spec.agreed
    ]
    table = game.table
    if (
        table is not None
        and table.closed_
        and table.turn == game.state.turn
        and table.turn > len(game.log.turns)
    ):
        out += [(table.turn, term) for term in table.agreed()]
    return out


def deals(game: Game) -> list[Deal]:
    """Every term agreed so far, with what became of it (from the turns' reports)."""
    running = {(c.since, c.term) for c in game.state.commitments}
    out = []
    for summit, term in agreed_terms(game):
        # Settled in the turns it covers (a warning's answer falls due the turn after it is defied).
        last = summit + span(game.state, term) + (1 if term.kind == "warning" else 0) - 1
        results = tuple(
            (r.turn, s.side, s.result)
            for r in game.reports
            if summit <= r.turn <= last
            for s in r.settled
            if s.term == term
        )
        out.append(Deal(summit, term, results, (summit, term) in running))
    return out


def notes_on(game: Game, summit: int, term: Term) -> list[FacilitatorAct]:
    """The facilitator's notes on the term agreed at the summit of turn `summit`, in order."""
    return [
        a
        for a in game.log.facilitator
        if a.kind == "annotate" and a.term is not None and a.term.matches(summit, term)
    ]
