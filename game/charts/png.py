"""A line chart saved as a PNG file, drawn off screen (no window needed)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

import pygame

from game.charts.lines import draw_line_chart
from game.palette import STANDARD, Palette
from game.paths import ui_font_file


def chart_font(height: int) -> pygame.font.Font:
    """The font of a saved chart `height` pixels high: the game's own, which draws a group's name
    in Chinese as in Russian; pygame's own (no Chinese) should the game's be missing."""
    if not pygame.font.get_init():
        pygame.font.init()
    size = max(16, round(height / 28))
    path = ui_font_file()
    if path is None or not path.is_file():
        return pygame.font.Font(None, size)
    # The game's letters are larger than pygame's own at one size: this keeps a chart's lines as
    # many as before.
    return pygame.font.Font(str(path), round(size * 0.7))


def save_chart_png(
    path: str | Path,
    series: dict[str, list[float]],
    title: str,
    size: tuple[int, int] = (1200, 700),
    palette: Palette = STANDARD,
    **kw,
) -> Path:
    """Render a chart off screen and write it as a PNG to path (that file only; its folder must
    exist). Extra keywords go to draw_line_chart (y_range, x_labels, bands). Returns the path."""
    path = Path(path)
    font = chart_font(size[1])
    image = pygame.Surface(size)
    image.fill(palette.background)
    margin = max(8, min(size) // 40)
    draw_line_chart(
        image, image.get_rect().inflate(-2 * margin, -2 * margin), series, palette, font, title, **kw
    )
    # Written whole and put in place (os.replace swaps a link in the folder for the file, never
    # writing through it to where it leads: an export folder may come from elsewhere).
    from game.session.atomic import write_atomic

    out = io.BytesIO()
    write_png(image, out)
    write_atomic(path, out.getvalue(), shared=True)
    return path


def write_png(image: pygame.Surface, out: BinaryIO) -> None:
    """Write `image` to the open file `out` as a PNG."""
    # The name hint makes it a PNG whatever the file is called.
    pygame.image.save(image, out, "chart.png")
