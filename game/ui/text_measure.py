"""Text sizes remembered for pygame_gui's layout.

pygame_gui learns how wide a run of text is by drawing it (`GUIFontPygame.get_rect`), and lays
the same words out again and again: a text box on every rebuild, the resolution's story at each
step of every turn. The same text in the same font and style always has the same size, so what is
measured is kept, and a layout measures only what is new: by asking the font, not by drawing the
text, for the faces whose two answers agree (MEASURED_BY_SIZE). Laid out, the text is the same,
pixel for pixel. It is kept by what the font draws with (face, size, style), not by the font
object: a new look or a new window loads its fonts again, and finds its sizes already known.
"""

from __future__ import annotations

import pygame
from pygame_gui.core.gui_font_pygame import GUIFontPygame

# Texts a font keeps; past this it starts afresh, so that a long session cannot grow it for ever.
MAX_REMEMBERED = 4096

_draw_to_measure = GUIFontPygame.get_rect

# Faces whose size, asked of the font, is the size of the text drawn, to the pixel, in every
# language, size and style the game uses: the game's own, and pygame_gui's Noto Sans, which sets
# its italics (tests/test_ui_scenes.py checks it on the game's own text). pygame's default face is
# not among them: asked, it gives a line a pixel shorter than it draws.
MEASURED_BY_SIZE = frozenset({"Partners Sans", "Noto Sans"})


def _measure(font: GUIFontPygame, text: str) -> pygame.Rect:
    """The rectangle pygame_gui's get_rect gives: it draws the text to learn its size, which costs
    several times what asking the font costs; for the faces the game's text boxes use the two
    agree, and the font is asked."""
    drawn: pygame.font.Font = font._GUIFontPygame__internal_font  # type: ignore[attr-defined]  # (pygame_gui keeps it private)
    if text and drawn.name in MEASURED_BY_SIZE:
        return pygame.Rect((0, drawn.get_ascent()), drawn.size(text))
    return _draw_to_measure(font, text)


# What each font (by its signature) has measured.
_by_font: dict[tuple[object, ...], dict[tuple[str, bool], pygame.Rect]] = {}


def _signature(font: GUIFontPygame) -> tuple[object, ...]:
    """What a pygame_gui font draws with: two fonts alike measure alike."""
    drawn: pygame.font.Font = font._GUIFontPygame__internal_font  # type: ignore[attr-defined]  # (pygame_gui keeps it private)
    return (
        drawn.name,
        drawn.style_name,
        drawn.point_size,
        drawn.bold,
        drawn.italic,
        font.antialiased,
        font.direction,
    )


def forget() -> None:
    """Forget every size measured (for a test that watches text being measured)."""
    for sizes in _by_font.values():
        sizes.clear()  # (in place: the fonts loaded hold them)


def _remembered_rect(font: GUIFontPygame, text: str) -> pygame.Rect:
    sizes: dict[tuple[str, bool], pygame.Rect] | None = font.__dict__.get("_remembered_sizes")
    if sizes is None:
        sizes = font.__dict__["_remembered_sizes"] = _by_font.setdefault(_signature(font), {})
    key = (text, font.underline)  # (an underlined run is drawn, and measured, as such)
    rect = sizes.get(key)
    if rect is None:
        if len(sizes) >= MAX_REMEMBERED:
            sizes.clear()
        rect = sizes[key] = _measure(font, text)
    return pygame.Rect(rect)  # a copy: pygame_gui moves the rects it is given


def remember_measurements() -> None:
    """Make every pygame_gui font remember the sizes it measures (once is enough; again is harmless)."""
    GUIFontPygame.get_rect = _remembered_rect  # type: ignore[method-assign, assignment]  # (its signature, as a function)
