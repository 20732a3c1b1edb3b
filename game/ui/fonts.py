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


class Fonts:
    """Fonts at one UI scale; made again when the scale changes."""

    def __init__(self, scale: float = 1.0):
        self.scale = scale
        size = lambda px: max(8, round(px * scale))  # noqa: E731
        self.tiny = pygame.font.Font(font_path(), size(12))
        self.small = pygame.font.Font(font_path(), size(14))
        self.body = pygame.font.Font(font_path(), size(16))
        self.bold = pygame.font.Font(font_path(True), size(16))
        self.heading = pygame.font.Font(font_path(True), size(20))
        self.title = pygame.font.Font(font_path(True), size(34))
        self.huge = pygame.font.Font(font_path(True), size(56))
