"""Settings: window, UI scale, colour-blind palette, animation speed; saved at once, kept between runs."""
from __future__ import annotations

import pygame

from game.ui.scenes.base import Scene
from game.ui.widgets import Control

SIZES = [(1280, 720), (1600, 900), (1920, 1080)]
SCALES = [1.0, 1.25, 1.5, 1.75, 2.0]
SPEEDS = ["off", "fast", "normal", "slow"]


class SettingsScene(Scene):
    name = "settings"

    def build(self) -> None:
        app = self.app
        s = app.settings
        w, h = app.size
        left = app.px(320)
        y = app.px(120)
        row_h = app.px(64)
        bw = app.px(150)

        def row(label, options, current, setter):
            nonlocal y
            self.rows.append((label, y))
            for i, (name, value) in enumerate(options):
                rect = pygame.Rect(left + i * (bw + app.px(10)), y, bw, app.px(42))
                self.add(Control(rect, name, (lambda v=value: setter(v)), selected=(value == current)))
            y += row_h

        self.rows = []
        row("Window", [(f"{a}×{b}", (a, b)) for a, b in SIZES], (s.window_width, s.window_height),
            lambda v: app.change_settings(window_width=v[0], window_height=v[1]))
        row("Fullscreen", [("Off", False), ("On", True)], s.fullscreen,
            lambda v: app.change_settings(fullscreen=v))
        row("UI scale", [(f"{x:g}×", x) for x in SCALES], s.ui_scale, lambda v: app.change_settings(ui_scale=v))
        row("Colours", [("Standard", False), ("Colour-blind safe", True)], s.colour_blind,
            lambda v: app.change_settings(colour_blind=v))
        row("Animations", [(x.capitalize(), x) for x in SPEEDS], s.animation_speed,
            lambda v: app.change_settings(animation_speed=v))
        row("Projector mode", [("Off", False), ("On", True)], s.projector_mode,
            lambda v: app.change_settings(projector_mode=v))
        row("Chapters", [("In order", False), ("All open", True)], s.unlock_all_levels,
            lambda v: (app.remember(unlock_all_levels=v), self.rebuild()))
        rect = pygame.Rect(0, 0, app.px(200), app.px(44))
        rect.midbottom = (w // 2, h - app.px(24))
        self.add(Control(rect, "Back", self.back))

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        surface.blit(app.fonts.title.render("Settings", True, p.text), (app.px(60), app.px(40)))
        for label, y in self.rows:
            surface.blit(app.fonts.heading.render(label, True, p.text), (app.px(60), y + app.px(8)))
        note = "Settings are saved as soon as you change them."
        surface.blit(app.fonts.small.render(note, True, p.text_muted), (app.px(60), app.size[1] - app.px(110)))
        self.draw_controls(surface)
