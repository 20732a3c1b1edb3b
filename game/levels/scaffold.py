"""`new-level`: write a level that extends the base, valid as written, with comments for each part.

The file goes into the player's levels folder (or a folder they name); its id and file name are
made from the title, so nothing the player types can point outside that folder.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from game.levels.compile import years_named
from game.levels.schema import schema_text


class ScaffoldError(Exception):
    """A new level that cannot be written (a bad name, or a file that is there already)."""


def level_id_for(title: str) -> str:
    """'The Caspian Gambit!' -> 'the_caspian_gambit': lower-case letters, digits and '_' only."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_title.lower()).strip("_")
    if not slug:
        return "my_level"
    if not slug[0].isalpha():
        slug = f"level_{slug}".rstrip("_")
    return slug[:48].rstrip("_") or "my_level"


# The longest ending the template gives a card's id ("_pipeline_leak"): an id holds 48 characters.
_CARD_ENDING = len("_pipeline_leak")


def card_prefix(level_id: str) -> str:
    """What the example cards' ids begin with: the level's id, cut so that each stays an id."""
    return level_id[: 48 - _CARD_ENDING].rstrip("_")


TEMPLATE = """#:schema ./level.schema.json
# {title}: a level for Pragmatic Partners.
#
# This file extends the shared ruleset ("base"): everything it does not name is taken from there,
# so it is playable as it stands. Change what you like, then check it with
#     python -m game validate {file}
# The full list of keys is in docs/level-reference.md; the tutorial in docs/modding.md.

schema_version = 1
id = "{id}"            # the level's stable id: saves and replays refer to it
extends = "base"       # inherit the base ruleset's actions, events, rules and start values
title = "{title}"
description = "Write one paragraph here: the situation, and what is at stake for both sides."
start_year = {start_year}
turns_per_year = {turns_per_year}     # 4: a turn is a season; 2: half a year; 1: a year
turns = {turns}
seed = 1               # the default seed; the new-game screen lets players type another

# What each side is told before the first turn.
[briefing]
moscow = "You govern from Moscow. Say what Moscow wants, and what it fears."
beijing = "You govern from Beijing. Say what Beijing wants, and what it fears."

# Start values: each key here replaces the inherited one; the rest come from the base.
[start]
partnership = 50       # 40-60 is a pragmatic partnership
identity_gap = 45

[start.moscow]
dependence = 65        # Moscow needs Beijing more than the reverse

# A new action. Its side pays `cost` in political capital when the plan is locked.
[[action]]
id = "{cards}_summit"
side = "beijing"
name = "Host a regional summit"
description = "Bring the Central Asian leaders to Xi'an. Beijing's weight in the region grows; Moscow takes note."
cost = 2
tags = ["institutions"]          # methods: force, integration, institutions, stability, outreach, distance
requires = "turn >= 2"           # when it may be chosen (a condition over meters, flags and turn)
effects = {{ "central_asia.beijing" = 2, "beijing.standing" = 1, central_asia_rivalry = 2 }}
cooldown = 2                     # turns before it can be chosen again

# A new event: drawn at random, among the events whose `when` holds. (A dated event of record
# that must happen on its turn says `certain = true` instead of a weight; an invented one says
# `hypothetical = true`: docs/modding.md, "Events".)
[[event]]
id = "{cards}_pipeline_leak"
title = "A pipeline leak in winter"
text = "Gas deliveries stop for a week while engineers repair a ruptured line. Both capitals blame the weather."
when = "economic_ties >= 40"
weight = 1.5                     # relative chance among the events that can be drawn
once = true                      # at most once a game
effects = {{ economic_ties = -3, "moscow.economy" = -2 }}
"""


# The most years a level's turns can span: 80 turns (the format's most) of a year each.
MAX_YEARS = 80


def years_note(title: str) -> str | None:
    """What to tell the modder when the title names years a level cannot have, so that the new
    level's twelve seasons from 2024 do not come as a surprise (None: nothing to tell)."""
    named = years_named(title)
    if named is None:
        return None
    first, last = named
    if 1 <= last - first + 1 <= MAX_YEARS and first >= 1900 and last <= 2200:
        return None
    return (
        f"note: the title names {first}-{last}, which a level cannot span (from 1900 to 2200, at "
        f"most {MAX_YEARS} years): the level has twelve seasons from 2024; set start_year, "
        "turns_per_year and turns yourself"
    )


def years_for(title: str) -> tuple[int, int, int]:
    """(start_year, turns_per_year, turns) for a new level: the years its title names, if it names
    a range ("Arctic route (2030-2035)"), at seasons for up to three years, half-years up to
    eight, whole years beyond; else twelve seasons from 2024. The validator warns when a title
    and the turns disagree, so a new level starts out agreeing."""
    named = years_named(title)
    if named is None:
        return 2024, 4, 12
    first, last = named
    years = last - first + 1
    # (the format's bounds: docs/level-reference.md)
    if not 1 <= years <= MAX_YEARS or first < 1900 or last > 2200:
        return 2024, 4, 12
    per_year = 4 if years <= 3 else 2 if years <= 8 else 1
    return first, per_year, years * per_year


def write_new_level(
    title: str, folder: Path, force: bool = False, taken: dict[str, Path] | None = None
) -> Path:
    """Write the level; `taken` maps the ids of the levels the game knows to their files, so that
    the new level's id is not one of them (the game would drop it, or it would extend itself)."""
    title = " ".join("".join(ch for ch in title if ch.isprintable()).split())[:120] or "My level"
    level_id = level_id_for(title)
    if level_id == "my_level" and not force:
        # A title with no Latin letters ("Мост через Амур", "北京") says nothing an id can hold: each
        # such level takes the next free number rather than be refused as another's file.
        number = 1
        while (folder / f"{level_id}.toml").exists() or level_id in (taken or {}):
            number += 1
            level_id = f"my_level_{number}"
    path = folder / f"{level_id}.toml"
    other = (taken or {}).get(level_id)
    if other is not None and other.resolve() != path.resolve():  # (the same file: see --force below)
        raise ScaffoldError(
            f"the id '{level_id}' (made from the name) is already the id of {other}; choose another name"
        )
    folder.mkdir(parents=True, exist_ok=True)
    if path.exists() and not force:
        raise ScaffoldError(f"{path} already exists; choose another name, or pass --force to replace it")
    safe_title = title.replace("\\", "\\\\").replace('"', '\\"')  # as a TOML string writes them
    start_year, per_year, turns = years_for(title)
    path.write_text(
        TEMPLATE.format(
            id=level_id,
            cards=card_prefix(level_id),
            title=safe_title,
            file=path.name,
            start_year=start_year,
            turns_per_year=per_year,
            turns=turns,
        ),
        encoding="utf-8",
    )
    schema = folder / "level.schema.json"
    if not schema.exists():  # so that the file's `#:schema` line works in the player's editor
        schema.write_text(schema_text(), encoding="utf-8")
    return path
