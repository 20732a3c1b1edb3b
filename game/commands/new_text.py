"""`new-text`: start a level's text in another language, every English text with an empty
translation beside it, ready for a translator."""

from __future__ import annotations

import argparse
import shlex
import sys

from game.commands.arguments import LEVEL_LANGUAGES, add_levels_option, out_file
from game.commands.exit_codes import ExitCode

NAME = "new-text"
HELP = "start a level's text in another language (a catalogue file beside the level)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("level", metavar="LEVEL", help="a level id, or a level file")
    p.add_argument(
        "--lang",
        required=True,
        choices=LEVEL_LANGUAGES,
        metavar="CODE",
        help=f"one of {', '.join(LEVEL_LANGUAGES)}",
    )
    p.add_argument(
        "--out",
        type=out_file,
        metavar="FILE",
        help="where to write it (default: LEVEL.CODE.toml beside the level file)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace a file that is there already, keeping the translations it has",
    )
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    from pathlib import Path

    from game.commands.loading import catalogue, print_problems
    from game.levels.level_text import catalogue_path, new_text_file, read_text_file
    from game.levels.parse import read_level_file
    from game.levels.problems import did_you_mean
    from game.levels.schema import text_schema_text
    from game.paths import levels_dir, user_levels_dir
    from game.session.atomic import write_atomic

    given = Path(args.level)
    if given.suffix == ".toml" and given.is_file():
        pf = read_level_file(given, str(given))
    else:
        cat = catalogue(args.levels)
        entry = cat.entries.get(args.level)
        if entry is None and given.suffix == ".toml":
            print(f"there is no such file: {given}", file=sys.stderr)
            return ExitCode.FAILED
        if entry is None:
            print(f"no level with id '{args.level}'{did_you_mean(args.level, cat.entries)}", file=sys.stderr)
            return ExitCode.FAILED
        pf = entry.parsed
    if pf.spec is None:
        print_problems(pf.problems)
        return ExitCode.FAILED
    path = Path(args.out) if args.out else catalogue_path(pf.path, args.lang)
    kept = None
    if path.exists():
        if not args.force:
            print(
                f"{path} is there already; give --force to replace it (its translations are kept)",
                file=sys.stderr,
            )
            return ExitCode.FAILED
        old = read_text_file(path)
        if old.spec is None:
            print_problems(old.file.problems)
            print(
                f"{path} cannot be read, so its translations cannot be kept; fix it or remove it",
                file=sys.stderr,
            )
            return ExitCode.FAILED
        kept = old.spec
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, new_text_file(pf.spec, args.lang, path.name, kept).encode())
        schema = path.parent / "level-text.schema.json"
        if not schema.exists():  # so that the file's `#:schema` line works in the translator's editor
            schema.write_text(text_schema_text(), encoding="utf-8")
    except OSError as e:  # a folder that cannot be written (the shipped levels of an installed game)
        print(f"could not write {path}: {e.strerror or e}; give --out FILE", file=sys.stderr)
        return ExitCode.FAILED
    print(f"wrote {path}")
    print(f"check it:  python -m game validate {path}")
    # The game finds a level in its own folder and the player's; anywhere else it must be told.
    folder = pf.path.parent
    found = folder.resolve() in {levels_dir().resolve(), user_levels_dir().resolve()}
    where = "" if found else f" --levels {shlex.quote(str(folder))}"
    print(f"read it:   python -m game transcript {pf.spec.id}{where} --lang {args.lang}")
    return ExitCode.OK
