"""The facilitator's side of a classroom session: the passphrase prompt (F9) and the panel.

The panel pauses and resumes, sets the planning timer, injects an event of the level's deck (with a
preview of what it does), adjusts a meter with a written reason, annotates the turn, opens the
deals agreed at the summits (to annotate a term), exports the session, and ends it early. Every act goes through `ClassroomSession`, which writes it into the
replay log as the facilitator's.
"""

from __future__ import annotations

from functools import partial

import pygame
import pygame_gui

from game.classroom.adjustable import OFFERED_METERS
from game.classroom.session import TIMER_CHOICES
from game.core.meters import SIDE_LABEL
from game.i18n import _, format_number, n_, p_
from game.session.data_folder import problem_message
from game.session.story import ending_note
from game.speech.facilitator_words import act_words
from game.speech.reasons import say
from game.speech.sides import power_name
from game.speech.words import listed, meter_label, plain, plain_signed
from game.ui.board.texts import meter_row_labels
from game.ui.rule_words import flag_reach, flag_state
from game.ui.scenes.base import Scene
from game.ui.text_entry import TextEntry
from game.ui.widgets import (
    Control,
    bottom_of,
    button_height,
    button_width,
    fit,
    flow,
    hide_typing,
    panel,
    row_of_buttons,
    wrap,
)

ADJUSTABLE = OFFERED_METERS  # (the dashboard offers the same)
STEPS = (-10, -5, -1, 1, 5, 10)
EVENTS_PER_PAGE = 9


def meter_names(meter: str) -> list[str]:
    """A meter's name on its button, then the board's shorter ones for a narrow column (a side's
    own meter keeps its side's name)."""
    side = meter.split(".")[0]
    if side in ("moscow", "beijing"):
        short = p_("short", "Moscow") if side == "moscow" else p_("short", "Beijing")
        return [
            meter_label(meter),
            *(_(SIDE_LABEL).format(side=short, meter=name) for name in meter_row_labels(meter)),
        ]
    if meter in ("central_asia.moscow", "central_asia.beijing"):
        # A side's influence in the whole region: its long name does not fit half a narrow column
        # in every language ("Orta Asya: Moskova etkisi").
        power = meter.split(".")[1]
        short = p_("short", "Moscow") if power == "moscow" else p_("short", "Beijing")
        return [
            meter_label(meter),
            *(_("C. Asia: {side}").format(side=s) for s in (power_name(power), short)),
        ]
    return [meter_label(meter), *meter_row_labels(meter)[1:]]


def twin_of(meter: str) -> str | None:
    """The other side's same meter among those offered (Moscow's influence in Central Asia for
    Beijing's, Beijing's economy for Moscow's), or None."""
    swapped = meter.replace("moscow", "\0").replace("beijing", "moscow").replace("\0", "beijing")
    return swapped if swapped != meter and swapped in ADJUSTABLE else None


def button_names(widths: dict[str, int], fits) -> dict[str, str]:
    """Each meter's name on a button `widths[meter]` wide: the first of its names for which
    `fits(name, width)`, a meter and its twin taking the same form, the shorter one either needs
    (the panel read "C. Asia: Moscow" beside "Central Asia: Beijing influence")."""

    def form(meter: str) -> int:
        names = meter_names(meter)
        return next((i for i, n in enumerate(names) if fits(n, widths[meter])), len(names) - 1)

    chosen = {}
    for meter in widths:
        names, twin = meter_names(meter), twin_of(meter)
        k = max(form(meter), form(twin)) if twin in widths else form(meter)
        chosen[meter] = names[min(k, len(names) - 1)]
    return chosen


def meter_rows(meters, fits_half) -> list[tuple[str, ...]]:
    """The meters in rows of the adjusting column, in their order: two to a row, but one for which
    `fits_half` is false (its shortest name is wider than half the column) alone in its row."""
    rows: list[tuple[str, ...]] = []
    waiting: str | None = None  # a meter of half a row, waiting for a second
    for meter in meters:
        if not fits_half(meter):
            if waiting is not None:
                rows.append((waiting,))
                waiting = None
            rows.append((meter,))
        elif waiting is None:
            waiting = meter
        else:
            rows.append((waiting, meter))
            waiting = None
    if waiting is not None:
        rows.append((waiting,))
    return rows


def signed_effects(level, event) -> str:
    """What an event does, for the facilitator choosing one: its meters' changes, the states of
    things it begins or ends (in words, not the level file's flags), and its later effects."""
    parts = [f"{meter_label(m)} {plain_signed(d)}" for m, d in event.does.effects]
    flags = [(f, True) for f in event.does.set_flags] + [(f, False) for f in event.does.clear_flags]
    for flag, present in flags:
        state = flag_state(level, flag)
        if state is not None:
            parts.append(
                (_("from now on: {state}") if present else _("no longer: {state}")).format(state=state)
            )
            continue
        # A flag of the level's own: what it opens and closes, the cards a team will see change.
        meets, rules_out = flag_reach(level, flag, present, besides=event.id)
        if meets:
            parts.append(_("from now on possible: {names}").format(names=listed(meets)))
        if rules_out:
            parts.append(_("from now on ruled out: {names}").format(names=listed(rules_out)))
    if event.delayed:
        n = len(event.delayed)
        parts.append(n_("and {n} later effect", "and {n} later effects", n).format(n=n))
    return "; ".join(parts) or _("no direct effect on the meters")


class FacilitatorLoginScene(Scene):
    """Asks for the passphrase; a wrong one is refused and noted in the session's record. The right
    one opens the panel, or does `then` when given (the Esc menu's Quit to title)."""

    name = "facilitator login"

    def __init__(self, app, game, then=None):
        super().__init__(app)
        self.game = game
        self.then = then

    def build(self) -> None:
        app = self.app
        w, h = app.size
        bw = app.px(360)
        top = int(h * 0.38)
        self.entry = self.element(
            TextEntry(
                pygame.Rect(w // 2 - bw // 2, top, bw, app.px(42)),
                app.manager,
                placeholder_text=_("Passphrase"),
            )
        )
        hide_typing(self.entry)
        self.entry.set_text_length_limit(60)
        self.text_field(self.entry, _("Passphrase"))
        self.app.manager.set_focus_set(self.entry)
        self.entry.focus()
        self.column_of_buttons(
            [(_("Open the panel"), self.submit), (_("Cancel"), self.back)], w // 2, top + app.px(60), bw
        )

    def handle(self, event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.submit()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()  # Esc goes back at once, even while the field has the keyboard
            return True
        return False

    def submit(self) -> None:
        session = self.game.classroom
        closed = session.closed_here()
        if closed:
            self.entry.set_text("")
            self.say(closed)
            return
        if session.unlock(self.entry.get_text()):
            if self.then is not None:
                self.then()
            else:
                self.app.replace(FacilitatorPanelScene(self.app, self.game))
            return
        self.entry.set_text("")
        # Enter took the keyboard from the field: give it back, so the next try is typed straight in.
        self.app.manager.set_focus_set(self.entry)
        self.entry.focus()
        self.say(_("Wrong passphrase. The attempt has been noted in the session's record."))

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        w, h = app.size
        img = app.fonts.title.render(_("Facilitator"), True, p.text)
        surface.blit(img, img.get_rect(center=(w // 2, int(h * 0.24))))
        note = _("Type the passphrase set when the session started. Students: press Esc to go back.")
        t = app.fonts.small.render(note, True, p.text_muted)
        surface.blit(t, t.get_rect(center=(w // 2, int(h * 0.24) + app.px(44))))
        self.draw_controls(surface)


class FacilitatorPanelScene(Scene):
    name = "facilitator"

    def __init__(self, app, game):
        super().__init__(app)
        self.game = game
        self.session = game.classroom
        self.event_page = 0
        self.event_index = 0
        self.meter_page = 0
        self.meter = "partnership"
        self.delta = 0
        self.texts = {"reason": "", "note": ""}
        self.confirm_end = False
        # What each event does, in words, by its id: worked out when first shown, not every frame
        # (it reads every card's condition for the flags the event sets).
        self.effects: dict[str, str] = {}

    def effects_of(self, event) -> str:
        """signed_effects() of `event`, kept for the panel's life."""
        said = self.effects.get(event.id)
        if said is None:
            said = self.effects[event.id] = signed_effects(self.game.level, event)
        return said

    @property
    def events(self):
        return list(self.game.level.events)

    def build(self) -> None:
        """A row of pace controls (wrapped when narrow), then three columns: inject, adjust,
        annotate. The lists in the columns show as many rows as fit and turn pages for the rest."""
        app, s = self.app, self.session
        fonts = app.fonts
        w, h = app.size
        pad = app.px(20)
        gap = app.px(6)
        bh = button_height(fonts.bold, app.px(36))
        self.head_rect = pygame.Rect(pad, app.px(16), w - 2 * pad, fonts.heading.get_linesize())
        # The pace row: Pause, the timer's reading, the timer choices, Export; End and Close last.
        y = self.head_rect.bottom + app.px(10)
        timers = [
            _("Off") if not minutes else _("{minutes} min").format(minutes=plain(minutes))
            for minutes in TIMER_CHOICES
        ]
        end_label = _("Really end?") if self.confirm_end else _("End session")
        labels = [
            _("Resume") if s.paused else _("Pause"),
            *timers,
            _("Deals (D)"),
            _("Export now"),
            end_label,
            _("Close"),
        ]
        widths = [button_width(t, fonts.bold) for t in labels]
        widths[0] = max(button_width(_("Resume"), fonts.bold), button_width(_("Pause"), fonts.bold))
        reading_w = fonts.bold.size(_("no timer"))[0] + app.px(12)
        rects = flow([widths[0], reading_w, *widths[1:]], pad, y, w - pad, bh, gap)
        pause, reading, rest = rects[0], rects[1], rects[2:]
        self.add(Control(pause, labels[0], self.toggle_pause, hotkey=pygame.K_p))
        self.timer_rect = reading
        for rect, label_, minutes in zip(rest, timers, TIMER_CHOICES, strict=False):
            self.add(
                Control(
                    rect,
                    label_,
                    partial(self.set_timer, minutes),
                    selected=(s.spec.timer_minutes == minutes),
                )
            )
        deals, export, end, close = rest[len(timers) :]
        self.add(Control(deals, labels[-4], self.show_deals, hotkey=pygame.K_d))
        self.add(Control(export, labels[-3], self.export))
        self.add(Control(end, end_label, self.end))
        self.add(Control(close, labels[-1], self.back))
        # Three columns: inject, adjust, annotate.
        title_h = fonts.bold.get_linesize() + app.px(12)
        col_top = bottom_of(rects) + app.px(12)
        top = col_top + title_h
        col_w = (w - 4 * pad) // 3
        self.columns = [
            pygame.Rect(pad + i * (col_w + pad), col_top, col_w, h - col_top - pad) for i in range(3)
        ]
        self.captions = [("heading", self.head_rect), ("timer", reading)]
        self.captions += [
            (f"column {i}", pygame.Rect(c.x, c.y, c.width, title_h - app.px(4)))
            for i, c in enumerate(self.columns)
        ]
        inset = app.px(10)
        iw = col_w - 2 * inset
        self.build_events(self.columns[0], top, iw, inset, bh)
        self.build_adjust(self.columns[1], top, iw, inset, bh)
        # Annotate, and what this turn holds so far.
        nx = self.columns[2].x + inset
        self.note = self.element(
            TextEntry(pygame.Rect(nx, top, iw, bh), app.manager, placeholder_text=_("A note on this turn"))
        )
        self.note.set_text_length_limit(300)
        if self.texts["note"]:
            self.note.set_text(self.texts["note"])
        self.text_field(self.note, _("Note"))
        self.add(
            Control(
                pygame.Rect(
                    nx, top + bh + app.px(8), min(iw, button_width(_("Add the note"), fonts.bold, iw)), bh
                ),
                _("Add the note"),
                self.annotate,
            )
        )
        self.acts_rect = pygame.Rect(
            nx, top + 2 * bh + app.px(22), iw, self.columns[2].bottom - inset - top - 2 * bh - app.px(22)
        )
        self.captions.append(("this turn so far", self.acts_rect))
        self.acts_shown = 0  # (the lines of acts the last frame drew: see acts_used)

    def pager(self, x: int, y: int, page: int, pages: int, turn) -> pygame.Rect:
        """< Prev and Next > under a list; returns the rect of the 'page n of m' label beside them."""
        fonts = self.app.fonts
        bh = button_height(fonts.bold, self.app.px(36))
        bw = max(button_width(_("< Prev"), fonts.bold), button_width(_("Next >"), fonts.bold))
        self.add(Control(pygame.Rect(x, y, bw, bh), _("< Prev"), (lambda: turn(-1)), enabled=page > 0))
        self.add(
            Control(
                pygame.Rect(x + bw + self.app.px(6), y, bw, bh),
                _("Next >"),
                (lambda: turn(1)),
                enabled=page < pages - 1,
            )
        )
        return pygame.Rect(x + 2 * bw + self.app.px(12), y, 0, bh)

    def build_events(self, col, top, iw, inset, bh) -> None:
        app, fonts = self.app, self.app.fonts
        cx = col.x + inset
        inject = pygame.Rect(cx, col.bottom - bh - inset, iw, bh)
        ih = button_height(fonts.body, app.px(30))
        preview_least = 4 * (fonts.small.get_linesize() + 2)
        room = inject.top - app.px(8) - preview_least - bh - app.px(8) - top
        per_page = max(1, min(EVENTS_PER_PAGE, room // (ih + app.px(4))))
        events = self.events
        pages = max(1, -(-len(events) // per_page))
        self.event_page = min(self.event_page, pages - 1)
        first = self.event_page * per_page
        for i, event in enumerate(events[first : first + per_page]):
            rect = pygame.Rect(cx, top + i * (ih + app.px(4)), iw, ih)
            self.add(
                Control(
                    rect,
                    fit(event.title, fonts.body, iw - app.px(16)),
                    partial(self.pick_event, first + i),
                    kind="item",
                    selected=(first + i == self.event_index),
                )
            )
        y2 = top + per_page * (ih + app.px(4))
        spot = self.pager(cx, y2, self.event_page, pages, self.event_turn)
        self.page_label = (_("page {page} of {pages}").format(page=self.event_page + 1, pages=pages), spot)
        self.preview_rect = pygame.Rect(
            cx, y2 + bh + app.px(8), iw, inject.top - app.px(8) - y2 - bh - app.px(8)
        )
        self.captions.append(("event preview", self.preview_rect))
        self.add(Control(inject, _("Inject this event"), self.inject, enabled=bool(events)))

    def build_adjust(self, col, top, iw, inset, bh) -> None:
        app, fonts = self.app, self.app.fonts
        ax = col.x + inset
        apply = pygame.Rect(ax, col.bottom - bh - inset, iw, bh)
        reason = pygame.Rect(ax, apply.top - app.px(8) - bh, iw, bh)
        delta_y = reason.top - app.px(4) - fonts.bold.get_linesize()
        steps = row_of_buttons(
            [format_number(step, 0, sign=True) for step in STEPS], fonts.bold, ax, 0, ax + iw, bh, app.px(4)
        )
        steps_h = bottom_of(steps)
        steps_y = delta_y - app.px(6) - steps_h
        # The meters, two to a row, but one whose name does not fit half the column whole takes a
        # row of its own (a narrow window in Turkish read "Askerî güv…", naming no meter); as
        # many rows as fit, pages for the rest.
        mh = button_height(fonts.body, app.px(26))
        half = (iw - app.px(6)) // 2
        lines = meter_rows(ADJUSTABLE, lambda m: fonts.body.size(meter_names(m)[-1])[0] <= half - app.px(16))
        rows_room = steps_y - app.px(8) - top
        rows = rows_room // (mh + app.px(3))
        if rows < len(lines):  # pages: the pager takes a row of its own
            rows = max(1, (rows_room - bh - app.px(6)) // (mh + app.px(3)))
        rows = min(rows, len(lines))
        pages = max(1, -(-len(lines) // rows))
        self.meter_page = min(self.meter_page, pages - 1)
        shown = lines[self.meter_page * rows : (self.meter_page + 1) * rows]
        room = {m: (half if len(line) == 2 else iw) - app.px(16) for line in lines for m in line}
        names = button_names(room, lambda name, width: fonts.body.size(name)[0] <= width)
        for row, line in enumerate(shown):
            width = half if len(line) == 2 else iw
            for place, meter in enumerate(line):
                rect = pygame.Rect(ax + place * (half + app.px(6)), top + row * (mh + app.px(3)), width, mh)
                self.add(
                    Control(
                        rect,
                        fit(names[meter], fonts.body, width - app.px(16)),
                        partial(self.pick_meter, meter),
                        kind="item",
                        selected=(meter == self.meter),
                    )
                )
        # ("page n of m", where it goes), or None when the meters fit on one page.
        self.meter_page_label: tuple[str, pygame.Rect] | None = None
        if pages > 1:
            y = top + rows * (mh + app.px(3)) + app.px(3)
            spot = self.pager(ax, y, self.meter_page, pages, self.meter_turn)
            self.meter_page_label = (
                _("page {page} of {pages}").format(page=self.meter_page + 1, pages=pages),
                spot,
            )
        for rect, step in zip(steps, STEPS, strict=False):
            self.add(
                Control(
                    rect.move(0, steps_y), format_number(step, 0, sign=True), partial(self.change_delta, step)
                )
            )
        self.delta_y = delta_y
        self.captions.append(("adjustment", pygame.Rect(ax, delta_y, iw, fonts.bold.get_linesize())))
        self.reason = self.element(
            TextEntry(reason, app.manager, placeholder_text=_("Reason the class will read"))
        )
        self.reason.set_text_length_limit(200)
        if self.texts["reason"]:
            self.reason.set_text(self.texts["reason"])
        self.text_field(self.reason, _("Reason"))
        # (The column's title says what is applied: "Apply" fits its narrow width in any language.)
        self.add(
            Control(
                apply,
                _("Apply the adjustment")
                if button_width(_("Apply the adjustment"), fonts.bold) <= iw
                else _("Apply"),
                self.adjust,
            )
        )

    def meter_turn(self, step: int) -> None:
        self.meter_page += step
        self.keep()

    # -- acts --------------------------------------------------------------------------------------
    def keep(self) -> None:
        self.texts = {"reason": self.reason.get_text(), "note": self.note.get_text()}
        focus = self.app.focus_index
        self.rebuild()
        self.app.focus_index = min(focus, len(self.controls) - 1)

    def toggle_pause(self) -> None:
        if self.session.paused:
            self.session.resume()
        else:
            self.session.pause()
        self.keep()

    def set_timer(self, minutes: float) -> None:
        self.session.set_timer(minutes)
        self.say(
            _("Timer cleared.")
            if not minutes
            else _("Timer set to {minutes} minutes, starting now.").format(minutes=plain(minutes))
        )
        self.keep()

    def pick_event(self, index: int) -> None:
        self.event_index = index
        self.keep()

    def event_turn(self, step: int) -> None:
        self.event_page += step
        self.keep()

    def inject(self) -> None:
        event = self.events[self.event_index]
        problem = self.session.inject(event.id)
        if problem:
            self.say(_("Not injected: {problem}.").format(problem=problem))
            return
        self.say(_("“{event}” will happen as this turn resolves.").format(event=event.title))
        self.keep()

    def pick_meter(self, meter: str) -> None:
        self.meter = meter
        self.keep()

    def change_delta(self, step: int) -> None:
        self.delta = max(-100, min(100, self.delta + step))
        self.keep()

    def adjust(self) -> None:
        problem = self.session.adjust(self.meter, self.delta, self.reason.get_text())
        if problem:
            self.say(_("Not adjusted: {problem}.").format(problem=problem))
            return
        note = ""
        state = self.game.state
        if (
            self.meter == "partnership"
            and state.meters["partnership"] + self.delta > state.meters["partnership_ceiling"]
        ):
            # The ceiling holds at the end of every turn, facilitator or not: say so now.
            note = " " + _("The ceiling ({ceiling} now) will hold it down.").format(
                ceiling=plain(state.meters["partnership_ceiling"])
            )
        self.say(
            _("{meter} {change} when this turn resolves.").format(
                meter=meter_label(self.meter), change=format_number(self.delta, 0, sign=True)
            )
            + note
        )
        self.delta = 0
        self.reason.set_text("")
        self.keep()

    def annotate(self) -> None:
        problem = self.session.annotate(self.note.get_text())
        if problem:
            self.say(_("No note added: {problem}.").format(problem=problem))
            return
        self.note.set_text("")
        self.say(_("Note added to this turn."))
        self.keep()

    def show_deals(self) -> None:
        """The deals agreed at the summits, to see and annotate (game.ui.scenes.facilitator_deals)."""
        self.app.show("facilitator deals", game=self.game)

    def export(self) -> None:
        try:
            folder = self.session.export(palette=self.app.palette)
        except OSError as e:
            self.say(problem_message(_("The exports could not be written"), e))
            return
        self.say(_("Exported to {folder}").format(folder=folder))

    def end(self) -> None:
        if not self.confirm_end:
            self.confirm_end = True
            self.say(_("Press “Really end?” to end the session now; the outcome is judged as things stand."))
            self.keep()
            return
        self.session.end("ended by the facilitator")
        # Ending is final: the game's own autosave holds the ended game, so Continue and the Load
        # list open its debrief rather than the last turn's save, which would play on.
        problem = ""
        try:
            self.app.saves.autosave(self.game.log_to_save(), slot=self.game.own_autosave_slot())
        except OSError as e:
            problem = problem_message(_("The autosave could not be written"), e)
        self.app.show_only("debrief", game=self.game)
        if problem:
            self.app.scene.say(problem)

    def back(self) -> None:
        self.app.pop()

    def ticking(self) -> bool:
        # The panel shows the planning timer: it counts down with no input, as the board's does.
        s = self.session
        return s.seconds_left() not in (None, 0.0) and not s.paused

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface) -> None:
        app, p, s, game = self.app, self.app.palette, self.session, self.game
        fonts = app.fonts
        head = _("Facilitator · {level} · turn {turn} of {turns} · seed {seed}").format(
            level=game.level.title, turn=game.state.turn, turns=game.level.turns, seed=game.seed
        )
        if s.paused:
            head += " · " + _("PAUSED")
        surface.blit(
            fonts.heading.render(fit(head, fonts.heading, self.head_rect.width), True, p.text), self.head_rect
        )
        left = s.seconds_left()
        timer = _("no timer") if left is None else f"{int(left) // 60}:{int(left) % 60:02d}"
        img = fonts.bold.render(timer, True, p.warning if s.time_up else p.text)
        surface.blit(img, img.get_rect(midleft=self.timer_rect.midleft))
        titles = (_("Inject an event"), _("Adjust a meter"), _("Annotate this turn"))
        for rect, title in zip(self.columns, titles, strict=False):
            panel(surface, rect, p)
            surface.blit(
                fonts.bold.render(fit(title, fonts.bold, rect.width - app.px(20)), True, p.text),
                (rect.x + app.px(10), rect.y + app.px(6)),
            )
        for page, col in ((self.page_label, self.columns[0]), (self.meter_page_label, self.columns[1])):
            if page:
                label_text, spot = page
                img = fonts.small.render(label_text, True, p.text_muted)
                if spot.x + img.get_width() <= col.right - app.px(6):  # left out where it has no room
                    surface.blit(img, img.get_rect(midleft=spot.midleft))
        r = self.preview_rect
        if self.events and r.height > 0:
            event = self.events[self.event_index]
            holds = event.when.test(game.state)
            lines = [
                _("Does: {effects}.").format(effects=self.effects_of(event)),
                _("Its usual condition holds now.")
                if holds
                else _("Its usual condition does not hold now; injected, it happens anyway."),
                _("Happens as this turn resolves, told as any event; the debrief reveals it was yours."),
            ]
            self.draw_lines(surface, lines, r, p.text_muted)
        col = self.columns[1]
        value = game.state.meters.get(self.meter)
        now = _("now {value}").format(value=format_number(value, 1)) if value is not None else ""
        surface.blit(
            fonts.bold.render(
                fit(
                    f"{meter_label(self.meter)} {format_number(self.delta, 0, sign=True)}  ({now})",
                    fonts.bold,
                    col.width - app.px(20),
                ),
                True,
                p.text,
            ),
            (col.x + app.px(10), self.delta_y),
        )
        r = self.acts_rect
        surface.blit(fonts.bold.render(_("This turn so far"), True, p.text), r.topleft)
        self.acts_shown = self.draw_lines(surface, self.acts_lines(), self.acts_body(), p.text_muted)
        self.draw_controls(surface)

    def acts_body(self) -> pygame.Rect:
        """Where the acts of the turn are listed, under their heading."""
        r, head = self.acts_rect, self.app.fonts.bold.get_linesize() + self.app.px(4)
        return pygame.Rect(r.x, r.y + head, r.width, r.height - head)

    def acts_lines(self) -> list[str]:
        game = self.game
        return [
            "• " + (say(ending_note(game)) if game.log.is_set_end(act) else act_words(game.level, act))
            for act in game.acts_this_turn()[-12:]
        ] or [_("Nothing yet.")]

    def acts_used(self) -> pygame.Rect:
        """The part of the acts' column their heading and the lines the frame drew take up (the
        message is laid out after the frame is drawn: its lines are not wrapped again for it)."""
        body = self.acts_body()
        height = body.y - self.acts_rect.y + self.acts_shown * (self.app.fonts.small.get_linesize() + 2)
        return pygame.Rect(body.x, self.acts_rect.y, body.width, height)

    def message_area(self) -> pygame.Rect:
        """Under the acts of the turn, where they leave room for a few lines: the rest of the panel
        is buttons and lists from top to foot, so a message laid over the window was raised to its
        top, over the panel's heading."""
        used, col = self.acts_used(), self.columns[2]
        free = pygame.Rect(
            col.x, used.bottom + self.app.px(6), col.width, col.bottom - used.bottom - self.app.px(6)
        )
        if free.height >= 5 * self.app.fonts.body.get_linesize():
            return free
        return super().message_area()

    def message_avoids(self) -> list[pygame.Rect]:
        # The acts' column as far as its lines reach, not the whole of it.
        return [*(r for r in super().message_avoids() if r is not self.acts_rect), self.acts_used()]

    def draw_lines(self, surface, paragraphs, rect, colour) -> int:
        """Paragraphs wrapped to `rect`, as many lines as it holds (the last cut with an ellipsis);
        returns the lines drawn."""
        font = self.app.fonts.small
        line_h = font.get_linesize() + 2
        room = max(0, rect.height // line_h)
        lines = [line for para in paragraphs for line in wrap(para, font, rect.width)]
        if len(lines) > room and room:
            lines = lines[:room]
            lines[-1] = fit(lines[-1] + " …", font, rect.width)
        for i, line in enumerate(lines[:room]):
            surface.blit(font.render(line, True, colour), (rect.x, rect.y + i * line_h))
        return len(lines[:room])
