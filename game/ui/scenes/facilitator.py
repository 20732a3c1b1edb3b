"""The facilitator's side of a classroom session: the passphrase prompt (F9) and the panel.

The panel pauses and resumes, sets the planning timer, injects an event of the level's deck (with a
preview of what it does), adjusts a meter with a written reason, annotates the turn, exports the
session, and ends it early. Every act goes through `ClassroomSession`, which writes it into the
replay log as the facilitator's.
"""
from __future__ import annotations

import pygame
import pygame_gui

from game.classroom.session import TIMER_CHOICES
from game.core.meters import LIMITS, PILLARS, label
from game.session.story import describe_act
from game.ui.scenes.base import Scene
from game.ui.widgets import Control, fit, panel, text

ADJUSTABLE = ("partnership", *PILLARS, *LIMITS, "middle_corridor",
              *(f"{s}.{m}" for s in ("moscow", "beijing") for m in ("economy", "security", "standing", "capital")),
              "washington.thaw_moscow", "washington.thaw_beijing", "central_asia.moscow", "central_asia.beijing")
STEPS = (-10, -5, -1, 1, 5, 10)
EVENTS_PER_PAGE = 9


def signed_effects(event) -> str:
    parts = [f"{label(m)} {d:+g}" for m, d in event.does.effects]
    parts += [f"sets {f}" for f in event.does.set_flags] + [f"clears {f}" for f in event.does.clear_flags]
    if event.delayed:
        parts.append(f"and {len(event.delayed)} later effect(s)")
    return "; ".join(parts) or "no direct effect on the meters"


class FacilitatorLoginScene(Scene):
    """Asks for the passphrase; a wrong one is refused and noted in the session's record."""

    name = "facilitator login"

    def __init__(self, app, game):
        super().__init__(app)
        self.game = game

    def build(self) -> None:
        app = self.app
        w, h = app.size
        bw = app.px(360)
        top = int(h * 0.38)
        self.entry = self.element(pygame_gui.elements.UITextEntryLine(
            pygame.Rect(w // 2 - bw // 2, top, bw, app.px(42)), app.manager, placeholder_text="Passphrase"))
        self.entry.set_text_hidden(True)
        self.entry.set_text_length_limit(60)
        self.text_field(self.entry, "Passphrase")
        self.app.manager.set_focus_set(self.entry)
        self.entry.focus()
        self.column_of_buttons([("Open the panel", self.submit), ("Cancel", self.back)], w // 2, top + app.px(60), bw)

    def handle(self, event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.submit()
            return True
        return False

    def submit(self) -> None:
        session = self.game.classroom
        if session.unlock(self.entry.get_text()):
            self.app.replace(FacilitatorPanelScene(self.app, self.game))
            return
        self.entry.set_text("")
        self.say("Wrong passphrase. The attempt has been noted in the session's record.")

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        w, h = app.size
        img = app.fonts.title.render("Facilitator", True, p.text)
        surface.blit(img, img.get_rect(center=(w // 2, int(h * 0.24))))
        note = "Type the passphrase set when the session started. Students: press Esc to go back."
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
        self.meter = "partnership"
        self.delta = 0
        self.texts = {"reason": "", "note": ""}
        self.confirm_end = False

    @property
    def events(self):
        return list(self.game.level.events)

    def build(self) -> None:
        app, s = self.app, self.session
        w, h = app.size
        pad = app.px(20)
        bh = app.px(36)
        # Row of pace controls.
        y = app.px(70)
        x = pad
        pace = [("Resume" if s.paused else "Pause", self.toggle_pause)]
        for label_, action in pace:
            self.add(Control(pygame.Rect(x, y, app.px(120), bh), label_, action, hotkey=pygame.K_p))
            x += app.px(130)
        self.timer_x = x
        x += app.px(100)
        for minutes in TIMER_CHOICES:
            self.add(Control(pygame.Rect(x, y, app.px(78), bh), "Off" if not minutes else f"{minutes} min",
                             (lambda m=minutes: self.set_timer(m)), selected=(s.spec.timer_minutes == minutes)))
            x += app.px(84)
        x += app.px(10)
        self.add(Control(pygame.Rect(x, y, app.px(140), bh), "Export now", self.export))
        end_label = "Really end?" if self.confirm_end else "End session"
        self.add(Control(pygame.Rect(w - pad - app.px(300), y, app.px(150), bh), end_label, self.end))
        self.add(Control(pygame.Rect(w - pad - app.px(140), y, app.px(140), bh), "Close", self.back))
        # Three columns: inject, adjust, annotate.
        top = y + bh + app.px(44)
        col_w = (w - 4 * pad) // 3
        self.columns = [pygame.Rect(pad + i * (col_w + pad), top - app.px(32), col_w, h - top - pad + app.px(32))
                        for i in range(3)]
        cx = self.columns[0].x + app.px(10)
        iw = col_w - app.px(20)
        events = self.events
        pages = max(1, -(-len(events) // EVENTS_PER_PAGE))
        self.event_page = min(self.event_page, pages - 1)
        first = self.event_page * EVENTS_PER_PAGE
        ih = app.px(30)
        for i, event in enumerate(events[first:first + EVENTS_PER_PAGE]):
            rect = pygame.Rect(cx, top + i * (ih + app.px(4)), iw, ih)
            self.add(Control(rect, fit(event.title, app.fonts.body, iw - app.px(16)), (lambda k=first + i: self.pick_event(k)),
                             kind="item", selected=(first + i == self.event_index)))
        y2 = top + EVENTS_PER_PAGE * (ih + app.px(4))
        self.add(Control(pygame.Rect(cx, y2, app.px(90), bh), "< Prev", (lambda: self.event_turn(-1)),
                         enabled=self.event_page > 0))
        self.add(Control(pygame.Rect(cx + app.px(96), y2, app.px(90), bh), "Next >", (lambda: self.event_turn(1)),
                         enabled=self.event_page < pages - 1))
        self.page_label = (f"page {self.event_page + 1} of {pages}", (cx + app.px(196), y2 + app.px(8)))
        self.preview_y = y2 + bh + app.px(8)
        self.add(Control(pygame.Rect(cx, self.columns[0].bottom - bh - app.px(10), iw, bh), "Inject this event",
                         self.inject, enabled=bool(events)))
        # Adjust a meter.
        ax = self.columns[1].x + app.px(10)
        half = (iw - app.px(6)) // 2
        mh = app.px(26)
        for i, meter in enumerate(ADJUSTABLE):
            rect = pygame.Rect(ax + (i % 2) * (half + app.px(6)), top + (i // 2) * (mh + app.px(3)), half, mh)
            self.add(Control(rect, fit(label(meter), app.fonts.body, half - app.px(12)), (lambda m=meter: self.pick_meter(m)),
                             kind="item", selected=(meter == self.meter)))
        y3 = top + (len(ADJUSTABLE) + 1) // 2 * (mh + app.px(3)) + app.px(6)
        sw = (iw - 5 * app.px(4)) // len(STEPS)
        for i, step in enumerate(STEPS):
            self.add(Control(pygame.Rect(ax + i * (sw + app.px(4)), y3, sw, bh), f"{step:+d}", (lambda d=step: self.change_delta(d))))
        self.delta_y = y3 + bh + app.px(6)
        self.reason = self.element(pygame_gui.elements.UITextEntryLine(
            pygame.Rect(ax, self.delta_y + app.px(26), iw, bh), app.manager, placeholder_text="Reason the class will read"))
        self.reason.set_text_length_limit(200)
        if self.texts["reason"]:
            self.reason.set_text(self.texts["reason"])
        self.text_field(self.reason, "Reason")
        self.add(Control(pygame.Rect(ax, self.columns[1].bottom - bh - app.px(10), iw, bh), "Apply the adjustment", self.adjust))
        # Annotate, and what this turn holds so far.
        nx = self.columns[2].x + app.px(10)
        self.note = self.element(pygame_gui.elements.UITextEntryLine(
            pygame.Rect(nx, top, iw, bh), app.manager, placeholder_text="A note on this turn"))
        self.note.set_text_length_limit(300)
        if self.texts["note"]:
            self.note.set_text(self.texts["note"])
        self.text_field(self.note, "Note")
        self.add(Control(pygame.Rect(nx, top + bh + app.px(8), iw, bh), "Add the note", self.annotate))
        self.acts_y = top + 2 * bh + app.px(30)

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
        self.say("Timer cleared." if not minutes else f"Timer set to {minutes} minutes, starting now.")
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
            self.say(f"Not injected: {problem}.")
            return
        self.say(f"“{event.title}” will happen as this turn resolves.")
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
            self.say(f"Not adjusted: {problem}.")
            return
        self.say(f"{label(self.meter)} {self.delta:+g} when this turn resolves.")
        self.delta = 0
        self.reason.set_text("")
        self.keep()

    def annotate(self) -> None:
        problem = self.session.annotate(self.note.get_text())
        if problem:
            self.say(f"No note added: {problem}.")
            return
        self.note.set_text("")
        self.say("Note added to this turn.")
        self.keep()

    def export(self) -> None:
        try:
            folder = self.session.export(palette=self.app.palette)
        except OSError as e:
            self.say(f"The exports could not be written: {e}")
            return
        self.say(f"Exported to {folder}")

    def end(self) -> None:
        if not self.confirm_end:
            self.confirm_end = True
            self.say("Press “Really end?” to end the session now; the outcome is judged as things stand.")
            self.keep()
            return
        from game.ui.scenes.debrief import DebriefScene

        self.session.end("ended by the facilitator")
        self.app.reset_to(DebriefScene(self.app, self.game))

    def back(self) -> None:
        self.app.pop()

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface) -> None:
        app, p, s, game = self.app, self.app.palette, self.session, self.game
        pad = app.px(20)
        head = f"Facilitator · {game.level.title} · turn {game.state.turn} of {game.level.turns} · seed {game.seed}"
        if s.paused:
            head += " · PAUSED"
        surface.blit(app.fonts.heading.render(head, True, p.text), (pad, app.px(24)))
        left = s.seconds_left()
        timer = "no timer" if left is None else f"{int(left) // 60}:{int(left) % 60:02d}"
        surface.blit(app.fonts.bold.render(timer, True, p.warning if s.time_up else p.text),
                     (self.timer_x, app.px(78)))
        titles = ("Inject an event", "Adjust a meter", "Annotate this turn")
        for rect, title in zip(self.columns, titles):
            panel(surface, rect, p)
            surface.blit(app.fonts.bold.render(title, True, p.text), (rect.x + app.px(10), rect.y + app.px(8)))
        label_text, pos = self.page_label
        surface.blit(app.fonts.small.render(label_text, True, p.text_muted), pos)
        col = self.columns[0]
        if self.events:
            event = self.events[self.event_index]
            holds = event.when.test(game.state)
            lines = [f"Does: {signed_effects(event)}.",
                     "Its usual condition holds now." if holds else "Its usual condition does not hold now; injected, it happens anyway.",
                     "Takes effect as this turn resolves, shown as the facilitator's."]
            y = self.preview_y
            for line in lines:
                y += text(surface, line, app.fonts.small, p.text_muted, (col.x + app.px(10), y), col.width - app.px(20),
                          max_lines=4) + app.px(4)
        col = self.columns[1]
        value = game.state.meters.get(self.meter)
        now = f"now {value:.1f}" if value is not None else ""
        surface.blit(app.fonts.bold.render(fit(f"{label(self.meter)} {self.delta:+d}  ({now})", app.fonts.bold,
                                                col.width - app.px(20)), True, p.text),
                     (col.x + app.px(10), self.delta_y))
        col = self.columns[2]
        y = self.acts_y
        surface.blit(app.fonts.bold.render("This turn so far", True, p.text), (col.x + app.px(10), y))
        y += app.fonts.bold.get_linesize() + app.px(4)
        acts = game.pending_acts()
        for act in acts[-12:]:
            y += text(surface, "• " + describe_act(game.level, act), app.fonts.small, p.text_muted, (col.x + app.px(10), y),
                      col.width - app.px(20), max_lines=3) + app.px(2)
        if not acts:
            surface.blit(app.fonts.small.render("Nothing yet.", True, p.text_muted), (col.x + app.px(10), y))
        self.draw_controls(surface)
