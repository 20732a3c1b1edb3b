"""`play`: the game's window (the command when none is given)."""

from __future__ import annotations

import argparse

from game.commands.arguments import (
    SIDES,
    add_agent_option,
    add_language_option,
    add_levels_option,
    add_think_options,
    out_folder,
    seed,
    window_size,
)
from game.commands.exit_codes import ExitCode, UsageError

NAME = "play"
HELP = "open the game's window (the default command)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--level",
        metavar="ID",
        help="open New game on this level, ready to start (a level the campaign has not opened yet too)",
    )
    p.add_argument("--side", choices=SIDES, default="moscow")
    p.add_argument("--opponent", choices=("easy", "normal", "hard", "human"), default="normal")
    for side in SIDES:
        # Seating an agent on one side puts the player on the other.
        add_agent_option(p, side, None)
    add_think_options(p, interactive=True)
    p.add_argument("--seed", type=seed, default=None, metavar="N")
    p.add_argument(
        "--autoplay", action="store_true", help="agents choose for every side; the UI steps on by itself"
    )
    p.add_argument(
        "--screenshot-dir",
        type=out_folder,
        metavar="DIR",
        help="save a PNG of each screen and each turn here",
    )
    p.add_argument(
        "--screenshot-only",
        action="append",
        default=[],
        metavar="NAME",
        help="save only the screens so named (a pattern such as 'turn*-resolved'); may be given more than once",
    )
    p.add_argument("--exit-at-end", action="store_true", help="close the window at the debrief")
    add_language_option(p)
    p.add_argument("--size", type=window_size, metavar="WxH", help="window size for this run, e.g. 1920x1080")
    p.add_argument("--probe", help=argparse.SUPPRESS)  # used by `bench`
    add_levels_option(p)
    # A class on several laptops (game.server): join the class server's session as a group.
    p.add_argument("--join", metavar="URL", help="join a class server's session at this address")
    p.add_argument("--class-code", metavar="CODE", help="the class code the teacher gives (with --join)")
    p.add_argument("--group", metavar="NAME", help="this group's name in the class (with --join)")


def run(args: argparse.Namespace) -> ExitCode:
    from pathlib import Path

    from game.ui.app import PlayOptions, play

    if args.join:
        from game.ui.join import play_joined

        return play_joined(args)
    side, opponent = args.side, args.opponent
    seated = [s for s in SIDES if getattr(args, s) is not None]
    if len(seated) == 2:
        raise UsageError(
            "play seats a person on one side: give --moscow or --beijing, not both "
            "(duel and simulate play agent against agent)"
        )
    if seated:
        opponent = getattr(args, seated[0])
        side = "beijing" if seated[0] == "moscow" else "moscow"
        if opponent.startswith("priority:"):
            # A save records who played each side by name, and resumes with it.
            raise UsageError("a fixed card priority plays in simulate and duel, not in the window")
    # A level or an agent file that will not load is reported here, in the terminal, before a
    # window opens. (The loader and the agents are imported only then: the title screen starts
    # without the level format or the engine.)
    if args.level or opponent not in ("easy", "normal", "hard", "human"):
        from game.commands.loading import load_agents, load_level

        if args.level and load_level(args.level, args.levels) is None:
            return ExitCode.FAILED
        if not load_agents(opponent):
            return ExitCode.FAILED
    think = None  # the game's own budget: 1 s a plan
    if args.think_ms is not None or args.think_iterations is not None:
        from game.ai import Budget

        think = Budget(iterations=args.think_iterations, ms=args.think_ms)
    options = PlayOptions(
        level=args.level,
        side=side,
        opponent=opponent,
        think=think,
        seed=args.seed,
        autoplay=args.autoplay,
        screenshot_dir=Path(args.screenshot_dir) if args.screenshot_dir else None,
        screenshot_only=tuple(args.screenshot_only),
        exit_at_end=args.exit_at_end,
        level_dirs=[Path(d) for d in args.levels],
        size=args.size,
        probe=args.probe,
        language=args.lang,
    )
    return ExitCode(play(options))
