"""`transcript`: play a level with agents and print every turn, every change and its cause (the
golden files are made with it)."""

from __future__ import annotations

import argparse
import sys

from game.commands.arguments import (
    SIDES,
    add_agent_option,
    add_lang_option,
    add_levels_option,
    out_file,
    seed,
)
from game.commands.exit_codes import ExitCode

NAME = "transcript"
HELP = "play a level with agents and print the transcript (golden files)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("level", metavar="LEVEL", help="a level id")
    p.add_argument("--seed", type=seed, default=None, metavar="N", help="default: the level's own seed")
    for side in SIDES:
        add_agent_option(p, side, "random")
    p.add_argument("--log", type=out_file, metavar="FILE", help="also write the replay log here")
    add_lang_option(p, "tell the level's text in this language, English where it has no translation")
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    from pathlib import Path

    from game.commands.loading import load_agents, load_level
    from game.session.play import play_game
    from game.session.transcript import transcript

    level = load_level(args.level, args.levels)
    if level is None or not load_agents(args.moscow, args.beijing):
        return ExitCode.FAILED
    if args.lang:
        from game.core.level_text import in_language

        # The same game (the text changes no rule), told in the language asked for.
        level = in_language(level, args.lang)
    seed = level.seed if args.seed is None else args.seed
    state, reports, log = play_game(level, seed, args.moscow, args.beijing)
    if args.log:
        try:
            Path(args.log).write_text(log.model_dump_json(indent=1), encoding="utf-8")
        except OSError as e:  # a full disk, a folder that may not be written
            print(f"{args.log}: cannot write the log: {e.strerror or e}", file=sys.stderr)
            return ExitCode.FAILED
    sys.stdout.write(transcript(state, reports, summits=[t.summit for t in log.turns]))
    return ExitCode.OK
