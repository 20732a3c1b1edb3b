"""`replay`: a saved game's transcript, replayed from its log against the level as it is now."""

from __future__ import annotations

import argparse
import sys

from game.commands.arguments import add_levels_option
from game.commands.exit_codes import ExitCode

NAME = "replay"
HELP = "print a saved game's transcript, turn by turn"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("log", metavar="LOG", help="a replay log (JSON)")
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    from pathlib import Path

    from pydantic import ValidationError

    from game.commands.loading import load_level
    from game.session.replay import ReplayError, ReplayLog, replay
    from game.session.transcript import transcript

    try:
        data = Path(args.log).read_bytes()[:20_000_000]
        log = ReplayLog.model_validate_json(data)
    except OSError as e:
        print(f"{args.log}: cannot read: {e.strerror or e}", file=sys.stderr)
        return ExitCode.FAILED
    except ValidationError as e:
        first = e.errors(include_url=False)[0]
        where = ".".join(str(x) for x in first["loc"])
        print(f"{args.log}: not a replay log of this game ({where}: {first['msg']})", file=sys.stderr)
        return ExitCode.FAILED
    level = load_level(log.level_id, args.levels)
    if level is None:
        return ExitCode.FAILED
    try:
        state, reports = replay(level, log)
    except ReplayError as e:
        print(f"{args.log}: {e}", file=sys.stderr)
        return ExitCode.FAILED
    sys.stdout.write(transcript(state, reports, log.facilitator, log.reasons))
    return ExitCode.OK
