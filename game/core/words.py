"""A marker for the engine's words that the interface shows: meters', bands', limits', tags' and
phases' names, and the calendar's. `N_` gives its argument back unchanged, so the engine, its
transcripts and its exports stay in English; pybabel collects the marked strings into the
interface's catalogue (babel.cfg), and game.ui.words translates them where they are drawn.
No gettext here: the engine is pure."""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark `message` for the catalogue; it is returned as it is."""
    return message
