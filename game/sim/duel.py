"""Head to head: agent A against agent B, half the games on each side, the winner judged by agenda
score (each side's score against its own agenda, 0-100)."""

from __future__ import annotations

from game.ai import Budget
from game.core.meters import other
from game.sim import batch
from game.sim.batch import play_one, worker_pool


def _one(args, level=None):
    level = level or batch._WORKER_LEVEL
    seed, a, b, budget = args
    a_side = "moscow" if seed % 2 == 0 else "beijing"
    b_side = other(a_side)
    agents = {a_side: a, b_side: b}
    result = play_one(level, seed, agents["moscow"], agents["beijing"], budget=budget)
    return a_side, result.scores[a_side], result.scores[b_side]


def duel_rows(
    level,
    pairs: list[tuple[str, str]],
    games: int,
    seed: int = 0,
    workers: int = 1,
    budget: Budget | None = None,
    progress=None,
) -> list[list[tuple[str, float, float]]]:
    """Each pair's duel, seeds `seed` on, through one pool of workers for all of them: for each
    pair, each game's (A's side, A's agenda score, B's). A plays Moscow on even seeds and Beijing
    on odd ones. `progress`, if given, is called with (games played, games in all)."""
    jobs = [(s, a, b, budget) for a, b in pairs for s in range(seed, seed + games)]
    flat: list[tuple[str, float, float]] = []
    if workers > 1:
        with worker_pool(level, workers) as pool:
            for row in pool.map(_one, jobs, chunksize=max(1, len(jobs) // (workers * 4))):
                flat.append(row)
                if progress is not None:
                    progress(len(flat), len(jobs))
    else:
        for job in jobs:
            flat.append(_one(job, level))
            if progress is not None:
                progress(len(flat), len(jobs))
    return [flat[i * games : (i + 1) * games] for i in range(len(pairs))]


def duel_games(
    level, a: str, b: str, games: int, seed: int = 0, workers: int = 1, budget: Budget | None = None
) -> list[tuple[str, float, float]]:
    """Each game of one duel (see duel_rows)."""
    return duel_rows(level, [(a, b)], games, seed, workers, budget)[0]


def duel(
    level, a: str, b: str, games: int, seed: int = 0, workers: int = 1, budget: Budget | None = None
) -> dict:
    """How often A's agenda score beat B's, over `games` games, half on each side."""
    rows = duel_games(level, a, b, games, seed, workers, budget)
    won = {"moscow": [0, 0], "beijing": [0, 0]}
    a_wins = b_wins = ties = 0
    for side, sa, sb in rows:
        won[side][1] += 1
        if sa > sb:
            a_wins += 1
            won[side][0] += 1
        elif sb > sa:
            b_wins += 1
        else:
            ties += 1
    n = len(rows)
    return {
        "games": n,
        "a": a,
        "b": b,
        "a_wins": round(a_wins / n, 4),
        "b_wins": round(b_wins / n, 4),
        "ties": round(ties / n, 4),
        "a_wins_as": {s: round(w / t, 4) if t else 0.0 for s, (w, t) in won.items()},
    }
