"""The board's tray, under the cards: the plan in words (what it costs, the cards' names) over the
Menu, Undo, Clear and Lock buttons. Its height holds whatever the plan, so the cards never reflow."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.i18n import _
from game.ui.board.texts import plan_text
from game.ui.widgets import Control, button_height, label_fits, panel, row_of_buttons, text, wrap

# The lines of the plan the tray shows (a longer plan ends in "…"; its cards say IN YOUR PLAN).
PLAN_LINES = 2


class Tray:
    def __init__(
        self,
        app,
        model,
        menu: Callable[[], None],
        clear: Callable[[], None],
        lock: Callable[[], None],
        undo: Callable[[], None],
    ):
        self.app, self.model = app, model
        self.menu, self.clear, self.lock, self.undo = menu, clear, lock, undo
        self.rect = pygame.Rect(0, 0, 0, 0)

    def buttons(self) -> list[tuple[str, Callable[[], None], bool, int | None]]:
        """(label, action, enabled, hotkey) of each button, left to right."""
        return [
            (_("Menu"), self.menu, True, pygame.K_m),
            (_("Undo (U)"), self.undo, self.model.can_undo(), pygame.K_u),
            (_("Clear"), self.clear, bool(self.model.plan), None),
            (_("Lock plan (L)"), self.lock, True, pygame.K_l),
        ]

    def plan_text(self) -> str:
        model = self.model
        return plan_text(model.game, model.side, model.plan, model.cost())

    def plan_lines(self, width: int | None = None) -> list[str]:
        """The plan's words as the tray wraps them (in the tray as laid out, unless `width`)."""
        return wrap(
            self.plan_text(),
            self.app.fonts.body,
            self.text_width(self.rect.width if width is None else width),
        )

    def text_width(self, width: int) -> int:
        return width - 2 * self.app.px(10)

    def button_rows(self, width: int) -> list[pygame.Rect]:
        """The buttons' boxes, from the top left of the room under the text: on one row when they
        fit, else a tidy two-by-two grid rather than a ragged wrap (when each label fits half)."""
        app, font = self.app, self.app.fonts.bold
        room = self.text_width(width)
        gap = app.px(8)
        bh = button_height(font, app.px(42))
        labels = [label for label, *_ in self.buttons()]
        rows = row_of_buttons(labels, font, 0, 0, room, bh, gap)
        half = (room - gap) // 2
        if len({b.y for b in rows}) > 1 and all(
            label_fits(t, font, pygame.Rect(0, 0, half, bh)) for t in labels
        ):
            rows = [
                pygame.Rect((i % 2) * (half + gap), (i // 2) * (bh + gap), half, bh)
                for i in range(len(labels))
            ]
        return rows

    def height(self, width: int) -> int:
        """How tall the tray is when `width` wide: PLAN_LINES of text, then its buttons. The height
        does not follow the plan: choosing a card must never shrink the cards' room (the pages of
        cards would reflow under the player's hand)."""
        app = self.app
        inset = app.px(10)
        buttons_h = max(b.bottom for b in self.button_rows(width))
        text_h = PLAN_LINES * (app.fonts.body.get_linesize() + 2)
        return inset + text_h + app.px(6) + buttons_h + inset

    def build(self, rect: pygame.Rect) -> list[Control]:
        """Place the buttons at the foot of `rect`; returns their controls, Lock first (after the
        cards, it is the next stop for Tab)."""
        self.rect = rect
        inset = self.app.px(10)
        rows = self.button_rows(rect.width)
        buttons_h = max(b.bottom for b in rows)
        placed = [b.move(rect.x + inset, rect.bottom - inset - buttons_h) for b in rows]
        return [
            Control(box, label, action, enabled=enabled, hotkey=hotkey)
            for box, (label, action, enabled, hotkey) in reversed(
                list(zip(placed, self.buttons(), strict=False))
            )
        ]

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        panel(surface, self.rect, p)
        text(
            surface,
            self.plan_text(),
            app.fonts.body,
            p.text,
            (self.rect.x + app.px(10), self.rect.y + app.px(10)),
            self.text_width(self.rect.width),
            max_lines=PLAN_LINES,
        )
