"""The essay's claims F1-F14 (DESIGN §2 gives F1-F13; F14 came with the summit), each measured by
seeded games on one level.

Each check plays paired games where it can (the same seeds, one thing changed) and returns the
measured effect beside the margin it must clear, so tests, `python -m game claims` and
docs/claims.md all report the same figures. Every claim takes the agents that play it: the tests
use `easy` (weighted by its agenda, and quick), the documented figures `normal` and `hard`.

A claim must not pass by construction (DESIGN §2). Two checks guard that: `ABLATIONS` names, for
each claim, the mechanism that produces it, and `ablate` shows that the effect disappears when
that mechanism is removed; `sweep` re-checks every claim with each numeric rule scaled by 0.5 and
by 1.5, one at a time (game.sim.robustness).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import NamedTuple

from game.core import initial_state, legal_actions
from game.core.level import Level
from game.core.meters import PILLARS
from game.sim.batch import GameResult, paired_difference, run_games, shares
from game.sim.variation import parse_variation


@dataclass
class ClaimResult:
    id: str
    claim: str
    measured: str
    margin: str
    holds: bool


Agents = tuple[str, str]
EASY: Agents = ("easy", "easy")


# Several claims play the same arm (the level as it is, most often): each arm is played once per
# level object and kept while the claims of that level are checked. Games are the same whatever
# the number of workers, so the workers are not part of the key. Read-only to the claims.
_ARMS: dict[tuple, tuple[Level, list[GameResult]]] = {}
_ARMS_MOST = 24


def _games(level, n, variation=(), agents: Agents = EASY, seed0=0, workers=1, detail=False):
    key = (id(level), n, tuple(variation), tuple(agents), seed0)
    for wanted in (key + (detail,), key + (True,)):  # an arm played in detail serves either way
        kept = _ARMS.get(wanted)
        if kept is not None and kept[0] is level:
            return kept[1]
    v = parse_variation(list(variation), level)
    games = run_games(level, range(seed0, seed0 + n), agents[0], agents[1], v, workers=workers, detail=detail)
    if len(_ARMS) >= _ARMS_MOST:
        _ARMS.clear()
    _ARMS[key + (detail,)] = (level, games)
    return games


def f1_us_rivalry_binds(level: Level, n: int, workers: int = 1, agents: Agents = EASY) -> ClaimResult:
    keep = ["washington.threshold=100"]  # no normalization in either arm: only hostility differs
    warm = _games(
        level,
        n,
        ["start.washington.thaw_moscow=60", "start.washington.thaw_beijing=60", *keep],
        workers=workers,
        agents=agents,
    )
    hostile = _games(
        level,
        n,
        ["start.washington.thaw_moscow=5", "start.washington.thaw_beijing=5", *keep],
        workers=workers,
        agents=agents,
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


def _extremes(level, n, workers, agents):
    # The agents given, plus a tenth as many games of the normal AI seeking its agenda.
    games = _games(level, n, workers=workers, agents=agents) + _games(
        level, max(4, n // 10), agents=("normal", "normal"), seed0=10_000
    )
    highs = [max(s["partnership"] for s in g.series) for g in games]
    lows = [min(s["partnership"] for s in g.series) for g in games]
    return games, highs, lows


def f2_not_an_alliance(level: Level, n: int, workers: int = 1, agents: Agents = EASY) -> ClaimResult:
    games, highs, _ = _extremes(level, n, workers, agents)
    share = sum(h >= 80 for h in highs) / len(games)
    return ClaimResult(
        "F2",
        "Pragmatic, not an alliance",
        f"partnership reached 80 in {share:.1%} of {len(games)} games (highest seen {max(highs):.1f})",
        "under 5% of games",
        share < 0.05,
    )


def f3_not_fragile(level: Level, n: int, workers: int = 1, agents: Agents = EASY) -> ClaimResult:
    games, _, lows = _extremes(level, n, workers, agents)
    share = sum(low > 20 for low in lows) / len(games)
    return ClaimResult(
        "F3",
        "Not fragile either",
        f"partnership stayed above 20 in {share:.1%} of {len(games)} games (lowest seen {min(lows):.1f})",
        "at least 90% of games",
        share >= 0.9,
    )


def f4_moscow_needs_beijing_more(
    level: Level, n: int, workers: int = 1, agents: Agents = EASY
) -> ClaimResult:
    base = _games(level, n, workers=workers, agents=agents)
    shocked = _games(level, n, ["effect.partnership=-15@2"], workers=workers, agents=agents)
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


def f5_divergent_methods(level: Level, n: int, workers: int = 1, agents: Agents = EASY) -> ClaimResult:
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
    calm = _games(level, n, ["plan.moscow=@1", "plan.beijing=@1"], workers=workers, agents=agents)
    blamed = _games(level, n, [f"plan.moscow={force}@1", "plan.beijing=@1"], workers=workers, agents=agents)
    apart = _games(
        level, n, [f"plan.moscow={force}@1", f"plan.beijing={distance}@1"], workers=workers, agents=agents
    )
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


def f6_border_trust_frees_forces(
    level: Level, n: int, workers: int = 1, agents: Agents = EASY
) -> ClaimResult:
    low = _games(level, n, ["start.military_trust=35"], workers=workers, agents=agents)
    high = _games(level, n, ["start.military_trust=85"], workers=workers, agents=agents)
    d = {s: paired_difference(low, high, f"{s}.freed_forces", 4) for s in ("moscow", "beijing")}
    sec = {s: paired_difference(low, high, f"{s}.security", 8) for s in ("moscow", "beijing")}
    return ClaimResult(
        "F6",
        "Border trust frees forces",
        f"military trust 85 instead of 35: freed forces after 4 turns Moscow {d['moscow'].mean:+.2f}, "
        f"Beijing {d['beijing'].mean:+.2f} (higher in {min(d['moscow'].share_up, d['beijing'].share_up):.0%} "
        f"of {n} paired games or more); security after 8 turns Moscow {sec['moscow'].mean:+.2f}, "
        f"Beijing {sec['beijing'].mean:+.2f}",
        "freed forces higher on both sides in at least 90% of pairs, and security higher on both",
        all(x.mean > 0 and x.share_up >= 0.9 for x in d.values()) and all(x.mean > 0 for x in sec.values()),
    )


def _beijing_share(g) -> float:
    return statistics.fmean(g.final[f"{p}.beijing"] for p in _STATES)


def f7_china_fills_the_gap(level: Level, n: int, workers: int = 1, agents: Agents = EASY) -> ClaimResult:
    at_war = ["flag.war=true", "flag.sanctions=true"]
    peace = _games(level, n, ["flag.war=false", "flag.sanctions=false"], workers=workers, agents=agents)
    war = _games(level, n, at_war, workers=workers, agents=agents)
    # The same war with a Beijing that does nothing for its first four turns: the gap goes to
    # whoever invests, so an idle Beijing must gain less.
    idle = _games(
        level, n, [*at_war, *(f"plan.beijing=@{t}" for t in range(1, 5))], workers=workers, agents=agents
    )
    diffs = [_beijing_share(w) - _beijing_share(p) for w, p in zip(war, peace, strict=True)]
    effort = [_beijing_share(w) - _beijing_share(i) for w, i in zip(war, idle, strict=True)]
    corridor = paired_difference(peace, war, "middle_corridor")
    up = sum(d > 0 for d in diffs) / n
    return ClaimResult(
        "F7",
        "China fills the gap in Central Asia",
        f"with Moscow at war and sanctioned: Beijing's mean Central Asian share at the end "
        f"{statistics.fmean(diffs):+.2f} (higher in {up:.0%}), Middle Corridor share {corridor.mean:+.2f} "
        f"(higher in {corridor.share_up:.0%}); an active Beijing ends {statistics.fmean(effort):+.2f} above one "
        f"idle for four turns ({n} paired games)",
        "share and corridor higher in at least 75% of pairs, and an active Beijing gains more than an idle one",
        statistics.fmean(diffs) > 0
        and up >= 0.75
        and corridor.mean > 0
        and corridor.share_up >= 0.75
        and statistics.fmean(effort) > 0,
    )


def f8_normalization_isolates(level: Level, n: int, workers: int = 1, agents: Agents = EASY) -> ClaimResult:
    # Both arms start with Washington warm to Beijing, well past its threshold: in one arm it
    # normalizes on the first turn, in the other (threshold out of reach) it never does, so the
    # isolation a partial thaw brings is the same in both and only the normalization differs. The
    # margin is ten points, not two: a side's own first turn can cool Washington by a few points
    # (its force, its discounted crude) before Washington acts, and a normalization that does not
    # happen shows nothing.
    thaw = min(99.0, level.washington.threshold + 10)
    without = _games(
        level,
        n,
        [f"start.washington.thaw_beijing={thaw}", "washington.threshold=100"],
        workers=workers,
        agents=agents,
    )
    normal = _games(level, n, [f"start.washington.thaw_beijing={thaw}"], workers=workers, agents=agents)
    happened = sum("beijing" in g.normalized for g in normal) / n
    p = paired_difference(without, normal, "partnership", 8)
    s = paired_difference(without, normal, "moscow.standing", 8)
    return ClaimResult(
        "F8",
        "US normalization with one isolates the other",
        f"a US-Beijing normalization on turn 1 (it happened in {happened:.0%} of games): partnership after "
        f"8 turns {p.mean:+.2f}, Moscow's standing {s.mean:+.2f} (lower in {p.share_down:.0%} and "
        f"{s.share_down:.0%} of {n} paired games)",
        "the normalization happens in at least 90% of games, and both are lower by at least a point, "
        "in at least 80% of pairs",
        happened >= 0.9 and p.mean <= -1 and s.mean <= -1 and p.share_down >= 0.8 and s.share_down >= 0.8,
    )


def _war_cost_per_turn(games: list[GameResult]) -> dict[int, list[float]]:
    """Beijing's standing lost to the war each turn it stood by Moscow, per 100 points of
    partnership. A turn in which Beijing kept its distance (and paid in partnership instead) is
    left out: the claim is about what standing by Moscow costs, which a goal-seeking Beijing
    avoids paying once it grows high. So is a turn after a ceasefire: the claim is about a war
    that goes on, and a war that has ended costs nothing, however long it lasted."""
    per_turn: dict[int, list[float]] = {}
    for g in games:
        for t, causes in enumerate(g.causes, start=1):
            if any(k.startswith("partnership|distance_cost") for k in causes):
                continue
            if not g.at_war[t - 1]:
                continue
            lost = -sum(
                v
                for k, v in causes.items()
                if k.startswith("beijing.standing|")
                and k.split("|")[1] in ("association_cost", "war_association")
            )
            partnership = g.series[t - 1]["partnership"] or 1.0
            per_turn.setdefault(t, []).append(lost / partnership * 100)
    return per_turn


def f9_long_war_costs_china(level: Level, n: int, workers: int = 1, agents: Agents = EASY) -> ClaimResult:
    games = _games(level, n, ["flag.war=true"], workers=workers, agents=agents, detail=True)
    per_turn = _war_cost_per_turn(games)
    turns = sorted(per_turn)
    third = max(1, len(turns) // 3)
    early = statistics.fmean(x for t in turns[:third] for x in per_turn[t]) if turns else 0.0
    late = statistics.fmean(x for t in turns[-third:] for x in per_turn[t]) if turns else 0.0
    # The same war beside a Moscow that starts isolated, against one that starts respected.
    lone = _war_cost_per_turn(
        _games(
            level,
            n,
            ["flag.war=true", "start.moscow.standing=25"],
            workers=workers,
            agents=agents,
            detail=True,
        )
    )
    held = _war_cost_per_turn(
        _games(
            level,
            n,
            ["flag.war=true", "start.moscow.standing=70"],
            workers=workers,
            agents=agents,
            detail=True,
        )
    )
    lone_mean = statistics.fmean([x for xs in lone.values() for x in xs] or [0.0])
    held_mean = statistics.fmean([x for xs in held.values() for x in xs] or [0.0])
    return ClaimResult(
        "F9",
        "A long war raises China's cost",
        f"Beijing's standing lost to the war per 100 points of partnership: {early:.2f} a turn in the "
        f"first third of the war, {late:.2f} in the last; {lone_mean:.2f} a turn beside a Moscow that starts "
        f"isolated (standing 25) against {held_mean:.2f} beside one that starts respected (70) ({n} games)",
        "the last third at least 1.3 times the first, and more beside an isolated Moscow",
        late >= 1.3 * early and early > 0 and lone_mean > held_mean,
    )


def f10_the_war_is_a_test(level: Level, n: int, workers: int = 1, agents: Agents = EASY) -> ClaimResult:
    peace = _games(level, n, ["flag.war=false"], workers=workers, agents=agents)
    war = _games(level, n, ["flag.war=true"], workers=workers, agents=agents)
    ceiling = _mean_difference(peace, war, "partnership_ceiling")
    rivalry = paired_difference(peace, war, "central_asia_rivalry")
    partnership = _mean_difference(peace, war, "partnership")
    return ClaimResult(
        "F10",
        "The war is a test, not a bond",
        f"with the war against without it, on the same seeds: the ceiling {ceiling.mean:+.2f} on average over the "
        f"game (lower in {ceiling.share_down:.0%}), rivalry at the end {rivalry.mean:+.2f} (higher in "
        f"{rivalry.share_up:.0%}), partnership {partnership.mean:+.2f} on average ({n} paired games)",
        "the ceiling lower and the rivalry higher, each in at least 75% of pairs; the partnership no higher",
        ceiling.mean < 0
        and ceiling.share_down >= 0.75
        and rivalry.mean > 0
        and rivalry.share_up >= 0.75
        and partnership.mean <= 0,
    )


def f11_partial_thaw_isolates(level: Level, n: int, workers: int = 1, agents: Agents = EASY) -> ClaimResult:
    keep = ["washington.threshold=100"]  # no normalization in either arm: a partial thaw only
    cold = _games(level, n, ["start.washington.thaw_beijing=15", *keep], workers=workers, agents=agents)
    warm = _games(level, n, ["start.washington.thaw_beijing=60", *keep], workers=workers, agents=agents)
    standing = paired_difference(cold, warm, "moscow.standing", 8)
    partnership = paired_difference(cold, warm, "partnership", 8)
    return ClaimResult(
        "F11",
        "A partial US–China thaw deepens Russia's isolation",
        f"thaw with Beijing 60 instead of 15, never normalizing: Moscow's standing after 8 turns "
        f"{standing.mean:+.2f} (lower in {standing.share_down:.0%}), partnership {partnership.mean:+.2f} "
        f"(lower in {partnership.share_down:.0%}) ({n} paired games)",
        "both lower by at least a point, in at least 80% of pairs",
        standing.mean <= -1
        and partnership.mean <= -1
        and standing.share_down >= 0.8
        and partnership.share_down >= 0.8,
    )


def f12_china_gains_sharpen_rivalry(
    level: Level, n: int, workers: int = 1, agents: Agents = EASY
) -> ClaimResult:
    # Beijing wins ten points in each of the two largest states in turn 2's events phase.
    gains = ["effect.kazakhstan.beijing=10@2", "effect.uzbekistan.beijing=10@2"]
    base = _games(level, n, workers=workers, agents=agents)
    gained = _games(level, n, gains, workers=workers, agents=agents)
    soon = paired_difference(base, gained, "central_asia_rivalry", 3)
    later = paired_difference(base, gained, "central_asia_rivalry", 6)
    return ClaimResult(
        "F12",
        "China's gains are Russia's losses in Central Asia",
        f"Beijing gains 10 points in Kazakhstan and Uzbekistan on turn 2: rivalry on turn 3 {soon.mean:+.2f} "
        f"(higher in {soon.share_up:.0%}), on turn 6 {later.mean:+.2f} ({n} paired games)",
        "higher on turn 3 in at least 80% of pairs, and still higher on turn 6",
        soon.mean > 0 and soon.share_up >= 0.8 and later.mean > 0,
    )


def f13_trust_remembers(level: Level, n: int, workers: int = 1, agents: Agents = EASY) -> ClaimResult:
    years = 2
    later = min(level.turns, 2 + years * level.turns_per_year)
    base = _games(level, n, workers=workers, agents=agents)
    shocked = _games(level, n, ["effect.trust=-30@2"], workers=workers, agents=agents)
    trust = paired_difference(base, shocked, "trust", later)
    partnership = paired_difference(base, shocked, "partnership", later)
    repair = repair_spending(level, base, shocked, 3, later)
    return ClaimResult(
        "F13",
        "Trust is not a natural alliance's",
        f"a fall of 30 in trust on turn 2: on turn {later} ({later - 2} turns, about {(later - 2) / level.turns_per_year:.0f} "
        f"years on) trust {trust.mean:+.2f}, partnership {partnership.mean:+.2f} (lower in "
        f"{partnership.share_down:.0%}); the pair spent {repair:+.1f} capital on cards that build the "
        f"partnership in between ({n} paired games)",
        "trust still at least 10 lower and partnership lower in at least 80% of pairs",
        trust.mean <= -10 and partnership.mean < 0 and partnership.share_down >= 0.8,
    )


def f14_a_broken_word_is_remembered(
    level: Level, n: int, workers: int = 1, agents: Agents = EASY
) -> ClaimResult:
    # Both arms: Moscow pledges at turn 2's summit to hold back from one kind of card that turn, and
    # plays the same force card. In one arm the pledge was "no force", which the card breaks; in the
    # other "no outreach to Washington", which it keeps. The same seeds, the same plans, the same
    # kind of term: only whether the word was kept differs.
    card = next(
        (
            a.id
            for a in level.actions_of["moscow"]
            if "force" in a.tags and "outreach" not in a.tags and a.cost <= 4
        ),
        None,
    )
    if card is None:
        return ClaimResult(
            "F14", "A broken word is remembered", "no Moscow force card to test with", "", False
        )
    years = 2
    later = min(level.turns, 2 + years * level.turns_per_year)
    plan = f"plan.moscow={card}@2"
    kept = _games(level, n, ["term.moscow=offer:no:outreach@2", plan], workers=workers, agents=agents)
    broken = _games(level, n, ["term.moscow=offer:no:force@2", plan], workers=workers, agents=agents)
    trust = paired_difference(kept, broken, "trust", later)
    partnership = paired_difference(kept, broken, "partnership", later)
    repair = repair_spending(level, kept, broken, 3, later)
    return ClaimResult(
        "F14",
        "A broken word is remembered",
        f"Moscow breaks its word at turn 2 ({card}): on turn {later} ({later - 2} turns later) "
        f"trust {trust.mean:+.2f}, partnership {partnership.mean:+.2f} (lower in "
        f"{partnership.share_down:.0%}) against the same seeds with the word kept; the pair spent "
        f"{repair:+.1f} capital on cards that build the partnership in between ({n} paired games)",
        "partnership lower in at least 70% of pairs, years later",
        partnership.mean < 0 and partnership.share_down >= 0.7,
    )


BUILDS = frozenset(("partnership", "trust", *PILLARS))  # what a card that builds the partnership raises


def repair_spending(
    level: Level, base: list[GameResult], varied: list[GameResult], first: int, last: int
) -> float:
    """The price of repair: how much more political capital both sides spent, from turn `first`
    to turn `last`, on cards whose printed effects raise the partnership, trust or a pillar, in
    the varied games than in the same seeds' base games (the mean over the pairs): what mending
    the partnership after a shock took from the rest of their agendas (docs/claims.md, "The price
    of repair, measured": little)."""

    def spent(result: GameResult) -> float:
        total = 0.0
        for plans in result.plans[first - 1 : last]:
            for plan in plans.values():
                for card in plan:
                    action = level.actions[card]
                    if any(delta > 0 and meter in BUILDS for meter, delta in action.does.effects):
                        total += action.cost
        return total

    return statistics.fmean(spent(b) - spent(a) for a, b in zip(base, varied, strict=True))


class MeanDifference(NamedTuple):
    mean: float  # over every turn, varied minus base, averaged over the paired games
    share_up: float
    share_down: float


def _mean_difference(base, varied, meter) -> MeanDifference:
    """The mean over every turn of varied minus base, and the shares of pairs in which it is up
    and in which it is down (a pair that is level is neither)."""
    diffs = [
        statistics.fmean(v[meter] for v in b2.series) - statistics.fmean(v[meter] for v in b1.series)
        for b1, b2 in zip(base, varied, strict=True)
    ]
    return MeanDifference(statistics.fmean(diffs), *shares(diffs))


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
    f10_the_war_is_a_test,
    f11_partial_thaw_isolates,
    f12_china_gains_sharpen_rivalry,
    f13_trust_remembers,
    f14_a_broken_word_is_remembered,
)


def check_all(level: Level, n: int = 60, workers: int = 1, agents: Agents = EASY) -> list[ClaimResult]:
    return [claim(level, n, workers, agents) for claim in CLAIMS]
