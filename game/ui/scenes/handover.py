"""Hot-seat hand-over: a blank screen between two players, so neither sees the other's plan.

After a summit, the player who did not make its last move has not yet seen what it came to: the
hand-over says what was agreed (which both sides know once the summit is over) and goes on to the
summit's summary from that player's side of the table before the board.
"""

from __future__ import annotations

import pygame

from game.i18n import _, n_
from game.speech.sides import side_name
from game.speech.terms import term_words
from game.ui.classroom_overlay import HeldByPause, held
from game.ui.scenes.base import Scene
from game.ui.widgets import Control, fit, text, wrap

MAX_AGREED_LINES = 6  # the terms agreed the hand-over lists (the summary that follows has them all)


class HandOverScene(HeldByPause, Scene):
    name = "hand-over"

    def __init__(self, app, game, side: str, locked_by: str | None = None, note: str = ""):
        """`locked_by`: the side whose plan was just locked; `note`: what to say instead (the
        summit's moves)."""
        super().__init__(app)
        self.game, self.side, self.locked_by, self.note = game, side, locked_by, note

    @property
    def summit_unread(self) -> bool:
        """Whether this player is shown what the summit came to before its board."""
        return self.game.summit_unread(self.side)

    def layout(self) -> tuple[int, int, list[str]]:
        """(the note's top, the button's top, the lines saying what the summit agreed)."""
        app = self.app
        h = app.size[1]
        note_top = int(h * 0.35) + app.px(50)
        note_h = len(wrap(self.note_text(), app.fonts.body, app.px(600))) * (
            app.fonts.body.get_linesize() + 2
        )
        lines = self.agreed_lines() if self.summit_unread else []
        listed = len(lines) * (app.fonts.small.get_linesize() + 2)
        button_top = max(int(h * 0.62), note_top + note_h + listed + app.px(24))
        return note_top, min(button_top, h - app.px(52) - app.px(16)), lines

    def agreed_lines(self) -> list[str]:
        """What the summit agreed, a line a term, as both sides may read it now it is over."""
        table = self.game.table
        agreed = table.agreed() if table is not None else []
        if not agreed:
            return [_("The summit agreed no term.")]
        words = [f"• {term_words(self.game.level, t)}" for t in agreed]
        if len(words) > MAX_AGREED_LINES:
            words = [
                *words[: MAX_AGREED_LINES - 1],
                n_("and {n} more", "and {n} more", len(words) - MAX_AGREED_LINES + 1).format(
                    n=len(words) - MAX_AGREED_LINES + 1
                ),
            ]
        return [_("Agreed at the summit:"), *words]

    def build(self) -> None:
        app = self.app
        w, _h = app.size
        rect = pygame.Rect(0, 0, app.px(320), app.px(52))
        _note_top, top, _lines = self.layout()
        rect.midtop = (w // 2, top)
        if self.in_room():
            label = _("Go on entering the terms agreed in the room")
        elif self.game.summit_open() or self.game.summit_due():
            # (a turn's summit not yet opened comes before the board just the same)
            label = _("I am {side}: go to the summit").format(side=side_name(self.side))
        elif self.summit_unread:
            label = _("I am {side}: see what the summit came to").format(side=side_name(self.side))
        else:
            label = _("I am {side}: show my board").format(side=side_name(self.side))
        rect.width = max(rect.width, app.fonts.bold.size(label)[0] + app.px(24))
        rect.centerx = w // 2
        self.add(Control(rect, label, self.proceed))

    def proceed(self) -> None:
        if self.summit_unread:
            self.app.show("summit", game=self.game, side=self.side)
            return
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

    def in_room(self) -> bool:
        """Whether the summit it goes to is the room's entry of agreed terms, which both teams watch."""
        table = self.game.table
        return self.game.summit_open() and table is not None and table.room is not None

    def title(self) -> str:
        if self.in_room():
            return _("Both teams: back to the summit")
        return _("Hand the keyboard to {side}").format(side=side_name(self.side))

    def note_text(self) -> str:
        if self.note:
            return self.note
        if self.locked_by:
            return _(
                "{side}'s plan is locked and hidden. It will be revealed "
                "when both plans are locked and the turn resolves."
            ).format(side=side_name(self.locked_by))
        return _("A new turn begins. Only {side} should look at the screen now.").format(
            side=side_name(self.side)
        )

    @property
    def captions(self) -> list[tuple[str, pygame.Rect]]:
        """The blocks of text drawn outside any control (for the layout's tests)."""
        app = self.app
        w = app.size[0]
        note_top, _, lines = self.layout()
        note_h = len(wrap(self.note_text(), app.fonts.body, app.px(600))) * (
            app.fonts.body.get_linesize() + 2
        )
        out = [("note", pygame.Rect(w // 2 - app.px(300), note_top, app.px(600), note_h))]
        if lines:
            line = app.fonts.small.get_linesize() + 2
            out.append(
                (
                    "agreed",
                    pygame.Rect(
                        w // 2 - app.px(300), note_top + note_h + app.px(12), app.px(600), len(lines) * line
                    ),
                )
            )
        return out

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        w, h = app.size
        title = self.title()
        img = app.fonts.title.render(fit(title, app.fonts.title, w - app.px(32)), True, p.text)
        surface.blit(img, img.get_rect(center=(w // 2, int(h * 0.35))))
        note_top, _, lines = self.layout()
        left = w // 2 - app.px(300)
        note = self.note_text()
        if not lines and len(wrap(note, app.fonts.body, app.px(600))) == 1:
            # A note of one line is set under the title, centred as the title is; a longer one, or
            # one the summit's terms follow, keeps a left edge with them.
            img = app.fonts.body.render(note, True, p.text_muted)
            surface.blit(img, img.get_rect(midtop=(w // 2, note_top)))
            used = app.fonts.body.get_linesize() + 2  # (as text() counts a line)
        else:
            used = text(surface, note, app.fonts.body, p.text_muted, (left, note_top), app.px(600))
        y = note_top + used + app.px(12)
        font = app.fonts.small
        for i, line in enumerate(lines):
            face = app.fonts.bold if i == 0 and len(lines) > 1 else font  # "Agreed at the summit:"
            surface.blit(face.render(fit(line, face, app.px(600)), True, p.text), (left, y))
            y += font.get_linesize() + 2
        self.draw_controls(surface)
