"""`extends`: fold a chain of parsed files (base first) into one merged level.

A child overrides what it names: top-level values, table keys one by one, actions and events by
id (a new id is added, `drop_actions`/`drop_events` remove), an agenda per side, the outcome list
as a whole. Sources add up: a child's come after its parents'. Each merged piece remembers the file and key path it came from, so a later problem
points at the file that wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.levels.parse import ParsedFile
from game.levels.problems import did_you_mean

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
    file: ParsedFile
    loc: tuple


@dataclass
class Merged:
    leaf: ParsedFile
    values: dict[tuple, tuple[object, Origin]] = field(default_factory=dict)  # key path -> value
    actions: dict[str, tuple[object, Origin]] = field(default_factory=dict)
    events: dict[str, tuple[object, Origin]] = field(default_factory=dict)
    agendas: dict[str, tuple[object, Origin]] = field(default_factory=dict)
    outcomes: list[tuple[object, Origin]] = field(default_factory=list)
    sources: list[tuple[object, Origin]] = field(default_factory=list)

    def get(self, *path, default=None):
        item = self.values.get(path)
        return default if item is None else item[0]

    def origin(self, *path) -> Origin:
        item = self.values.get(path)
        return item[1] if item else Origin(self.leaf, path)


def merge(chain: list[ParsedFile]) -> Merged:
    merged = Merged(chain[-1])
    for pf in chain:
        spec = pf.spec
        assert spec is not None
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
        for key, what, table in (
            ("drop_actions", "action", merged.actions),
            ("drop_events", "event", merged.events),
        ):
            for i, item_id in enumerate(getattr(spec, key)):
                if table.pop(item_id, None) is None:
                    # Most likely a typo, and then the item the modder meant to remove stays in.
                    pf.problem(
                        (key, i),
                        f"no inherited {what} '{item_id}' to drop{did_you_mean(item_id, table)}",
                        severity="warning",
                    )
        for i, action in enumerate(spec.action):
            merged.actions[action.id] = (action, Origin(pf, ("action", i)))
        for i, event in enumerate(spec.event):
            merged.events[event.id] = (event, Origin(pf, ("event", i)))
        merged.sources += [(src, Origin(pf, ("source", i))) for i, src in enumerate(spec.source)]
        if spec.outcome:
            merged.outcomes = [(o, Origin(pf, ("outcome", i))) for i, o in enumerate(spec.outcome)]
    return merged
