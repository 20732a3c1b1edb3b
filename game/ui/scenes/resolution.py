"""The turn resolving, phase by phase, on the board's own furniture: the column of meters and the
map move to where each phase leaves them (at once with animations off), the turn's events come as
cards, and the written log of every change with its reason is one key away (W). Enter steps on, S
skips to the end, and the whole turn can be read again from the board's "why?"."""

from __future__ import annotations

import html

import pygame

from game.core.meters import SIDES, other
from game.core.phases import NOTE_NORMALIZED
from game.core.report import PHASES, Change
from game.i18n import _, format_number, n_
from game.session.campaign import with_finished
from game.speech.reasons import say
from game.speech.sides import side_name
from game.speech.words import date_of, listed, meter_label, phase_title
from game.ui.board.meters import MetersPanel
from game.ui.board.model import SideView, hidden_at_this_screen, watching_side
from game.ui.board.region_map import draw_region_map
from game.ui.classroom_overlay import HeldByPause, held
from game.ui.numbers import change_decimals
from game.ui.rule_words import state_news
from game.ui.scenes.base import Scene, box_html
from game.ui.summit.words import running_lines, settled_words
from game.ui.widgets import Control, button_width, fit, panel, wrap

SPEED = {"off": 0.0, "fast": 0.6, "normal": 1.4, "slow": 2.6}  # seconds per phase when autoplaying
MOVE_SECONDS = {"off": 0.0, "fast": 0.25, "normal": 0.6, "slow": 1.2}  # the meters moving to a step's values


class ResolutionScene(HeldByPause, Scene):
    name = "resolution"

    def __init__(self, app, game, report):
        super().__init__(app)
        self.game, self.report = game, report
        # The turn's events as cards (title, text), by the step that tells them.
        self.cards: dict[int, list[tuple[str, str]]] = {}
        self.written = False  # the written log in the cards' place (W)
        # The people at the screen see no more of a side's hidden meters than its board shows
        # them: two who share it see neither side's (Moscow's capital showed to Beijing's player).
        self.hidden = hidden_at_this_screen(game)
        self.steps = self.make_steps()
        self.index = 0
        self.step_text: str | None = None  # a step's text not yet laid out in its box (catch_up)
        self.timer = 0.0
        # The board's column of meters beside the log, moving to where each step leaves them.
        self.meters = MetersPanel(app, SideView(game, watching_side(game)), lambda: None)
        self.values_after = self.values_of_steps()
        self.moving_from = dict(self.values_after[0])
        self.moved = 1.0  # how far the meters have moved to this step's values (0 to 1)
        self.meters.values = dict(self.values_after[0])

    def language_changed(self) -> None:
        # The steps' news and the events' cards say the level's texts as they were when made.
        self.cards = {}
        self.steps = self.make_steps()

    def values_of_steps(self) -> list[dict[str, float]]:
        """The meters as each step leaves them, from the turn's changes: before the turn (the
        plans revealed), then after each phase that did something."""
        now = dict(self.game.state.meters)
        for c in reversed(self.report.changes):
            now[c.meter] = c.before
        out = []
        for _title, _news, changes in self.steps:
            for c in changes:
                now[c.meter] = c.after
            out.append(dict(now))
        # (the meters hidden from this screen, told in no step, end where the turn left them)
        out[-1].update({c.meter: c.after for c in self.report.changes if c.meter in self.hidden})
        return out

    def meters_room(self) -> pygame.Rect | None:
        """Where the meters go: a column at the left as on the board, when the window is wide
        enough to keep the log readable beside it (else the log has the width)."""
        app = self.app
        w, h = app.size
        if w < app.px(1000):
            return None
        pad = app.px(24)
        return pygame.Rect(pad, app.px(16), int(w * 0.27), h - app.px(16) - pad)

    def map_room(self) -> pygame.Rect | None:
        """Where the map goes: beside the meters, as wide as on the board, when the meters show."""
        room = self.meters_room()
        if room is None:
            return None
        app = self.app
        w, h = app.size
        top = app.px(90)
        return pygame.Rect(room.right + app.px(12), top, int(w * 0.36), int((h - top - app.px(100)) * 0.7))

    def left(self) -> int:
        """Where the log's column starts: right of the map, else of the meters, else at the edge."""
        app = self.app
        beside_map, beside_meters = self.map_room(), self.meters_room()
        if beside_map is not None:
            return beside_map.right + app.px(12)
        return beside_meters.right + app.px(24) if beside_meters is not None else app.px(24)

    def map_values(self) -> dict[str, float]:
        """The meters the map shows: where the turn stands, moving with the column of meters."""
        return self.meters.values or self.values_after[self.index]

    def showing_cards(self) -> bool:
        """Whether the step's events show as cards (else the written log shows)."""
        return bool(self.cards.get(self.index)) and not self.written

    def toggle_written(self) -> None:
        """The written log in the cards' place, or the cards again."""
        self.written = not self.written
        self.show_step_box()
        self.build_buttons_keeping_focus()
        self.app.dirty = True

    def show_step_box(self) -> None:
        if self.showing_cards():
            self.step_box.hide()
        else:
            self.step_box.show()

    def move_meters(self) -> None:
        """Start the meters moving to this step's values: at once with animations off."""
        self.moving_from = dict(self.meters.values or self.values_after[self.index])
        self.moved = 0.0 if MOVE_SECONDS.get(self.app.settings.animation_speed, 0.0) > 0 else 1.0
        _title, _news, changes = self.steps[self.index]
        self.meters.moving = frozenset(c.meter for c in changes)
        self.step_meters(0.0)

    def step_meters(self, dt: float) -> None:
        seconds = MOVE_SECONDS.get(self.app.settings.animation_speed, 0.0)
        self.moved = 1.0 if seconds <= 0 else min(1.0, self.moved + dt / seconds)
        # Eased: quick at first, settling at the end.
        k = 1.0 - (1.0 - self.moved) ** 3
        to = self.values_after[self.index]
        self.meters.values = {m: a + (to[m] - a) * k for m, a in self.moving_from.items()}

    def make_steps(self) -> list[tuple[str, list[str], list[Change]]]:
        """(title, news lines, changes) for each phase the turn did something in."""
        r, lv = self.report, self.game.level
        steps: list[tuple[str, list[str], list[Change]]] = [
            (
                _("Plans revealed"),
                [
                    _("{side}: {plan}").format(
                        side=side_name(s), plan=listed(lv.actions[a].name for a in r.plans[s]) or _("nothing")
                    )
                    for s in ("moscow", "beijing")
                ],
                [],
            )
        ]
        # The war's or the sanctions' end (or start) is told in the phase that brought it.
        states = state_news(lv, r)
        for phase, _title in PHASES:
            changes = [c for c in r.changes if c.phase == phase and c.meter not in self.hidden]
            news = [sentence for where, sentence in states if where == phase]
            if phase == "events":
                # Whose event it was: told at once (a pack's "at_once"), or, as the guide has it,
                # only in the debrief, where the event reads as any other until then.
                by_facilitator = self.game.injected_events(r.turn)
                cards = []
                for event_id in r.events:
                    event = lv.event(event_id)
                    if event:
                        who = _("Put in play by the facilitator: ") if event_id in by_facilitator else ""
                        news.append(f"{who}{event.title}: {event.text}")
                        cards.append((f"{who}{event.title}", event.text))
                if cards:
                    self.cards[len(steps)] = cards
            if phase == "washington":
                news.extend(say(note, lv) for note in r.notes)
                # Washington's normalization with one side is one of the four limits coming due:
                # told as a card, as an event is, with what it did (it was one plain line of news).
                cards = [
                    (say(NOTE_NORMALIZED[side], lv), normalization_text(side, changes, lv))
                    for side in SIDES
                    if f"normalized_{side}" in r.flags_set
                ]
                if cards:
                    self.cards[len(steps)] = cards
            if phase == "commitments":
                # Which terms of the summit were kept and which broken (the changes say what it cost).
                news.extend(settled_words(lv, settled) for settled in r.settled)
                if self.game.reports and self.game.reports[-1] is r:  # and what still runs after it
                    news.extend(
                        _("Still running: {term}").format(term=line)
                        for line in running_lines(self.game, reading=r.turn)
                    )
            if changes or news:
                steps.append((phase_title(phase), news, changes))
        return steps

    def build(self) -> None:
        app = self.app
        w, h = app.size
        pad = app.px(24)
        x = self.left()
        # The log leaves room under it for every row the strip of phases wraps to.
        if self.map_room() is not None:  # the strip goes under the map, the log down to the buttons
            box_h = h - app.px(90) - app.px(84)
        else:
            rows = self.phase_strip(pygame.Rect(x, 0, 0, 0))
            strip_h = max((r.bottom for _, r in rows), default=0)
            box_h = min(h - app.px(180), h - app.px(90) - app.px(12) - strip_h - app.px(8))
        self.box = pygame.Rect(x, app.px(90), w - x - pad, box_h)
        room = self.meters_room()
        self.meter_controls = self.meters.build(room) if room is not None else []
        self.step_box = self.text_box(self.step_html(), self.box)
        self.step_text = None
        self.show_step_box()
        self.build_buttons()

    def build_buttons(self) -> None:
        app = self.app
        w, h = app.size
        pad = app.px(24)
        self.controls = []
        font = app.fonts.bold

        def width(label: str) -> int:  # 190 at scale 1, wider for a longer label (another language)
            return button_width(label, font, app.px(190))

        last = self.index == len(self.steps) - 1
        go = _("Continue") if last else _("Next phase")
        nxt = pygame.Rect(0, 0, width(go), app.px(46))
        nxt.bottomright = (w - pad, h - app.px(24))
        self.add(Control(nxt, go, self.next, hotkey=pygame.K_n))
        skip_words = _("Skip to the end")
        skip = pygame.Rect(0, 0, width(skip_words), app.px(46))
        skip.bottomright = (nxt.left - app.px(12), nxt.bottom)
        self.add(Control(skip, skip_words, self.finish, hotkey=pygame.K_s, enabled=not last))
        if self.cards.get(self.index):
            words = _("Event cards (W)") if self.written else _("Written log (W)")
            log = pygame.Rect(0, 0, width(words), app.px(46))
            log.bottomright = (skip.left - app.px(12), nxt.bottom)
            self.add(Control(log, words, self.toggle_written, hotkey=pygame.K_w))
        # The meters answer "why?" as on the board; after the buttons, so Enter still steps on.
        self.controls += self.meter_controls

    def build_buttons_keeping_focus(self) -> None:
        focus = self.app.focus_index
        self.build_buttons()
        self.app.focus_index = focus

    def step_html(self) -> str:
        app = self.app
        _step_title, news, changes = self.steps[self.index]
        lines = [f"<b>{html.escape(s)}</b>" for s in news]
        sources = app.settings.show_sources  # (where the level files set each number: for level writers)
        for c in changes:
            # One decimal, or two where at one "from" and "to" would read the same while the
            # change says they differ, or would not add up to the change shown.
            d = change_decimals(c.before, c.after)
            line = _("{meter} <b>{change}</b> (from {before} to {after}): {why}").format(
                meter=html.escape(meter_label(c.meter)),
                change=format_number(c.delta, d, sign=True),
                before=format_number(c.before, d),
                after=format_number(c.after, d),
                why=html.escape(say(c.why, self.game.level)),
            )
            lines.append(f"{line} <i>[{html.escape(c.source)}]</i>" if sources else line)
        if not lines:
            lines = [_("Nothing changed.")]
        # In projector mode the turn's story is set large enough for the back of a room to read.
        size = app.px(18) if app.settings.projector_mode else app.px(14)  # sizes the app preloads
        return "<br>".join(f"<font pixel_size={size}>{line}</font>" for line in lines)

    def next(self) -> None:
        if self.index < len(self.steps) - 1:
            self.go_to(self.index + 1)
        else:
            self.finish()

    def previous(self) -> None:
        """Back one step, to read it again (B, or a click on a step's name in the strip)."""
        if self.index > 0:
            self.go_to(self.index - 1)

    def go_to(self, index: int) -> None:
        """Show step `index` of the turn: its text, and the meters moving to where it left them."""
        if index != self.index and 0 <= index < len(self.steps):
            self.index = index
            self.timer = 0.0
            # New text in the same box: building a text box per step would cost memory each time.
            # Unwatched, it is laid out only if a frame shows it (see catch_up).
            self.step_text = box_html(self.step_html())
            if not self.app.options.unwatched:
                self.catch_up()
            self.show_step_box()
            self.move_meters()
            self.app.memory.release(young_only=True)
            self.build_buttons_keeping_focus()
            self.app.dirty = True

    def handle(self, event) -> bool:
        if super().handle(event):  # (a classroom's pause holds every input but F9)
            return True
        # The strip's step names: a click goes to that step (they looked like tabs and did nothing).
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, rect in self.phase_strip():
                if rect.collidepoint(event.pos) and i != self.index:
                    self.go_to(i)
                    return True
        return False

    def key(self, event) -> None:
        if event.key == pygame.K_b:
            self.previous()

    def catch_up(self) -> None:
        if self.step_text is not None:
            self.step_box.set_text(self.step_text)
            self.step_text = None

    def finish(self) -> None:
        app, game = self.app, self.game
        if game.over:
            # A level played to the end opens the chapters that wait for it.
            app.remember(finished_levels=with_finished(app.settings.finished_levels, game.level.id))
            if not app.options.autoplay:  # the agents' games are not the player's record
                bests = app.record_game(game)
                if bests and app.notice is None:
                    sides = _(" and ").join(side_name(s) for s in bests)
                    app.notice = _("Your best result on this level as {sides}, kept in New game.").format(
                        sides=sides
                    )
            app.show("debrief", game=game)
            return
        humans = game.humans()
        if len(humans) > 1:
            app.show("hand-over", game=game, side=humans[0])
        else:
            app.show("board", game=game, perspective=humans[0] if humans else "moscow")

    def back(self) -> None:
        # Esc opens the menu here as on the board; S (or stepping on) skips the rest of the turn.
        self.app.show_over("menu", game=self.game)

    def busy(self) -> bool:
        return super().busy() or self.app.options.autoplay or self.moved < 1.0

    def entered(self) -> None:
        if self.app.options.autoplay:
            self.app.capture(f"turn{self.report.turn:02d}-resolution")

    def update(self, dt: float) -> None:
        super().update(dt)
        if self.moved < 1.0:
            self.step_meters(dt)
            self.app.dirty = True
        if self.app.options.autoplay and not held(self.game):
            self.timer += dt
            if self.timer >= min(0.3, SPEED.get(self.app.settings.animation_speed, 1.0)):
                if self.index == len(self.steps) - 1:
                    self.app.capture(f"turn{self.report.turn:02d}-resolved")
                self.next()

    def phase_strip(self, box: pygame.Rect | None = None) -> list[tuple[int, pygame.Rect]]:
        """Where each step's name goes in the strip under the text (the log's `box`, the one laid
        out when None): the order of the phases, always in view. Left of the buttons, it wraps to
        further rows rather than leave out the last."""
        app = self.app
        w = app.size[0]
        under = self.map_room()
        if under is not None:  # under the map, as wide as it
            x = left = under.x
            y, limit = under.bottom + app.px(12), under.right
        else:
            box = self.box if box is None else box
            x = left = box.x
            y, limit = box.bottom + app.px(12), w - app.px(420)
        placed = []
        for i, (name, _news, _changes) in enumerate(self.steps):
            rect = pygame.Rect((x, y), app.fonts.small.size(name)).inflate(app.px(12), app.px(6))
            if rect.right > limit and x > left:
                x, y = left, rect.bottom + app.px(4)
                rect = pygame.Rect((x, y), app.fonts.small.size(name)).inflate(app.px(12), app.px(6))
            placed.append((i, rect))
            x = rect.right + app.px(6)
        return placed

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        w = app.size[0]
        room = self.map_room()
        x = room.x if room is not None else self.box.x  # the headings over the map and the log
        if self.meters_room() is not None:
            self.meters.draw(surface)
        if room is not None:
            draw_region_map(app, surface, room, self.game, self.map_values(), self.report.turn)
        if self.showing_cards():
            self.draw_cards(surface)
        title = _("Turn {turn}, {date}: resolving").format(
            turn=self.report.turn, date=date_of(self.game.level, self.report.turn)
        )
        surface.blit(
            app.fonts.title.render(fit(title, app.fonts.title, w - x - app.px(24)), True, p.text),
            (x, app.px(20)),
        )
        step_title = self.steps[self.index][0]
        sub = _("Step {number} of {total}: {phase}").format(
            number=self.index + 1, total=len(self.steps), phase=step_title
        )
        surface.blit(
            app.fonts.heading.render(fit(sub, app.fonts.heading, w - x - app.px(24)), True, p.accent),
            (x, app.px(62)),
        )
        for i, rect in self.phase_strip():
            current = i == self.index
            tag = app.fonts.small.render(self.steps[i][0], True, p.background if current else p.text_muted)
            if current:
                pygame.draw.rect(surface, p.accent, rect, border_radius=6)
            surface.blit(tag, tag.get_rect(center=rect.center))
        self.draw_controls(surface)

    def draw_cards(self, surface) -> None:
        """The step's events as cards down the log's column: each its title and its text; what
        does not fit is counted under the last, the written log (W) has them all."""
        app, p = self.app, self.app.palette
        cards = self.cards.get(self.index, [])
        pad, gap = app.px(12), app.px(10)
        title_font, body = app.fonts.bold, app.fonts.body
        width = self.box.width - 2 * pad
        y = self.box.y
        for shown, (title, text) in enumerate(cards):
            titles = wrap(title, title_font, width)
            lines = wrap(text, body, width)
            height = (
                pad
                + len(titles) * title_font.get_linesize()
                + app.px(6)
                + len(lines) * body.get_linesize()
                + pad
            )
            more = len(cards) - shown - 1
            if y + height > self.box.bottom - (body.get_linesize() if more else 0):
                rest = len(cards) - shown
                note = n_(
                    "{n} more event: the written log (W) has them.",
                    "{n} more events: the written log (W) has them.",
                    rest,
                ).format(n=rest)
                surface.blit(
                    body.render(fit(note, body, self.box.width), True, p.text_muted), (self.box.x, y)
                )
                return
            card = pygame.Rect(self.box.x, y, self.box.width, height)
            panel(surface, card, p)
            pygame.draw.rect(
                surface, p.accent, (card.x, card.y + app.px(6), app.px(4), card.height - app.px(12))
            )
            ty = card.y + pad
            for line in titles:
                surface.blit(title_font.render(line, True, p.text), (card.x + pad, ty))
                ty += title_font.get_linesize()
            ty += app.px(6)
            for line in lines:
                surface.blit(body.render(line, True, p.text), (card.x + pad, ty))
                ty += body.get_linesize()
            y = card.bottom + gap


def normalization_text(side: str, changes: list[Change], level) -> str:
    """A normalization's card: what it means, and what it did this turn (the meters shown here)."""
    did = [
        f"{meter_label(c.meter)} {format_number(c.delta, change_decimals(c.before, c.after), sign=True)}"
        for c in changes
        if c.cause_id == "normalization"
    ]
    text = _(
        "Washington and {side} have settled their quarrel: {side} gains, {partner} loses standing, "
        "and the partnership's ceiling drops for good."
    ).format(side=side_name(side), partner=side_name(other(side)))
    return text + (" " + _("This turn: {changes}.").format(changes=listed(did)) if did else "")
