"""Load a saved game, or continue the autosave. A damaged or foreign save gets a message and is set
aside by the save store; the game goes on."""

from __future__ import annotations

from functools import partial

import pygame

from game.core.meters import other
from game.levels import LevelError
from game.session.game import CLASSROOM_THINK, HUMAN, Game
from game.session.replay import ReplayError
from game.session.saves import SaveError
from game.ui.scenes.base import Scene
from game.ui.widgets import Control


def open_log(app, scene, log, side_hint: str | None = None) -> bool:
    """Replay `log` and show its board; say why not when it cannot be opened."""
    from game.ui.scenes.board import BoardScene

    try:
        level = app.catalogue.load(log.level_id)
    except LevelError:
        scene.say(f"This save needs the level '{log.level_id}', which is missing or broken.")
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
        game = Game.from_log(level, log, controllers, think)
    except ReplayError as e:
        scene.say(f"This save cannot be continued: {e}")
        return False
    if game.log.classroom is not None:
        from game.classroom.session import ClassroomSession

        ClassroomSession(game, game.log.classroom)
    humans = game.humans()
    waiting = [s for s in humans if s not in game.locked]
    if not game.over and len(humans) > 1 and waiting:
        # Two people at one machine: the hand-over screen keeps each plan hidden from the other,
        # and goes to whoever had not locked a plan when the game was saved.
        from game.ui.scenes.handover import HandOverScene

        app.reset_to(
            HandOverScene(
                app, game, waiting[0], locked_by=next((s for s in humans if s in game.locked), None)
            )
        )
        return True
    if humans:
        side = humans[0]
    if game.over:
        from game.ui.scenes.debrief import DebriefScene

        app.reset_to(DebriefScene(app, game))
    else:
        app.reset_to(BoardScene(app, game, side))
    return True


def who_played(players: dict[str, str] | None) -> str:
    """'Moscow vs hard AI', 'Two players' or 'AI vs AI' for a save's list entry ('' when unknown)."""
    if not players:
        return ""
    humans = [side for side, who in players.items() if who == HUMAN]
    if len(humans) == 2:
        return "Two players"
    if not humans:
        return "AI vs AI"
    opponent = next(who for side, who in players.items() if who != HUMAN)
    return f"{humans[0].capitalize()} vs {opponent} AI"


def open_autosave(app, scene) -> None:
    try:
        found = app.saves.latest_autosave()
    except SaveError as e:
        scene.say(str(e))
        return
    if found is None:
        scene.say("There is no autosave yet.")
        return
    log, note = found if isinstance(found, tuple) else (found, None)
    if open_log(app, scene, log) and note:
        app.scene.say(note)


class LoadScene(Scene):
    name = "load"

    def build(self) -> None:
        app = self.app
        w, h = app.size
        pad = app.px(40)
        self.infos = app.saves.list()
        item_h = app.px(44)
        top = app.px(110)
        rows = max(1, (h - top - app.px(110)) // (item_h + app.px(6)))
        self.offset = max(0, min(self.offset, max(0, len(self.infos) - rows)))
        for i, info in enumerate(self.infos[self.offset : self.offset + rows]):
            rect = pygame.Rect(pad, top + i * (item_h + app.px(6)), w - 2 * pad, item_h)
            when = str(info.saved_at)[:16].replace("T", " ")
            kind = "autosave" if info.is_autosave else "save"
            who = who_played(info.players)
            entry = app.catalogue.entries.get(info.level_id)
            level = entry.title if entry else info.level_id
            label = f"{info.name}   ·   {level}, turn {info.turn}   ·   {who + '   ·   ' if who else ''}{when}   ({kind})"
            self.add(Control(rect, label, partial(self.open, info), kind="item"))
        rect = pygame.Rect(0, 0, app.px(200), app.px(44))
        rect.midbottom = (w // 2, h - app.px(24))
        self.add(Control(rect, "Back", self.back))

    def scroll(self, amount: int) -> None:
        self.offset = max(0, self.offset + amount * 5)
        self.rebuild()

    def open(self, info) -> None:
        try:
            log = self.app.saves.load(info.path)
        except SaveError as e:
            self.say(str(e))
            self.rebuild()
            return
        open_log(self.app, self, log)

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        surface.blit(app.fonts.title.render("Load a game", True, p.text), (app.px(40), app.px(36)))
        if not self.infos:
            surface.blit(
                app.fonts.body.render("No saved games yet.", True, p.text_muted), (app.px(40), app.px(110))
            )
        self.draw_controls(surface)
