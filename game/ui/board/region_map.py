"""The board's map of the region: who leads in each state, the corridors, as of the turn's year;
over it, while a plan is being made, the forecast's changes of each state's shares and the goals
the plan would tick or untick."""

from __future__ import annotations

import pygame

from game.i18n import _
from game.ui.board.texts import FORECAST_CAVEAT, forecast_lines, map_ghosts
from game.ui.widgets import fit, panel, wrap


def draw_region_map(app, surface, rect, game, meters=None, turn: int | None = None) -> None:
    """The map in rect, as the game stands (or as `meters` have it: the resolution's moving values,
    in the year of the `turn` resolving)."""
    panel(surface, rect, app.palette)
    view = app.map_view
    if view:
        shown = min(game.state.turn if turn is None else turn, game.level.turns)  # (after the last: the last)
        view.draw(
            surface,
            rect.inflate(-app.px(8), -app.px(8)),
            game.state.meters if meters is None else meters,
            app.palette,
            app.fonts.tiny,
            year=game.level.map_year_at(shown),
            named_at=game.level.map_date_at(shown),
        )


def draw_map_forecast(app, surface, rect, game, forecast, plan: list[str]) -> pygame.Rect:
    """The forecast over the map: each state's moving shares in a tag under its name, and a strip
    at the map's foot with what the forecast is of and the goals it would tick or untick. Returns
    the strip's box."""
    p, font = app.palette, app.fonts.tiny
    view = app.map_view
    if view is not None:
        labels = dict(view.label_rects)
        for place, choices in map_ghosts(game, forecast).items():
            label = labels.get(place)
            if label is None:
                continue
            # Over the label's own row of shares, as a meter's figure is replaced by its ghost.
            row = pygame.Rect(
                label.x + 2, label.bottom - 4 - font.get_height() - 1, label.width - 4, font.get_height() + 2
            )
            pygame.draw.rect(surface, p.panel, row)
            words = next((w for w in choices if font.size(w)[0] <= row.width), choices[-1])
            img = font.render(fit(words, font, row.width), True, p.warning)
            surface.blit(img, img.get_rect(center=row.center))
    lines = forecast_lines(game, forecast, plan)
    pad, line_h = app.px(6), font.get_linesize()
    room = max(1, (rect.height // 2 - 2 * pad) // line_h)  # half the map at most
    width = rect.width - 2 * pad
    rows = forecast_rows(lines, font, width, room, p)
    strip = pygame.Rect(
        rect.x, rect.bottom - 2 * pad - len(rows) * line_h, rect.width, 2 * pad + len(rows) * line_h
    )
    shade = pygame.Surface(strip.size, pygame.SRCALPHA)
    shade.fill((*p.panel[:3], 235))
    surface.blit(shade, strip.topleft)
    pygame.draw.line(surface, p.warning, strip.topleft, strip.topright, 2)
    for i, (text, colour) in enumerate(rows):
        img = font.render(fit(text, font, width), True, colour)
        surface.blit(img, (strip.x + pad, strip.y + pad + i * line_h))
    return strip


def forecast_rows(lines: list[str], font, width: int, room: int, p) -> list[tuple[str, tuple[int, ...]]]:
    """The forecast's lines as the strip sets them, each row with its colour, at most `room` rows.
    Every line wraps (a goal's "now 5, then 7" at its end is what the line is for, and was cut
    off; the caveat's end, that the pillars' wear and the partnership's pull are counted, is what
    explains meters moving under a card that touches none). The caveat gives way first, then the
    last goals' rows."""
    caveat = _(FORECAST_CAVEAT)
    rows: list[tuple[str, tuple[int, ...]]] = []
    for line in lines:
        if line == caveat:
            continue
        colour = (
            p.good
            if line.startswith(_("Would meet"))
            else p.bad
            if line.startswith(_("Would lose"))
            else p.text
        )
        rows += [(part, colour) for part in wrap(line, font, width)]
    told = [(part, p.text_muted) for part in wrap(caveat, font, width)] if caveat in lines else []
    return rows[:room] if len(rows) + len(told) > room else rows + told
