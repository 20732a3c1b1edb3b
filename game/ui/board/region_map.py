"""The board's map of the region: who leads in each state, the corridors, as of the turn's year."""

from __future__ import annotations

from game.ui.widgets import panel


def draw_region_map(app, surface, rect, game) -> None:
    panel(surface, rect, app.palette)
    view = app.map_view
    if view:
        view.draw(
            surface,
            rect.inflate(-app.px(8), -app.px(8)),
            game.state.meters,
            app.palette,
            app.fonts.tiny,
            year=game.level.map_year_at(min(game.state.turn, game.level.turns)),
        )
