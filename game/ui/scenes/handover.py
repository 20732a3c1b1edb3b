"""Hot-seat hand-over: a blank screen between two players, so neither sees the other's plan."""

from __future__ import annotations

import pygame

from game.ui.classroom_overlay import HeldByPause, held
from game.ui.scenes.base import Scene
from game.ui.widgets import Control, text


class HandOverScene(HeldByPause, Scene):
    name = "hand-over"

    def __init__(self, app, game, side: str, locked_by: str | None = None, note: str = ""):
        """`locked_by`: the side whose plan was just locked; `note`: what to say instead (the
        summit's moves)."""
        super().__init__(app)
        self.game, self.side, self.locked_by, self.note = game, side, locked_by, note

    def build(self) -> None:
        app = self.app
        w, h = app.size
        rect = pygame.Rect(0, 0, app.px(320), app.px(52))
        rect.center = (w // 2, int(h * 0.62))
        shows = "go to the summit" if self.game.summit_open() else "show my board"
        self.add(Control(rect, f"I am {self.side.capitalize()}: {shows}", self.proceed))

    def proceed(self) -> None:
        self.app.show("board", game=self.game, perspective=self.side)

    def back(self) -> None:
        # The menu (save, settings, quit) shows nothing of either plan; there is still no way
        # round the hand-over to the board.
        self.app.show_over("menu", game=self.game)

    def entered(self) -> None:
        if self.app.options.autoplay:
            self.app.capture(f"handover-{self.side}")
            if not held(self.game):
                self.proceed()

    def busy(self) -> bool:
        return super().busy() or self.app.options.autoplay

    def update(self, dt: float) -> None:
        super().update(dt)
        # Autoplay hands over at once, unless the facilitator has paused the session: then it waits.
        if self.app.options.autoplay and not held(self.game) and self.app.scene is self:
            self.proceed()

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        w, h = app.size
        title = f"Hand the keyboard to {self.side.capitalize()}"
        img = app.fonts.title.render(title, True, p.text)
        surface.blit(img, img.get_rect(center=(w // 2, int(h * 0.35))))
        if self.note:
            note = self.note
        elif self.locked_by:
            note = (
                f"{self.locked_by.capitalize()}'s plan is locked and hidden. It will be revealed "
                f"when both plans are locked and the turn resolves."
            )
        else:
            note = f"A new turn begins. Only {self.side.capitalize()} should look at the screen now."
        text(
            surface,
            note,
            app.fonts.body,
            p.text_muted,
            (w // 2 - app.px(300), int(h * 0.35) + app.px(50)),
            app.px(600),
        )
        self.draw_controls(surface)
