"""The Load screen: the saved games, each opened as `game.ui.saved_game` opens it. A damaged or
foreign save gets a message and is set aside by the save store; the game goes on."""

from __future__ import annotations

from functools import partial

import pygame

from game.session.game import HUMAN
from game.session.saves import SaveError
from game.ui.saved_game import open_log
from game.ui.scenes.base import Scene
from game.ui.widgets import Control


def who_played(players: dict[str, str] | None, classroom=None) -> str:
    """'Moscow vs hard AI', 'Two players' or 'AI vs AI' for a save's list entry ('' when unknown);
    a classroom session's save says so, with its group: 'Classroom, Room 4: two teams'."""
    if classroom is not None:
        teams = classroom.teams
        group = f", {classroom.group}" if classroom.group else ""
        if all(t == "team" for t in teams.values()):
            return f"Classroom{group}: two teams"
        side = next(s for s, t in teams.items() if t == "team")
        opponent = next(t for s, t in teams.items() if t != "team")
        return f"Classroom{group}: {side.capitalize()} team vs {opponent} AI"
    if not players:
        return ""
    humans = [side for side, who in players.items() if who == HUMAN]
    if len(humans) == 2:
        return "Two players"
    if not humans:
        return "AI vs AI"
    opponent = next(who for side, who in players.items() if who != HUMAN)
    return f"{humans[0].capitalize()} vs {opponent} AI"


class LoadScene(Scene):
    name = "load"

    def __init__(self, app):
        super().__init__(app)
        self.turns_of: dict[str, int | None] = {}

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
            who = who_played(info.players, info.classroom)
            entry = app.catalogue.entries.get(info.level_id)
            level = entry.title if entry else info.level_id
            turns = self.level_turns(info.level_id)
            where = "finished" if turns is not None and info.turn > turns else f"turn {info.turn}"
            label = (
                f"{info.name}   ·   {level}, {where}   ·   {who + '   ·   ' if who else ''}{when}   ({kind})"
            )
            self.add(Control(rect, label, partial(self.open, info), kind="item"))
        rect = pygame.Rect(0, 0, app.px(200), app.px(44))
        rect.midbottom = (w // 2, h - app.px(24))
        self.add(Control(rect, "Back", self.back))

    def level_turns(self, level_id: str) -> int | None:
        """How many turns the level lasts (None when it cannot be read): a save past its last turn
        is a finished game, listed as such rather than as "turn 13" of 12."""
        if level_id not in self.turns_of:
            level, _problems = self.app.load_level(level_id)
            self.turns_of[level_id] = level.turns if level is not None else None
        return self.turns_of[level_id]

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
        slot = self.app.saves.slot_of(info.path) if info.is_autosave else None
        open_log(self.app, self, log, autosave_slot=slot)

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        surface.blit(app.fonts.title.render("Load a game", True, p.text), (app.px(40), app.px(36)))
        if not self.infos:
            surface.blit(
                app.fonts.body.render("No saved games yet.", True, p.text_muted), (app.px(40), app.px(110))
            )
        self.draw_controls(surface)
