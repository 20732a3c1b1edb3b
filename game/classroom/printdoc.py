"""Printable handouts: a one-page document as plain blocks, written as HTML with print styles and
as a PDF of exactly one page, A4 or US Letter, on a light theme.

The handouts (game.classroom.handouts) say what is on a page; this module only lays it out, the
same blocks in both forms. The PDF is drawn by fpdf2 (pure Python, so it works in the portable
build and on a school machine with nothing else installed) in the game's own font, Partners Sans
(assets/fonts: Noto Sans with the Chinese characters of Noto Sans SC), which covers Latin,
Cyrillic, Greek and Chinese, so a page in any of the game's languages draws every letter
(`missing_glyphs` says which it could not). A page that would run over is set again in smaller
type until it fits on one.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Sequence
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from game.i18n import _, current_language
from game.paths import ui_font_file

PAPERS = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}  # width and height in millimetres
MARGIN_MM = 13.0


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    small: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    boxes: bool = False  # a box to tick before each item (goals, a checklist)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative widths of the columns
    small: bool = False


@dataclass(frozen=True)
class Images:
    """Pictures side by side across the page (the charts)."""

    paths: tuple[Path, ...]
    aspect: float  # height over width of each picture


@dataclass(frozen=True)
class Answer:
    """A question with ruled lines to write the answer on."""

    question: str
    lines: int = 3


@dataclass(frozen=True)
class Card:
    """A boxed card to cut out: a title and a few lines."""

    title: str
    lines: tuple[str, ...]


Block = Heading | Para | Bullets | Table | Images | Answer | Card


def _name_line(name_blank: int, blank: int) -> str:
    """The line a student fills in on a sheet handed in: name(s), group and date, each with a blank
    of underscores, in the language in force."""
    return "   ".join(
        (
            _("Name(s): {blank}").format(blank="_" * name_blank),
            _("Group: {blank}").format(blank="_" * blank),
            _("Date: {blank}").format(blank="_" * blank),
        )
    )


@dataclass(frozen=True)
class Handout:
    """One printed page: its title, a line under it, the blocks, and a footer line."""

    name: str  # the file's stem: "briefing-moscow"
    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    footer: str = ""
    name_line: bool = True  # "Name / group / date" at the top, for a sheet students hand in


# -- HTML --------------------------------------------------------------------------------------------

# Sizes in em of the body's type, which is 10 pt times the scale the PDF of the same page needed
# (so that the page a browser prints holds what the PDF's does).
CSS = """
@page { size: %(size)s; margin: %(margin)smm; }
* { box-sizing: border-box; }
body { font-family: "Partners Sans", "Noto Sans", "Noto Sans SC", "DejaVu Sans", Arial, sans-serif; color: #141414; background: #fff;
       font-size: %(body)spt; line-height: 1.3; margin: 0; }
.page { max-width: %(width)smm; margin: 0 auto; padding: 0; page-break-after: always; break-after: page; }
.page:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 1.7em; margin: 0 0 0.1em; }
.subtitle { color: #555; margin: 0 0 0.8em; }
.name-line { border: 0.3mm solid #999; padding: 0.4em 0.6em; margin-bottom: 0.8em; color: #555; font-size: 0.9em; }
h2 { font-size: 1.15em; margin: 0.8em 0 0.3em; border-bottom: 0.3mm solid #bbb; }
p { margin: 0 0 0.4em; } .small { font-size: 0.85em; color: #333; }
ul { margin: 0 0 0.6em; padding-left: 1.4em; } ul.boxes { list-style: none; padding-left: 0.2em; }
ul.boxes li::before { content: "\\2610  "; }
table { border-collapse: collapse; width: 100%%; margin-bottom: 0.6em; }
th, td { border: 0.3mm solid #999; padding: 0.1em 0.4em; text-align: left; vertical-align: top; }
th { background: #eee; } table.small { font-size: 0.85em; }
.images { display: flex; gap: 3mm; margin: 0 auto 0.6em; width: %(images)s%%; } .images img { width: 100%%; min-width: 0; flex: 1; }
.answer { margin-bottom: 0.6em; break-inside: avoid; } .answer .rule { border-bottom: 0.3mm solid #aaa; height: 1.5em; }
.card { border: 0.4mm dashed #777; padding: 0.5em 0.8em; margin-bottom: 0.7em; break-inside: avoid; }
.card b { font-size: 1.1em; }
footer { color: #666; font-size: 0.8em; margin-top: 0.6em; }
@media screen { body { background: #ddd; } .page { background: #fff; padding: %(margin)smm; margin: 5mm auto;
                min-height: %(height)smm; box-shadow: 0 0 2mm #999; } }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _block_html(block: Block, base: Path | None) -> str:
    if isinstance(block, Heading):
        return f"<h2>{_e(block.text)}</h2>"
    if isinstance(block, Para):
        text = f"<b>{_e(block.text)}</b>" if block.bold else _e(block.text)
        return f'<p class="small">{text}</p>' if block.small else f"<p>{text}</p>"
    if isinstance(block, Bullets):
        cls = ' class="boxes"' if block.boxes else ""
        return f"<ul{cls}>" + "".join(f"<li>{_e(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Table):
        total = sum(block.widths)
        cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in block.widths)
        head = "".join(f"<th>{_e(h)}</th>" for h in block.header)
        body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in block.rows)
        cls = ' class="small"' if block.small else ""
        return f"<table{cls}><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    if isinstance(block, Images):
        srcs = [p.name if base is not None and p.parent == base else p.as_uri() for p in block.paths]
        return '<div class="images">' + "".join(f'<img src="{_e(s)}" alt="">' for s in srcs) + "</div>"
    if isinstance(block, Answer):
        rules = '<div class="rule"></div>' * block.lines
        return f'<div class="answer"><p>{_e(block.question)}</p>{rules}</div>'
    lines = "".join(f"<br>{_e(line)}" for line in block.lines)
    return f'<div class="card"><b>{_e(block.title)}</b>{lines}</div>'


def to_html(
    handouts: Sequence[Handout], paper: str = "a4", base: Path | None = None, scale: float = 1.0
) -> str:
    """The handouts as one HTML file, a page each, sized for `paper` when printed, in type `scale`
    times the usual size. Pictures inside `base` (the folder the file goes into) are linked by
    name, so the folder can be moved."""
    width, height = PAPERS[paper]
    css = CSS % {
        # (a little smaller than the PDF's: a browser may set it in a wider font than Noto Sans)
        "body": f"{9.2 * scale:.2f}",
        "images": f"{min(100.0, 100 * scale):.0f}",
        "size": "A4" if paper == "a4" else "letter",
        "margin": f"{MARGIN_MM:g}",
        "width": f"{width - 2 * MARGIN_MM:g}",
        "height": f"{height - 2 * MARGIN_MM:g}",
    }
    title = handouts[0].title if len(handouts) == 1 else _("Pragmatic Partners: handouts")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{current_language().replace("_", "-")}"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title><style>{css}</style></head><body>",
    ]
    for h in handouts:
        parts.append('<section class="page">')
        parts.append(f"<h1>{_e(h.title)}</h1>")
        parts.append(f'<p class="subtitle">{_e(h.subtitle)}</p>')
        if h.name_line:
            parts.append(f'<div class="name-line">{_e(_name_line(23, 10))}</div>')
        parts.extend(_block_html(b, base) for b in h.blocks)
        if h.footer:
            parts.append(f"<footer>{_e(h.footer)}</footer>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# -- PDF ---------------------------------------------------------------------------------------------


class OverflowError_(Exception):
    """A handout that does not fit on one page even in the smallest type."""


@functools.cache
def _parsed_fonts():
    """The game's font (Partners Sans; Noto Sans should the assets be missing), regular and bold,
    read once: reading a font takes longer than setting a page. None when neither is there."""
    from fpdf import FPDF

    regular, bold = ui_font_file(False), ui_font_file(True)
    if regular is None or bold is None or not regular.exists() or not bold.exists():
        return None
    holder = FPDF()
    holder.add_font("Partners", "", str(regular))
    holder.add_font("Partners", "B", str(bold))
    return dict(holder.fonts)


def _fonts(pdf) -> str:
    """The family to set the page in: Partners Sans, given to `pdf` as copies of the fonts read once
    (fpdf2 copies a font for another document this way, sharing what it read), or Helvetica."""
    fonts = _parsed_fonts()
    if fonts is None:
        return "Helvetica"  # (Latin-1 only)
    from fontTools import ttLib  # type: ignore[import-untyped]  # (fpdf2's dependency, untyped)

    for key, font in fonts.items():
        copy = deepcopy(font)
        copy.i = len(pdf.fonts) + 1
        # Writing the PDF cuts the font down to the letters used, in place: each document opens
        # the file afresh for that (opening is cheap; what was read once is the widths and map).
        copy.ttfont = ttLib.TTFont(font.ttffile, recalcTimestamp=False, lazy=True)
        pdf.fonts[key] = copy
    return "Partners"


def _render(h: Handout, paper: str, scale: float):
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    width, height = PAPERS[paper]
    pdf = FPDF(orientation="portrait", unit="mm", format=(width, height))
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    # No page breaks: a page that runs over is seen by where it ends (and set again smaller).
    pdf.set_auto_page_break(False)
    pdf.set_title(h.title)
    pdf.set_creator("Pragmatic Partners")
    family = _fonts(pdf)
    pdf.add_page()
    inner = width - 2 * MARGIN_MM
    body = 10 * scale
    lh = body * 0.5  # the line height in mm for a size in points (about 1.4 times the size)

    def font(size: float, style: str = "") -> None:
        pdf.set_font(family, style, size)

    def text(t: str, size: float, style: str = "", colour=(20, 20, 20), after: float = 1.2) -> None:
        font(size, style)
        pdf.set_text_color(*colour)
        pdf.multi_cell(inner, size * 0.5, t, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(after * scale)

    text(h.title, 17 * scale, "B", after=0.5)
    text(h.subtitle, body, colour=(85, 85, 85), after=1.5)
    if h.name_line:
        font(body * 0.9)
        pdf.set_text_color(85, 85, 85)
        pdf.set_draw_color(150, 150, 150)
        pdf.cell(
            inner,
            lh * 1.6,
            "  " + _name_line(30, 12),
            border=1,
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(2.5 * scale)
    for block in h.blocks:
        if isinstance(block, Heading):
            pdf.ln(1.5 * scale)
            text(block.text, 11.5 * scale, "B", after=0.2)
            pdf.set_draw_color(180, 180, 180)
            pdf.line(MARGIN_MM, pdf.get_y(), MARGIN_MM + inner, pdf.get_y())
            pdf.ln(1.2 * scale)
        elif isinstance(block, Para):
            size = body * (0.85 if block.small else 1)
            text(
                block.text,
                size,
                "B" if block.bold else "",
                colour=(50, 50, 50) if block.small else (20, 20, 20),
            )
        elif isinstance(block, Bullets):
            font(body)
            pdf.set_text_color(20, 20, 20)
            for item in block.items:
                x = pdf.get_x()
                mark = "" if block.boxes else ("\u2022" if family == "Partners" else "-")
                pdf.cell(5, lh, mark, new_x="RIGHT", new_y="TOP")
                if block.boxes:  # a drawn box to tick
                    pdf.set_draw_color(60, 60, 60)
                    pdf.rect(x + 0.6, pdf.get_y() + lh * 0.2, lh * 0.6, lh * 0.6)
                pdf.multi_cell(inner - 5, lh, item, align="L", new_x="LMARGIN", new_y="NEXT")
                pdf.ln(0.6 * scale)
            pdf.ln(1 * scale)
        elif isinstance(block, Table):
            size = body * (0.85 if block.small else 0.9)
            font(size)
            pdf.set_text_color(20, 20, 20)
            pdf.set_draw_color(150, 150, 150)
            heading = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
            with pdf.table(
                col_widths=block.widths,
                width=inner,
                line_height=size * 0.46,
                text_align="LEFT",
                headings_style=heading,
                padding=(0.4 * scale, 1.0 * scale),
                v_align="TOP",
            ) as table:
                for row in (block.header, *block.rows):
                    cells = table.row()
                    for c in row:
                        cells.cell(c)
            pdf.ln(1.5 * scale)
        elif isinstance(block, Images):
            n = len(block.paths)
            gap = 3.0
            w = (inner - gap * (n - 1)) / n
            y = pdf.get_y()
            for i, path in enumerate(block.paths):
                pdf.image(str(path), x=MARGIN_MM + i * (w + gap), y=y, w=w)
            pdf.set_y(y + w * block.aspect + 2 * scale)
        elif isinstance(block, Answer):
            text(block.question, body, after=0.3)
            pdf.set_draw_color(170, 170, 170)
            for _ in range(block.lines):
                pdf.ln(6 * scale)
                pdf.line(MARGIN_MM, pdf.get_y(), MARGIN_MM + inner, pdf.get_y())
            pdf.ln(2.5 * scale)
        elif isinstance(block, Card):
            top = pdf.get_y()
            pdf.set_x(MARGIN_MM + 3)
            font(11 * scale, "B")
            pdf.set_text_color(20, 20, 20)
            pdf.ln(2 * scale)
            pdf.set_x(MARGIN_MM + 3)
            pdf.multi_cell(inner - 6, 11 * scale * 0.5, block.title, new_x="LMARGIN", new_y="NEXT")
            font(body)
            for line in block.lines:
                pdf.set_x(MARGIN_MM + 3)
                pdf.multi_cell(inner - 6, lh, line, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2 * scale)
            pdf.set_draw_color(110, 110, 110)
            with pdf.local_context(dash_pattern={"dash": 1.5, "gap": 1.0}):
                pdf.rect(MARGIN_MM, top, inner, pdf.get_y() - top)
            pdf.ln(2.5 * scale)
    if h.footer:
        pdf.ln(1 * scale)
        text(h.footer, 8 * scale, colour=(100, 100, 100), after=0)
    return pdf, pdf.get_y()


def to_pdf(h: Handout, paper: str = "a4") -> bytes:
    """The handout as a PDF of one page: set at the usual size, or smaller until it fits."""
    return fit_pdf(h, paper).data


@dataclass(frozen=True)
class Fitted:
    """A handout set as a PDF of one page."""

    data: bytes
    scale: float  # of its type (1: the usual size)
    missing: tuple[str, ...]  # the letters its font has no glyph for (drawn as empty boxes)


def fit_pdf(h: Handout, paper: str = "a4") -> Fitted:
    """The handout as a PDF of one page, the scale of its type, and the letters it could not draw."""
    bottom = PAPERS[paper][1] - MARGIN_MM
    tried: list[tuple[float, float]] = []  # (scale, where the page ended)
    scale = 1.0
    for _attempt in range(6):
        pdf, end = _render(h, paper, scale)
        if end <= bottom:
            data = bytes(pdf.output())  # (fpdf2 notes what is missing as it writes the fonts)
            return Fitted(data, scale, _missing(pdf))
        tried.append((scale, end))
        if len(tried) == 1:
            # Smaller type fits more words on a line too, so this shrinks a little more than needed.
            scale *= (bottom - MARGIN_MM) / (end - MARGIN_MM)
        else:
            # The page's length is close to a straight line in the scale: aim just inside the foot.
            (s0, e0), (s1, e1) = tried[-2], tried[-1]
            slope = (e1 - e0) / (s1 - s0) if s1 != s0 else 0.0
            aim = s1 - (e1 - (bottom - 1.0)) / slope if slope > 0 else s1 * 0.95
            scale = min(s1 * 0.99, max(aim, s1 * 0.8))
        if scale < 0.5:
            break
    raise OverflowError_(f"the handout '{h.name}' does not fit on one page")


def _missing(pdf) -> tuple[str, ...]:
    """The letters a written PDF's fonts had no glyph for, in the order first met."""
    letters = (chr(c) for font in pdf.fonts.values() for c in getattr(font, "missing_glyphs", []))
    return tuple(dict.fromkeys(letters))


def missing_glyphs(h: Handout, paper: str = "a4") -> list[str]:
    """The characters of the handout that its PDF's font has no glyph for (drawn as empty boxes),
    in the order first met; none when every letter is drawn."""
    pdf, _end = _render(h, paper, 1.0)
    pdf.output()
    return list(_missing(pdf))


def write_handouts(
    handouts: Sequence[Handout],
    folder: Path,
    paper: str = "a4",
    warn: Callable[[str], None] | None = None,
) -> list[Path]:
    """Each handout as `NAME.html` and `NAME.pdf` in `folder`; returns the files written. `warn`
    is told of a PDF with letters its font cannot draw (a level's text in a script the game's
    font lacks: the HTML page, drawn by the browser's fonts, still shows them)."""
    from game.session.atomic import write_atomic

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for h in handouts:
        fitted = fit_pdf(h, paper)
        pdf = folder / f"{h.name}.pdf"
        write_atomic(pdf, fitted.data, shared=True)
        if fitted.missing and warn is not None:
            shown = " ".join(fitted.missing[:20]) + (" ..." if len(fitted.missing) > 20 else "")
            warn(
                f"{pdf.name}: the game's font has no letters for {shown}; they print as empty boxes "
                f"(the page {h.name}.html shows them)"
            )
        page = folder / f"{h.name}.html"
        write_atomic(page, to_html([h], paper, base=folder, scale=fitted.scale).encode("utf-8"), shared=True)
        written += [page, pdf]
    return written
