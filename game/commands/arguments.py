"""The command line's argument types and shared options. Each type checks one value as argparse
reads it, so a bad value gets argparse's usage message, naming the option, and exit code 2."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

SIDES = ("moscow", "beijing")

# game.ai.AGENTS, spelt out so that reading the command line does not load the agents (and the
# engine under them); a test keeps the two the same.
AGENT_NAMES = ("random", "easy", "normal", "hard", "idle")

# The largest seed the window's seed fields take (18 digits): a seed given on the command line is
# shown there, and a class reads it out for other machines to type.
MAX_TYPED_SEED = 10**18 - 1


def seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_TYPED_SEED:
        raise argparse.ArgumentTypeError(
            f"a seed is a whole number from 0 to {MAX_TYPED_SEED} "
            f"(the window's seed fields hold 18 digits), not {text!r}"
        )
    return value


def agent(text: str) -> str:
    """One of the game's agents, a fixed card priority (`priority:CARD,CARD,...`) or an agent of
    one's own in a Python file (`FILE.py:NAME`, game.ai.own; only its form and the file's being
    there are checked here: the file runs when the games begin)."""
    if text in AGENT_NAMES or (text.startswith("priority:") and len(text) > len("priority:")):
        return text
    path, colon, name = text.rpartition(":")
    if colon and path.endswith(".py"):
        if not name.isidentifier():
            raise argparse.ArgumentTypeError(
                f"after the file comes the agent's class name: FILE.py:NAME, not {text!r}"
            )
        if not os.path.isfile(path):
            raise argparse.ArgumentTypeError(f"there is no agent file {path}")
        return text
    raise argparse.ArgumentTypeError(
        f"unknown agent {text!r}; choose from {', '.join(AGENT_NAMES)}, or name your own as FILE.py:NAME"
    )


def window_size(text: str) -> tuple[int, int]:
    """(width, height), raised to the smallest window the board can be laid out in (800x600)."""
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"takes WxH, e.g. 1280x720, not {text!r}") from None
    return (max(800, w), max(600, h))


def at_least(least: int) -> Callable[[str], int]:
    """A type for a number of games, workers or samples: a whole number, `least` or more."""

    def count(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = least - 1
        if value < least:
            raise argparse.ArgumentTypeError(f"must be a whole number, at least {least}, not {text!r}")
        return value

    return count


def level_folder(text: str) -> str:
    # A misspelt mods folder would otherwise leave its levels out without a word.
    if not os.path.isdir(text):
        raise argparse.ArgumentTypeError(f"there is no such folder: {text}")
    return text


def add_levels_option(parser: argparse.ArgumentParser) -> None:
    """`--levels DIR`, which every command that reads levels takes."""
    parser.add_argument(
        "--levels",
        action="append",
        default=[],
        type=level_folder,
        metavar="DIR",
        help="an extra folder of levels (mods); may be given more than once",
    )


AGENT_HELP = (
    f"{', '.join(AGENT_NAMES)}; priority:CARD,CARD,... (a fixed card priority); or FILE.py:NAME, "
    "an agent of your own (running it runs the file: see docs/agents.md)"
)


def add_agent_option(parser: argparse.ArgumentParser, side: str, default: str | None) -> None:
    """`--moscow AGENT` or `--beijing AGENT`: who plays that side."""
    parser.add_argument(
        f"--{side}",
        type=agent,
        default=default,
        metavar="AGENT",
        help=f"who plays {side.capitalize()}: {AGENT_HELP}" + (f" (default {default})" if default else ""),
    )


def add_think_options(parser: argparse.ArgumentParser, interactive: bool = False) -> None:
    """`--think-ms` and `--think-iterations`: how long the agents that search may think."""
    if interactive:
        ms_help = (
            f"the time the hard AI, or an agent of your own, may think about a plan (default {THINK_MS})"
        )
        iterations_help = (
            "think for this many search iterations instead of a time: the same seed gives the same game"
        )
    else:
        ms_help = (
            "think for this long about each plan instead of a number of iterations (the results "
            f"then depend on the machine); agents of your own get {THINK_MS} ms unless this says otherwise"
        )
        iterations_help = "the search iterations the hard AI spends on each plan (default: its own, the same on any machine)"
    parser.add_argument("--think-ms", type=at_least(1), default=None, metavar="MS", help=ms_help)
    parser.add_argument(
        "--think-iterations", type=at_least(1), default=None, metavar="N", help=iterations_help
    )


THINK_MS = 1000  # a decision's time in a game in the window, and an own agent's anywhere
