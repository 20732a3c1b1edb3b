"""Check a merged level and compile it into the engine's `Level`.

Every check records a located problem and goes on, so that a modder sees all of them at once:
completeness (a playable level needs every start value, both agendas, outcomes), names in effects,
flags and goals (with "did you mean"), conditions compiled by `game.core.expr`, influence shares
summing to 100. Cards that name the years they belong to (`from_year`, `until_year`) are left out
of a level set in other years, so that a shared ruleset can hold cards of every period.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Set
from dataclasses import fields
from typing import Any

from pydantic import BaseModel

from game.core.expr import (
    ALWAYS,
    Condition,
    ExprError,
    compile_condition,
    could_hold_between,
    first_turn_it_could_hold,
    last_turn_it_could_hold,
)
from game.core.level import (
    RULES,
    Action,
    Agenda,
    Campaign,
    Consequences,
    CutGoal,
    Deal,
    Delayed,
    Effect,
    Event,
    Goal,
    Level,
    Outcome,
    Rules,
    Source,
    TutorialStep,
    Washington,
)
from game.core.meters import (
    AGGREGATES,
    ALL_METERS,
    DERIVED,
    RANGES,
    REGION_TARGETS,
    SHARED,
    SIDE_METERS,
    SIDES,
    START_FROM,
    STATES,
    WASHINGTON,
    meter_range,
)
from game.core.phases import ceiling_terms
from game.levels.dated_news import EarlyNews, LateNews, early_news, late_news
from game.levels.glyphs import undrawable
from game.levels.merge import Merged, Origin
from game.levels.parse import ParsedFile
from game.levels.problems import did_you_mean
from game.levels.spec import ActionSpec, DelayedSpec, EventSpec
from game.levels.toml_index import KeyPath
from game.text import quote

BUILTIN_FLAGS = ("normalized_moscow", "normalized_beijing")
EFFECT_TARGETS = tuple(m for m in ALL_METERS if m not in DERIVED) + tuple(sorted(REGION_TARGETS))
_IS_EFFECT_TARGET = frozenset(EFFECT_TARGETS)  # for membership: the tuple keeps the order for hints
GOAL_METERS = (*ALL_METERS, *AGGREGATES)
WASHINGTON_KEYS = (
    "thaw_moscow",
    "thaw_beijing",
    "receptivity_moscow",
    "receptivity_beijing",
    "drift_moscow",
    "drift_beijing",
    "threshold",
)
PROMPT_KEYS = ("identity_gap", "method_divergence", "central_asia_rivalry", "us_normalization", "general")


# `[classroom]` and the tables inside it (`[[classroom.beijing.goal]]`), and `[history]`: none of
# them says how a turn plays.
_UNPLAYED_HEADER = re.compile(rb"^\s*\[\[?\s*(classroom|history)\s*(\.[^\]]*)?\]\]?\s*(#.*)?$")
_SOURCE_HEADER = re.compile(rb"^\s*\[\[\s*source\s*\]\]\s*(#.*)?$")
# A line that may be a table's header, and one that may be a source's id, each found with the
# line feed before it (lines end at "\n" here): a pattern that starts with a plain character is
# searched for several times faster than one that starts at each line (`^` with re.M).
_HEADER_LINE = re.compile(rb"\n[ \t\f\v]*\[")
_ID_LINE = re.compile(rb"\n[ \t\f\v]*id[ \t\f\v]*=")
_FIRST_LINE_A_HEADER = re.compile(rb"[ \t\f\v]*\[")
# A range of years a title names, "(2014-2021)" or with a dash ("1996–2001", "1996—2001").
_YEARS_NAMED = re.compile(r"\b(\d{4})\s*[-\u2013\u2014]\s*(\d{4})\b")


def years_named(title: str) -> tuple[int, int] | None:
    """The first and last year a title names ("Pivot east (2014-2021)" -> (2014, 2021)), or None."""
    named = _YEARS_NAMED.search(title)
    return (int(named.group(1)), int(named.group(2))) if named else None


def without_classroom_table(raw: bytes) -> bytes:
    """A level file's bytes as its content hash reads them: without its `[classroom]` table and the
    tables inside it, and its `[history]` table (each header, its keys, and the blank and comment
    lines just above it). The one says how a lesson may cut the level short, the other what
    history did for the debrief, neither how a turn plays, so setting either leaves the saves and
    replays of the level readable. Nor does it read a `[[source]]`'s `id` line: the id names the
    key a source's words are translated by, nothing of the game, so giving the sources ids left
    every save and balance report of the shipped levels valid. (Written another way, say as a
    dotted key, the table or the id stays in the hash: a changed hash only makes old saves
    unreadable, never a game different.)

    This runs for every file each time a level loads, so it looks only at the lines that can
    change what it reads: the table headers, found in the whole file at once, and the `id` lines
    under a source's header. A file whose lines may end at a lone carriage return is read line by
    line (`_read_line_by_line`)."""
    if b"\r" in raw:
        return _read_line_by_line(raw)
    out: list[bytes] = []
    skipping = False
    pos = 0  # the first byte not yet copied or left out
    headers = [found.start() + 1 for found in _HEADER_LINE.finditer(raw)]
    if _FIRST_LINE_A_HEADER.match(raw):
        headers.insert(0, 0)
    for i, start in enumerate(headers):
        end = raw.find(b"\n", start) + 1 or len(raw)
        line = raw[start:end]
        # (The names are looked for before the patterns are tried: most headers are of cards.)
        if (b"classroom" in line or b"history" in line) and _UNPLAYED_HEADER.match(line):
            if not skipping:
                out.append(raw[pos:start])
            _drop_notes_above(out)
            skipping = True
            pos = end
            continue
        if skipping:
            skipping = False
            pos = start
        if b"source" in line and _SOURCE_HEADER.match(line):
            table_end = headers[i + 1] if i + 1 < len(headers) else len(raw)
            # From the header's own line feed (end - 1): each id line is found with the one before it.
            for found in _ID_LINE.finditer(raw, end - 1, table_end):
                out.append(raw[pos : found.start() + 1])
                pos = raw.find(b"\n", found.start() + 1) + 1 or len(raw)
    if not skipping:
        out.append(raw[pos:])
    return b"".join(out)


def _read_line_by_line(raw: bytes) -> bytes:
    """`without_classroom_table`'s reading, one line at a time, for a file whose lines may end at
    a carriage return as well as at a line feed."""
    out: list[bytes] = []
    skipping = in_source = False
    for line in raw.splitlines(keepends=True):
        if _UNPLAYED_HEADER.match(line):
            _drop_notes_above(out)
            skipping = True
            continue
        if line.lstrip(b" \t\f\v").startswith(b"["):
            skipping = False
            in_source = bool(_SOURCE_HEADER.match(line))
        elif in_source and _ID_LINE.match(b"\n" + line):
            continue
        if not skipping:
            out.append(line)
    return b"".join(out)


def _drop_notes_above(out: list[bytes]) -> None:
    """Take the blank and comment lines at the end of `out` (runs of whole lines, each ending at a
    line feed, or one line) away: the notes just above an unplayed table belong to it. Only the
    last lines of the last run are looked at, from its end back: a run may be most of a file."""
    while out:
        run = out[-1]
        end = len(run)
        while end:
            start = run.rfind(b"\n", 0, end - 1) + 1  # where the last line before `end` starts
            line = run[start:end]
            if line.strip() and not line.lstrip().startswith(b"#"):
                break
            end = start
        if end:
            out[-1] = run[:end]
            return
        out.pop()


class _StartView:
    """The start values in the shape conditions read (meters, flags, turn)."""

    def __init__(self, meters: Mapping[str, float], flags: dict[str, bool]):
        self.meters = {m: meters.get(m, 0.0) for m in ALL_METERS}
        self.flags = flags
        self.turn = 1


def _early_words(table: str, early: EarlyNews) -> str:
    """The validator's words for an event drawn, or a card played, before the date its text names."""
    if table == "event" and early.month:
        return (
            f"its text dates it to {early.month}, but it can be drawn at turn {early.turn}, before it "
            f"happened: turn {early.named_turn} is the first of that part of the year; hold it back "
            f"with 'turn >= {early.named_turn}' in 'when'"
        )
    if table == "event":
        return (
            f"its text dates it to {early.named}, but it can be drawn in {early.drawn} (turn "
            f"{early.turn}), before it happened: hold it back with 'from_year = {early.named}' or a "
            "later turn in 'when'"
        )
    if early.month:
        return (
            f"its description names {early.month}, but it can be played at turn {early.turn}, before "
            f"then: turn {early.named_turn} is the first of that part of the year; say it without the "
            f"month, or hold the card back with 'turn >= {early.named_turn}' in 'requires'"
        )
    return (
        f"its description names {early.named}, but it can be played in {early.drawn} (turn "
        f"{early.turn}), before then: say it without the year, or hold the card back with "
        f"'from_year = {early.named}' or a later turn in 'requires'"
    )


def _late_words(late: LateNews) -> str:
    """The validator's words for an event that can be drawn years after the date its text names."""
    years = late.drawn - late.named
    return (
        f"its text dates it to {late.named}, but it can be drawn as late as {late.drawn} (turn "
        f"{late.turn}), {years} years on, as the turn's news: close its window with 'until_year = "
        f"{late.named + 1}' or a last turn in 'when', or tell it without the year"
    )


class Compiler:
    """Checks a merged level and builds the engine's `Level`, recording every problem on the
    file that wrote it."""

    def __init__(self, merged: Merged, chain: list[ParsedFile], warnings: bool = True):
        self.m = merged
        self.chain = chain
        self.leaf = merged.leaf
        self.spec = merged.leaf.loaded_spec
        self.want_warnings = warnings
        self.ok = True
        self.complete = True
        self.required = self.spec.playable
        self.conditions: dict[tuple[str, bool], Condition] = {}
        self.turns = 80  # the level's, once compile() has read it

    def error(self, origin: Origin, sub: KeyPath, message: str, column_offset: int | None = None) -> None:
        """A mistake that stops the level from loading."""
        self.ok = False
        origin.file.problem(origin.loc + sub, message, column_offset=column_offset)

    def warn(self, origin: Origin, sub: KeyPath, message: str) -> None:
        """Something that loads but cannot be what the modder meant; it does not stop the level."""
        origin.file.problem(origin.loc + sub, message, severity="warning")

    def missing(self, path: tuple[str, ...], what: str) -> None:
        """Something a playable level needs that neither it nor its parents give."""
        self.complete = False
        if self.required:
            self.error(
                Origin(self.leaf, path[:-1] or path),
                (),
                f"{what} is not given here nor by any level this one extends",
            )

    # -- pieces --------------------------------------------------------------------------------
    def description(self) -> str:
        """The level's description, inherited from a level it extends but not from a ruleset
        (`playable = false`): a ruleset's description says what the ruleset is, not the level."""
        text: str = self.m.get("description", default="")
        source = self.m.origin("description").file.spec
        if text and source is not None and not source.playable and self.spec.playable:
            return ""
        return text

    def condition(
        self, text: str | None, origin: Origin, key: str, flags: Set[str], after_end: bool = False
    ) -> Condition:
        """A card's or event's condition, read while turns are played; with `after_end`, an
        outcome's, read after the last turn too."""
        if text is None:
            return ALWAYS
        # Many cards share a condition ('war', 'turn >= 2'); compile each text once per level.
        if (text, after_end) in self.conditions:
            return self.conditions[text, after_end]
        try:
            compiled = self.conditions[text, after_end] = compile_condition(
                text, flags, self.turns, after_end
            )
            return compiled
        except ExprError as e:
            self.error(origin, (key,), f"in condition '{text[:80]}': {e.message}", column_offset=e.column)
            return ALWAYS

    def condition_in_years(
        self, spec: ActionSpec | EventSpec, text: str | None, origin: Origin, key: str, flags: Set[str]
    ) -> Condition:
        """A card's or event's condition, held to the years it names: a card of 2019
        (`from_year`) in a level that begins in 2014 waits for 2019's first turn, and an event
        that ends with 2022 (`until_year`) is not drawn after its last (the Alaska patrols of 2024
        cannot fly in 2022 of a level that runs to 2024)."""
        compiled = self.condition(text, origin, key, flags)
        span, start, per_year = self.years(), self.m.get("start_year"), self.m.get("turns_per_year")
        if span is None or not start or not per_year or not self.leaf.loaded_spec.playable:
            return compiled
        bounds = []
        if spec.from_year is not None and spec.from_year > span[0]:
            bounds.append(f"turn >= {(spec.from_year - start) * per_year + 1}")
        if spec.until_year is not None and spec.until_year < span[1]:
            bounds.append(f"turn <= {(spec.until_year - start + 1) * per_year}")
        if not bounds or (compiled is ALWAYS and text is not None):
            return compiled  # (no years to hold it to, or its own text is in error: reported)
        own = [f"({text})"] if text and text.strip() != "true" else []
        return self.condition(" and ".join([*bounds, *own]), origin, key, flags)

    def consequences(
        self, spec: ActionSpec | EventSpec | DelayedSpec, origin: Origin, flags: Set[str]
    ) -> Consequences:
        """What a card, an event or a delayed effect does, its meters and flags checked."""
        effects = []
        for meter, delta in spec.effects.items():
            if meter in _IS_EFFECT_TARGET:  # tested first: it holds for nearly every effect
                effects.append(Effect(meter, float(delta)))
            elif meter in DERIVED:
                self.error(
                    origin,
                    ("effects", meter),
                    f"{quote(meter)} is computed by the rules; effects cannot change it",
                )
            else:
                self.error(
                    origin,
                    ("effects", meter),
                    f"unknown meter {quote(meter)}{did_you_mean(meter, EFFECT_TARGETS)}",
                )
        if spec.set_flags or spec.clear_flags:
            for key in ("set_flags", "clear_flags"):
                for i, flag in enumerate(getattr(spec, key)):
                    if flag not in flags:
                        self.error(
                            origin,
                            (key, i),
                            f"unknown flag '{flag}'{did_you_mean(flag, flags)}; declare it in [flags]",
                        )
        return Consequences(tuple(effects), tuple(spec.set_flags), tuple(spec.clear_flags))

    def delayed(self, spec: ActionSpec | EventSpec, origin: Origin, flags: Set[str]) -> tuple[Delayed, ...]:
        """A card's or an event's later consequences, each with its own line as its source."""
        if not spec.delayed:  # most cards have no later consequences
            return ()
        out = []
        for i, d in enumerate(spec.delayed):
            at = Origin(origin.file, origin.loc + ("delayed", i))
            if d.after >= self.turns and self.leaf.loaded_spec.playable:
                # Even set off at the first turn, it would fall due after the last.
                self.warn(
                    at,
                    ("after",),
                    f"it falls due {d.after} turns after, and the level has {self.turns}: it never happens",
                )
            # Its own line is its cause's source: that is where its numbers are written.
            out.append(Delayed(d.after, self.consequences(d, at, flags), at.file.source(at.loc)))
        return tuple(out)

    def start_values(self) -> tuple[dict[str, float], dict[str, str]]:
        """Every meter's start value, and where each is written."""
        start: dict[str, float] = {}
        sources: dict[str, str] = {}
        for meter in SHARED:
            value = self.m.get("start", meter)
            if value is None and meter == "partnership_ceiling":
                value = 100.0
            if value is None and meter == "distrust":
                value = 0.0
            if value is None and meter in START_FROM:
                continue  # filled in below from the meter it starts from
            if value is None:
                self.missing(("start", meter), f"start value 'start.{meter}'")
                continue
            start[meter] = float(value)
            sources[meter] = self.m.origin("start", meter).file.source(self.m.origin("start", meter).loc)
        for meter, start_from in START_FROM.items():
            if meter not in start and start_from in start:
                start[meter], sources[meter] = start[start_from], sources[start_from]
        for side in SIDES:
            for name in SIDE_METERS:
                value = self.m.get("start", side, name)
                if value is None:
                    self.missing(("start", side, name), f"start value 'start.{side}.{name}'")
                    continue
                start[f"{side}.{name}"] = float(value)
                o = self.m.origin("start", side, name)
                sources[f"{side}.{name}"] = o.file.source(o.loc)
        for key, meter in (
            ("thaw_moscow", "washington.thaw_moscow"),
            ("thaw_beijing", "washington.thaw_beijing"),
        ):
            value = self.m.get("washington", key)
            if value is not None:
                start[meter] = float(value)
                o = self.m.origin("washington", key)
                sources[meter] = o.file.source(o.loc)
        for place in STATES:
            shares = self.m.get("influence", place)
            if shares is None:
                self.missing(("influence", place), f"the influence shares of '{place}'")
                continue
            origin = self.m.origin("influence", place)
            total = shares.moscow + shares.beijing + shares.west
            if abs(total - 100) > 0.01:
                self.error(
                    origin,
                    (),
                    f"the shares of moscow, beijing and west sum to {total:g}; they must sum to 100",
                )
            for power in ("moscow", "beijing", "west"):
                start[f"{place}.{power}"] = float(getattr(shares, power))
                sources[f"{place}.{power}"] = origin.file.source(origin.loc + (power,))
        return start, sources

    def washington(self) -> Washington | None:
        """Washington's settings, or None when some are missing."""
        values: dict[str, float | None] = {}
        for key in WASHINGTON_KEYS:
            value = self.m.get("washington", key)
            if value is None:
                self.missing(("washington", key), f"'washington.{key}'")
            values[key] = value
        given = {k: v for k, v in values.items() if v is not None}
        if len(given) < len(values):
            return None
        return Washington(
            given["receptivity_moscow"],
            given["receptivity_beijing"],
            given["drift_moscow"],
            given["drift_beijing"],
            given["threshold"],
        )

    def rules(self, flags: Set[str]) -> tuple[Rules, dict[str, str]]:
        """The level's numbers for the rules (the engine's own where it gives none), with sources."""
        given: dict[str, Any] = {}
        sources: dict[str, str] = {}
        for f in fields(Rules):
            if (value := self.m.get("rules", f.name)) is not None:
                given[f.name] = value
                o = self.m.origin("rules", f.name)
                sources[f.name] = o.file.source(o.loc)
        rules = Rules(**given)
        for key in ("war_flag", "sanctions_flag"):
            name = getattr(rules, key)
            if name not in flags and key in given:
                self.error(
                    self.m.origin("rules", key),
                    (),
                    f"flag '{name}' is not declared in [flags]{did_you_mean(name, flags)}",
                )
        drift = self.m.values.get(("washington", "drift_moscow"))
        if drift:
            sources["washington"] = drift[1].file.source(drift[1].loc)
        return rules, sources

    def years(self) -> tuple[int, int] | None:
        """The years of the level's first and last turns (None while they are not all given)."""
        start, per_year = self.m.get("start_year"), self.m.get("turns_per_year")
        if start is None or not per_year:
            return None
        return start, start + (self.turns - 1) // per_year

    def in_period(self, what: str, spec: ActionSpec | EventSpec, origin: Origin) -> bool:
        """Whether a card belongs to the level's years. An inherited card that does not is left out
        without a word: that is what its years are for (the Alaska patrols of 2024 have no place
        in 2014). One that this very file writes cannot be meant, and is warned about."""
        first, last = spec.from_year, spec.until_year
        if first is None and last is None:
            return True
        mine = origin.file is self.leaf
        if first is not None and last is not None and first > last:
            if mine:
                self.warn(
                    origin,
                    ("until_year",),
                    f"'until_year' {last} comes before 'from_year' {first}, so this {what} is in no level",
                )
            return False
        span = self.years()
        if span is None or not self.leaf.loaded_spec.playable:
            return True  # a ruleset (`playable = false`) holds the cards of every period
        if (first is None or first <= span[1]) and (last is None or last >= span[0]):
            return True
        if mine:
            belongs = f"{first}-{last}" if first and last else f"{first} on" if first else f"up to {last}"
            self.warn(
                origin,
                ("from_year" if first is not None and first > span[1] else "until_year",),
                f"this {what} belongs to {belongs}, but the level runs {span[0]}-{span[1]}, "
                "so it is left out",
            )
        return False

    def actions(self, flags: Set[str]) -> dict[str, Action]:
        """Every action card, by id."""
        out: dict[str, Action] = {}
        for action_id, (spec, origin) in self.m.actions.items():
            if not self.in_period("action", spec, origin):
                continue
            out[action_id] = Action(
                id=spec.id,
                side=spec.side,
                name=spec.name,
                description=spec.description,
                cost=spec.cost,
                tags=frozenset(spec.tags),
                requires=self.condition_in_years(spec, spec.requires, origin, "requires", flags),
                does=self.consequences(spec, origin, flags),
                delayed=self.delayed(spec, origin, flags),
                cooldown=spec.cooldown,
                source=origin.file.source(origin.loc),
            )
        for side in SIDES:
            if self.required and not any(a.side == side for a in out.values()):
                self.missing(("action",), f"an action for {side}")
        return out

    def events(self, flags: Set[str]) -> tuple[Event, ...]:
        """The event deck, in the order the files give it."""
        return tuple(
            Event(
                id=spec.id,
                title=spec.title,
                text=spec.text,
                when=self.condition_in_years(spec, spec.when, origin, "when", flags),
                weight=spec.weight,
                once=spec.once,
                does=self.consequences(spec, origin, flags),
                delayed=self.delayed(spec, origin, flags),
                source=origin.file.source(origin.loc),
                hypothetical=spec.hypothetical,
                certain=spec.certain,
            )
            for spec, origin in self.m.events.values()
            if self.in_period("event", spec, origin)
        )

    def sources(self) -> tuple[Source, ...]:
        """The level's sources, its parents' first; a work listed twice is cited once."""
        out: list[Source] = []
        seen: dict[tuple[str, str], str] = {}
        ids: dict[str, tuple[tuple[str, str], Origin]] = {}  # id -> the work it names, where
        for spec, origin in self.m.sources:
            key = (spec.author.casefold(), spec.title.casefold())
            if key in seen:
                if origin.file is self.leaf:
                    self.warn(origin, ("title",), f"'{spec.title}' is already listed at {seen[key]}")
                continue
            seen[key] = origin.file.source(origin.loc)
            if spec.id is not None:
                first = ids.setdefault(spec.id, (key, origin))
                # Two works under one id would share one translation (`source.ID.note`). Two in
                # the same file are reported by `duplicates`; here, one a parent uses already.
                if first[0] != key and first[1].file is not origin.file:
                    self.error(
                        origin,
                        ("id",),
                        f"duplicate source id '{spec.id}': {first[1].file.source(first[1].loc + ('id',))} "
                        "gives it to another work",
                    )
            out.append(
                Source(
                    author=spec.author,
                    title=spec.title,
                    kind=spec.kind,
                    perspective=spec.perspective,
                    year=spec.year,
                    published=spec.published or "",
                    note=spec.note,
                    id=spec.id or "",
                )
            )
        return tuple(out)

    def agendas(self) -> dict[str, Agenda]:
        """Each side's agenda, its goals' meters checked."""
        out: dict[str, Agenda] = {}
        for side in SIDES:
            if side not in self.m.agendas:
                self.missing(("agenda", side), f"an agenda for {side}")
                continue
            spec, origin = self.m.agendas[side]
            goals = []
            for i, g in enumerate(spec.goal):
                o = Origin(origin.file, origin.loc + ("goal", i))
                if g.meter not in GOAL_METERS:
                    self.error(
                        o, ("meter",), f"unknown meter '{g.meter}'{did_you_mean(g.meter, GOAL_METERS)}"
                    )
                if g.at_least is None and g.at_most is None:
                    self.error(o, (), "a goal needs 'at_least' or 'at_most'")
                goals.append(Goal(g.meter, g.at_least, g.at_most, g.weight, g.text, o.file.source(o.loc)))
            out[side] = Agenda(spec.summary, tuple(goals), spec.win_at)
        return out

    def outcomes(self, flags: Set[str]) -> tuple[Outcome, ...]:
        """The outcomes in order; the last ordinary one must be the catch-all."""
        out = []
        for spec, origin in self.m.outcomes:
            out.append(
                Outcome(
                    spec.id,
                    spec.title,
                    self.condition(spec.when, origin, "when", flags, after_end=True),
                    spec.epilogue,
                    spec.early,
                    origin.file.source(origin.loc),
                )
            )
        final = [(spec, origin) for spec, origin in self.m.outcomes if not spec.early]
        if not final:
            self.missing(("outcome",), "an outcome that is not 'early'")
        elif final[-1][0].when is not None:
            spec, origin = final[-1]
            self.error(
                origin,
                ("when",),
                "the last outcome that is not 'early' must have no 'when', so that every game ends with an outcome",
            )
        return tuple(out)

    def flag_warnings(
        self,
        actions: dict[str, Action],
        events: tuple[Event, ...],
        outcomes: tuple[Outcome, ...],
        flags: dict[str, bool],
    ) -> None:
        """A flag this file brings in, false at the start, that conditions read but nothing ever
        sets: those conditions can never see it true (often the flag is spelt differently where it
        was meant to be set). A flag a parent declares is left alone: a level may well keep one
        of its parent's flags off for its whole period."""
        inherited = {name for c in self.chain[:-1] for name in (c.loaded_spec.flags or {})}
        set_somewhere: set[str] = set()
        cards: list[Action | Event] = [*actions.values(), *events]
        for item in cards:
            for does in (item.does, *(d.does for d in item.delayed)):
                set_somewhere.update(does.set_flags)
        readers: dict[str, int] = {}
        for condition in (
            *(a.requires for a in actions.values()),
            *(e.when for e in events),
            *(o.when for o in outcomes),
        ):
            for name in condition.names & condition.flags:
                readers[name] = readers.get(name, 0) + 1
        for name, start in flags.items():
            origin = self.m.origin("flags", name)
            if (
                start
                or name in set_somewhere
                or name in BUILTIN_FLAGS
                or name in inherited
                or name not in readers
                or origin.file is not self.leaf
            ):
                continue
            count = readers[name]
            self.warn(
                origin,
                (),
                f"flag '{name}' starts false and no action or event sets it, so the "
                f"{count} condition{'s' if count > 1 else ''} reading it can only see it false",
            )

    def warnings(
        self,
        actions: dict[str, Action],
        events: tuple[Event, ...],
        agendas: dict[str, Agenda],
        outcomes: tuple[Outcome, ...],
        rules: Rules,
        start: dict[str, float],
        flags: dict[str, bool],
    ) -> None:
        """Mistakes that load but cannot be meant: an action nobody can afford, a condition that can
        never hold, a goal no value can meet, an outcome that can never be reached."""
        origins = {
            **{("action", k): o for k, (_, o) in self.m.actions.items()},
            **{("event", k): o for k, (_, o) in self.m.events.items()},
        }
        # (A ruleset that leaves start values out, for the levels that extend it to give, has no
        # ceiling at the start to warn about.)
        read = ("identity_gap", "method_divergence", "central_asia_rivalry", *WASHINGTON)
        ceiling_at_start = (
            100.0 - sum(ceiling_terms(start, rules).values()) if all(k in start for k in read) else 100.0
        )
        if "partnership" in start and start["partnership"] > ceiling_at_start + 1.0:
            self.warn(
                self.m.origin("start", "partnership"),
                (),
                f"the partnership starts at {start['partnership']:g}, above the ceiling its limits give at the "
                f"start ({ceiling_at_start:.1f}): the first turn pulls it down, and trust remembers that as a shock",
            )
        for action in actions.values():
            origin = origins[("action", action.id)]
            ceiling = max(rules.capital_cap, start.get(f"{action.side}.capital", 0.0))
            if action.cost > ceiling:
                self.warn(
                    origin,
                    ("cost",),
                    f"costs {action.cost}, but {action.side}'s political capital never "
                    f"goes above {ceiling:g} (its start value and rules.capital_cap), so no one can afford it",
                )
            if action.requires.possible == frozenset({False}):
                self.warn(
                    origin,
                    ("requires",),
                    f"'{action.requires.text}' can never hold, so this action can never be chosen",
                )
        for event in events:
            origin = origins[("event", event.id)]
            if event.when.possible == frozenset({False}):
                self.warn(
                    origin,
                    ("when",),
                    f"'{event.when.text}' can never hold, so this event can never happen",
                )
            elif origin.file is self.leaf and first_turn_it_could_hold(event.when) is None:
                # Each part may hold on its own while together they hold in no turn: 'turn == 3
                # and turn >= 5', as a from_year after the turn the modder named makes it.
                self.warn(
                    origin,
                    ("when",),
                    f"'{event.when.text}' holds in none of the level's turns, so this event can "
                    "never happen (from_year and until_year bound its turns too)",
                )
            if event.certain and not event.once and origin.file is self.leaf:
                # Warned when it could happen turn after turn ('war', 'turn >= 3'); turns named one
                # by one ('turn == 10 or turn == 16') are what the modder meant.
                first, last = first_turn_it_could_hold(event.when), last_turn_it_could_hold(event.when)
                if (
                    first is not None
                    and last is not None
                    and last > first
                    and all(could_hold_between(event.when, t, t) for t in range(first, last + 1))
                ):
                    self.warn(
                        origin,
                        ("once",),
                        "a certain event with 'once = false' happens in every turn its 'when' holds; "
                        "name its turns in 'when', or leave 'once' out",
                    )
            if (
                event.certain
                and origin.file is self.leaf
                and "weight" in self.m.events[event.id][0].model_fields_set
            ):
                self.warn(
                    origin,
                    ("weight",),
                    "a certain event is never drawn, so its weight is not used; leave it out",
                )
            if event.weight == 0 and not event.certain and origin.file is self.leaf:
                self.warn(
                    origin,
                    ("weight",),
                    "with weight 0 this event is never drawn; only a facilitator "
                    "or an experiment can put it in play",
                )
        self.flag_warnings(actions, events, outcomes, flags)
        self.early_news_warnings(actions, events, origins)
        for side, agenda in agendas.items():
            origin = self.m.agendas[side][1]
            for i, goal in enumerate(agenda.goals):
                lo, hi = RANGES.get(goal.meter, (0.0, 100.0))
                why: str | None = None
                if goal.at_least is not None and goal.at_least > hi:
                    why = f"'{goal.meter}' never goes above {hi:g}"
                elif goal.at_most is not None and goal.at_most < lo:
                    why = f"'{goal.meter}' never goes below {lo:g}"
                elif goal.at_least is not None and goal.at_most is not None and goal.at_least > goal.at_most:
                    why = "'at_least' is above 'at_most'"
                if why:
                    self.warn(
                        Origin(origin.file, origin.loc + ("goal", i)),
                        (),
                        f"this goal can never be met: {why}",
                    )
                elif (goal.at_least is None or goal.at_least <= lo) and (
                    goal.at_most is None or goal.at_most >= hi
                ):
                    # ('at_least = -5': a modder's sign slip, scored as met in every game)
                    self.warn(
                        Origin(origin.file, origin.loc + ("goal", i)),
                        (),
                        f"this goal is met in every game: '{goal.meter}' is always from {lo:g} to {hi:g}",
                    )
        start_view = _StartView(start, flags)
        catch_all: str | None = None
        for outcome, (spec, origin) in zip(outcomes, self.m.outcomes, strict=False):
            if catch_all is not None and not outcome.early:
                self.warn(
                    origin,
                    (),
                    f"outcome '{outcome.id}' comes after '{catch_all}', which always "
                    "applies, so it can never be the outcome",
                )
                continue
            if spec.when is not None and outcome.when.possible == frozenset({False}):
                self.warn(
                    origin,
                    ("when",),
                    f"'{outcome.when.text}' can never hold, so this outcome can never be reached",
                )
            if not outcome.early and (spec.when is None or outcome.when.possible == frozenset({True})):
                catch_all = outcome.id
            if outcome.early and spec.when is not None and outcome.when(start_view):
                self.warn(
                    origin,
                    ("when",),
                    "this early outcome already holds at the start values, so "
                    "the game could end after its first turn",
                )

    def early_news_warnings(
        self,
        actions: Mapping[str, Action],
        events: tuple[Event, ...],
        origins: Mapping[tuple[str, str], Origin],
    ) -> None:
        """An event of a level with years that can be drawn before the year its text names, or two
        years or more after it, and a card that can be played before the year its description
        names (game.levels.dated_news)."""
        start, per_year = self.m.get("start_year"), self.m.get("turns_per_year")
        if not start or not per_year or not self.leaf.loaded_spec.playable:
            return
        news = [(e.id, e.text, e.when) for e in events]
        cards = [(a.id, a.description, a.requires) for a in actions.values()]
        for table, key, dated in (("event", "text", news), ("action", "description", cards)):
            for early in early_news(dated, start, per_year, self.turns):
                self.warn(origins[(table, early.id)], (key,), _early_words(table, early))
        for late in late_news(news, start, per_year, self.turns):
            self.warn(origins[("event", late.id)], ("text",), _late_words(late))

    def glyph_warnings(self) -> None:
        """Text in this file that the game's font cannot draw (rare Chinese characters, emoji): players
        would see empty boxes where the modder sees words."""

        def walk(value: object, path: KeyPath) -> None:
            if isinstance(value, str):
                missing = undrawable(value)
                if missing:
                    shown = "".join(missing[:8]) + ("…" if len(missing) > 8 else "")
                    self.leaf.problem(
                        path,
                        f"the game's font cannot draw '{shown}'; players would see empty "
                        "boxes there (it covers Latin, Cyrillic and Greek letters and everyday Chinese)",
                        severity="warning",
                    )
            elif isinstance(value, BaseModel):
                for name in type(value).model_fields:
                    walk(getattr(value, name), (*path, name))
            elif isinstance(value, (list, tuple)):
                for i, item in enumerate(value):
                    walk(item, (*path, i))
            elif isinstance(value, dict):
                for key, item in value.items():
                    walk(item, (*path, key))

        walk(self.spec, ())

    def duplicates(self) -> None:
        """Two actions, events, outcomes, sources or deals with one id in the same file."""
        for pf in self.chain:
            for table in ("action", "event", "outcome", "source", "deal"):
                seen: dict[str, int] = {}
                for i, item in enumerate(getattr(pf.loaded_spec, table)):
                    if item.id is None:  # (a source may have none)
                        continue
                    if item.id in seen:
                        line = pf.line_of((table, seen[item.id], "id"))
                        self.ok = False
                        pf.problem(
                            (table, i, "id"), f"duplicate {table} id '{item.id}' (first at line {line})"
                        )
                    seen.setdefault(item.id, i)

    # -- the whole level -------------------------------------------------------------------------
    def campaign(self) -> Campaign | None:
        """The leaf's own campaign place (a child level is not part of the campaign by inheritance)."""
        spec = self.spec.campaign
        return Campaign(spec.chapter, tuple(spec.unlocked_by)) if spec else None

    def deals(self, flags: Set[str], actions: dict[str, Action]) -> tuple[Deal, ...]:
        """The leaf's own summit deals (not inherited), each part a deed the level makes possible."""
        from game.core.summit import Deed, TermError

        out = []
        for i, spec in enumerate(self.spec.deal):
            origin = Origin(self.leaf, ("deal", i))
            for side in SIDES:
                text = getattr(spec, side)
                try:
                    deed = Deed.parse(text)
                except TermError as e:
                    self.error(origin, (side,), str(e))
                    continue
                problem = deed.problem(actions, side)
                if problem is not None:
                    names = {
                        "play": [a.id for a in actions.values() if a.side == side],
                        "stay_out": list(STATES),
                    }.get(deed.kind, [])
                    self.error(origin, (side,), problem + did_you_mean(deed.subject, names))
            requires = self.condition(spec.requires, origin, "requires", flags)
            out.append(
                Deal(
                    spec.id,
                    spec.name,
                    spec.text,
                    spec.moscow,
                    spec.beijing,
                    spec.turns,
                    requires,
                    self.leaf.source(origin.loc),
                )
            )
        return tuple(out)

    def tutorial(self) -> tuple[TutorialStep, ...]:
        """The leaf's own tutorial steps (not inherited)."""
        return tuple(TutorialStep(s.turn, s.point_at, s.text, s.until, s.side) for s in self.spec.tutorial)

    def title_warnings(self) -> None:
        """A title that names years the level does not play ("Arctic route (2030-2035)" over turns
        that start in 2024): the level list shows the title, the board the turns' own dates."""
        title, origin = self.m.get("title"), self.m.origin("title")
        span = self.years()
        named = years_named(title) if isinstance(title, str) else None
        if named is None or span is None or origin.file is not self.leaf:
            return
        first, last = named
        if named != span:
            self.warn(
                origin,
                (),
                f"the title names {first}-{last}, but the level's turns fall in {span[0]}-{span[1]} "
                "(start_year, turns and turns_per_year): the level list and the board would disagree",
            )

    def tutorial_warnings(self, turns: int | None) -> None:
        """A tutorial step on a turn the level never reaches."""
        for i, step in enumerate(self.spec.tutorial):
            if turns is not None and step.turn > turns:
                self.leaf.problem(
                    ("tutorial", i, "turn"),
                    f"turn {step.turn} never comes: the level lasts {turns} turns",
                    severity="warning",
                )

    def cut(self, turns: int | None) -> int | None:
        """The leaf's own classroom cut (not inherited), which must come before the last turn."""
        spec = self.spec.classroom
        cut = spec.cut if spec else None
        if cut is not None and turns is not None and cut >= turns:
            self.ok = False
            self.leaf.problem(
                ("classroom", "cut"),
                f"the cut must come before the level's last turn: the level lasts {turns} turns, "
                f"so the cut is at most {turns - 1}",
            )
        return cut

    def fail(self, loc: KeyPath, message: str) -> None:
        """A mistake in the leaf's own tables (which are not inherited) that stops the level."""
        self.error(Origin(self.leaf, ()), loc, message)

    def cut_goals(
        self, cut: int | None, agendas: dict[str, Agenda], start: dict[str, float]
    ) -> tuple[CutGoal, ...]:
        """The leaf's goals at the cut: each names one goal of its side by its meter (a side's goal
        set twice, or a meter with two goals, could not say which path a bound takes) and sets only
        bounds that goal has, inside the meter's range. A bound may lie beyond the start or the
        goal: a meter that dips before it climbs, or overshoots before it settles."""
        spec = self.spec.classroom
        out: list[CutGoal] = []
        for side in SIDES:
            at_cut = getattr(spec, side) if spec else None
            if at_cut is None:
                continue
            agenda = agendas.get(side)
            name = side.capitalize()
            seen: set[str] = set()
            for i, g in enumerate(at_cut.goal):
                loc = ("classroom", side, "goal", i)
                if cut is None:
                    self.fail(loc, "a goal at the cut needs a cut: set 'cut' in [classroom]")
                    continue
                if agenda is None:
                    continue  # the missing agenda is reported on its own
                goals = [goal for goal in agenda.goals if goal.meter == g.meter]
                meters = [goal.meter for goal in agenda.goals]
                if not goals:
                    self.fail(
                        loc + ("meter",),
                        f"{name}'s agenda has no goal on '{g.meter}'{did_you_mean(g.meter, meters)}",
                    )
                    continue
                if len(goals) > 1:
                    self.fail(
                        loc + ("meter",),
                        f"{name}'s agenda has {len(goals)} goals on '{g.meter}', so a goal at the cut "
                        "cannot tell which it sets",
                    )
                    continue
                if g.meter in seen:
                    self.fail(loc + ("meter",), f"{name}'s goal on '{g.meter}' is set at the cut twice")
                    continue
                seen.add(g.meter)
                if g.at_least is None and g.at_most is None:
                    self.fail(loc, "a goal at the cut needs 'at_least' or 'at_most'")
                    continue
                goal = goals[0]
                low, high = meter_range(g.meter)
                for key, value, bound in (
                    ("at_least", g.at_least, goal.at_least),
                    ("at_most", g.at_most, goal.at_most),
                ):
                    if value is None:
                        continue
                    if bound is None:
                        self.fail(loc + (key,), f"{name}'s goal on '{g.meter}' has no '{key}'")
                    elif not low <= value <= high:
                        self.fail(
                            loc + (key,), f"'{g.meter}' runs from {low:g} to {high:g}; {value:g} is out of it"
                        )
                if g.at_least is not None and g.at_most is not None and g.at_least > g.at_most:
                    self.fail(
                        loc, f"at the cut, 'at_least' ({g.at_least:g}) is above 'at_most' ({g.at_most:g})"
                    )
                out.append(CutGoal(side, g.meter, g.at_least, g.at_most, self.leaf.source(loc)))
        return tuple(out)

    def compile(self) -> Level | None:
        """The level, or None when a problem stops it (the problems are on the files)."""
        self.turns = int(self.m.get("turns") or 80)
        self.duplicates()
        declared_flags = self.m.keys_of("flags")
        declared: dict[str, bool] = {name: start for name, (start, _) in declared_flags.items()}
        for name, (_, origin) in declared_flags.items():
            if (
                name in ALL_METERS
                or name in AGGREGATES
                or name == "turn"
                or name in ("and", "or", "not", "true", "false")
            ):
                self.error(
                    origin, (), f"flag '{name}' has the name of a meter or a word of conditions; rename it"
                )
        flags = {**declared, **{f: False for f in BUILTIN_FLAGS}}
        flag_names = frozenset(flags)
        start, start_sources = self.start_values()
        washington = self.washington()
        rules, rule_sources = self.rules(flag_names)
        actions = self.actions(flag_names)
        events = self.events(flag_names)
        agendas = self.agendas()
        outcomes = self.outcomes(flag_names)
        sources = self.sources()
        deals = self.deals(flag_names, actions)
        meta: dict[str, Any] = {}
        for key in ("title", "start_year", "turns_per_year", "turns", "seed"):
            meta[key] = self.m.get(key)
            if meta[key] is None:
                self.missing((key,), f"'{key}'")
        briefing: dict[str, str] = {}
        for side in SIDES:
            briefing[side] = self.m.get("briefing", side)
            if briefing[side] is None:
                self.missing(("briefing", side), f"a briefing for {side}")
        prompts = {k: tuple(self.m.get("prompts", k) or ()) for k in PROMPT_KEYS}
        cut = self.cut(meta["turns"])
        cut_goals = self.cut_goals(cut, agendas, start)
        # A level that cannot load reports its warnings with its errors, even when none are wanted.
        if self.ok and (self.want_warnings or not self.complete):
            self.warnings(actions, events, agendas, outcomes, rules, start, flags)
            self.tutorial_warnings(meta["turns"])
            self.title_warnings()
            self.glyph_warnings()
        if not (self.ok and self.complete) or washington is None:  # (None is never complete)
            return None
        digest = hashlib.sha256(RULES.encode() + b"\0")
        for pf in self.chain:
            digest.update(pf.loaded_spec.id.encode() + b"\0" + without_classroom_table(pf.raw) + b"\0")
        return Level(
            id=self.spec.id,
            title=meta["title"],
            start_year=meta["start_year"],
            turns_per_year=meta["turns_per_year"],
            turns=meta["turns"],
            seed=meta["seed"],
            briefing=briefing,
            start=start,
            flags=flags,
            washington=washington,
            actions=actions,
            events=events,
            agendas=agendas,
            outcomes=outcomes,
            prompts=prompts,
            rules=rules,
            start_sources=start_sources,
            rule_sources=rule_sources,
            description=self.description(),
            what_happened=self.m.get("what_happened", default=""),
            historical_partnership=history.partnership
            if (history := self.leaf.loaded_spec.history)
            else None,
            playable=self.spec.playable,
            essay_era=self.spec.essay_era,
            campaign=self.campaign(),
            tutorial=self.tutorial(),
            hypothetical=bool(self.m.get("hypothetical", default=False)),
            map_year=self.leaf.loaded_spec.map_year,
            sources=sources,
            deals=deals,
            cut=cut,
            cut_goals=cut_goals,
            content_hash=digest.hexdigest(),
            files=tuple(pf.name for pf in self.chain),
        )
