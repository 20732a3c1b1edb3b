"""The AI's reasons as files keep them: a `Said` or `Lines` (game.core.words) written beside its
English as its frames and values, so that a game loaded from a file, or a class's exported log,
says the AI's past reasons in the player's language (game.speech.reasons.say) as the session that
played them did.

A reason is a tree of nodes, each tagged by its `shape`: a sentence (`said`: its frame, its
plural for a counted frame, its values by placeholder), sentences said one after the other
(`lines`: the parts and what joins them), or a summit's term (`term`: its parts). A value is a
number, a text (a side's, a limit's or a meter's key, a name the level wrote) or one of those
nodes. A sentence's English is written only where its frame filled with its values does not give
it (a side's key said as its name, a term in words); the whole reason's English is the `why` the
log keeps beside it, as it always was.

A file is untrusted: a reason is read back only when every frame in it is one this game's engine
and agents make (`engine_frames`) with plain named placeholders, every placeholder has its value,
and the tree is small (MAX_DEPTH, MAX_NODES). Anything else (a frame a later version of the game
made, a hand-edited file) loses only the frames: the reason is shown in English, as a log without
them always was.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator, Mapping
from functools import cache
from string import Formatter
from types import CodeType, FunctionType, ModuleType
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StrictFloat,
    StrictInt,
    TypeAdapter,
    ValidationError,
    model_serializer,
    model_validator,
)

from game.core.summit import Term
from game.core.words import Lines, Said
from game.session.term_parts import TermPartsSpec
from game.session.text_fields import Plain

MAX_TEXT = 2000  # characters of a sentence's English or of a text value (game.session.replay's MAX_AI_REASON)
MAX_FRAME = 500  # characters of a frame (the engine's longest is under 200)
MAX_DEPTH = 6  # sentences within sentences (the AI's deepest reason: 4)
MAX_NODES = 300  # sentences, lines, terms and values in one reason (the hard AI's longest: about 90)
MAX_VALUES = 12
MAX_PARTS = 40
MAX_NUMBER = 1e9

# A frame's placeholder: a plain name, with at most a number's format ('+.1f', '.0f').
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")
_SPEC = re.compile(r"\+?(?:\.\d)?[dfg]?")

Name = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")]
Number = Annotated[StrictInt | StrictFloat, Field(ge=-MAX_NUMBER, le=MAX_NUMBER, allow_inf_nan=False)]
Text = Annotated[Plain, Field(max_length=MAX_TEXT)]


class SaidNodeSpec(BaseModel):
    """A sentence: the frame it was made from (one the engine or an agent makes), the frame's
    plural when it was counted (its count is the value `n`), its values by placeholder, and its
    English when the frame filled with the values does not give it."""

    model_config = ConfigDict(extra="forbid")
    shape: Literal["said"]
    frame: Annotated[Plain, Field(max_length=MAX_FRAME)]
    plural: Annotated[Plain, Field(max_length=MAX_FRAME)] = ""
    values: dict[Name, Value] = Field(default_factory=dict, max_length=MAX_VALUES)
    text: Text | None = None

    @model_serializer(mode="wrap")
    def _written_short(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # (a reason is written beside every plan an agent made: what is left out is its default)
        data: dict[str, Any] = handler(self)
        for key, default in (("plural", ""), ("values", {}), ("text", None)):
            if data.get(key, default) == default:
                data.pop(key, None)
        return data

    @model_validator(mode="after")
    def _a_frame_of_this_game_filled(self) -> SaidNodeSpec:
        known = engine_frames()
        for frame in (self.frame, self.plural) if self.plural else (self.frame,):
            if frame not in known:
                raise ValueError("a sentence's frame is not one this game makes")
            missing = sorted(set(placeholders(frame)) - set(self.values))
            if missing:
                raise ValueError(f"a sentence's frame has no value for {{{missing[0]}}}")
            # A number's format given a text, or the like (the placeholders are plain names, checked
            # above, so formatting reads nothing but the values given).
            try:
                frame.format(**{k: v if isinstance(v, (int, float)) else "" for k, v in self.values.items()})
            except (ValueError, TypeError) as e:
                raise ValueError("a sentence's values do not fill its frame") from e
        return self


class LinesNodeSpec(BaseModel):
    """Sentences said one after the other, joined by `sep`: each a sentence, more lines, or a
    plain text."""

    model_config = ConfigDict(extra="forbid")
    shape: Literal["lines"]
    sep: Annotated[Plain, Field(max_length=10)] = "\n"
    parts: list[Part] = Field(default_factory=list, max_length=MAX_PARTS)


class TermNodeSpec(TermPartsSpec):
    """A summit's term, a value of a sentence ('It kept its word: “{term}”')."""

    shape: Literal["term"]


Node = Annotated[SaidNodeSpec | LinesNodeSpec | TermNodeSpec, Field(discriminator="shape")]
Value = Number | Text | Node
Part = Text | Annotated[SaidNodeSpec | LinesNodeSpec, Field(discriminator="shape")]
SaidSpec = Annotated[SaidNodeSpec | LinesNodeSpec, Field(discriminator="shape")]
"""An AI's reason as a file keeps it: a sentence or lines (their English is the `why` beside it)."""

SaidNodeSpec.model_rebuild()
LinesNodeSpec.model_rebuild()
_REASON: TypeAdapter[SaidNodeSpec | LinesNodeSpec] = TypeAdapter(SaidSpec)


class _Unsaid(Exception):
    """A reason that cannot be written with its frames, or read back from them."""


def placeholders(frame: str) -> list[str]:
    """The names of `frame`'s placeholders; raises ValueError for one that is not a plain name
    with at most a number's format (an attribute, an index, a conversion, a nested field)."""
    names = []
    for _literal, name, spec, conversion in Formatter().parse(frame):
        if name is None:
            continue
        if not _NAME.fullmatch(name) or conversion is not None or not _SPEC.fullmatch(spec or ""):
            raise ValueError("a sentence's frame has a placeholder that is not a plain name")
        names.append(name)
    return names


@cache
def engine_frames() -> frozenset[str]:
    """Every text the code of the engine (game.core) and of the agents (game.ai) holds: its
    constants and the literals of its functions. Every frame of an engine's or an agent's sentence
    is one of them (a frame is a literal marked with N_ or n_), so a frame that is none of them
    was not made by this game. Read from the loaded modules, never from their source files (a
    built game has none)."""
    import game.ai
    import game.core

    texts: set[str] = set()
    for package in (game.core, game.ai):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            texts.update(_texts_of(importlib.import_module(info.name)))
    return frozenset(texts)


def _texts_of(module: ModuleType) -> Iterator[str]:
    own = module.__name__
    stack: list[object] = list(vars(module).values())
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, str):
            yield str(item)
            if isinstance(item, Said):
                stack += [item.frame, item.plural, *item.values.values()]
            elif isinstance(item, Lines):
                stack += item.parts
        elif isinstance(item, (tuple, list, set, frozenset)):
            stack += item
        elif isinstance(item, Mapping):
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, CodeType):
            stack += item.co_consts
        elif isinstance(item, FunctionType) and item.__module__ == own:
            stack.append(item.__code__)
        elif isinstance(item, (staticmethod, classmethod)):
            stack.append(item.__func__)
        elif isinstance(item, property):
            stack += [item.fget, item.fset]
        elif isinstance(item, type) and item.__module__ == own:
            stack += list(vars(item).values())


def reason_spec(why: str) -> dict[str, Any] | None:
    """The JSON form of an AI's reason `why` (a `Said` or `Lines`) to keep beside its English;
    None for a plain string, or for one this game could not read back (a frame of an agent loaded
    from a file, a reason too large)."""
    if not isinstance(why, (Said, Lines)):
        return None
    try:
        raw = _node(why, top=True)
        assert isinstance(raw, dict)
        spec = _valid(raw)
        said_again(str(why), spec, strict=True)
    except (_Unsaid, ValidationError, ValueError, TypeError, KeyError, IndexError):
        return None
    return raw


def read_reason(raw: object) -> SaidNodeSpec | LinesNodeSpec | None:
    """A reason read from a file, or None when it is not one this game reads (see the module's
    docstring): never an error, so a damaged reason costs only its frames."""
    try:
        return _valid(raw)
    except (_Unsaid, ValidationError, ValueError, RecursionError):
        return None


def said_again(english: str, spec: SaidNodeSpec | LinesNodeSpec | None, strict: bool = False) -> str:
    """The reason `english` rebuilt from its frames (`spec`), a `Said` or `Lines` that
    game.speech.reasons.say can say in the player's language; `english` itself when there is no
    spec, or when the spec does not give this English (a hand-edited file)."""
    if spec is None:
        return english
    try:
        rebuilt = _rebuilt(spec, english)
        if str(rebuilt) != english:
            raise _Unsaid("the frames do not give the English beside them")
    except (_Unsaid, ValueError, TypeError, KeyError, IndexError):
        if strict:
            raise
        return english
    assert isinstance(rebuilt, str)
    return rebuilt


def _valid(raw: object) -> SaidNodeSpec | LinesNodeSpec:
    _within_bounds(raw)
    return _REASON.validate_python(raw)


def _within_bounds(raw: object) -> None:
    # Measured before the model reads it, without recursion: a tree nested thousands deep is
    # refused here, not by a recursion error in the middle of validating it.
    stack: list[tuple[object, int]] = [(raw, 1)]
    nodes = 0
    while stack:
        item, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise _Unsaid(f"a reason holds more than {MAX_NODES} parts")
        if isinstance(item, dict):
            if depth > MAX_DEPTH:
                raise _Unsaid(f"a reason is nested more than {MAX_DEPTH} deep")
            inner = [*(item.get("values") or {}).values()] if isinstance(item.get("values"), dict) else []
            if isinstance(item.get("parts"), list):
                inner += item["parts"]
            stack += [(x, depth + 1) for x in inner]
        elif isinstance(item, list):
            stack += [(x, depth + 1) for x in item]


def _node(value: object, top: bool = False) -> object:
    if isinstance(value, Lines):
        return {"shape": "lines", "sep": value.sep, "parts": [_node(p) for p in value.parts]}
    if isinstance(value, Said):
        node: dict[str, object] = {"shape": "said", "frame": value.frame}
        if value.plural:
            node["plural"] = value.plural
        values = {name: _node(v) for name, v in value.values.items()}
        if values:
            node["values"] = values
        if not top:
            try:
                derived = _filled(value.frame, value.plural, dict(value.values))
            except (_Unsaid, ValueError, TypeError, KeyError, IndexError):
                derived = None
            if derived != str(value):
                node["text"] = str(value)
        return node
    if isinstance(value, Term):
        return {"shape": "term", **TermPartsSpec.parts_of(value)}
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _Unsaid(f"a value this file cannot keep: {type(value).__name__}")
    return str(value) if isinstance(value, str) else value


def _filled(frame: str, plural: str, values: dict[str, object]) -> str:
    """A sentence's English: its frame (or, counted, the form for its count) filled with its
    values as they read in English."""
    form = frame if not plural or values.get("n") == 1 else plural
    placeholders(form)  # plain names only, before anything is formatted
    if any(isinstance(v, Term) for v in values.values()):
        raise _Unsaid("a term reads in English only with its level")
    return form.format(**{k: str(v) if isinstance(v, (Said, Lines)) else v for k, v in values.items()})


def _rebuilt(spec: object, english: str | None = None) -> object:
    if isinstance(spec, LinesNodeSpec):
        return Lines([p if isinstance(p, str) else _sentence(p) for p in spec.parts], spec.sep)
    if isinstance(spec, SaidNodeSpec):
        values = {name: _rebuilt(v) for name, v in spec.values.items()}
        if english is None:
            english = spec.text if spec.text is not None else _filled(spec.frame, spec.plural, values)
        return Said(english, spec.frame, values, spec.plural)
    if isinstance(spec, TermNodeSpec):
        return spec.term()
    return spec


def _sentence(spec: SaidNodeSpec | LinesNodeSpec) -> str:
    rebuilt = _rebuilt(spec)
    assert isinstance(rebuilt, str)
    return rebuilt
