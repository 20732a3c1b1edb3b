"""The in-game menu (Esc): resume, save with a name, settings, quit to the title. In a classroom
session, quitting asks for the facilitator's passphrase: students cannot leave the class's session
for one of their own (on the class seed, with a passphrase they chose)."""

from __future__ import annotations

import pygame
import pygame_gui

from game.i18n import _
from game.session.data_folder import problem_message
from game.ui.scenes.base import Scene
from game.ui.text_entry import TextEntry


class MenuScene(Scene):
    name = "menu"

    def __init__(self, app, game):
        super().__init__(app)
        self.game = game

    def build(self) -> None:
        app = self.app
        w, h = app.size
        bw = app.px(320)
        top = int(h * 0.25)
        self.name_entry = self.element(
            TextEntry(
                pygame.Rect(w // 2 - bw // 2, top, bw, app.px(40)),
                app.manager,
                placeholder_text=_("Name for this save"),
            )
        )
        self.name_entry.set_text_length_limit(60)
        self.text_field(self.name_entry, _("Name for this save"))
        self.column_of_buttons(
            [
                (_("Save game"), self.save),
                (_("Resume"), self.back),
                (_("Settings"), self.settings),
                (_("How to play"), lambda: self.app.show_over("help")),
                (
                    _("Quit to title (passphrase)")
                    if getattr(self.game, "classroom", None)
                    else _("Quit to title"),
                    self.quit,
                ),
            ],
            w // 2,
            top + app.px(56),
            bw,
        )

    def handle(self, event) -> bool:
        # Enter in the name field saves under that name, as the Save game button does (it did
        # nothing: no save, no message).
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.name_entry:
            self.save()
            return True
        return False

    def save(self) -> None:
        name = self.name_entry.get_text().strip() or _("{level}, turn {turn}").format(
            level=self.game.level.title, turn=self.game.state.turn
        )
        try:
            info = self.app.saves.save(name, self.game.log_to_save())
            self.say(_('Saved as "{name}".').format(name=info.name))
        except OSError as e:
            self.say(problem_message(_("Could not save"), e))

    def settings(self) -> None:
        self.app.show_over("settings")

    def quit(self) -> None:
        if getattr(self.game, "classroom", None) is not None:
            self.app.show_over("facilitator login", game=self.game, then=self.to_title)
            return
        self.to_title()

    def to_title(self) -> None:
        self.app.show_only("title")

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        w, h = app.size
        img = app.fonts.title.render(_("Game menu"), True, p.text)
        surface.blit(img, img.get_rect(center=(w // 2, int(h * 0.14))))
        note = _("Your game is also saved automatically after every turn (Continue on the title screen).")
        t = app.fonts.small.render(note, True, p.text_muted)
        surface.blit(t, t.get_rect(center=(w // 2, int(h * 0.14) + app.px(44))))
        self.draw_controls(surface)
