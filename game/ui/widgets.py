"""Small drawing helpers and the controls every scene is made of.

A `Control` is anything the player can point at or reach by keyboard: a button, an action card, a
list item, a meter that answers "why?". Scenes list their controls; the app moves the focus among
them (Tab, arrows), activates the focused one (Enter, Space) and shows its tooltip. Drawing never
changes game state.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pygame

from game.i18n import current_language
from game.text import nest_quotes
from game.ui.fonts import font_signature


@dataclass
class Control:
    rect: pygame.Rect
    label: str
    action: Callable[[], None] | None = None
    kind: str = "button"  # "button", "card", "item", "meter", "tab"
    enabled: bool = True
    selected: bool = False
    tooltip: Callable[[], Tooltip | None] | None = None
    hotkey: int | None = None
    data: Any = None
    why_disabled: str = ""


@dataclass
class Tooltip:
    title: str
    lines: list[str] = field(default_factory=list)
    history: list[float] = field(default_factory=list)  # drawn as a sparkline


# Chinese (and Japanese) text has no spaces between words: a line may break after any character,
# except before closing punctuation or after opening punctuation, which stay with their neighbour.
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_NO_LINE_START = frozenset("，。、；：！？）」』》】〉”’…％·,.;:!?)]}%")
_NO_LINE_END = frozenset("（「『《【〈“‘([{")


def breaks_between(before: str, ch: str) -> bool:
    """Whether a line may break between the characters `before` and `ch`, written with no space
    between them: only beside a Chinese character, never before a closing mark, never after an
    opening one, and never between a figure and the unit it counts (2023年, 24日, 3月)."""
    return (
        ch not in _NO_LINE_START
        and before not in _NO_LINE_END
        and not (before.isascii() and before.isdigit())
        and (_CJK.match(ch) is not None or _CJK.match(before) is not None)
    )


def has_chinese(text: str) -> bool:
    """Whether `text` holds a Chinese (or Japanese) character, or a full-width mark."""
    return _CJK.search(text) is not None


# Where a line may break: any space but a no-break one (U+00A0, U+202F), which keeps a figure with
# its word ("ceiling 22").
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def break_units(paragraph: str) -> list[tuple[str, bool]]:
    """The pieces a line may break between, each with whether a space comes before it: words, and
    in Chinese every character, closing punctuation kept with what it closes and opening
    punctuation with what it opens."""
    units: list[tuple[str, bool]] = []
    for word in _SPACES.split(paragraph.strip()):
        if not word:
            continue
        if not _CJK.search(word):
            units.append((word, True))
            continue
        pieces: list[str] = []
        for ch in word:
            if pieces and not breaks_between(pieces[-1][-1], ch):  # (a Latin run stays whole)
                pieces[-1] += ch
            else:
                pieces.append(ch)
        units.extend((piece, i == 0) for i, piece in enumerate(pieces))
    return units


# Texts broken into lines, by text, font and width: the same text is broken again on every
# build of a screen and, for some (the gauge's title), every frame, measuring each trial line.
# Past MAX_WRAPPED it starts afresh, so that a long session cannot grow it for ever.
MAX_WRAPPED = 2048
_wrapped: dict[tuple[object, ...], list[str]] = {}


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """`text` broken into lines no wider than `width`: at spaces, and between Chinese characters
    (never before a closing mark); a single word wider than the box is cut with an ellipsis."""
    key = (text, width, font_signature(font))
    lines = _wrapped.get(key)
    if lines is None:
        if len(_wrapped) >= MAX_WRAPPED:
            _wrapped.clear()
        lines = _wrapped[key] = _wrap(text, font, width)
    return list(lines)  # (a copy: callers may cut it)


def _path_pieces(units: list[tuple[str, bool]], font: pygame.font.Font, width: int) -> list[tuple[str, bool]]:
    """`units` with each word wider than the box that is a file's path broken after its separators
    ("Chart saved: /home/…/exports/2026…-chart.png" was cut, file name and all)."""
    out: list[tuple[str, bool]] = []
    for word, spaced in units:
        if ("/" in word or "\\" in word) and font.size(word)[0] > width:
            pieces = [p for p in re.split(r"(?<=[/\\])", word) if p]
            out.append((pieces[0], spaced))
            out += [(piece, False) for piece in pieces[1:]]
        else:
            out.append((word, spaced))
    return out


def _wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        units = _path_pieces(break_units(para), font, width)
        if not units:
            lines.append("")
            continue
        line = units[0][0]
        for word, spaced in units[1:]:
            trial = f"{line} {word}" if spaced else line + word
            if font.size(trial)[0] <= width:
                line = trial
            else:
                lines.append(line)
                line = word
        while font.size(line)[0] > width and len(line) > 1:  # one word wider than the box
            cut = len(line) - 1
            while cut > 1 and font.size(line[:cut] + "…")[0] > width:
                cut -= 1
            lines.append(line[:cut] + "…")
            line = ""
            break
        if line:
            lines.append(line)
    return lines


def text(
    surface,
    content: str,
    font,
    colour,
    pos,
    max_width: int | None = None,
    max_lines: int | None = None,
    line_gap: int = 2,
) -> int:
    """Draw `content` (wrapped to `max_width`) at `pos`; returns the height used."""
    x, y = pos
    lines = wrap(content, font, max_width) if max_width else content.split("\n")
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and font.size(last + "…")[0] > (max_width or 10**6):
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    height = font.get_linesize()
    for i, line in enumerate(lines):
        surface.blit(font.render(line, True, colour), (x, y + i * (height + line_gap)))
    return len(lines) * (height + line_gap)


# -- layout: rectangles worked out from the window, the UI scale and the labels' own widths -------

LABEL_ROOM = 16  # what button() leaves of a button's width around its label


def label_fits(label: str, font, rect: pygame.Rect) -> bool:
    """True when button() can draw `label` in `rect` whole, without cutting it short (a label of
    two lines, split at a newline, needs the height of both)."""
    lines = label.split("\n")
    return (
        all(font.size(line)[0] <= rect.width - LABEL_ROOM for line in lines)
        and len(lines) * font.get_linesize() <= rect.height
    )


def button_width(label: str, font, least: int = 0) -> int:
    """The width a button needs to show `label` whole (and at least `least`)."""
    return max(least, font.size(label)[0] + LABEL_ROOM + 8)


def button_height(font, preferred: int) -> int:
    """`preferred`, but never less than the label's line and a little air."""
    return max(preferred, font.get_linesize() + 8)


def flow(
    widths, x: int, y: int, right: int, height: int, gap: int, row_gap: int | None = None
) -> list[pygame.Rect]:
    """Boxes of these widths placed left to right from (x, y), a new row begun wherever the next
    box would pass `right` (a box wider than the whole row is narrowed to it)."""
    row_gap = gap if row_gap is None else row_gap
    rects, cx, cy = [], x, y
    for width in widths:
        width = min(width, right - x)
        if cx > x and cx + width > right:
            cx, cy = x, cy + height + row_gap
        rects.append(pygame.Rect(cx, cy, width, height))
        cx += width + gap
    return rects


def row_of_buttons(
    labels,
    font,
    x: int,
    y: int,
    right: int,
    height: int,
    gap: int,
    least: int = 0,
    row_gap: int | None = None,
) -> list[pygame.Rect]:
    """Buttons for `labels`: all as wide as the widest label when they fit on one row, otherwise
    each as wide as its own label, wrapped onto as many rows as it takes."""
    natural = [button_width(label, font, least) for label in labels]
    widest = max(natural, default=0)
    if len(labels) * widest + (len(labels) - 1) * gap <= right - x:
        natural = [widest] * len(labels)
    return flow(natural, x, y, right, height, gap, row_gap)


def bottom_of(rects, default: int = 0) -> int:
    return max((r.bottom for r in rects), default=default)


def hide_typing(entry) -> None:
    """Show what is typed in a pygame_gui text field as dots (a passphrase), drawn, with the
    field's placeholder, in the field's own font: pygame_gui draws them in its symbol font, which
    has no Chinese letters, so a Chinese placeholder showed as boxes."""
    entry.set_text_hidden(True)
    if entry.font is not None:
        entry.hidden_font = entry.font
        # pygame_gui's "●" is not in the game's font (it drew a box for each letter typed): the
        # bullet is.
        entry.hidden_text_char = "•"
        entry.rebuild()


def fit_rows(count: int, room: int, preferred: int, least: int, gap: int, least_gap: int) -> tuple[int, int]:
    """(height, gap) for `count` rows stacked in `room`: the preferred ones when they fit, else
    shrunk, gaps first, down to `least` (the caller deals with what still does not fit)."""
    if count <= 0:
        return preferred, gap
    for g in range(gap, least_gap - 1, -1):
        h = (room - (count - 1) * g) // count
        if h >= preferred:
            return preferred, g
    h = (room - (count - 1) * least_gap) // count
    return max(least, min(preferred, h)), least_gap


# What a level's title ends with in brackets, its years "(2014-2021)", "（1996—2001）" or a note
# "(hypothetical)", and the space before it.
BRACKETS_AT_END = re.compile(r"\s*[(\uff08][^()\uff08\uff09]*[)\uff09]$")


def title_in_row(name: str, font, width: int, two_lines: bool) -> str:
    """A level's name for a list's row `width` wide: whole where it fits; else, where the row has
    two lines, over two; where even two would cut it (or the row has one), without the bracketed
    years or note at its end, which say nothing cut to "(2…" and which the screen's heading beside
    the list gives whole; cut with an ellipsis only when all that is still too long."""
    if font.size(name)[0] <= width:
        return name
    short = BRACKETS_AT_END.sub("", name)
    if two_lines:
        for words in (name, short):
            first, *rest = wrap(words, font, width) or [words]
            second = fit(" ".join(rest), font, width)
            if not second.endswith("…") or words == short:
                return f"{first}\n{second}".rstrip()
    return fit(short, font, width)


def first_fitting(words: list[str], font, width: int) -> str:
    """The first of `words` that fits `width` in `font`, else the last (which `fit` then cuts)."""
    return next((w for w in words if font.size(w)[0] <= width), words[-1])


def fit(content: str, font, width: int) -> str:
    """`content` cut with an ellipsis to fit `width` on one line."""
    if font.size(content)[0] <= width:
        return content
    while content and font.size(content + "…")[0] > width:
        content = content[:-1]
    return content + "…"


def panel(surface, rect, palette, radius: int = 8, border: bool = True, fill=None) -> None:
    pygame.draw.rect(surface, fill or palette.panel, rect, border_radius=radius)
    if border:
        pygame.draw.rect(surface, palette.panel_border, rect, width=1, border_radius=radius)


def focus_ring(surface, rect, palette, width: int = 3) -> None:
    pygame.draw.rect(surface, palette.focus, rect.inflate(6, 6), width=width, border_radius=10)


def button(surface, control: Control, palette, font, hovered: bool) -> None:
    rect = control.rect
    if control.selected:
        fill, colour = palette.accent, palette.background
    elif not control.enabled:
        fill, colour = palette.background, palette.text_muted
    elif hovered:
        fill, colour = palette.panel_border, palette.text
    else:
        fill, colour = palette.panel, palette.text
    pygame.draw.rect(surface, fill, rect, border_radius=8)
    pygame.draw.rect(
        surface,
        palette.accent if (hovered and control.enabled) else palette.panel_border,
        rect,
        width=1,
        border_radius=8,
    )
    # A label may run to a second line, split at a newline (a long level's name in the list).
    lines = nest_quotes(control.label, current_language()).split("\n")
    line_h = font.get_linesize()
    top = rect.centery - len(lines) * line_h // 2
    for i, line in enumerate(lines):
        img = font.render(fit(line, font, rect.width - 16), True, colour)
        surface.blit(img, img.get_rect(center=(rect.centerx, top + i * line_h + line_h // 2)))


def bar(
    surface,
    rect,
    value: float,
    palette,
    colour,
    lo: float = 0,
    hi: float = 100,
    marker: float | None = None,
    marker_label: str = "",
) -> None:
    """A horizontal meter bar; `marker` draws a notch (a ceiling or a threshold)."""
    pygame.draw.rect(surface, palette.background, rect, border_radius=4)
    share = max(0.0, min(1.0, (value - lo) / (hi - lo)))
    if share > 0:
        pygame.draw.rect(
            surface, colour, (rect.x, rect.y, max(2, int(rect.width * share)), rect.height), border_radius=4
        )
    pygame.draw.rect(surface, palette.panel_border, rect, width=1, border_radius=4)
    if marker is not None:
        mx = rect.x + int(rect.width * max(0.0, min(1.0, (marker - lo) / (hi - lo))))
        pygame.draw.line(surface, palette.text, (mx, rect.y - 3), (mx, rect.bottom + 2), 2)


def draw_tooltip(surface, tip: Tooltip, anchor, palette, fonts, sparkline=None, beside=None) -> pygame.Rect:
    """A tooltip box near `anchor`, kept inside the window (where it was drawn); with `beside` (a
    control's box), to its side where there is room, toward the window's middle, so that it covers
    none of the controls above and below it. Its title wraps rather than lose its end (a card's
    cost, in a longer language)."""
    width = min(int(420 * fonts.scale), surface.get_width() - 20)
    inner = width - 20
    title = wrap(tip.title, fonts.bold, inner) or [""]
    body = []
    for line in tip.lines:
        body.extend(wrap(line, fonts.small, inner))
    line_h = fonts.small.get_linesize()
    spark_h = int(36 * fonts.scale) if tip.history and len(tip.history) > 1 else 0
    height = (
        14
        + len(title) * fonts.bold.get_linesize()
        + 6
        + len(body) * line_h
        + (spark_h + 8 if spark_h else 0)
        + 8
    )
    x = min(anchor[0] + 16, surface.get_width() - width - 10)
    y = anchor[1] + 18
    if y + height > surface.get_height() - 10:
        y = max(10, anchor[1] - height - 10)
    if beside is not None:
        # (a keyboard player's focus: below it, the tooltip hid the next cards, and the card
        # promised at the summit with them)
        left = beside.left - width - 8 if beside.centerx > surface.get_width() // 2 else beside.right + 8
        if 10 <= left <= surface.get_width() - width - 10:
            x, y = left, max(10, min(beside.top, surface.get_height() - height - 10))
    rect = pygame.Rect(x, y, width, height)
    pygame.draw.rect(surface, palette.background, rect, border_radius=8)
    pygame.draw.rect(surface, palette.accent, rect, width=1, border_radius=8)
    cy = y + 8
    for line in title:
        surface.blit(fonts.bold.render(line, True, palette.text), (x + 10, cy))
        cy += fonts.bold.get_linesize()
    cy += 6
    if spark_h and sparkline:
        sparkline(surface, pygame.Rect(x + 10, cy, inner, spark_h), tip.history, palette.accent)
        cy += spark_h + 8
    for line in body:
        surface.blit(fonts.small.render(line, True, palette.text), (x + 10, cy))
        cy += line_h
    return rect


def toast(surface, app, message: str, area: pygame.Rect, avoid=()) -> pygame.Rect:
    """A passing message in a box at the foot of `area` (wrapped to its width), so that it covers
    none of the boxes in `avoid` (buttons, text): narrowed to more lines if that clears them, else
    raised above the ones in its way. Returns the box."""
    font, p = app.fonts.body, app.palette
    pad_x, pad_y = app.px(14), app.px(7)
    line_h = font.get_linesize()

    def laid_out(room: int) -> tuple[list[str], pygame.Rect]:
        lines = wrap(message, font, room - 2 * pad_x)
        width = max((font.size(line)[0] for line in lines), default=0) + 2 * pad_x
        box = pygame.Rect(0, 0, width, len(lines) * line_h + 2 * pad_y)
        box.midbottom = (area.centerx, area.bottom - app.px(8))
        return lines, box

    def clear_at_foot(box: pygame.Rect) -> bool:
        """Slide box along the foot, nearest the middle first, to where it covers nothing."""
        middle, step = box.x, app.px(16)
        for x in sorted(range(area.x, area.right - box.width + 1, step), key=lambda x: abs(x - middle)):
            box.x = x
            if not any(box.colliderect(r) for r in avoid):
                return True
        box.x = middle
        return False

    for share in (1.0, 0.6, 0.45):  # at the foot, narrower and taller if that clears what is there
        lines, box = laid_out(int(area.width * share))
        if not any(box.colliderect(r) for r in avoid) or clear_at_foot(box):
            break
    else:
        lines, box = laid_out(area.width)
        # Raised above what is in its way (and above the next that then is), never off the top.
        for _step in range(len(avoid)):
            hit = [r for r in avoid if box.colliderect(r)]
            if not hit:
                break
            box.bottom = max(box.height, min(r.top for r in hit) - app.px(8))
    pygame.draw.rect(surface, p.panel, box, border_radius=8)
    pygame.draw.rect(surface, p.warning, box, width=2, border_radius=8)
    for i, line in enumerate(lines):
        img = font.render(line, True, p.text)
        surface.blit(img, img.get_rect(midtop=(box.centerx, box.y + pad_y + i * line_h)))
    return box
