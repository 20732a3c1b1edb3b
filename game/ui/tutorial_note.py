"""The tutorial on the board: the part the step is about is outlined, the rest dimmed, and a note
beside it says what to look at or do. Drawing and layout only; progress is `TutorialGuide`'s."""

from __future__ import annotations

import pygame

from game.i18n import N_, _
from game.ui.widgets import Control, button, button_height, button_width, panel, text, wrap

WAITING_FOR = {
    "card_chosen": N_("Choose a card to go on."),
    "why_opened": N_("Point at a meter (or Tab to it) to see its “why?” and go on."),
    "plan_sent": N_("Send your plan to go on."),
}


class TutorialNote:
    def __init__(self, scene, guide, target: pygame.Rect):
        self.scene, self.guide, self.target = scene, guide, target
        app = scene.app
        step = guide.current
        self.step = step
        w, h = app.size
        pad = app.px(14)
        width = min(app.px(400), max(w // 3, app.px(300)), w - app.px(16))
        # Narrower, to stand beside its target, when the wider side has room for a readable note.
        beside = max(w - target.right, target.left) - app.px(24)
        if beside < width and beside >= app.px(220):
            width = beside
        self.body_w = width - 2 * pad
        lines = wrap(step.text, app.fonts.body, self.body_w)
        hint = _(WAITING_FOR[step.until]) if step.until in WAITING_FOR else ""
        self.hint_lines = wrap(hint, app.fonts.small, self.body_w) if hint else []
        # The header is the note's own: it must not change while the note is on screen, even when
        # a tooltip moves the guide on during the frame.
        number, total = guide.position
        self.head = _("Tutorial · turn {turn} · step {number} of {total}").format(
            turn=guide.turn, number=number, total=total
        )
        # The buttons as wide as their labels: side by side when they fit, else Next above Skip.
        font = app.fonts.bold
        bh = button_height(font, app.px(36))
        gap = app.px(8)
        has_next = step.until == "next"
        next_w = button_width(_("Next"), font, app.px(110)) if has_next else 0
        skip_w = button_width(_("Skip tutorial"), font)
        side_by_side = not has_next or next_w + gap + skip_w <= self.body_w
        buttons_h = bh if side_by_side else 2 * bh + gap
        height = (
            pad * 2
            + app.fonts.small.get_linesize()
            + app.px(6)
            + len(lines) * (app.fonts.body.get_linesize() + 2)
            + len(self.hint_lines) * app.fonts.small.get_linesize()
            + app.px(16)
            + buttons_h
        )
        # Beside the target, on the side with more room, else above or below it: never over what
        # the step asks the player to read. Only when nothing fits does it go over the target,
        # kept inside the window.
        gap_x, edge = app.px(16), app.px(8)
        x = target.right + gap_x if target.centerx < w // 2 else target.left - gap_x - width
        x = max(edge, min(x, w - width - edge))
        y = max(app.px(62), min(target.top, h - height - edge))
        y = max(edge, min(y, h - height - edge))
        self.rect = pygame.Rect(x, y, width, height)
        if self.rect.colliderect(target):
            centred = max(edge, min(target.centerx - width // 2, w - width - edge))
            for top in (target.top - gap_x - height, target.bottom + gap_x):
                place = pygame.Rect(centred, top, width, height)
                if place.top >= edge and place.bottom <= h - edge and not place.colliderect(target):
                    self.rect = place
                    break
        bottom = self.rect.bottom - pad
        skip_w, next_w = min(skip_w, self.body_w), min(next_w, self.body_w)
        self.skip_rect = pygame.Rect(self.rect.left + pad, bottom - bh, skip_w, bh)
        if side_by_side:
            self.next_rect = pygame.Rect(self.rect.right - pad - next_w, bottom - bh, next_w, bh)
        else:
            self.next_rect = pygame.Rect(self.rect.right - pad - next_w, bottom - 2 * bh - gap, next_w, bh)

    def controls(self) -> list[Control]:
        """The note's buttons, first in the list so that they answer clicks before the board beneath
        (the board swallows the clicks on the rest of the note; the note is no stop for Tab)."""
        out = []
        if self.step.until == "next":
            out.append(
                Control(
                    self.next_rect, _("Next"), self.scene.tutorial_next, kind="tutorial", hotkey=pygame.K_n
                )
            )
        out.append(Control(self.skip_rect, _("Skip tutorial"), self.scene.tutorial_skip, kind="tutorial"))
        return out

    def draw(self, surface) -> None:
        app, p = self.scene.app, self.scene.app.palette
        w, h = surface.get_size()
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 110))
        shade.fill((0, 0, 0, 0), self.target.inflate(app.px(8), app.px(8)))
        surface.blit(shade, (0, 0))
        pygame.draw.rect(
            surface, p.accent, self.target.inflate(app.px(8), app.px(8)), width=app.px(3), border_radius=8
        )
        panel(surface, self.rect, p, fill=p.panel)
        pygame.draw.rect(surface, p.accent, self.rect, width=2, border_radius=8)
        pad = app.px(14)
        x, y = self.rect.x + pad, self.rect.y + pad
        surface.blit(app.fonts.small.render(self.head, True, p.text_muted), (x, y))
        y += app.fonts.small.get_linesize() + app.px(6)
        y += text(surface, self.step.text, app.fonts.body, p.text, (x, y), self.body_w)
        for line in self.hint_lines:
            surface.blit(app.fonts.small.render(line, True, p.accent), (x, y))
            y += app.fonts.small.get_linesize()
        for c in self.scene.controls:
            if c.kind == "tutorial":
                button(surface, c, p, app.fonts.bold, c is app.hover)
