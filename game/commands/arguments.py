"""The command line's argument types and shared options. Each type checks one value as argparse
reads it, so a bad value gets argparse's usage message, naming the option, and exit code 2.

Every count and size has an upper bound as well as a lower one (the README lists them): a typo of
a few zeros must be a usage message, not hours of work, a job list that fills the memory or a
window larger than any screen. A message quotes what it was given cut to a sane length.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ai import Budget
    from game.core.level import Level
    from game.sim.variation import Variation

SIDES = ("moscow", "beijing")

# game.ai.AGENTS, spelt out so that reading the command line does not load the agents (and the
# engine under them); a test keeps the two the same.
AGENT_NAMES = ("random", "easy", "normal", "hard", "idle")

# game.i18n.AVAILABLE and its pseudo-locale (for developers), spelt out so that reading the
# command line does not load the catalogues; a test keeps the two the same.
LANGUAGES = ("en", "tr", "ru", "zh_CN")
PSEUDO_LANGUAGE = "en_XA"

# game.core.level_text.LANGUAGES, the languages a level's text may come in beside English (the
# interface's, without English); a test keeps the two the same.
LEVEL_LANGUAGES = ("tr", "ru", "zh_CN")


def add_lang_option(parser: argparse.ArgumentParser, help: str) -> None:
    """`--lang CODE`: one of the languages a level's text may be translated into."""
    parser.add_argument(
        "--lang", choices=LEVEL_LANGUAGES, metavar="CODE", help=f"{help} ({', '.join(LEVEL_LANGUAGES)})"
    )


# The largest seed the window's seed fields take (18 digits): a seed given on the command line is
# shown there, and a class reads it out for other machines to type.
MAX_TYPED_SEED = 10**18 - 1

# The upper bounds of counts and sizes (README, "Commands").
MAX_GAMES = 10_000  # games of a run: hours of work, and a few hundred MB for their results
MAX_WORKERS = 64  # processes; more than this machine has cores only costs memory
MAX_REPEAT = 1_000  # samples of a benchmark figure
MAX_WINDOW = (7680, 4320)  # the largest window the settings take (an 8K screen)


def _shown(text: str) -> str:
    # What the user typed, for a message: cut, and without control characters (this module
    # imports nothing of the game; game.text.quote does the same for the rest of it).
    return "".join(ch if ch.isprintable() else "?" for ch in text[:40]) + ("…" if len(text) > 40 else "")


def seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_TYPED_SEED:
        raise argparse.ArgumentTypeError(
            f"a seed is a whole number from 0 to {MAX_TYPED_SEED} "
            f"(the window's seed fields hold 18 digits), not '{_shown(text)}'"
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
                f"after the file comes the agent's class name: FILE.py:NAME, not '{_shown(text)}'"
            )
        if not os.path.isfile(path):
            raise argparse.ArgumentTypeError(f"there is no agent file {_shown(path)}")
        return text
    raise argparse.ArgumentTypeError(
        f"unknown agent '{_shown(text)}'; choose from {', '.join(AGENT_NAMES)}, or name your own as FILE.py:NAME"
    )


def language(text: str) -> str:
    """A language code of the interface's: en, tr, ru, zh_CN (or the pseudo-locale en_XA)."""
    if text in LANGUAGES or text == PSEUDO_LANGUAGE:
        return text
    raise argparse.ArgumentTypeError(f"choose a language from {', '.join(LANGUAGES)}, not '{_shown(text)}'")


def add_language_option(parser: argparse.ArgumentParser, dest: str = "lang") -> None:
    """The interface's language for this run (`--lang ru`), over the settings and the system's."""
    parser.add_argument(
        "--lang",
        dest=dest,
        type=language,
        metavar="CODE",
        help=f"the interface's language for this run: {', '.join(LANGUAGES)} "
        "(default: the one chosen in Settings, else the system's)",
    )


def window_size(text: str) -> tuple[int, int]:
    """(width, height), raised to the smallest window the board can be laid out in (800x600) and
    no larger than the settings allow (7680x4320)."""
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"takes WxH, e.g. 1280x720, not '{_shown(text)}'") from None
    most_w, most_h = MAX_WINDOW
    if w > most_w or h > most_h:
        raise argparse.ArgumentTypeError(f"a window is at most {most_w}x{most_h}, not '{_shown(text)}'")
    return (max(800, w), max(600, h))


def at_least(least: int, most: int = MAX_GAMES) -> Callable[[str], int]:
    """A type for a number of games, workers or samples: a whole number from `least` to `most`."""

    def count(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = least - 1
        if not least <= value <= most:
            raise argparse.ArgumentTypeError(
                f"must be a whole number from {least} to {most:,}, not '{_shown(text)}'"
            )
        return value

    return count


def level_folder(text: str) -> str:
    # A misspelt mods folder would otherwise leave its levels out without a word.
    if os.path.isfile(text):
        folder = os.path.dirname(text) or "."
        raise argparse.ArgumentTypeError(
            f"{_shown(text)} is a file: give the folder that holds it ({_shown(folder)})"
        )
    if not os.path.isdir(text):
        raise argparse.ArgumentTypeError(f"there is no such folder: {_shown(text)}")
    return text


def _under_a_folder(text: str) -> None:
    # The nearest part of the path that exists must be a folder: under a file nothing can be made.
    above = os.path.dirname(os.path.abspath(text))
    while not os.path.exists(above) and os.path.dirname(above) != above:
        above = os.path.dirname(above)
    if not os.path.isdir(above):
        raise argparse.ArgumentTypeError(
            f"'{_shown(text)}' cannot be written: '{_shown(above)}' is a file, not a folder"
        )


def out_folder(text: str) -> str:
    """A folder to write into: one that exists, or a path where one can be made (not a file)."""
    if os.path.exists(text) and not os.path.isdir(text):
        raise argparse.ArgumentTypeError(f"'{_shown(text)}' is a file, not a folder to write into")
    _under_a_folder(text)
    return text


def out_file(text: str) -> str:
    """A file to write: not a folder, in a folder that exists or can be made."""
    if os.path.isdir(text):
        raise argparse.ArgumentTypeError(f"'{_shown(text)}' is a folder, not a file to write")
    _under_a_folder(text)
    return text


def out_path(text: str) -> str:
    """A file or a folder to write (the command decides which): somewhere one can be made."""
    _under_a_folder(text)
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


def add_vary_option(parser: argparse.ArgumentParser, help: str) -> None:
    """`--vary KEY=VALUE`, as many as given: a change to the level (game.sim.variation)."""
    parser.add_argument("--vary", action="append", default=[], metavar="KEY=VALUE", help=help)


def variation_of(items: list[str], level: Level) -> Variation:
    """The --vary `items`, checked against `level` (they name its own meters, events and actions);
    a usage error names the item that is wrong."""
    from game.commands.exit_codes import UsageError
    from game.sim.variation import VariationError, parse_variation

    try:
        return parse_variation(items, level)
    except VariationError as e:
        raise UsageError(f"--vary {e}") from None


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


def think_budget(args: argparse.Namespace) -> Budget:
    """The budget `--think-iterations` / `--think-ms` give (each None when not given)."""
    from game.ai import Budget  # here, not at the top: the AI is slow to import for `--help`

    return Budget(iterations=args.think_iterations, ms=args.think_ms)


def think_flags(args: argparse.Namespace) -> str:
    """The think options as given, to write into a report's command line so that it can be run
    again as it was."""
    return (f" --think-iterations {args.think_iterations}" if args.think_iterations else "") + (
        f" --think-ms {args.think_ms}" if args.think_ms else ""
    )


THINK_MS = 1000  # a decision's time in a game in the window, and an own agent's anywhere
