"""The essay's claims F1-F9 (DESIGN §2), each measured by seeded games on one level.

Each check plays paired games where it can (the same seeds, one thing changed) and returns the
measured effect beside the margin it must clear, so tests, `python -m game claims` and
docs/claims.md all report the same figures.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from game.core import initial_state, legal_actions
from game.core.level import Level
from game.sim.batch import paired_difference, run_games
from game.sim.variation import parse_variation


@dataclass
class ClaimResult:
    id: str
    claim: str
    measured: str
    margin: str
    holds: bool


def _games(level, n, variation=(), agents=("easy", "easy"), seed0=0, workers=1, detail=False):
    v = parse_variation(list(variation), level)
    return run_games(level, range(seed0, seed0 + n), agents[0], agents[1], v, workers=workers, detail=detail)


def f1_us_rivalry_binds(level: Level, n: int, workers: int = 1) -> ClaimResult:
    keep = ["washington.threshold=100"]  # no normalization in either arm: only hostility differs
    warm = _games(
        level,
        n,
        ["start.washington.thaw_moscow=60", "start.washington.thaw_beijing=60", *keep],
        workers=workers,
    )
    hostile = _games(
        level,
        n,
        ["start.washington.thaw_moscow=5", "start.washington.thaw_beijing=5", *keep],
        workers=workers,
    )
    d = paired_difference(warm, hostile, "partnership", 8)
    return ClaimResult(
        "F1",
        "Rising US rivalry with both drives them together",
        f"partnership after 8 turns: hostile US minus warm US = {d.mean:+.2f} "
        f"(95% CI {d.low:+.2f} to {d.high:+.2f}), higher in {d.share_up:.0%} of {n} paired games",
        "difference > +2 points and higher in at least 80% of pairs",
        d.mean > 2 and d.low > 0 and d.share_up >= 0.8,
    )


def _extremes(level, n, workers):
    games = _games(level, n, workers=workers) + _games(
        level, max(4, n // 10), agents=("normal", "normal"), seed0=10_000
    )
    highs = [max(s["partnership"] for s in g.series) for g in games]
    lows = [min(s["partnership"] for s in g.series) for g in games]
    return games, highs, lows


def f2_not_an_alliance(level: Level, n: int, workers: int = 1) -> ClaimResult:
    games, highs, _ = _extremes(level, n, workers)
    share = sum(h >= 80 for h in highs) / len(games)
    return ClaimResult(
        "F2",
        "Pragmatic, not an alliance",
        f"partnership reached 80 in {share:.1%} of {len(games)} games (highest seen {max(highs):.1f})",
        "under 5% of games",
        share < 0.05,
    )


def f3_not_fragile(level: Level, n: int, workers: int = 1) -> ClaimResult:
    games, _, lows = _extremes(level, n, workers)
    share = sum(low > 20 for low in lows) / len(games)
    return ClaimResult(
        "F3",
        "Not fragile either",
        f"partnership stayed above 20 in {share:.1%} of {len(games)} games (lowest seen {min(lows):.1f})",
        "at least 90% of games",
        share >= 0.9,
    )


def f4_moscow_needs_beijing_more(level: Level, n: int, workers: int = 1) -> ClaimResult:
    base = _games(level, n, workers=workers)
    shocked = _games(level, n, ["effect.partnership=-15@2"], workers=workers)
    econ = {s: paired_difference(base, shocked, f"{s}.economy", 2) for s in ("moscow", "beijing")}
    stand = {s: paired_difference(base, shocked, f"{s}.standing", 2) for s in ("moscow", "beijing")}
    return ClaimResult(
        "F4",
        "Moscow needs Beijing more",
        f"after the same forced fall of 15 in partnership: economy lost Moscow {-econ['moscow'].mean:.2f}, "
        f"Beijing {-econ['beijing'].mean:.2f}; standing lost Moscow {-stand['moscow'].mean:.2f}, "
        f"Beijing {-stand['beijing'].mean:.2f} ({n} paired games)",
        "Moscow loses more economy and more standing than Beijing, both losses positive",
        econ["moscow"].mean < econ["beijing"].mean < 0 and stand["moscow"].mean < stand["beijing"].mean < 0,
    )


def _first_with_tag(level, side, tag):
    state = initial_state(level)
    options = [level.actions[a] for a in legal_actions(state, side) if tag in level.actions[a].tags]
    return min(options, key=lambda a: (a.cost, a.id)).id if options else None


def f5_divergent_methods(level: Level, n: int, workers: int = 1) -> ClaimResult:
    force = _first_with_tag(level, "moscow", "force")
    distance = _first_with_tag(level, "beijing", "distance")
    if force is None or distance is None:
        return ClaimResult(
            "F5",
            "Divergent methods",
            "the level has no force action for Moscow or no distance action for Beijing on turn 1",
            "",
            False,
        )
    calm = _games(level, n, ["plan.moscow=@1", "plan.beijing=@1"], workers=workers)
    blamed = _games(level, n, [f"plan.moscow={force}@1", "plan.beijing=@1"], workers=workers)
    apart = _games(level, n, [f"plan.moscow={force}@1", f"plan.beijing={distance}@1"], workers=workers)
    div = paired_difference(calm, blamed, "method_divergence", 1)
    stand = paired_difference(calm, blamed, "beijing.standing", 1)
    kept = paired_difference(blamed, apart, "beijing.standing", 1)
    cost = paired_difference(blamed, apart, "partnership", 1)
    return ClaimResult(
        "F5",
        "Divergent methods",
        f"Moscow's '{force}' on turn 1: method divergence {div.mean:+.2f}, Beijing standing "
        f"{stand.mean:+.2f}; if Beijing plays '{distance}' instead of sharing the blame: Beijing "
        f"standing {kept.mean:+.2f}, partnership {cost.mean:+.2f} ({n} paired games)",
        "divergence up and Beijing's standing down; distancing keeps standing and costs partnership",
        div.mean > 0 and stand.mean < 0 and kept.mean > 0 and cost.mean < 0,
    )


def f6_border_trust_frees_forces(level: Level, n: int, workers: int = 1) -> ClaimResult:
    low = _games(level, n, ["start.military_trust=35"], workers=workers)
    high = _games(level, n, ["start.military_trust=85"], workers=workers)
    d = {s: paired_difference(low, high, f"{s}.freed_forces", 4) for s in ("moscow", "beijing")}
    return ClaimResult(
        "F6",
        "Border trust frees forces",
        f"military trust 85 instead of 35: freed forces after 4 turns Moscow {d['moscow'].mean:+.2f}, "
        f"Beijing {d['beijing'].mean:+.2f} (higher in {min(d['moscow'].share_up, d['beijing'].share_up):.0%} "
        f"of {n} paired games or more)",
        "both higher, in at least 90% of pairs",
        all(x.mean > 0 and x.share_up >= 0.9 for x in d.values()),
    )


def f7_china_fills_the_gap(level: Level, n: int, workers: int = 1) -> ClaimResult:
    peace = _games(level, n, ["flag.war=false", "flag.sanctions=false"], workers=workers)
    war = _games(level, n, ["flag.war=true", "flag.sanctions=true"], workers=workers)
    beijing_peace = [statistics.fmean(g.final[f"{p}.beijing"] for p in _STATES) for g in peace]
    beijing_war = [statistics.fmean(g.final[f"{p}.beijing"] for p in _STATES) for g in war]
    diffs = [w - p for w, p in zip(beijing_war, beijing_peace, strict=False)]
    corridor = paired_difference(peace, war, "middle_corridor")
    up = sum(d > 0 for d in diffs) / n
    return ClaimResult(
        "F7",
        "China fills the gap in Central Asia",
        f"with Moscow at war and sanctioned: Beijing's mean Central Asian share at the end "
        f"{statistics.fmean(diffs):+.2f} (higher in {up:.0%}), Middle Corridor share {corridor.mean:+.2f} "
        f"(higher in {corridor.share_up:.0%}) ({n} paired games)",
        "both higher, in at least 80% of pairs",
        statistics.fmean(diffs) > 0 and up >= 0.8 and corridor.mean > 0 and corridor.share_up >= 0.8,
    )


def f8_normalization_isolates(level: Level, n: int, workers: int = 1) -> ClaimResult:
    thaw = level.washington.threshold + 2
    without = _games(
        level, n, [f"start.washington.thaw_beijing={thaw}", "washington.threshold=100"], workers=workers
    )
    normal = _games(level, n, [f"start.washington.thaw_beijing={thaw}"], workers=workers)
    p = paired_difference(without, normal, "partnership", 8)
    s = paired_difference(without, normal, "moscow.standing", 8)
    return ClaimResult(
        "F8",
        "US normalization with one isolates the other",
        f"a US-Beijing normalization on turn 1: partnership after 8 turns {p.mean:+.2f}, Moscow's "
        f"standing {s.mean:+.2f} (lower in {1 - p.share_up:.0%} and {1 - s.share_up:.0%} of {n} paired games)",
        "both lower, in at least 80% of pairs",
        p.mean < 0 and s.mean < 0 and p.share_up <= 0.2 and s.share_up <= 0.2,
    )


def f9_long_war_costs_china(level: Level, n: int, workers: int = 1) -> ClaimResult:
    games = _games(level, n, ["flag.war=true"], workers=workers, detail=True)
    per_turn: dict[int, list[float]] = {}
    for g in games:
        for t, causes in enumerate(g.causes, start=1):
            lost = -sum(
                v
                for k, v in causes.items()
                if k.startswith("beijing.standing|")
                and k.split("|")[1] in ("association_cost", "war_association")
            )
            partnership = g.series[t - 1]["partnership"] or 1.0
            per_turn.setdefault(t, []).append(lost / partnership * 100)
    turns = sorted(per_turn)
    third = max(1, len(turns) // 3)
    early = statistics.fmean(x for t in turns[:third] for x in per_turn[t])
    late = statistics.fmean(x for t in turns[-third:] for x in per_turn[t])
    return ClaimResult(
        "F9",
        "A long war raises China's cost",
        f"Beijing's standing lost to the war per 100 points of partnership: {early:.2f} a turn in the "
        f"first third of the war, {late:.2f} in the last ({n} games)",
        "the last third at least 1.3 times the first",
        late >= 1.3 * early and early > 0,
    )


_STATES = ("kazakhstan", "uzbekistan", "kyrgyzstan", "tajikistan", "turkmenistan")

CLAIMS = (
    f1_us_rivalry_binds,
    f2_not_an_alliance,
    f3_not_fragile,
    f4_moscow_needs_beijing_more,
    f5_divergent_methods,
    f6_border_trust_frees_forces,
    f7_china_fills_the_gap,
    f8_normalization_isolates,
    f9_long_war_costs_china,
)


def check_all(level: Level, n: int = 60, workers: int = 1) -> list[ClaimResult]:
    return [claim(level, n, workers) for claim in CLAIMS]
