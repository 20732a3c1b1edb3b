"""The command line: `python -m game COMMAND`. The flags here are a contract other tools rely on."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _levels_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--levels", action="append", default=[], metavar="DIR",
                   help="an extra folder of levels (mods); may be given more than once")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m game",
        description="Pragmatic Partners: keep a useful Russian-Chinese partnership alive while four limits pull it apart.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check level files; exit 0 clean, 1 on errors, 2 on bad usage")
    p.add_argument("paths", nargs="+", metavar="PATH", help="level files or folders of them")
    p.add_argument("--format", choices=("human", "json"), default="human")
    _levels_arg(p)

    sub.add_parser("schema", help="print the JSON schema of a level file")

    p = sub.add_parser("levels", help="list the levels on offer")
    _levels_arg(p)

    p = sub.add_parser("replay", help="print a saved game's transcript, turn by turn")
    p.add_argument("log", metavar="LOG", help="a replay log (JSON)")
    _levels_arg(p)

    p = sub.add_parser("transcript", help="play a level with agents and print the transcript (golden files)")
    p.add_argument("level", metavar="LEVEL", help="a level id")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--moscow", default="random", metavar="AGENT")
    p.add_argument("--beijing", default="random", metavar="AGENT")
    p.add_argument("--log", metavar="FILE", help="also write the replay log here")
    _levels_arg(p)

    p = sub.add_parser("bench", help="measure speed; prints figures")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--repeat", type=int, default=0, help="samples per figure (0: the default)")
    p.add_argument("--level", default="testing_event", metavar="ID", help="the level to measure")
    _levels_arg(p)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command
    if command is None:
        parser.print_help()
        return 0
    handler = {
        "validate": cmd_validate, "schema": cmd_schema, "levels": cmd_levels, "replay": cmd_replay,
        "transcript": cmd_transcript, "bench": cmd_bench,
    }[command]
    try:
        return handler(args)
    except BrokenPipeError:
        return 0


def cmd_validate(args) -> int:
    from game.levels.validate import validate_paths

    problems = validate_paths(args.paths, args.levels)
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False))
    else:
        for p in problems:
            print(p)
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        print(f"{errors} error(s), {warnings} warning(s)" if problems else "no problems found",
              file=sys.stderr)
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_schema(args) -> int:
    from game.levels.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def cmd_levels(args) -> int:
    from game.levels import Catalogue

    cat = Catalogue.scan(args.levels)
    for e in cat.playable():
        mark = " [mod]" if e.is_mod else ""
        print(f"{e.id:24} {e.title}{mark}")
    for p in cat.problems:
        print(p, file=sys.stderr)
    return 0


def _load(level_id: str, mod_dirs) -> object:
    from game.levels import Catalogue, LevelError

    try:
        return Catalogue.scan(mod_dirs).load(level_id)
    except LevelError as e:
        for p in e.problems:
            print(p, file=sys.stderr)
        return None


def cmd_replay(args) -> int:
    from pydantic import ValidationError

    from game.session.replay import ReplayError, ReplayLog, replay
    from game.session.transcript import transcript

    try:
        data = Path(args.log).read_bytes()[:20_000_000]
        log = ReplayLog.model_validate_json(data)
    except OSError as e:
        print(f"{args.log}: cannot read: {e.strerror or e}", file=sys.stderr)
        return 1
    except ValidationError as e:
        first = e.errors(include_url=False)[0]
        where = ".".join(str(x) for x in first["loc"])
        print(f"{args.log}: not a replay log of this game ({where}: {first['msg']})", file=sys.stderr)
        return 1
    level = _load(log.level_id, args.levels)
    if level is None:
        return 1
    try:
        state, reports = replay(level, log)
    except ReplayError as e:
        print(f"{args.log}: {e}", file=sys.stderr)
        return 1
    sys.stdout.write(transcript(state, reports))
    return 0


def cmd_transcript(args) -> int:
    from game.session.play import play_game
    from game.session.transcript import transcript

    level = _load(args.level, args.levels)
    if level is None:
        return 1
    seed = level.seed if args.seed is None else args.seed
    try:
        state, reports, log = play_game(level, seed, args.moscow, args.beijing)
    except ValueError as e:
        print(e, file=sys.stderr)
        return 2
    if args.log:
        Path(args.log).write_text(log.model_dump_json(indent=1), encoding="utf-8")
    sys.stdout.write(transcript(state, reports))
    return 0


def cmd_bench(args) -> int:
    from game.bench import run_bench

    figures = run_bench(repeat=args.repeat, level_id=args.level, mod_dirs=args.levels)
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:32} {v}")
    return 0
