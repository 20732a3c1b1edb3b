"""`schema`: the JSON schema of a level file, for editors (kept at levels/level.schema.json), or
with --text of a level's text in another language (levels/level-text.schema.json)."""

from __future__ import annotations

import argparse
import sys

from game.commands.exit_codes import ExitCode

NAME = "schema"
HELP = "print the JSON schema of a level file"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--text",
        action="store_true",
        help="the schema of a level's text in another language (LEVEL.CODE.toml) instead",
    )


def run(args: argparse.Namespace) -> ExitCode:
    from game.levels.schema import schema_text, text_schema_text

    sys.stdout.write(text_schema_text() if args.text else schema_text())
    return ExitCode.OK
