"""The board: the map, the meters (each answers "why?"), the news, and the action cards of the
side whose plan is being made. Choosing cards builds the plan; locking it hands over (hot-seat)
or resolves the turn.

This screen puts the board's parts together (`game.ui.board`): the model keeps the plan and the
turn's flow, the layout says where each panel goes, and the panels draw. What is left here is the
screen's own: input, the keyboard's focus, the tutorial's note, the classroom's pause and timer,
autoplay, and keeping the drawn board between frames.
"""

from __future__ import annotations

import pygame

from game.core.meters import LIMITS, PILLARS, SIDE_METERS, STATES
from game.i18n import _, n_
from game.speech.reasons import PART_SEPARATOR
from game.speech.sides import state_name
from game.speech.terms import term_words
from game.speech.words import quoted
from game.ui.board.cards import FILTER, CardsPanel
from game.ui.board.layout import MAP_SHARE, BoardLayout, board_layout
from game.ui.board.meters import MetersPanel
from game.ui.board.model import BoardModel
from game.ui.board.news import TABS, NewsPanel
from game.ui.board.region_map import draw_map_forecast, draw_region_map
from game.ui.board.texts import state_why
from game.ui.board.top_bar import TopBar
from game.ui.board.tray import Tray
from game.ui.classroom_overlay import draw_classroom_overlay, held, held_by_pause, teachers_news
from game.ui.reason_field import ReasonField
from game.ui.scenes.base import Scene
from game.ui.summit.model import summit_waiting
from game.ui.tutorial_note import TutorialNote
from game.ui.widgets import Control, Tooltip, button, button_height


def apart(rect: pygame.Rect, others: list[pygame.Rect]) -> pygame.Rect:
    """`rect` cut back where it overlaps one of `others`, on the side of the overlap: in a small
    map two states' labels may overlap a little, and a point must belong to one state."""
    r = pygame.Rect(rect)
    for q in others:
        cut = r.clip(q)
        if not cut.width or not cut.height:
            continue
        if cut.width <= cut.height:  # cut from the left or the right
            r.width -= cut.width
            if r.centerx + cut.width / 2 > q.centerx:
                r.x += cut.width
        else:
            r.height -= cut.height
            if r.centery + cut.height / 2 > q.centery:
                r.y += cut.height
    return r


class BoardScene(Scene):
    name = "board"

    def __init__(self, app, game, perspective: str):
        super().__init__(app)
        self.game = game
        self.side = perspective
        self.time_up_drawn = False  # (the timer has said "Time is up!" on the screen)
        # The turn's summit comes before its board: this side's move there, or the other player's.
        self.summit_first = summit_waiting(game, perspective)
        self.model = BoardModel(game, perspective)
        self.top_bar = TopBar(app, game, perspective)
        self.meters = MetersPanel(app, self.model, lambda: self.tutorial_did("why_opened"))
        self.cards = CardsPanel(app, self.model, self.toggle, self.turn_page, changed=self.filters_changed)
        self.news = NewsPanel(self, self.model, self.refresh)
        table = game.table
        if table is not None and table.turn == game.state.turn and table.closed_ and table.agreed():
            self.news.showing = "commitments"  # what the summit just agreed, before the cards are chosen
        if teachers_news(game):
            self.news.showing = "news"  # the facilitator's news first: on Commitments it went unseen
        self.tray = Tray(
            app, self.model, menu=self.menu, clear=self.clear, lock=self.ask_lock, undo=self.undo
        )
        self.empty_lock_asked = False  # Lock was pressed once on an empty plan: the next press locks it
        self.breach_asked: tuple | None = None  # (plan, words) a press of Lock was warned would break
        self.breach_said = ""  # what that warning said
        self.auto_timer = 0.0
        self.picture: pygame.Surface | None = None  # the board as last rendered, without hover
        self.picture_key: tuple[tuple[int, int], int] | None = None
        self.version = 0  # bumped whenever what the board shows may have changed
        self.note: TutorialNote | None = None
        self.note_stale = False
        self.reason: ReasonField | None = None  # the team's one line of why, typed before locking
        if game.classroom is not None and self.summit_first is None:
            game.classroom.start_turn_timer()

    # -- layout --------------------------------------------------------------------------------
    def lay_out(self) -> BoardLayout:
        app = self.app
        self.layout = board_layout(
            app.size,
            app.scale,
            bar_h=self.top_bar.height,
            tab_h=self.news.tab_height(int(app.size[0] * MAP_SHARE)),
            tray_height=self.tray.height,
            reason_h=button_height(app.fonts.body, app.px(34)),
            projector=app.settings.projector_mode,
        )
        return self.layout

    def rect(self, part: str) -> pygame.Rect:
        return pygame.Rect(getattr(self.layout, part))

    @property
    def captions(self) -> list[tuple[str, pygame.Rect]]:
        return self.top_bar.captions

    def build(self) -> None:
        if self.summit_first is not None:
            return  # shown in a moment by entered(), in place of the board
        self.version += 1
        self.top_bar.lay_out()
        self.lay_out()
        self.news.build_box(self.rect("news"))
        # What was typed survives a rebuild (a new window size); a plan locked before a save keeps its.
        kept = (
            self.reason.text()
            if self.reason is not None
            else self.game.reasons.get(self.side) or self.game.draft_reasons.get(self.side, "")
        )
        self.reason = ReasonField(self, self.rect("reason"), kept=kept)
        self.build_controls()
        self.app.focus_index = self.home_focus()

    def build_controls(self) -> None:
        # Cards first, so that the keyboard focus starts on the first card.
        self.controls = [
            *self.cards.build(self.rect("cards")),
            *([self.reason.control] if self.reason is not None else []),
            *self.tray.build(self.rect("tray")),
            *self.news.build_tabs(self.rect("tabs")),
            *self.meters.build(self.rect("meters")),
            *self.state_controls(),
        ]
        self.build_note()

    def state_controls(self) -> list[Control]:
        """A control for each state on the map, on its label (the keyboard's stop) and, for the
        mouse, over its whole shape (see `handle`): its tooltip gives the shares and their history."""
        # (Placed when the map is drawn: its labels go where there is room at this size.)
        return [
            Control(
                pygame.Rect(0, 0, 0, 0),
                state_name(place),  # (what a screen reader says, in the player's language)
                None,
                kind="state",
                data=place,
                tooltip=self.state_tooltip(place),
            )
            for place in STATES
        ]

    def state_tooltip(self, place: str):
        def tip():
            return Tooltip(*state_why(self.game, self.side, place))

        return tip

    def place_states(self) -> None:
        """Put the states' controls on their labels as the map was last drawn."""
        labels = dict(self.app.map_view.label_rects) if self.app.map_view else {}
        placed: list[pygame.Rect] = []
        for c in self.controls:
            if c.kind == "state" and c.data in labels:
                c.rect = apart(pygame.Rect(labels[c.data]), placed)
                placed.append(c.rect)

    def refresh(self) -> None:
        """Rebuild the controls after a choice, keeping the widgets (the news box) as they are, and
        the focus on the same control when it is still there."""
        self.version += 1
        focused = self.app.focused()
        was = (focused.kind, focused.label) if focused is not None else None
        hovered = self.app.hover
        self.controls = []
        self.app.hover = None
        self.app.dirty = True
        self.lay_out()  # the tray's height follows the plan
        self.build_controls()
        # What the mouse is on stays so, and its "why?" stays open: the tutorial that moved on when
        # the panel opened must not close it in the same moment.
        if hovered is not None:
            self.app.hover = next(
                (
                    c
                    for c in self.controls
                    if (c.kind, c.label, c.rect) == (hovered.kind, hovered.label, hovered.rect)
                ),
                None,
            )
        same = [i for i, c in enumerate(self.controls) if (c.kind, c.label) == was]
        self.app.focus_index = same[0] if same and was != ("tutorial", _("Next")) else self.home_focus()

    def filters_changed(self) -> None:
        """The list of filters opened or closed, or a filter chosen: the focus goes to the filter
        chosen in the list, or back to the first card, never staying on Lock by default."""
        self.refresh()
        self.app.focus_index = self.home_focus()

    def home_focus(self) -> int:
        """Where the keyboard's focus goes when the board is built or a tutorial step changes: the
        note's Next, else what the step asks for (a card, a meter, Lock), else the first card; never
        "Skip tutorial", which Enter would press by accident."""
        controls = self.controls
        guide = self.model.guide
        step = guide.current if guide else None

        def first(test, default=None):
            return next((i for i, c in enumerate(controls) if test(c)), default)

        if self.cards.choosing:
            return first(lambda c: c.data == FILTER and c.selected, first(lambda c: c.data == FILTER, 0))
        if step is not None:
            wanted = {
                "next": lambda c: c.kind == "tutorial" and c.label == _("Next"),
                "card_chosen": lambda c: c.kind == "card" and c.enabled,
                "why_opened": lambda c: (
                    c.kind == "meter" and self.note is not None and c.rect.colliderect(self.note.target)
                ),
                "plan_sent": lambda c: c.label == _("Lock plan (L)"),
            }.get(step.until)
            found = first(wanted) if wanted else None
            if found is not None:
                return found
        return first(lambda c: c.kind == "card", first(lambda c: c.kind != "tutorial", 0))

    # -- choices -------------------------------------------------------------------------------
    def plan_changed(self) -> None:
        """What Lock said of the plan as it was is no longer so: a warning that it broke the
        side's word stayed over the map after the card that broke it was taken out."""
        self.empty_lock_asked = False
        if self.breach_asked is not None and self.message == self.breach_said and self.message_time > 0:
            self.message, self.message_time = "", 0.0
        self.breach_asked = None

    def toggle(self, action_id: str) -> None:
        self.plan_changed()
        if self.model.toggle(action_id):
            self.app.play_sound("choose")
            self.tutorial_did("card_chosen")
        else:
            self.app.play_sound("unchoose")
        self.refresh()

    def clear(self) -> None:
        self.plan_changed()
        self.model.clear()
        self.refresh()

    def undo(self) -> None:
        """Put the plan back as it was before its last change."""
        if self.model.undo():
            self.plan_changed()
            self.app.play_sound("undo")
            self.refresh()
        else:
            self.app.play_sound("refuse")
            self.say(_("Nothing to undo: the plan is as it was when the turn began."))

    def key(self, event) -> None:
        if event.key == pygame.K_z and event.mod & pygame.KMOD_CTRL:
            self.undo()
        elif event.key == pygame.K_f:
            self.cards.open_filters(not self.cards.choosing)

    def turn_page(self, step: int) -> None:
        cards = self.cards
        cards.page = max(0, min(cards.pages - 1, cards.page + step))
        self.refresh()

    def scroll(self, amount: int) -> None:
        self.turn_page(1 if amount > 0 else -1)

    def menu(self) -> None:
        # The line of why typed so far goes into a save made from the menu, as the cards do.
        if self.reason is not None:
            self.game.draft_reasons[self.side] = self.reason.text()
        self.app.show_over("menu", game=self.game)

    def back(self) -> None:
        if self.cards.choosing:  # Esc closes the list of filters before it opens the menu
            self.cards.open_filters(False)
            return
        self.menu()

    def ask_lock(self) -> None:
        """Lock, as the button and L do: an empty plan is locked only when asked twice, so that a
        click or a key too many (after the resolution's Continue, at the same place) never passes a
        turn."""
        if not self.model.plan and not self.empty_lock_asked:
            self.empty_lock_asked = True
            self.say(_("Your plan is empty. Press Lock plan again to pass this turn without acting."))
            return
        # A plan that breaks the side's word is locked only when asked twice: a word forgotten is
        # broken all the same, at a cost in trust for years.
        broken, defied = self.model.words_broken()
        asked = (tuple(self.model.plan), tuple(broken), tuple(defied))
        if (broken or defied) and self.breach_asked != asked:
            self.breach_asked = asked
            self.app.play_sound("refuse")
            level, sep = self.game.level, _(PART_SEPARATOR)
            said = []
            if broken:
                words = sep.join(quoted(term_words(level, t)) for t in broken)
                said.append(
                    n_(
                        "This plan breaks your word: {terms}. Lock it again to break it.",
                        "This plan breaks {n} of your words: {terms}. Lock it again to break them.",
                        len(broken),
                    ).format(n=len(broken), terms=words)
                )
            if defied:
                words = sep.join(quoted(term_words(level, t)) for t in defied)
                said.append(
                    _("This plan defies a warning: {terms}. Lock it again to defy it.").format(terms=words)
                )
            self.breach_said = " ".join(said)
            self.say(self.breach_said)
            return
        self.lock()

    def lock(self) -> None:
        app = self.app
        game = self.game
        slot = game.own_autosave_slot()
        reason = self.reason.text() if self.reason is not None else ""
        locked = self.model.lock(lambda log: app.saves.autosave(log, slot=slot), reason=reason)
        if locked.problem:
            self.app.play_sound("refuse")
            self.say(_("This plan cannot be locked: {problem}").format(problem=locked.problem))
            return
        app.play_sound("turn" if locked.report is not None else "lock")
        self.tutorial_did("plan_sent")
        if locked.hand_over_to:
            app.show("hand-over", game=self.game, side=locked.hand_over_to, locked_by=self.side)
            return
        if locked.autosave_problem:  # said by the resolution: this board is replaced at once
            app.notice = locked.autosave_problem
        app.show("resolution", game=self.game, report=locked.report)

    # -- the tutorial --------------------------------------------------------------------------
    def build_note(self) -> None:
        self.note = None
        guide = self.model.guide
        step = guide.current if guide else None
        if guide is None or step is None:
            return
        if step.point_at == "agenda" and not self.news.showing_agenda:
            self.news.showing_agenda = True  # the step is about the agenda: show it
            self.news.show_text()
            for c, (view, *_) in zip([c for c in self.controls if c.kind == "tab"], TABS, strict=False):
                c.selected = view == "agenda"
        self.note = TutorialNote(self, guide, self.tutorial_target(step.point_at))
        self.controls[:0] = self.note.controls()

    def message_area(self) -> pygame.Rect:
        return self.rect("map")  # over the map, clear of the tray's buttons and the cards

    def tutorial_target(self, place: str) -> pygame.Rect:
        """The part of the board a tutorial step points at."""
        groups = {
            "pillars": PILLARS,
            "limits": (*LIMITS, "washington.thaw_moscow", "washington.thaw_beijing"),
            "meters": tuple(f"{self.side}.{n}" for n in SIDE_METERS),
        }
        if place in groups:
            rows = self.meters.rows_of(groups[place])
            return rows[0].unionall(rows[1:])
        if place == "partnership":
            return self.meters.gauge_rect.inflate(0, self.app.px(8))
        if place == "agenda":  # the tab and the agenda it shows, which the note must not cover
            return self.news.tab_rects[1].union(self.rect("news"))
        return self.rect({"map": "map", "news": "news", "cards": "cards", "plan": "tray"}[place])

    def tutorial_did(self, what: str) -> None:
        if self.model.tutorial_did(what):
            self.note_stale = True
            self.app.dirty = True

    # (The note's buttons call these two; there is a note only when there is a guide.)
    def tutorial_next(self) -> None:
        self.model.tutorial_did("next")
        self.refresh()

    def tutorial_skip(self) -> None:
        if self.model.guide:
            self.model.guide.skip()
        self.say(_("Tutorial skipped. Every meter still answers “why?” when you point at it."))
        self.refresh()

    # -- autoplay ------------------------------------------------------------------------------
    def entered(self) -> None:
        self.auto_timer = 0.0
        first = self.summit_first
        if first is not None:
            if first.where == "hand-over" and first.side is not None:
                self.app.show("hand-over", game=self.game, side=first.side)
            else:
                self.app.show("summit", game=self.game, side=self.side)

    def autoplay_tutorial(self) -> None:
        """Show each of the turn's tutorial steps and do what it asks, as a player would, so that
        autoplay's screenshots hold every step (a modder saw only the first: the agent fills the
        plan without choosing a card, and the note waited for one)."""
        guide = self.model.guide
        shown = 0
        while guide is not None and guide.current is not None and shown < 100:  # (a guard, no more)
            shown += 1
            self.refresh()
            self.app.capture(f"turn{self.game.state.turn:02d}-tutorial-{shown}-{self.side}")
            self.model.tutorial_did(guide.current.until)
        self.refresh()

    def busy(self) -> bool:
        return super().busy() or self.app.options.autoplay

    def update(self, dt: float) -> None:
        super().update(dt)
        if self.note_stale:  # a tooltip moved the tutorial on while the frame was being drawn
            self.note_stale = False
            self.refresh()
        if not self.app.options.autoplay or held(self.game):
            return
        self.auto_timer += dt
        if self.auto_timer > 0.05 and not self.model.plan:
            self.autoplay_tutorial()
            self.model.autoplay()
            self.refresh()
            self.app.capture(f"turn{self.game.state.turn:02d}-plan-{self.side}")
            self.lock()

    # -- input ---------------------------------------------------------------------------------
    def ticking(self) -> bool:
        session = self.game.classroom
        if session is None:
            return False
        left = session.seconds_left()  # (first: it takes the class server's acts, a resume among them)
        # One frame more when the time runs out, to say so: an idle board stayed at "Time left
        # 0:00" until the mouse moved.
        return left is not None and not session.paused and (left != 0.0 or not self.time_up_drawn)

    def handle(self, event) -> bool:
        # The tutorial's note swallows the clicks that miss its buttons (they are not the board's).
        if (
            event.type == pygame.MOUSEBUTTONDOWN
            and self.note is not None
            and self.note.rect.collidepoint(event.pos)
            and not any(c.kind == "tutorial" and c.rect.collidepoint(event.pos) for c in self.controls)
        ):
            return True
        # Over a state's shape on the map (not only its label), the state's tooltip.
        # (Not under the tutorial's note, which may lie over the map.)
        if (
            event.type == pygame.MOUSEMOTION
            and self.app.map_view is not None
            and not (self.note is not None and self.note.rect.collidepoint(event.pos))
        ):
            place = self.app.map_view.state_at(event.pos)
            over = next((c for c in self.controls if c.rect.collidepoint(event.pos)), None)
            if place is not None and (over is None or over.kind == "state"):
                self.app.mouse, self.app.keyboard = event.pos, False
                self.app.hover = next(
                    (c for c in self.controls if c.kind == "state" and c.data == place), None
                )
                return True
        # The wheel pages the cards only over them: over the agenda or the news it scrolls those.
        if event.type == pygame.MOUSEWHEEL and not self.rect("cards").collidepoint(self.app.mouse):
            return True
        # While the facilitator has paused the session, the board takes no input but F9.
        return held_by_pause(self.game, event)

    # -- drawing -------------------------------------------------------------------------------
    def catch_up(self) -> None:
        self.news.catch_up()

    def draw(self, surface) -> None:
        # The board changes only when the player acts; between acts its picture is kept and blitted,
        # so a redraw (a tooltip, the focus ring) costs a copy, not a re-render of every card.
        key = (surface.get_size(), self.version)
        picture = self.picture
        if picture is None or self.picture_key != key:
            if picture is None or picture.get_size() != surface.get_size():
                picture = self.picture = pygame.Surface(surface.get_size()).convert()
            picture.fill(self.app.palette.background)
            hover, self.app.hover = self.app.hover, None  # the kept picture shows no hover...
            self.render(picture)
            self.app.hover = hover
            self.picture_key = key
        surface.blit(picture, (0, 0))
        hover = self.app.hover  # ...which is drawn on top, on the one control under the mouse
        if hover is not None and hover in self.controls:
            if hover.kind == "card":
                self.cards.draw_card(surface, hover)
            elif hover.kind == "button":
                button(surface, hover, self.app.palette, self.app.fonts.bold, True)
        forecast = self.shown_forecast()
        if forecast is not None:  # the ghosts follow the mouse, so they are drawn over the picture
            self.meters.draw_ghosts(surface, forecast)
            draw_map_forecast(self.app, surface, self.rect("map"), self.game, forecast, self.model.plan)

    def pointed_card(self) -> str | None:
        """The card the mouse is on, or, for a keyboard player, the card with the focus."""
        app = self.app
        c = app.hover if app.hover is not None else (app.focused() if app.keyboard else None)
        if c is not None and c.kind == "card" and c in self.controls:
            return c.data[0].id
        return None

    def shown_forecast(self):
        """The forecast the board shows: the plan's, with the card pointed at when it may join the
        plan (None when that leaves nothing to forecast)."""
        forecast = self.model.forecast(self.pointed_card())
        # (A card pointed at that cannot join the plan adds nothing: an empty plan has no forecast.)
        return forecast if forecast.plan else None

    def render(self, surface) -> None:
        self.top_bar.draw(surface)
        draw_region_map(self.app, surface, self.rect("map"), self.game)
        self.place_states()
        self.meters.draw(surface)
        self.cards.draw(surface, self.controls)
        self.tray.draw(surface)
        self.draw_controls(surface)

    def draw_over(self, surface) -> None:
        if self.note is not None:
            self.note.draw(surface)
        session = self.game.classroom
        if session is not None:
            draw_classroom_overlay(self.app, surface, session, self.top_bar.height, self.top_bar.timer_center)
            self.time_up_drawn = session.seconds_left(sync=False) == 0.0
        super().draw_over(surface)
