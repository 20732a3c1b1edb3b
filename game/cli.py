"""The command line: `python -m game COMMAND`. The flags are a contract other tools rely on.

Each command is a module of game.commands; this one puts them into one parser and runs the one
asked for. Nothing here imports the game itself: a command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Sequence

from game.commands import (
    balance,
    bench,
    claims,
    classroom,
    duel,
    handouts,
    levels,
    new_level,
    new_text,
    play,
    reference,
    replay,
    report,
    schema,
    serve,
    simulate,
    strength,
    tournament,
    transcript,
    validate,
)
from game.commands.arguments import add_language_option
from game.commands.exit_codes import ExitCode, UsageError

# pygame prints a banner on import; the command line's output is for the player and for tools.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

# In the order of `--help`: playing, teaching, modding, then measuring.
COMMANDS = (
    play,
    classroom,
    serve,
    report,
    handouts,
    validate,
    schema,
    reference,
    new_level,
    new_text,
    levels,
    replay,
    transcript,
    simulate,
    duel,
    tournament,
    claims,
    balance,
    strength,
    bench,
)

# With no command, `python -m game` opens the window.
DEFAULT_COMMAND = play.NAME


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m game",
        description="Pragmatic Partners: keep a useful Russian-Chinese partnership alive while four limits pull it apart.",
        epilog="Exit codes: 0 done; 1 something found wrong (errors in a level, a claim that does not "
        "hold, a level that will not load); 2 bad usage.",
    )
    from game import __version__

    parser.add_argument("--version", action="version", version=f"Pragmatic Partners {__version__}")
    parser.add_argument(
        "--portable",
        action="store_true",
        help="keep saves, settings and exports in a `data` folder beside the game (a USB stick); "
        "a file `portable.txt` beside the game does the same",
    )
    # `python -m game --lang ru` opens the window in Russian, as `python -m game play --lang ru`
    # does. (Its own name: argparse would let play's default for --lang overwrite it.)
    add_language_option(parser, dest="top_lang")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        p = sub.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.add_arguments(p)
        p.set_defaults(run=command.run, command_parser=p)
    return parser


def main(argv: Sequence[str] | None = None) -> ExitCode:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        top_lang = args.top_lang
        if args.command is None:
            args = parser.parse_args([*(["--portable"] if args.portable else []), DEFAULT_COMMAND])
        if top_lang and getattr(args, "lang", "") is None:  # (only the window's commands take it)
            args.lang = top_lang
    except SystemExit as stop:  # argparse has printed the help (0) or a usage error (2)
        return ExitCode.USAGE if stop.code else ExitCode.OK
    if args.portable:
        from game.paths import HOME_VARIABLE, portable_data_dir

        # Through the environment, so that worker processes (balance, simulate) keep to it too.
        os.environ[HOME_VARIABLE] = str(portable_data_dir())
    try:
        return args.run(args)
    except UsageError as e:
        return _usage_error(args.command_parser, str(e))
    except BrokenPipeError:  # the reader stopped early (`| head`): not the command's failure
        return ExitCode.OK
    except OSError as e:
        if e.errno not in _FULL:
            raise
        # Output to a full disk (`> figures.md` on a full stick): a message, not a traceback. What
        # is still buffered for stdout could not be written either, so it is let go quietly.
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  # (for the rest of the process)
        print(f"error: the output could not be written: {e.strerror or e}", file=sys.stderr)
        return ExitCode.FAILED


_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}  # a full disk, a quota, a file too large


def _usage_error(parser: argparse.ArgumentParser, message: str) -> ExitCode:
    """Report a usage error found while running as argparse reports one found while parsing."""
    parser.print_usage(sys.stderr)
    print(f"{parser.prog}: error: {message}", file=sys.stderr)
    return ExitCode.USAGE
