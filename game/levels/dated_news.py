"""News told before it happened, or long after: an event whose text dates it to a year, drawn in an
earlier one or two years or more after it; a card whose description names a year it can be played
before.

An event's window is usually wider than its year, so that the deck has a chance to draw it among
the turn's other news ("NATO takes in the Baltic states", text of March 2004, may be drawn from
2003 to 2005). Drawn a year late, the news reads as last year's, which a deck can allow; drawn a
year early, it tells of something that has not happened, which a class notices. The validator
warns of that: the latest year the text names, within the level's years, against the first turn
its condition (with its `from_year`) could hold, as the condition's analysis sees it (a flag could
be either, so an event waiting on a flag that only a later event sets is warned about too, and is
held back with `from_year`). It warns too of news that can come two years or more after the year
its text names ("On 1 January 2011 oil starts to flow" drawn in 2013 told a class of something
two years old as the turn's news): the same year against the last turn its condition could hold
(with its `until_year`).

A card's description is read the same way against its `requires` (with its `from_year`): "as at
Xi'an in 2023" on a card of The Testing Event, playable from its first turn in 2022, told the
player of a summit a year ahead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from game.core.expr import Condition, could_hold_between, first_turn_it_could_hold, last_turn_it_could_hold

# A year as a text writes one: four digits not part of a longer number ("1,100", "20,000"); a
# decade ("the 2010s") counts as its first year.
_YEAR = re.compile(r"(?<!\d)(?<!\d[,.])(1[89]\d\d|2[01]\d\d)(?![\d]|[,.]\d)")


# A month and its year as a text writes them: "July 2014", "30 September 2015".
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_YEAR = re.compile(rf"\b({'|'.join(MONTHS)})\s+(1[89]\d\d|2[01]\d\d)(?![\d])")


@dataclass(frozen=True)
class EarlyNews:
    """An event that can be drawn, or a card played, before the year its text names (or, in a
    level of halves or seasons, before the part of the year its month falls in)."""

    id: str  # the event's or the card's
    named: int  # the latest year its text names, within the level's years
    drawn: int  # the first year it can be drawn (or played) in
    turn: int  # the first turn it can be drawn (or played) at
    month: str = ""  # the month its text names, when the part of a year is what comes early
    named_turn: int = 0  # the first turn of that month's part of the year


@dataclass(frozen=True)
class LateNews:
    """An event that can be drawn two years or more after the year its text names."""

    id: str
    named: int  # the latest year its text names, within the level's years
    drawn: int  # the last year it can be drawn in
    turn: int  # the last turn it can be drawn at


# How many years after the year its text names an event may still be drawn without a warning: a
# year late reads as last year's news (a deck with a window of a few years draws some of its news
# so); two years late, as history told as news.
LATE_YEARS = 2


def part_of_year(month: int, turns_per_year: int) -> int:
    """The part of a year (1 to `turns_per_year`) a month (1-12) falls in: halves, or seasons
    (Winter from January, Spring from March; December counted with the autumn before it, so that
    news of December is not warned about in an autumn that ends a few days short of it)."""
    if turns_per_year == 2:
        return 1 if month <= 6 else 2
    if turns_per_year == 4:
        return 1 if month <= 2 else 2 if month <= 5 else 3 if month <= 8 else 4
    return 1


def years_named(text: str, first: int, last: int) -> list[int]:
    """The years `text` names between `first` and `last`, in order of appearance."""
    return [y for y in (int(m.group(1)) for m in _YEAR.finditer(text)) if first <= y <= last]


def _dated(
    dated: Iterable[tuple[str, str, Condition]], start_year: int, turns_per_year: int, turns: int
) -> Iterable[tuple[str, str, Condition, int]]:
    """The (id, text, condition) triples whose text names a year within the level's years, each
    with the latest it names."""
    last_year = start_year + (turns - 1) // turns_per_year
    for item, text, condition in dated:
        named = years_named(text, start_year, last_year)
        if named:
            yield item, text, condition, max(named)


def early_news(
    dated: Iterable[tuple[str, str, Condition]], start_year: int, turns_per_year: int, turns: int
) -> list[EarlyNews]:
    """Of (id, text, condition) triples, an event's text and `when` or a card's description and
    `requires`, those whose condition can hold in a year before the latest year their text names."""
    last_year = start_year + (turns - 1) // turns_per_year
    out = []
    for item, text, condition, latest in _dated(dated, start_year, turns_per_year, turns):
        # The first turn the text's latest date allows: its year's first, or, in a level of halves
        # or seasons, the first of the part its month falls in ("In July 2014" drawn in the first
        # half of 2014 was Pivot east's MH17).
        deadline, month = (latest - start_year) * turns_per_year + 1, ""
        if turns_per_year in (2, 4):
            for found in _MONTH_YEAR.finditer(text):
                year = int(found.group(2))
                if not start_year <= year <= last_year:
                    continue
                part = part_of_year(MONTHS.index(found.group(1)) + 1, turns_per_year)
                turn_of = (year - start_year) * turns_per_year + part
                if turn_of > deadline:
                    deadline, month = turn_of, f"{found.group(1)} {year}"
        # One question first, whether it could come before that turn at all: the search for the
        # very first turn it could come is for the warning's words.
        if not could_hold_between(condition, 1, deadline - 1):
            continue
        turn = first_turn_it_could_hold(condition)
        if turn is None or turn >= deadline:
            continue  # (never drawn: warned about as such)
        drawn = start_year + (turn - 1) // turns_per_year
        if drawn < latest:
            out.append(EarlyNews(item, latest, drawn, turn))
        else:
            out.append(EarlyNews(item, latest, drawn, turn, month, deadline))
    return out


def late_news(
    dated: Iterable[tuple[str, str, Condition]], start_year: int, turns_per_year: int, turns: int
) -> list[LateNews]:
    """Of (id, text, condition) triples, an event's text and `when`, those whose condition can
    hold in the year LATE_YEARS after the latest year their text names, or later."""
    out = []
    for item, _text, condition, latest in _dated(dated, start_year, turns_per_year, turns):
        too_late = (latest + LATE_YEARS - start_year) * turns_per_year + 1  # that year's first turn
        if too_late > turns or not could_hold_between(condition, too_late, turns):
            continue
        turn = last_turn_it_could_hold(condition)
        if turn is None or turn < too_late:
            continue
        out.append(LateNews(item, latest, start_year + (turn - 1) // turns_per_year, turn))
    return out
