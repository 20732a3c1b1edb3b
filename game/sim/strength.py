"""How strong the levels of play are (issue 16): duels on every playable level, from both sides.

The targets: `hard` scores higher than `normal` in at least 65% of games, `normal` higher than
`easy` in at least 65%; doing nothing (`idle`) scores higher than `normal` in at most 10%; and no
fixed card priority scores higher than `hard` in more than 40%. A game's winner is the side whose
agenda score (each against its own agenda, 0-100) is higher, as `duel` judges it; half the games
are played on each side.

The fixed priorities are made for each level from its cards, as a player with no lookahead might
write them: the cards whose printed effects fit the agenda best for their cost (`greedy`), the
cards the normal AI plays most (`favourites`), and the normal AI's three favourites played as the
same plan every turn (`favourite three`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from game.ai import Budget
from game.ai.easy import action_weights
from game.ai.priority import priority_spec
from game.ai.protocol import PLAY
from game.core.level import Level
from game.core.meters import SIDES
from game.sim.batch import run_games
from game.sim.duel import duel

# (agent A, agent B, the bound on A's share of wins, whether it is a least or a most)
HARD_OVER_NORMAL = 0.65
NORMAL_OVER_EASY = 0.65
IDLE_AT_MOST = 0.10
PRIORITY_AT_MOST = 0.40
FAVOURITE_GAMES = 6  # normal-vs-normal games that find the normal AI's favourite cards


@dataclass
class Pairing:
    """A against B on one level: the share of games A scored higher, in all and by A's side."""

    level: str
    a: str  # the agent's name, or the priority's label
    b: str
    games: int
    a_wins: float
    ties: float
    a_wins_as: dict[str, float]
    bound: float
    at_least: bool  # the bound is a least (A must win this often) rather than a most

    @property
    def met(self) -> bool:
        """Whether A's share of wins is on the right side of the bound."""
        return self.a_wins >= self.bound if self.at_least else self.a_wins <= self.bound


def interval(share: float, n: int) -> tuple[float, float]:
    """A 95% interval for a share measured over n games (Wilson's, which stays inside 0-1)."""
    if not n:
        return 0.0, 1.0
    z = 1.96
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def favourites(level: Level, games: int = FAVOURITE_GAMES) -> dict[str, list[str]]:
    """Each side's cards by how often the normal AI plays them, most first (a few seeded games)."""
    counts: dict[str, Counter[str]] = {side: Counter() for side in SIDES}
    for result in run_games(level, range(70_000, 70_000 + games), "normal", "normal"):
        for plans in result.plans:
            for side in SIDES:
                counts[side].update(plans[side])
    order = {a: i for i, a in enumerate(level.actions)}
    return {side: sorted(counts[side], key=lambda a: (-counts[side][a], order[a])) for side in SIDES}


def priorities(level: Level, favourite_games: int = FAVOURITE_GAMES) -> dict[str, str]:
    """The fixed card priorities tried against `hard` on `level`: label -> agent name. Each lists
    both sides' cards, so that one priority plays either side."""
    greedy: list[str] = []
    for side in SIDES:
        weights = action_weights(level, side)
        cost = {a.id: max(1, a.cost) for a in level.side_actions(side)}
        greedy += sorted(weights, key=lambda a: (-(weights[a] - 1.0) / cost[a], a))
    liked = favourites(level, favourite_games)
    return {
        "greedy": priority_spec(greedy),
        "favourites": priority_spec(liked["moscow"] + liked["beijing"]),
        "favourite three": priority_spec(liked["moscow"][:3] + liked["beijing"][:3]),
    }


def measure(
    level: Level,
    games: int,
    seed: int = 0,
    workers: int = 1,
    budget: Budget | None = None,
    progress=None,
    favourite_games: int = FAVOURITE_GAMES,
) -> list[Pairing]:
    """Every pairing of the table on `level`, `games` games each (half on each side)."""
    pairings: list[tuple[str, str, str, float, bool]] = [
        ("hard", "hard", "normal", HARD_OVER_NORMAL, True),
        ("normal", "normal", "easy", NORMAL_OVER_EASY, True),
        ("idle", "idle", "normal", IDLE_AT_MOST, False),
    ]
    pairings += [
        (label, spec, "hard", PRIORITY_AT_MOST, False)
        for label, spec in priorities(level, favourite_games).items()
    ]
    rows = []
    for i, (label, a, b, bound, at_least) in enumerate(pairings):
        d = duel(level, a, b, games, seed=seed, workers=workers, budget=budget)
        rows.append(
            Pairing(level.id, label, b, d["games"], d["a_wins"], d["ties"], d["a_wins_as"], bound, at_least)
        )
        if progress:
            progress(i + 1, len(pairings))
    return rows


def version_of(level: Level) -> str:
    """What a row of the table was measured on: the level's content and the agents' way of playing
    (game.ai.protocol.PLAY), so that a change to either marks the row as measured on another."""
    return f"{level.content_hash} {PLAY}"


def to_json(rows: list[Pairing], command: str, versions: dict[str, str] | None = None) -> dict:
    """The table as the JSON twin of its section in docs/balance.md; `versions` gives the content
    hash of each level as it was measured, so that the report can tell when a level has changed."""
    return {"command": command, "versions": dict(versions or {}), "pairings": [asdict(r) for r in rows]}


def from_json(data: dict) -> list[Pairing]:
    """The table back from its JSON."""
    return [Pairing(**row) for row in data.get("pairings", [])]


# The pairings as the table's columns: (label of A, B, the column's heading).
COLUMNS = (
    ("hard", "normal", "hard beats normal (at least 65%)"),
    ("normal", "easy", "normal beats easy (at least 65%)"),
    ("idle", "normal", "doing nothing beats normal (at most 10%)"),
)


def _cell(r: Pairing) -> str:
    low, high = interval(r.a_wins, r.games)
    mark = "" if r.met else " **missed**"
    return (
        f"{r.a_wins:.0%} [{low:.0%}-{high:.0%}] (as Moscow {r.a_wins_as['moscow']:.0%}, "
        f"as Beijing {r.a_wins_as['beijing']:.0%}){mark}"
    )


def markdown(
    rows: list[Pairing], titles: dict[str, str], command: str, changed: Sequence[str] = ()
) -> list[str]:
    """The section of docs/balance.md that gives the table, as lines. `changed` names the levels
    that are no longer what was measured (their rules, cards or text changed since)."""
    if not rows:
        return []
    levels = list(dict.fromkeys(r.level for r in rows))
    games = sorted({r.games for r in rows})
    lines = [
        "## Strength of the levels of play",
        "",
        f"Written by `{command}`. Duels on every level, {' or '.join(map(str, games))} games a pairing, half "
        "on each side; a game is won by the agent whose agenda score (each against its own agenda) is "
        "higher, and a tie is won by neither. Each share of wins has its 95% interval in brackets, "
        "then the share on each side. The fixed priorities are made from each level's cards: the cards "
        "whose printed effects fit the agenda best for their cost (*greedy*), the cards the normal AI "
        "plays most (*favourites*), and the normal AI's three favourites as the same plan every turn "
        "(*favourite three*).",
        "",
        "| level | "
        + " | ".join(heading for _, _, heading in COLUMNS)
        + " | best fixed priority against hard (at most 40%) |",
        "|---" * (len(COLUMNS) + 2) + "|",
    ]
    for level in levels:
        mine = [r for r in rows if r.level == level]
        cells = []
        for a, b, _ in COLUMNS:
            found = next((r for r in mine if r.a == a and r.b == b), None)
            cells.append(_cell(found) if found else "")
        fixed = [r for r in mine if r.b == "hard" and r.a not in ("hard", "normal", "idle")]
        best = max(fixed, key=lambda r: r.a_wins, default=None)
        cells.append(f"*{best.a}*: {_cell(best)}" if best else "")
        lines.append(f"| {titles.get(level, level)} | " + " | ".join(cells) + " |")
    lines.append("")
    if changed:
        names = ", ".join(titles.get(level, level) for level in changed)
        lines += [
            f"**Measured on an earlier version of {names}.** These levels, or the game's own agents, have "
            "changed since their rows were measured, so their figures may no longer hold. "
            "`python -m game strength " + " ".join(changed) + "` measures them again.",
            "",
        ]
    overall = []
    for a, b, heading in COLUMNS:
        mine = [r for r in rows if r.a == a and r.b == b]
        n = sum(r.games for r in mine)
        if n:
            share = sum(r.a_wins * r.games for r in mine) / n
            low, high = interval(share, n)
            overall.append(f"{heading.split(' (')[0]}: {share:.0%} [{low:.0%}-{high:.0%}] of {n} games")
    fixed = [r for r in rows if r.b == "hard" and r.a not in ("hard", "normal", "idle")]
    if fixed:
        worst = max(fixed, key=lambda r: r.a_wins)
        overall.append(
            f"the fixed priority that did best against hard won {worst.a_wins:.0%} ({worst.level}, *{worst.a}*)"
        )
    lines.append("Over every level: " + "; ".join(overall) + ".")
    missed = [r for r in rows if not r.met]
    lines += [
        "",
        (
            "Missed: " + "; ".join(f"{r.level}, {r.a} against {r.b} ({r.a_wins:.0%})" for r in missed) + "."
            if missed
            else "Every target met."
        ),
    ]
    return lines
