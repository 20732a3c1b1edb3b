"""The summit: before planning, one side at the table. It puts its terms forward (chosen by kind,
filtered and a page at a time), answers the other side's terms (accept, reject, or counter once
with one of its own of the same kind), answers the counters made to its own, and reads what was
agreed, with the AI's reasons. "Skip the summit" is always there. In hot-seat, each side's moves
go through the hand-over screen, so neither sees the other's before it should; or, before anyone
has moved, "Agreed in the room" lets one player enter the terms two teams agreed aloud, for both
sides at once, and the summit is over without hand-overs.

The choices and the flow are `game.ui.summit.model`'s; the words are `game.ui.summit.words`'.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

import pygame

from game.core.meters import SIDES, other
from game.core.summit import Term
from game.i18n import N_, _, current_language, n_
from game.speech.reasons import PART_SEPARATOR
from game.speech.terms import term_words
from game.speech.words import date_of, listed, quoted
from game.text import nest_quotes
from game.ui.classroom_overlay import HeldByPause
from game.ui.scenes.base import Scene
from game.ui.summit.model import SummitModel
from game.ui.summit.words import (
    entry_lines,
    kind_words,
    name,
    power_note,
    running_lines,
    short_words,
    term_tip,
)
from game.ui.widgets import (
    Control,
    Tooltip,
    bottom_of,
    button_height,
    button_width,
    fit,
    panel,
    row_of_buttons,
    text,
    wrap,
)

STAGE_TITLES = {
    "propose": N_("put your terms forward"),
    "answer": N_("answer {partner}'s terms"),
    "counter": N_("answer {partner}'s counters"),
    "done": N_("what was agreed"),
    "wait": N_("waiting for {partner}"),
    "room": N_("enter the terms agreed in the room"),
}
STAGE_INTROS = {
    "propose": N_(
        "Before planning, the capitals bargain. Choose terms; {partner} accepts, rejects or counters "
        "each. A term agreed binds: kept, it builds trust; broken, it costs trust for years."
    ),
    "answer": N_(
        "{partner} puts these terms forward. Accept, reject, or counter with one of your own terms "
        "of the same kind, which {partner} then accepts or rejects. What you leave unanswered is "
        "rejected."
    ),
    "counter": N_("{partner} would not take some of your terms as they were and asks for these instead."),
    "done": N_("Agreed terms bind from this turn. The board lists them under Commitments while they run."),
    "wait": N_("{partner} moves next at the table."),
    "room": N_(
        "The teams agreed aloud: enter their terms for both sides. Each counts as put forward by one "
        "side and accepted by the other; recording them ends the summit. {allowance}"
    ),
}
# The heading over the list while countering a term of a kind with one of one's own.
COUNTER_HEADS = {
    "offer": N_("Counter with one of your own offers:"),
    "request": N_("Counter with one of your own requests:"),
    "promise": N_("Counter with one of your own promises:"),
    "warning": N_("Counter with one of your own warnings:"),
    "deal": N_("Counter with one of your own deals:"),
}


class SummitScene(HeldByPause, Scene):
    name = "summit"

    def __init__(self, app, game, side: str):
        super().__init__(app)
        self.game, self.side = game, side
        self.model = SummitModel(game, side)
        self.per_page = 1
        self.pages = 1
        self.box = None
        self.list_column = pygame.Rect(0, 0, 0, 0)  # the right-hand column, once built

    # -- layout ---------------------------------------------------------------------------------
    @property
    def font(self):
        """The terms' type: the body's in projector mode, so that a room can read them."""
        fonts = self.app.fonts
        return fonts.body if self.app.settings.projector_mode else fonts.small

    def frame(self) -> tuple[pygame.Rect, pygame.Rect, int]:
        """(the body between the header and the buttons, the row of buttons, the intro's top)."""
        app, fonts = self.app, self.app.fonts
        w, h = app.size
        pad = app.px(16)
        intro_top = pad + fonts.title.get_linesize() + fonts.heading.get_linesize()
        intro_lines = len(wrap(self.intro(), fonts.small, w - 2 * pad))
        top = intro_top + min(3, intro_lines) * (fonts.small.get_linesize() + 2) + app.px(8)
        bh = button_height(fonts.bold, app.px(42))
        footer = pygame.Rect(pad, h - pad - bh, w - 2 * pad, bh)
        return pygame.Rect(pad, top, w - 2 * pad, footer.y - app.px(10) - top), footer, intro_top

    def columns(self, body: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
        gap = self.app.px(14)
        left_w = int(body.width * (0.42 if self.model.stage in ("answer", "counter") else 0.38))
        left = pygame.Rect(body.x, body.y, left_w, body.height)
        return left, pygame.Rect(left.right + gap, body.y, body.right - left.right - gap, body.height)

    def intro(self) -> str:
        model = self.model
        allowance = " ".join(
            _("{side} may put forward {n}.").format(side=name(s), n=model.allowed_to(s))
            for s in (model.side, model.partner())
        )
        return _(STAGE_INTROS[model.stage]).format(partner=name(model.partner()), allowance=allowance)

    # -- building -------------------------------------------------------------------------------
    def build(self) -> None:
        body, footer, _intro_top = self.frame()
        self.box = None
        stage = self.model.stage
        left, right = self.columns(body)
        self.list_column = right  # where the wheel turns the list's pages
        if stage == "propose":
            self.build_chosen(left)
            self.build_list(right)
        elif stage == "room":
            self.build_room(left)
            self.build_list(right)
        elif stage == "answer":
            self.build_answers(left)
            if self.model.countering:
                self.build_list(right)
            else:
                self.build_notes(right)
        elif stage == "counter":
            self.build_counters(left)
            self.build_notes(right)
        else:
            self.box = self.text_box(self.summary_html(), body)
            if stage == "done":
                self.model.table.shown.add(self.side)
        self.build_footer(footer)
        self.app.focus_index = self.home_focus()

    def home_focus(self) -> int:
        """Where the keyboard's focus starts: the first term to choose or answer; on the summary,
        the button that goes on."""
        for i, c in enumerate(self.controls):
            if c.kind in ("term", "answer") or (c.label == self.go_on and c.action == self.to_board):
                return i
        return 0

    def build_footer(self, row: pygame.Rect) -> None:
        app, model = self.app, self.model
        stage = model.stage
        self.go_on: str | None = None  # the summary's button that goes on (the keyboard starts there)
        buttons: list[tuple[str, Callable[[], None], int | None, bool]] = [
            (_("Menu (Esc)"), self.back, None, True)
        ]
        if stage in ("propose", "answer", "counter"):
            buttons.append((_("Skip the summit (K)"), self.skip, pygame.K_k, True))
        if stage == "propose":
            if model.room_offered():
                buttons.append((_("Agreed in the room (R)"), self.enter_room, pygame.K_r, True))
            n = len(model.chosen)
            label = (
                n_("Put forward {n} term (P)", "Put forward {n} terms (P)", n).format(n=n)
                if n
                else _("Put forward nothing (P)")
            )
            buttons.append((label, self.propose, pygame.K_p, True))
        elif stage == "room":
            n = len(model.room_terms())
            label = (
                n_("Record {n} term as agreed (A)", "Record {n} terms as agreed (A)", n).format(n=n)
                if n
                else _("Record: nothing agreed (A)")
            )
            buttons.append((_("Back to the table (T)"), self.leave_room, pygame.K_t, True))
            buttons.append((label, self.record_room, pygame.K_a, True))
        elif stage in ("answer", "counter"):
            buttons.append((_("Send answers (S)"), self.send, pygame.K_s, not model.countering))
        elif stage == "wait":
            waiting = model.table.waiting_for()
            buttons.append(
                (_("Hand over to {side}").format(side=name(waiting[0])), self.to_board, None, True)
            )
        else:
            first = self.planner()
            own = first == self.side and not model.table.in_room
            label = _("Continue to the board") if own else _("Hand over to {side}").format(side=name(first))
            # (a translatable frame: Chinese sets a key's name in full-width brackets)
            self.go_on = _("{action} (Enter)").format(action=label)
            buttons.append((self.go_on, self.to_board, None, True))
        labels = [b[0] for b in buttons]
        rects = row_of_buttons(labels, app.fonts.bold, 0, 0, row.width, row.height, app.px(10))
        if len({r.y for r in rects}) > 1:  # too narrow for one row: each as wide as its label
            rects = row_of_buttons(labels, app.fonts.bold, 0, 0, 10**6, row.height, app.px(8))
        # Menu at the left, the rest at the right, the move last.
        right = row.right
        placed = []
        for rect in reversed(rects[1:]):
            placed.append(pygame.Rect(right - rect.width, row.y, rect.width, row.height))
            right -= rect.width + app.px(10)
        menu = pygame.Rect(row.x, row.y, rects[0].width, row.height)
        boxes = [menu, *reversed(placed)]
        for box, (label, action, hotkey, enabled) in zip(boxes, buttons, strict=True):
            why = _("Choose a counter, or cancel it, first.") if not enabled else ""
            self.add(Control(box, label, action, hotkey=hotkey, enabled=enabled, why_disabled=why))

    def heading(self, rect: pygame.Rect, words: str) -> int:
        """A heading's line at the top of `rect`; returns the y under it."""
        self.headings.append((words, rect.topleft, rect.width))
        return rect.y + self.app.fonts.bold.get_linesize() + self.app.px(6)

    @property
    def captions(self) -> list[tuple[str, pygame.Rect]]:
        """The blocks of text drawn outside any control or widget, each with its box (for the
        layout's tests: none may cover another or a control)."""
        line = self.app.fonts.bold.get_linesize()
        out = [(words, pygame.Rect(at, (width, line))) for words, at, width in self.headings]
        return out + [(words, rect) for words, rect, _tone in self.texts]

    def rebuild(self) -> None:
        self.headings: list[tuple[str, tuple[int, int], int]] = []
        self.texts: list[tuple[str, pygame.Rect, str]] = []  # (words, where, colour's name)
        self.blocks: list[pygame.Rect] = []  # the panels behind the terms to answer
        self.shown_as: dict[int, str] = {}  # a row in the list of a kind -> its shorter words
        self.row_notes: dict[int, str] = {}  # a row -> whose card cannot be played, if not yours
        super().rebuild()

    def viewer(self, term: Term) -> str:
        """Whose eyes a term's tooltip speaks to: this side, or in the room the side putting it forward."""
        return self.model.reader(term)

    def tip(self, term: Term) -> Tooltip:
        title, lines = term_tip(self.game, term, self.viewer(term))
        broken = self.model.breaks_running(term)
        if broken is not None:
            lines = [
                _("Keeping it would break a promise you are keeping: {term}.").format(
                    term=term_words(self.game.level, broken)
                ),
                *lines,
            ]
        return Tooltip(title, lines)

    def term_row(self, rect: pygame.Rect, term: Term, action, selected: bool, short: bool = False) -> None:
        """A term to click; in the list of its kind (`short`), without what the kind says."""
        words = term_words(self.game.level, term)
        # A card the side binds itself to play that it cannot play now: said on the row. A term
        # that could then only be broken cannot be given; one chosen already can be taken out.
        model = self.model
        closed = "" if selected else model.cannot_give(term)
        self.add(
            Control(
                rect,
                words,
                action,
                enabled=not closed,
                kind="term",
                selected=selected,
                data=term,
                tooltip=partial(self.tip, term),
                why_disabled=closed or model.cannot_play(term),
            )
        )
        if short:
            self.shown_as[id(self.controls[-1])] = short_words(self.game.level, term)
        asked, _why = model.asked_in_vain(term)
        if asked and not selected:  # (a request: it is the other side that cannot play the card)
            self.row_notes[id(self.controls[-1])] = _("({side} cannot play it this turn)").format(
                side=name(asked)
            )
        elif model.breaks_running(term) is not None:
            # Offered without a word, a card that breaks a promise still running.
            self.row_notes[id(self.controls[-1])] = _("(it would break a promise you are keeping)")

    def row_height(self, terms: list[Term] | None = None, width: int = 0) -> int:
        """A term's row: one line of words where every term listed fits in one, else two."""
        app, font = self.app, self.font
        room = width - app.px(16) - app.px(20)  # the row's inset and the box to tick
        level = self.game.level
        one = terms is not None and all(font.size(short_words(level, t))[0] <= room for t in terms)
        return (1 if one else 2) * (font.get_linesize() + 2) + app.px(10)

    def build_chosen(self, left: pygame.Rect) -> None:
        """The terms chosen to put forward (a click takes one out), the allowance, and the
        commitments running."""
        app, model = self.app, self.model
        most = model.allowed()
        y = self.heading(left, _("Your terms: {n} of {most} chosen").format(n=len(model.chosen), most=most))
        row_h, gap = self.row_height(), app.px(6)  # (two lines: the column is narrow)
        line = self.font.get_linesize() + 2
        for term in model.chosen:
            rect = pygame.Rect(left.x, y, left.width, row_h)
            self.term_row(rect, term, partial(self.toggle, term), True)
            y += row_h + gap
        if not model.chosen:
            self.texts.append(
                (
                    _("None yet: choose terms from the list."),
                    pygame.Rect(left.x, y, left.width, line),
                    "muted",
                )
            )
            y += line + gap
        y += app.px(4)
        notes = pygame.Rect(left.x, y, left.width, max(app.px(60), left.bottom - y))
        self.box = self.text_box(self.notes_html(), notes)

    def build_room(self, left: pygame.Rect) -> None:
        """The terms entered so far as agreed in the room (a click takes one out), each side's
        count against its allowance, and the commitments running."""
        app, model = self.app, self.model
        counts = listed(
            _("{side} {n} of {most}").format(side=name(s), n=model.room_count(s), most=model.allowed_to(s))
            for s in SIDES
        )
        y = self.heading(left, _("Agreed: {counts}").format(counts=counts))
        row_h, gap = self.row_height(), app.px(6)
        line = self.font.get_linesize() + 2
        terms = model.room_terms()
        room_for = max(1, (left.bottom - app.px(60) - y + gap) // (row_h + gap))
        for term in terms[:room_for]:
            rect = pygame.Rect(left.x, y, left.width, row_h)
            self.term_row(rect, term, partial(self.toggle, term), True)
            y += row_h + gap
        if len(terms) > room_for:
            more = _("and {n} more (Record lists them all)").format(n=len(terms) - room_for)
            self.texts.append((more, pygame.Rect(left.x, y, left.width, line), "muted"))
            y += line + gap
        if not terms:
            self.texts.append(
                (
                    _("None yet: choose terms from either side's list."),
                    pygame.Rect(left.x, y, left.width, line),
                    "muted",
                )
            )
            y += line + gap
        y += app.px(4)
        notes = pygame.Rect(left.x, y, left.width, max(app.px(60), left.bottom - y))
        self.box = self.text_box(self.notes_html(), notes)

    def build_notes(self, rect: pygame.Rect) -> None:
        self.box = self.text_box(self.notes_html(), rect)

    def build_list(self, right: pygame.Rect) -> None:
        """The list of terms: the kinds as tabs, the filters, a page of terms, the pager."""
        app, model, fonts = self.app, self.model, self.app.fonts
        tab_h = button_height(fonts.bold, app.px(32))
        y = right.y
        if model.countering:
            refused = model.countered_term()
            words = term_words(self.game.level, refused) if refused else ""
            cancel_w = button_width(_("Cancel counter"), fonts.bold)
            head = pygame.Rect(right.x, right.y, right.width - cancel_w - app.px(8), 0)
            y = self.heading(head, _(COUNTER_HEADS[refused.kind]) if refused else "")
            y = max(y, right.y + tab_h + app.px(4))  # (under the Cancel counter button)
            line = self.font.get_linesize() + 2
            self.texts.append(
                (
                    _("instead of: {term}").format(term=words),
                    pygame.Rect(right.x, y, right.width, line),
                    "muted",
                )
            )
            y += line + app.px(4)
        else:
            if model.stage == "room":
                y = self.build_room_sides(right, y)
            kinds = model.kinds()
            labels = [f"{label} ({n})" for _kind, label, n in kinds]
            rects = row_of_buttons(labels, fonts.bold, right.x, y, right.right, tab_h, app.px(6))
            if len({r.y for r in rects}) > 1:  # a narrow window: the tabs without their counts
                labels = [label for _kind, label, _n in kinds]
                rects = row_of_buttons(labels, fonts.bold, right.x, y, right.right, tab_h, app.px(6))
            for i, (rect, (kind, _label, _n), text_) in enumerate(zip(rects, kinds, labels, strict=True)):
                hotkey = pygame.K_1 + i if i < 9 else None
                self.add(
                    Control(
                        rect,
                        text_,
                        partial(self.show_kind, kind),
                        kind="tab",
                        selected=kind == model.kind,
                        hotkey=hotkey,
                    )
                )
            y = max(r.bottom for r in rects) + app.px(6)
            room = model.stage == "room"
            game = self.game
            blurb = kind_words(
                game.level,
                model.kind,
                model.room_side if room else self.side,
                room,
                turns_left=game.level.turns - game.state.turn + 1,
            )
            high = len(wrap(blurb, self.font, right.width)) * (self.font.get_linesize() + 2)
            self.texts.append((blurb, pygame.Rect(right.x, y, right.width, high), "muted"))
            y += high + app.px(4)
        filters = model.filters(model.base_terms())
        if filters:
            labels = [label for _key, label in filters]
            small_h = button_height(fonts.bold, app.px(28))
            rects = row_of_buttons(labels, fonts.bold, right.x, y, right.right, small_h, app.px(6))
            for rect, (key, label) in zip(rects, filters, strict=True):
                self.add(
                    Control(
                        rect,
                        label,
                        partial(self.show_filter, key),
                        kind="tab",
                        selected=key == model.filter,
                    )
                )
            y = max(r.bottom for r in rects) + app.px(8)
        pager_h = button_height(fonts.bold, app.px(30))
        list_rect = pygame.Rect(right.x, y, right.width, right.bottom - pager_h - app.px(8) - y)
        terms = model.listed()
        row_h, gap = self.row_height(terms, list_rect.width), app.px(6)
        self.per_page = max(1, (list_rect.height + gap) // (row_h + gap))
        self.pages = max(1, -(-len(terms) // self.per_page))
        model.page = min(model.page, self.pages - 1)
        shown = terms[model.page * self.per_page : (model.page + 1) * self.per_page]
        for i, term in enumerate(shown):
            rect = pygame.Rect(list_rect.x, list_rect.y + i * (row_h + gap), list_rect.width, row_h)
            if model.countering:
                self.term_row(rect, term, partial(self.choose_counter, term), False, short=True)
            else:
                self.term_row(rect, term, partial(self.toggle, term), model.is_chosen(term), short=True)
        # The pager, under the list: the page's number between its two buttons.
        bw = max(app.px(110), *(button_width(t, fonts.bold) for t in (_("< Previous"), _("Next >"))))
        py = right.bottom - pager_h
        self.add(
            Control(
                pygame.Rect(right.x, py, bw, pager_h),
                _("< Previous"),
                partial(self.turn_page, -1),
                enabled=model.page > 0,
            )
        )
        self.add(
            Control(
                pygame.Rect(right.right - bw, py, bw, pager_h),
                _("Next >"),
                partial(self.turn_page, 1),
                enabled=model.page < self.pages - 1,
            )
        )
        self.page_label = (
            _("Page {page} of {pages}").format(page=model.page + 1, pages=self.pages) + "  ·  PgUp/PgDn",
            pygame.Rect(right.x + bw, py, right.width - 2 * bw, pager_h),
        )
        if model.countering:
            cancel = pygame.Rect(0, 0, button_width(_("Cancel counter"), fonts.bold), tab_h)
            cancel.topright = (right.right, right.y)
            self.add(Control(cancel, _("Cancel counter"), self.cancel_counter))

    def build_room_sides(self, right: pygame.Rect, y: int) -> int:
        """The two sides as tabs over the room's list: whose terms it shows (M, B); returns the y
        under them."""
        app, model, fonts = self.app, self.model, self.app.fonts
        tab_h = button_height(fonts.bold, app.px(32))
        labels = [_("{side} puts forward ({key})").format(side=name(s), key=s[0].upper()) for s in SIDES]
        rects = row_of_buttons(labels, fonts.bold, right.x, y, right.right, tab_h, app.px(6))
        if len({r.y for r in rects}) > 1:  # a narrow window: the sides' names alone
            labels = [f"{name(s)} ({s[0].upper()})" for s in SIDES]
            rects = row_of_buttons(labels, fonts.bold, right.x, y, right.right, tab_h, app.px(6))
        for rect, side, label in zip(rects, SIDES, labels, strict=True):
            hotkey = pygame.K_m if side == "moscow" else pygame.K_b
            self.add(
                Control(
                    rect,
                    label,
                    partial(self.show_room_side, side),
                    kind="tab",
                    selected=side == model.room_side,
                    hotkey=hotkey,
                )
            )
        return max(r.bottom for r in rects) + app.px(8)

    def answer_blocks(self, left: pygame.Rect, items: list[tuple[Term, str, list[tuple[str, str]]]]) -> None:
        """One block a term to answer: its words, then a button for each answer (the one given is
        marked), and the counter chosen, if any."""
        app, fonts = self.app, self.app.fonts
        y = left.y
        bh = button_height(fonts.bold, app.px(30))
        line = self.font.get_linesize() + 2
        gap = app.px(10)
        room = left.bottom - y
        each = (room - gap * (len(items) - 1)) // max(1, len(items))
        for term, words, buttons in items:
            inner = left.width - app.px(16)
            # The answers' buttons, laid out first: in a narrow column (800x600, longer words) they
            # take a second row, which the block must hold.
            labels = [label for label, *_rest in buttons]
            rects = row_of_buttons(
                labels, fonts.bold, left.x + app.px(8), 0, left.right - app.px(8), bh, app.px(6)
            )
            buttons_h = bottom_of(rects, bh)
            fits = max(1, (each - buttons_h - app.px(20)) // line)
            lines = wrap(words, self.font, inner)
            text_lines = min(len(lines), fits)
            # Under the words, as room allows: whom the term binds and what breaking it costs; once
            # a counter is chosen, the counter's ("Your counter: Moscow asks Beijing..." sat over
            # "Binds Moscow this turn", which was the refused term's).
            given = self.model.answer_of(term) if self.model.stage == "answer" else None
            detail = " ".join(term_tip(self.game, given if isinstance(given, Term) else term)[1][:2])
            detail_lines = min(len(wrap(detail, self.font, inner)), fits - text_lines)
            block_h = (text_lines + detail_lines) * line + buttons_h + app.px(20)
            block = pygame.Rect(left.x, y, left.width, block_h)
            self.blocks.append(block)
            top = block.y + app.px(6)
            self.texts.append(
                (words, pygame.Rect(block.x + app.px(8), top, inner, text_lines * line), "text")
            )
            if detail_lines > 0:
                where = pygame.Rect(block.x + app.px(8), top + text_lines * line, inner, detail_lines * line)
                self.texts.append((detail, where, "muted"))
            rects = [r.move(0, block.bottom - buttons_h - app.px(8)) for r in rects]
            for rect, (label, answer) in zip(rects, buttons, strict=True):
                chosen = self.chosen_answer(term) == answer
                self.add(
                    Control(
                        rect,
                        label,
                        partial(self.answer, term, answer),
                        kind="answer",
                        selected=chosen,
                        data=term,
                    )
                )
            y = block.bottom + gap

    def chosen_answer(self, term: Term) -> str:
        model = self.model
        if model.stage == "counter":
            return model.counter_answer_of(term)
        if model.countering == term.key():
            return "counter"
        given = model.answer_of(term)
        return "counter" if isinstance(given, Term) else given

    def build_answers(self, left: pygame.Rect) -> None:
        model, level = self.model, self.game.level
        terms = model.to_answer()
        top = self.heading(left, _("{side}'s terms ({n})").format(side=name(model.partner()), n=len(terms)))
        items = []
        for term in terms:
            words = term_words(level, term)
            cannot = model.cannot_play(term)  # (a term that binds this side to a card it cannot play now)
            if cannot:
                words += " " + _("(you cannot play it this turn: {why})").format(why=cannot)
            elif model.put_forward_too(term):
                words += " " + _("(you put this forward yourself)")
            given = model.answer_of(term)
            if isinstance(given, Term):
                words += _(". Your counter: {term}").format(term=term_words(level, given))
            items.append(
                (term, words, [(_("Accept"), "accept"), (_("Reject"), "reject"), (_("Counter…"), "counter")])
            )
        self.answer_blocks(pygame.Rect(left.x, top, left.width, left.bottom - top), items)

    def build_counters(self, left: pygame.Rect) -> None:
        model, level = self.model, self.game.level
        pairs = model.counters()
        top = self.heading(
            left, _("{side}'s counters ({n})").format(side=name(model.partner()), n=len(pairs))
        )
        items = [
            (
                counter,
                _("For your term ({mine}), {side} puts forward instead: {counter}").format(
                    mine=term_words(level, mine),
                    side=name(model.partner()),
                    counter=term_words(level, counter),
                ),
                [(_("Accept"), "accept"), (_("Reject"), "reject")],
            )
            for mine, counter in pairs
        ]
        self.answer_blocks(pygame.Rect(left.x, top, left.width, left.bottom - top), items)

    # -- what the boxes say ---------------------------------------------------------------------
    def notes_html(self) -> str:
        model = self.model
        room = model.stage == "room"
        out = []
        if self.game.state.turn == 1 and model.stage == "propose":
            # A level's first screen is its first summit, before the board, its briefing and its
            # cards (the tutorial has none): a new player was lost at it.
            every = self.game.level.rules.summit_every
            out.append(
                "<b>"
                + _("The first summit")
                + "</b><br>"
                + html.escape(
                    n_(
                        "The capitals bargain before each plan is made, every turn. Your level's "
                        "briefing and your cards are on the board: skip this summit (K) to read them "
                        "first, and bargain at the next.",
                        "The capitals bargain before planning, every {n} turns. Your level's briefing "
                        "and your cards are on the board: skip this summit (K) to read them first, and "
                        "bargain at the next.",
                        every,
                    ).format(n=every)
                )
            )
        out.append(
            "<b>" + _("How many terms") + f"</b><br>{html.escape(power_note(self.game, self.side, room))}"
        )
        if model.stage in ("answer", "counter"):
            mine = model.table.proposed.get(self.side, [])
            if mine:
                partner = name(model.partner())
                out.append(
                    _("<b>Your terms</b> (you see {partner}'s answers when the table is done)").format(
                        partner=partner
                    )
                    + "<br>"
                    + "<br>".join(f"• {html.escape(term_words(self.game.level, t))}" for t in mine)
                )
        promised = self.promised_html()
        if promised:
            out.append(promised)
        running = running_lines(self.game)
        out.append(
            "<b>"
            + _("Commitments running")
            + "</b><br>"
            + ("<br>".join(f"• {html.escape(line)}" for line in running) if running else _("None run now."))
        )
        return "<br><br>".join(out)

    def promised_html(self) -> str:
        """What the cards this side's word would bind it to play this turn cost, against its
        capital and the cards a plan holds: terms that together ask more than a plan can do
        could not all be kept ('' when they bind it to no card)."""
        cards = self.model.cards_promised()
        if not cards:
            return ""
        level, state = self.game.level, self.game.state
        cost = sum(level.actions[c].cost for c in cards)
        capital = state.meters[f"{self.side}.capital"]
        most = level.rules.max_actions
        names = listed(quoted(level.actions[c].name) for c in cards)
        line = _(
            "Your word would bind you to play {cards} this turn: cost {cost} of your {capital} capital."
        ).format(cards=names, cost=cost, capital=f"{capital:g}")
        over = []
        if cost > capital:
            over.append(_("That is more capital than you have"))
        if len(cards) > most:
            over.append(
                n_("a plan holds at most {n} card", "a plan holds at most {n} cards", most).format(n=most)
            )
        warning = ""
        if over:
            warning = (
                " <b>"
                + html.escape(
                    _("{problems}: one of these words could only be broken.").format(
                        problems=_(PART_SEPARATOR).join(over)
                    )
                )
                + "</b>"
            )
        return "<b>" + _("Your word this turn") + "</b><br>" + html.escape(line) + warning

    def summary_html(self) -> str:
        """What the summit came to: each side's terms (with the counters made to them), agreed ones
        in bold, each with the AI's reason; then the commitments running now."""
        entries = self.model.entries()
        lines = entry_lines(self.game.level, entries)
        out = []
        if not lines:
            out.append(_("Neither side put anything forward: no term was agreed at this summit."))
        elif not any(ok for ok, _words, _why in lines):
            out.append("<b>" + _("No term was agreed at this summit.") + "</b>")
        partner = self.model.partner()
        titles: tuple[tuple[str, str], ...] = (
            (self.side, _("Your terms")),
            (partner, _("{side}'s terms").format(side=name(partner))),
        )
        if self.model.table.in_room:
            out.insert(0, _("<b>Agreed aloud in the room</b>, and entered for both sides by one player."))
            titles = tuple(
                (s, _("{side}'s terms").format(side=name(s))) for s in SIDES
            )  # (both teams read this screen)
        for proposer, title in titles:
            # A counter goes with the term it answers, which the other side put forward.
            mine = [
                line
                for entry, line in zip(entries, lines, strict=True)
                if (entry.term.by if not entry.counter_to else other(entry.term.by)) == proposer
            ]
            out.append(("<br>" if out else "") + f"<u>{title}</u>")
            if not mine:
                out.append(_("None put forward."))
            for ok, words, why in mine:
                mark = "<b>" + html.escape(words) + "</b>" if ok else html.escape(words)
                out.append(mark + (f"<br><i>{html.escape(why)}</i>" if why else ""))
        running = running_lines(self.game)
        out.append(
            "<br><b>"
            + _("Commitments running now")
            + "</b><br>"
            + ("<br>".join(f"• {html.escape(line)}" for line in running) if running else _("None."))
        )
        return "<br>".join(out)

    # -- moves ------------------------------------------------------------------------------------
    def toggle(self, term: Term) -> None:
        problem = self.model.toggle(term)
        if problem:
            self.say(problem)
            return
        self.keep_focus()

    def show_kind(self, kind: str) -> None:
        self.model.show_kind(kind)
        self.keep_focus()

    def show_filter(self, key: str) -> None:
        self.model.show_filter(key)
        self.keep_focus()

    def turn_page(self, step: int) -> None:
        model = self.model
        model.page = max(0, min(self.pages - 1, model.page + step))
        self.keep_focus()

    def scroll(self, amount: int) -> None:
        # The wheel, only over the list: over the terms chosen on the left (a text that may scroll
        # itself) it turned the list's pages.
        if self.list_column.collidepoint(self.app.mouse):
            self.page_key(amount)

    def page_key(self, amount: int) -> None:
        """Page Up and Page Down turn the list's pages, wherever the mouse is."""
        if self.model.stage in ("propose", "room") or self.model.countering:
            self.turn_page(1 if amount > 0 else -1)

    def show_room_side(self, side: str) -> None:
        self.model.show_room_side(side)
        self.keep_focus()

    def enter_room(self) -> None:
        problem = self.model.enter_room()
        if problem:
            self.say(problem)
            return
        self.autosave()  # (Continue comes back to the room's entry)
        self.rebuild()

    def leave_room(self) -> None:
        self.model.leave_room()
        self.autosave()
        self.rebuild()

    def record_room(self) -> None:
        self.moved(self.model.agree_in_room())

    def answer(self, term: Term, answer: str) -> None:
        if self.model.stage == "counter":
            self.model.set_counter_answer(term, answer)
        else:
            self.model.set_answer(term, answer)
        self.keep_focus()

    def choose_counter(self, term: Term) -> None:
        self.model.choose_counter(term)
        self.keep_focus()

    def cancel_counter(self) -> None:
        self.model.stop_countering()
        self.keep_focus()

    def keep_focus(self) -> None:
        """Rebuild after a choice, with the focus on the same control when it is still there."""
        focused = self.app.focused()
        was = (focused.kind, focused.label, focused.data) if focused is not None else None
        where = focused.rect if focused is not None else None
        self.rebuild()
        same = [i for i, c in enumerate(self.controls) if (c.kind, c.label, c.data) == was]
        # (a term chosen shows twice, in the list and among the chosen: the focus stays where it was)
        here = [i for i in same if self.controls[i].rect == where]
        if here or same:
            self.app.focus_index = (here or same)[0]

    def propose(self) -> None:
        self.moved(self.model.propose())

    def send(self) -> None:
        model = self.model
        self.moved(model.send_answers() if model.stage == "answer" else model.send_counter_answers())

    def skip(self) -> None:
        self.moved(self.model.skip())

    def moved(self, problem: str | None) -> None:
        if problem:
            self.say(problem)
            return
        nxt = self.model.after_move()
        self.autosave()
        if nxt.where == "hand-over" and nxt.side is not None:
            self.app.show(
                "hand-over",
                game=self.game,
                side=nxt.side,
                note=(
                    _(
                        "{side} has made its move at the summit and it stays hidden. "
                        "Only {next} should look at the screen now."
                    ).format(side=name(self.side), next=name(nxt.side))
                ),
            )
            return
        self.rebuild()

    def autosave(self) -> None:
        """Write the game's autosave after a move at the table, so that Continue comes back to the
        summit as it stands (the save carries a summit that still sits, or what it agreed)."""
        game = self.game
        try:
            self.app.saves.autosave(game.log_to_save(), slot=game.own_autosave_slot())
        except OSError as e:
            from game.session.data_folder import problem_message

            self.app.notice = problem_message(_("The autosave could not be written"), e)

    def planner(self) -> str:
        """Who plans first now: in hot-seat, the first player whose plan is not locked (the usual
        order, whoever ended the summit), else this side."""
        return next((s for s in self.game.humans() if s not in self.game.locked), self.side)

    def to_board(self) -> None:
        first = self.planner()
        # After terms agreed in the room both teams are at the screen: the first to plan is handed
        # the keyboard even when it is this side, so the other team does not see its board.
        in_room = self.model.table.in_room
        if (first != self.side or in_room) and self.model.stage == "done":
            self.app.show(
                "hand-over",
                game=self.game,
                side=first,
                note=_("The summit is over. {side} plans first; only {side} should look now.").format(
                    side=name(first)
                ),
            )
            return
        self.app.show("board", game=self.game, perspective=self.side)

    def back(self) -> None:
        """Esc: put down a counter being chosen, else the menu."""
        if self.model.countering:
            self.cancel_counter()
            return
        self.app.show_over("menu", game=self.game)

    # -- autoplay ---------------------------------------------------------------------------------
    def entered(self) -> None:
        if self.app.options.autoplay:
            self.autoplay()

    def autoplay(self) -> None:
        app, model = self.app, self.model
        turn = self.game.state.turn
        app.capture(f"turn{turn:02d}-summit-{self.side}")
        while model.stage in ("propose", "answer", "counter"):
            if model.autoplay():
                model.skip()
            nxt = model.after_move()
            if nxt.where == "hand-over" and nxt.side is not None:
                app.show("hand-over", game=self.game, side=nxt.side)
                return
        self.rebuild()
        app.capture(f"turn{turn:02d}-summit-{self.side}-agreed")
        self.to_board()

    # -- drawing ------------------------------------------------------------------------------------
    def draw(self, surface) -> None:
        app, p, fonts = self.app, self.app.palette, self.app.fonts
        w = app.size[0]
        pad = app.px(16)
        level, turn = self.game.level, self.game.state.turn
        title = _("The summit, turn {turn} ({date})").format(turn=turn, date=date_of(level, turn))
        surface.blit(fonts.title.render(fit(title, fonts.title, w - 2 * pad), True, p.text), (pad, pad))
        stage = self.model.stage
        who = _("Both teams") if stage == "room" or self.model.table.in_room else name(self.side)
        sub = _("{who} at the table: {stage}").format(
            who=who, stage=_(STAGE_TITLES[stage]).format(partner=name(self.model.partner()))
        )
        y = pad + fonts.title.get_linesize()
        surface.blit(fonts.heading.render(fit(sub, fonts.heading, w - 2 * pad), True, p.accent), (pad, y))
        intro_top = self.frame()[2]
        text(surface, self.intro(), fonts.small, p.text_muted, (pad, intro_top), w - 2 * pad, max_lines=3)
        for block in self.blocks:
            panel(surface, block, p)
        for words, at, width in self.headings:
            surface.blit(fonts.bold.render(fit(words, fonts.bold, width), True, p.text), at)
        for words, rect, colour in self.texts:
            shade = p.text if colour == "text" else p.text_muted
            most = max(1, rect.height // (self.font.get_linesize() + 2)) if rect.height else 1
            text(surface, words, self.font, shade, rect.topleft, rect.width, max_lines=most)
        if stage in ("propose", "room") or self.model.countering:
            label, rect = self.page_label
            img = fonts.small.render(fit(label, fonts.small, rect.width), True, p.text_muted)
            surface.blit(img, img.get_rect(center=rect.center))
        for c in self.controls:
            if c.kind == "term":
                self.draw_term(surface, c)
        self.draw_controls(surface, kinds=("button", "tab", "item", "answer"))

    def draw_term(self, surface, c: Control) -> None:
        app, p = self.app, self.app.palette
        hovered = c is app.hover
        pygame.draw.rect(surface, p.panel_border if hovered else p.panel, c.rect, border_radius=8)
        edge = p.accent if c.selected else p.panel_border
        pygame.draw.rect(surface, edge, c.rect, width=3 if c.selected else 1, border_radius=8)
        inner = c.rect.inflate(-app.px(16), -app.px(10))
        # A box to tick at the left: filled when the term is chosen.
        tick = pygame.Rect(inner.x, inner.y + app.px(2), app.px(12), app.px(12))
        if c.selected:
            pygame.draw.rect(surface, p.accent, tick, border_radius=3)
        else:
            pygame.draw.rect(surface, p.text_muted, tick, width=1, border_radius=3)
        room = inner.width - tick.width - app.px(8)
        at = (tick.right + app.px(8), inner.y)
        words = nest_quotes(self.shown_as.get(id(c), c.label), current_language())
        used = text(surface, words, self.font, p.text if c.enabled else p.text_muted, at, room, max_lines=2)
        if c.why_disabled or id(c) in self.row_notes:  # said after the words where they leave room
            note = "  " + self.row_notes.get(id(c), _("(you cannot play it this turn)"))
            last = wrap(words, self.font, room)[-1]
            x = at[0] + self.font.size(last)[0]
            y = at[1] + used - (self.font.get_linesize() + 2)
            if x + self.font.size(note)[0] <= at[0] + room:
                surface.blit(self.font.render(note, True, p.warning), (x, y))
