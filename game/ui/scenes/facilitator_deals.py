"""The facilitator's view of the deals (from the panel, D): every term agreed at a summit so far,
who is bound to what, and what became of each side's part, kept, broken or still to come, as the
engine checked it (`game.classroom.deals`). The facilitator chooses a term and writes a one-line
note beside it; the note goes into the session's record, and the debrief sheet and the exports
give it with the term. Terms of a summit that still sits are not shown until it is over.
"""

from __future__ import annotations

from functools import partial

import pygame

from game.classroom.deals import Deal, deals, notes_on
from game.i18n import N_, _
from game.speech.terms import term_words
from game.ui.scenes.base import Scene
from game.ui.text_entry import TextEntry
from game.ui.widgets import Control, button_height, button_width, fit, panel, text, wrap

INTRO = N_(
    "Every term agreed at a summit so far: who is bound to what, and what each side did with its "
    "part (the engine checks each one at resolution). Choose a term to write a note beside it; "
    "the debrief sheet and the exports give the note with the term."
)
SITTING = N_("This turn's summit still sits: its terms show here once it is over.")
NONE_YET = N_("No term has been agreed at a summit yet.")
# A term's fate as its row's tag says it (game.classroom.deals.Deal.status).
STATUS_TAGS = {"kept": N_("KEPT"), "broken": N_("BROKEN"), "pending": N_("PENDING")}
STATUS_WORDS = {"kept": N_("Kept"), "broken": N_("Broken"), "pending": N_("Pending")}
MAX_TERM_NOTE = 200  # one line


class FacilitatorDealsScene(Scene):
    name = "facilitator deals"

    def __init__(self, app, game):
        super().__init__(app)
        self.game = game
        self.session = game.classroom
        self.page = 0
        self.pages = 1
        self.chosen = 0  # the index of the deal chosen, in the list of every deal
        self.note_text = ""

    # -- layout ----------------------------------------------------------------------------------
    @property
    def deals(self) -> list[Deal]:
        return deals(self.game)

    def build(self) -> None:
        app, fonts = self.app, self.app.fonts
        w, h = app.size
        pad = app.px(20)
        bh = button_height(fonts.bold, app.px(36))
        self.head_rect = pygame.Rect(pad, app.px(16), w - 2 * pad, fonts.heading.get_linesize())
        intro_lines = min(4, len(wrap(self.intro(), fonts.small, w - 2 * pad)))
        self.intro_rect = pygame.Rect(
            pad,
            self.head_rect.bottom + app.px(6),
            w - 2 * pad,
            intro_lines * (fonts.small.get_linesize() + 2),
        )
        footer_y = h - pad - bh
        back = pygame.Rect(pad, footer_y, button_width(_("Back to the panel (Esc)"), fonts.bold), bh)
        top = self.intro_rect.bottom + app.px(12)
        body_h = footer_y - app.px(12) - top
        gap = app.px(16)
        list_w = int((w - 2 * pad - gap) * 0.56)
        self.list_rect = pygame.Rect(pad, top, list_w, body_h)
        self.detail_rect = pygame.Rect(
            self.list_rect.right + gap, top, w - pad - self.list_rect.right - gap, body_h
        )
        found = self.deals
        self.chosen = min(self.chosen, max(0, len(found) - 1))
        self.build_list(found, bh)
        self.build_note(found, bh)
        self.add(Control(back, _("Back to the panel (Esc)"), self.back))
        self.app.focus_index = next((i for i, c in enumerate(self.controls) if c.selected), 0)

    @property
    def captions(self) -> list[tuple[str, pygame.Rect]]:
        """The blocks of text drawn outside any control (for the layout's tests)."""
        out = [("heading", self.head_rect), ("intro", self.intro_rect), ("the term chosen", self.words_rect)]
        if self.pages > 1:
            label = self.app.fonts.small.size(self.page_words())
            out.append(("page", pygame.Rect(self.page_spot.topleft, (label[0], self.page_spot.height))))
        return out

    def intro(self) -> str:
        sitting = self.game.summit_open()
        return _(INTRO) + (f" {_(SITTING)}" if sitting else "")

    def page_words(self) -> str:
        return _("page {page} of {pages}").format(page=self.page + 1, pages=self.pages)

    def row_height(self) -> int:
        return 2 * (self.app.fonts.small.get_linesize() + 2) + self.app.px(12)

    def build_list(self, found: list[Deal], bh: int) -> None:
        app = self.app
        row_h, gap = self.row_height(), app.px(6)
        room = self.list_rect.height - bh - app.px(8)
        per_page = max(1, (room + gap) // (row_h + gap))
        self.pages = max(1, -(-len(found) // per_page))
        self.page = min(self.page, self.pages - 1)
        first = self.page * per_page
        for i, deal in enumerate(found[first : first + per_page]):
            rect = pygame.Rect(
                self.list_rect.x, self.list_rect.y + i * (row_h + gap), self.list_rect.width, row_h
            )
            self.add(
                Control(
                    rect,
                    term_words(self.game.level, deal.term),
                    partial(self.choose, first + i),
                    kind="deal",
                    selected=first + i == self.chosen,
                    data=deal,
                )
            )
        if self.pages > 1:
            fonts = app.fonts
            bw = max(button_width(_("< Prev"), fonts.bold), button_width(_("Next >"), fonts.bold))
            y = self.list_rect.bottom - bh
            self.add(
                Control(
                    pygame.Rect(self.list_rect.x, y, bw, bh),
                    _("< Prev"),
                    partial(self.turn_page, -1),
                    enabled=self.page > 0,
                )
            )
            self.add(
                Control(
                    pygame.Rect(self.list_rect.x + bw + app.px(6), y, bw, bh),
                    _("Next >"),
                    partial(self.turn_page, 1),
                    enabled=self.page < self.pages - 1,
                )
            )
            self.page_spot = pygame.Rect(self.list_rect.x + 2 * bw + app.px(14), y, 0, bh)

    def build_note(self, found: list[Deal], bh: int) -> None:
        """Under the chosen term's details: the note's field and its button."""
        app, fonts = self.app, self.app.fonts
        inset = app.px(10)
        d = self.detail_rect
        add = pygame.Rect(
            d.x + inset,
            d.bottom - inset - bh,
            min(d.width - 2 * inset, button_width(_("Add the note"), fonts.bold)),
            bh,
        )
        field = pygame.Rect(d.x + inset, add.y - app.px(8) - bh, d.width - 2 * inset, bh)
        self.words_rect = pygame.Rect(
            d.x + inset, d.y + inset, d.width - 2 * inset, field.y - app.px(8) - d.y - inset
        )
        self.note = None
        if not found:
            return
        self.note = self.element(TextEntry(field, app.manager, placeholder_text=_("A note on this term")))
        self.note.set_text_length_limit(MAX_TERM_NOTE)
        if self.note_text:
            self.note.set_text(self.note_text)
        self.text_field(self.note, _("Note on the term"))
        self.add(Control(add, _("Add the note"), self.annotate))

    # -- acts ------------------------------------------------------------------------------------
    def keep(self) -> None:
        self.note_text = self.note.get_text() if self.note is not None else ""
        self.rebuild()

    def choose(self, index: int) -> None:
        self.chosen = index
        self.keep()

    def turn_page(self, step: int) -> None:
        self.page = max(0, min(self.pages - 1, self.page + step))
        self.keep()

    def annotate(self) -> None:
        found = self.deals
        if not found or self.note is None:
            return
        deal = found[self.chosen]
        problem = self.session.annotate(self.note.get_text(), deal.noted())
        if problem:
            self.say(_("No note added: {problem}.").format(problem=problem))
            return
        self.note.set_text("")
        self.say(_("Note added beside the term."))
        self.keep()

    def scroll(self, amount: int) -> None:
        if self.pages > 1:
            self.turn_page(1 if amount > 0 else -1)

    def back(self) -> None:
        self.app.show("facilitator", game=self.game)

    # -- drawing ---------------------------------------------------------------------------------
    def draw(self, surface) -> None:
        p, fonts, game = self.app.palette, self.app.fonts, self.game
        head = _("Deals at the table · {level} · turn {turn} of {turns}").format(
            level=game.level.title, turn=game.state.turn, turns=game.level.turns
        )
        surface.blit(
            fonts.heading.render(fit(head, fonts.heading, self.head_rect.width), True, p.text), self.head_rect
        )
        text(
            surface,
            self.intro(),
            fonts.small,
            p.text_muted,
            self.intro_rect.topleft,
            self.intro_rect.width,
            max_lines=4,
        )
        found = self.deals
        if not found:
            text(surface, _(NONE_YET), fonts.body, p.text_muted, self.list_rect.topleft, self.list_rect.width)
        for c in self.controls:
            if c.kind == "deal":
                self.draw_deal(surface, c)
        if self.pages > 1:
            label = fonts.small.render(self.page_words(), True, p.text_muted)
            surface.blit(label, label.get_rect(midleft=self.page_spot.midleft))
        panel(surface, self.detail_rect, p)
        if found:
            self.draw_detail(surface, found[self.chosen])
        self.draw_controls(surface)

    def status_colour(self, deal: Deal):
        p = self.app.palette
        return {"kept": p.good, "broken": p.bad}.get(deal.status, p.text_muted)

    def draw_deal(self, surface, c: Control) -> None:
        app, p, font = self.app, self.app.palette, self.app.fonts.small
        deal: Deal = c.data
        hovered = c is app.hover
        pygame.draw.rect(surface, p.panel_border if hovered else p.panel, c.rect, border_radius=8)
        edge = p.accent if c.selected else p.panel_border
        pygame.draw.rect(surface, edge, c.rect, width=3 if c.selected else 1, border_radius=8)
        inner = c.rect.inflate(-app.px(16), -app.px(12))
        line = font.get_linesize() + 2
        status = _(STATUS_TAGS[deal.status]) if deal.status in STATUS_TAGS else deal.status.upper()
        tag = font.render(status, True, self.status_colour(deal))
        surface.blit(tag, tag.get_rect(topright=inner.topright))
        words = _("Turn {turn}: {term}").format(turn=deal.summit, term=c.label)
        surface.blit(
            font.render(fit(words, font, inner.width - tag.get_width() - app.px(10)), True, p.text),
            inner.topleft,
        )
        below = f"{deal.who_promised()} · {deal.status_words(self.game)}"
        surface.blit(
            font.render(fit(below, font, inner.width), True, p.text_muted), (inner.x, inner.y + line)
        )

    def draw_detail(self, surface, deal: Deal) -> None:
        p, fonts, game = self.app.palette, self.app.fonts, self.game
        r = self.words_rect
        line = fonts.small.get_linesize() + 2
        y = r.y
        paras = [
            (fonts.bold, p.text, term_words(game.level, deal.term)),
            (
                fonts.small,
                p.text_muted,
                _("Agreed at the summit of turn {turn}. {who}.").format(
                    turn=deal.summit, who=deal.who_promised()
                ),
            ),
            (
                fonts.small,
                self.status_colour(deal),
                _("{status}: {what}.").format(
                    status=_(STATUS_WORDS[deal.status])
                    if deal.status in STATUS_WORDS
                    else deal.status.capitalize(),
                    what=deal.status_words(game),
                ),
            ),
        ]
        notes = notes_on(game, deal.summit, deal.term)
        paras.append((fonts.bold, p.text, _("Your notes on it") if notes else _("No note on it yet.")))
        paras += [
            (fonts.small, p.text, _("Turn {turn}: {note}").format(turn=a.turn, note=a.text)) for a in notes
        ]
        for font, colour, words in paras:
            lines = wrap(words, font, r.width)
            room = (r.bottom - y) // line
            if room <= 0:
                break
            y += text(surface, words, font, colour, (r.x, y), r.width, max_lines=min(len(lines), room)) + 4
