"""The problems found in the level files, in a readable list (after F5): file, line, message."""

from __future__ import annotations

import html

import pygame

from game.i18n import _
from game.ui.scenes.base import Scene
from game.ui.widgets import Control


class ProblemsScene(Scene):
    name = "level problems"

    def __init__(self, app, problems):
        super().__init__(app)
        self.problems = problems

    def build(self) -> None:
        app = self.app
        w, h = app.size
        pad = app.px(24)
        lines = []
        for p in self.problems:
            colour = "#e07a5f" if p.severity == "error" else "#f2cc8f"
            where = f"{html.escape(p.file)}:{p.line}:{p.column}"
            path = f" <i>{html.escape(p.path)}</i>:" if p.path else ""
            lines.append(
                f"<font color='{colour}'><b>{p.severity}</b></font> {where}{path} {html.escape(p.message)}"
            )
        self.text_box("<br>".join(lines), pygame.Rect(pad, app.px(90), w - 2 * pad, h - app.px(180)))
        rect = pygame.Rect(0, 0, app.px(200), app.px(44))
        rect.bottomright = (w - pad, h - app.px(24))
        self.add(Control(rect, _("Back"), self.back))
        again = pygame.Rect(0, 0, app.px(220), app.px(44))
        again.bottomright = (rect.left - app.px(12), rect.bottom)
        self.add(Control(again, _("Reload (F5)"), self.reload))

    def reload(self) -> None:
        self.app.pop()
        self.app.reload_levels()

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        errors = sum(q.severity == "error" for q in self.problems)
        title = _("Level files: {errors} error(s), {warnings} warning(s)").format(
            errors=errors, warnings=len(self.problems) - errors
        )
        surface.blit(app.fonts.title.render(title, True, p.text), (app.px(24), app.px(24)))
        note = _(
            "Fix the files and press F5. Levels with errors keep their last good version, if they had one."
        )
        surface.blit(app.fonts.small.render(note, True, p.text_muted), (app.px(24), app.px(66)))
        self.draw_controls(surface)
