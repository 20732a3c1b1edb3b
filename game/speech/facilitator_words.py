"""A facilitator's acts in the language in force, as the board's news, the facilitator's panel and
the debrief sheet tell them: the sentences game.session.story.describe_act and facilitator_news
make in English (for the replay's transcript and the tables, which stay English), built here from
translatable frames. In English the words are the session's. No pygame here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.i18n import _, n_
from game.speech.terms import term_words
from game.speech.words import meter_label, plain, plain_signed

if TYPE_CHECKING:
    from game.core.level import Level
    from game.session.game import Game
    from game.session.replay import FacilitatorAct


def _event_title(level: Level, act: FacilitatorAct) -> str:
    event = level.event(act.event_id or "")
    return event.title if event else (act.event_id or "")


def _noted_term(level: Level, act: FacilitatorAct) -> str:
    return term_words(level, act.term.term()) if act.term is not None else ""


def act_words(level: Level, act: FacilitatorAct) -> str:
    """A facilitator's act as the class reads it, after "The facilitator": 'injected the event
    “…”', 'adjusted Partnership by +6: …'."""
    if act.kind == "inject":
        return _("injected the event “{event}”").format(event=_event_title(level, act))
    if act.kind == "adjust":
        return _("adjusted {meter} by {change}: {reason}").format(
            meter=meter_label(act.meter or ""), change=plain_signed(act.delta or 0.0), reason=act.text
        )
    if act.kind == "annotate":
        if act.term is not None:
            return _("noted on “{term}” (agreed at turn {turn}): {note}").format(
                term=_noted_term(level, act), turn=act.term.summit, note=act.text
            )
        return _("noted: {note}").format(note=act.text)
    if act.kind == "timer":
        if act.minutes:
            return _("set the planning timer to {minutes} minutes").format(minutes=plain(act.minutes))
        return _("cleared the planning timer")
    if act.kind == "end":
        return (
            _("ended the session early: {reason}").format(reason=act.text)
            if act.text
            else _("ended the session early")
        )
    if act.kind == "refused":
        times = act.text.rsplit("(", 1)[-1].removesuffix(" times)") if act.text.endswith(" times)") else ""
        if times.isdigit():
            n = int(times)
            return n_(
                "a wrong passphrase for the facilitator's panel was refused ({n} time)",
                "a wrong passphrase for the facilitator's panel was refused ({n} times)",
                n,
            ).format(n=n)
        return _("a wrong passphrase for the facilitator's panel was refused")
    if act.kind == "pause":
        return _("paused the session")
    if act.kind == "resume":
        return _("resumed the session")
    return act.kind


def facilitator_news(game: Game, act: FacilitatorAct) -> str:
    """A facilitator's act as the players read it in the news during the turn."""
    if act.kind == "inject":
        return _(
            "The facilitator puts an event in play: “{event}”. It happens as this turn resolves."
        ).format(event=_event_title(game.level, act))
    if act.kind == "adjust":
        return _("The facilitator moves {meter} by {change} as this turn resolves: {reason}").format(
            meter=meter_label(act.meter or ""), change=plain_signed(act.delta or 0.0), reason=act.text
        )
    if act.kind == "annotate":
        if act.term is not None:
            return _("The facilitator's note on “{term}”: {note}").format(
                term=_noted_term(game.level, act), note=act.text
            )
        return _("The facilitator's note: {note}").format(note=act.text)
    return act_words(game.level, act)
