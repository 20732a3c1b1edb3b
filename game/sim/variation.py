"""One thing changed: the "what if" of a paired experiment.

A variation is a list of `KEY=VALUE` changes, each in the words a teacher would use:

    start.<meter>=V            a start value, e.g. start.partnership=30, start.moscow.dependence=40,
                               start.washington.thaw_beijing=60
    washington.<setting>=V     receptivity_moscow, receptivity_beijing, drift_moscow, drift_beijing,
                               threshold
    rules.<name>=V             any number of the rules, e.g. rules.association_cost=6
    flag.<name>=true|false     a flag's start value, e.g. flag.war=false
    event.<id>=T               force the event into turn T's events phase
    effect.<meter>=D@T         force a change of D to the meter in turn T's events phase
    plan.<side>=A+B@T          the side's plan in turn T (empty after '=' for doing nothing)
    term.<side>=KIND:DEED@T    a term the side put forward and the other accepted at turn T's
                               summit, e.g. term.moscow=promise:no:force@2 (game.core.summit)

The level's own numbers change through `dataclasses.replace`; forced events, effects and plans are
applied by the runner each turn. Nothing here reads files.

A value must be one a level file could give: a finite number within the bounds the level format
sets for that key (a start value from 0 to 100, `rules.max_actions` a whole number from 1 to 6),
and a turn one of the level's. So an experiment never runs rules no level can have, and a value
such as nan, inf, 1e308 or -4 is a message naming the key, not a crash halfway through.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from game.core.expr import ALWAYS
from game.core.level import Consequences, Effect, Event, Level, Rules, Washington
from game.core.meters import ALL_METERS, DERIVED, RANGES, REGION_TARGETS, SIDES, other
from game.core.summit import Deed, Term, TermError
from game.levels.spec import RulesSpec, WashingtonSpec
from game.text import printable, quote

MAX_EFFECT = 100.0  # the largest change an effect of a level file may make
FLAG_RULES = ("war_flag", "sanctions_flag")  # rules that name one of the level's flags


# The last variation applied, the level it was applied to and the varied level (see Variation.apply).
_APPLIED: tuple[Variation, Level, Level] | None = None


class VariationError(ValueError):
    pass


@dataclass(frozen=True)
class Variation:
    changes: tuple[str, ...] = ()
    start: dict = field(default_factory=dict)
    washington: dict = field(default_factory=dict)
    rules: dict = field(default_factory=dict)
    flags: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)  # turn -> [event id]
    effects: dict = field(default_factory=dict)  # turn -> [(meter, delta)]
    plans: dict = field(default_factory=dict)  # (turn, side) -> plan
    terms: dict = field(default_factory=dict)  # turn -> [Term], agreed at that turn's summit

    @property
    def label(self) -> str:
        return ", ".join(self.changes) or "as written"

    def apply(self, level: Level) -> Level:
        """The level with this variation's numbers changed: made once for a batch of games of the
        same variation of the same level, so that what agents read once per level (the summit's
        weigher, game.ai.negotiate) is read once per batch, not once per game."""
        global _APPLIED
        if _APPLIED is not None and _APPLIED[0] is self and _APPLIED[1] is level:
            return _APPLIED[2]
        start = {**level.start, **self.start}
        washington = dataclasses.replace(level.washington, **self.washington)
        rules = dataclasses.replace(level.rules, **self.rules)
        flags = {**level.flags, **self.flags}
        varied = dataclasses.replace(level, start=start, washington=washington, rules=rules, flags=flags)
        _APPLIED = (self, level, varied)
        return varied

    def injected(self, level: Level, turn: int):
        out = [("forced", level.event(e)) for e in self.events.get(turn, ())]
        for meter, delta in self.effects.get(turn, ()):
            event = Event(
                id=f"forced_{meter.replace('.', '_')}",
                title=f"Forced change to {meter}",
                text="",
                when=ALWAYS,
                weight=0.0,
                once=False,
                does=Consequences((Effect(meter, delta),)),
                delayed=(),
                source="experiment",
            )
            out.append(("forced", event))
        return out


def _number(key: str, text: str, low: float, high: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise VariationError(f"{key}: {quote(text)} is not a number") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise VariationError(f"{key}: should be a number from {low:g} to {high:g}, not {quote(text)}")
    return value


def _turn(key: str, text: str, level: Level) -> int:
    try:
        turn = int(text)
    except ValueError:
        turn = 0
    if not 1 <= turn <= level.turns:
        raise VariationError(
            f"{key}: the turn is a whole number from 1 to {level.turns} (the level's turns), not {quote(text)}"
        )
    return turn


def _at(key: str, text: str, level: Level) -> tuple[str, int]:
    value, sep, turn = text.rpartition("@")
    if not sep:
        raise VariationError(f"{key}: say in which turn with '@', e.g. {key}={quote(text)[1:-1]}@2")
    return value, _turn(key, turn, level)


def _as_level_file_says(key: str, spec: type[BaseModel], name: str, text: str, whole: bool) -> object:
    """`text` as the value of `name` in a level file's table `spec`: its type and bounds checked."""
    value: object = text
    if whole:
        try:
            value = int(text)
        except ValueError:
            raise VariationError(f"{key}: should be a whole number, not {quote(text)}") from None
    elif spec.model_fields[name].annotation is not str and not text.isidentifier():
        try:
            value = float(text)
        except ValueError:
            raise VariationError(f"{key}: {quote(text)} is not a number") from None
    try:
        spec.model_validate({name: value})
    except ValidationError as e:
        why = e.errors(include_url=False)[0]["msg"].replace("Input should be", "should be")
        raise VariationError(f"{key}: {why}, not {quote(text)}") from None
    return value


def parse_variation(items, level: Level) -> Variation:
    """Parse `KEY=VALUE` items against `level`; raise VariationError naming the bad item."""
    v = Variation(changes=tuple(items))
    washington_fields = {f.name for f in dataclasses.fields(Washington)}
    rule_fields = {f.name: f for f in dataclasses.fields(Rules)}
    for item in items:
        given, sep, value = item.partition("=")
        if not sep:
            raise VariationError(f"{quote(item)} should be KEY=VALUE")
        head, _, rest = given.partition(".")
        key = printable(given[:60]) + ("…" if len(given) > 60 else "")  # as messages show it
        if head == "start":
            if rest not in ALL_METERS:
                raise VariationError(f"{key}: unknown meter {quote(rest)}")
            v.start[rest] = _number(key, value, *RANGES[rest])
        elif head == "washington":
            if rest not in washington_fields:
                # The thaws are meters where a level file writes them under [washington]: their
                # start is varied as start.washington.thaw_moscow.
                meter = f"washington.{rest}"
                hint = f"; its start is varied with 'start.{meter}={value}'" if meter in ALL_METERS else ""
                raise VariationError(
                    f"{key}: Washington has no setting {quote(rest)} ({', '.join(sorted(washington_fields))})"
                    + hint
                )
            v.washington[rest] = _as_level_file_says(key, WashingtonSpec, rest, value, whole=False)
        elif head == "rules":
            if rest not in rule_fields:
                raise VariationError(f"{key}: no rule {quote(rest)}")
            whole = type(getattr(level.rules, rest)) is int
            v.rules[rest] = _as_level_file_says(key, RulesSpec, rest, value, whole)
            if rest in FLAG_RULES and value not in level.flags:
                raise VariationError(f"{key}: the level has no flag {quote(value)}")
        elif head == "flag":
            if rest not in level.flags:
                raise VariationError(f"{key}: the level has no flag {quote(rest)}")
            if value not in ("true", "false"):
                raise VariationError(f"{key}: say true or false")
            v.flags[rest] = value == "true"
        elif head == "event":
            if level.event(rest) is None:
                raise VariationError(f"{key}: the level has no event {quote(rest)}")
            v.events.setdefault(_turn(key, value, level), []).append(rest)
        elif head == "effect":
            if (rest not in ALL_METERS and rest not in REGION_TARGETS) or rest in DERIVED:
                raise VariationError(f"{key}: {quote(rest)} is not a meter an effect can change")
            amount, turn = _at(key, value, level)
            v.effects.setdefault(turn, []).append((rest, _number(key, amount, -MAX_EFFECT, MAX_EFFECT)))
        elif head == "plan":
            if rest not in SIDES:
                raise VariationError(f"{key}: the side is moscow or beijing")
            actions, turn = _at(key, value, level)
            plan = tuple(a for a in actions.split("+") if a)
            for a in plan:
                if a not in level.actions or level.actions[a].side != rest:
                    raise VariationError(f"{key}: {quote(a)} is not an action of {rest}")
            v.plans[(turn, rest)] = plan
        elif head == "term":
            if rest not in SIDES:
                raise VariationError(f"{key}: the side is moscow or beijing")
            text, turn = _at(key, value, level)
            kind, _, deed_text = text.partition(":")
            try:
                term = Term(kind, rest, Deed.parse(deed_text))
            except TermError as e:
                raise VariationError(f"{key}: {e}") from None
            if kind not in ("offer", "request", "promise"):
                raise VariationError(f"{key}: the kind is offer, request or promise")
            problem = Deed.parse(deed_text).problem(level.actions, rest if kind != "request" else other(rest))
            if problem is not None:
                raise VariationError(f"{key}: {problem}")
            v.terms.setdefault(turn, []).append(term)
        else:
            raise VariationError(
                f"'{key}': start with start., washington., rules., flag., event., effect., plan. or term."
            )
    return v
