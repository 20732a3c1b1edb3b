"""`reference`: the level format's reference in Markdown, made from the schema (the source of
docs/level-reference.md)."""

from __future__ import annotations

import argparse
import sys

from game.commands.exit_codes import ExitCode

NAME = "reference"
HELP = "print the level format's reference (Markdown, from the schema)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass  # it prints the one reference


def run(args: argparse.Namespace) -> ExitCode:
    from game.levels.reference import reference_markdown

    sys.stdout.write(reference_markdown())
    return ExitCode.OK
