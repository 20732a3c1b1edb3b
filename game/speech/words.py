"""The engine's words as the interface shows them, in the language in force: meters', bands',
limits', tags' and phases' names, and a turn's date. game/core names them in English and marks them
(game.core.words.N_); here they are translated where they are drawn. No pygame here."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from game.core.level import HALF_DATES, PART_DATE, SEASON_DATES, YEAR_DATE
from game.core.meters import (
    CENTRAL_ASIA,
    INFLUENCE_LABEL,
    LABELS,
    LIMIT_LABELS,
    SIDE_LABEL,
    SIDES,
    STATES,
    WASHINGTON_LABEL,
    band,
    band_spans,
    short_band,
)
from game.core.report import PHASE_TITLES
from game.i18n import _, format_number, p_
from game.speech.sides import power_name, side_name, state_name

if TYPE_CHECKING:
    from game.core.level import Level


def listed(items) -> str:
    """Items in a list as the language runs them together: 'a, b, c'; in Chinese 'a、b、c' (the
    enumeration comma), where an English comma would stand out."""
    # TRANSLATORS: what stands between the items of a list ("a, b, c"); Chinese uses 、
    return _(", ").join(items)


# A quotation inside a quotation takes the language's inner marks: “Sign ‘Power of Siberia 2’”,
# «Подписать „Силу Сибири — 2“».
_INNER_MARKS = str.maketrans({"“": "‘", "”": "’", "«": "„", "»": "“"})


def quoted(name: str) -> str:
    """A card's or an event's name in the language's quotation marks: “name”, «name» in Russian;
    marks of the same kind inside the name become the inner ones."""
    # TRANSLATORS: a card's or an event's name in quotation marks (Russian «…»)
    frame = _("“{name}”")
    opening = frame.partition("{name}")[0][-1:]
    if opening and opening in name:
        name = name.translate(_INNER_MARKS)
    return frame.format(name=name)


def meter_label(name: str) -> str:
    """A meter's name to show: 'military_trust' -> 'Military trust', 'moscow.standing' -> 'Moscow
    standing' ('Москва: авторитет' in Russian)."""
    if name in LABELS:
        return _(LABELS[name])
    head, _dot, tail = name.partition(".")
    if head == "washington":
        return _(WASHINGTON_LABEL).format(power=power_name(tail.removeprefix("thaw_")))
    if head in STATES or head == "central_asia":
        place = _(CENTRAL_ASIA) if head == "central_asia" else state_name(head)
        return _(INFLUENCE_LABEL).format(place=place, power=power_name(tail))
    return _(SIDE_LABEL).format(side=side_name(head), meter=own_meter_label(tail))


def own_meter_label(name: str) -> str:
    """A side's meter without the side's name ('standing' for 'moscow.standing' or 'standing')."""
    tail = name.split(".", 1)[1] if name.split(".", 1)[0] in SIDES else name
    return _(LABELS[tail]) if tail in LABELS else tail.replace("_", " ")


def band_name(name: str) -> str:
    """A band's name (as game.core.meters.band gives it) to show."""
    return _(name)


def band_of(partnership: float) -> str:
    """The band a partnership value falls in, to show."""
    return band_name(band(partnership))


def short_band_name(name: str) -> str:
    """A band's name as a narrow gauge or a chart's margin shows it."""
    return _(short_band(name))


def gauge_band_name(name: str) -> str:
    """A band's name under the partnership's gauge, where each has a fifth of its width: as
    short as the language can make it ('прагм.'); in English the short name of `short_band`."""
    narrow = {
        "estrangement": p_("narrow gauge", "estrangement"),
        "wary": p_("narrow gauge", "wary"),
        "pragmatic": p_("narrow gauge", "pragmatic"),
        "strategic": p_("narrow gauge", "strategic"),
        "alliance": p_("narrow gauge", "alliance"),
    }
    return narrow.get(name) or short_band_name(name)


def band_spans_shown(short: bool = False) -> list[tuple[float, float, str]]:
    """game.core.meters.band_spans with the names translated; `short`, as narrow as the gauge
    names them (a chart's margin)."""
    return [(lo, hi, gauge_band_name(name) if short else _(name)) for lo, hi, name in band_spans(short)]


def limit_label(cause: str) -> str:
    """One of the four limits' names as the ceiling's holder: 'the identity gap'; Washington's
    thaw with the side it warms to, when named by its meter ('washington.thaw_beijing')."""
    if cause.startswith("washington.thaw_"):
        return _("Washington's thaw with {side}").format(
            side=side_name(cause.removeprefix("washington.thaw_"))
        )
    return _(LIMIT_LABELS[cause]) if cause in LIMIT_LABELS else cause.replace("_", " ")


def tag_name(tag: str) -> str:
    """A method tag's name to show ('institutions')."""
    return _(tag)


def tags_shown(tags: object, sep: str = " · ") -> str:
    """Tags' names, sorted as in English, joined with `sep`."""
    return sep.join(tag_name(t) for t in sorted(tags))  # type: ignore[call-overload]


def phase_title(phase: str) -> str:
    """A resolution phase's name to show."""
    return _(PHASE_TITLES[phase]) if phase in PHASE_TITLES else phase.replace("_", " ").capitalize()


def date_of(level: Level, turn: int) -> str:
    """A turn's date in the language in force: 'Spring 2022', «весна 2022 г.», '2022年春'."""
    return _(level.date_frame(turn)).format(
        year=level.year_of(turn), part=(turn - 1) % level.turns_per_year + 1, parts=level.turns_per_year
    )


def plain(x: float) -> str:
    """A figure with as few decimals as it needs (up to two), as f"{x:g}" gives it, in the
    language's numbers: '62.5' ('62,5' in Russian), '60'."""
    return format_number(x, 2).rstrip("0").rstrip(".,") if x % 1 else format_number(x, 0)


def plain_signed(x: float) -> str:
    """A change with as few decimals as it needs, with its sign, as f"{x:+g}" gives it."""
    return (
        format_number(x, 2, sign=True).rstrip("0").rstrip(".,") if x % 1 else format_number(x, 0, sign=True)
    )


def seed_problem(typed: str) -> str:
    """Why `typed` is not a seed ('' when it is one, or empty: the level's own seed is used)."""
    if not typed or typed.isdecimal():  # (digits of any script: int() reads a full-width "２０２２")
        return ""
    # TRANSLATORS: a seed typed with a letter in it, such as the letter O for a zero in "2O22"
    return _("A seed is digits only: “{seed}” has other characters in it.").format(seed=typed)


def date_said(english: str) -> str:
    """A turn's date as the records keep it ('Winter 2022', as `Level.date_frame` writes it in
    English), said in the language in force; anything else as it is."""
    for frame in (*SEASON_DATES, *HALF_DATES, PART_DATE, YEAR_DATE):
        pattern = re.escape(frame).replace(r"\{year\}", r"(?P<year>\d{1,4})")
        pattern = pattern.replace(r"\{part\}", r"(?P<part>\d+)").replace(r"\{parts\}", r"(?P<parts>\d+)")
        found = re.fullmatch(pattern, english.strip())
        if found:
            return _(frame).format(**{k: int(v) for k, v in found.groupdict().items()})
    return english
