"""The teacher's dashboard's words (game/server/static), translated on the server from the game's
catalogues into the class's language (a session pack's `language`) and served as JSON
(`/words.json`): the page swaps each English phrase it shows for its translation, and keeps the
English where there is none. Every phrase the page shows is listed here, so that the catalogue's
extraction finds it; `{name}` marks a value the page puts in."""

from __future__ import annotations

from game.classroom.adjustable import OFFERED_METERS
from game.classroom.language import class_language, speaking
from game.core.meters import label
from game.i18n import N_, _
from game.speech.words import meter_label

# The meters the teacher may adjust from the dashboard, as game.server.app lists them.
ADJUSTABLE_SHOWN = OFFERED_METERS  # (the facilitator's panel offers the same)

WORDS = (
    # the page
    N_("class dashboard"),
    N_("Teacher's passphrase"),
    N_("Log in"),
    N_("Could not log in."),
    N_("Group"),
    N_("Turn"),
    N_("Partnership"),
    N_("Ceiling"),
    N_("Identity"),
    N_("Identity gap"),
    N_("Methods"),
    N_("Rivalry"),
    N_("Washington"),
    N_("Washington (M / B)"),
    N_("{groups}: past turn {turn} already, so it happens in the turn being planned there."),
    N_("Moscow"),
    N_("Beijing"),
    N_("State"),
    N_("the identity gap"),
    N_("divergent methods"),
    N_("rivalry in Central Asia"),
    N_("Washington's thaw"),
    N_("Washington's thaw with Moscow / with Beijing"),
    N_("No group has joined yet. Students type:"),
    N_("Pace"),
    N_("Pause all"),
    N_("Resume all"),
    N_("Inject an event"),
    N_("event"),
    N_("group"),
    N_("turn"),
    N_("at turn (blank: next)"),
    N_("Inject"),
    N_("Adjust a meter"),
    N_("meter"),
    N_("by"),
    N_("reason"),
    N_("the reason the class hears"),
    N_("Adjust"),
    N_("Session"),
    N_("Download exports (zip)"),
    N_("End the session"),
    N_("Log out"),
    N_("Your acts"),
    N_("(newest first; all of them are in the exports' teacher-acts.csv)"),
    N_("Time"),
    N_("Act"),
    N_("Details"),
    N_("Nothing done yet: pauses, injections, adjustments, takeovers and the end are listed here."),
    # what the page writes as the class plays
    N_("live"),
    N_("reconnecting…"),
    N_("session ended"),
    N_("{level}, seed {seed} · class code {code} · Moscow: {moscow}, Beijing: {beijing}"),
    N_(" · {minutes} min a turn"),
    N_(" · ends after turn {turn}"),
    N_(" · language {language}"),
    # who plays each side, as the session's summary names them
    N_("team"),
    N_("easy"),
    N_("normal"),
    N_("hard"),
    N_("playing"),
    N_("finished"),
    N_("paused"),
    N_("offline"),
    N_("takeover allowed"),
    N_("; scores {scored}"),
    N_("provisional ({played} of {turns} turns)"),
    N_("provisional (0 of {turns} turns: nothing was played, so no goal is met)"),
    N_("Pause"),
    N_("Resume"),
    N_("Takeover"),
    N_("let another laptop take this group over"),
    N_("every group"),
    N_("Schedule"),
    N_("End"),
    N_("refused ({status})"),
    N_("Paused {who}."),
    N_("Resumed {who}."),
    N_("Injected into {who}."),
    N_("Adjusted for {who}."),
    N_("Move {meter} by {delta} for {who}? That is a large change, made as the turn being played resolves."),
    N_("Not adjusted."),
    N_("The session is ended for every group."),
    N_("Another laptop may now take over {group}."),
    N_("Done."),
    N_("End the session for every group? Each goes to its debrief."),
)


def dashboard_words(language: str | None) -> dict[str, str]:
    """Each of the dashboard's phrases in `language` (the class's; none or English: as they are)."""
    code = class_language(language)
    if code is None or code == "en":
        return {}
    with speaking(code):
        words = {word: _(word) for word in WORDS if _(word) != word}
        # The meters the teacher may adjust, by their English names (the page's `meter_labels`).
        words.update({label(m): meter_label(m) for m in ADJUSTABLE_SHOWN})
        return words
