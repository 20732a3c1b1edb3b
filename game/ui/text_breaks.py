"""Chinese lines in pygame_gui's text boxes broken where Chinese breaks them.

pygame_gui breaks a line of a text box only at a space (`TextLineChunkFTFont.split_points`); a run
with no space that does not fit, as Chinese is written, it cuts at the last character that fits,
so that a line could begin with 。 or ， or end with 《. Here a run with Chinese in it is broken at
the last place that fits where our own wrapping (game.ui.widgets.wrap) would break it: at a space,
or between two characters beside a Chinese one, never before a closing mark or after an opening
one. Nothing is added to the text: what is copied or measured is what the level wrote. A run that
has no such place before the box's edge is left to pygame_gui, as before.
"""

from __future__ import annotations

from bisect import bisect_right

from pygame_gui.core.text.text_line_chunk import TextLineChunkFTFont

from game.ui.widgets import breaks_between, has_chinese

_split = TextLineChunkFTFont.split
_SPACES = frozenset(" \u00a0")


def line_starts(text: str) -> list[int]:
    """The indices in `text` at which a line may begin: after a space (as pygame_gui breaks), and
    between two characters as Chinese breaks them (game.ui.widgets.breaks_between), but never
    beside a no-break space (which box_html puts between Chinese and a figure)."""
    return [
        i
        for i in range(1, len(text))
        if text[i - 1] == " "
        or (text[i] not in _SPACES and text[i - 1] not in _SPACES and breaks_between(text[i - 1], text[i]))
    ]


def _split_where_chinese_breaks(
    self: TextLineChunkFTFont,
    requested_x: int,
    line_width: int,
    row_start_x: int,
    allow_split_dashes: bool = True,
):
    if not has_chinese(self.text) or not hasattr(self, "split_index"):
        # (split_index is pygame_gui's own, not public: a release without it breaks as before)
        return _split(self, requested_x, line_width, row_start_x, allow_split_dashes)
    starts = line_starts(self.text)
    # The last place whose line fits (the text before each place is wider than before the last).
    fits = bisect_right(
        range(len(starts)), requested_x, key=lambda k: self.font.get_rect(self.text[: starts[k]]).width
    )
    if fits == 0:
        return _split(self, requested_x, line_width, row_start_x, allow_split_dashes)
    return self.split_index(starts[fits - 1])


def break_chinese_lines() -> None:
    """Make every pygame_gui text box break Chinese as Chinese breaks (once is enough; again is
    harmless)."""
    TextLineChunkFTFont.split = _split_where_chinese_breaks  # type: ignore[method-assign]
