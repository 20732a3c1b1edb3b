"""`simulate`: many seeded games with agents, summed up; with `--vary`, a paired experiment that
plays the same seeds again with one thing changed (docs/claims.md)."""

from __future__ import annotations

import argparse

from game.commands.arguments import (
    MAX_WORKERS,
    SIDES,
    add_agent_option,
    add_levels_option,
    add_think_options,
    add_vary_option,
    at_least,
    seed,
    think_budget,
    variation_of,
)
from game.commands.exit_codes import ExitCode, UsageError

NAME = "simulate"
HELP = "play many seeded games with agents and sum them up"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("level", metavar="LEVEL", help="a level id")
    p.add_argument("--games", type=at_least(1), default=100, metavar="N")
    p.add_argument("--seed", type=seed, default=0, metavar="S", help="games use seeds S, S+1, ...")
    for side in SIDES:
        add_agent_option(p, side, "easy")
    p.add_argument(
        "--workers",
        type=at_least(1, MAX_WORKERS),
        default=1,
        metavar="K",
        help="processes; results are the same whatever K",
    )
    add_vary_option(
        p, "a paired experiment: play the same seeds again with this changed (see docs/claims.md)"
    )
    p.add_argument(
        "--cut",
        nargs="?",
        const=0,
        type=at_least(1, 80),
        default=None,
        metavar="TURN",
        help="end every game after the level's classroom cut (or after TURN), scored provisionally "
        "as a short classroom session is",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_think_options(p)
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    import json

    from game.commands.loading import load_agents, load_level
    from game.commands.progress import progress_bar
    from game.sim.batch import paired_difference, run_games, summary
    from game.sim.cut import goals_at_cut

    level = load_level(args.level, args.levels)
    if level is None or not load_agents(args.moscow, args.beijing):
        return ExitCode.FAILED
    budget = think_budget(args)
    cut = None
    if args.cut is not None:
        cut = args.cut or level.cut
        if cut is None:
            raise UsageError(f"--cut: level '{level.id}' has no classroom cut; give a turn (--cut 6)")
        if cut >= level.turns:
            raise UsageError(f"--cut: the level lasts {level.turns} turns; cut before its last turn")
    variation = variation_of(args.vary, level)
    seeds = range(args.seed, args.seed + args.games)
    base = run_games(
        level,
        seeds,
        args.moscow,
        args.beijing,
        workers=args.workers,
        progress=progress_bar(),
        budget=budget,
        cut=cut,
    )
    result = summary(base)
    if cut is not None:
        result["cut"] = cut
        result["goals_at_cut"] = [
            {
                "side": g.side,
                "meter": g.asked.meter,
                "at_least": g.asked.at_least,
                "at_most": g.asked.at_most,
                "set_at_cut": g.own_path,
                "met": g.met,
                "median": g.median,
            }
            for g in goals_at_cut(level, base, cut)
        ]
    if not args.vary:
        if args.json:
            print(json.dumps(result))
        else:
            at = f", ended after turn {cut} of {level.turns} (scores provisional)" if cut else ""
            _print_summary(
                f"{level.title}: {args.games} games, Moscow {args.moscow}, Beijing {args.beijing}{at}", result
            )
            if cut is not None:
                _print_goals_at_cut(result["goals_at_cut"])
        return ExitCode.OK
    varied = run_games(
        level,
        seeds,
        args.moscow,
        args.beijing,
        variation,
        workers=args.workers,
        progress=progress_bar(),
        budget=budget,
        cut=cut,
    )
    diff = {m: paired_difference(base, varied, m).__dict__ for m in sorted(base[0].final)}
    for d in diff.values():
        d.pop("meter"), d.pop("turn")
    if args.json:
        print(
            json.dumps(
                {
                    "baseline": result,
                    "varied": summary(varied),
                    "variation": list(args.vary),
                    "difference": diff,
                }
            )
        )
        return ExitCode.OK
    _print_summary(f"{level.title}, as written: {args.games} games", result)
    _print_summary(f"{level.title}, with {variation.label}: the same {args.games} seeds", summary(varied))
    print("difference at the end (varied minus as written, mean over paired games, 95% interval):")
    for meter, d in diff.items():
        if d["mean"] or d["low"] or d["high"]:
            print(
                f"  {meter:32} {d['mean']:+8.2f}  [{d['low']:+.2f}, {d['high']:+.2f}]"
                f"  higher in {d['share_up']:.0%}, lower in {d['share_down']:.0%}"
            )
    return ExitCode.OK


def _print_summary(title: str, s: dict) -> None:
    print(title)
    print(f"  games: {s['games']}")
    for name, count in s["outcomes"].items():
        print(f"  outcome {name:28} {count:6}  {count / s['games']:6.1%}")
    for side in SIDES:
        print(f"  {side:8} wins {s['wins'][side]:6.1%}   mean score {s['mean_score'][side]:6.2f}")
    print(
        f"  the ceiling held the partnership down in {s['ceiling_binding_share']:.1%} of turns; then the main cause:"
    )
    for limit, share in s["limit_share"].items():
        print(f"    {limit:32} {share:6.1%}")
    normalized = ", ".join(f"{side} {share:.1%}" for side, share in s["normalization"].items())
    print(f"  Washington normalized with: {normalized} of games")
    print("  mean at the end:")
    for meter, value in s["mean_final"].items():
        print(f"    {meter:32} {value:7.2f}")


def _print_goals_at_cut(goals: list[dict]) -> None:
    # What a modder reads to set goals at the cut: each bound asked there, how many games met it,
    # and where the meter stood in the median game.
    print("  goals at the cut (games that reached it): asked, met, the meter's median there")
    for g in goals:
        bounds = []
        if g["at_least"] is not None:
            bounds.append(f"at least {g['at_least']:g}")
        if g["at_most"] is not None:
            bounds.append(f"at most {g['at_most']:g}")
        how = "set at the cut" if g["set_at_cut"] else "common pace"
        print(
            f"    {g['side']:8} {g['meter']:26} {', '.join(bounds):28} met {g['met']:6.1%}   "
            f"median {g['median']:6.2f}   ({how})"
        )
