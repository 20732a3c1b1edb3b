"""The engine's and the AI's sentences in the player's language: the "why" of each change, a
turn's notes, the AI's reasons at the summit and for its plans. The engine says them in English
as `Said` (game.core.words), which keep the marked frame and the values; here the frame is
translated, the values that are engine words (a side, a limit, a meter, a summit's term, a word
such as 'a little') are said in the language too, numbers get the language's decimal mark, and
names the level wrote are said as the level in force names them (a sentence made before the
player changed the language keeps the name it was made with: game.core.level_text.name_in).
Anything else (a plain string from an older save, a modder's text) is looked up as a whole and
otherwise shown as it is. No pygame here."""

from __future__ import annotations

import re
from string import Formatter
from typing import TYPE_CHECKING

from game.core.level_text import name_in
from game.core.summit import Term
from game.core.words import (
    LEVEL_NAME_PLACEHOLDERS,
    LIMIT_PLACEHOLDERS,
    METER_PLACEHOLDERS,
    SIDE_PLACEHOLDERS,
    Lines,
    Said,
)
from game.i18n import N_, _, format_number, n_
from game.speech.sides import power_name
from game.speech.terms import term_words
from game.speech.words import limit_label, meter_label

if TYPE_CHECKING:
    from game.core.level import Level
    from game.core.report import Change

# What joins the parts of a reason said in pieces (a card's line in the Decisions tab: "worth +1.2
# to its agenda one turn ahead; moves partnership 2.9 toward …"), as the language writes it.
PART_SEPARATOR = N_("; ")
# A number's format in a frame: an optional sign, then the decimals ('+.1f', '.0f', or none).
_NUMBER_SPEC = re.compile(r"(\+)?(?:\.(\d+))?[fdg]?")


class _LocalNumbers(Formatter):
    """str.format, with numbers in the language's own (format_number)."""

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            spec = _NUMBER_SPEC.fullmatch(format_spec)
            if spec is not None:
                decimals = int(spec.group(2)) if spec.group(2) else 0
                if format_spec.endswith("g") and not spec.group(2):
                    # As `g` writes it in English: no decimals a whole number does not need.
                    decimals = next((d for d in (0, 1, 2) if round(value, d) == round(value, 2)), 2)
                return format_number(value, decimals, sign=bool(spec.group(1)))
        return str(super().format_field(value, format_spec))


_FORMAT = _LocalNumbers()


class _Unknown(Exception):
    """A value this module cannot say in the language (a term without its level)."""


def say(why: str, level: Level | None = None) -> str:
    """`why` in the language in force: a `Said` or `Lines` said again from its frame and values
    (`level`: the level its terms belong to), a plain string translated as a whole where the
    catalogue has it; the English itself for anything this cannot say."""
    if isinstance(why, Lines):
        sep = _(PART_SEPARATOR) if why.sep == PART_SEPARATOR else why.sep
        return sep.join(say(part, level) for part in why.parts)
    if isinstance(why, Said):
        try:
            values = {k: _value(k, v, level) for k, v in why.values.items()}
            if why.plural:
                count = why.values.get("n", 0)
                frame = n_(why.frame, why.plural, int(count) if isinstance(count, (int, float)) else 0)
            else:
                frame = _(why.frame)
            return _FORMAT.format(frame, **values)
        except (_Unknown, KeyError, IndexError, ValueError, TypeError):
            return str(why)
    return _(why) if why else why


def frame_of(why: str) -> str:
    """The English frame `why` was made from (itself for a plain string): what code that asks what
    kind of reason it is reads, never the translation."""
    return why.frame if isinstance(why, Said) else str(why)


def cause_words(change: Change, level: Level | None = None) -> str:
    """A turning point's cause in the language in force: its reason, with the meter it moved when
    that is not the partnership itself (game.session.story.cause_words, said again)."""
    if change.meter == "partnership":
        return say(change.why, level)
    moved = format_number(change.delta, 1, sign=True)
    return f"{meter_label(change.meter)} {moved}: {say(change.why, level)}"


def _value(name: str, value: object, level: Level | None) -> object:
    if isinstance(value, (Said, Lines)):
        return say(value, level)
    if isinstance(value, Term):
        if level is None:
            raise _Unknown(name)
        return term_words(level, value)
    if isinstance(value, str):
        if name in SIDE_PLACEHOLDERS:
            return power_name(value)
        if name in LIMIT_PLACEHOLDERS:
            return limit_label(value)
        if name in METER_PLACEHOLDERS:
            return meter_label(value)
        if name in LEVEL_NAME_PLACEHOLDERS and level is not None:
            return name_in(level, value)
    return value
