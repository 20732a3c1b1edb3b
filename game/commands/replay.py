"""`replay`: a saved game's transcript, replayed from its log against the level as it is now."""

from __future__ import annotations

import argparse
import sys

from game.commands.arguments import add_levels_option
from game.commands.exit_codes import ExitCode

NAME = "replay"
HELP = "print a saved game's transcript, turn by turn"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "log", metavar="LOG", help="a saved game (a file of the saves folder) or a replay log (JSON)"
    )
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    from pathlib import Path

    from game.commands.loading import load_level, read_log
    from game.session.replay import ReplayError, replay
    from game.session.transcript import transcript

    log = read_log(Path(args.log))
    if log is None:
        return ExitCode.FAILED
    level = load_level(log.level_id, args.levels)
    if level is None:
        return ExitCode.FAILED
    try:
        state, reports = replay(level, log)
    except ReplayError as e:
        print(f"{args.log}: {e}", file=sys.stderr)
        return ExitCode.FAILED
    sys.stdout.write(transcript(state, reports, log.facilitator, log.reasons, [t.summit for t in log.turns]))
    return ExitCode.OK
