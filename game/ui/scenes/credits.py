"""Credits: the essay, the map data, the fonts, and how the game was made."""

from __future__ import annotations

import pygame

from game.i18n import N_, _
from game.ui.scenes.base import Scene, sections_html
from game.ui.widgets import Control

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
        N_(
            "pygame-ce (LGPL 2.1), pygame_gui (MIT), pydantic (MIT), tomli (MIT), platformdirs (MIT), "
            "Babel (BSD), and for the printed handouts fpdf2 (LGPL 3.0) with fontTools (MIT), Pillow "
            "(MIT-CMU) and defusedxml (PSF); the class server, Starlette, Uvicorn and websockets (BSD)."
        ),
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
        back = pygame.Rect(0, 0, app.px(200), app.px(44))
        back.midbottom = (w // 2, h - app.px(24))
        self.add(Control(back, _("Back"), self.back))
        # The sections in a text box that scrolls: a small window in a long language (Russian at
        # 800x600) has more to say than room to say it, and drawn straight they ran under Back.
        x, top = self.left(), app.px(50) + app.fonts.title.get_linesize() + app.px(12)
        self.box = pygame.Rect(x, top, w - 2 * x, back.top - app.px(12) - top)
        self.text_box(credits_html(app.palette.accent), self.box)

    def page_key(self, amount: int) -> None:
        self.page_text(amount)  # (Page Up and Page Down read on, as the wheel does)

    def left(self) -> int:
        return min(self.app.px(80), self.app.size[0] // 12)

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        surface.blit(app.fonts.title.render(_("Credits"), True, p.text), (self.left(), app.px(50)))
        self.draw_controls(surface)


def credits_html(accent) -> str:
    """The credits, section by section, as a text box shows them (in the language in force), each
    heading in the look's `accent` colour."""
    return sections_html(CREDITS, accent)
