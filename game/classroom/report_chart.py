"""The class report's chart: every group's partnership over the turns, over the partnership's
bands, written as a PNG with `game.charts` (which needs no window and imports no screen)."""

from __future__ import annotations

from pathlib import Path

from game.charts.png import save_chart_png
from game.classroom.compare import same_game_clusters
from game.classroom.escape import plain
from game.classroom.read_exports import GroupExport
from game.i18n import _
from game.palette import STANDARD
from game.speech.words import band_spans_shown

CHART_SIZE = (1400, 800)
_LEGEND_CHARS = 60


def chart_series(groups: list[GroupExport]) -> tuple[dict[str, list[float]], list[str]]:
    """One partnership series per group, under a short unique legend name, and the x labels.

    Series of different lengths are drawn as they are: turn i sits at the same x in every series,
    and a group that played fewer turns simply ends earlier."""
    series: dict[str, list[float]] = {}
    for g in groups:
        name = base = _shorten(g.name)
        n = 2
        while name in series:  # two long names may shorten to the same
            name, n = f"{base} ({n})", n + 1
        series[name] = list(g.record.partnership)
    longest = max((len(v) for v in series.values()), default=0)
    return series, [_("start"), *(str(i) for i in range(1, longest))]


def _shorten(name: str) -> str:
    # Cut from the middle: the end often holds what tells two groups apart (the folder's name).
    if len(name) <= _LEGEND_CHARS:
        return name
    head = (_LEGEND_CHARS - 1) // 2
    return name[:head] + "…" + name[len(name) - (_LEGEND_CHARS - 1 - head) :]


def chart_title(groups: list[GroupExport]) -> str:
    """The chart's title: the level and seed when every group played the same game."""
    clusters = same_game_clusters(groups)
    if len(clusters) == 1:
        r = groups[0].record
        return plain(
            _("{level}, seed {seed}: partnership, group by group").format(
                level=r.level_title[:80], seed=r.seed
            )
        )
    return _("Partnership, group by group")


def write_class_chart(path: Path, groups: list[GroupExport]) -> Path:
    """Draw the groups' partnership chart and write it to `path` (its folder must exist)."""
    series, x_labels = chart_series(groups)
    return save_chart_png(
        path,
        series,
        chart_title(groups),
        size=CHART_SIZE,
        palette=STANDARD,
        x_labels=x_labels,
        bands=band_spans_shown(short=True),
        y_range=(0, 100),
    )
