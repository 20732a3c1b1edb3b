"""A level's conditions in a player's words: "needs shanghai_signed" is said as needing the
Shanghai treaty's card to have been played, "washington.thaw_moscow >= 15" as "US thaw with
Moscow at 15 or more". The engine says why a card cannot be played; this says it without the
level file's syntax. No pygame here.
"""

from __future__ import annotations

import re

from game.core.engine import unmet_part, why_unusable
from game.core.expr import conjuncts
from game.core.meters import AGGREGATES, ALL_METERS
from game.i18n import N_, _
from game.speech.sides import power_name
from game.speech.words import date_of, meter_label, plain, quoted

_COMPARE = re.compile(r"^([a-z_][a-z0-9_.]*)\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)$")
# The sentence frames, translated where they are used (named placeholders, so a translation may
# put them in its own order).
_TURN_WORDS = {
    ">=": N_("turn {n} or later"),
    ">": N_("after turn {n}"),
    "<=": N_("turn {n} at the latest"),
    "<": N_("before turn {n}"),
    "==": N_("turn {n}"),
    "!=": N_("any turn but {n}"),
}
_METER_WORDS = {
    ">=": N_("{m} at {n} or more"),
    ">": N_("{m} above {n}"),
    "<=": N_("{m} at {n} or less"),
    "<": N_("{m} below {n}"),
    "==": N_("{m} at {n}"),
    "!=": N_("{m} not at {n}"),
}


def flag_words(level, flag: str, present: bool = True) -> str:
    """A flag in words: the war's and the sanctions' as a state of things, a normalization as
    Washington's, another as what sets it (the name of the card or event that does, in quotes,
    "to have happened"), else its own name in words ("talks_open" -> "talks open")."""
    rules = level.rules
    if flag == rules.war_flag:
        return _("a war under way") if present else _("no war")
    if flag == rules.sanctions_flag:
        return _("sanctions in force") if present else _("no sanctions")
    if flag.startswith("normalized_"):
        side = power_name(flag.removeprefix("normalized_"))
        if present:
            return _("Washington to have normalized with {side}").format(side=side)
        return _("Washington not to have normalized with {side}").format(side=side)
    said = _setter(level, flag)
    if said:
        return (_("{what} to have happened") if present else _("{what} not to have happened")).format(
            what=said
        )
    words = flag.replace("_", " ")
    return words if present else _("no {flag}").format(flag=words)


def flag_state(level, flag: str) -> str | None:
    """The state of things a flag stands for, as what an event sets or clears ("from now on: a
    war under way"): the war's, the sanctions' and a normalization's in words. Any other flag is
    the level's own and has no words in any language but its identifier's (None): say what it
    opens and closes instead (`flag_reach`)."""
    rules = level.rules
    if flag == rules.war_flag:
        return _("a war under way")
    if flag == rules.sanctions_flag:
        return _("sanctions in force")
    if flag.startswith("normalized_"):
        side = power_name(flag.removeprefix("normalized_"))
        return _("Washington's normalization with {side}").format(side=side)
    return None


def flag_reach(level, flag: str, present: bool, besides: str = "") -> tuple[list[str], list[str]]:
    """What a flag set (`present`) or cleared changes for play: the names of the cards and events
    whose condition it now meets, and of those it now rules out, each in quotes, cards first in
    the level's order. `besides` is the id of the card or event doing it, left out: its own
    once-only guard ("not trade_war" on what starts the trade war) tells nothing."""
    meets: list[str] = []
    rules_out: list[str] = []
    items = [(a.id, a.name, a.requires) for a in level.actions.values()]
    items += [(e.id, e.title, e.when) for e in level.events]
    for item_id, name, condition in items:
        if item_id == besides:
            continue
        parts = [p.strip() for p in conjuncts(condition.text)]
        if flag in parts:
            (meets if present else rules_out).append(quoted(name))
        elif f"not {flag}" in parts:
            (rules_out if present else meets).append(quoted(name))
    # Each side's card of the same name ("Keep the border talks going") said once.
    return list(dict.fromkeys(meets)), list(dict.fromkeys(rules_out))


def _setter(level, flag: str) -> str | None:
    for action in level.actions.values():
        if flag in action.does.set_flags:
            return quoted(action.name)
    for event in level.events:
        if flag in event.does.set_flags:
            return quoted(event.title)
    return None


def part_words(level, part: str) -> str:
    """One part of a condition (a comparison, a flag, `not` a flag) in words."""
    part = part.strip()
    compare = _COMPARE.match(part)
    if compare:
        name, op, number = compare.groups()
        n = plain(float(number))
        if name == "turn":
            return _(_TURN_WORDS[op]).format(n=n)
        if name in ALL_METERS or name in AGGREGATES:
            return _(_METER_WORDS[op]).format(m=meter_label(name), n=n)
    negated = re.match(r"^not\s+([a-z_][a-z0-9_]*)$", part)
    if negated:
        return flag_words(level, negated.group(1), present=False)
    if re.match(r"^[a-z_][a-z0-9_]*$", part):
        return flag_words(level, part)
    # Anything else (an `or`, brackets): its names in words, its operators as they read.
    words = re.sub(
        r"[a-z_][a-z0-9_.]*",
        lambda m: (
            meter_label(m.group(0))
            if m.group(0) in ALL_METERS or m.group(0) in AGGREGATES
            else m.group(0)
            if m.group(0) in ("and", "or", "not", "turn")
            else (_setter(level, m.group(0)) or m.group(0).replace("_", " "))
        ),
        part,
    )
    return words.replace(">=", _("at least")).replace("<=", _("at most"))


def condition_words(level, text: str) -> str:
    """A condition in words, its parts joined by "and"."""
    return _(" and ").join(part_words(level, p) for p in conjuncts(text))


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
            return _("used; not available again in this game")
        return _("used recently; available again on turn {turn} ({date})").format(
            turn=ready, date=date_of(level, ready)
        )
    if reason.startswith("needs "):
        unmet = unmet_part(action.requires, state)
        # A card played once a game is one whose condition is that its own flag is not yet set:
        # "needs 'Lend billions for oil' not to have happened" said of that very card. Its flag
        # may have been set by an event instead (the gas deal that Power of Siberia made), and
        # then the side never played it: "used" said it had.
        own = {f"not {flag}" for flag in action.does.set_flags}
        if own and all(part in own for part in conjuncts(unmet)):
            played = any(action_id in report.plans.get(side, ()) for report in state.history)
            if played or not state.history:
                return _("used; not available again in this game")
            return _("done already in another way; not available again in this game")
        # A flag this game set and cleared since ("unrest in a Central Asian state", which the
        # peacekeepers' own card ends): it must happen again, not "to have happened".
        parts = [p.strip() for p in conjuncts(unmet)]
        if len(parts) == 1 and parts[0] in level.flags:
            flag = parts[0]
            said = _setter(level, flag)
            if said and any(flag in report.flags_set for report in state.history):
                return _("needs {what} to happen again").format(what=said)
        return _("needs {condition}").format(condition=condition_words(level, unmet))
    return reason


def state_news(level, report) -> list[tuple[str, str]]:
    """The turn's start or end of the war or the sanctions, each as (the phase it happened in,
    a sentence for the news). These are flags, with no meter to show them moving: a player who
    ended the war with a ceasefire must read that it ended, not work it out from a card greyed
    out."""
    rules = level.rules
    sentences = {
        (rules.war_flag, True): _("A war has begun."),
        (rules.war_flag, False): _("The war is over."),
        (rules.sanctions_flag, True): _("Sanctions are imposed."),
        (rules.sanctions_flag, False): _("The sanctions are lifted."),
    }
    news = []
    for flags, now_set in ((report.flags_set, True), (report.flags_cleared, False)):
        undone = report.flags_cleared if now_set else report.flags_set
        for flag in flags:
            if (flag, now_set) in sentences and flag not in undone:
                news.append((report.flag_phases.get(flag, "events"), sentences[flag, now_set]))
    return news
