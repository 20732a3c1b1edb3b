"""The line chart of meters over turns: one line per series, over shaded bands, with a legend.

It draws what it is given. Each series has its own colour *and* its own marker shape and dash
pattern, so the chart still reads in greyscale or for a colour-blind player.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.palette import Palette, blend

Point = tuple[float, float]

# Marker shapes and dash patterns, taken in turn by the series; (on, off) lengths in pixels,
# None for a solid line.
# Ten of each: the class's meters chart draws ten series (two of them had taken the partnership's
# and its ceiling's style again when there were eight).
MARKERS = (
    "circle",
    "square",
    "triangle",
    "diamond",
    "cross",
    "triangle_down",
    "plus",
    "ring",
    "hexagon",
    "star",
)
DASHES: tuple[tuple[int, int] | None, ...] = (
    None,
    (12, 6),
    (4, 5),
    (14, 4),
    None,
    (8, 4),
    (4, 5),
    (12, 6),
    (2, 4),
    (6, 3),
)


@dataclass(frozen=True)
class ChartLayout:
    """Where draw_line_chart put the plot area and the legend (screen rects), e.g. for hover."""

    plot: pygame.Rect
    legend: pygame.Rect | None


def series_style(index: int, palette: Palette) -> tuple[tuple[int, int, int], str, tuple[int, int] | None]:
    """Colour, marker and dash of the index-th series."""
    return (
        palette.series[index % len(palette.series)],
        MARKERS[index % len(MARKERS)],
        DASHES[index % len(DASHES)],
    )


def draw_dashed_polyline(
    surface: pygame.Surface,
    colour,
    points: Sequence[Point],
    width: int = 1,
    dash: tuple[int, int] | None = (8, 5),
) -> None:
    """A polyline, dashed along its whole length (the dash carries on round corners)."""
    if len(points) < 2:
        return
    if dash is None:
        pygame.draw.lines(surface, colour, False, points, width)
        return
    on, off = dash
    period = on + off
    travelled = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = math.hypot(x1 - x0, y1 - y0)
        if length == 0:
            continue
        pos = 0.0
        while pos < length:
            phase = (travelled + pos) % period
            if phase < on:
                step = min(on - phase, length - pos)
                a, b = pos / length, (pos + step) / length
                pygame.draw.line(
                    surface,
                    colour,
                    (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                    (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b),
                    width,
                )
            else:
                step = min(period - phase, length - pos)
            pos += step
        travelled += length


def draw_marker(
    surface: pygame.Surface, colour, centre: Point, shape: str, size: int = 4, outline=None
) -> None:
    """A chart marker: circle, square, triangle, triangle_down, diamond, cross, plus, ring, hexagon
    or star."""
    x, y = centre
    s = size
    if shape in ("hexagon", "star"):
        # Points round the centre: six at one radius, or ten at two (a five-pointed star).
        count, radii = (6, (s + 1,)) if shape == "hexagon" else (10, (s + 2, (s + 2) * 0.45))
        pts = [
            (
                x + radii[i % len(radii)] * math.sin(2 * math.pi * i / count),
                y - radii[i % len(radii)] * math.cos(2 * math.pi * i / count),
            )
            for i in range(count)
        ]
        pygame.draw.polygon(surface, colour, pts)
        if outline is not None:
            pygame.draw.polygon(surface, outline, pts, 1)
        return
    if shape in ("cross", "plus"):
        width = max(2, s // 2)
        if shape == "cross":
            pygame.draw.line(surface, colour, (x - s, y - s), (x + s, y + s), width)
            pygame.draw.line(surface, colour, (x - s, y + s), (x + s, y - s), width)
        else:
            pygame.draw.line(surface, colour, (x - s - 1, y), (x + s + 1, y), width)
            pygame.draw.line(surface, colour, (x, y - s - 1), (x, y + s + 1), width)
        return
    shapes = {
        "square": [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)],
        "triangle": [(x, y - s - 1), (x + s + 1, y + s), (x - s - 1, y + s)],
        "triangle_down": [(x, y + s + 1), (x + s + 1, y - s), (x - s - 1, y - s)],
        "diamond": [(x, y - s - 1), (x + s + 1, y), (x, y + s + 1), (x - s - 1, y)],
    }
    if shape in shapes:
        pts = shapes[shape]
        pygame.draw.polygon(surface, colour, pts)
        if outline is not None:
            pygame.draw.polygon(surface, outline, pts, 1)
    elif shape == "ring":
        pygame.draw.circle(surface, colour, (x, y), s + 1, max(2, s // 2))
    else:
        pygame.draw.circle(surface, colour, (x, y), s)
        if outline is not None:
            pygame.draw.circle(surface, outline, (x, y), s, 1)


def _nice_step(span: float, max_ticks: int) -> float:
    raw = span / max(1, max_ticks)
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 2.5, 5, 10):
        if m * mag >= raw:
            return m * mag
    return 10 * mag


def _fmt(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 1e-6 else f"{v:.1f}"


_SAMPLE = 36  # length of the line sample in the legend


def _legend_entry_width(font: pygame.font.Font, name: str) -> int:
    return _SAMPLE + 8 + font.size(name)[0]


def draw_line_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    series: dict[str, list[float]],
    palette: Palette,
    font: pygame.font.Font,
    title: str,
    y_range: tuple[float, float] = (0, 100),
    x_labels: list[str] | None = None,
    bands: list[tuple[float, float, str]] | None = None,
) -> ChartLayout | None:
    """Draw a line chart filling rect: title, y ticks and gridlines, optional shaded bands,
    one line per series (colour, marker and dash of its own) and a legend beside or under the plot.

    x positions are the list indices (turns); x_labels name them ("1", "2", ... if not given).
    Values outside y_range are drawn at its edge. Only pixels inside rect change. Returns where
    the plot and legend went (None if rect is too small to draw in).
    """
    rect = pygame.Rect(rect)
    if rect.width < 40 or rect.height < 40:
        return None
    prev_clip = surface.get_clip()
    surface.set_clip(rect.clip(prev_clip))
    try:
        return _draw_line_chart(surface, rect, series, palette, font, title, y_range, x_labels, bands)
    finally:
        surface.set_clip(prev_clip)


def _draw_line_chart(surface, rect, series, palette, font, title, y_range, x_labels, bands):
    lo, hi = float(y_range[0]), float(y_range[1])
    if hi <= lo:
        hi = lo + 1.0
    line_h = font.get_linesize()
    pad = max(8, line_h // 2)

    pygame.draw.rect(surface, palette.panel, rect)
    pygame.draw.rect(surface, palette.panel_border, rect, 1)

    # Title, behind a short accent bar.
    title_img = font.render(title, True, palette.text)
    pygame.draw.rect(surface, palette.accent, (rect.x + pad, rect.y + pad, 4, title_img.get_height()))
    surface.blit(title_img, (rect.x + pad + 10, rect.y + pad))
    top = rect.y + pad + title_img.get_height() + pad

    names = list(series)
    n_points = max((len(v) for v in series.values()), default=0)

    # Legend: a column to the right when there is room, else rows under the plot.
    legend_w = max((_legend_entry_width(font, name) for name in names), default=0)
    legend_right = bool(names) and legend_w + 2 * pad <= rect.width * 0.3
    legend_rows: list[list[str]] = []
    if names and not legend_right:
        row: list[str] = []
        row_w = 0
        avail = rect.width - 2 * pad
        for name in names:
            w = _legend_entry_width(font, name) + pad
            if row and row_w + w > avail:
                legend_rows.append(row)
                row, row_w = [], 0
            row.append(name)
            row_w += w
        legend_rows.append(row)

    # Band names get a column of their own right of the plot, where no line can cross them.
    band_w = max((font.size(label)[0] for _, _, label in bands or ()), default=0)
    band_col = band_w + 8 if band_w else 0
    tick_w = max(font.size(_fmt(v))[0] for v in (lo, hi, (lo + hi) / 2))
    plot_left = rect.x + pad + tick_w + 6
    plot_right = rect.right - pad - band_col - (legend_w + pad if legend_right else 0)
    legend_h = len(legend_rows) * (line_h + 4) + (pad // 2 if legend_rows else 0)
    plot_bottom = rect.bottom - pad - line_h - 4 - legend_h
    plot = pygame.Rect(plot_left, top, max(1, plot_right - plot_left), max(1, plot_bottom - top))

    def y_of(v: float) -> float:
        v = min(hi, max(lo, v))
        return plot.bottom - (v - lo) / (hi - lo) * plot.height

    def x_of(i: int) -> float:
        if n_points <= 1:
            return plot.centerx
        return plot.left + i / (n_points - 1) * plot.width

    # Bands, shaded in turn, named in their own column with a bracket showing their extent.
    for k, (b_lo, b_hi, label) in enumerate(bands or ()):
        y0, y1 = round(y_of(b_hi)), round(y_of(b_lo))
        band = pygame.Rect(plot.left, y0, plot.width + band_col, max(1, y1 - y0))
        shade = blend(palette.panel, palette.text, 0.09 if k % 2 == 0 else 0.035)
        pygame.draw.rect(surface, shade, band)
        img = font.render(label, True, palette.text_muted)
        if img.get_height() <= band.height:
            surface.blit(img, (plot.right + 8, band.centery - img.get_height() // 2))

    # Gridlines and y ticks.
    step = _nice_step(hi - lo, max(2, min(10, plot.height // (line_h * 2))))
    grid = blend(palette.panel, palette.text_muted, 0.25)
    v = math.ceil(lo / step) * step
    while v <= hi + 1e-9:
        y = round(y_of(v))
        pygame.draw.line(surface, grid, (plot.left, y), (plot.right, y), 1)
        img = font.render(_fmt(v), True, palette.text_muted)
        surface.blit(img, (plot.left - 6 - img.get_width(), y - img.get_height() // 2))
        v += step

    # x ticks, thinned so their labels never touch.
    labels = [x_labels[i] if x_labels and i < len(x_labels) else str(i + 1) for i in range(n_points)]
    if n_points:
        widest = max(font.size(s)[0] for s in labels) + 10
        every = 1
        while n_points > 1 and (plot.width / max(1, (n_points - 1))) * every < widest:
            every += 1
        for i in range(0, n_points, every):
            x = round(x_of(i))
            pygame.draw.line(surface, palette.text_muted, (x, plot.bottom), (x, plot.bottom + 4), 1)
            img = font.render(labels[i], True, palette.text_muted)
            lx = min(max(x - img.get_width() // 2, rect.x + 2), rect.right - 2 - img.get_width())
            surface.blit(img, (lx, plot.bottom + 5))

    # Axes.
    pygame.draw.line(surface, palette.text_muted, plot.bottomleft, plot.bottomright, 1)
    pygame.draw.line(surface, palette.text_muted, plot.topleft, plot.bottomleft, 1)

    if n_points == 0:
        img = font.render("No data yet", True, palette.text_muted)
        surface.blit(img, img.get_rect(center=plot.center))

    # Series: dark casing under each line keeps crossings readable.
    marker_every = max(1, math.ceil(n_points / 30))
    line_w = 3 if plot.height >= 200 else 2
    prev_clip = surface.get_clip()
    surface.set_clip(plot.inflate(12, 12).clip(prev_clip))
    for idx, name in enumerate(names):
        colour, marker, dash = series_style(idx, palette)
        values = series[name]
        pts = [(x_of(i), y_of(v)) for i, v in enumerate(values) if v is not None and not math.isnan(v)]
        if len(pts) >= 2:
            if dash is None:
                pygame.draw.lines(surface, palette.panel, False, pts, line_w + 2)
            draw_dashed_polyline(surface, colour, pts, line_w, dash)
        # Markers at every point when few, else every few points and always at the last.
        for i, p in enumerate(pts):
            if i % marker_every == 0 or i == len(pts) - 1:
                draw_marker(surface, colour, p, marker, 5 if n_points <= 40 else 4, outline=palette.panel)
    surface.set_clip(prev_clip)

    # Legend.
    def legend_entry(x: int, y: int, idx: int, name: str) -> None:
        colour, marker, dash = series_style(idx, palette)
        cy = y + line_h // 2
        draw_dashed_polyline(surface, colour, [(x, cy), (x + _SAMPLE, cy)], line_w, dash)
        draw_marker(surface, colour, (x + _SAMPLE // 2, cy), marker, 5, outline=palette.panel)
        surface.blit(font.render(name, True, palette.text), (x + _SAMPLE + 8, y))

    legend = None
    if legend_right:
        x = plot.right + band_col + pad
        for idx, name in enumerate(names):
            legend_entry(x, plot.top + idx * (line_h + 6), idx, name)
        legend = pygame.Rect(x, plot.top, legend_w, len(names) * (line_h + 6) - 6)
    elif legend_rows:
        y0 = y = plot.bottom + line_h + 4 + pad // 2
        idx = 0
        widest = 0
        for row in legend_rows:
            x = rect.x + pad
            for name in row:
                legend_entry(x, y, idx, name)
                x += _legend_entry_width(font, name) + pad
                idx += 1
            widest = max(widest, x - pad - (rect.x + pad))
            y += line_h + 4
        legend = pygame.Rect(rect.x + pad, y0, widest, y - 4 - y0)
    return ChartLayout(plot=plot, legend=legend)
