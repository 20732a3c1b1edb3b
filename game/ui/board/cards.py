"""The board's action cards: the side's cards a page at a time, each with its cost, its method
tags and what it would do now, or why it cannot be chosen now. Choosing a card puts it in the
plan or takes it out."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from game.i18n import _
from game.ui.board.texts import card_effects, card_headings, card_tags, card_why, card_word
from game.ui.widgets import Control, Tooltip, button_height, button_width, fit, text

FILTER = "filter"  # the data of a filter's button in the list of filters


class CardsPanel:
    def __init__(
        self,
        app,
        model,
        choose: Callable[[str], None],
        turn_page: Callable[[int], None],
        changed: Callable[[], None],
    ):
        """`choose(action_id)` is called when a card is clicked; `turn_page(step)` by the page
        buttons; `changed()` when the filter or the chooser of filters changes."""
        self.app, self.model = app, model
        self.choose, self.turn_page, self.changed = choose, turn_page, changed
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.page = 0
        self.pages = 1
        self.choosing = False  # the filters are listed in the cards' place, to choose one

    def open_filters(self, opened: bool = True) -> None:
        self.choosing = opened
        self.changed()

    def pick_filter(self, name: str) -> None:
        self.model.set_filter(name)
        self.page = 0
        self.open_filters(False)

    def filter_buttons(self) -> list[str]:
        """The Show button's label, then shorter ones for a narrow column."""
        name = self.model.filter_label(self.model.filter)
        return [_("Show: {filter} (F)").format(filter=name), _("{filter} (F)").format(filter=name), name]

    def grid(self) -> tuple[int, int, int, int, int]:
        """(columns, rows, card width, card height, gap) of a page of cards in this rect."""
        app, r = self.app, self.rect
        gap = app.px(8)
        cols = 2 if r.width >= app.px(520) else 1
        card_w = (r.width - (cols - 1) * gap) // cols
        card_h = app.px(112)
        # n cards take n heights and n - 1 gaps: the last needs no gap under it (a third card that
        # fitted was left for the next page).
        rows = max(1, (r.height - app.px(28) + gap) // (card_h + gap))
        # The room under the last row, too little for another, goes to the cards' effects: at
        # 800x600 two cards each cut their effects to one line over 90 empty pixels. (A card
        # grows by half at most: one card to a page stays a card, not a panel.)
        spare = r.height - app.px(28) - rows * card_h - (rows - 1) * gap
        card_h += max(0, min(spare // rows, card_h // 2))
        return cols, rows, card_w, card_h, gap

    def tooltip(self, action):
        def tip():
            title, lines = card_why(self.model.game, self.model.side, action, self.app.settings.show_sources)
            return Tooltip(title, lines)

        return tip

    def build(self, rect: pygame.Rect) -> list[Control]:
        """Lay this page's cards out in `rect`, under the heading; returns their controls, then the
        page buttons when there is more than one page."""
        app, model = self.app, self.model
        self.rect = r = rect
        bw = app.px(44)
        font = app.fonts.bold
        labels = self.filter_buttons()
        room = (r.width - 2 * bw - app.px(12)) // 2  # the heading keeps the other half
        label = next((t for t in labels if button_width(t, font) <= room), labels[-1])
        show_w = min(button_width(label, font), room)
        self.show_rect = pygame.Rect(r.right - 2 * bw - app.px(12) - show_w, r.y, show_w, app.px(24))
        show = Control(
            self.show_rect,
            label,
            lambda: self.open_filters(not self.choosing),
            selected=self.choosing or model.filter != "All",
        )
        if self.choosing:
            return [show, *self.filter_choices()]
        actions = model.shown_actions()
        cols, rows, card_w, card_h, gap = self.grid()
        per_page = cols * rows
        self.pages = max(1, -(-len(actions) // per_page))
        self.page = min(self.page, self.pages - 1)
        shown = actions[self.page * per_page : (self.page + 1) * per_page]
        y0 = r.y + app.px(28)
        controls = []
        for i, action in enumerate(shown):
            rect = pygame.Rect(
                r.x + (i % cols) * (card_w + gap), y0 + (i // cols) * (card_h + gap), card_w, card_h
            )
            reason = model.why_not(action)
            chosen = action.id in model.plan
            controls.append(
                Control(
                    rect,
                    action.name,
                    partial(self.choose, action.id),
                    kind="card",
                    enabled=chosen or reason is None,
                    selected=chosen,
                    data=(action, reason),
                    why_disabled=_("{card}: {reason}").format(card=action.name, reason=reason)
                    if reason
                    else "",
                    tooltip=self.tooltip(action),
                )
            )
        if self.pages > 1:
            prev = pygame.Rect(r.right - 2 * bw - app.px(6), r.y, bw, app.px(24))
            nxt = pygame.Rect(r.right - bw, r.y, bw, app.px(24))
            controls.append(Control(prev, "<", lambda: self.turn_page(-1), enabled=self.page > 0))
            controls.append(Control(nxt, ">", lambda: self.turn_page(1), enabled=self.page < self.pages - 1))
        controls.append(show)
        return controls

    def filter_choices(self) -> list[Control]:
        """The filters in the cards' place, two to a row, each saying how many cards it shows."""
        app, model, r = self.app, self.model, self.rect
        names = model.filters()
        cols = 2 if r.width >= app.px(360) else 1
        rows = -(-len(names) // cols)
        y0 = r.y + app.px(30)
        gap = app.px(8)
        # As tall as a button likes, unless the filters would then run past the cards' room.
        room = (r.bottom - y0) // rows - gap
        h = max(app.fonts.bold.get_linesize() + 4, min(button_height(app.fonts.bold, app.px(36)), room))
        gap = min(gap, max(2, (r.bottom - y0) // rows - h))
        w = (r.width - (cols - 1) * gap) // cols
        out = []
        for i, name in enumerate(names):
            count = sum(model.passes(a, name) for a in model.ordered_actions())
            box = pygame.Rect(r.x + (i % cols) * (w + gap), y0 + (i // cols) * (h + gap), w, h)
            label = f"{model.filter_label(name)} ({count})"
            out.append(
                Control(
                    box, label, partial(self.pick_filter, name), selected=name == model.filter, data=FILTER
                )
            )
        return out

    def draw(self, surface, controls) -> None:
        """The heading, and each card among `controls`."""
        app, p, r = self.app, self.app.palette, self.rect
        room = self.show_rect.x - r.x - app.px(8)
        if self.choosing:
            heads = [_("Show which cards?"), _("Show")]
        else:
            heads = card_headings(self.model.side, self.page, self.pages)
        # The page count is kept; the words give way.
        head = next((h for h in heads if app.fonts.bold.size(h)[0] <= room), heads[-1])
        surface.blit(app.fonts.bold.render(fit(head, app.fonts.bold, room), True, p.text), (r.x, r.y))
        for c in controls:
            if c.kind == "card":
                self.draw_card(surface, c)

    def draw_card(self, surface, c: Control) -> None:
        app, p = self.app, self.app.palette
        action, reason = c.data
        r = c.rect
        hovered = c is app.hover
        fill = p.panel if c.enabled else p.background
        pygame.draw.rect(surface, fill, r, border_radius=8)
        edge = p.accent if c.selected else (p.text_muted if hovered else p.panel_border)
        pygame.draw.rect(surface, edge, r, width=3 if c.selected else 1, border_radius=8)
        inner = r.inflate(-app.px(16), -app.px(12))
        colour = p.text if c.enabled else p.text_muted
        badge = app.fonts.bold.render(str(action.cost), True, p.background)
        br = pygame.Rect(0, 0, app.px(26), app.px(26))
        br.topright = inner.topright
        pygame.draw.circle(surface, p.accent if c.enabled else p.text_muted, br.center, br.width // 2)
        surface.blit(badge, badge.get_rect(center=br.center))
        name_w = inner.width - br.width - app.px(6)
        y = inner.y
        y += text(surface, action.name, app.fonts.bold, colour, (inner.x, y), name_w, max_lines=2)
        breaks, word = card_word(self.model.game, self.model.side, action)
        tags = card_tags(action, c.selected)
        surface.blit(
            app.fonts.tiny.render(
                fit(f"{word}  ·  {tags}" if word else tags, app.fonts.tiny, inner.width),
                True,
                p.warning if breaks else p.accent if c.selected or word else p.text_muted,
            ),
            (inner.x, y),
        )
        y += app.fonts.tiny.get_linesize() + app.px(2)
        if reason and not c.selected:
            text(
                surface,
                _("Not now: {reason}").format(reason=reason),
                app.fonts.small,
                p.warning,
                (inner.x, y),
                inner.width,
                max_lines=3,
            )
            return
        text(
            surface,
            card_effects(self.model.game, self.model.side, action),
            app.fonts.small,
            colour,
            (inner.x, y),
            inner.width,
            max_lines=max(1, (inner.bottom - y) // (app.fonts.small.get_linesize() + 2)),
        )
