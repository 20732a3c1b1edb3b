"""Why a shock to trust shows in the partnership years later under `easy` but not under `hard`.

F13 (game.sim.claims) drops trust by 30 on turn 2 and compares the same seeds without the drop.
Under `hard` agents trust is still lower two years on, but the partnership hardly is. The reading
this experiment tests: a side that looks ahead sees the partnership sag with trust and plays the
cards that raise the pillars (border trust, economic ties, a shared stance), which pull the
partnership's target back up while trust itself stays low.

For each kind of agent it runs F13's two arms and reports, over turns 3 to F13's turn: the pillar
cards played (cards whose printed effects raise a pillar or the partnership) in each arm, and on
F13's turn the difference in trust, in the mean of the three pillars and in the partnership.

    python scripts/why_trust_heals.py testing_event --games 10 --agents easy hard
"""

from __future__ import annotations

import argparse
import statistics

from game.levels.loader import Catalogue
from game.sim.batch import run_games
from game.sim.variation import parse_variation

PILLARS = ("military_trust", "economic_ties", "shared_stance")


def pillar_cards(level) -> set[str]:
    raising = {*PILLARS, "partnership"}
    return {
        a.id
        for a in level.actions.values()
        if any(e.meter in raising and e.delta > 0 for e in a.does.effects)
    }


def diff(arms, turn: int, meters) -> float:
    """Shocked minus base on `turn`, the mean of `meters`, averaged over the paired games."""
    return statistics.fmean(
        sum(s.at(turn, m) - b.at(turn, m) for m in meters) / len(meters)
        for b, s in zip(arms["base"], arms["shocked"], strict=True)
    )


def cause_difference(arms, turn: int, meter: str) -> str:
    """The changes to `meter` on turns 3 to `turn`, summed by cause, shocked minus base, averaged
    over the pairs: the largest five."""
    total: dict[str, float] = {}
    for sign, name in ((-1, "base"), (1, "shocked")):
        for game in arms[name]:
            for per_turn in game.causes[2:turn]:
                for key, change in per_turn.items():
                    m, _, cause = key.partition("|")
                    if m == meter:
                        total[cause] = total.get(cause, 0.0) + sign * change / len(arms[name])
    top = sorted(total.items(), key=lambda kv: -abs(kv[1]))[:5]
    return ", ".join(f"{cause} {value:+.1f}" for cause, value in top)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("level")
    p.add_argument("--games", type=int, default=10)
    p.add_argument("--agents", nargs="+", default=["easy", "hard"])
    args = p.parse_args()
    level = Catalogue.scan(()).load(args.level)
    later = min(level.turns, 2 + 2 * level.turns_per_year)
    cards = pillar_cards(level)
    print(f"{level.id}: trust -30 on turn 2, read on turn {later}; {len(cards)} pillar cards")
    for agent in args.agents:
        arms = {}
        for name, variation in (("base", []), ("shocked", ["effect.trust=-30@2"])):
            v = parse_variation(variation, level)
            arms[name] = run_games(level, range(args.games), agent, agent, v, detail=True)
        plays = {
            name: statistics.fmean(
                sum(
                    pid in cards
                    for t, plans in enumerate(g.plans, 1)
                    if 3 <= t <= later
                    for side in plans
                    for pid in plans[side]
                )
                for g in games
            )
            for name, games in arms.items()
        }

        trust, pillars, partnership = (diff(arms, later, m) for m in (["trust"], PILLARS, ["partnership"]))
        causes = cause_difference(arms, later, "trust")
        print(
            f"  {agent:>6}: pillar cards played on turns 3-{later}: {plays['base']:.1f} without the shock, "
            f"{plays['shocked']:.1f} with it; on turn {later}, shocked minus base: trust {trust:+.1f}, "
            f"pillars {pillars:+.1f}, partnership {partnership:+.1f}"
        )
        print(f"          trust's changes on turns 3-{later} by cause, shocked minus base: {causes}")


if __name__ == "__main__":
    main()
