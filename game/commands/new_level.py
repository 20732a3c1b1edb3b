"""`new-level`: a commented level that extends the base, valid as it stands, ready to edit."""

from __future__ import annotations

import argparse
import sys

from game.commands.arguments import out_folder
from game.commands.exit_codes import ExitCode

NAME = "new-level"
HELP = "write a new level that extends the base, with comments, ready to edit"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME", help="the level's title; its id and file name are made from it")
    p.add_argument(
        "--out", type=out_folder, metavar="DIR", help="where to write it (default: your levels folder)"
    )
    p.add_argument("--force", action="store_true", help="replace a file of the same name")


def run(args: argparse.Namespace) -> ExitCode:
    from pathlib import Path

    from game.levels.loader import Catalogue
    from game.levels.scaffold import ScaffoldError, write_new_level, years_note
    from game.paths import user_levels_dir

    folder = Path(args.out) if args.out else user_levels_dir()
    # Ids the new level must not take: the shipped levels, the player's, and those in its folder.
    taken = {
        level_id: entry.path
        for level_id, entry in Catalogue.scan([user_levels_dir(), folder]).entries.items()
    }
    try:
        path = write_new_level(args.name, folder, force=args.force, taken=taken)
    except ScaffoldError as e:
        print(e, file=sys.stderr)
        return ExitCode.FAILED
    except OSError as e:  # a folder that cannot be made or written (a full disk, permissions)
        print(f"could not write the level into {folder}: {e.strerror or e}", file=sys.stderr)
        return ExitCode.FAILED
    print(f"wrote {path}")
    note = years_note(args.name)
    if note:
        print(note)
    print(f"check it:  python -m game validate {path}")
    print(f"play it:   python -m game play --levels {folder} --level {path.stem}")
    return ExitCode.OK
