"""`classroom`: the classroom session's set-up in the window, filled in from the command line."""

from __future__ import annotations

import argparse
import sys

from game.commands.arguments import SIDES, add_language_option, add_levels_option, seed, window_size
from game.commands.exit_codes import ExitCode, UsageError

NAME = "classroom"
HELP = "open the classroom session set-up, filled in with these values"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--level", metavar="ID", help="the level the class plays")
    p.add_argument(
        "--seed", type=seed, default=None, metavar="N", help="the class seed (every group types the same)"
    )
    for side in SIDES:
        p.add_argument(
            f"--{side}",
            choices=("team", "easy", "normal", "hard"),
            default="team",
            help=f"who plays {side.capitalize()}: a team of students or an AI",
        )
    p.add_argument(
        "--timer",
        type=int,
        choices=(0, 3, 5, 8, 10),
        default=0,
        metavar="MIN",
        help="planning timer in minutes for each turn (0, 3, 5, 8 or 10; 0: none)",
    )
    p.add_argument(
        "--group", default="", metavar="NAME", help="the group's name, for the exports and the class report"
    )
    p.add_argument(
        "--cut",
        action="store_true",
        help="end the session at the level's classroom cut (about half its turns), scored provisionally",
    )
    p.add_argument("--size", type=window_size, metavar="WxH", help="window size for this run, e.g. 1920x1080")
    add_language_option(p)  # (the set-up starts in it; a pack's `language` is the class's, over it)
    p.add_argument(
        "--pack",
        metavar="FILE",
        help="a session pack (TOML): its level, seed, sides, timer and scheduled injections, without a network",
    )
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    from pathlib import Path

    from game.commands.loading import load_level
    from game.ui.app import PlayOptions, play

    if "team" not in (args.moscow, args.beijing):
        raise UsageError("at least one side must be played by a team (--moscow team or --beijing team)")
    level = load_level(args.level, args.levels) if args.level else None
    if args.level and level is None:
        return ExitCode.FAILED
    if args.cut and level is not None and level.cut is None:
        raise UsageError(f"--cut: level '{level.id}' has no classroom cut")
    setup = {
        "level_id": args.level,
        "seed": args.seed,
        "teams": {"moscow": args.moscow, "beijing": args.beijing},
        "timer": args.timer,
        "group": args.group[:60],
        "cut": args.cut,
    }
    if args.pack:
        from game.classroom.pack import PackError, load_pack
        from game.commands.loading import print_problems

        try:
            pack = load_pack(
                Path(args.pack), [Path(d) for d in args.levels], warn=lambda p: print(p, file=sys.stderr)
            )
        except PackError as e:
            print_problems(e.problems)
            return ExitCode.FAILED
        setup = {
            "level_id": pack.level,
            "seed": pack.seed,
            "teams": pack.sides.model_dump(),
            "timer": pack.timer,
            "group": args.group[:60] or (pack.groups[0] if len(pack.groups) == 1 else ""),
            "schedule": [(i.turn, i.event) for i in pack.inject],
            "end_after_turn": pack.end_after_turn,
            "reveal": pack.reveal,
            "cut": pack.cut or args.cut,
        }
        if pack.language:
            setup["language"] = pack.language  # the class's: the window and the exports speak it
    options = PlayOptions(
        level_dirs=[Path(d) for d in args.levels],
        size=args.size,
        classroom=setup,
        language=args.lang,
        class_language=setup.get("language"),
    )
    return ExitCode(play(options))
