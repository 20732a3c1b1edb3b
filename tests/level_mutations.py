"""Mutations of level files for the fuzz tests (`test_level_fuzz.py`), at two levels.

- Bytes: truncate the file, insert bytes (NUL, invalid UTF-8, a BOM, TOML punctuation, long runs),
  delete, duplicate, swap or repeat lines, repeat a whole table.
- Tables: parse the file with tomli, delete, rename, retype, swap or replace values at any depth,
  add keys, repeat array items, and write the result back as TOML with `dumps`, a small writer
  (no TOML writer is a dependency).

The bulk edits (repeats, many new keys) write up to MAX_RUN bytes, or with the count FILL as much as
keeps the file just under the loader's 1 MB limit: the largest file it must still answer quickly.

A mutation is plain data (tuples of small numbers and short strings, a long run stored as
("run", unit, count)) so that Hypothesis shrinks it and prints it readably; `apply_*` turns it into
the new file and a list of notes saying, in the file's own key paths, what was changed.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from collections import deque

from hypothesis import strategies as st

# ---- A small TOML writer ---------------------------------------------------------------------


class Raw(str):
    """TOML text written as it is: numbers Python cannot print (10**5000) or will not write."""


_BARE_KEY = re.compile(r"[A-Za-z0-9_\-]+\Z")
_ESCAPES = {
    ord('"'): '\\"',
    ord("\\"): "\\\\",
    ord("\b"): "\\b",
    ord("\t"): "\\t",
    ord("\n"): "\\n",
    ord("\f"): "\\f",
    ord("\r"): "\\r",
    0x7F: "\\u007f",
    **{c: f"\\u{c:04x}" for c in range(0x20) if chr(c) not in "\b\t\n\f\r"},
}


def _string(text: str) -> str:
    return '"' + text.translate(_ESCAPES) + '"'


def _key(key) -> str:
    key = str(key)
    return key if _BARE_KEY.match(key) else _string(key)


def _value(value) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    # Plain loops, not generators: one frame per level keeps deeply nested values writable.
    parts = []
    if isinstance(value, list):
        for v in value:
            parts.append(_value(v))
        return "[" + ", ".join(parts) + "]"
    if isinstance(value, dict):
        for k, v in value.items():
            parts.append(f"{_key(k)} = {_value(v)}")
        return "{" + ", ".join(parts) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_table_array(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _table(out: list[str], path: tuple, table: dict, element: bool = False) -> None:
    inline = [(k, v) for k, v in table.items() if not isinstance(v, dict) and not _is_table_array(v)]
    nested = [(k, v) for k, v in table.items() if isinstance(v, dict) or _is_table_array(v)]
    dotted = ".".join(_key(k) for k in path)
    if element:
        out.append(f"[[{dotted}]]")
    elif path and (inline or not nested):
        out.append(f"[{dotted}]")
    out.extend(f"{_key(k)} = {_value(v)}" for k, v in inline)
    for k, v in nested:
        if isinstance(v, dict):
            _table(out, path + (k,), v)
        else:
            for item in v:
                _table(out, path + (k,), item, element=True)


def dumps(doc: dict) -> str:
    """`doc` as TOML: plain values first, then [tables] and [[arrays of tables]]."""
    out: list[str] = []
    _table(out, (), doc)
    return "\n".join(out) + "\n"


# ---- Bytes --------------------------------------------------------------------------------------

BOM = b"\xef\xbb\xbf"
SPECIAL_BYTES = [
    b"\x00",
    b"\xff",
    b"\xfe",
    b"\xc3",
    b"\x80",
    b"\xed\xa0\x80",
    BOM,
    b"[[",
    b"]]",
    b"[",
    b"]",
    b"{",
    b"}",
    b'"""',
    b"'''",
    b'"',
    b"'",
    b"=",
    b"\n",
    b"\r",
    b"\r\n",
    b"\t",
    b"#",
    b"\\",
    b"\\u",
    b".",
    b",",
    b"\x7f",
    b"\xe2\x80\xa8",
    b"inf",
    b"nan",
    b"-",
    b"1979-05-27T07:32:00Z",
    b"\n[[action]]\n",
    b"\n[[event]]\n",
    b"\n[start]\n",
    b"\n[flags]\n",
    b"\n[rules]\n",
    b'\nid = "x"\n',
    b'\nextends = "base"\n',
    b'\nextends = "testing_event"\n',
    b"\nplayable = true\n",
    b"\nschema_version = 2\n",
    b'\nrequires = "(((("\n',
    b"\na.b.c = 1\n",
]
RUN_UNITS = [
    b"[",
    b"{",
    b"[[",
    b"a.",
    b"9",
    b'"',
    b"\\",
    b"a",
    b"\n",
    b" ",
    b"#",
    b"\xff",
    b"\x00",
    b"x = 1\n",
    b"[a",
    b"{a=",
    b"a=[",
    b"(",
    b"\n[[action]]\n",
    b"[[a]]\n",
    b'[[action]]\nid="a"\n',
    b"\n[[" + b"a." * 900 + b"a]]\n",
    b"\n" + b"a." * 900 + b"a = 1",
]
FILL = 0  # a repeat count meaning: as many as keep the file just under the loader's 1 MB limit
RUN_COUNTS = [100, 300, 1_000, 5_000, 50_000, 600_000, FILL]
REPEATS = [2, 100, 3_000, 30_000, 300_000, FILL]
_offset = st.integers(0, 1 << 24)
payloads = st.one_of(
    st.sampled_from(SPECIAL_BYTES),
    st.binary(min_size=1, max_size=16),
    st.tuples(st.just("run"), st.sampled_from(RUN_UNITS), st.sampled_from(RUN_COUNTS)),
)
byte_edits = st.one_of(
    st.tuples(st.just("truncate"), _offset),
    st.tuples(st.just("insert"), _offset, payloads),
    st.tuples(st.just("delete_line"), _offset),
    st.tuples(st.just("duplicate_line"), _offset),
    st.tuples(st.just("swap_lines"), _offset, _offset),
    # Bulk, one branch for the two (they are the slow examples): lines or a whole table written
    # many times (up to MAX_RUN bytes), as a generator script might.
    st.one_of(
        st.tuples(st.just("repeat_lines"), _offset, st.integers(1, 40), st.sampled_from(REPEATS)),
        st.tuples(st.just("repeat_table"), _offset, st.sampled_from(REPEATS)),
    ),
)


MAX_RUN = 1_200_000  # bytes: past the loader's 1 MB limit, and no more
UNDER_LIMIT = 990_000  # bytes: what FILL aims at


def _count(wanted: int, unit_size: int, room: int) -> int:
    """How many copies of a unit to write: `wanted`, or FILL `room`, never past MAX_RUN."""
    if wanted == FILL:
        return max(1, room // max(unit_size, 1))
    return min(wanted, max(1, MAX_RUN // max(unit_size, 1)))


def _payload(spec, size: int) -> bytes:
    """The bytes to insert into a file of `size` bytes."""
    if isinstance(spec, tuple):
        _, unit, count = spec
        return unit * _count(count, len(unit), UNDER_LIMIT - size)
    return spec


def _line_of(data: bytes, at: int) -> int:
    return data.count(b"\n", 0, at) + 1


def _show(data: bytes) -> str:
    return repr(data[:60]) + (f"... ({len(data)} bytes)" if len(data) > 60 else "")


def apply_byte_edits(data: bytes, edits) -> tuple[bytes, list[str]]:
    """The file after `edits` (from `byte_edits`), and what each did."""
    notes = []
    for edit in edits:
        kind = edit[0]
        lines = data.split(b"\n")
        if kind == "truncate":
            at = edit[1] % (len(data) + 1)
            data = data[:at]
            notes.append(f"truncate at byte {at} (line {_line_of(data, at)})")
        elif kind == "insert":
            at, payload = edit[1] % (len(data) + 1), _payload(edit[2], len(data))
            data = data[:at] + payload + data[at:]
            notes.append(f"insert {_show(payload)} at byte {at} (line {_line_of(data, at)})")
        elif kind == "delete_line":
            i = edit[1] % len(lines)
            notes.append(f"delete line {i + 1}: {_show(lines[i])}")
            del lines[i]
            data = b"\n".join(lines)
        elif kind == "duplicate_line":
            i = edit[1] % len(lines)
            notes.append(f"duplicate line {i + 1}: {_show(lines[i])}")
            lines.insert(i, lines[i])
            data = b"\n".join(lines)
        elif kind == "swap_lines":
            i, j = edit[1] % len(lines), edit[2] % len(lines)
            notes.append(f"swap lines {i + 1} and {j + 1}")
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif kind == "repeat_lines":
            i = edit[1] % len(lines)
            block = b"\n".join(lines[i : i + edit[2]]) + b"\n"
            count = _count(edit[3], len(block), UNDER_LIMIT - len(data))
            notes.append(f"repeat lines {i + 1}-{min(i + edit[2], len(lines))} {count} times: {_show(block)}")
            data = b"\n".join(lines[:i]) + (b"\n" if i else b"") + block * count + b"\n".join(lines[i:])
        elif kind == "repeat_table":
            # A whole [table] or [[array-of-tables]] block, header to next header, many times.
            heads = [i for i, line in enumerate(lines) if line.lstrip().startswith(b"[")]
            if heads:
                i = heads[edit[1] % len(heads)]
                end = next((h for h in heads if h > i), len(lines))
                block = b"\n".join(lines[i:end]) + b"\n"
                count = _count(edit[2], len(block), UNDER_LIMIT - len(data))
                notes.append(
                    f"repeat the table at line {i + 1} ({_show(lines[i])}, {end - i} lines) {count} times"
                )
                data = b"\n".join(lines[:end]) + b"\n" + block * count + b"\n".join(lines[end:])
    return data, notes


# ---- Tables -------------------------------------------------------------------------------------


def nest(shape: str, depth: int):
    """A value nested `depth` deep: [[[1]]], {a = {a = 1}} or the two in turn."""
    value: object = 1
    for i in range(depth):
        value = [value] if shape == "array" or (shape == "mixed" and i % 2) else {"a": value}
    return value


SPECIAL_VALUES = st.one_of(
    st.sampled_from(
        [
            2**63 - 1,
            2**63,
            -(2**63) - 1,
            2**64,
            10**30,
            -1,
            0,
            -0.0,
            0.5,
            1e308,
            -1e308,
            5e-324,
            float("nan"),
            float("inf"),
            float("-inf"),
            True,
            False,
            "",
            " ",
            "x" * 6_001,
            "x" * 121,
            "a" * 48,
            "a" * 49,
            "é" * 100,
            "\x00",
            "\u202e",
            "a\nb",
            '"""',
            "[[",
            "moscow",
            "beijing",
            "partnership",
            "moscow.standing",
            "central_asia.beijing",
            "base",
            "testing_event",
            dt.date(2022, 2, 24),
            dt.datetime(2022, 2, 24, 5, 0, tzinfo=dt.timezone.utc),
            dt.datetime(2022, 2, 24, 5, 0),
            dt.time(5, 0),
            [],
            {},
            [1, "a"],
            [[]],
            [{}],
            {"": 1},
            Raw("9" * 4_301),
            Raw("-" + "9" * 5_000),
            Raw("0x" + "f" * 4_000),
            Raw("1e400"),
            Raw("-1e400"),
            Raw("+inf"),
            Raw("-nan"),
            Raw("0o777"),
            Raw("0b1"),
            "x" * 1_000_001,
        ]
    ).map(copy.deepcopy),  # a fresh [] or {} each time: a later edit may add to it
    st.integers(),
    st.floats(),
    st.text(max_size=40),
    st.builds(nest, st.sampled_from(["array", "table", "mixed"]), st.integers(1, 250)),
    st.lists(st.one_of(st.integers(), st.text(max_size=5)), max_size=5),
    st.dictionaries(st.text(max_size=8), st.integers(), max_size=4),
)
CONDITIONS = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "true",
            "false",
            "turn",
            "partnership",
            "partnership > 1e999",
            "partnership >= 9" * 40,
            "9" * 400,
            "a." * 200 + "b",
            "not " * 30 + "true",
            "- " * 30 + "1 > 0",
            "turn / 0 > 1",
            "war and",
            "(war",
            "war)",
            "x = 1",
            "__import__('os')",
            "partnership.__class__",
            "moscow.standing < -1",
            "turn > 1000",
            "partnership > 1 or " * 30 + "true",
            "é > 1",
            "\x00",
            "partnership\n> 1",
            "x" * 501,
        ]
    ),
    st.builds(lambda n: "(" * n + "true" + ")" * n, st.integers(0, 300)),
    st.text(alphabet="()<>=!+-*/ .0123456789abcdeilnortuw_", max_size=80),
    st.text(max_size=40),
)
IDS = st.one_of(
    st.sampled_from(["", "base", "testing_event", "Base", "a" * 48, "a" * 49, "1abc", "a-b", "é", "x"]),
    st.text(max_size=20),
)
KNOWN_KEYS = [
    "id",
    "extends",
    "playable",
    "essay_era",
    "schema_version",
    "title",
    "turns",
    "seed",
    "start",
    "action",
    "event",
    "outcome",
    "agenda",
    "flags",
    "rules",
    "drop_actions",
    "drop_events",
    "effects",
    "requires",
    "when",
    "goal",
    "moscow",
    "beijing",
    "partnership",
    "delayed",
    "after",
    "cost",
    "side",
    "weight",
    "early",
    "influence",
    "washington",
]
KEYS = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=20))
RETYPES = [
    "text",
    "int",
    "float",
    "bool",
    "array",
    "table",
    "empty_array",
    "empty_table",
    "date",
    "datetime",
    "time",
]
TYPOS = ["drop", "swap", "add", "upper", "space", "random"]

_pick = st.integers(0, 1 << 16)
table_edits = st.one_of(
    st.tuples(st.just("delete"), _pick),
    st.tuples(st.just("rename"), _pick, st.sampled_from(TYPOS), _pick, st.text(max_size=12)),
    st.tuples(st.just("retype"), _pick, st.sampled_from(RETYPES)),
    st.tuples(st.just("swap"), _pick, _pick),
    st.tuples(st.just("set"), st.sampled_from(["any", "number", "text"]), _pick, SPECIAL_VALUES),
    st.tuples(st.just("set"), st.just("condition"), _pick, CONDITIONS),
    st.tuples(st.just("set"), st.just("id"), _pick, IDS),
    st.tuples(st.just("add"), _pick, KEYS, SPECIAL_VALUES),
    st.tuples(st.just("duplicate_item"), _pick),
    # Bulk, one branch for the two (they are the slow examples): an array item copied many times,
    # a table given many more keys (up to about MAX_RUN bytes).
    st.one_of(
        st.tuples(st.just("repeat_item"), _pick, st.sampled_from(REPEATS)),
        st.tuples(
            st.just("grow"), _pick, st.sampled_from(REPEATS), st.sampled_from(["k", "a" * 40, "moscow"])
        ),
    ),
)


def _entries(doc: dict) -> list[tuple[object, object, tuple]]:
    """(container, key, key path) of every value in the document, breadth first."""
    out, queue = [], deque([((), doc)])
    while queue:
        path, node = queue.popleft()
        for key, value in node.items() if isinstance(node, dict) else enumerate(node):
            out.append((node, key, path + (key,)))
            if isinstance(value, (dict, list)):
                queue.append((path + (key,), value))
    return out


_KINDS = {
    "any": lambda c, k: True,
    "key": lambda c, k: isinstance(c, dict),
    "item": lambda c, k: isinstance(c, list),
    "table": lambda c, k: isinstance(c[k], dict),
    "number": lambda c, k: isinstance(c[k], (int, float)) and not isinstance(c[k], bool),
    "text": lambda c, k: isinstance(c[k], str),
    "condition": lambda c, k: k in ("requires", "when"),
    "id": lambda c, k: k in ("id", "extends") or (isinstance(c, list) and isinstance(c[k], str)),
}


def _pick_entry(doc: dict, index, kind: str = "any"):
    """The entry of that kind at `index` (modulo their number), or the one at a key path such as
    "flags" when `index` is text (for explicit examples)."""
    entries = [e for e in _entries(doc) if _KINDS[kind](e[0], e[1])]
    if isinstance(index, str):
        return next((e for e in entries if _where(e[2]) == index), None)
    return entries[index % len(entries)] if entries else None


def _where(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out or "(top)"


def _brief(value) -> str:
    text = repr(value) if not isinstance(value, Raw) else str(value)
    return text if len(text) <= 60 else text[:57] + f"... ({len(text)} characters)"


def typo(key: str, how: str, pos: int, text: str) -> str:
    n = len(key)
    if how == "drop" and n:
        i = pos % n
        return key[:i] + key[i + 1 :]
    if how == "swap" and n > 1:
        i = pos % (n - 1)
        return key[:i] + key[i + 1] + key[i] + key[i + 2 :]
    if how == "add":
        i = pos % (n + 1)
        return key[:i] + (text[:1] or "x") + key[i:]
    if how == "upper":
        return key.upper()
    if how == "space":
        return key + " "
    return text


def retype(value, kind: str):
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "text":
        return str(value) if not isinstance(value, (dict, list)) else "table"
    if kind == "int":
        return (
            int(value)
            if number and math.isfinite(value)
            else (len(value) if hasattr(value, "__len__") else 1)
        )
    if kind == "float":
        return float(value) if number else 0.5
    if kind == "bool":
        return bool(value)
    if kind == "array":
        return [value]
    if kind == "table":
        return {str(i): v for i, v in enumerate(value)} if isinstance(value, list) else {"value": value}
    return {
        "empty_array": [],
        "empty_table": {},
        "date": dt.date(2022, 2, 24),
        "datetime": dt.datetime(2022, 2, 24, 5, 0, tzinfo=dt.timezone.utc),
        "time": dt.time(5, 0),
    }[kind]


def _rename(container: dict, old, new) -> None:
    items = [(new if k == old else k, v) for k, v in container.items()]
    container.clear()
    container.update(items)


def _copy(value):
    # Copies, not one shared object: an edit inside one copy must not change them all (and
    # multiply the written size).
    try:
        return copy.deepcopy(value)
    except RecursionError:
        return value


def _bulk_count(doc: dict, wanted: int, unit_size: int) -> int:
    """Copies of a unit that keep the written file under MAX_RUN, or FILL it to UNDER_LIMIT."""
    size = len(dumps(doc))
    room = (UNDER_LIMIT if wanted == FILL else MAX_RUN) - size
    count = room // max(unit_size, 1) if wanted == FILL else min(wanted, room // max(unit_size, 1))
    return max(1, count)


def apply_table_edits(doc: dict, edits) -> tuple[dict, list[str]]:
    """A copy of the parsed file after `edits` (from `table_edits`), and what each did."""
    doc = copy.deepcopy(doc)
    notes = []
    for edit in edits:
        kind = edit[0]
        if kind == "delete":
            if entry := _pick_entry(doc, edit[1]):
                container, key, path = entry
                del container[key]
                notes.append(f"delete {_where(path)}")
        elif kind == "rename":
            if entry := _pick_entry(doc, edit[1], "key"):
                container, key, path = entry
                new = typo(key, edit[2], edit[3], edit[4])
                _rename(container, key, new)
                notes.append(f"rename {_where(path)} to {new!r}")
        elif kind == "retype":
            if entry := _pick_entry(doc, edit[1]):
                container, key, path = entry
                container[key] = retype(container[key], edit[2])
                notes.append(f"make {_where(path)} a {edit[2]}: {_brief(container[key])}")
        elif kind == "swap":
            a, b = _pick_entry(doc, edit[1]), _pick_entry(doc, edit[2])
            if a and b and a[2][: len(b[2])] != b[2] and b[2][: len(a[2])] != a[2]:
                a[0][a[1]], b[0][b[1]] = b[0][b[1]], a[0][a[1]]
                notes.append(f"swap the values of {_where(a[2])} and {_where(b[2])}")
        elif kind == "set":
            if entry := _pick_entry(doc, edit[2], edit[1]):
                container, key, path = entry
                container[key] = edit[3]
                notes.append(f"set {_where(path)} = {_brief(edit[3])}")
        elif kind == "add":
            entry = _pick_entry(doc, edit[1], "table")
            container, path = (
                (entry[0][entry[1]], entry[2]) if entry and edit[1] % 2 else (doc, ())
            )  # or the top
            container[edit[2]] = edit[3]
            notes.append(f"add {_where(path + (edit[2],))} = {_brief(edit[3])}")
        elif kind == "duplicate_item":
            if entry := _pick_entry(doc, edit[1], "item"):
                container, key, path = entry
                container.insert(key + 1, _copy(container[key]))
                notes.append(f"duplicate {_where(path)}")
        elif kind == "repeat_item":
            if entry := _pick_entry(doc, edit[1], "item"):
                container, key, path = entry
                item = container[key]
                unit = len(dumps({"x": [item]})) if isinstance(item, dict) else len(_value(item)) + 2
                count = _bulk_count(doc, edit[2], unit)
                container[key + 1 : key + 1] = [_copy(item) for _ in range(count)]
                notes.append(f"repeat {_where(path)} {count} more times")
        elif kind == "grow":
            entry = _pick_entry(doc, edit[1], "table")
            container, path = (entry[0][entry[1]], entry[2]) if entry else (doc, ())
            value = next(iter(container.values()), 1)
            unit = len(dumps({f"{edit[3]}00000": value}))
            unit += len(_where(path)) + 1 if isinstance(value, dict) else 0  # "[path.key]" headers
            count = _bulk_count(doc, edit[2], unit)
            container.update({f"{edit[3]}{i}": _copy(value) for i in range(count)})
            notes.append(f"add {count} keys {edit[3]}0, {edit[3]}1, ... = {_brief(value)} to {_where(path)}")
    return doc, notes
