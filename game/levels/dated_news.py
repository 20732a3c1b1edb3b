"""News told before it happened: an event whose text dates it to a year, drawn in an earlier one.

An event's window is usually wider than its year, so that the deck has a chance to draw it among
the turn's other news ("NATO takes in the Baltic states", text of March 2004, may be drawn from
2003 to 2005). Drawn a year late, the news reads as last year's; drawn a year early, it tells of
something that has not happened, which a class notices. The validator warns of the second: the
first year the text names, within the level's years, against the first turn its condition
(with its `from_year`) could hold, as the condition's analysis sees it (a flag could be either,
so an event waiting on a flag that only a later event sets is warned about too, and is held back
with `from_year`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from game.core.expr import could_hold_between, first_turn_it_could_hold
from game.core.level import Event

# A year as a text writes one: four digits not part of a longer number ("1,100", "20,000"); a
# decade ("the 2010s") counts as its first year.
_YEAR = re.compile(r"(?<!\d)(?<!\d[,.])(1[89]\d\d|2[01]\d\d)(?![\d]|[,.]\d)")


@dataclass(frozen=True)
class EarlyNews:
    """An event that can be drawn before the year its text names."""

    event: str
    named: int  # the first year its text names, within the level's years
    drawn: int  # the first year it can be drawn in
    turn: int  # the first turn it can be drawn at


def years_named(text: str, first: int, last: int) -> list[int]:
    """The years `text` names between `first` and `last`, in order of appearance."""
    return [y for y in (int(m.group(1)) for m in _YEAR.finditer(text)) if first <= y <= last]


def early_news(events: Iterable[Event], start_year: int, turns_per_year: int, turns: int) -> list[EarlyNews]:
    """The events that can be drawn in a year before the first year their text names."""
    last_year = start_year + (turns - 1) // turns_per_year
    out = []
    for event in events:
        named = years_named(event.text, start_year, last_year)
        if not named:
            continue
        # One question first, whether it could come before that year's first turn at all: the
        # search for the very first turn it could come is for the warning's words.
        if not could_hold_between(event.when, 1, (max(named) - start_year) * turns_per_year):
            continue
        turn = first_turn_it_could_hold(event.when)
        if turn is None:
            continue  # (never drawn: warned about as such)
        drawn = start_year + (turn - 1) // turns_per_year
        if drawn < max(named):
            out.append(EarlyNews(event.id, max(named), drawn, turn))
    return out
