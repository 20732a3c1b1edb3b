"""The board's news box, under the map, with its three tabs: the news (the facilitator's acts, the
briefing, the last turns' events), the side's agenda (each goal, met now or not, and the score to
win), and the commitments (the summit's terms running, this turn's summit, and what became of the
terms last turn)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from game.i18n import N_, _
from game.ui.board.texts import agenda_view_html, commitments_html, news_html
from game.ui.scenes.base import box_html
from game.ui.widgets import Control, bottom_of, button_height, row_of_buttons

# (what the tab shows, its label, a shorter label for a narrow column, its key)
TABS = (
    ("news", N_("News"), N_("News"), None),
    ("agenda", N_("Agenda (A)"), N_("Agenda"), pygame.K_a),
    ("commitments", N_("Commitments (C)"), N_("Terms"), pygame.K_c),
)


class NewsPanel:
    def __init__(self, scene, model, changed: Callable[[], None]):
        """The box is one of `scene`'s widgets (a rebuild takes back a box that shows the same);
        `changed` is called when the tab changes."""
        self.scene, self.app, self.model = scene, scene.app, model
        self.changed = changed
        self.showing = "news"
        self.box = None
        self.waiting: tuple[str, pygame.Rect] | None = None  # a box not yet laid out (catch_up)

    @property
    def showing_agenda(self) -> bool:
        return self.showing == "agenda"

    @showing_agenda.setter
    def showing_agenda(self, value: bool) -> None:
        self.showing = "agenda" if value else "news"

    def tab_height(self, width: int) -> int:
        """The height of the row of tabs in a column `width` wide: one row of buttons, or two when
        even the short labels do not fit on one (a longer language, a large scale)."""
        rects = self.tab_rects_in(pygame.Rect(0, 0, width, 0))[1]
        return bottom_of(rects)

    def tab_rects_in(self, row: pygame.Rect) -> tuple[list[str], list[pygame.Rect]]:
        """The tabs' labels and boxes from the top left of `row`: the long labels on one row, else
        the short ones, wrapped onto a second row if need be."""
        font, gap = self.app.fonts.bold, self.app.px(6)
        h = button_height(font, self.app.px(30))
        rects: list[pygame.Rect] = []
        labels: list[str] = []
        for labels in (
            [_(long) for _view, long, _short, _key in TABS],
            [_(short) for _view, _long, short, _key in TABS],
        ):
            rects = row_of_buttons(labels, font, row.x, row.y, row.right, h, gap, row_gap=gap)
            if len({r.y for r in rects}) == 1:
                break
        return labels, rects

    def html(self) -> str:
        model = self.model
        view = {"agenda": agenda_view_html, "commitments": commitments_html}.get(self.showing, news_html)
        return view(model.game, model.side)

    def build_box(self, rect: pygame.Rect) -> None:
        self.waiting = (self.html(), rect)
        if self.app.options.unwatched:
            # Nobody watches (PlayOptions.unwatched): laid out only if a frame shows it.
            self.box = None
        else:
            self.catch_up()

    def catch_up(self) -> None:
        """Lay the box out, if its text waits for it."""
        if self.waiting is not None:
            html_text, rect = self.waiting
            self.waiting = None
            self.box = self.scene.text_box(html_text, rect)

    def build_tabs(self, row: pygame.Rect) -> list[Control]:
        """The tabs, side by side in `row` (with shorter labels where the long ones would not fit
        on one row); Agenda answers A, Commitments C."""
        labels, rects = self.tab_rects_in(row)
        self.tab_rects = rects
        return [
            Control(
                rect,
                label,
                partial(self.press_tab, view),
                kind="tab",
                selected=self.showing == view,
                hotkey=hotkey,
            )
            for rect, label, (view, _long, _short, hotkey) in zip(rects, labels, TABS, strict=True)
        ]

    def press_tab(self, view: str) -> None:
        """A tab pressed: its view, or the news again when its view is showing already."""
        self.show(view if view == "news" or self.showing != view else "news")

    def show(self, view: str) -> None:
        """Show `view` ('news', 'agenda' or 'commitments') in the box."""
        self.showing = view
        self.show_text()
        self.changed()

    def show_text(self) -> None:
        """Put the text of the view showing in the box (or in the one waiting to be laid out)."""
        if self.box is not None:
            self.box.set_text(box_html(self.html()))
        elif self.waiting is not None:
            self.waiting = (self.html(), self.waiting[1])

    def show_agenda(self, showing: bool) -> None:
        """Show the side's agenda in the box, or the news."""
        self.show("agenda" if showing else "news")
