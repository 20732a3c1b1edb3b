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


def spreadsheet_safe(text: str) -> str:
    """`text` for a CSV cell that a spreadsheet will not run: a cell that begins with = + - @ or a
    tab is read as a formula (a group named =HYPERLINK(...) would be a link in the teacher's
    sheet), so such text begins with an apostrophe, as OWASP advises. Only for text a person
    typed: a number written as a number stays one."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


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


# Each language's quotation marks: (outer opening, outer closing, inner opening, inner closing).
_QUOTES = {"ru": ("«", "»", "„", "“")}
_QUOTES_ELSEWHERE = ("“", "”", "‘", "’")


def nest_quotes(text: str, language: str) -> str:
    """`text` with quotes inside quotes written as the language writes them: a card's name in
    quotes put into a sentence that quotes it again (打出“举办中国“俄罗斯年””) reads
    打出“举办中国‘俄罗斯年’”, and in Russian «…„…“…». Text whose quotes do not pair up is left as
    written."""
    opening, closing, inner_opening, inner_closing = _QUOTES.get(language[:2], _QUOTES_ELSEWHERE)
    if text.count(opening) < 2:  # (nearly every text: nothing can be nested)
        return text
    out, depth = [], 0
    for ch in text:
        if ch == opening:
            out.append(opening if depth % 2 == 0 else inner_opening)
            depth += 1
        elif ch == closing and depth > 0:
            depth -= 1
            out.append(closing if depth % 2 == 0 else inner_closing)
        else:
            out.append(ch)
    return "".join(out) if depth == 0 else text
