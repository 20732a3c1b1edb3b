"""The board's news box, under the map, with its two tabs: the news (the facilitator's acts, the
briefing, the last turns' events), and the side's agenda (each goal, met now or not, and the
score to win)."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.board.texts import agenda_view_html, news_html
from game.ui.widgets import Control, button_height, row_of_buttons

TABS = ("News", "Agenda (A)")


class NewsPanel:
    def __init__(self, scene, model, changed: Callable[[], None]):
        """The box is one of `scene`'s widgets (a rebuild takes back a box that shows the same);
        `changed` is called when the tab changes."""
        self.scene, self.app, self.model = scene, scene.app, model
        self.changed = changed
        self.showing_agenda = False
        self.box = None

    def tab_height(self) -> int:
        return button_height(self.app.fonts.bold, self.app.px(30))

    def html(self) -> str:
        model = self.model
        return (agenda_view_html if self.showing_agenda else news_html)(model.game, model.side)

    def build_box(self, rect: pygame.Rect) -> None:
        self.box = self.scene.text_box(self.html(), rect)

    def build_tabs(self, row: pygame.Rect) -> list[Control]:
        """The two tabs, side by side in `row`; Agenda answers A."""
        app = self.app
        self.tab_rects = news, agenda = row_of_buttons(
            list(TABS), app.fonts.bold, row.x, row.y, row.right, row.height, app.px(6)
        )
        return [
            Control(
                news, TABS[0], lambda: self.show_agenda(False), kind="tab", selected=not self.showing_agenda
            ),
            Control(
                agenda,
                TABS[1],
                lambda: self.show_agenda(not self.showing_agenda),
                kind="tab",
                selected=self.showing_agenda,
                hotkey=pygame.K_a,
            ),
        ]

    def show_agenda(self, showing: bool) -> None:
        """Show the side's agenda in the box, or the news."""
        self.showing_agenda = showing
        if self.box is not None:
            self.box.set_text(self.html())
        self.changed()
