"""`schema`: the JSON schema of a level file, for editors (kept at levels/level.schema.json)."""

from __future__ import annotations

import argparse
import sys

from game.commands.exit_codes import ExitCode

NAME = "schema"
HELP = "print the JSON schema of a level file"


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass  # it prints the one schema


def run(args: argparse.Namespace) -> ExitCode:
    from game.levels.schema import schema_text

    sys.stdout.write(schema_text())
    return ExitCode.OK
