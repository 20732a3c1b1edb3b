"""`strength`: how the levels of play fare against each other and against fixed card priorities on
every playable level (issue 16), written as a section of balance.md with a JSON twin,
strength.json, beside it."""

from __future__ import annotations

import argparse
import contextlib
import sys

from game.commands.arguments import (
    add_levels_option,
    add_think_options,
    at_least,
    seed,
    think_budget,
    think_flags,
)
from game.commands.exit_codes import ExitCode

NAME = "strength"
HELP = "duel the levels of play on every level and write the table into balance.md"

GAMES = 36


def merged(kept: dict, fresh: dict, cat) -> dict:
    """Measuring some levels again keeps the others' rows, and the versions they were measured on,
    in campaign order: a level measured again takes its place rather than moving to the end, so
    the file's diff shows only what changed."""
    from game.commands.balance import campaign_order

    in_order = campaign_order(cat)
    again = {r["level"] for r in fresh["pairings"]}
    rows = [r for r in kept.get("pairings", []) if r["level"] not in again] + fresh["pairings"]
    versions = {level: v for level, v in dict(kept.get("versions", {})).items() if level not in again}
    versions |= fresh["versions"]
    # sorted() is stable: a level's pairings keep the order they were measured in.
    return fresh | {
        "pairings": sorted(rows, key=lambda r: in_order(r["level"])),
        "versions": dict(sorted(versions.items(), key=lambda kv: in_order(kv[0]))),
    }


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "levels_to_check", nargs="*", metavar="LEVEL", help="level ids (default: every level in the campaign)"
    )
    p.add_argument(
        "--games", type=at_least(2), default=GAMES, metavar="N", help="games a pairing, half on each side"
    )
    p.add_argument("--seed", type=seed, default=0, metavar="S", help="duels use seeds S, S+1, ...")
    p.add_argument("--workers", type=at_least(1), default=1, metavar="K")
    p.add_argument(
        "--out",
        metavar="DIR",
        help="the folder of balance.md, to write strength.json into and the table into balance.md "
        "(default: docs/ in a checkout)",
    )
    p.add_argument("--json", action="store_true", help="print the table as JSON")
    add_think_options(p)
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    import json

    from game.commands.balance import no_mod_into_docs, report_file, rewrite_report
    from game.commands.loading import catalogue, load_levels
    from game.commands.progress import progress_bar
    from game.sim.strength import measure, to_json, version_of

    out = report_file(args.out)
    cat = catalogue(args.levels)
    ids = args.levels_to_check or [
        e.id for e in sorted(cat.playable(), key=lambda e: e.chapter or 0) if e.chapter is not None
    ]
    no_mod_into_docs(args.out, cat, ids)
    levels = load_levels(cat, ids)
    if levels is None:
        return ExitCode.FAILED
    budget = think_budget(args)
    rows = []
    for level in levels:
        if not args.json:
            print(f"{level.title}: {args.games} games a pairing...", file=sys.stderr)
        rows += measure(level, args.games, args.seed, args.workers, budget, progress_bar())
    command = (
        "python -m game strength"
        + (f" --games {args.games}" if args.games != GAMES else "")
        + (f" --seed {args.seed}" if args.seed else "")
        + think_flags(args)
    )
    versions = {level.id: version_of(level) for level in levels}
    figures = to_json(rows, command, versions)
    table = out.with_name("strength.json")
    if args.levels_to_check and table.is_file():
        # An unreadable table is replaced, not merged.
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError, AttributeError):
            figures = merged(json.loads(table.read_text(encoding="utf-8")), figures, cat)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        table.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        rewrite_report(out, cat)
    except OSError as e:  # a full disk, a folder that may not be written: minutes of duels, said why
        print(f"cannot write {table}: {e.strerror or e}", file=sys.stderr)
        return ExitCode.FAILED
    print(f"wrote {out.with_name('strength.json')} and the table in {out}", file=sys.stderr)
    if args.json:
        print(json.dumps(to_json(rows, command, versions)))
    else:
        for r in rows:
            mark = "" if r.met else "   MISSED"
            print(
                f"{r.level:24} {r.a:16} beats {r.b:7} {r.a_wins:6.1%}  (as Moscow {r.a_wins_as['moscow']:.0%}, "
                f"as Beijing {r.a_wins_as['beijing']:.0%}; {'at least' if r.at_least else 'at most'} {r.bound:.0%}){mark}"
            )
    return ExitCode.OK if all(r.met for r in rows) else ExitCode.FAILED
