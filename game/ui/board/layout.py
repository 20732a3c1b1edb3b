"""Where each part of the board goes: the window's size and the UI scale in, named boxes out.

Three columns under the top bar: the meters; the map over the news (with its two tabs) over the
line of why the plan was chosen; the action cards over the plan's tray. Plain numbers only (no pygame, no fonts), so the layout is
tested at any size without a display. What text decides is passed in: the top bar's, the tabs'
and the reason field's heights, and the tray's height for the width it gets (its plan wraps).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from game.ui.map_geometry import Box


@dataclass(frozen=True)
class BoardLayout:
    """The board's parts, each a box in window pixels."""

    top_bar: Box
    meters: Box
    map: Box
    tabs: Box  # the row of the news box's tabs (News, Agenda)
    news: Box
    reason: Box  # the team's one line of why this plan, beside the tray (ends where it ends)
    cards: Box
    tray: Box  # the plan in words, over the Menu, Clear and Lock buttons

    def named(self) -> dict[str, Box]:
        """Every part by its name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


MAP_SHARE = 0.36  # of the window's width: the map's column, and the news tabs' under it


def board_layout(
    size: tuple[int, int],
    scale: float,
    *,
    bar_h: int,
    tab_h: int,
    tray_height: Callable[[int], int],
    reason_h: int,
    projector: bool = False,
) -> BoardLayout:
    """The board's boxes for a window of `size` at UI `scale`; `tray_height` gives the tray's
    height for a width. In projector mode the news gets more room, so that a room can read it."""
    w, h = size

    def px(value: float) -> int:
        return round(value * scale)

    pad = px(12)
    top = bar_h + pad
    body_h = h - top - pad
    meters = Box(pad, top, int(w * 0.27), body_h)
    mx = meters.right + pad
    map_w = int(w * MAP_SHARE)
    map_ = Box(mx, top, map_w, int(body_h * (0.44 if projector else 0.58)))
    tabs = Box(mx, map_.bottom + pad, map_w, tab_h)
    news_top = tabs.bottom + px(4)
    reason = Box(mx, top + body_h - reason_h, map_w, reason_h)
    news = Box(mx, news_top, map_w, reason.y - px(6) - news_top)
    cx = map_.right + pad
    cards_w = w - cx - pad
    tray_h = tray_height(cards_w)
    tray = Box(cx, h - pad - tray_h, cards_w, tray_h)
    cards = Box(cx, top, cards_w, tray.y - pad - top)
    return BoardLayout(Box(0, 0, w, bar_h), meters, map_, tabs, news, reason, cards, tray)
