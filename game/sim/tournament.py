"""A round robin: every agent against every other, on one level or several, for a class's AI
tournament (docs/agents.md).

Each pairing is a duel (game.sim.duel): the same seeds for every pairing, half the games with each
agent as Moscow, and a game is won by the agent whose agenda score (each against its own agenda)
is higher. A win counts 1 point, a tie half a point. Agents are ranked by their share of the
points they could have won, then by their mean margin (their score less the opponent's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from game.ai import Budget
from game.core.level import Level
from game.sim.duel import duel_rows


@dataclass
class Record:
    """One agent's games in the tournament."""

    agent: str
    won: int = 0
    tied: int = 0
    lost: int = 0
    margin: float = 0.0  # summed: its score less the opponent's
    against: dict[str, float] = field(default_factory=dict)  # opponent -> points won against it

    @property
    def played(self) -> int:
        return self.won + self.tied + self.lost

    @property
    def points(self) -> float:
        return self.won + 0.5 * self.tied

    @property
    def share(self) -> float:
        """Its points as a share of the games it played (0-1)."""
        return self.points / self.played if self.played else 0.0

    @property
    def mean_margin(self) -> float:
        return self.margin / self.played if self.played else 0.0


@dataclass
class Tournament:
    """What a round robin came to: each agent's record, best first, and how many games each pairing
    played on each level."""

    levels: list[str]
    games: int  # a pairing's games on each level
    standings: list[Record]

    @property
    def met(self) -> int:
        """The games any two agents played each other (the same number on each level)."""
        return self.games * len(self.levels)

    def to_json(self) -> dict:
        """The figures as plain data (`tournament --json`)."""
        return {
            "levels": self.levels,
            "games_per_pairing": self.games,
            "standings": [
                {
                    "rank": rank,
                    "agent": r.agent,
                    "played": r.played,
                    "won": r.won,
                    "tied": r.tied,
                    "lost": r.lost,
                    "points": r.points,
                    "share": round(r.share, 4),
                    "mean_margin": round(r.mean_margin, 2),
                    "against": {o: round(p / self.met, 4) for o, p in r.against.items()},
                }
                for rank, r in enumerate(self.standings, 1)
            ],
        }


def round_robin(
    levels: list[Level],
    agents: list[str],
    games: int,
    seed: int = 0,
    workers: int = 1,
    budget: Budget | None = None,
    progress=None,
) -> Tournament:
    """Every pair of `agents` in a duel of `games` games on each level (the same seeds for all).
    `progress`, if given, is called after each game with (games played, games in all)."""
    records = {a: Record(a, against={o: 0.0 for o in agents if o != a}) for a in agents}
    pairs = list(combinations(agents, 2))
    done = 0
    for level in levels:
        # One pool of workers for all of a level's pairings: a pool started for each of them
        # would start the processes (and send them the level) hundreds of times over.
        def told(played: int, _total: int, before: int = done) -> None:
            if progress is not None:
                progress(before + played, len(levels) * len(pairs) * games)

        for (a, b), rows in zip(
            pairs, duel_rows(level, pairs, games, seed, workers, budget, told), strict=True
        ):
            for _side, score_a, score_b in rows:
                ra, rb = records[a], records[b]
                ra.margin += score_a - score_b
                rb.margin += score_b - score_a
                if score_a > score_b:
                    ra.won, rb.lost = ra.won + 1, rb.lost + 1
                    ra.against[b] += 1.0
                elif score_b > score_a:
                    rb.won, ra.lost = rb.won + 1, ra.lost + 1
                    rb.against[a] += 1.0
                else:
                    ra.tied, rb.tied = ra.tied + 1, rb.tied + 1
                    ra.against[b] += 0.5
                    rb.against[a] += 0.5
        done += len(pairs) * games
    # Best first: share of points, then mean margin; the name last, so that the order is fixed.
    standings = sorted(records.values(), key=lambda r: (-r.share, -r.mean_margin, r.agent))
    return Tournament([level.id for level in levels], games, standings)


def standings_markdown(t: Tournament) -> str:
    """The standings and the cross table as Markdown tables (what `tournament` prints)."""
    names = [r.agent for r in t.standings]

    def cell(agent: str) -> str:
        # (an agent of one's own is named by its file's path, which may hold a table's marks)
        return "`" + agent.replace("`", "'").replace("|", "\\|") + "`"

    lines = [
        f"Round robin on {', '.join(t.levels)}: {t.games} games a pairing on each level, half on each "
        "side; a win is a higher agenda score, 1 point, a tie half a point.",
        "",
        "| rank | agent | played | won | tied | lost | points | share | mean margin |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for rank, r in enumerate(t.standings, 1):
        lines.append(
            f"| {rank} | {cell(r.agent)} | {r.played} | {r.won} | {r.tied} | {r.lost} | {r.points:g} | "
            f"{r.share:.0%} | {r.mean_margin:+.1f} |"
        )
    lines += [
        "",
        "Points won by the agent of the row against the agent of the column, as a share of their games:",
        "",
        "| | " + " | ".join(cell(n) for n in names) + " |",
        "|---" * (len(names) + 1) + "|",
    ]
    for r in t.standings:
        cells = ["" if o == r.agent else f"{r.against[o] / t.met:.0%}" for o in names]
        lines.append(f"| {cell(r.agent)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
