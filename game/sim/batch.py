"""Play many seeded games, in one process or several, and sum them up.

Each game depends only on its seed, its agents and its variation, so the results are the same
whatever the number of worker processes: games are handed out by seed and gathered in seed order.
"""

from __future__ import annotations

import os
import statistics
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from game.ai import Budget, decide, make_agent
from game.core import (
    end_now,
    initial_state,
    is_legal_plan,
    is_terminal,
    provisional_scores,
    provisional_winners,
    resolve_turn,
    scores,
    winners,
)
from game.core.level import Level
from game.core.meters import LIMIT_CAUSES, SIDES
from game.core.phases import final_outcome
from game.core.summit import WORD_BROKEN, Settled, agree
from game.session.summit_table import Table, summit_between
from game.sim.variation import Variation

NO_CHANGE = Variation()


@dataclass
class GameResult:
    seed: int
    outcome: str
    scores: dict[str, float]
    won: dict[str, bool]
    final: dict[str, float]
    series: list[dict[str, float]]  # the meters after each turn
    causes: list[dict[str, float]]  # per turn: "meter|cause" -> summed change (rules and events)
    plans: list[dict[str, tuple[str, ...]]]
    # Per turn, the limit that weighed most on the ceiling when it held the partnership down, or
    # None when it did not bind; and the sides Washington normalized with, in order.
    binding: list[str | None]
    normalized: tuple[str, ...]
    # The summits' terms: how many were offered (counters included), agreed, kept and broken.
    summit: dict[str, int] = field(default_factory=dict)
    # Per turn, whether the war went on through it (set before the turn and still set after): a
    # war a side ends with a ceasefire stops counting as one from the turn it ends.
    at_war: list[bool] = field(default_factory=list)

    def at(self, turn: int, meter: str) -> float:
        """A meter at the end of `turn` (or at the end of the game, if it ended earlier)."""
        return self.series[min(turn, len(self.series)) - 1][meter]


def play_one(
    level: Level,
    seed: int,
    moscow: str,
    beijing: str,
    variation: Variation = NO_CHANGE,
    detail: bool = False,
    budget: Budget | None = None,
    cut: int | None = None,
) -> GameResult:
    """One game. With `detail`, also sum each turn's changes by cause (slower). `budget` is how
    long the agents that search may think (None: their own default, a number of iterations).
    With `cut`, the game ends after that turn, as a classroom session ended at a cut does, and is
    scored provisionally (unless it reached an outcome by itself before)."""
    varied = variation.apply(level)
    agents = {
        "moscow": make_agent(moscow, "moscow", seed, budget),
        "beijing": make_agent(beijing, "beijing", seed, budget),
    }
    state = initial_state(varied, seed)
    series, causes, plans_played, binding, at_war = [], [], [], [], []
    war_flag = varied.rules.war_flag
    summits: list[Table] = []
    settled: list[Settled] = []
    while not is_terminal(state) and (cut is None or state.turn <= cut):
        state, table = summit_between(state, agents)
        if table is not None:
            summits.append(table)
        if state.turn in variation.terms:
            state = agree(state, variation.terms[state.turn])
        plans = {}
        for side, agent in agents.items():
            forced = variation.plans.get((state.turn, side))
            plans[side] = (
                forced
                if forced is not None and is_legal_plan(state, side, forced)
                else decide(agent, state, side)
            )
        war_before = bool(state.flags.get(war_flag))
        state, report = resolve_turn(state, plans, variation.injected(varied, state.turn), record=detail)
        at_war.append(war_before and bool(state.flags.get(war_flag)))
        series.append(dict(state.meters))
        totals: dict[str, float] = {}
        for c in report.changes:
            if c.cause_kind != "action":
                key = f"{c.meter}|{c.cause_id}"
                totals[key] = totals.get(key, 0.0) + (c.after - c.before)
        causes.append(totals)
        plans_played.append(plans)
        binding.append(report.ceiling_cause)
        settled.extend(report.settled)
    score, won = scores, winners
    if not is_terminal(state):  # stopped at the cut
        state, score, won = end_now(state), provisional_scores, provisional_winners
    return GameResult(
        seed,
        state.outcome or final_outcome(state),
        score(state),
        won(state),
        dict(state.meters),
        series,
        causes,
        plans_played,
        binding,
        state.normalized,
        summit_shares(summits, settled),
        at_war,
    )


def summit_shares(summits: list[Table], settled: list[Settled]) -> dict[str, int]:
    """A game's summits in counts: summits held, terms offered and agreed, parts kept and broken
    (a warning heeded counts as kept, one defied as broken)."""
    entries = [e for t in summits for e in t.entries()]
    return {
        "summits": len(summits),
        "offered": len(entries),
        "accepted": sum(e.agreed for e in entries),
        "kept": sum(s.result in ("kept", "heeded", "carried out") for s in settled),
        "broken": sum(s.result in WORD_BROKEN for s in settled),
    }


_WORKER_LEVEL: Level | None = None


def _set_worker_level(level: Level) -> None:
    # The level goes to each worker once, not with every game.
    global _WORKER_LEVEL
    _WORKER_LEVEL = level


def _play_args(args):
    assert _WORKER_LEVEL is not None, "a worker's level is set when the pool starts it"
    return play_one(_WORKER_LEVEL, *args)


def worker_pool(level: Level, workers: int) -> ProcessPoolExecutor:
    # No more processes than the machine has cores: the results are the same whatever the number,
    # and each process holds a copy of the game.
    workers = max(1, min(workers, os.cpu_count() or 1))
    return ProcessPoolExecutor(max_workers=workers, initializer=_set_worker_level, initargs=(level,))


def run_games(
    level: Level,
    seeds,
    moscow: str,
    beijing: str,
    variation: Variation = NO_CHANGE,
    workers: int = 1,
    progress=None,
    detail: bool = False,
    budget: Budget | None = None,
    cut: int | None = None,
) -> list[GameResult]:
    if not isinstance(seeds, range):
        seeds = list(seeds)
    results: list[GameResult] = []
    if workers <= 1 or len(seeds) <= 1:
        # One game at a time, with no list of jobs made first.
        for seed in seeds:
            results.append(play_one(level, seed, moscow, beijing, variation, detail, budget, cut))
            if progress:
                progress(len(results), len(seeds))
        return results
    jobs = [(seed, moscow, beijing, variation, detail, budget, cut) for seed in seeds]
    with worker_pool(level, workers) as pool:
        for result in pool.map(_play_args, jobs, chunksize=max(1, len(jobs) // (workers * 8))):
            results.append(result)
            if progress:
                progress(len(results), len(jobs))
    return results


def summary(results: list[GameResult]) -> dict:
    """The figures `simulate --json` prints."""
    n = len(results)
    outcomes: dict[str, int] = {}
    for r in results:
        outcomes[r.outcome] = outcomes.get(r.outcome, 0) + 1
    meters = sorted(results[0].final) if results else []
    return {
        "games": n,
        "outcomes": dict(sorted(outcomes.items(), key=lambda kv: (-kv[1], kv[0]))),
        "wins": {
            s: round(sum(r.won[s] for r in results) / n, 4) if n else 0.0 for s in ("moscow", "beijing")
        },
        "mean_score": {
            s: round(statistics.fmean(r.scores[s] for r in results), 2) if n else 0.0
            for s in ("moscow", "beijing")
        },
        "mean_final": {m: round(statistics.fmean(r.final[m] for r in results), 2) for m in meters},
        **limit_figures(results),
        "summit": summit_figures(results),
    }


def summit_figures(results: list[GameResult]) -> dict:
    """The summits' terms as shares: of the terms offered, those accepted; of the parts settled,
    those kept and broken; and the terms offered at a summit, on average."""
    total = {
        k: sum(r.summit.get(k, 0) for r in results)
        for k in ("summits", "offered", "accepted", "kept", "broken")
    }
    settled = total["kept"] + total["broken"]
    return {
        "offered": round(total["offered"] / total["summits"], 4) if total["summits"] else 0.0,
        "accepted": round(total["accepted"] / total["offered"], 4) if total["offered"] else 0.0,
        "kept": round(total["kept"] / settled, 4) if settled else 0.0,
        "broken": round(total["broken"] / settled, 4) if settled else 0.0,
        "counts": total,
    }


def limit_figures(results: list[GameResult]) -> dict:
    """How often the ceiling held the partnership down, which limit weighed most when it did,
    and how often Washington normalized with each side."""
    turns = [cause for r in results for cause in r.binding]
    bound = [cause for cause in turns if cause is not None]
    n = len(results)
    return {
        "ceiling_binding_share": round(len(bound) / len(turns), 4) if turns else 0.0,
        "limit_share": {
            limit: round(bound.count(limit) / len(bound), 4) if bound else 0.0 for limit in LIMIT_CAUSES
        },
        "normalization": {
            side: round(sum(side in r.normalized for r in results) / n, 4) if n else 0.0 for side in SIDES
        },
    }


@dataclass
class Difference:
    meter: str
    turn: int | None
    mean: float  # varied minus baseline, averaged over the paired games
    low: float  # a 95% interval for the mean difference (normal approximation)
    high: float
    share_up: float  # share of pairs in which the varied game is higher
    # Share of pairs in which it is lower. Not 1 - share_up: a pair that ends level is neither, and
    # a claim that something falls must not count the games in which nothing moved.
    share_down: float = 0.0


def shares(diffs: list[float]) -> tuple[float, float]:
    """The shares of paired differences that are up and that are down (a level pair is neither)."""
    return sum(d > 0 for d in diffs) / len(diffs), sum(d < 0 for d in diffs) / len(diffs)


def paired_difference(
    base: list[GameResult], varied: list[GameResult], meter: str, turn: int | None = None
) -> Difference:
    diffs = []
    for a, b in zip(base, varied, strict=False):
        assert a.seed == b.seed
        va = a.final[meter] if turn is None else a.at(turn, meter)
        vb = b.final[meter] if turn is None else b.at(turn, meter)
        diffs.append(vb - va)
    mean = statistics.fmean(diffs)
    sd = statistics.stdev(diffs) if len(diffs) > 1 else 0.0
    half = 1.96 * sd / len(diffs) ** 0.5
    up, down = shares(diffs)
    return Difference(
        meter,
        turn,
        round(mean, 3),
        round(mean - half, 3),
        round(mean + half, 3),
        round(up, 3),
        round(down, 3),
    )
