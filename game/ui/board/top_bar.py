"""The board's top bar: the level, the turn and the date on the left; the side and its political
capital on the right, beside the side's colour."""

from __future__ import annotations

import pygame

from game.ui.board.texts import top_bar_words
from game.ui.classroom_overlay import timer_labels
from game.ui.widgets import fit


def timer_width(app) -> int:
    """The width of the planning timer's box at its widest (as draw_classroom_overlay draws it)."""
    font = app.fonts.heading
    widest = max(font.size(label)[0] for label in timer_labels(59 * 60 + 59))
    return widest + app.px(20)


class TopBar:
    def __init__(self, app, game, side: str):
        self.app, self.game, self.side = app, game, side
        self.left: list[str] = []
        self.right: list[str] = []
        self.height = 0
        self.timer_center: tuple[int, int] | None = None

    def lay_out(self) -> int:
        """Fit the words to the window's width; returns the bar's height. On one line when they fit;
        else two lines each, the level's title giving way first (never the turn or the date)."""
        app, fonts = self.app, self.app.fonts
        w = app.size[0]
        title, when, who, money = top_bar_words(self.game, self.side)
        margin, swatch = app.px(14), app.px(18)
        # A classroom's planning timer sits between the two sides: its room is kept, so that it
        # covers neither the date nor the side (in Russian at 1280x720 it covered both).
        timer_w = timer_width(app) if self.has_timer() else 0
        gap = app.px(24)
        right_one = fonts.bold.size(f"{who}  ·  {money}")[0] + swatch
        room = w - 2 * margin - right_one - gap - (timer_w + gap if timer_w else 0)
        left_one = f"{title}  ·  {when}"
        if fonts.heading.size(left_one)[0] <= room:
            self.left, self.right = [left_one], [f"{who}  ·  {money}"]
            self.height = max(app.px(54), fonts.heading.get_linesize() + app.px(12))
        else:
            right_w = max(fonts.bold.size(who)[0], fonts.bold.size(money)[0]) + swatch
            room = w - 2 * margin - right_w - gap - (timer_w + gap if timer_w else 0)
            self.left = [fit(title, fonts.heading, room), fit(when, fonts.bold, room)]
            self.right = [who, money]
            self.height = fonts.heading.get_linesize() + fonts.bold.get_linesize() + app.px(12)
        left_w = max([fonts.heading.size(self.left[0])[0]] + [fonts.bold.size(t)[0] for t in self.left[1:]])
        right_w = max(fonts.bold.size(t)[0] for t in self.right)
        left_h = fonts.heading.get_linesize() + (len(self.left) - 1) * fonts.bold.get_linesize()
        self.left_rect = pygame.Rect(margin, (self.height - left_h) // 2, left_w, left_h)
        right_h = len(self.right) * fonts.bold.get_linesize()
        self.right_rect = pygame.Rect(w - margin - right_w, (self.height - right_h) // 2, right_w, right_h)
        # The timer's place: the middle of what the two sides leave between them.
        middle = (self.left_rect.right + self.right_rect.left - swatch) // 2
        self.timer_center = (middle, self.height // 2) if timer_w else None
        r = self.right_rect
        self.captions = [
            ("top bar", self.left_rect),
            ("side", pygame.Rect(r.x - swatch, r.y, r.width + swatch, r.height)),
        ]
        return self.height

    def has_timer(self) -> bool:
        session = self.game.classroom
        return session is not None and bool(session.spec.timer_minutes)

    def text(self) -> str:
        """The left of the bar as one line (what it shows, whether on one line or two)."""
        return "  ·  ".join(self.left)

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        w = app.size[0]
        pygame.draw.rect(surface, p.panel, (0, 0, w, self.height))
        pygame.draw.line(surface, p.panel_border, (0, self.height), (w, self.height))
        x, y = self.left_rect.topleft
        for i, line in enumerate(self.left):
            font = app.fonts.heading if i == 0 else app.fonts.bold
            surface.blit(font.render(line, True, p.text), (x, y))
            y += font.get_linesize()
        colour = p.moscow if self.side == "moscow" else p.beijing
        r = self.right_rect
        pygame.draw.rect(
            surface,
            colour,
            (r.x - app.px(18), r.y + app.fonts.bold.get_linesize() // 2 - app.px(6), app.px(12), app.px(12)),
        )
        for i, line in enumerate(self.right):
            img = app.fonts.bold.render(line, True, p.text)
            surface.blit(img, img.get_rect(topright=(r.right, r.y + i * app.fonts.bold.get_linesize())))
