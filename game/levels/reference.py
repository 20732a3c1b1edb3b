"""The level format's reference, generated from the schema's descriptions (docs/level-reference.md).

Everything a modder reads here comes from `game.levels.spec` and the engine's own name lists, so
the reference cannot drift from what the loader accepts; a test fails when the file is stale.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from game.core.expr import MAX_DEPTH, MAX_LENGTH, MAX_NODES
from game.core.level import TAGS
from game.core.level_text import LANGUAGES
from game.core.meters import AGGREGATES, DERIVED, POWERS, SHARED, SIDE_METERS, STATES, WASHINGTON
from game.levels import spec
from game.levels.spec import LevelSpec, LevelTextSpec, TextEntrySpec

# Where each table lives in a file, for the headings.
_TABLE_NAMES = {
    "LevelSpec": "top level",
    "BriefingSpec": "[briefing]",
    "StartSpec": "[start]",
    "SideStartSpec": "[start.moscow] and [start.beijing]",
    "InfluenceMapSpec": "[influence]",
    "InfluenceSpec": "[influence.<state>]",
    "WashingtonSpec": "[washington]",
    "RulesSpec": "[rules]",
    "ActionSpec": "[[action]]",
    "DelayedSpec": "[[action.delayed]] and [[event.delayed]]",
    "EventSpec": "[[event]]",
    "AgendasSpec": "[agenda]",
    "AgendaSpec": "[agenda.moscow] and [agenda.beijing]",
    "GoalSpec": "[[agenda.<side>.goal]]",
    "OutcomeSpec": "[[outcome]]",
    "PromptsSpec": "[prompts]",
    "SourceSpec": "[[source]]",
    "LevelClassroomSpec": "[classroom]",
    "CutAgendaSpec": "[classroom.moscow] and [classroom.beijing]",
    "CutGoalSpec": "[[classroom.<side>.goal]]",
    "CampaignSpec": "[campaign]",
    "HistorySpec": "[history]",
    "DealSpec": "[[deal]]",
    "TutorialStepSpec": "[[tutorial]]",
    "LevelTextSpec": "A level's text in another language: top level",
    "TextEntrySpec": '[text."<key>"]',
}


# Annotations here are typing forms (Annotated[...], unions, Literal[...]) as well as classes, so
# they are read with typing.get_origin and get_args, and typed Any.
def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        names = [_type_name(a) for a in args]
        return names[0] if len(names) == 1 else " or ".join(names)
    if origin is typing.Literal:
        return " or ".join(f"`{a!r}`".replace("'", '"') for a in typing.get_args(annotation))
    if origin is list:
        return f"array of {_type_name(args[0])}"
    if origin is dict:
        return f"table of {_type_name(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"table ({_TABLE_NAMES.get(annotation.__name__, annotation.__name__)})"
    return {str: "text", int: "whole number", float: "number", bool: "true or false"}.get(
        annotation, str(annotation)
    )


def _limits(info: FieldInfo, annotation: Any) -> str:
    bits = []
    metas: list[object] = []
    for meta in [*info.metadata, *_inner_metadata(annotation)]:
        # `Annotated[float, Field(ge=0)] | None` keeps its bounds inside the inner Field.
        metas.extend(meta.metadata if isinstance(meta, FieldInfo) else [meta])
    for meta in metas:
        for attr, word in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            value = getattr(meta, attr, None)
            if value is not None:
                bits.append(f"{word} {value}")
        for attr, word in (("max_length", "at most"), ("min_length", "at least")):
            value = getattr(meta, attr, None)
            if value is not None:
                bits.append(f"{word} {value} long")
        pattern = getattr(meta, "pattern", None)
        if pattern:
            # An id, or a level text's key: ids joined by dots, such as `action.ID.name`.
            if ":" in pattern:  # a deal's part: a kind of deed, a colon, then what it names
                bits.append("`play:`, `some:`, `no:` or `stay_out:` and a lower-case id")
            else:
                bits.append("keys: lower-case ids joined by dots" if "\\." in pattern else "lower-case id")
    return ", ".join(dict.fromkeys(bits))


def _inner_metadata(annotation: Any) -> list[object]:
    out: list[object] = []
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is typing.Annotated:
            out.extend(a for a in typing.get_args(arg)[1:])
            out.extend(_inner_metadata(typing.get_args(arg)[0]))
        elif typing.get_args(arg):
            out.extend(_inner_metadata(arg))
    return out


def _description(info: FieldInfo, annotation: Any) -> str:
    if info.description:
        return info.description
    for meta in _inner_metadata(annotation):
        description = getattr(meta, "description", None)
        if isinstance(description, str) and description:
            return description
    return ""


# The tables whose keys a level inherits one by one from the level it extends (game.levels.merge):
# elsewhere (a card's, a goal's, a source's keys) a key left out is simply not there.
_INHERITED_BY_KEY = frozenset(
    {
        "LevelSpec",
        "BriefingSpec",
        "StartSpec",
        "SideStartSpec",
        "InfluenceMapSpec",
        "InfluenceSpec",
        "WashingtonSpec",
        "RulesSpec",
        "PromptsSpec",
        "AgendasSpec",  # (each side's agenda, whole)
    }
)


def _default(info: FieldInfo, model: type[BaseModel]) -> str:
    if info.is_required():
        return "required"
    if info.default_factory is not None:
        return "empty"
    if info.default is None:
        inherited = model.__name__ in _INHERITED_BY_KEY and "Not inherited" not in (info.description or "")
        return "inherited (or none)" if inherited else "none"
    return f"`{str(info.default).lower() if isinstance(info.default, bool) else info.default}`"


def _models() -> list[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    order: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        order.append(model)
        for f in model.model_fields.values():
            for inner in _nested(f.annotation):
                visit(inner)

    visit(LevelSpec)
    return order


def _nested(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _nested(arg)


def reference_markdown() -> str:
    """The reference as Markdown, the text of docs/level-reference.md."""
    out = [
        "# Level file reference",
        "",
        "Generated from the schema by `python -m game reference > docs/level-reference.md`; do not edit",
        "by hand (a test fails when this file is out of date). The tutorial is in `modding.md`.",
        "",
        "A key marked *inherited* may be left out when the level's `extends` parent gives it. Arrays of",
        "tables count from 1 in error messages: `action[3]` is the third `[[action]]` of the file.",
        "",
    ]
    for model in _models():
        out += _table(model)
    out += [
        "## Names",
        "",
        f"Shared meters: {', '.join(f'`{m}`' for m in SHARED)}. `{', '.join(sorted(DERIVED))}` is computed by the rules.",
        "",
        f"Each side's meters, as `moscow.<name>` and `beijing.<name>`: {', '.join(f'`{m}`' for m in SIDE_METERS)}.",
        "",
        f"Washington: {', '.join(f'`{m}`' for m in WASHINGTON)}.",
        "",
        f"Influence, as `<state>.<power>`: states {', '.join(f'`{s}`' for s in STATES)}; powers "
        f"{', '.join(f'`{p}`' for p in POWERS)}. An effect on `central_asia.<power>` shifts all five states.",
        "",
        f"Read-only names for conditions and goals: {', '.join(f'`{a}`' for a in AGGREGATES)}, `turn`, and the level's flags.",
        "",
        f"Action tags: {', '.join(f'`{t}`' for t in TAGS)}.",
        "",
        "## Conditions",
        "",
        "`requires`, `when` and outcomes use a small language: numbers, names, `+ - * /`, comparisons",
        "`< <= > >= == !=`, `and`, `or`, `not`, `true`, `false` and parentheses. Meters and `turn` are",
        "numbers; flags are true or false; the whole condition must be true or false. Division by zero",
        "gives 0. Nothing else is allowed: no calls, no strings, no attributes.",
        "",
        "## Size limits",
        "",
        f"- A level file: at most {spec.MAX_FILE_BYTES:,} bytes.",
        f"- A condition: at most {MAX_LENGTH} characters, {MAX_NODES} parts, nested {MAX_DEPTH} levels deep.",
        f"- Texts (briefings, descriptions, epilogues): at most {spec.MAX_TEXT:,} characters; names and titles {spec.MAX_NAME}.",
        f"- At most {spec.MAX_LIST} actions and {spec.MAX_LIST} events per file, {spec.MAX_EFFECTS} effects per action or event.",
        "- `extends` chains at most 8 levels deep.",
        f"- A level's text in another language: at most {spec.MAX_TEXT_FILE_BYTES:,} bytes and {spec.MAX_TEXT_ENTRIES:,} entries.",
        f"- A folder of levels: the first {spec.MAX_FOLDER_FILES} level files, by name, are read; the game says so when there are more.",
        "- Text holds no control characters other than tabs and line breaks (a NUL or an escape is an"
        " error at its line), and numbers are finite: `nan` and `inf` are refused.",
        "- Only regular files are read: a folder, a named pipe or a device called `*.toml` is an error,"
        " never a wait.",
        "",
        "# A level's text in other languages",
        "",
        "Beside `NAME.toml`, the file `NAME.<lang>.toml` holds the level's text in one language:",
        f"{', '.join(f'`{lang}`' for lang in LANGUAGES)}. Each entry is keyed by where its English is written,",
        "keeps that English and gives the translation; a text without one is shown in English. It is",
        "no part of the level's rules nor of its content hash. Start one with",
        "`python -m game new-text LEVEL --lang CODE`; the guide is in `modding.md` (Translating a level).",
        "",
        *_table(LevelTextSpec),
        *_table(TextEntrySpec),
        "## Keys",
        "",
        "| key | the English of |",
        "| --- | --- |",
        *(f"| `{key}` | {what} |" for key, what in TEXT_KEYS),
        "",
        "Goals, prompts and tutorial steps count from 1 in the order the file writes them. A level",
        "translates the texts it writes itself; what it inherits is translated beside the level that",
        "writes it (`base.ru.toml` for the base's cards), and a level that rewrites an inherited text",
        "needs its own translation of it.",
        "",
    ]
    return "\n".join(out)


# The keys of a level's texts (game.core.level_text.english_texts), for the reference.
TEXT_KEYS = (
    ("title", "the level's `title`"),
    ("description", "its `description`"),
    ("briefing.SIDE", "`[briefing]`: `moscow`, `beijing`"),
    ("agenda.SIDE.summary", "an agenda's `summary`"),
    ("agenda.SIDE.goal.N", "the `text` of the agenda's Nth goal"),
    ("action.ID.name", "an action's `name`; `action.ID.description` its description"),
    ("event.ID.title", "an event's `title`; `event.ID.text` its text"),
    ("outcome.ID.title", "an outcome's `title`; `outcome.ID.epilogue` its epilogue"),
    ("deal.ID.name", "a deal's `name`; `deal.ID.text` its text"),
    ("prompts.GROUP.N", "the Nth question of a `[prompts]` group"),
    ("tutorial.N", "the `text` of the Nth `[[tutorial]]` step"),
    ("what_happened", "`what_happened`"),
    (
        "source.ID.perspective",
        "a `[[source]]`'s `perspective`; `source.ID.note` its note, `source.ID.published` where it "
        "appeared (a source without an `id` has no keys: it shows in English in every language)",
    ),
)


def _table(model: type[BaseModel]) -> list[str]:
    """A model's heading, docstring and a row per key."""
    out = [f"## {_TABLE_NAMES.get(model.__name__, model.__name__)}", ""]
    doc = inspect.cleandoc(model.__doc__ or "")  # a docstring's later lines lose their indent
    if doc:
        out += [doc, ""]
    out += ["| key | type | default | limits | meaning |", "| --- | --- | --- | --- | --- |"]
    for name, info in model.model_fields.items():
        meaning = _description(info, info.annotation).replace("|", "\\|")
        out.append(
            f"| `{name}` | {_type_name(info.annotation)} | {_default(info, model)} | "
            f"{_limits(info, info.annotation)} | {meaning} |"
        )
    out.append("")
    return out
