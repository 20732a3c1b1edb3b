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

The level's own numbers change through `dataclasses.replace`; forced events, effects and plans are
applied by the runner each turn. Nothing here reads files.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from game.core.expr import ALWAYS
from game.core.level import Consequences, Effect, Event, Level, Rules, Washington
from game.core.meters import ALL_METERS, DERIVED, REGION_TARGETS, SIDES


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

    @property
    def label(self) -> str:
        return ", ".join(self.changes) or "as written"

    def apply(self, level: Level) -> Level:
        """The level with this variation's numbers changed."""
        start = {**level.start, **self.start}
        washington = dataclasses.replace(level.washington, **self.washington)
        rules = dataclasses.replace(level.rules, **self.rules)
        flags = {**level.flags, **self.flags}
        return dataclasses.replace(level, start=start, washington=washington, rules=rules, flags=flags)

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


def _number(key: str, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise VariationError(f"{key}: '{text}' is not a number") from None


def _at(key: str, text: str) -> tuple[str, int]:
    value, sep, turn = text.rpartition("@")
    if not sep:
        raise VariationError(f"{key}: say in which turn with '@', e.g. {key}={text}@2")
    try:
        return value, int(turn)
    except ValueError:
        raise VariationError(f"{key}: '{turn}' is not a turn number") from None


def parse_variation(items, level: Level) -> Variation:
    """Parse `KEY=VALUE` items against `level`; raise VariationError naming the bad item."""
    v = Variation(changes=tuple(items))
    washington_fields = {f.name for f in dataclasses.fields(Washington)}
    rule_fields = {f.name: f for f in dataclasses.fields(Rules)}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise VariationError(f"'{item}' should be KEY=VALUE")
        head, _, rest = key.partition(".")
        if head == "start":
            if rest not in ALL_METERS:
                raise VariationError(f"{key}: unknown meter '{rest}'")
            v.start[rest] = _number(key, value)
        elif head == "washington":
            if rest not in washington_fields:
                raise VariationError(
                    f"{key}: Washington has no setting '{rest}' ({', '.join(sorted(washington_fields))})"
                )
            v.washington[rest] = _number(key, value)
        elif head == "rules":
            if rest not in rule_fields:
                raise VariationError(f"{key}: no rule '{rest}'")
            kind = type(getattr(level.rules, rest))
            v.rules[rest] = value if kind is str else kind(_number(key, value))
        elif head == "flag":
            if rest not in level.flags:
                raise VariationError(f"{key}: the level has no flag '{rest}'")
            if value not in ("true", "false"):
                raise VariationError(f"{key}: say true or false")
            v.flags[rest] = value == "true"
        elif head == "event":
            if level.event(rest) is None:
                raise VariationError(f"{key}: the level has no event '{rest}'")
            v.events.setdefault(int(_number(key, value)), []).append(rest)
        elif head == "effect":
            if (rest not in ALL_METERS and rest not in REGION_TARGETS) or rest in DERIVED:
                raise VariationError(f"{key}: '{rest}' is not a meter an effect can change")
            amount, turn = _at(key, value)
            v.effects.setdefault(turn, []).append((rest, _number(key, amount)))
        elif head == "plan":
            if rest not in SIDES:
                raise VariationError(f"{key}: the side is moscow or beijing")
            actions, turn = _at(key, value)
            plan = tuple(a for a in actions.split("+") if a)
            for a in plan:
                if a not in level.actions or level.actions[a].side != rest:
                    raise VariationError(f"{key}: '{a}' is not an action of {rest}")
            v.plans[(turn, rest)] = plan
        else:
            raise VariationError(
                f"'{key}': start with start., washington., rules., flag., event., effect. or plan."
            )
    return v
