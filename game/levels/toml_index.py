"""Where each key of a TOML file is: a key path -> (line, column) index.

tomli gives positions only for syntax errors, so schema and semantic errors find their line here.
The scan is line-based and forgiving: it understands table headers, arrays of tables, `key =`
lines, one level of inline tables, and skips multi-line strings and arrays. A path it does not know
falls back to its closest known ancestor (a missing key has no line of its own).

Loading a level asks for few positions: those of its cards (table headers) and of the keys of a few
small tables ([rules], [start], ...). So the index reads the file's structure at once, the headers
and the multi-line values that could hide one, and the `key =` lines of a table only when a position
under that table is first asked for. The answers are those of reading every line in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A key path: table and key names, and the index of an element of an array of tables. Pydantic's
# error locations have the same shape.
KeyPath = tuple[str | int, ...]
# A header line read once: ("[" or "[[", its dotted keys, the column of the first), or () for a
# line starting with "[" that is not a header.
_Header = tuple[str, list[str], int] | tuple[()]

_KEY = r'(?:[A-Za-z0-9_\-]+|"[^"\n]*"|\'[^\'\n]*\')'
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?")
_ASSIGN = re.compile(rf"^(\s*)({_DOTTED})\s*=\s*")
_INLINE_KEY = re.compile(rf"(?:^|[{{,])\s*({_DOTTED})\s*=")
# A string, escapes and all; plain characters are matched in runs, which is faster than one by one.
_STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|\'[^\'\n]*\'')


_KEY_RE = re.compile(_KEY)
_BARE = re.compile(r"[A-Za-z0-9_\-]+\Z")


def _split_key(text: str) -> list[str]:
    if _BARE.match(text):
        return [text]
    parts = _KEY_RE.findall(text)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


class TomlIndex:
    """The positions of one file's keys, found as they are asked for (see the module's notes)."""

    def __init__(self, text: str):
        self.where: dict[KeyPath, tuple[int, int]] = {}
        self.value_col: dict[KeyPath, int] = {}
        self._arrays: dict[KeyPath, int] = {}
        self._lines = text.split("\n")
        # Table path -> (first line, end) index ranges of its `key =` lines not read yet.
        self._unread: dict[KeyPath, list[tuple[int, int]]] = {}
        self._split_keys: dict[str, tuple[str, ...]] = {}  # key text -> key path: the same few keys repeat
        self._read_headers(read_keys=False)

    def _resolve(self, keys: list[str]) -> KeyPath:
        """Turn header keys into a concrete path, entering the last element of arrays of tables."""
        path: KeyPath = ()
        for key in keys:
            path += (key,)
            if path in self._arrays:
                path += (self._arrays[path] - 1,)
        return path

    def _read_headers(self, read_keys: bool) -> None:
        """Index every header in order, and note which lines belong to which table. With
        `read_keys`, index the tables' keys too as they are passed: the whole file, in order."""
        headers: dict[str, _Header] = {}  # a file of many repeated headers parses each line once
        where, arrays, lines = self.where, self._arrays, self._lines
        count = len(lines)
        table: KeyPath = ()
        start = i = 0
        while i < count:
            line = lines[i]
            i += 1
            # A line without these can be neither a header nor the start of a multi-line value.
            if "[" not in line and "{" not in line and '"""' not in line and "'''" not in line:
                continue
            first = _first_char(line)
            if first == "[":
                header = headers.get(line)
                if header is None:
                    match = _HEADER.match(line)
                    header = headers[line] = (
                        (match.group(1), _split_key(match.group(2)), match.start(2) + 1) if match else ()
                    )
                if not header:
                    continue
                if start < i - 1:  # not an empty table (such as one of many headers in a row)
                    self._table_lines(table, start, i - 1, read_keys)
                kind, keys, column = header
                if kind == "[[":
                    parent = self._resolve(keys[:-1]) + (keys[-1],)
                    arrays[parent] = arrays.get(parent, 0) + 1
                    table = parent + (arrays[parent] - 1,)
                    where.setdefault(parent, (i, column))  # an array is placed at its first header
                else:
                    table = self._resolve(keys)
                where[table] = (i, column)
                start = i
            elif first and first != "#" and (assign := _ASSIGN.match(line)):
                i = _after_value(lines, i, line, assign.end())
        self._table_lines(table, start, count, read_keys)

    def _table_lines(self, table: KeyPath, start: int, end: int, read_keys: bool) -> None:
        if read_keys:
            self._read_keys(table, start, end, exclusive=False)
        else:
            self._unread.setdefault(table, []).append((start, end))

    def _read_keys(self, table: KeyPath, start: int, end: int, exclusive: bool) -> bool:
        """Index the `key =` lines of one table, lines[start:end]. With `exclusive`, stop and
        return False at a path something else has already given a line: which one wins then
        depends on the order of the lines, and only reading the whole file in order answers that."""
        where, value_col, split_keys, lines = self.where, self.value_col, self._split_keys, self._lines
        i = start
        while i < end:
            line = lines[i]
            lineno = i + 1
            i += 1
            first = _first_char(line)
            # A table's range holds no header: a line starting with '[' here is not one.
            if not first or first == "#" or first == "[":
                continue
            assign = _ASSIGN.match(line)
            if not assign:
                continue
            key_text = assign.group(2)
            key = split_keys.get(key_text)
            if key is None:
                key = split_keys[key_text] = tuple(_split_key(key_text))
            path = table + key
            if exclusive and path in where:
                return False
            where[path] = (lineno, assign.start(2) + 1)
            value_start = assign.end()
            value_col[path] = value_start + 1
            if line[value_start : value_start + 1] == "{":
                value = line[value_start:]
                for m in _INLINE_KEY.finditer(value):
                    sub = path + tuple(_split_key(m.group(1)))
                    if exclusive and sub in where:
                        return False
                    where[sub] = (lineno, value_start + m.start(1) + 1)
                    value_col[sub] = value_start + m.end() + 2
            i = _after_value(lines, i, line, value_start)
        return True

    def _read_tables_above(self, loc: KeyPath) -> None:
        """Read the keys of every table that could give `loc` or one of its ancestors a line: the
        keys of a table extend its path, so these are the tables whose paths `loc` begins with."""
        unread = self._unread
        prefix: KeyPath = ()
        for part in loc:
            if prefix in unread:
                for start, end in unread.pop(prefix):
                    if not self._read_keys(prefix, start, end, exclusive=True):
                        self._read_all()
                        return
            prefix += (part,)

    def _read_all(self) -> None:
        """Index the whole file again, every line in order, as if nothing had been read yet."""
        self.where.clear()
        self.value_col.clear()
        self._arrays.clear()
        self._unread.clear()
        self._read_headers(read_keys=True)

    def locate(self, loc: Iterable[str | int]) -> tuple[int, int]:
        """(line, column) of a key path, or of its closest known ancestor; (1, 1) at worst."""
        loc = tuple(loc)
        self._read_tables_above(loc)
        while loc:
            if loc in self.where:
                return self.where[loc]
            loc = loc[:-1]
        return (1, 1)

    def locate_value(self, loc: Iterable[str | int], offset: int = 1) -> tuple[int, int]:
        """Where the value of `loc` starts, moved `offset - 1` characters on (for a column inside
        a condition string; the opening quote is skipped)."""
        loc = tuple(loc)
        self._read_tables_above(loc)
        if loc in self.value_col:
            line = self.where[loc][0]
            return line, self.value_col[loc] + offset
        return self.locate(loc)


def _first_char(line: str) -> str:
    first = line[:1]
    return line.lstrip()[:1] if first.isspace() else first


def _after_value(lines: list[str], i: int, line: str, value_start: int) -> int:
    """The index of the first line after a value starting at `value_start` of `line`, whose next
    line is lines[i]: the rest of a multi-line string or array holds no keys."""
    first_char = line[value_start : value_start + 1]
    count = len(lines)
    if first_char in ("'", '"'):
        quote = line[value_start : value_start + 3]
        if quote in ('"""', "'''") and line.count(quote, value_start) == 1:
            while i < count and quote not in lines[i]:
                i += 1
            i += 1
    elif first_char in ("[", "{"):
        depth = _depth(line[value_start:])
        while depth > 0 and i < count:
            depth += _depth(lines[i])
            i += 1
    return i


def _depth(text: str) -> int:
    if '"' in text:
        if "\\" in text or "'" in text:
            text = _STRING.sub("", text)
        else:
            # Then each pair of '"' is a string, what the pattern finds, only found faster. An
            # unpaired last '"' begins no string.
            parts = text.split('"')
            text = "".join(parts[::2]) + (parts[-1] if len(parts) % 2 == 0 else "")
    else:
        text = text.split("#", 1)[0]
        if "'" in text:  # most values without '"' hold no string at all
            text = _STRING.sub("", text)
    return text.count("[") + text.count("{") - text.count("]") - text.count("}")
