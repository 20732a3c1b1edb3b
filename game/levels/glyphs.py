"""Which characters the game's font can draw, read from the font file's character map.

The window draws all text in the game's font, Partners Sans (Noto Sans with the everyday Chinese
characters of Noto Sans SC, see scripts/make_fonts.py). It covers Latin, Cyrillic, Greek and the
Chinese of GB 2312, but not rarer characters or emoji, which it draws as empty boxes. The validator warns
about such text in a level, so that a modder learns it before a player sees boxes. The font is
read as plain bytes (no pygame needed): the TrueType 'cmap' table, format 12 (all of Unicode)
or else format 4 (the Basic Multilingual Plane).
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from functools import lru_cache

from game.paths import ui_font_file


class _Ranges:
    """Code point ranges [start, end], sorted and disjoint."""

    def __init__(self, ranges: list[tuple[int, int]]):
        ranges.sort()
        self.starts = [a for a, _ in ranges]
        self.ends = [b for _, b in ranges]

    def __contains__(self, code: int) -> bool:
        i = bisect_right(self.starts, code) - 1
        return i >= 0 and code <= self.ends[i]


def _format_12(data: bytes, at: int) -> list[tuple[int, int]]:
    groups = struct.unpack_from(">I", data, at + 12)[0]
    out = []
    for g in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
        if glyph:
            out.append((start, end))
    return out


def _format_4(data: bytes, at: int) -> list[tuple[int, int]]:
    # Segments of code points; a glyph index of 0 would mean "missing", which a font maps only
    # for the closing segment (0xFFFF), so the segments themselves are what the font covers.
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    return [(s, e) for s, e in zip(starts, ends, strict=False) if s != 0xFFFF]


def covered(font: bytes) -> _Ranges:
    """The code points `font` (a TrueType file's bytes) has glyphs for."""
    data, tables = font, {}
    for i in range(struct.unpack_from(">H", data, 4)[0]):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = offset
    cmap = tables[b"cmap"]
    found: dict[int, int] = {}  # the cmap subtable's format -> its offset in the file
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, _encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, cmap + offset)[0]
        if platform in (0, 3) and fmt in (4, 12):
            found.setdefault(fmt, cmap + offset)
    if 12 in found:
        return _Ranges(_format_12(data, found[12]))
    return _Ranges(_format_4(data, found[4]))


@lru_cache(maxsize=1)
def game_font_covers() -> _Ranges | None:
    """What the game's font covers; None when the font cannot be read (then nothing is warned)."""
    path = ui_font_file()
    if path is None:
        return None
    try:
        return covered(path.read_bytes())
    except (OSError, KeyError, struct.error):
        return None


def undrawable(text: str) -> str:
    """The characters of `text` the game's font cannot draw, each once, in order ('' if none)."""
    font = game_font_covers()
    if font is None:
        return ""
    if text.isascii():  # nearly every text: nothing to look up
        return ""
    # Each distinct character once (a long text has few), then in the order they first appear.
    missing = [ch for ch in set(text) if not ch.isspace() and ord(ch) not in font]
    return "".join(sorted(missing, key=text.index))
