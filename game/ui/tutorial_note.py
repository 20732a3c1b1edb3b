"""The tutorial on the board: the part the step is about is outlined, the rest dimmed, and a note
beside it says what to look at or do. Drawing and layout only; progress is `TutorialGuide`'s."""
from __future__ import annotations

import pygame

from game.ui.widgets import Control, button, panel, text, wrap

WAITING_FOR = {
    "card_chosen": "Choose a card to go on.",
    "why_opened": "Point at a meter (or Tab to it) to see its “why?” and go on.",
    "plan_sent": "Send your plan to go on.",
}


class TutorialNote:
    def __init__(self, scene, guide, target: pygame.Rect):
        self.scene, self.guide, self.target = scene, guide, target
        app = scene.app
        step = guide.current
        self.step = step
        w, h = app.size
        pad = app.px(14)
        width = min(app.px(400), w // 3)
        self.body_w = width - 2 * pad
        lines = wrap(step.text, app.fonts.body, self.body_w)
        hint = WAITING_FOR.get(step.until, "")
        self.hint_lines = wrap(hint, app.fonts.small, self.body_w) if hint else []
        height = (pad * 2 + app.fonts.small.get_linesize() + app.px(6) + len(lines) * (app.fonts.body.get_linesize() + 2)
                  + len(self.hint_lines) * app.fonts.small.get_linesize() + app.px(52))
        # Beside the target, on the side with more room; kept inside the window.
        gap = app.px(16)
        if target.centerx < w // 2:
            x = target.right + gap
        else:
            x = target.left - gap - width
        x = max(app.px(8), min(x, w - width - app.px(8)))
        y = max(app.px(62), min(target.top, h - height - app.px(8)))
        self.rect = pygame.Rect(x, y, width, height)
        bw, bh = app.px(110), app.px(36)
        self.skip_rect = pygame.Rect(self.rect.left + pad, self.rect.bottom - pad - bh, app.px(150), bh)
        self.next_rect = pygame.Rect(self.rect.right - pad - bw, self.rect.bottom - pad - bh, bw, bh)

    def controls(self) -> list[Control]:
        """The note's buttons, first in the list so that they answer clicks before the board beneath;
        the note itself swallows the clicks that miss them."""
        out = []
        if self.step.until == "next":
            out.append(Control(self.next_rect, "Next", self.scene.tutorial_next, kind="tutorial", hotkey=pygame.K_n))
        out.append(Control(self.skip_rect, "Skip tutorial", self.scene.tutorial_skip, kind="tutorial"))
        out.append(Control(self.rect, "", None, kind="note"))
        return out

    def draw(self, surface) -> None:
        app, p = self.scene.app, self.scene.app.palette
        w, h = surface.get_size()
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 110))
        shade.fill((0, 0, 0, 0), self.target.inflate(app.px(8), app.px(8)))
        surface.blit(shade, (0, 0))
        pygame.draw.rect(surface, p.accent, self.target.inflate(app.px(8), app.px(8)), width=app.px(3), border_radius=8)
        panel(surface, self.rect, p, fill=p.panel)
        pygame.draw.rect(surface, p.accent, self.rect, width=2, border_radius=8)
        pad = app.px(14)
        x, y = self.rect.x + pad, self.rect.y + pad
        number, total = self.guide.position
        head = f"Tutorial · turn {self.guide.turn} · step {number} of {total}"
        surface.blit(app.fonts.small.render(head, True, p.text_muted), (x, y))
        y += app.fonts.small.get_linesize() + app.px(6)
        y += text(surface, self.step.text, app.fonts.body, p.text, (x, y), self.body_w)
        for line in self.hint_lines:
            surface.blit(app.fonts.small.render(line, True, p.accent), (x, y))
            y += app.fonts.small.get_linesize()
        for c in self.scene.controls:
            if c.kind == "tutorial":
                button(surface, c, p, app.fonts.bold, c is app.hover)
