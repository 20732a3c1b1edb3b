"""Where each key of a TOML file is: a key path -> (line, column) index.

tomli gives positions only for syntax errors, so schema and semantic errors find their line here.
The scan is line-based and forgiving: it understands table headers, arrays of tables, `key =`
lines, one level of inline tables, and skips multi-line strings and arrays. A path it does not know
falls back to its closest known ancestor (a missing key has no line of its own).
"""
from __future__ import annotations

import re

_KEY = r'(?:[A-Za-z0-9_\-]+|"[^"\n]*"|\'[^\'\n]*\')'
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?")
_ASSIGN = re.compile(rf"^(\s*)({_DOTTED})\s*=\s*")
_INLINE_KEY = re.compile(rf"(?:^|[{{,])\s*({_DOTTED})\s*=")
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')


_KEY_RE = re.compile(_KEY)
_BARE = re.compile(r"[A-Za-z0-9_\-]+\Z")


def _split_key(text: str) -> list[str]:
    if _BARE.match(text):
        return [text]
    parts = _KEY_RE.findall(text)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


class TomlIndex:
    def __init__(self, text: str):
        self.where: dict[tuple, tuple[int, int]] = {}
        self.value_col: dict[tuple, int] = {}
        self._arrays: dict[tuple, int] = {}
        self._scan(text)

    def _resolve(self, keys: list[str]) -> tuple:
        """Turn header keys into a concrete path, entering the last element of arrays of tables."""
        path: tuple = ()
        for key in keys:
            path += (key,)
            if path in self._arrays:
                path += (self._arrays[path] - 1,)
        return path

    def _scan(self, text: str) -> None:
        # Most lines of a level are `key = value`; this loop is a third of loading a level, so
        # it avoids copying lines and remembers what it has already worked out (header lines,
        # dotted keys), since the same few keys repeat in every [[action]] and [[event]].
        table: tuple = ()
        headers: dict[str, tuple] = {}
        split_keys: dict[str, tuple] = {}
        where, value_col, arrays = self.where, self.value_col, self._arrays
        assign_match = _ASSIGN.match
        lines = text.split("\n")
        count = len(lines)
        i = 0
        while i < count:
            line = lines[i]
            lineno = i + 1
            i += 1
            first = line[:1]
            if first.isspace():
                first = line.lstrip()[:1]
            if not first or first == "#":
                continue
            if first == "[":
                # Files of many repeated headers are parsed once per distinct header line.
                header = headers.get(line)
                if header is None:
                    match = _HEADER.match(line)
                    header = headers[line] = (match.group(1), _split_key(match.group(2)),
                                              match.start(2) + 1) if match else ()
                if not header:
                    continue
                kind, keys, column = header
                if kind == "[[":
                    parent = self._resolve(keys[:-1]) + (keys[-1],)
                    arrays[parent] = arrays.get(parent, 0) + 1
                    table = parent + (arrays[parent] - 1,)
                    where.setdefault(parent, (lineno, column))
                else:
                    table = self._resolve(keys)
                where[table] = (lineno, column)
                continue
            assign = assign_match(line)
            if not assign:
                continue
            key_text = assign.group(2)
            key = split_keys.get(key_text)
            if key is None:
                key = split_keys[key_text] = tuple(_split_key(key_text))
            path = table + key
            where[path] = (lineno, assign.start(2) + 1)
            value_start = assign.end()
            value_col[path] = value_start + 1
            first_char = line[value_start:value_start + 1]
            if first_char == "{":
                value = line[value_start:]
                for m in _INLINE_KEY.finditer(value):
                    sub = path + tuple(_split_key(m.group(1)))
                    where[sub] = (lineno, value_start + m.start(1) + 1)
                    value_col[sub] = value_start + m.end() + 2
            # Skip the rest of a multi-line string or array, whose lines hold no keys.
            if first_char in ("'", '"'):
                quote = line[value_start:value_start + 3]
                if quote in ('"""', "'''") and line.count(quote, value_start) == 1:
                    while i < count and quote not in lines[i]:
                        i += 1
                    i += 1
            elif first_char in ("[", "{"):
                depth = _depth(line[value_start:])
                while depth > 0 and i < count:
                    depth += _depth(lines[i])
                    i += 1

    def locate(self, loc) -> tuple[int, int]:
        """(line, column) of a key path, or of its closest known ancestor; (1, 1) at worst."""
        loc = tuple(loc)
        while loc:
            if loc in self.where:
                return self.where[loc]
            loc = loc[:-1]
        return (1, 1)

    def locate_value(self, loc, offset: int = 1) -> tuple[int, int]:
        """Where the value of `loc` starts, moved `offset - 1` characters on (for a column inside
        a condition string; the opening quote is skipped)."""
        loc = tuple(loc)
        if loc in self.value_col:
            line = self.where[loc][0]
            return line, self.value_col[loc] + offset
        return self.locate(loc)


def _depth(text: str) -> int:
    text = _STRING.sub("", text.split("#", 1)[0] if '"' not in text else text)
    return text.count("[") + text.count("{") - text.count("]") - text.count("}")
