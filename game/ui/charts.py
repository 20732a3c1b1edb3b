"""The charts the screens draw: the line chart and its PNG (from `game.charts`, which the
classroom's exports share) and the tooltips' sparklines, drawn here."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from game.charts.lines import (
    DASHES,
    MARKERS,
    ChartLayout,
    draw_dashed_polyline,
    draw_line_chart,
    draw_marker,
    series_style,
)
from game.charts.png import save_chart_png

__all__ = [
    "DASHES",
    "MARKERS",
    "ChartLayout",
    "draw_dashed_polyline",
    "draw_line_chart",
    "draw_marker",
    "save_chart_png",
    "series_style",
    "sparkline",
]


def sparkline(surface: pygame.Surface, rect: pygame.Rect, values: Sequence[float], colour) -> None:
    """A tiny line of recent values scaled to their own range, with a dot on the latest."""
    rect = pygame.Rect(rect)
    vals = [v for v in values if v is not None and not math.isnan(v)]
    if not vals or rect.width < 3 or rect.height < 3:
        return
    inner = rect.inflate(-4, -4)
    lo, hi = min(vals), max(vals)
    span = hi - lo

    def y_of(v: float) -> float:
        return inner.centery if span == 0 else inner.bottom - (v - lo) / span * inner.height

    pts: list[tuple[float, float]]
    if len(vals) == 1:
        pts = [(inner.right, y_of(vals[0]))]
    else:
        pts = [(inner.left + i / (len(vals) - 1) * inner.width, y_of(v)) for i, v in enumerate(vals)]
    prev_clip = surface.get_clip()
    surface.set_clip(rect.clip(prev_clip))
    if len(pts) >= 2:
        pygame.draw.aalines(surface, colour, False, pts)
        pygame.draw.lines(surface, colour, False, pts, 1)
    pygame.draw.circle(surface, colour, (round(pts[-1][0]), round(pts[-1][1])), 2)
    surface.set_clip(prev_clip)
