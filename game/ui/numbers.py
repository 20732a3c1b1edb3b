"""How the game shows a number that stands beside a threshold, and goal points that add up.

A figure beside a threshold must never read as meeting it when it does not: 45.5 beside "46 or
more" shows as 45.5, not 46, and 59.96 beside "60 or more" as 59.96, not 60.0. The rule is one:
as few decimals as the place wants, and more while the rounded figure would fall on the other
side of a threshold than the value does. The figures are written as the language in force
writes them (game.i18n.format_number: 45,5 in Russian and Turkish), rounded as here. No pygame here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from game.i18n import format_number


def _side(x: float, threshold: float) -> int:
    return (x > threshold) - (x < threshold)


def decimals_for(value: float, thresholds: Iterable[float] = (), least: int = 0, most: int = 2) -> int:
    """How many decimals `shown` gives `value`."""
    limits = list(thresholds)
    for decimals in range(least, most + 1):
        text = f"{value:.{decimals}f}"
        if all(_side(float(text), t) == _side(value, t) for t in limits):
            return decimals
    return most


def shown(value: float, thresholds: Iterable[float] = (), least: int = 0, most: int = 2) -> str:
    """`value` with `least` decimals, or more (up to `most`) while rounding it would put it on
    another side of one of `thresholds` (above, on or below) than it really is."""
    return format_number(value, decimals_for(value, thresholds, least, most))


def shown_pair(before: float, after: float, thresholds: Iterable[float] = ()) -> tuple[str, str]:
    """Two values of one meter side by side ("now 65.6, then 63.6"), each as `shown` would give
    it, both with the decimals the more exact one needs: "now 66, then 63.6" read as a fall of
    2.4 where the card said 2."""
    limits = list(thresholds)
    d = max(decimals_for(before, limits), decimals_for(after, limits))
    return format_number(before, d), format_number(after, d)


def change_decimals(before: float, after: float, least: int = 1, most: int = 2) -> int:
    """The fewest decimals (from `least`) at which "from B to A" and the change A − B read alike:
    41.84 to 43.86 at one decimal reads "from 41.8 to 43.9" beside "+2.0", which does not add
    up, and is given two; 0.04 apart, the two would read the same, and are given two as well."""
    delta = after - before
    for d in range(least, most + 1):
        b, a, c = float(f"{before:.{d}f}"), float(f"{after:.{d}f}"), float(f"{delta:.{d}f}")
        if b != a and f"{a - b:.{d}f}" == f"{c:.{d}f}":
            return d
    return most


def goal_points(weights: Sequence[float], total: int = 100) -> list[str]:
    """Each goal's share of `total` points, to a tenth, adding up to `total` exactly (the
    tenths are shared out by largest remainder): 3:2:1:1:1 gives 37.5, 25, 12.5, 12.5, 12.5."""
    whole = sum(weights) or 1.0
    exact = [10 * total * w / whole for w in weights]
    tenths = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - tenths[i], reverse=True)
    for i in by_remainder[: 10 * total - sum(tenths)] if sum(weights) else []:
        tenths[i] += 1
    return [format_number(t / 10, 0 if t % 10 == 0 else 1) for t in tenths]
