"""A card's immediate effects in words, for its tooltip and the board's card text."""

from __future__ import annotations

from game.core.meters import STATES
from game.i18n import _, format_number
from game.speech.sides import power_name, state_name
from game.speech.words import meter_label


def signed(x: float) -> str:
    return format_number(x, 1, sign=True)


def signed_change(x: float) -> str:
    """`signed`, with a second decimal for a change too small for the first: a cause listed as
    "+0.0" read as one that did nothing."""
    if x and abs(x) < 0.05:
        return format_number(x, 2, sign=True)
    return signed(x)


def summarise_changes(changes, side: str) -> list[str]:
    """Plain meters by name; influence in Central Asia by power, gains and losses alike.

    Influence is the share a power holds in each of five states; the region's figure (the one
    agendas name) is their mean. So a move of 1 point in every state reads as 1 point across
    Central Asia, not 5; a move in some states only is given as its effect on that mean. The
    side's own power comes first, since it is what the player weighs."""
    plain: dict[str, float] = {}
    influence: dict[str, dict[str, float]] = {}
    for c in changes:
        if c.meter.endswith(".capital"):
            continue  # the cost, shown on the card itself
        place, _dot, power = c.meter.partition(".")
        if place in STATES:
            places = influence.setdefault(power, {})
            places[place] = places.get(place, 0.0) + c.delta
        else:
            plain[c.meter] = plain.get(c.meter, 0.0) + c.delta
    out = [f"{signed(d)} {meter_label(m)}" for m, d in plain.items() if abs(d) >= 0.05]
    for power in sorted(influence, key=lambda p: (p != side, p)):
        places = {p: d for p, d in influence[power].items() if abs(d) >= 0.05}
        if not places:
            continue
        name = power_name(power)
        mean = signed(sum(places.values()) / len(STATES))
        if len(places) == 1:
            place, delta = next(iter(places.items()))
            out.append(
                _("{change} {power} influence in {state}").format(
                    change=signed(delta), power=name, state=state_name(place)
                )
            )
        elif len(places) == len(STATES) and max(places.values()) - min(places.values()) < 0.05:
            out.append(
                _("{change} {power} influence in every Central Asian state").format(change=mean, power=name)
            )
        else:
            out.append(
                _("{change} {power} influence across Central Asia (on average)").format(
                    change=mean, power=name
                )
            )
    return out
