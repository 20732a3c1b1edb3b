"""The Load screen: the saved games, each opened as `game.ui.saved_game` opens it, renamed in place
or deleted (asked twice; the save store keeps it in its trash subfolder). A damaged or foreign
save gets a message and is set aside by the save store; the game goes on."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path

import pygame
import pygame_gui

from game.i18n import _, format_moment, p_
from game.session.game import HUMAN
from game.session.saves import MAX_NAME, SaveError, SaveInfo, saved_moment
from game.speech.sides import side_name
from game.ui.playable_levels import title_of
from game.ui.saved_game import open_log
from game.ui.scenes.base import Scene
from game.ui.text_entry import TextEntry
from game.ui.widgets import Control, Tooltip, button_width


def shown_name(info: SaveInfo) -> str:
    """A save's name on screen: the one its player gave it, or for an autosave, which the game
    names, "Autosave" (or "Previous autosave", the one before it) in the player's language."""
    if not info.is_autosave:
        return info.name
    return _("Previous autosave") if info.is_previous else _("Autosave")


def saved_when(saved_at: str, now: datetime | None = None) -> str:
    """When a save was written, on the player's clock and in the language's way (the time alone
    for today's: game.i18n.format_moment); what the file says, where that is not a time."""
    moment = saved_moment(saved_at)
    return format_moment(moment, now) if moment is not None else saved_at[:16]


def ai_level(who: str) -> str:
    """An AI's level ('easy', 'normal', 'hard') in the player's language, as 'Moscow vs hard AI'
    says it; an agent of another kind by its own name."""
    if who == "easy":
        return p_("AI level", "easy")
    if who == "normal":
        return p_("AI level", "normal")
    if who == "hard":
        return p_("AI level", "hard")
    return who


def who_played(players: dict[str, str] | None, classroom=None) -> str:
    """'Moscow vs hard AI', 'Two players' or 'AI vs AI' for a save's list entry ('' when unknown);
    a classroom session's save says so, with its group: 'Classroom, Room 4: two teams'."""
    if classroom is not None:
        teams = classroom.teams
        group = f", {classroom.group}" if classroom.group else ""
        if all(t == "team" for t in teams.values()):
            return _("Classroom{group}: two teams").format(group=group)
        if "team" not in teams.values():  # (no pack sets this up; a save edited by hand may)
            return _("Classroom{group}: {players}").format(group=group, players=_("AI vs AI"))
        side = next(s for s, t in teams.items() if t == "team")
        opponent = next(t for s, t in teams.items() if t != "team")
        return _("Classroom{group}: {side} team vs {opponent} AI").format(
            group=group, side=side_name(side), opponent=ai_level(opponent)
        )
    if not players:
        return ""
    humans = [side for side, who in players.items() if who == HUMAN]
    if len(humans) == 2:
        return _("Two players")
    if not humans:
        return _("AI vs AI")
    opponent = next(who for side, who in players.items() if who != HUMAN)
    return _("{side} vs {opponent} AI").format(side=side_name(humans[0]), opponent=ai_level(opponent))


class LoadScene(Scene):
    name = "load"

    def __init__(self, app):
        super().__init__(app)
        self.turns_of: dict[str, int | None] = {}
        self.renaming: Path | None = None  # the save whose name is being typed
        self.deleting: Path | None = None  # the save whose Delete was pressed once: again deletes it
        self.name_entry = None

    def build(self) -> None:
        app = self.app
        w, h = app.size
        pad = app.px(40)
        self.infos = app.saves.list()
        self.name_entry = None
        item_h = app.px(44)
        top = app.px(110)
        rows = max(1, (h - top - app.px(110)) // (item_h + app.px(6)))
        self.offset = max(0, min(self.offset, max(0, len(self.infos) - rows)))
        font = app.fonts.bold
        gap = app.px(6)
        for i, info in enumerate(self.infos[self.offset : self.offset + rows]):
            row = pygame.Rect(pad, top + i * (item_h + gap), w - 2 * pad, item_h)
            if info.path == self.renaming:
                self.build_rename(row, info)
                continue
            # An autosave is named by its game and has no Rename: its row keeps that room for
            # what it says (in Russian the time was cut off to a disabled button).
            actions = [] if info.is_autosave else [(_("Rename"), partial(self.rename, info))]
            deleting = info.path == self.deleting
            actions.append((_("Really delete?") if deleting else _("Delete"), partial(self.delete, info)))
            x = row.right
            buttons = []
            for label, action in reversed(actions):
                bw = button_width(label, font)
                x -= bw
                buttons.append((pygame.Rect(x, row.y, bw, item_h), label, action))
                x -= gap
            rect = pygame.Rect(row.x, row.y, x - row.x, item_h)
            when = saved_when(info.saved_at)
            who = who_played(info.players, info.classroom)
            entry = app.catalogue.entries.get(info.level_id)
            level = title_of(entry) if entry else info.level_id
            turns = self.level_turns(info.level_id)
            where = (
                _("finished")
                if turns is not None and info.turn > turns
                else _("turn {turn}").format(turn=info.turn)
            )
            place = f"{level}, {where}"
            # A save left with the name the game gives it ("Pivot east (2014-2021), turn 3") is
            # that name once, not twice over.
            name = shown_name(info) if shown_name(info) != place else ""
            label = "  ·  ".join(part for part in (name, place, who, when) if part)
            named_by_game = _("An autosave is named by its game: open it, then save it under a name.")
            tip = partial(Tooltip, shown_name(info), [named_by_game]) if info.is_autosave else None
            self.add(Control(rect, label, partial(self.open, info), kind="item", tooltip=tip))
            for box, label, action in reversed(buttons):
                self.add(Control(box, label, action))
        rect = pygame.Rect(0, 0, app.px(200), app.px(44))
        rect.midbottom = (w // 2, h - app.px(24))
        self.add(Control(rect, _("Back"), self.back))

    def build_rename(self, row: pygame.Rect, info) -> None:
        """The row of the save being renamed: its name in a field, then OK and Cancel."""
        app, font, gap = self.app, self.app.fonts.bold, self.app.px(6)
        ok_w, cancel_w = button_width(_("OK"), font, app.px(70)), button_width(_("Cancel"), font)
        cancel = pygame.Rect(row.right - cancel_w, row.y, cancel_w, row.height)
        ok = pygame.Rect(cancel.x - gap - ok_w, row.y, ok_w, row.height)
        field = pygame.Rect(row.x, row.y, ok.x - gap - row.x, row.height)
        self.name_entry = self.element(TextEntry(field, app.manager))
        self.name_entry.set_text_length_limit(MAX_NAME)
        self.name_entry.set_text(info.name)
        self.text_field(self.name_entry, _("New name for this save"))
        self.add(Control(ok, _("OK"), partial(self.finish_rename, info)))
        self.add(Control(cancel, _("Cancel"), self.cancel_rename))
        app.manager.set_focus_set(self.name_entry)
        self.name_entry.focus()

    def rename(self, info) -> None:
        self.renaming, self.deleting = info.path, None
        self.rebuild()

    def cancel_rename(self) -> None:
        self.renaming = None
        self.rebuild()

    def finish_rename(self, info) -> None:
        name = self.name_entry.get_text() if self.name_entry is not None else ""
        if not name.strip():
            self.say(_("A save needs a name."))
            return
        try:
            renamed = self.app.saves.rename(info.path, name)
        except SaveError as e:
            self.say(_("Could not rename the save: {problem}").format(problem=e))
            return
        self.renaming = None
        self.say(_("Renamed to “{name}”.").format(name=renamed.name))
        self.rebuild()

    def delete(self, info) -> None:
        """Delete asks once ("Really delete?"); pressed again, the save goes to the saves folder's
        trash subfolder, from which it can still be taken back by hand."""
        if self.deleting != info.path:
            self.deleting, self.renaming = info.path, None
            self.say(_("Press “Really delete?” to delete “{name}”.").format(name=shown_name(info)))
            self.rebuild()
            return
        self.deleting = None
        try:
            moved = self.app.saves.delete(info.path)
        except SaveError as e:
            self.say(_("Could not delete the save: {problem}").format(problem=e))
        else:
            self.say(
                _("Deleted “{name}” (kept in {folder}/{file} in the saves folder).").format(
                    name=shown_name(info), folder=moved.parent.name, file=moved.name
                )
            )
        self.rebuild()

    def handle(self, event) -> bool:
        if self.renaming is not None and self.name_entry is not None:
            if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.name_entry:
                info = next((i for i in self.infos if i.path == self.renaming), None)
                if info is not None:
                    self.finish_rename(info)
                return True
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.cancel_rename()  # Esc leaves the renaming, not the screen
                return True
        return False

    def back(self) -> None:
        if self.deleting is not None:
            self.deleting = None
            self.rebuild()
            return
        super().back()

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
        surface.blit(app.fonts.title.render(_("Load a game"), True, p.text), (app.px(40), app.px(36)))
        if not self.infos:
            surface.blit(
                app.fonts.body.render(_("No saved games yet."), True, p.text_muted), (app.px(40), app.px(110))
            )
        self.draw_controls(surface)
