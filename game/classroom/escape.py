"""Text from outside the game's code made safe in the Markdown the classroom writes.

Group names, facilitators' notes, level and event titles, folder names: all of it may come from a
hand-edited export or a mod, so every piece goes through `md` on its way into a Markdown file, and
nowhere else is Markdown escaped. The result reads as the same words in any Markdown viewer: it
cannot end a table cell, open a link, an image, HTML, a heading, a list or a code block.
"""

from __future__ import annotations

import re

# Control characters, and those that change the direction of the text after them (a name could
# otherwise turn the rest of its line around).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Backslash-escaped, these are always literal in CommonMark and GitHub's Markdown: a `|` cannot end
# a table cell, `<` cannot open HTML, `[` cannot start a link, `*`, `_` or `~` cannot start
# emphasis or strike-through, and `` ` `` cannot start code. An underscore between two letters or
# digits never starts emphasis, so a folder's name (`2026-03-02_0910_testing_event`) stays as it is.
_INLINE = re.compile(r"([\\`*~\[\]<>|]|(?<![^\W_])_|_(?![^\W_]))")
# An & that would begin a character reference (`&lt;` shows as `<`); any other & is plain text.
_REFERENCE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a line these open a block: a heading (`# `), a list item (`- `, `+ `, `1. `),
# a rule or a heading's underline (`---`, `===`). "-5" or "#7" open nothing and stay as they are.
_BLOCK_MARK = re.compile(r"^(?:([#+=-])(?=\s|$|\1)|\d{1,9}(?=[.)](?:\s|$)))")


def plain(text: object) -> str:
    """Text on one line, without control or direction-changing characters (for a chart's legend
    or a name compared with another)."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def md(text: object, *, code: bool = False) -> str:
    """Untrusted text made safe in a Markdown line or table cell, or with `code` inside a code span.

    In a code span backslashes are literal, so there a backtick or a `|` is replaced rather than
    escaped. Elsewhere the text may land at the start of a line (a list item, a paragraph), so a
    mark that would open a block there is escaped too."""
    line = plain(text)
    if code:
        return line.replace("`", "'").replace("|", "/")
    line = _REFERENCE.sub(r"\\&", _INLINE.sub(r"\\\1", line))
    found = _BLOCK_MARK.match(line)
    if found is None:
        return line
    if found.group().isdigit():  # "1. first": the dot, not the number, makes the list
        end = found.end()
        return f"{line[:end]}\\{line[end:]}"
    return "\\" + line
