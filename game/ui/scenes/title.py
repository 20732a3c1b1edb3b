"""The title screen: new game, continue, load, settings, credits, quit."""
from __future__ import annotations

import pygame

from game.ui.scenes.base import Scene
from game.ui.widgets import text


# Influence shares for the backdrop: a region between the two powers, as in the 2020s.
_BACKDROP = {"kazakhstan": (45, 35, 20), "uzbekistan": (36, 39, 25), "kyrgyzstan": (50, 40, 10),
             "tajikistan": (50, 40, 10), "turkmenistan": (26, 59, 15)}


class TitleScene(Scene):
    name = "title"

    def build(self) -> None:
        app = self.app
        w, h = app.size
        has_autosave = app.saves.has_autosave()
        self.column_of_buttons([
            ("New game", self.new_game),
            ("Continue", self.continue_game, has_autosave, "No autosave yet: start a new game first."),
            ("Load game", self.load_game),
            ("Classroom session", self.classroom),
            ("Settings", self.settings),
            ("Credits", self.credits),
            ("Quit", self.quit),
        ], w // 2, int(h * 0.36), app.px(300))

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

    def draw_backdrop(self, surface) -> None:
        """The region the game is about, dimmed behind the menu (drawn once per window size)."""
        app = self.app
        key = (app.size, app.palette.name)
        if getattr(self, "_backdrop_key", None) != key:
            self._backdrop = None
            view = app.map_view
            if view is not None:
                art = pygame.Surface(app.size).convert()
                art.fill(app.palette.background)
                meters = {f"{s}.{p}": v for s, shares in _BACKDROP.items() for p, v in zip(("moscow", "beijing", "west"), shares)}
                meters["middle_corridor"] = 40.0
                view.draw(art, art.get_rect(), meters, app.palette, app.fonts.tiny)
                shade = pygame.Surface(app.size, pygame.SRCALPHA)
                shade.fill((*app.palette.background[:3], 215))
                art.blit(shade, (0, 0))
                self._backdrop = art
            self._backdrop_key = key
        if self._backdrop is not None:
            surface.blit(self._backdrop, (0, 0))

    def new_game(self) -> None:
        from game.ui.scenes.newgame import NewGameScene

        self.app.push(NewGameScene(self.app))

    def classroom(self, **setup) -> None:
        from game.ui.scenes.classroom import ClassroomSetupScene

        self.app.push(ClassroomSetupScene(self.app, **setup))

    def continue_game(self) -> None:
        from game.ui.scenes.load import open_autosave

        open_autosave(self.app, self)

    def load_game(self) -> None:
        from game.ui.scenes.load import LoadScene

        self.app.push(LoadScene(self.app))

    def settings(self) -> None:
        from game.ui.scenes.settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def credits(self) -> None:
        from game.ui.scenes.credits import CreditsScene

        self.app.push(CreditsScene(self.app))

    def quit(self) -> None:
        self.app.running = False

    def back(self) -> None:
        self.quit()

    def draw(self, surface) -> None:
        app = self.app
        w, h = app.size
        p = app.palette
        self.draw_backdrop(surface)
        title = app.fonts.huge.render("Pragmatic Partners", True, p.text)
        surface.blit(title, title.get_rect(center=(w // 2, int(h * 0.17))))
        sub = "Moscow and Beijing: a partnership with limits"
        img = app.fonts.heading.render(sub, True, p.accent)
        surface.blit(img, img.get_rect(center=(w // 2, int(h * 0.17) + app.px(58))))
        foot = "After Emre Ozan's essay \"Russian-Chinese Cooperation Limits\".  Tab or arrows to move, Enter to choose."
        text(surface, foot, app.fonts.small, p.text_muted, (app.px(20), h - app.px(34)), w - app.px(40))
        self.draw_controls(surface)
