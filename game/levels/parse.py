"""Read one level file: bytes -> text -> TOML -> `LevelSpec`, collecting located problems.

Nothing here trusts the file: size is checked before reading it all, any encoding error, TOML
error or schema error becomes a `Problem` with line and column, and no exception escapes.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import tomli
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from game.core.meters import SIDES
from game.files import NotAFile, TooBig, read_bounded
from game.levels import clean_parses
from game.levels.problems import Problem, key_path
from game.levels.spec import MAX_FILE_BYTES, LevelSpec
from game.levels.toml_index import KeyPath, TomlIndex
from game.text import quote

MAX_PROBLEMS = 50  # reported per file; past this, one line says how many more


@dataclass
class ParsedFile:
    """One level file as far as it could be read: its text, its spec and the problems found."""

    path: Path
    name: str  # how problems and sources name the file, e.g. "levels/base.toml"
    raw: bytes = b""
    text: str = ""
    spec: LevelSpec | None = None
    index: TomlIndex | None = None
    problems: list[Problem] = field(default_factory=list)
    # What its clean parse is kept under (game.levels.clean_parses); None for a file with problems.
    key: clean_parses.Key | None = None

    @property
    def loaded_spec(self) -> LevelSpec:
        """The spec of a file that was read; merging and compiling only ever see such files."""
        if self.spec is None:
            raise ValueError(f"{self.name} could not be read, so it has no level to merge or compile")
        return self.spec

    def problem(
        self,
        loc: Iterable[str | int],
        message: str,
        severity: str = "error",
        column_offset: int | None = None,
        record: bool = True,
    ) -> Problem:
        """A problem at key path `loc` (at `column_offset` inside its value, when given), recorded
        on this file unless `record` is False: one that belongs to another file's loading (this
        file is fine on its own)."""
        if self.index is None:
            line, col = 1, 1
        elif column_offset is not None:
            line, col = self.index.locate_value(loc, column_offset)
        else:
            line, col = self.index.locate(loc)
        p = Problem(self.name, line, col, severity, key_path(loc), message)
        if record:
            self.problems.append(p)
        return p

    def line_of(self, loc: Iterable[str | int]) -> int:
        """The line `loc` (or its closest ancestor) is written on; 1 in a file not read as TOML."""
        return self.index.locate(loc)[0] if self.index else 1

    def source(self, loc: Iterable[str | int]) -> str:
        """Where `loc` is written, as a change's cause names it: "levels/base.toml:41"."""
        return f"{self.name}:{self.line_of(loc)}"


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_level_file(path: Path, name: str | None = None, data: bytes | None = None) -> ParsedFile:
    """Read and check one file (or `data`, its bytes, when given); never raises for a bad file."""
    pf = ParsedFile(Path(path), name or str(path))
    too_big = f"the file is larger than {MAX_FILE_BYTES / 1e6:g} MB; a level must be smaller"
    try:
        # Only a regular file, opened without blocking: a named pipe called `x.toml` would
        # otherwise hang every command and the window's level list.
        if data is None:
            data = read_bounded(path, MAX_FILE_BYTES)
    except TooBig:
        pf.problems.append(Problem(pf.name, 1, 1, "error", "", too_big))
        return pf
    except NotAFile:
        pf.problems.append(
            Problem(pf.name, 1, 1, "error", "", "cannot read the file: it is a folder, a pipe or a device")
        )
        return pf
    except OSError as e:
        pf.problems.append(Problem(pf.name, 1, 1, "error", "", f"cannot read the file: {e.strerror or e}"))
        return pf
    if len(data) > MAX_FILE_BYTES:
        pf.problems.append(Problem(pf.name, 1, 1, "error", "", too_big))
        return pf
    key = clean_parses.key_of(str(pf.path), pf.name, data)
    kept = clean_parses.recall(key)
    if kept is not None:
        # The spec and index are only ever read after parsing, so the copies may share them.
        pf.raw, pf.text, pf.spec, pf.index = kept
        pf.key = key
        return pf
    _parse(pf, data)
    if pf.spec is not None and not pf.problems and key is not None:
        clean_parses.keep(key, (pf.raw, pf.text, pf.spec, pf.index))
        pf.key = key
    return pf


def _parse(pf: ParsedFile, data: bytes) -> ParsedFile:
    raw = read_toml(pf, data)
    if raw is None:
        return pf
    if "id" not in raw and {"language", "text"} <= raw.keys():
        # A level's text in another language under a name the game does not read as one
        # (`new-text --out zh.toml`): say so, rather than list its keys as unknown to a level.
        pf.problem(
            ("language",),
            "this is a level's text in another language, not a level: name it LEVEL.LANG.toml "
            "(such as my_level.ru.toml) beside the level it translates, and validate the level",
        )
        return pf
    validate_into(pf, LevelSpec, raw)
    return pf


def read_toml(pf: ParsedFile, data: bytes) -> dict[str, typing.Any] | None:
    """`data` decoded as UTF-8 and read as TOML, with `pf.text` and `pf.index` set; None (and a
    located problem on `pf`) for bytes that are not UTF-8 or text that is not TOML."""
    pf.raw = data
    try:
        pf.text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        # e.start counts from what the codec decoded, e.object: the bytes after a byte order mark.
        body = bytes(e.object)
        good = body[: e.start].decode("utf-8", errors="replace")
        line, col = _line_col(good, len(good))
        pf.problems.append(
            Problem(
                pf.name,
                line,
                col,
                "error",
                "",
                f"the file is not UTF-8 text (byte 0x{body[e.start]:02x}); save it as UTF-8",
            )
        )
        return None
    try:
        raw = tomli.loads(pf.text)
    except tomli.TOMLDecodeError as e:
        line = getattr(e, "lineno", None) or 1
        col = getattr(e, "colno", None) or 1
        msg = getattr(e, "msg", None) or str(e).split(" (at ")[0]
        line, col, msg = _explain_syntax(pf.text, line, col, msg)
        pf.problems.append(Problem(pf.name, line, col, "error", "", f"TOML syntax: {msg}"))
        return None
    except RecursionError:
        line, col = _deep_nesting_at(pf.text)
        pf.problems.append(
            Problem(pf.name, line, col, "error", "", "the file nests arrays or tables too deeply")
        )
        return None
    except (ValueError, OverflowError):
        # tomli lets Python's own limits through, such as an integer of thousands of digits.
        match = re.search(r"[0-9][0-9_]{299,}", pf.text)  # digits may be grouped by underscores
        line, col = _line_col(pf.text, match.start()) if match else (1, 1)
        pf.problems.append(
            Problem(pf.name, line, col, "error", "", "a number here is far too long to be a level's number")
        )
        return None
    pf.index = TomlIndex(pf.text)
    return raw


M = typing.TypeVar("M", bound=BaseModel)


def validate_into(pf: ParsedFile, model: type[M], raw: dict[str, typing.Any]) -> M | None:
    """`raw` checked against `model` (a level's `LevelSpec` is also kept as `pf.spec`); None, with
    every problem located on `pf`, when it does not fit."""
    try:
        spec = model.model_validate(raw)
        if isinstance(spec, LevelSpec):
            pf.spec = spec
        return spec
    except ValidationError as e:
        errors = e.errors(include_url=False)
        for err in errors[:MAX_PROBLEMS]:
            loc = tuple(err["loc"])
            # A wrong key is told at the key ("flags.SpurX"), not at pydantic's "[key]" under it.
            pf.problem(loc[:-1] if loc and loc[-1] == "[key]" else loc, _message(err, loc, model))
        if len(errors) > MAX_PROBLEMS:
            # A file with thousands of wrong keys gets the first ones, not a minute of messages.
            pf.problems.append(
                Problem(
                    pf.name,
                    pf.problems[-1].line,
                    1,
                    "error",
                    "",
                    f"...and {len(errors) - MAX_PROBLEMS} more problems like these",
                )
            )
    except RecursionError:
        line, col = _deep_nesting_at(pf.text)
        pf.problems.append(
            Problem(pf.name, line, col, "error", "", "the file nests arrays or tables too deeply")
        )
    return None


def _explain_syntax(text: str, line: int, col: int, msg: str) -> tuple[int, int, str]:
    """Put two of tomli's terse messages in a modder's words, pointing at the real culprit."""
    source_line = text.split("\n")[line - 1] if 0 < line <= text.count("\n") + 1 else ""
    if msg == "Illegal character '\\n'" or msg.startswith("Unterminated string"):
        for quote in ('"', "'"):
            start = source_line.find(quote)
            if start >= 0 and source_line.count(quote) % 2 == 1:
                return (
                    line,
                    start + 1,
                    (
                        f"this string is not closed; end it with '{quote}' on the same line "
                        f"(or use {quote * 3} for text over several lines)"
                    ),
                )
    lines = text.split("\n")
    if msg == "Invalid value":
        key = source_line.split("=", 1)[0].strip()
        if key in ("requires", "when", "until"):
            return line, col, f'Invalid value: a condition is text, in quotes: {key} = "..."'
        return line, col, "Invalid value: text goes in quotes (numbers, true and false do not)"
    if msg == "Cannot overwrite a value":
        key = source_line.split("=", 1)[0].strip()
        # The first time within the same table: from the line above up to the table's header (a
        # key of the same name in another card is no clash).
        first = None
        for i in range(line - 2, -1, -1):
            row = lines[i].strip()
            if row.startswith("["):
                break
            if key and row.split("=", 1)[0].strip() == key:
                first = i + 1
        if key and first:
            return line, 1, f"'{key}' is given twice in the same table (first at line {first})"
        array = re.match(r"^\s*\[\[([^\[\]]+)\]\]", source_line)
        if array:
            said = _array_clash(lines[: line - 1], _dotted(array.group(1)))
            if said:
                return line, 1, said
    declared = re.fullmatch(r"Cannot declare \((.*)\) twice", msg)
    if declared:
        name = ".".join(part.strip().strip("'\"") for part in declared.group(1).split(",") if part.strip())
        header = re.compile(rf"^\s*\[\s*{re.escape(name)}\s*\]")
        first = next((i + 1 for i, row in enumerate(lines[: line - 1]) if header.match(row)), None)
        where = f" (first at line {first})" if first else ""
        return line, 1, f"the table [{name}] is written twice{where}; put its keys under one header"
    return line, col, msg


def _dotted(name: str) -> str:
    """A header's name as one spelling: `[[ event . "delayed" ]]` is event.delayed."""
    return ".".join(part.strip().strip("'\"") for part in name.split("."))


def _array_clash(above: list[str], name: str) -> str | None:
    """Why `[[name]]` cannot add to a list of tables, in a modder's words: what in the lines
    `above` it already made `name` something else (tomli says only "Cannot overwrite a value")."""
    headers: list[tuple[int, str, bool]] = []  # (line, name, is a list of tables)
    for i, row in enumerate(above):
        m = re.match(r"^\s*(\[\[?)([^\[\]]+)\]", row)
        if m:
            other, listed = _dotted(m.group(2)), m.group(1) == "[["
            if listed and name.startswith(other + "."):
                headers = []  # a new card begins: what the one before held is no clash
            headers.append((i + 1, other, listed))
    for at, other, listed in headers:
        if other == name and not listed:
            return (
                f"[{name}] at line {at} made '{name}' one table; a list of tables is written "
                f"[[{name}]] every time"
            )
    if not any(other == name and listed for _, other, _ in headers):
        for at, other, listed in headers:
            if other.startswith(name + "."):
                written = f"[[{other}]]" if listed else f"[{other}]"
                return (
                    f"{written} at line {at} comes before any [[{name}]]; write the [[{name}]] "
                    f"it belongs under first"
                )
    # A key of the same name in the table this list would belong to.
    key = name.rsplit(".", 1)[-1]
    for i in range(len(above) - 1, -1, -1):
        row = above[i].strip()
        if row.startswith("["):
            break
        if row.split("=", 1)[0].strip().strip("'\"") == key:
            return (
                f"'{key}' is already given at line {i + 1} as a value; a list of [[{name}]] "
                f"tables cannot have the same name"
            )
    return None


def _deep_nesting_at(text: str, limit: int = 100) -> tuple[int, int]:
    """Where the run of brackets that nests too deeply begins."""
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in "[{":
            if depth == 0:
                start = i
            depth += 1
            if depth > limit:
                return _line_col(text, start)
        elif ch in "]}":
            depth = max(0, depth - 1)
    # Dotted keys nest too: `a.a.a. ... = 1` makes a table for every dot.
    for lineno, line in enumerate(text.split("\n"), start=1):
        key = line.split("=", 1)[0]
        if key.count(".") >= limit:
            return lineno, len(line) - len(line.lstrip()) + 1
    return 1, 1


def _fields_at(loc: KeyPath, root: type[BaseModel] = LevelSpec) -> list[str]:
    """The keys the schema allows at the table holding `loc[-1]` (for "did you mean")."""
    model: typing.Any = root
    keyed = False  # the part after a table of tables by key (a level text's entries) is a key
    for part in loc[:-1]:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return []
        annotation = model.model_fields[part].annotation
        keyed = typing.get_origin(annotation) is dict
        model = _model_of(annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _model_of(annotation: object) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as `list[ActionSpec] | None`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        inner = _model_of(arg)
        if inner is not None:
            return inner
    return None


_TYPE_WORDS = {
    "dict": "table",
    "list": "array",
    "str": "text",
    "int": "whole number",
    "float": "number",
    "bool": "true or false",
}


# What an action calls what an event calls otherwise, both ways: (table, the other's key) -> its own.
_KIN = (("requires", "when"), ("name", "title"), ("description", "text"))
_KIN_KEYS = {("action", theirs): ours for ours, theirs in _KIN} | {
    ("event", ours): theirs for ours, theirs in _KIN
}
_OTHER_TABLE = {"action": "event", "event": "action"}


def _type_word(value: object) -> str:
    return _TYPE_WORDS.get(type(value).__name__, type(value).__name__)


def _message(err: ErrorDetails, loc: KeyPath, root: type[BaseModel] = LevelSpec) -> str:
    kind = err["type"]
    value = err.get("input")
    key = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        fields = _fields_at(loc, root)
        close = difflib.get_close_matches(str(key)[:100], fields, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        table = str(loc[0]) if len(loc) == 3 and isinstance(loc[1], int) else ""
        kin = _KIN_KEYS.get((table, str(key)))
        if kin is not None and kin in fields:
            # An event's key on a card, or a card's on an event: the two tables name alike
            # things differently, which no spelling suggestion finds.
            hint = f" ({table}s use {quote(kin)} where {_OTHER_TABLE[table]}s use {quote(key)})"
        if not close and len(loc) > 1 and key in root.model_fields:
            hint = (
                f" here; '{key}' belongs at the top of the file: keys after a [table] header "
                "belong to that table, so move it above the first header"
            )
        return f"unknown key {quote(key)}{hint}"
    if kind == "missing":
        return f"missing key {quote(key)}"
    msg = err["msg"]
    if kind == "value_error":  # our own validators' words, without pydantic's prefix
        return msg.removeprefix("Value error, ")
    if kind == "finite_number":
        return "should be a number, not nan or inf"
    msg = msg.split(", unable to parse")[0]
    if kind == "string_too_long" and isinstance(value, str):
        msg += f" (this one has {len(value)})"
    if kind == "literal_error" and isinstance(value, (str, int, float)) and len(repr(value)) < 40:
        msg += f", not {value!r}"
    msg = msg.replace("Input should be", "should be").replace("Value should be", "should be")
    msg = msg.replace("a valid dictionary or instance of", "a table of").replace(
        "a valid dictionary", "a table"
    )
    msg = msg.replace("a valid list", "an array").replace("a valid string", "text").replace("String", "text")
    msg = msg.replace("Dictionary", "table").replace("List", "array").replace("dictionary", "table")
    msg = msg.replace("a valid number", "a number").replace("a valid integer", "a whole number")
    msg = msg.replace("a valid boolean", "true or false")
    if kind in ("float_type", "float_parsing") and isinstance(value, dict) and "effects" in loc:
        return (
            f"should be a number, not a table: a meter name with a dot must be quoted, "
            f'e.g. "{key}.{next(iter(value), "economy")}" = 1'
        )
    if kind.endswith("_type") or kind in (
        "model_type",
        "int_from_float",
        "bool_parsing",
        "float_parsing",
        "int_parsing",
    ):
        shown = (
            repr(value)
            if isinstance(value, (int, float, bool, str)) and len(repr(value)) < 40
            else _type_word(value)
        )
        msg += f", not {shown}"
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than") and isinstance(
        value, (int, float)
    ):
        msg += f", not {value!r}"  # the number given, beside the bound it broke
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "[key]" and loc[0] != "text":
        # A key that names something (a flag in [flags]) is an id like any other.
        msg = "should be lower-case letters, digits and '_', starting with a letter (at most 48 characters)"
        if isinstance(value, str):
            msg += f", not {quote(value)}"
    elif kind == "string_pattern_mismatch" and loc and loc[-1] == "[key]":
        msg = (
            "should say where the English is, such as 'title' or 'action.ID.name': lower-case "
            "letters, digits, '_' and '.'"
        )
        if isinstance(value, str):
            msg += f", not {quote(value)}"
    elif kind == "string_pattern_mismatch" and len(loc) == 3 and loc[0] == "deal" and loc[2] in SIDES:
        msg = (
            "should say what the side does: 'play:CARD', 'some:TAG', 'no:TAG' or 'stay_out:STATE', "
            "each in lower-case letters, digits and '_'"
        )
        if isinstance(value, str):
            msg += f", not {quote(value)}"
    elif kind == "string_pattern_mismatch":
        msg = "should be lower-case letters, digits and '_', starting with a letter (at most 48 characters)"
        if isinstance(value, str):
            msg += f", not {quote(value)}"
    return msg
