"""Text from outside the game's code (level files, saves, settings, names typed or passed on the
command line): what it may hold, and how a message or a terminal shows it.

- Control characters other than tab and line breaks, and halves of surrogate pairs, are refused
  wherever such text is read (`refuse_control`, a validator the file formats share): a NUL in a
  title stops pygame drawing it, and none of them is anything a person types.
- A message quotes what it was given cut to a sane length (`quote`, `shorten`): a file can hold a
  key a megabyte long, and a message a player or a window must lay out cannot.
- Text printed on a terminal goes through `printable`: an escape sequence in a mod's title must
  not reach the terminal as one.

Plain Python, no imports from the rest of the game, so every layer may use it.
"""

from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; lone surrogates
# (JSON's \ud800 decodes to one; it cannot be encoded or drawn).
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# For a terminal, also tab and line breaks, and the marks that turn the direction of what follows.
_NOT_PRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)

QUOTE_LIMIT = 60


def refuse_control(text: str) -> str:
    """`text` unchanged, or ValueError naming the first control character and where it is.

    Used as a pydantic `AfterValidator` by the level format, the saves, the settings and the
    classroom's records, so that the error carries the field's location."""
    found = _REFUSED.search(text)
    if found is None:
        return text
    code = ord(found.group())
    raise ValueError(
        f"holds a control character (U+{code:04X}) at character {found.start() + 1}; "
        "text may hold letters, digits, punctuation, spaces, tabs and line breaks"
    )


def has_control(text: str) -> bool:
    """Whether `refuse_control` would refuse `text`."""
    return _REFUSED.search(text) is not None


def without_control(text: str) -> str:
    """`text` with the characters `refuse_control` refuses left out (for names a person typed)."""
    return _REFUSED.sub("", text)


def shorten(text: str, limit: int = 200) -> str:
    """`text` if it is at most `limit` characters, else its start and how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """`value` in single quotes for a message: printable, and cut after `limit` characters."""
    text = str(value)
    shown = printable(text[:limit])
    if len(text) > limit:
        return f"'{shown}…' ({len(text):,} characters)"
    return f"'{shown}'"


def printable(text: str) -> str:
    """`text` safe on a terminal: control characters (escape sequences among them), line breaks
    and direction marks are each shown as '?', so nothing reaches the terminal but characters."""
    return _NOT_PRINTABLE.sub("?", text)
