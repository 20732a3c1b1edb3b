"""The "why this plan?" line under a plan: one optional line a team types before it locks, which the
record, the exports and the printed worksheet carry (so "decisions explained" can be graded).

Self-contained, for a screen of play to place where it likes: it makes its own text field, gives
it a control the keyboard reaches, and hands back the text. The board places it in its layout's
"reason" box, beside the tray, and passes its text to the one call that locks the plan
(`BoardModel.lock(autosave, reason=...)`); a rebuild keeps what was typed.
"""

from __future__ import annotations

import pygame

from game.i18n import N_, _
from game.session.replay import MAX_REASON, one_line_reason
from game.ui.text_entry import TextEntry

PLACEHOLDER = N_("Why this plan? One line for the debrief (optional)")
SHORT_PLACEHOLDER = N_("Why this plan? (optional)")  # for a narrow field
LABEL = N_("Why this plan")


class ReasonField:
    """A one-line text field for a plan's reason, inside `scene` (a Scene) at `rect`."""

    def __init__(self, scene, rect: pygame.Rect, kept: str = ""):
        app = scene.app
        # (The field's font is about the body font's size.)
        wide = app.fonts.body.size(_(PLACEHOLDER))[0] + app.px(16) <= rect.width
        self.entry = scene.element(
            TextEntry(
                pygame.Rect(rect), app.manager, placeholder_text=_(PLACEHOLDER if wide else SHORT_PLACEHOLDER)
            )
        )
        self.entry.set_text_length_limit(MAX_REASON)
        if kept:
            self.entry.set_text(kept[:MAX_REASON])
        self.control = scene.text_field(self.entry, _(LABEL))

    def text(self) -> str:
        """What was typed, as the record keeps it: one line, trimmed ("" when nothing was)."""
        return one_line_reason(self.entry.get_text())

    def clear(self) -> None:
        self.entry.set_text("")
