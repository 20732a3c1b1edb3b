"""Credits: the essay, the map data, the fonts, and how the game was made."""

from __future__ import annotations

from game.i18n import N_
from game.ui.scenes.base import SectionsPage, sections_html

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


class CreditsScene(SectionsPage):
    name = "credits"
    heading = N_("Credits")
    sections = CREDITS


def credits_html(accent) -> str:
    """The credits, section by section, as a text box shows them (in the language in force), each
    heading in the look's `accent` colour."""
    return sections_html(CREDITS, accent)
