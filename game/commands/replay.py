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

    from pydantic import ValidationError

    from game.commands.loading import load_level
    from game.files import NotAFile, TooBig, read_bounded
    from game.session.replay import ReplayError, ReplayLog, replay
    from game.session.saves import MAX_SAVE_BYTES, log_in_save
    from game.session.transcript import transcript
    from game.text import printable, shorten

    try:
        # Only a regular file, without blocking, and no larger than any save (a pipe or /dev/zero
        # would otherwise hang the command or fill the memory).
        data = read_bounded(Path(args.log), MAX_SAVE_BYTES)
        # A save file holds the game's log with its name and time: the log is what is replayed.
        log = log_in_save(data) or ReplayLog.model_validate_json(data)
    except TooBig:
        print(
            f"{args.log}: cannot read: larger than {MAX_SAVE_BYTES:,} bytes, far more than any replay log",
            file=sys.stderr,
        )
        return ExitCode.FAILED
    except NotAFile:
        print(f"{args.log}: cannot read: it is a folder, a pipe or a device, not a file", file=sys.stderr)
        return ExitCode.FAILED
    except OSError as e:
        print(f"{args.log}: cannot read: {e.strerror or e}", file=sys.stderr)
        return ExitCode.FAILED
    except ValidationError as e:
        first = e.errors(include_url=False)[0]
        where = ".".join(shorten(str(x), 40) for x in first["loc"])
        print(
            printable(f"{args.log}: not a save or a replay log of this game ({where}: {first['msg']})"),
            file=sys.stderr,
        )
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
