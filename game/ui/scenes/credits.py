"""Credits: the essay, the map data, the fonts, and how the game was made."""

from __future__ import annotations

import pygame

from game.i18n import N_, _
from game.ui.scenes.base import Scene
from game.ui.widgets import Control, text

CREDITS = [
    (
        N_("The essay"),
        N_(
            'Emre Ozan (Assoc. Prof., Kırklareli University), "Russian-Chinese Cooperation Limits", '
            "an online commentary also posted in Turkish and Russian. The game's model follows its "
            "argument; every text in the game is our own paraphrase, never a quotation. Each level's "
            "debrief lists its sources and further reading."
        ),
    ),
    (
        N_("Map data"),
        N_(
            "Natural Earth (public domain), via world-atlas 2.0.2 (c) Mike Bostock, ISC licence. "
            "Outlines simplified for the game; borders as Natural Earth draws them."
        ),
    ),
    (
        N_("Type"),
        N_(
            "Partners Sans: Noto Sans (c) The Noto Project Authors, with the Chinese characters of "
            "Noto Sans SC (c) Adobe, both under the SIL Open Font License 1.1 (assets/fonts/OFL.txt)."
        ),
    ),
    (
        N_("Built with"),
        N_("pygame-ce (LGPL 2.1), pygame_gui (MIT), pydantic (MIT), tomli (MIT), platformdirs (MIT)."),
    ),
    (
        N_("The game"),
        N_(
            "Pragmatic Partners, MIT licence. A teaching game: its numbers are a model of an "
            "argument, not a forecast."
        ),
    ),
]


class CreditsScene(Scene):
    name = "credits"

    def build(self) -> None:
        app = self.app
        w, h = app.size
        rect = pygame.Rect(0, 0, app.px(200), app.px(44))
        rect.midbottom = (w // 2, h - app.px(24))
        self.add(Control(rect, _("Back"), self.back))

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        w = app.size[0]
        x, y = app.px(80), app.px(50)
        surface.blit(app.fonts.title.render(_("Credits"), True, p.text), (x, y))
        y += app.px(70)
        for head, body in CREDITS:
            surface.blit(app.fonts.heading.render(_(head), True, p.accent), (x, y))
            y += app.fonts.heading.get_linesize() + app.px(4)
            y += text(surface, _(body), app.fonts.body, p.text, (x, y), w - 2 * x) + app.px(14)
        self.draw_controls(surface)
