"""The game's one-line text field: pygame_gui's, with its placeholder drawn as a hint.

pygame_gui draws a field's placeholder ("Name for this save", "Why this plan?") in the colour of
typed text, so an empty field looked filled in, and a player took the hint for an answer already
given. Here the placeholder is drawn in the theme's muted colour (its `disabled_text`), and what is
typed in the usual one. The colour changes only when the field gains or loses the focus or is set
from the code: a focused field shows no placeholder, so typing never needs a rebuild.
"""

from __future__ import annotations

import pygame_gui


class TextEntry(pygame_gui.elements.UITextEntryLine):
    """A pygame_gui one-line text field whose placeholder reads as a hint, not as typed text."""

    _typed_colour = None  # (None while pygame_gui's own __init__ runs: it sets the text and theme)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self._typed_colour is None:  # (the theme's colour, unless its rebuild has taken it)
            self._typed_colour = self.text_colour
        self._colour_for_what_shows()

    def hinting(self) -> bool:
        """Whether the field shows its placeholder: empty, and not being typed into."""
        return not self.text and not self.is_focused and bool(self.placeholder_text)

    def _colour_for_what_shows(self) -> None:
        if self._typed_colour is None:
            return
        wanted = self.disabled_text_colour if self.hinting() else self._typed_colour
        if self.text_colour != wanted:
            self.text_colour = wanted
            self.rebuild()

    def focus(self):
        # Rebuilt in the typed colour before pygame_gui takes the placeholder away and shows the
        # cursor (a rebuild of a focused field would show the placeholder again).
        if self._typed_colour is not None and self.text_colour != self._typed_colour:
            self.text_colour = self._typed_colour
            self.rebuild()
        super().focus()

    def unfocus(self):
        super().unfocus()
        self._colour_for_what_shows()

    def set_text(self, text: str | None) -> None:
        super().set_text(text)
        self._colour_for_what_shows()

    def rebuild_from_changed_theme_data(self):
        # (the theme's colour for typed text, which the hint's would otherwise be taken for)
        if self._typed_colour is not None:
            self.text_colour = self._typed_colour
        super().rebuild_from_changed_theme_data()
        self._typed_colour = self.text_colour
        self._colour_for_what_shows()
