"""pygame_gui's fonts opened once a process.

Each pygame_gui manager (one a look: a new language, UI scale or palette, or a new window) opens
its fonts afresh, and a fresh font draws each letter the first time at about fifty times the cost
of drawing it again: the first text boxes of every new look were laid out with cold fonts. The
same file at the same size and style opens the same font, so a font opened once serves every
manager after it (game.ui.fonts does the same for the game's own fonts).

pygame_gui sets a font's underline before each run it draws, and nothing else changes a font once
it is open, so sharing one changes nothing a manager draws.
"""

from __future__ import annotations

import pygame
from pygame_gui.core.gui_font_pygame import GUIFontPygame
from pygame_gui.core.package_resource import PackageResource
from pygame_gui.core.utility import FontResource

from game.ui.fonts import can_draw

_load_afresh = FontResource.load

# Fonts opened, by where the file is, size and style.
_opened: dict[tuple[object, ...], GUIFontPygame] = {}


def _key(resource: FontResource) -> tuple[object, ...] | None:
    """What makes two font resources open the same font; None for one not kept (a font given as
    bytes, or one pygame_gui opens with freetype)."""
    where = resource.location
    if resource.font_type_to_use != "pygame":
        return None
    if isinstance(where, PackageResource):
        place: object = ("package", where.package, where.resource)
    elif isinstance(where, str):
        place = where
    else:
        return None
    style = tuple(sorted((str(k), str(v)) for k, v in resource.style.items()))
    return (place, resource.size, resource.force_style, style)


def _alive(font: GUIFontPygame) -> bool:
    """Whether the font can still draw (see game.ui.fonts.can_draw)."""
    drawn: pygame.font.Font = font._GUIFontPygame__internal_font  # type: ignore[attr-defined]  # (pygame_gui keeps it private)
    return can_draw(drawn)


def _load_once(resource: FontResource):
    """FontResource.load, which opens the font from its file, but an open font is reused."""
    key = _key(resource)
    if key is not None:
        font = _opened.get(key)
        if font is not None and _alive(font):
            resource.loaded_font = font
            return None
    error = _load_afresh(resource)
    if key is not None and error is None and isinstance(resource.loaded_font, GUIFontPygame):
        _opened[key] = resource.loaded_font
    return error


def reuse_opened_fonts() -> None:
    """Make every pygame_gui manager reuse the fonts opened before it (once is enough)."""
    FontResource.load = _load_once  # type: ignore[method-assign]
