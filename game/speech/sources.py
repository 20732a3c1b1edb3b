"""A level's sources as the debrief and the class's report cite them, punctuated as the language
in force writes a citation (Chinese sets a title in 《》 and ends a sentence with 。). A source's
author and title are shown as published; where it appeared, whose view it gives and why to read it
are the level's own words, in the language the level is told in (`game.core.level_text.in_language`,
each falling back to English). No pygame here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.i18n import _

if TYPE_CHECKING:
    from game.core.level import Level, Source


def citation(s: Source) -> str:
    """'Author, "Title" (Published, 2008)': what is known, and nothing more."""
    said = _('{author}, "{title}"').format(author=s.author, title=s.title)
    # An official text's place of signing often carries its date already.
    year = str(s.year) if s.year and str(s.year) not in s.published else ""
    if s.published and year:
        where = _("{published}, {year}").format(published=s.published, year=year)
    else:
        where = s.published or year
    return _("{citation} ({published})").format(citation=said, published=where) if where else said


def source_line(s: Source) -> str:
    """One source: its citation, whose view it gives, and why to read it (when the level says)."""
    perspective = s.perspective[:1].upper() + s.perspective[1:]
    if s.note:
        return _("{citation}. {perspective}. {note}").format(
            citation=citation(s), perspective=perspective, note=s.note
        )
    return _("{citation}. {perspective}.").format(citation=citation(s), perspective=perspective)


def source_lines(level: Level) -> list[str]:
    """The level's sources, one line each."""
    return [source_line(s) for s in level.sources]
