"""A problem found in a level file, with where it is: the validator's unit of output."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from game.text import printable, quote, shorten

KEY_SHOWN = 60  # characters of a key a message shows


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning, at a line and column of a file, named by its key path."""

    file: str
    line: int
    column: int
    severity: str  # "error" or "warning"
    path: str  # the key path in the file's own words, e.g. "action[3].effects.partnershp"
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {where}{self.message}"

    def as_dict(self) -> dict[str, Any]:
        """The problem as JSON-ready fields (the validator's --format json)."""
        return asdict(self)


def did_you_mean(name: str, options: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest of `options` to a misspelt name, or ''."""
    close = difflib.get_close_matches(str(name)[:200], list(options), n=1)
    return f" (did you mean {quote(close[0])}?)" if close else ""


def key_path(loc: Iterable[str | int]) -> str:
    """('action', 2, 'effects', 'x') -> 'action[3].effects.x' (arrays count from 1, like a reader)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            # A key can be as long as the file; a message names it by its start.
            out += ("." if out else "") + printable(shorten(str(part), KEY_SHOWN))
    return out


class LevelError(Exception):
    """Raised when a level cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
