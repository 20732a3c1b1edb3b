"""The classroom cut measured: both sides' shares of wins in games ended at a level's cut and scored
provisionally, as a short classroom session is (docs/classroom.md, "Short sessions").

A game an agent cannot finish (it raises) is not counted and is named with its seed and why, so
that a table never hides a game it left out.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from game.core.engine import provisional_goals
from game.core.level import Goal, Level
from game.core.meters import AGGREGATES, aggregate_value
from game.sim.batch import GameResult, play_one

BAND = (0.3, 0.7)  # each side's share of wins at the cut, as the campaign is balanced


@dataclass
class CutBalance:
    """Both sides' shares of wins and mean provisional scores at one level's cut."""

    level_id: str
    title: str
    turns: int
    cut: int
    games: int  # games played to the cut (those left out are in `failed`)
    wins: dict[str, float]
    mean_score: dict[str, float]
    failed: list[tuple[int, str]] = field(default_factory=list)  # (seed, why) of games left out

    def in_band(self) -> bool:
        """Whether each side wins a share of the games inside BAND."""
        low, high = BAND
        return self.games > 0 and all(low <= share <= high for share in self.wins.values())


def cut_balance(
    level: Level,
    games: int = 100,
    seed: int = 0,
    moscow: str = "normal",
    beijing: str = "normal",
    cut: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CutBalance:
    """Play `games` seeded games (seeds `seed`, `seed`+1, ...) to `cut` (None: the level's cut)."""
    turn = level.cut if cut is None else cut
    if turn is None:
        raise ValueError(f"level '{level.id}' has no classroom cut")
    results: list[GameResult] = []
    failed: list[tuple[int, str]] = []
    for i, game_seed in enumerate(range(seed, seed + games), start=1):
        try:
            results.append(play_one(level, game_seed, moscow, beijing, cut=turn))
        except ValueError as e:  # an agent's illegal plan: named, never counted
            failed.append((game_seed, str(e)))
        if progress:
            progress(i, games)
    n = len(results)
    sides = ("moscow", "beijing")
    return CutBalance(
        level.id,
        level.title,
        level.turns,
        turn,
        n,
        {s: round(sum(r.won[s] for r in results) / n, 4) if n else 0.0 for s in sides},
        {s: round(statistics.fmean(r.scores[s] for r in results), 2) if n else 0.0 for s in sides},
        failed,
    )


def cut_table(rows: list[CutBalance]) -> str:
    """The Markdown table of docs/classroom.md, "Short sessions"."""
    lines = [
        "| level | turns | cut | games | Moscow wins | Beijing wins | mean score M / B | in band |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        left_out = f" ({len(r.failed)} left out)" if r.failed else ""
        lines.append(
            f"| {r.title} (`{r.level_id}`) | {r.turns} | {r.cut} | {r.games}{left_out} | "
            f"{r.wins['moscow']:.0%} | {r.wins['beijing']:.0%} | "
            f"{r.mean_score['moscow']:.1f} / {r.mean_score['beijing']:.1f} | "
            f"{'yes' if r.in_band() else 'no'} |"
        )
    return "\n".join(lines)


@dataclass
class GoalAtCut:
    """One goal as a session ended at the cut is asked for it, and how the games met it there: what
    a modder reads to set a goal at the cut (docs/modding.md, "A classroom cut")."""

    side: str
    asked: Goal  # the goal pro-rated to the cut
    own_path: bool  # set in the level's [classroom] table, not at the common pace
    met: float  # the share of the games that reached the cut and met it there
    median: float  # the meter's median at the cut in those games


def goals_at_cut(level: Level, results: list[GameResult], cut: int) -> list[GoalAtCut]:
    """Each side's goals at `cut`, over the games that reached it (a game that ended before it is
    scored by its own end)."""
    reached = [r for r in results if len(r.series) >= cut]
    own = {(c.side, c.meter) for c in level.cut_goals} if cut == level.cut else set()
    out = []
    for side, goals in provisional_goals(level, cut).items():
        for g in goals:
            values = sorted(
                aggregate_value(r.series[cut - 1], g.meter)
                if g.meter in AGGREGATES
                else r.series[cut - 1][g.meter]
                for r in reached
            )
            met = sum(g.met(v) for v in values) / len(values) if values else 0.0
            median = statistics.median(values) if values else float("nan")
            out.append(GoalAtCut(side, g, (side, g.meter) in own, round(met, 4), round(median, 2)))
    return out
