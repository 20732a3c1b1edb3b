"""A level's conditions in a player's words: "needs shanghai_signed" is said as needing the
Shanghai treaty's card to have been played, "washington.thaw_moscow >= 15" as "US thaw with
Moscow at 15 or more". The engine says why a card cannot be played; this says it without the
level file's syntax. No pygame here.
"""

from __future__ import annotations

import re

from game.core.engine import unmet_part, why_unusable
from game.core.expr import conjuncts
from game.core.meters import AGGREGATES, ALL_METERS, label

_COMPARE = re.compile(r"^([a-z_][a-z0-9_.]*)\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)$")
_TURN_WORDS = {
    ">=": "turn {n} or later",
    ">": "after turn {n}",
    "<=": "turn {n} at the latest",
    "<": "before turn {n}",
    "==": "turn {n}",
    "!=": "any turn but {n}",
}
_METER_WORDS = {
    ">=": "{m} at {n} or more",
    ">": "{m} above {n}",
    "<=": "{m} at {n} or less",
    "<": "{m} below {n}",
    "==": "{m} at {n}",
    "!=": "{m} not at {n}",
}


def flag_words(level, flag: str, present: bool = True) -> str:
    """A flag in words: the war's and the sanctions' as a state of things, a normalization as
    Washington's, another as what sets it (the name of the card or event that does, in quotes,
    "to have happened"), else its own name in words ("talks_open" -> "talks open")."""
    rules = level.rules
    if flag == rules.war_flag:
        return "a war under way" if present else "no war"
    if flag == rules.sanctions_flag:
        return "sanctions in force" if present else "no sanctions"
    if flag.startswith("normalized_"):
        side = flag.removeprefix("normalized_").capitalize()
        return f"Washington {'to have' if present else 'not to have'} normalized with {side}"
    said = _setter(level, flag)
    if said:
        return f"{said} {'to have' if present else 'not to have'} happened"
    return flag.replace("_", " ") if present else f"no {flag.replace('_', ' ')}"


def _setter(level, flag: str) -> str | None:
    for action in level.actions.values():
        if flag in action.does.set_flags:
            return f"“{action.name}”"
    for event in level.events:
        if flag in event.does.set_flags:
            return f"“{event.title}”"
    return None


def part_words(level, part: str) -> str:
    """One part of a condition (a comparison, a flag, `not` a flag) in words."""
    part = part.strip()
    compare = _COMPARE.match(part)
    if compare:
        name, op, number = compare.groups()
        n = f"{float(number):g}"
        if name == "turn":
            return _TURN_WORDS[op].format(n=n)
        if name in ALL_METERS or name in AGGREGATES:
            return _METER_WORDS[op].format(m=label(name), n=n)
    negated = re.match(r"^not\s+([a-z_][a-z0-9_]*)$", part)
    if negated:
        return flag_words(level, negated.group(1), present=False)
    if re.match(r"^[a-z_][a-z0-9_]*$", part):
        return flag_words(level, part)
    # Anything else (an `or`, brackets): its names in words, its operators as they read.
    words = re.sub(
        r"[a-z_][a-z0-9_.]*",
        lambda m: (
            label(m.group(0))
            if m.group(0) in ALL_METERS or m.group(0) in AGGREGATES
            else m.group(0)
            if m.group(0) in ("and", "or", "not", "turn")
            else (_setter(level, m.group(0)) or m.group(0).replace("_", " "))
        ),
        part,
    )
    return words.replace(">=", "at least").replace("<=", "at most")


def condition_words(level, text: str) -> str:
    """A condition in words, its parts joined by "and"."""
    return " and ".join(part_words(level, p) for p in conjuncts(text))


def why_not_in_words(state, side: str, action_id: str) -> str | None:
    """Why the side cannot play the card now, as the engine says (None when it can), in words: a
    card used again only after the game ends says so rather than name a turn that never comes."""
    reason = why_unusable(state, side, action_id)
    if reason is None:
        return None
    level, action = state.level, state.level.actions[action_id]
    ready = state.ready_at.get(action.ready_key, 0)
    if action.cost <= state.meters[f"{side}.capital"] and ready > state.turn:
        if ready > level.turns:
            return "used; not available again in this game"
        return f"used recently; available again on turn {ready} ({level.date_of(ready)})"
    if reason.startswith("needs "):
        return "needs " + condition_words(level, unmet_part(action.requires, state))
    return reason
