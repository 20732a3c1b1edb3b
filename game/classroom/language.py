"""A class's language: the one a classroom session (or a session pack, or the class server) fixes
for the class, in which every laptop shows the game and the exports and handouts are written.

Kept in the session's record (`ClassroomSpec.language`), so a saved classroom game keeps it.
`speaking(code)` puts it in force while an export is written, then gives back the one that was.
What a program reads (CSV columns, JSON keys, file names) stays English in every language.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from game import i18n
from game.i18n import N_, _


def class_language(code: object) -> str | None:
    """`code` if it is a language offered to players ("en", "tr", "ru", "zh_CN"), else None."""
    return code if isinstance(code, str) and code in i18n.AVAILABLE else None


@contextmanager
def speaking(code: str | None) -> Iterator[str]:
    """Put the language `code` in force for the block (none: keep the one in force), then put back
    the one that was. Yields the code in force."""
    before = i18n.current_language()
    if not code or code == before:
        yield before
        return
    try:
        yield i18n.set_language(code)
    finally:
        i18n.set_language(before)


SIDE_NAMES = {"moscow": N_("Moscow"), "beijing": N_("Beijing")}


def side_name(side: str) -> str:
    """A side's name in the language in force ("Moscow", "Москва"), as the interface says it."""
    return _(SIDE_NAMES[side]) if side in SIDE_NAMES else side.capitalize()
