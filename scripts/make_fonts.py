"""Build the game's font, Partners Sans: Noto Sans with the Chinese characters of Noto Sans SC
added, so that one face draws English, Turkish, Russian and Chinese, and mixed text ("第一组,
Room 4") draws whole wherever the game sets text (pygame_gui's widgets and the game's own
drawing alike, which have no fallback between fonts of their own).

    python scripts/make_fonts.py        # writes assets/fonts/PartnersSans-{Regular,Bold}.ttf

Both sources ship with pygame_gui, under the SIL Open Font License 1.1, which allows a modified
font to be shipped under a name of its own (Noto Sans CJK reserves the name "Source"). Noto Sans's
glyphs and tables are kept as they are, so Latin, Cyrillic and Greek draw pixel for pixel as
before. From Noto Sans SC come the characters of GB 2312 (the 6,763 characters of everyday
simplified Chinese), CJK punctuation, full-width forms, and every Chinese character in the
game's own files (levels, catalogues, code); their cubic outlines become TrueType's quadratic
ones. Run it again when shipped text gains a character outside those sets (a test checks that
none is missing).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "fonts"
FAMILY = "Partners Sans"
# Where the game's own text lives: any Chinese character in these is added whatever its set.
SHIPPED = [("levels", "*.toml"), ("game", "*.py"), ("game", "*.po"), ("docs", "*.md")]


def gb2312() -> set[int]:
    """The characters GB 2312 encodes outside ASCII: rows 0xA1-0xF7, cells 0xA1-0xFE."""
    out = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # (an empty place in the table)
                out.add(ord(bytes((row, cell)).decode("gb2312")))
    return out


def chinese(code: int) -> bool:
    """CJK ideographs, punctuation and symbols, and the full-width forms."""
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def shipped_characters() -> set[int]:
    found = set()
    for folder, pattern in SHIPPED:
        for path in (ROOT / folder).rglob(pattern):
            found |= {ord(ch) for ch in path.read_text(encoding="utf-8", errors="ignore") if chinese(ord(ch))}
    return found


def wanted() -> set[int]:
    return (
        {c for c in gb2312() if chinese(c)}
        | set(range(0x3000, 0x3040))
        | set(range(0xFF01, 0xFF5F))
        | shipped_characters()
    )


def rename(font: TTFont, style: str) -> None:
    """Give the font a name of its own and say what it is made of (the licence stays as it is)."""
    name = font["name"]
    ps = f"PartnersSans-{style}"
    made = (
        "Partners Sans is Noto Sans (Copyright 2022 The Noto Project Authors) with Chinese "
        "characters from Noto Sans SC (Copyright 2014-2021 Adobe, Reserved Font Name 'Source'), "
        "both under the SIL Open Font License 1.1; put together for Pragmatic Partners."
    )
    for rec in list(name.names):
        if rec.nameID in (1, 16):
            name.setName(FAMILY, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 3:
            name.setName(f"{ps};{rec.toUnicode()}", 3, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 4:
            name.setName(f"{FAMILY} {style}", 4, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 6:
            name.setName(ps, 6, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 10:
            name.setName(made, 10, rec.platformID, rec.platEncID, rec.langID)
    if name.getName(10, 3, 1, 0x409) is None:
        name.setName(made, 10, 3, 1, 0x409)


def merge(latin_file: Path, chinese_file: Path, style: str, codes: set[int]) -> tuple[TTFont, int]:
    base = TTFont(latin_file, recalcTimestamp=False)  # the same bytes on every run
    source = TTFont(chinese_file)
    if base["head"].unitsPerEm != source["head"].unitsPerEm:
        raise SystemExit("the two fonts have different units per em; scaling is not done here")
    have = base.getBestCmap()
    source_cmap = source.getBestCmap()
    glyphs = source.getGlyphSet()
    order = list(base.getGlyphOrder())
    glyf, hmtx = base["glyf"], base["hmtx"]
    added: dict[int, str] = {}
    by_source: dict[str, str] = {}  # a glyph two characters share is added once
    for code in sorted(codes):
        if code in have or code not in source_cmap:
            continue
        source_name = source_cmap[code]
        if source_name in by_source:
            added[code] = by_source[source_name]
            continue
        name = f"uni{code:04X}"
        pen = TTGlyphPen(None)
        glyphs[source_name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyph = pen.glyph()
        order.append(name)
        glyf.glyphs[name] = glyph
        glyph.recalcBounds(glyf)
        hmtx.metrics[name] = (source["hmtx"][source_name][0], getattr(glyph, "xMin", 0))
        added[code] = by_source[source_name] = name
    base.setGlyphOrder(order)
    glyf.glyphOrder = order
    for table in base["cmap"].tables:
        if table.format in (4, 12):
            table.cmap.update(added)
    base["maxp"].numGlyphs = len(order)
    if base["post"].formatType == 2.0:
        base["post"].extraNames = []
        base["post"].mapping = {}
    rename(base, style)
    return base, len(added)


def main() -> int:
    import pygame_gui

    data = Path(pygame_gui.__file__).parent / "data"
    codes = wanted()
    OUT.mkdir(parents=True, exist_ok=True)
    for style in ("Regular", "Bold"):
        font, count = merge(data / f"NotoSans-{style}.ttf", data / f"NotoSansSC-{style}.otf", style, codes)
        out = OUT / f"PartnersSans-{style}.ttf"
        font.save(out)
        print(f"{out.relative_to(ROOT)}: {count} characters added, {out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
