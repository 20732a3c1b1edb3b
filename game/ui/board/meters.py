"""The board's meters column: the partnership's gauge (its bands, its ceiling, where it stands),
then the meters the side can see, in groups, each a bar that answers "why?" when pointed at."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.core.meters import LIMITS, PILLARS, band_spans
from game.i18n import _
from game.speech.words import gauge_band_name, meter_label
from game.ui.board.texts import (
    gauge_titles,
    ghost_figure,
    group_titles,
    meter_figure,
    meter_row_label,
    meter_row_labels,
    meter_why,
)
from game.ui.widgets import Control, Tooltip, bar, first_fitting, fit, panel, wrap

# The gauge names the bands under it, in the short names that fit there (translated where drawn).
BANDS = band_spans(short=True)
FIGURE_W = 40  # the room of a row's figure, at scale 1


def top_of(meter: str) -> float:
    """The top of a meter's bar."""
    return 30 if meter.endswith(".capital") else 100


class MetersPanel:
    def __init__(self, app, model, why_opened: Callable[[], None]):
        """`why_opened` is told whenever a meter's "why?" is shown (the tutorial waits for it)."""
        self.app, self.model = app, model
        self.why_opened = why_opened
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.rows: list[tuple[pygame.Rect, str, float | None]] = []  # (rect, meter, marker)
        # The values drawn when not the game's now (the resolution moving through a turn), and the
        # meters to mark as moving.
        self.values: dict[str, float] | None = None
        self.moving: frozenset[str] = frozenset()
        self.widest_label = 0  # the widest of the rows' names, measured when they are laid out
        self.band_names = True  # whether the bands are named under the gauge (room allowing)

    def tooltip(self, meter: str):
        def tip():
            game = self.model.game
            title, lines = meter_why(game, meter, self.app.settings.show_sources)
            self.why_opened()
            return Tooltip(title, lines, game.history_of(meter))

        return tip

    def build(self, rect: pygame.Rect) -> list[Control]:
        """Lay the gauge and the rows out in `rect`; returns their controls (the gauge first)."""
        app = self.app
        self.rect = r = rect
        pad = app.px(10)
        x, width = r.x + pad, r.width - 2 * pad
        groups = self.model.meter_groups()
        title_h = app.fonts.bold.get_linesize() + app.px(2)
        # Two lines at most: the band gives way before the ceiling does (the bands are drawn
        # under the gauge anyway).
        for title in gauge_titles(self.model.game):
            self.gauge_lines = wrap(title, app.fonts.bold, width)
            if len(self.gauge_lines) <= 2:
                break
        self.gauge_lines = self.gauge_lines[:2]
        band_names_h = app.fonts.tiny.get_linesize() + app.px(2)
        gauge_h = len(self.gauge_lines) * title_h + app.px(32) + band_names_h
        count = sum(len(g[1]) for g in groups)
        room = r.height - 2 * pad - len(groups) * title_h
        # Where even the smallest rows do not fit (800x600 with the trade routes' group), the
        # gauge's band names give way: its title names the band the partnership is in.
        self.band_names = (room - gauge_h) // count >= app.px(15)
        if not self.band_names:
            gauge_h -= band_names_h
        row = max(app.px(15), min(app.px(26), (room - gauge_h) // count))
        self.titles: list[tuple[str, int]] = []
        self.rows = []
        y = r.y + pad
        self.gauge_title_y = y
        self.gauge_rect = pygame.Rect(x, y + len(self.gauge_lines) * title_h + app.px(6), width, app.px(22))
        controls = [
            Control(
                self.gauge_rect.inflate(0, app.px(8)),
                _("Partnership"),
                None,
                kind="meter",
                tooltip=self.tooltip("partnership"),
            )
        ]
        y += gauge_h
        for title, meters in groups:
            self.titles.append((title, y))
            y += title_h
            for meter, marker in meters:
                rect = pygame.Rect(x, y, width, row - app.px(3))
                self.rows.append((rect, meter, marker))
                controls.append(
                    Control(rect, meter_label(meter), None, kind="meter", tooltip=self.tooltip(meter))
                )
                y += row
        # Measured once here rather than on every row of every frame: the rows' names change
        # only with a new layout (a new font, scale or language rebuilds the panel).
        font = app.fonts.small
        self.widest_label = max((font.size(meter_row_label(row[1]))[0] for row in self.rows), default=0)
        return controls

    def rows_of(self, meters) -> list[pygame.Rect]:
        """The rows of these meters, in the column's order."""
        return [rect for rect, meter, _ in self.rows if meter in meters]

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        game = self.model.game
        m = game.state.meters if self.values is None else self.values
        panel(surface, self.rect, p)
        if self.values is not None:  # the title follows the values shown, in the lines laid out
            lines = len(self.gauge_lines)
            for title in gauge_titles(game, m):
                self.gauge_lines = wrap(title, app.fonts.bold, self.gauge_rect.width)
                if len(self.gauge_lines) <= lines:
                    break
            self.gauge_lines = self.gauge_lines[:lines]
        self.draw_gauge(surface, m["partnership"], m["partnership_ceiling"])
        g = self.gauge_rect
        for title, y in self.titles:
            title = first_fitting(group_titles(title), app.fonts.bold, g.width)
            surface.blit(app.fonts.bold.render(fit(title, app.fonts.bold, g.width), True, p.text), (g.x, y))
        font = app.fonts.small
        for rect, meter, marker in self.rows:
            label_w = self.label_width(rect.width)
            if meter in self.moving:  # a band behind the row
                pygame.draw.rect(surface, p.panel_border, rect.inflate(app.px(6), 0), border_radius=4)
            surface.blit(
                font.render(fit(self.row_label(meter, label_w), font, label_w - 4), True, p.text),
                (rect.x, rect.centery - font.get_height() // 2),
            )
            v = m[meter]
            bar(surface, self.bar_rect(rect), v, p, self.colour(meter), 0, top_of(meter), marker)
            num = font.render(meter_figure(game, meter, v), True, p.text)
            surface.blit(num, num.get_rect(midright=(rect.right, rect.centery)))

    def bar_rect(self, row: pygame.Rect) -> pygame.Rect:
        """Where a row's bar goes: between its name and its figure."""
        app = self.app
        label_w = self.label_width(row.width)
        bar_h = max(6, min(app.px(12), row.height - app.px(6)))
        return pygame.Rect(
            row.x + label_w, row.centery - bar_h // 2, row.width - label_w - app.px(FIGURE_W), bar_h
        )

    def colour(self, meter: str):
        p = self.app.palette
        return p.bad if meter in LIMITS or meter == "distrust" else p.good if meter in PILLARS else p.accent

    def draw_ghosts(self, surface, forecast) -> None:
        """The forecast over the column: on each row it would move, the stretch of the bar it
        would gain (its colour, faint) or lose (struck through), a tick where it would end, and
        the figure it would end at; on the gauge, the ceiling and the partnership it would give."""
        app, p = self.app, self.app.palette
        game, m, ghost = self.model.game, self.model.game.state.meters, forecast.meters
        font = app.fonts.small
        for rect, meter, _marker in self.rows:
            now, then = m[meter], ghost.get(meter, m[meter])
            if abs(then - now) < 0.005:
                continue
            b = self.bar_rect(rect)
            hi = top_of(meter)
            x_now = b.x + int(b.width * max(0.0, min(1.0, now / hi)))
            x_then = b.x + int(b.width * max(0.0, min(1.0, then / hi)))
            stretch = pygame.Rect(min(x_now, x_then), b.y, max(2, abs(x_then - x_now)), b.height)
            shade = pygame.Surface(stretch.size, pygame.SRCALPHA)
            shade.fill((*self.colour(meter)[:3], 110) if then > now else (*p.background[:3], 200))
            surface.blit(shade, stretch.topleft)
            if then < now:
                pygame.draw.line(surface, p.text_muted, stretch.midleft, stretch.midright, 1)
            pygame.draw.line(surface, p.text, (x_then, b.y - 3), (x_then, b.bottom + 2), 2)
            figure = font.render(ghost_figure(game, meter, then), True, p.warning)
            pygame.draw.rect(surface, p.panel, (b.right + 1, rect.y, rect.right - b.right, rect.height))
            surface.blit(figure, figure.get_rect(midright=(rect.right, rect.centery)))
        g = self.gauge_rect
        for meter in ("partnership_ceiling", "partnership"):
            now, then = m[meter], ghost.get(meter, m[meter])
            if abs(then - now) < 0.005:
                continue
            x = g.x + int(g.width * max(0.0, min(100.0, then)) / 100)
            if meter == "partnership":
                pygame.draw.polygon(surface, p.warning, [(x, g.y - 1), (x - 6, g.y - 9), (x + 6, g.y - 9)], 2)
            else:
                pygame.draw.line(surface, p.text, (x, g.y - 6), (x, g.bottom + 6), 2)
                pygame.draw.circle(surface, p.text, (x, g.y - 6), 3)

    def row_label(self, meter: str, label_w: int) -> str:
        """The longest of a meter's names that fits the room of the rows' names."""
        return first_fitting(meter_row_labels(meter), self.app.fonts.small, label_w - 4)

    def label_width(self, row_width: int) -> int:
        """The room of the rows' names: 46% of a row, more (up to 60%, the bars giving way) when
        a name would be cut at this scale."""
        widest = self.widest_label + 6
        return min(int(row_width * 0.60), max(int(row_width * 0.46), widest))

    def band_tags(self, value: float) -> list[tuple[str, bool, pygame.Rect]]:
        """(name, whether the partnership is in it, where it goes) of each band named under the
        gauge. The band the partnership is in is always named, if need be wider than its segment
        ("pragmatic" went unsaid while the partnership was pragmatic, at a narrow gauge); another
        band is named where its name fits and does not crowd that one."""
        app, g = self.app, self.gauge_rect
        font = app.fonts.tiny
        placed = []
        for lo, hi, name in BANDS:
            seg = pygame.Rect(g.x + int(g.width * lo) // 100, g.y, int(g.width * (hi - lo)) // 100, g.height)
            said = gauge_band_name(name)
            w, h = font.size(said)
            at = pygame.Rect(0, 0, w, h)
            at.midtop = (seg.centerx, g.bottom + 2)
            at.x = max(g.x, min(at.x, g.right - w))
            here = lo <= value < hi or (hi >= 100 and value >= hi)
            placed.append((said, here, w < seg.width - 2, at))
        current = [at.inflate(app.px(6), 0) for _said, here, _fits, at in placed if here]
        return [
            (said, here, at)
            for said, here, fits, at in placed
            if here or (fits and not any(at.colliderect(c) for c in current))
        ]

    def draw_gauge(self, surface, value: float, ceiling: float) -> None:
        """The partnership's title, its bands named under it, where it stands and the ceiling the
        limits set (dashed)."""
        app, p = self.app, self.app.palette
        g = self.gauge_rect
        for i, line in enumerate(self.gauge_lines):
            surface.blit(
                app.fonts.bold.render(fit(line, app.fonts.bold, g.width), True, p.text),
                (g.x, self.gauge_title_y + i * (app.fonts.bold.get_linesize() + app.px(2))),
            )
        for k, (lo, hi, _name) in enumerate(BANDS):
            seg = pygame.Rect(g.x + int(g.width * lo) // 100, g.y, int(g.width * (hi - lo)) // 100, g.height)
            pygame.draw.rect(surface, p.panel_border if k % 2 == 0 else p.background, seg)
        for said, here, at in self.band_tags(value) if self.band_names else ():
            surface.blit(app.fonts.tiny.render(said, True, p.text if here else p.text_muted), at)
        pygame.draw.rect(
            surface, p.accent, (g.x, g.y + g.height // 4, int(g.width * value / 100), g.height // 2)
        )
        cx = g.x + int(g.width * ceiling / 100)
        for yy in range(g.y - 4, g.bottom + 4, 6):  # dashed: the ceiling the limits set
            pygame.draw.line(surface, p.warning, (cx, yy), (cx, min(yy + 3, g.bottom + 4)), 2)
        vx = g.x + int(g.width * value / 100)
        pygame.draw.polygon(surface, p.text, [(vx, g.y - 1), (vx - 6, g.y - 9), (vx + 6, g.y - 9)])
        pygame.draw.rect(surface, p.panel_border, g, width=1)
