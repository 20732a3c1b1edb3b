"""Levels for the commands: the catalogue with the `--levels` folders, levels loaded by id, and
every problem printed where it is (file:line:column), so that a level that will not load is a
message and exit code 1, never a traceback. Imported by a command when it runs."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from game.core.level import Level
from game.levels import Catalogue, LevelError, Problem
from game.paths import user_levels_dir
from game.text import printable

if TYPE_CHECKING:
    from game.session.replay import ReplayLog


def catalogue(mod_dirs: Iterable[str]) -> Catalogue:
    """The levels the window offers: shipped, the player's levels folder, and any --levels DIR."""
    return Catalogue.scan([user_levels_dir(), *mod_dirs])


def print_problems(problems: Iterable[Problem]) -> None:
    """Each problem on a line of its own; nothing from the files can send the terminal a control
    sequence (a file's name is the player's, a quoted value the file's)."""
    for p in problems:
        print(printable(str(p) if p.file else f"error: {p.message}"), file=sys.stderr)


def load_level(level_id: str, mod_dirs: Iterable[str]) -> Level | None:
    """The level to play, or None with the reason printed (problems, or a ruleset that is not a
    level of its own)."""
    cat = catalogue(mod_dirs)
    entry = cat.entries.get(level_id)
    if entry is not None and not entry.playable:
        # A ruleset such as `base` has no outcomes or agendas of its own: nothing to play.
        playable = ", ".join(sorted(e.id for e in cat.playable()))
        print(
            f"'{level_id}' is a ruleset that other levels extend (playable = false), not a level to play; "
            f"choose one of: {playable}",
            file=sys.stderr,
        )
        return None
    levels = load_levels(cat, [level_id])
    return levels[0] if levels else None


def load_levels(cat: Catalogue, ids: Iterable[str]) -> list[Level] | None:
    """The levels, compiled; None (with every problem printed) when one of them cannot load."""
    levels = []
    for level_id in ids:
        if level_id in cat.clashes:
            # Two files give this id (the player's levels folder and a --levels folder, most
            # often): the first found would run, and a modder editing the other would see nothing
            # change. The window lists the clash too; a command stops on it.
            print_problems(cat.clashes[level_id])
            first = cat.entries[level_id].path  # (the player's file name: nothing sent to the terminal)
            print(
                printable(
                    f"error: two files give the level id '{level_id}' (the first is {first}); rename or remove one"
                ),
                file=sys.stderr,
            )
            return None
        try:
            levels.append(cat.load(level_id))
        except LevelError as e:
            print_problems(e.problems)
            return None
    return levels


def load_agents(*specs: str) -> bool:
    """Whether every agent of one's own among `specs` (FILE.py:NAME) loads and can be made for
    each side: each file is run, and its class called, once now, so that an agent that will not
    load or whose class fails is a message before the games, not a lost turn in every one."""
    from game.ai import Budget
    from game.ai.own import OwnAgentError, build_own_agent, is_own_agent

    for spec in specs:
        if is_own_agent(spec):
            try:
                for side in ("moscow", "beijing"):
                    build_own_agent(spec, side, 0, Budget())
            except OwnAgentError as e:
                print(f"error: {e}", file=sys.stderr)
                return False
    return True


def read_log(path: Path) -> ReplayLog | None:
    """The replay log in the file `path` (a save's log, or a replay log such as an export's
    replay.json), or None with why not printed in a line. The file may come from anywhere: only a
    regular file is read, without blocking, and no larger than any save (a pipe or /dev/zero would
    otherwise hang the command or fill the memory)."""
    from pydantic import ValidationError

    from game.files import NotAFile, TooBig, read_bounded
    from game.session.replay import ReplayLog
    from game.session.saves import MAX_SAVE_BYTES, log_in_save
    from game.text import shorten

    try:
        data = read_bounded(path, MAX_SAVE_BYTES)
        # A save file holds the game's log with its name and time: the log is what is replayed.
        return log_in_save(data) or ReplayLog.model_validate_json(data)
    except TooBig:
        said = f"cannot read: larger than {MAX_SAVE_BYTES:,} bytes, far more than any replay log"
    except NotAFile:
        said = "cannot read: it is a folder, a pipe or a device, not a file"
    except OSError as e:
        said = f"cannot read: {e.strerror or e}"
    except ValidationError as e:
        first = e.errors(include_url=False)[0]
        where = ".".join(shorten(str(x), 40) for x in first["loc"])
        said = f"not a save or a replay log of this game ({where}: {first['msg']})"
    print(printable(f"{path}: {said}"), file=sys.stderr)
    return None
