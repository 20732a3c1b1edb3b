"""`bench`: the game's speed and memory figures, printed (measured, never asserted in tests)."""

from __future__ import annotations

import argparse

from game.commands.arguments import MAX_REPEAT, add_levels_option, at_least
from game.commands.exit_codes import ExitCode

NAME = "bench"
HELP = "measure speed and memory as ratios to references timed in the same run; prints figures against their targets"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: the figures and, under 'targets', each target",
    )
    p.add_argument(
        "--repeat", type=at_least(0, MAX_REPEAT), default=0, help="samples per figure (0: the default)"
    )
    p.add_argument(
        "--quick", action="store_true", help="a tiny workload: checks that bench runs, figures rough"
    )
    p.add_argument("--level", default="testing_event", metavar="ID", help="the level to measure")
    p.add_argument("--no-ui", action="store_true", help="skip the figures that open the game's window")
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    import json

    from game.bench import report_lines, run_bench, targets

    figures = run_bench(repeat=args.repeat, level_id=args.level, mod_dirs=args.levels, quick=args.quick)
    if not args.no_ui:
        from game.bench import run_ui_bench

        figures.update(run_ui_bench(args.repeat, quick=args.quick))
    if args.json:
        print(json.dumps({**figures, "targets": targets(figures)}))
    else:
        print("\n".join(report_lines(figures)))
    return ExitCode.OK
