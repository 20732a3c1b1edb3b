"""`validate`: check level files, every problem at once with its file, line and column."""

from __future__ import annotations

import argparse
import sys

from game.commands.arguments import LEVEL_LANGUAGES, add_lang_option, add_levels_option
from game.commands.exit_codes import ExitCode

NAME = "validate"
HELP = "check level files; exit 0 clean, 1 on errors, 2 on bad usage"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="level files or folders of them")
    p.add_argument("--format", choices=("human", "json"), default="human")
    # As simulate, tournament and bench say it: `--json` is `--format json`.
    p.add_argument(
        "--json", dest="format", action="store_const", const="json", help="the same as --format json"
    )
    add_lang_option(p, "check the levels' text in this language only (default: every language)")
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    import json

    from game.levels.validate import validate_paths
    from game.text import printable

    problems = validate_paths(args.paths, args.levels, (args.lang,) if args.lang else LEVEL_LANGUAGES)
    errors = sum(p.severity == "error" for p in problems)
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False))
    else:
        for p in problems:
            print(printable(str(p)))
        warnings = len(problems) - errors
        print(
            f"{errors} error(s), {warnings} warning(s)" if problems else "no problems found", file=sys.stderr
        )
    # Warnings point at what loads but may not be meant; only errors fail the check.
    return ExitCode.FAILED if errors else ExitCode.OK
