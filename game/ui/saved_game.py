"""Opening a saved game: replay its log and show where it stands (the board, the hand-over
between two players, or the debrief), or say why it cannot be opened. The title's Continue and
the Load screen both open games this way."""

from __future__ import annotations

from game.core.level_text import in_language
from game.core.meters import other
from game.i18n import _, current_language
from game.levels import LevelError
from game.session.game import CLASSROOM_THINK, HUMAN, Game
from game.session.replay import ReplayError
from game.session.saves import SaveError
from game.speech.reasons import say
from game.speech.sides import side_name


def open_log(app, scene, log, side_hint: str | None = None, autosave_slot: str | None = None) -> bool:
    """Replay `log` and show its board; say why not when it cannot be opened. A game continued
    from its autosave (`autosave_slot`) goes on writing that autosave."""
    if log.classroom is not None and log.classroom.language and not app.options.class_language:
        # A classroom session resumes in its class's language, as its laptops played it, and keeps
        # it while the class plays (Settings shows it fixed).
        app.options.class_language = log.classroom.language
        app.apply_look()
    try:
        level = in_language(app.catalogue.load(log.level_id), current_language())
    except LevelError:
        scene.say(
            _("This save needs the level '{level}', which is missing or broken.").format(level=log.level_id)
        )
        return False
    side = side_hint or app.settings.last_side or "moscow"
    partner = other(side)
    if log.classroom is not None:
        # A classroom session resumes as one: its teams, its AI, its facilitator's passphrase.
        controllers = {s: (HUMAN if who == "team" else who) for s, who in log.classroom.teams.items()}
    elif log.players is not None:
        # The same players as when it was saved: the player's side, the AI's level, or two people.
        controllers = dict(log.players)
    else:
        # A log from before the players were kept: the side played last, against the normal AI.
        controllers = {side: HUMAN, partner: "normal"}
    try:
        think = CLASSROOM_THINK if log.classroom is not None else app.options.think
        # A game saved before an update changed its level is played again under the level as it
        # is now rather than lost (the notes say so).
        game = Game.from_log(level, log, controllers, think, changed_level_ok=True)
    except ReplayError as e:
        scene.say(_("This save cannot be continued: {problem}").format(problem=e))
        return False
    game.autosave_slot = autosave_slot
    if game.log.classroom is not None:
        from game.classroom.session import ClassroomSession

        ClassroomSession(game, game.log.classroom)
    if game.load_notes:  # said by whichever screen comes up (a damaged summit sits again)
        app.notice = " ".join(say(note) for note in game.load_notes)
    humans = game.humans()
    waiting = [s for s in humans if s not in game.locked]
    note = ""
    if game.summit_open() and game.table is not None:
        # A summit that sat when the game was saved: the keyboard goes to whoever moves next there.
        waiting = [s for s in game.table.waiting_for() if s in humans] or waiting
        if game.table.room is not None:
            note = _(
                "The game goes on at the summit, where one player was entering the terms the two "
                "teams agreed in the room. Both teams may look."
            )
        elif waiting:
            note = _(
                "The game goes on at the summit, where the moves made stay hidden. Only "
                "{side} should look at the screen now."
            ).format(side=side_name(waiting[0]))
    if not game.over and len(humans) > 1 and waiting:
        # Two people at one machine: the hand-over screen keeps each plan hidden from the other,
        # and goes to whoever had not locked a plan when the game was saved.
        app.show_only(
            "hand-over",
            game=game,
            side=waiting[0],
            locked_by=next((s for s in humans if s in game.locked), None),
            note=note,
        )
        return True
    if humans:
        side = humans[0]
    if game.over:
        app.show_only("debrief", game=game)
    else:
        app.show_only("board", game=game, perspective=side)
    return True


def open_autosave(app, scene) -> None:
    """Open the latest autosave; say why not on `scene` when there is none or it is damaged."""
    try:
        slot = app.saves.newest_autosave_slot()
        found = app.saves.latest_autosave()
    except SaveError as e:
        scene.say(str(e))
        return
    if found is None:
        scene.say(_("There is no autosave yet."))
        return
    log, note = found if isinstance(found, tuple) else (found, None)
    if open_log(app, scene, log, autosave_slot=slot) and note:
        app.scene.say(note)
