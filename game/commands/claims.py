"""`claims`: measure the essay's claims on the essay-era levels; with `--sweep`, again under each
numeric rule scaled, and with `--ablate`, without each claim's mechanism. `--vary` checks them on
the levels changed (a rule, a start value, Washington, a flag): would the claims still hold if the
model said otherwise?"""

from __future__ import annotations

import argparse
import sys

from game.commands.arguments import MAX_WORKERS, add_levels_option, add_vary_option, at_least, variation_of
from game.commands.exit_codes import ExitCode, UsageError

NAME = "claims"
HELP = "measure the essay's claims F1-F14 on the essay-era levels"

# --sweep checks every claim twice for each numeric rule (x0.5 and x1.5): fewer games a point,
# unless --games says otherwise.
GAMES, SWEEP_GAMES = 100, 20

# What --vary may change: the level itself. Events, effects, plans and terms are what the checks'
# own arms play (a forced fall in trust, a war, a broken word), so they are not the user's to set.
LEVEL_KEYS = ("start.", "washington.", "rules.", "flag.")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "levels_to_check", nargs="*", metavar="LEVEL", help="level ids (default: every essay-era level)"
    )
    p.add_argument(
        "--games",
        type=at_least(1),
        default=GAMES,
        metavar="N",
        help=f"games per arm (default {GAMES}; {SWEEP_GAMES} with --sweep)",
    )
    p.add_argument(
        "--agents",
        choices=("easy", "normal", "hard"),
        default="easy",
        help="who plays both sides (default easy)",
    )
    p.add_argument(
        "--sweep",
        action="store_true",
        help="re-check every claim with each numeric rule scaled by 0.5 and by 1.5, one at a time",
    )
    p.add_argument(
        "--ablate",
        action="store_true",
        help="remove each claim's mechanism and show that the claim then stops holding",
    )
    add_vary_option(
        p,
        "check the claims on the levels with this changed: start.METER=V, washington.SETTING=V, "
        "rules.NAME=V or flag.NAME=true|false; may be given more than once",
    )
    p.add_argument("--workers", type=at_least(1, MAX_WORKERS), default=1, metavar="K")
    p.add_argument("--json", action="store_true")
    add_levels_option(p)


def varied(level, items: list[str]):
    """`level` with the --vary `items` applied; a UsageError names an item that cannot be."""
    from game.text import quote

    if not items:
        return level
    for item in items:
        if not item.startswith(LEVEL_KEYS):
            raise UsageError(
                f"--vary {quote(item)}: the claims can be checked on a level with a start value, "
                "Washington, a rule or a flag changed (start., washington., rules., flag.); events, "
                "effects, plans and terms are what the checks themselves play"
            )
    return variation_of(items, level).apply(level)


def run(args: argparse.Namespace) -> ExitCode:
    import json

    from game.commands.loading import catalogue, load_levels
    from game.sim.claims import check_all

    cat = catalogue(args.levels)
    ids = args.levels_to_check or [e.id for e in cat.playable() if e.essay_era]
    levels = load_levels(cat, ids)
    if levels is None:
        return ExitCode.FAILED
    levels = [varied(level, args.vary) for level in levels]
    agents = (args.agents, args.agents)
    if args.vary and not args.json:
        print(f"The levels with {', '.join(args.vary)}:")
    if args.sweep:
        return _sweep(levels, args, agents)
    if args.ablate:
        return _ablate(levels, args, agents)
    report, failed = [], False
    for level in levels:
        level_id = level.id
        for r in check_all(level, args.games, args.workers, agents):
            failed |= not r.holds
            report.append({"level": level_id, "agents": args.agents, "variation": args.vary, **r.__dict__})
            if not args.json:
                print(f"{level_id} {r.id} {'holds' if r.holds else 'DOES NOT HOLD'}: {r.claim}")
                print(f"    measured: {r.measured}")
                print(f"    margin:   {r.margin}")
    if args.json:
        print(json.dumps(report, indent=1))
    return ExitCode.FAILED if failed else ExitCode.OK


def _sweep(levels, args, agents) -> ExitCode:
    import json

    from game.sim.robustness import sweep

    games = args.games if args.games != GAMES else SWEEP_GAMES
    out, failed = [], False
    for level in levels:
        points: list[dict] = []
        for point in sweep(level, games, args.workers, agents):
            failed |= bool(point.failed)
            points.append({"rule": point.rule, "factor": point.factor, "failed": point.failed})
            # Each point as it is measured: a sweep takes hours, and with --json the figures come
            # out only at the end, so its points go to stderr then (a run stopped early keeps them).
            state = "every claim holds" if not point.failed else "fails: " + ", ".join(point.failed)
            print(
                f"{level.id} {point.rule} x{point.factor:g}: {state}",
                file=sys.stderr if args.json else sys.stdout,
                flush=True,
            )
        holds: dict[str, list[str]] = {}
        for p in points:
            for cid in p["failed"]:
                holds.setdefault(cid, []).append(f"{p['rule']} x{p['factor']:g}")
        out.append(
            {
                "level": level.id,
                "agents": args.agents,
                "variation": args.vary,
                "games": games,
                "points": points,
                "stops_holding": holds,
            }
        )
        if not args.json:
            print(f"{level.id}: {len(points)} points; claims that stop holding somewhere: {holds or 'none'}")
    if args.json:
        print(json.dumps(out, indent=1))
    return ExitCode.FAILED if failed else ExitCode.OK


def _ablate(levels, args, agents) -> ExitCode:
    import json

    from game.sim.robustness import ablate

    out, failed = [], False
    for level in levels:
        for a in ablate(level, args.games, args.workers, agents):
            failed |= not a.shown
            out.append(
                {
                    "level": level.id,
                    "agents": args.agents,
                    "variation": args.vary,
                    **a.__dict__,
                    "shown": a.shown,
                }
            )
            if not args.json:
                verdict = "shown" if a.shown else "NOT SHOWN"
                print(
                    f"{level.id} {a.claim} {verdict}: holds with the mechanism: {a.holds_with}; "
                    f"without ({', '.join(a.removed)} = 0): {a.holds_without}"
                )
                print(f"    without: {a.measured_without}")
    if args.json:
        print(json.dumps(out, indent=1))
    return ExitCode.FAILED if failed else ExitCode.OK
