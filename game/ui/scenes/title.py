"""The title screen: new game, continue, load, settings, credits, quit."""

from __future__ import annotations

import pygame

from game.i18n import N_, _, p_
from game.ui.scenes.base import Scene
from game.ui.title_backdrop import backdrop
from game.ui.widgets import Control, button_height, button_width, fit_rows, text, wrap

SUBTITLE = N_("Moscow and Beijing: a partnership with limits")
FOOTER = N_(
    'After Emre Ozan\'s essay "Russian-Chinese Cooperation Limits".  Tab or arrows to move, Enter to choose.'
)


class TitleScene(Scene):
    name = "title"

    def build(self) -> None:
        """The title and subtitle at the top, the footer at the bottom, and the menu in between: one
        column when it fits, shorter buttons when it nearly does, two columns when it does not."""
        app = self.app
        w, h = app.size
        fonts = app.fonts
        has_autosave = app.has_autosave()
        items = [
            (_("New game"), self.new_game, True, ""),
            (
                p_("title screen", "Continue"),
                self.continue_game,
                has_autosave,
                _("No autosave yet: start a new game first."),
            ),
            (_("Load game"), self.load_game, True, ""),
            (_("Classroom session"), self.classroom, True, ""),
            (_("Settings"), self.settings, True, ""),
            (_("How to play"), self.help, True, ""),
            (_("Credits"), self.credits, True, ""),
            (_("Quit"), self.quit, True, ""),
        ]
        margin = app.px(20)
        self.footer_lines = wrap(_(FOOTER), fonts.small, w - 2 * margin)
        foot_h = len(self.footer_lines) * (fonts.small.get_linesize() + 2)
        self.footer_rect = pygame.Rect(margin, h - app.px(12) - foot_h, w - 2 * margin, foot_h)
        title_h, sub_h = fonts.huge.get_linesize(), fonts.heading.get_linesize()
        top = min(int(h * 0.17) - title_h // 2, app.px(60))
        self.title_rect = pygame.Rect(0, max(app.px(8), top), w, title_h)
        self.subtitle_rect = pygame.Rect(0, self.title_rect.bottom, w, sub_h)
        self.captions = [
            ("title", self.title_rect),
            ("subtitle", self.subtitle_rect),
            ("footer", self.footer_rect),
        ]
        room_top = self.subtitle_rect.bottom + app.px(24)
        room = self.footer_rect.top - app.px(12) - room_top
        least = button_height(fonts.bold, 0)
        width = max(app.px(300), max(button_width(label, fonts.bold) for label, *_rest in items))
        columns = 1
        bh, gap = fit_rows(len(items), room, app.px(46), least, app.px(12), app.px(4))
        if len(items) * (bh + gap) - gap > room:  # too tall even shrunk: two columns
            columns = 2
            rows = -(-len(items) // 2)
            bh, gap = fit_rows(rows, room, app.px(46), least, app.px(12), app.px(4))
            width = min(width, (w - 3 * margin) // 2)
        rows = -(-len(items) // columns)
        left = w // 2 - (columns * width + (columns - 1) * margin) // 2
        for i, (label, action, enabled, why) in enumerate(items):
            col, row = divmod(i, rows)
            rect = pygame.Rect(left + col * (width + margin), room_top + row * (bh + gap), width, bh)
            self.add(Control(rect, label, action, enabled=enabled, why_disabled=why))

    def entered(self) -> None:
        app = self.app
        if app.notice:
            self.say(app.notice)
            app.notice = None
        if app.options.classroom is not None:
            # `python -m game classroom ...` opens the set-up filled in (once).
            setup, app.options.classroom = app.options.classroom, None
            self.classroom(**setup)
        elif app.options.autoplay:
            app.capture("title")
            self.new_game()
        elif app.level_to_open:
            # `python -m game play --level ID` opens New game on that level, ready to start.
            app.level_to_open = None
            self.new_game()

    def draw_backdrop(self, surface) -> None:
        """The region the game is about, dimmed behind the menu (see game.ui.title_backdrop)."""
        art = backdrop(self.app)
        if art is not None:
            surface.blit(art, (0, 0))

    def new_game(self) -> None:
        self.app.show_over("new game")

    def classroom(self, **setup) -> None:
        self.app.show_over("classroom set-up", **setup)

    def continue_game(self) -> None:
        # (Imported on the click: opening a save needs the engine and the save format, which the
        # title's first frame does without.)
        from game.ui.saved_game import open_autosave

        open_autosave(self.app, self)

    def load_game(self) -> None:
        self.app.show_over("load")

    def settings(self) -> None:
        self.app.show_over("settings")

    def credits(self) -> None:
        self.app.show_over("credits")

    def help(self) -> None:
        self.app.show_over("help")

    def quit(self) -> None:
        self.app.running = False

    def back(self) -> None:
        self.quit()

    def draw(self, surface) -> None:
        app = self.app
        _w, _h = app.size
        p = app.palette
        self.draw_backdrop(surface)
        title = app.fonts.huge.render("Pragmatic Partners", True, p.text)
        surface.blit(title, title.get_rect(center=self.title_rect.center))
        img = app.fonts.heading.render(_(SUBTITLE), True, p.accent)
        surface.blit(img, img.get_rect(center=self.subtitle_rect.center))
        text(
            surface,
            _(FOOTER),
            app.fonts.small,
            p.text_muted,
            self.footer_rect.topleft,
            self.footer_rect.width,
        )
        self.draw_controls(surface)
