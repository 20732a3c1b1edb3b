"""The names of every meter, and their ranges: the vocabulary shared by engine, levels and UI."""

from __future__ import annotations

from typing import Literal

from game.core.words import N_

Side = Literal["moscow", "beijing"]
SIDES: tuple[Side, Side] = ("moscow", "beijing")
POWERS = ("moscow", "beijing", "west")
STATES = ("kazakhstan", "uzbekistan", "kyrgyzstan", "tajikistan", "turkmenistan")

PILLARS = ("military_trust", "economic_ties", "shared_stance")
LIMITS = ("identity_gap", "method_divergence", "central_asia_rivalry")
# The identity gap's two halves (DESIGN §1): Moscow's wish for a seat at the Western table and
# Beijing's aim to lead. The gap follows them slowly.
IDENTITY_HALVES = ("western_pull", "leadership_aim")
SHARED = (
    "partnership",
    "partnership_ceiling",
    *PILLARS,
    "trust",
    "distrust",
    *LIMITS,
    *IDENTITY_HALVES,
    "middle_corridor",
)
# Shared meters a level may leave out of [start]: each starts from the meter named here, so that a
# level written before they existed still loads with the same meaning.
START_FROM = {"trust": "partnership", "western_pull": "identity_gap", "leadership_aim": "identity_gap"}
SIDE_METERS = ("economy", "security", "standing", "capital", "freed_forces", "dependence")
WASHINGTON = ("washington.thaw_moscow", "washington.thaw_beijing")

# Meters the rules compute themselves; a level may set their start but no action or event may
# push them, because their whole meaning is "what the rules derive from the rest".
DERIVED = frozenset({"partnership_ceiling"})


def other(side: str) -> Side:
    """The other playable side: Moscow's partner is Beijing, and Beijing's is Moscow."""
    return "beijing" if side == "moscow" else "moscow"


def side_meter(side: str, name: str) -> str:
    """A side's own meter: ('moscow', 'standing') -> 'moscow.standing'."""
    return f"{side}.{name}"


def influence_meter(state: str, power: str) -> str:
    """A power's share in a state: ('kazakhstan', 'beijing') -> 'kazakhstan.beijing'."""
    return f"{state}.{power}"


ALL_METERS: tuple[str, ...] = (
    *SHARED,
    *(side_meter(s, m) for s in SIDES for m in SIDE_METERS),
    *WASHINGTON,
    *(influence_meter(st, p) for st in STATES for p in POWERS),
)

INFLUENCE_METERS = frozenset(influence_meter(st, p) for st in STATES for p in POWERS)

# Names an expression may read that are computed from meters, never stored.
AGGREGATES = (
    *(f"central_asia.{p}" for p in POWERS),
    "northern_corridor",
)

# Effects may name a whole region: `central_asia.beijing = 3` shifts every state by 3.
REGION_TARGETS = frozenset(f"central_asia.{p}" for p in POWERS)

CAPITAL_MAX = 30.0


def meter_range(name: str) -> tuple[float, float]:
    """The range a meter is clamped to: 0-100, political capital 0-30."""
    return RANGES.get(name, (0.0, 100.0))


RANGES = {m: ((0.0, CAPITAL_MAX) if m.endswith(".capital") else (0.0, 100.0)) for m in ALL_METERS}


def aggregate_value(meters: dict[str, float], name: str) -> float:
    """A computed name's value: a power's mean share in Central Asia, or the Northern Corridor's share."""
    if name == "northern_corridor":
        return 100.0 - meters["middle_corridor"]
    power = name.split(".", 1)[1]
    return sum(meters[f"{st}.{power}"] for st in STATES) / len(STATES)


LABELS = {
    "partnership": N_("Partnership"),
    "partnership_ceiling": N_("Partnership ceiling"),
    "military_trust": N_("Military trust"),
    "economic_ties": N_("Economic ties"),
    "shared_stance": N_("Shared stance"),
    "trust": N_("Trust"),
    "distrust": N_("Distrust"),
    "identity_gap": N_("Identity gap"),
    "western_pull": N_("Moscow's pull to the West"),
    "leadership_aim": N_("Beijing's aim to lead"),
    "method_divergence": N_("Divergent methods"),
    "central_asia_rivalry": N_("Central Asian rivalry"),
    "middle_corridor": N_("Middle Corridor share"),
    "northern_corridor": N_("Northern Corridor share"),
    "economy": N_("economy"),
    "security": N_("security"),
    "standing": N_("standing"),
    "capital": N_("political capital"),
    "freed_forces": N_("freed forces"),
    "dependence": N_("dependence"),
}


# The four limits as the ceiling and the report name them: three shared meters and Washington.
LIMIT_CAUSES = ("identity_gap", "method_divergence", "central_asia_rivalry", "us_normalization")
LIMIT_LABELS = {
    "identity_gap": N_("the identity gap"),
    "method_divergence": N_("divergent methods"),
    "central_asia_rivalry": N_("rivalry in Central Asia"),
    "us_normalization": N_("Washington's thaw"),
}

# The partnership's bands (DESIGN §1), lowest first: (lower bound, name).
BANDS = (
    (0.0, N_("estrangement")),
    (20.0, N_("wary")),
    (40.0, N_("pragmatic")),
    (60.0, N_("strategic partnership")),
    (80.0, N_("alliance")),
)


# Where a band's name must fit a narrow gauge or a chart's margin, it goes by a shorter one.
SHORT_BAND_NAMES = {"strategic partnership": N_("strategic")}


def band(partnership: float) -> str:
    """The band's name for a partnership value: 59.99 is still pragmatic, 60 is strategic."""
    name = BANDS[0][1]
    for low, band_name in BANDS:
        if partnership >= low:
            name = band_name
    return name


def short_band(name: str) -> str:
    """A band's name as a narrow gauge or a chart's margin gives it: 'strategic partnership' -> 'strategic'."""
    return SHORT_BAND_NAMES.get(name, name)


def band_spans(short: bool = False) -> tuple[tuple[float, float, str], ...]:
    """The bands as (low, high, name), lowest first, the last ending at the partnership's top.

    A value belongs to the span with low <= value < high (the top value to the last span), as
    `band` says; `short` gives the names of `short_band`."""
    tops = [low for low, _ in BANDS[1:]] + [meter_range("partnership")[1]]
    return tuple(
        (low, high, short_band(name) if short else name)
        for (low, name), high in zip(BANDS, tops, strict=True)
    )


def label(name: str) -> str:
    """A meter's name as a player reads it: 'moscow.standing' -> 'Moscow standing'."""
    if name in LABELS:
        return LABELS[name]
    head, _, tail = name.partition(".")
    if head == "washington":
        return WASHINGTON_LABEL.format(power=tail.removeprefix("thaw_").capitalize())
    if head in STATES or head == "central_asia":
        place = CENTRAL_ASIA if head == "central_asia" else head.capitalize()
        return INFLUENCE_LABEL.format(place=place, power=tail.capitalize())
    return SIDE_LABEL.format(side=head.capitalize(), meter=LABELS.get(tail, tail.replace("_", " ")))


# The frames `label` builds the other meters' names in (marked for the interface's catalogue).
WASHINGTON_LABEL = N_("US thaw with {power}")
INFLUENCE_LABEL = N_("{place}: {power} influence")
SIDE_LABEL = N_("{side} {meter}")
CENTRAL_ASIA = N_("Central Asia")
