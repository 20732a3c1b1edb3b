"""A summit's terms in words, in the language in force: the sentences game.core.summit.term_words
and deed_words make in English (the engine's, for its transcripts and exports), built here from
translatable frames with named placeholders. In English the words are the engine's. No pygame."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core.meters import other
from game.i18n import N_, _, n_
from game.speech.sides import side_name, state_name

if TYPE_CHECKING:
    from game.core.level import Level
    from game.core.summit import Deed, Term

# What a tag's cards do: (to do it, not to do it, the bare verb, the third person), as a term
# binds a side to it; a warning says "if Beijing courts Washington, Moscow will court Washington".
TAG_DEEDS = {
    "force": (N_("to use force"), N_("not to use force"), N_("use force"), N_("uses force")),
    "outreach": (
        N_("to court Washington"),
        N_("not to court Washington"),
        N_("court Washington"),
        N_("courts Washington"),
    ),
    "distance": (
        N_("to keep its distance"),
        N_("not to keep its distance"),
        N_("keep its distance"),
        N_("keeps its distance"),
    ),
    "integration": (
        N_("to invest in integration"),
        N_("not to invest in integration"),
        N_("invest in integration"),
        N_("invests in integration"),
    ),
    "institutions": (
        N_("to work through shared institutions"),
        N_("not to work through shared institutions"),
        N_("work through shared institutions"),
        N_("works through shared institutions"),
    ),
    "stability": (
        N_("to act for stability"),
        N_("not to act for stability"),
        N_("act for stability"),
        N_("acts for stability"),
    ),
}
# A card's and a state's deeds, in the same four forms ({card}: the card's name, as the level
# writes it; {state}: the state's name).
PLAY_DEEDS = (N_("to play {card}"), N_("not to play {card}"), N_("play {card}"), N_("plays {card}"))
STAY_OUT_DEEDS = (
    N_("to stay out of {state}"),
    N_("not to stay out of {state}"),
    N_("stay out of {state}"),
    N_("stays out of {state}"),
)


def deed_words(level: Level, deed: Deed, infinitive: bool = True, third: bool = False) -> str:
    """A deed in words: 'to play Power of Siberia 2', 'not to use force', 'to stay out of
    Kazakhstan'; without `infinitive`, the bare verb ('court Washington', or with `third`, 'courts
    Washington')."""
    form = (1 if deed.kind == "no" else 0) if infinitive else (3 if third else 2)
    if deed.kind == "play":
        action = level.actions.get(deed.subject)
        return _(PLAY_DEEDS[form]).format(card=action.name if action else deed.subject)
    if deed.kind in ("some", "no"):
        forms = TAG_DEEDS.get(deed.subject)
        if forms is None:
            return deed.subject
        return _(forms[form])
    return _(STAY_OUT_DEEDS[form]).format(state=state_name(deed.subject))


def warning_words(level: Level, term: Term) -> str:
    """A warning's condition and its answer: 'if Beijing courts Washington, Moscow will court
    Washington'."""
    answer = deed_words(level, term.answer, infinitive=False) if term.answer else ""
    return _("if {partner} {deed}, {side} will {answer}").format(
        partner=side_name(other(term.by)),
        deed=deed_words(level, term.deed, infinitive=False, third=True),
        side=side_name(term.by),
        answer=answer,
    )


def term_words(level: Level, term: Term) -> str:
    """A term in plain words, as the table and the debrief say it: 'Moscow promises not to court
    Washington for 4 turns'."""
    by, partner = side_name(term.by), side_name(other(term.by))
    if term.kind == "deal":
        deal = level.deal(term.deal)
        return deal.name if deal else term.deal
    if term.kind == "offer":
        return _("{side} offers {deed} this turn").format(side=by, deed=deed_words(level, term.deed))
    if term.kind == "request":
        return _("{side} asks {partner} {deed} this turn").format(
            side=by, partner=partner, deed=deed_words(level, term.deed)
        )
    if term.kind == "promise":
        n = level.rules.promise_turns
        return n_("{side} promises {deed} for {n} turn", "{side} promises {deed} for {n} turns", n).format(
            side=by, deed=deed_words(level, term.deed), n=n
        )
    return _("{side} warns {partner}: {warning}").format(
        side=by, partner=partner, warning=warning_words(level, term)
    )
