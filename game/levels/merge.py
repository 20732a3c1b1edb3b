"""`extends`: fold a chain of parsed files (base first) into one merged level.

A child overrides what it names: top-level values, table keys one by one, actions and events by
id (a new id is added, `drop_actions`/`drop_events` remove), an agenda per side, the outcome list
as a whole. Sources add up: a child's come after its parents'. Each merged piece remembers the file and key path it came from, so a later problem
points at the file that wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from game.levels.parse import ParsedFile
from game.levels.problems import did_you_mean
from game.levels.spec import ActionSpec, AgendaSpec, EventSpec, OutcomeSpec, SourceSpec
from game.levels.toml_index import KeyPath

SCALARS = (
    "title",
    "description",
    "what_happened",
    "hypothetical",
    "start_year",
    "turns_per_year",
    "turns",
    "seed",
)
KEYED_TABLES = ("briefing", "washington", "rules", "flags", "prompts")


@dataclass
class Origin:
    """Where a merged piece was written: its file and its key path there."""

    file: ParsedFile
    loc: KeyPath


@dataclass
class Merged:
    """A level's chain folded into one: each value, card, agenda and outcome with its origin."""

    leaf: ParsedFile
    # Key path -> the value as the file gave it (a number, text, a table of start values...):
    # its type follows from the path, which the compiler knows and the schema has checked.
    values: dict[KeyPath, tuple[Any, Origin]] = field(default_factory=dict)
    actions: dict[str, tuple[ActionSpec, Origin]] = field(default_factory=dict)
    events: dict[str, tuple[EventSpec, Origin]] = field(default_factory=dict)
    agendas: dict[str, tuple[AgendaSpec, Origin]] = field(default_factory=dict)
    outcomes: list[tuple[OutcomeSpec, Origin]] = field(default_factory=list)
    sources: list[tuple[SourceSpec, Origin]] = field(default_factory=list)

    def get(self, *path: str, default: Any = None) -> Any:
        """The value at a key path (such as "start", "moscow", "economy"), or `default`."""
        item = self.values.get(path)
        return default if item is None else item[0]

    def keys_of(self, table: str) -> dict[str, tuple[Any, Origin]]:
        """The keys given in one keyed table ([flags], [rules]...), each with its value and origin."""
        return {str(k[1]): item for k, item in self.values.items() if len(k) == 2 and k[0] == table}

    def origin(self, *path: str) -> Origin:
        """Where the value at a key path was written; the leaf file when no file gives it."""
        item = self.values.get(path)
        return item[1] if item else Origin(self.leaf, path)


_Card = TypeVar("_Card")


def _drop(pf: ParsedFile, key: str, ids: list[str], what: str, cards: dict[str, _Card]) -> None:
    """Remove the inherited cards whose `ids` `pf` lists under `key` (drop_actions, drop_events)."""
    for i, item_id in enumerate(ids):
        if cards.pop(item_id, None) is None:
            # Most likely a typo, and then the item the modder meant to remove stays in.
            pf.problem(
                (key, i),
                f"no inherited {what} '{item_id}' to drop{did_you_mean(item_id, cards)}",
                severity="warning",
            )


def merge(chain: list[ParsedFile]) -> Merged:
    """Fold `chain` (base first, every file read) into one level; the leaf's values win."""
    merged = Merged(chain[-1])
    for pf in chain:
        spec = pf.loaded_spec
        for name in SCALARS:
            if name in spec.model_fields_set and getattr(spec, name) is not None:
                merged.values[(name,)] = (getattr(spec, name), Origin(pf, (name,)))
        for table in KEYED_TABLES:
            value = getattr(spec, table)
            if value is None:
                continue
            items = (
                value.items()
                if isinstance(value, dict)
                else ((k, getattr(value, k)) for k in value.model_fields_set)
            )
            for key, v in items:
                if v is not None:
                    merged.values[(table, key)] = (v, Origin(pf, (table, key)))
        if spec.start is not None:
            for key in spec.start.model_fields_set:
                v = getattr(spec.start, key)
                if key in ("moscow", "beijing"):
                    for sub in v.model_fields_set if v is not None else ():
                        if getattr(v, sub) is not None:
                            merged.values[("start", key, sub)] = (
                                getattr(v, sub),
                                Origin(pf, ("start", key, sub)),
                            )
                elif v is not None:
                    merged.values[("start", key)] = (v, Origin(pf, ("start", key)))
        if spec.influence is not None:
            for place in spec.influence.model_fields_set:
                v = getattr(spec.influence, place)
                if v is not None:
                    merged.values[("influence", place)] = (v, Origin(pf, ("influence", place)))
        if spec.agenda is not None:
            for side in spec.agenda.model_fields_set:
                v = getattr(spec.agenda, side)
                if v is not None:
                    merged.agendas[side] = (v, Origin(pf, ("agenda", side)))
        _drop(pf, "drop_actions", spec.drop_actions, "action", merged.actions)
        _drop(pf, "drop_events", spec.drop_events, "event", merged.events)
        for i, action in enumerate(spec.action):
            merged.actions[action.id] = (action, Origin(pf, ("action", i)))
        for i, event in enumerate(spec.event):
            merged.events[event.id] = (event, Origin(pf, ("event", i)))
        merged.sources += [(src, Origin(pf, ("source", i))) for i, src in enumerate(spec.source)]
        if spec.outcome:
            merged.outcomes = [(o, Origin(pf, ("outcome", i))) for i, o in enumerate(spec.outcome)]
    return merged
