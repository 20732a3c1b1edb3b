"""The game's type: Partners Sans (Noto Sans with everyday Chinese, see game.paths), at sizes scaled
for the UI scale setting, so that custom-drawn text matches the pygame_gui widgets."""

from __future__ import annotations

import pygame

from game.paths import ui_font_file


def font_path(bold: bool = False) -> str:
    return str(ui_font_file(bold))


def font_signature(font: pygame.font.Font) -> tuple[object, ...]:
    """What a font draws and measures with: its face, size and style. Two Font objects alike draw
    alike, so what one has drawn or measured serves the other (a new window loads its fonts again)."""
    return (
        font.name,
        font.style_name,
        font.point_size,
        font.get_height(),
        font.bold,
        font.italic,
        font.underline,
        font.strikethrough,
    )


# Every font opened in this process, by file (None: pygame's own), size and bold. A font keeps the
# letters it has drawn, and drawing one the first time costs fifty times drawing it again: a window
# made again (a new look, a language, the next test) reuses the fonts, and their letters, of the
# last. Nothing here changes a font after it is opened, but for the bold a font is opened with.
_OPEN: dict[tuple[str | None, int, bool], pygame.font.Font] = {}


def can_draw(font: pygame.font.Font) -> bool:
    """Whether a font can still draw: pygame refuses one opened before its font module was last
    stopped (pygame.quit())."""
    try:
        font.get_height()
    except pygame.error:
        return False
    return True


def shared_font(path: str | None, size: int, bold: bool = False) -> pygame.font.Font:
    """The font of file `path` (None: pygame's own) at `size`, set bold if asked, opened once.

    Fonts opened before pygame's font module was last stopped cannot draw: then every kept font
    is forgotten and opened again."""
    key = (path, size, bold)
    font = _OPEN.get(key)
    if font is not None:
        if can_draw(font):
            return font
        _OPEN.clear()
    font = pygame.font.Font(path, size)
    if bold:
        font.set_bold(True)
    _OPEN[key] = font
    return font


class Fonts:
    """Fonts at one UI scale; made again when the scale changes."""

    def __init__(self, scale: float = 1.0):
        self.scale = scale
        size = lambda px: max(8, round(px * scale))  # noqa: E731
        self.tiny = shared_font(font_path(), size(12))
        self.small = shared_font(font_path(), size(14))
        self.body = shared_font(font_path(), size(16))
        self.bold = shared_font(font_path(True), size(16))
        self.heading = shared_font(font_path(True), size(20))
        self.title = shared_font(font_path(True), size(34))
        self.huge = shared_font(font_path(True), size(56))
