"""The campaign's balance: how often each side reaches its agenda, by agent, for every level.

The bands (issue 5): with `normal` on both sides, each side wins (reaches its agenda's `win_at`)
in 30-70% of games; and `hard` scores higher than `easy` in at least 70% of games, playing either
side. `python -m game balance` measures them and writes docs/balance.md, with a JSON twin that the
tests read; the level's content hash is stored beside its figures, so a report about an older
version of a level is known to be stale.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from game.ai import Budget
from game.core.level import Level
from game.sim.batch import run_games, summary
from game.sim.duel import duel

WIN_BAND = (0.30, 0.70)
HARD_OVER_EASY = 0.70


@dataclass
class LevelBalance:
    level: str
    title: str
    content_hash: str
    games: int
    normal_wins: dict[str, float]  # side -> share of normal-vs-normal games it reached its agenda
    normal_outcomes: dict[str, float]  # outcome -> share of normal-vs-normal games
    normal_mean_score: dict[str, float]
    duel_games: int
    hard_beats_easy: dict[str, float]  # side hard played -> share of games it outscored easy
    easy_outcomes: dict[str, float] = field(default_factory=dict)  # outcome -> share, easy vs easy
    easy_wins: dict[str, float] = field(default_factory=dict)

    def problems(self) -> list[str]:
        """What leaves the bands, in words; empty when the level is balanced."""
        out = []
        low, high = WIN_BAND
        for side, share in self.normal_wins.items():
            if not low <= share <= high:
                out.append(
                    f"{self.level}: normal as {side} wins {share:.1%} against normal "
                    f"(band {low:.0%}-{high:.0%})"
                )
        for side, share in self.hard_beats_easy.items():
            if share < HARD_OVER_EASY:
                out.append(
                    f"{self.level}: hard as {side} beats easy in {share:.1%} (needs {HARD_OVER_EASY:.0%})"
                )
        return out


def interval(share: float, n: int) -> float:
    """Half the width of a 95% interval for a share measured over n games."""
    return 1.96 * math.sqrt(share * (1 - share) / n) if n else 0.0


def measure(
    level: Level,
    games: int = 500,
    duel_games: int = 100,
    seed: int = 0,
    workers: int = 1,
    easy_games: int | None = None,
    progress=None,
    budget: Budget | None = None,
) -> LevelBalance:
    normal = summary(
        run_games(level, range(seed, seed + games), "normal", "normal", workers=workers, progress=progress)
    )
    easy = summary(
        run_games(level, range(seed, seed + (easy_games or games)), "easy", "easy", workers=workers)
    )
    # (budget: how long hard thinks; None, its own default, as the shipped report is measured)
    d = duel(level, "hard", "easy", duel_games, seed=seed, workers=workers, budget=budget)
    return LevelBalance(
        level.id,
        level.title,
        level.content_hash,
        games,
        normal["wins"],
        _outcome_shares(normal),
        normal["mean_score"],
        duel_games,
        d["a_wins_as"],
        _outcome_shares(easy),
        easy["wins"],
    )


def _outcome_shares(summed: dict[str, Any]) -> dict[str, float]:
    """Each outcome's share of the games a `summary` sums up."""
    return {k: round(v / summed["games"], 4) for k, v in summed["outcomes"].items()}


def to_json(results: list[LevelBalance], command: str) -> dict:
    return {
        "command": command,
        "win_band": list(WIN_BAND),
        "hard_over_easy": HARD_OVER_EASY,
        "levels": [asdict(r) for r in results],
    }


def from_json(data: dict) -> list[LevelBalance]:
    return [LevelBalance(**row) for row in data["levels"]]


def markdown(results: list[LevelBalance], command: str, strength: list[str] | None = None) -> str:
    """The report: the bands, a summary table, `strength` (the section game.sim.strength writes,
    as lines) when given, then each level's figures."""
    low, high = WIN_BAND
    lines = [
        "# Balance report",
        "",
        f"Written by `{command}`; do not edit by hand. The JSON beside it (`balance.json`) holds the",
        "same figures for the tests, which fail when a shipped level leaves the bands or has changed",
        "since this report was written.",
        "",
        "A side *wins* when its agenda score reaches the agenda's `win_at` (both sides can win, or both",
        "lose). The bands:",
        f"- `normal` against `normal`: each side wins in {low:.0%}-{high:.0%} of games;",
        f"- `hard` against `easy`: hard scores higher than easy in at least {HARD_OVER_EASY:.0%} of games, on",
        "  either side.",
        "",
        "Shares are over seeded games (seeds 0, 1, 2, …); ± is a 95% interval.",
        "",
        "## Summary",
        "",
        "| level | normal vs normal: Moscow wins | Beijing wins | hard beats easy as Moscow | as Beijing | in band |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        nm, nb = r.normal_wins["moscow"], r.normal_wins["beijing"]
        hm, hb = r.hard_beats_easy["moscow"], r.hard_beats_easy["beijing"]
        lines.append(
            f"| {r.title} (`{r.level}`) | {nm:.1%} ± {interval(nm, r.games):.1%} | "
            f"{nb:.1%} ± {interval(nb, r.games):.1%} | {hm:.0%} | {hb:.0%} | "
            f"{'yes' if not r.problems() else 'NO'} |"
        )
    if strength:
        lines += ["", *strength]
    for r in results:
        counts = (
            f"Content hash `{r.content_hash[:16]}`; {r.games} games of normal against normal and of easy "
            f"against easy; {r.duel_games} games of hard against easy, half on each side."
        )
        normal_row = (
            f"| normal vs normal | {r.normal_wins['moscow']:.1%} | {r.normal_wins['beijing']:.1%} | "
            f"{r.normal_mean_score['moscow']:.1f} | {r.normal_mean_score['beijing']:.1f} |"
        )
        lines += [
            "",
            f"## {r.title}",
            "",
            counts,
            "",
            "| agents | Moscow wins | Beijing wins | Moscow mean score | Beijing mean score |",
            "|---|---|---|---|---|",
            normal_row,
        ]
        if r.easy_wins:
            lines.append(f"| easy vs easy | {r.easy_wins['moscow']:.1%} | {r.easy_wins['beijing']:.1%} | | |")
        lines += ["", "| outcome | share, normal vs normal | share, easy vs easy |", "|---|---|---|"]
        # Ties broken by the easy share, then the name: a set's order changes from one process to
        # the next, and the report is regenerated and diffed.
        for name in sorted(
            set(r.normal_outcomes) | set(r.easy_outcomes),
            key=lambda k: (-r.normal_outcomes.get(k, 0), -r.easy_outcomes.get(k, 0), k),
        ):
            lines.append(
                f"| `{name}` | {r.normal_outcomes.get(name, 0):.1%} | {r.easy_outcomes.get(name, 0):.1%} |"
            )
        problems = r.problems()
        lines += ["", "Out of band: " + "; ".join(problems) if problems else "Within every band."]
    return "\n".join(lines) + "\n"
