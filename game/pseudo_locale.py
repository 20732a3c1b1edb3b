"""The pseudo-locale en_XA: the template's English with accented letters, about 40% longer.

It shows at a glance which text on a screen is not marked for translation (it stays plain) and
which layout cuts text that a longer language would need (German, Russian and Turkish run 30-40%
longer than English). Placeholders (`{turn}`), markup (`<b>`, `&amp;`) and line breaks are kept
as they are. Made from the template when `--lang en_XA` or a test asks for it; never offered to
players. No pygame here.
"""

from __future__ import annotations

import re
from pathlib import Path

ACCENTED = str.maketrans(
    "abcdeghiklmnorstuwyzABCDEGHIKLNORSTUWYZ",
    "àƀçđéĝĥíķĺɱñöŕšţüŵýžÀƁÇĐÉĜĤÍĶĹÑÖŔŠŢÜŴÝŽ",
)
# What must reach the screen unchanged: placeholders, markup, entities and printf formats.
KEPT = re.compile(r"\{[^{}]*\}|<[^<>]*>|&[A-Za-z#0-9]+;|%\(\w+\)[sdf]|%[sdf]|\n")
LONGER = 0.4


def pseudo(text: str) -> str:
    """`text` accented and padded to about 140% of its length, its placeholders and markup kept."""
    if not text:
        return text
    out: list[str] = []
    at = 0
    for m in KEPT.finditer(text):
        out.append(text[at : m.start()].translate(ACCENTED))
        out.append(m.group())
        at = m.end()
    out.append(text[at:].translate(ACCENTED))
    visible = len(KEPT.sub("", text))
    pad = round(visible * LONGER)
    if pad == 0:
        return "".join(out)
    # Padding in short words, so that text that wraps can still wrap.
    words = " ".join("ẋẋẋẋ"[: min(4, pad - i)] for i in range(0, pad, 5))
    return "".join(out) + " " + words if pad > 1 else "".join(out) + "ẋ"


def write_pseudo_po(pot: Path, po: Path) -> None:
    """Write the pseudo-locale's catalogue made from the template `pot`."""
    from babel.messages.pofile import read_po, write_po

    with pot.open("rb") as f:
        catalog = read_po(f, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, (list, tuple)):
            message.string = tuple(pseudo(i) for i in message.id)
        else:
            message.string = pseudo(message.id)
    po.parent.mkdir(parents=True, exist_ok=True)
    part = po.with_name(po.name + ".part")
    with part.open("wb") as f:
        write_po(f, catalog)
    part.replace(po)
