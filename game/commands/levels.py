"""`levels`: the levels on offer, shipped and mods, each marked when it will not load."""

from __future__ import annotations

import argparse

from game.commands.arguments import add_levels_option
from game.commands.exit_codes import ExitCode

NAME = "levels"
HELP = "list the levels on offer"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    from game.commands.loading import catalogue, print_problems
    from game.levels.loader import compile_with_warnings
    from game.text import printable

    cat = catalogue(args.levels)
    for e in cat.playable():
        mark = " [mod]" if e.is_mod else ""
        level, problems = compile_with_warnings(e.parsed, cat)
        errors = sum(p.severity == "error" for p in problems)
        state = f"  ({errors} error(s): python -m game validate {e.path})" if level is None else ""
        # A mod's title is the modder's text: an escape sequence in it must not reach the terminal.
        print(printable(f"{e.id:24} {e.title}{mark}{state}"))
    print_problems(cat.problems)
    # A listing, not a check: a broken level is named in the list, and `validate` fails on it.
    return ExitCode.OK
