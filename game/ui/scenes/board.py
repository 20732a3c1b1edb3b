"""The board: the map, the meters (each answers "why?"), the news, and the action cards of the
side whose plan is being made. Choosing cards builds the plan; locking it hands over (hot-seat)
or resolves the turn."""

from __future__ import annotations

import html
from functools import partial

import pygame

from game.core import preview, why_unusable
from game.core.meters import LIMIT_LABELS, LIMITS, PILLARS, SIDE_METERS, band, band_spans, label, other
from game.core.observe import PUBLIC_OF_OTHER
from game.session.game import HUMAN
from game.session.story import SCENARIO_LEVEL_NOTE, SCENARIO_MARK, describe_act, facilitator_news
from game.session.tutorial import guide_for
from game.ui.agenda import agenda_html
from game.ui.card_preview import signed, summarise_changes
from game.ui.classroom_overlay import draw_classroom_overlay
from game.ui.scenes.base import Scene
from game.ui.tutorial_note import TutorialNote
from game.ui.widgets import (
    Control,
    Tooltip,
    bar,
    bottom_of,
    button_height,
    fit,
    label_fits,
    panel,
    row_of_buttons,
    text,
    wrap,
)

# The gauge names the bands under it, in the short names that fit there.
BANDS = band_spans(short=True)


class BoardScene(Scene):
    name = "board"

    def __init__(self, app, game, perspective: str):
        super().__init__(app)
        self.game = game
        self.side = perspective
        # A plan locked already, or cards chosen before a save, come back as they were.
        self.plan: list[str] = list(game.locked.get(perspective) or game.drafts.get(perspective, ()))
        self.page = 0
        self.auto_timer = 0.0
        self.picture: pygame.Surface | None = None  # the board as last rendered, without hover
        self.picture_key: tuple[tuple[int, int], int] | None = None
        self.version = 0  # bumped whenever what the board shows may have changed
        self.guide = guide_for(game, perspective) if game.seats[perspective].controller == HUMAN else None
        if self.guide:
            self.guide.begin_turn(game.state.turn)
        self.note: TutorialNote | None = None
        self.note_stale = False
        self.showing_agenda = False
        if game.classroom is not None:
            game.classroom.start_turn_timer()

    @property
    def other(self) -> str:
        return other(self.side)

    # -- layout --------------------------------------------------------------------------------
    def build(self) -> None:
        """Three columns: the meters; the map over the news; the action cards over the plan."""
        self.version += 1
        app = self.app
        w, h = app.size
        pad = app.px(12)
        self.lay_out_top_bar()
        top = self.bar_h + pad
        body_h = h - top - pad
        mw = int(w * 0.27)
        self.meters_rect = pygame.Rect(pad, top, mw, body_h)
        mx = self.meters_rect.right + pad
        map_w = int(w * 0.36)
        # In projector mode the news gets more room, so that a room can read it.
        map_share = 0.44 if app.settings.projector_mode else 0.58
        self.map_rect = pygame.Rect(mx, top, map_w, int(body_h * map_share))
        # The news box has two tabs: the news, and the side's agenda.
        tab_h = button_height(app.fonts.bold, app.px(30))
        tabs = row_of_buttons(
            ["News", "Agenda (A)"],
            app.fonts.bold,
            mx,
            self.map_rect.bottom + pad,
            mx + map_w,
            tab_h,
            app.px(6),
        )
        self.news_tab_rects = tabs
        news_top = bottom_of(tabs) + app.px(4)
        self.news_rect = pygame.Rect(mx, news_top, map_w, top + body_h - news_top)
        cx = self.map_rect.right + pad
        self.tray_rect = pygame.Rect(cx, h - pad, w - cx - pad, 0)  # its height follows the plan
        self.lay_out_tray()
        self.cards_rect = pygame.Rect(cx, top, w - cx - pad, self.tray_rect.top - pad - top)
        # Cards first, so that the keyboard focus starts on the first card.
        self.build_cards()
        self.build_tray()
        self.build_meters()
        self.build_news()
        self.build_note()
        self.app.focus_index = self.home_focus()

    def lay_out_top_bar(self) -> None:
        """The top bar: the level, the turn and the date on the left; the side and its capital on
        the right. On one line when they fit; else two lines each, the level's title giving way
        first (never the turn or the date)."""
        app, fonts, game = self.app, self.app.fonts, self.game
        w = app.size[0]
        lv = game.level
        turn = min(game.state.turn, lv.turns)
        when = f"Turn {turn} of {lv.turns}  ·  {lv.date_of(turn)}"
        capital = game.state.meters[f"{self.side}.capital"]
        who, money = f"Governing from {self.side.capitalize()}", f"Political capital {capital:g}"
        margin, swatch = app.px(14), app.px(18)
        right_one = fonts.bold.size(f"{who}  ·  {money}")[0] + swatch
        room = w - 2 * margin - right_one - app.px(24)
        left_one = f"{lv.title}  ·  {when}"
        if fonts.heading.size(left_one)[0] <= room:
            self.bar_left, self.bar_right = [left_one], [f"{who}  ·  {money}"]
            self.bar_h = max(app.px(54), fonts.heading.get_linesize() + app.px(12))
        else:
            right_w = max(fonts.bold.size(who)[0], fonts.bold.size(money)[0]) + swatch
            room = w - 2 * margin - right_w - app.px(24)
            self.bar_left = [fit(lv.title, fonts.heading, room), fit(when, fonts.bold, room)]
            self.bar_right = [who, money]
            self.bar_h = fonts.heading.get_linesize() + fonts.bold.get_linesize() + app.px(12)
        left_w = max(
            [fonts.heading.size(self.bar_left[0])[0]] + [fonts.bold.size(t)[0] for t in self.bar_left[1:]]
        )
        right_w = max(fonts.bold.size(t)[0] for t in self.bar_right)
        self.bar_left_rect = pygame.Rect(
            margin, (self.bar_h - self.bar_text_h(self.bar_left)) // 2, left_w, self.bar_text_h(self.bar_left)
        )
        text_h = len(self.bar_right) * fonts.bold.get_linesize()
        self.bar_right_rect = pygame.Rect(w - margin - right_w, (self.bar_h - text_h) // 2, right_w, text_h)
        r = self.bar_right_rect
        self.captions = [
            ("top bar", self.bar_left_rect),
            ("side", pygame.Rect(r.x - swatch, r.y, r.width + swatch, r.height)),
        ]

    def bar_text_h(self, lines) -> int:
        fonts = self.app.fonts
        return fonts.heading.get_linesize() + (len(lines) - 1) * fonts.bold.get_linesize()

    def top_bar_text(self) -> str:
        return "  ·  ".join(self.bar_left)

    def plan_text(self) -> str:
        lv = self.game.level
        names = [lv.actions[a].name for a in self.plan]
        capital = self.game.state.meters[f"{self.side}.capital"]
        return f"Plan ({self.plan_cost()} of {capital:g} capital): " + (
            ", ".join(names) if names else "nothing chosen yet"
        )

    def plan_lines(self) -> list[str]:
        return wrap(self.plan_text(), self.app.fonts.body, self.tray_text_w)

    def lay_out_tray(self) -> None:
        """The plan in words over its buttons; the tray grows to show every chosen card's name."""
        app, fonts = self.app, self.app.fonts
        r = self.tray_rect
        inset = app.px(10)
        self.tray_text_w = r.width - 2 * inset
        gap = app.px(8)
        bh = button_height(fonts.bold, app.px(42))
        labels = [label for label, *_ in self.tray_buttons()]
        rows = row_of_buttons(labels, fonts.bold, 0, 0, self.tray_text_w, bh, gap)
        half = (self.tray_text_w - gap) // 2
        if len({b.y for b in rows}) > 1 and all(
            label_fits(t, fonts.bold, pygame.Rect(0, 0, half, bh)) for t in labels
        ):
            # Not on one row: a tidy two-by-two grid rather than a ragged wrap.
            rows = [
                pygame.Rect((i % 2) * (half + gap), (i // 2) * (bh + gap), half, bh)
                for i in range(len(labels))
            ]
        buttons_h = max(b.bottom for b in rows)
        text_h = len(self.plan_lines()) * (fonts.body.get_linesize() + 2)
        height = inset + text_h + app.px(6) + buttons_h + inset
        self.tray_rect = pygame.Rect(r.x, r.bottom - height, r.width, height)
        self.tray_button_rects = [
            b.move(r.x + inset, self.tray_rect.bottom - inset - buttons_h) for b in rows
        ]

    def tray_buttons(self) -> list:
        return [
            ("Menu (Esc)", self.menu, True, pygame.K_m),
            ("Clear", self.clear, bool(self.plan), None),
            ("Lock plan (L)", self.lock, True, pygame.K_l),
        ]

    def build_news(self) -> None:
        r = self.news_rect
        html_ = self.agenda_html() if self.showing_agenda else self.news_html()
        self.news_box = self.text_box(html_, r)

    def agenda_html(self) -> str:
        score = self.game.scores()[self.side]
        head = f"<b>{self.side.capitalize()}: your score now is {score:.0f} of 100</b><br>"
        return head + agenda_html(self.game.level, self.side, self.game.state)

    def show_agenda(self, showing: bool) -> None:
        """The news box shows the side's agenda (each goal, met now or not, and the score to win),
        or the news."""
        self.showing_agenda = showing
        self.news_box.set_text(self.agenda_html() if self.showing_agenda else self.news_html())
        self.refresh()

    def news_html(self) -> str:
        game = self.game
        lines = []
        shown = [a for a in game.pending_acts() if a.kind in ("inject", "adjust", "annotate")]
        if game.classroom is not None and shown:
            # The facilitator's acts are shown to the players as the facilitator's, at once (a
            # pause or a refused passphrase is not news, so it gives no heading of its own).
            lines.append("<b>From the facilitator</b>")
            lines += [html.escape(facilitator_news(game, act)) for act in shown]
        if not game.reports:
            lines.append(f"<b>{html.escape(game.level.title)}</b>, {game.level.date_of(1)}.")
            if game.level.hypothetical:
                lines.append(f"<i>{html.escape(SCENARIO_LEVEL_NOTE)}</i>")
            lines.append(html.escape(game.level.briefing.get(self.side, ""))[:900])
        for report in reversed(game.reports[-3:]):
            lines.append(f"<b>Turn {report.turn}, {report.date}</b>")
            by_facilitator = {c.cause_id for c in report.changes if c.cause_kind == "facilitator"}
            for event_id in report.events:
                event = game.level.event(event_id)
                if event:
                    who = " <i>(put in play by the facilitator)</i>" if event_id in by_facilitator else ""
                    # An invented development is never told as if it were the record.
                    if game.level.is_scenario(event):
                        who += f" <i>{SCENARIO_MARK}</i>"
                    lines.append(f"<b>{html.escape(event.title)}</b>{who} {html.escape(event.text)}")
            for act in game.log.acts_of_turn(report.turn):
                if act.kind in ("adjust", "annotate"):
                    lines.append(
                        "<i>" + html.escape(describe_act(game.level, act)).capitalize() + "</i>"
                        if act.kind == "annotate"
                        else html.escape(f"The facilitator {describe_act(game.level, act)}")
                    )
            for note in report.notes:
                lines.append(html.escape(note))
            if not report.events and not report.notes:
                lines.append("A quiet season: no event.")
        return "<br>".join(lines)

    def meter_tooltip(self, meter: str, hidden: bool = False):
        def tip():
            game = self.game
            value = game.state.meters.get(meter)
            if hidden:
                return Tooltip(f"{label(meter)}: hidden", [f"{self.other.capitalize()} does not show this."])
            lines = []
            turn, changes = game.last_changes(meter)
            if turn is None:
                source = game.level.start_sources.get(meter, "")
                lines.append(f"Unchanged since the start ({source}).")
            else:
                total = sum(c.delta for c in changes)
                lines.append(f"Turn {turn}: {signed(total)} in all. Why:")
                for c in changes[:7]:
                    lines.append(f"{signed(c.delta)}  {c.why}  [{c.source}]")
                if len(changes) > 7:
                    lines.append(f"…and {len(changes) - 7} more changes.")
            self.tutorial_did("why_opened")
            return Tooltip(f"{label(meter)}: {value:.1f}", lines, game.history_of(meter))

        return tip

    def build_meters(self) -> None:
        app = self.app
        r = self.meters_rect
        pad = app.px(10)
        x, width = r.x + pad, r.width - 2 * pad
        threshold = self.game.level.washington.threshold
        groups = [
            ("Pillars and trust", [(m, None) for m in (*PILLARS, "trust")]),
            (
                "Limits (higher pulls apart)",
                [(m, None) for m in LIMITS]
                + [(f"washington.thaw_{s}", threshold) for s in ("moscow", "beijing")],
            ),
            (f"{self.side.capitalize()} (yours)", [(f"{self.side}.{n}", None) for n in SIDE_METERS]),
            (
                f"{self.other.capitalize()} (what you can see)",
                [(f"{self.other}.{n}", None) for n in PUBLIC_OF_OTHER] + [("middle_corridor", None)],
            ),
        ]
        title_h = app.fonts.bold.get_linesize() + app.px(2)
        # Two lines at most: the band gives way before the ceiling does (the bands are drawn
        # under the gauge anyway).
        for title in self.gauge_titles():
            self.gauge_lines = wrap(title, app.fonts.bold, width)
            if len(self.gauge_lines) <= 2:
                break
        self.gauge_lines = self.gauge_lines[:2]
        gauge_h = len(self.gauge_lines) * title_h + app.px(28) + app.fonts.tiny.get_linesize() + app.px(6)
        rows = sum(len(g[1]) for g in groups)
        row = max(app.px(16), min(app.px(26), (r.height - 2 * pad - gauge_h - len(groups) * title_h) // rows))
        self.titles = []
        self.meter_rows = []
        y = r.y + pad
        self.gauge_title_y = y
        self.gauge_rect = pygame.Rect(x, y + len(self.gauge_lines) * title_h + app.px(6), width, app.px(22))
        self.add(
            Control(
                self.gauge_rect.inflate(0, app.px(8)),
                "Partnership",
                None,
                kind="meter",
                tooltip=self.meter_tooltip("partnership"),
            )
        )
        y += gauge_h
        for title, meters in groups:
            self.titles.append((title, y))
            y += title_h
            for meter, marker in meters:
                rect = pygame.Rect(x, y, width, row - app.px(3))
                self.meter_rows.append((rect, meter, marker, False, None))
                self.add(Control(rect, label(meter), None, kind="meter", tooltip=self.meter_tooltip(meter)))
                y += row

    def ceiling_holder(self) -> str | None:
        """The limit that weighed most on the ceiling when it last held the partnership down, if
        it did so last turn (its "why?" gives the figure)."""
        reports = self.game.reports
        cause = reports[-1].ceiling_cause if reports else None
        return LIMIT_LABELS[cause] if cause else None

    def gauge_title(self) -> str:
        return self.gauge_titles()[0]

    def gauge_titles(self) -> list[str]:
        """The partnership's title, then shorter ones for a narrow column."""
        m = self.game.state.meters
        value, ceiling = m["partnership"], m["partnership_ceiling"]
        held = self.ceiling_holder()
        longer = (
            [f"Partnership {value:.1f}: {band(value)} (ceiling {ceiling:.0f}, held by {held})"]
            if held
            else []
        )
        return [
            *longer,
            f"Partnership {value:.1f}: {band(value)} (ceiling {ceiling:.0f})",
            f"Partnership {value:.1f} (ceiling {ceiling:.0f})",
            f"{value:.1f} (ceiling {ceiling:.0f})",
        ]

    def card_grid(self):
        app = self.app
        r = self.cards_rect
        gap = app.px(8)
        cols = 2 if r.width >= app.px(520) else 1
        card_w = (r.width - (cols - 1) * gap) // cols
        card_h = app.px(112)
        rows = max(1, (r.height - app.px(30)) // (card_h + gap))
        return cols, rows, card_w, card_h, gap

    def ordered_actions(self) -> list:
        """The side's cards as the board lists them: those usable this turn first, and within each,
        the level's own cards (its period), in the order its file gives them, before the base
        ruleset's. The order holds for the whole turn, so cards do not jump while a plan is made."""
        game = self.game
        leaf = (game.level.files[-1] if game.level.files else "") + ":"

        def key(action):
            own = action.source.startswith(leaf)
            line = action.source[len(leaf) :] if own else ""
            return (
                why_unusable(game.state, self.side, action.id) is not None,
                not own,
                int(line) if line.isdigit() else 0,
            )

        return sorted(game.level.side_actions(self.side), key=key)

    def build_cards(self) -> None:
        app = self.app
        game = self.game
        r = self.cards_rect
        actions = self.ordered_actions()
        cols, rows, card_w, card_h, gap = self.card_grid()
        per_page = cols * rows
        self.pages = max(1, -(-len(actions) // per_page))
        self.page = min(self.page, self.pages - 1)
        shown = actions[self.page * per_page : (self.page + 1) * per_page]
        y0 = r.y + app.px(28)
        spent = self.plan_cost()
        capital = game.state.meters[f"{self.side}.capital"]
        full = len(self.plan) >= game.level.rules.max_actions
        for i, action in enumerate(shown):
            rect = pygame.Rect(
                r.x + (i % cols) * (card_w + gap), y0 + (i // cols) * (card_h + gap), card_w, card_h
            )
            reason = why_unusable(game.state, self.side, action.id)
            chosen = action.id in self.plan
            if not chosen and reason is None:
                if action.cost > capital - spent:
                    reason = f"costs {action.cost}; only {capital - spent:g} capital left in this plan"
                elif full:
                    reason = f"a plan holds at most {game.level.rules.max_actions} actions"
            self.add(
                Control(
                    rect,
                    action.name,
                    partial(self.toggle, action.id),
                    kind="card",
                    enabled=chosen or reason is None,
                    selected=chosen,
                    data=(action, reason),
                    why_disabled=f"{action.name}: {reason}" if reason else "",
                    tooltip=self.card_tooltip(action),
                )
            )
        if self.pages > 1:
            bw = app.px(44)
            prev = pygame.Rect(r.right - 2 * bw - app.px(6), r.y, bw, app.px(24))
            nxt = pygame.Rect(r.right - bw, r.y, bw, app.px(24))
            self.add(Control(prev, "<", lambda: self.turn_page(-1), enabled=self.page > 0))
            self.add(Control(nxt, ">", lambda: self.turn_page(1), enabled=self.page < self.pages - 1))

    def card_tooltip(self, action):
        def tip():
            changes = preview(self.game.state, self.side, action.id)
            lines = [
                action.description,
                "Now it would: " + (", ".join(summarise_changes(changes, self.side)) or "nothing at once"),
            ]
            if action.delayed:
                later = []
                for d in action.delayed:
                    effects = ", ".join(f"{signed(e.delta)} {label(e.meter)}" for e in d.does.effects)
                    later.append(f"after {d.after} turn{'s' if d.after > 1 else ''}: {effects or 'flags'}")
                lines.append("Later: " + "; ".join(later))
            if action.cooldown:
                lines.append(
                    f"Then unavailable for {action.cooldown} turn{'s' if action.cooldown > 1 else ''}."
                )
            lines.append(f"Defined at {action.source}.")
            return Tooltip(f"{action.name} (cost {action.cost})", lines)

        return tip

    def build_tray(self) -> None:
        # Lock first: after the cards, it is the next stop for Tab.
        buttons = list(zip(self.tray_button_rects, self.tray_buttons(), strict=False))
        for rect, (label_, action, enabled, hotkey) in reversed(buttons):
            self.add(Control(rect, label_, action, enabled=enabled, hotkey=hotkey))
        news, agenda = self.news_tab_rects
        self.add(
            Control(
                news, "News", lambda: self.show_agenda(False), kind="tab", selected=not self.showing_agenda
            )
        )
        self.add(
            Control(
                agenda,
                "Agenda (A)",
                lambda: self.show_agenda(not self.showing_agenda),
                kind="tab",
                selected=self.showing_agenda,
                hotkey=pygame.K_a,
            )
        )

    # -- actions ---------------------------------------------------------------------------------
    # -- tutorial ------------------------------------------------------------------------------
    def build_note(self) -> None:
        self.note = None
        guide = self.guide
        step = guide.current if guide else None
        if guide is None or step is None:
            return
        self.note = TutorialNote(self, guide, self.tutorial_target(step.point_at))
        self.controls[:0] = self.note.controls()

    def message_area(self) -> pygame.Rect:
        return self.map_rect  # over the map, clear of the tray's buttons and the cards

    def tutorial_target(self, place: str) -> pygame.Rect:
        """The part of the board a tutorial step points at."""
        groups = {
            "pillars": PILLARS,
            "limits": (*LIMITS, "washington.thaw_moscow", "washington.thaw_beijing"),
            "meters": tuple(f"{self.side}.{n}" for n in SIDE_METERS),
        }
        if place in groups:
            rows = [rect for rect, meter, *_ in self.meter_rows if meter in groups[place]]
            return rows[0].unionall(rows[1:])
        return {
            "partnership": self.gauge_rect.inflate(0, self.app.px(8)),
            "map": self.map_rect,
            "news": self.news_rect,
            "agenda": self.news_tab_rects[1],
            "cards": self.cards_rect,
            "plan": self.tray_rect,
        }[place]

    def tutorial_did(self, what: str) -> None:
        if self.guide and self.guide.notify(what):
            self.note_stale = True
            self.app.dirty = True

    # (The note's buttons call these two; there is a note only when there is a guide.)
    def tutorial_next(self) -> None:
        if self.guide:
            self.guide.notify("next")
        self.refresh()

    def tutorial_skip(self) -> None:
        if self.guide:
            self.guide.skip()
        self.say("Tutorial skipped. Every meter still answers “why?” when you point at it.")
        self.refresh()

    def plan_cost(self) -> int:
        return sum(self.game.level.actions[a].cost for a in self.plan)

    def toggle(self, action_id: str) -> None:
        if action_id in self.plan:
            self.plan.remove(action_id)
        else:
            self.plan.append(action_id)
            self.tutorial_did("card_chosen")
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the controls after a choice, keeping the widgets (the news box) as they are, and
        the focus on the same control when it is still there."""
        self.game.drafts[self.side] = list(self.plan)  # what a save keeps of a plan being made
        self.version += 1
        focused = self.app.focused()
        was = (focused.kind, focused.label) if focused is not None else None
        self.controls = []
        self.app.hover = None
        self.app.dirty = True
        pad = self.app.px(12)
        self.tray_rect = pygame.Rect(self.tray_rect.x, self.tray_rect.bottom, self.tray_rect.width, 0)
        self.lay_out_tray()
        self.cards_rect.height = self.tray_rect.top - pad - self.cards_rect.top
        self.build_cards()
        self.build_tray()
        self.build_meters()
        self.build_note()
        same = [i for i, c in enumerate(self.controls) if (c.kind, c.label) == was]
        self.app.focus_index = same[0] if same and was != ("tutorial", "Next") else self.home_focus()

    def home_focus(self) -> int:
        """Where the keyboard's focus goes when the board is built or a tutorial step changes: the
        note's Next, else what the step asks for (a card, a meter, Lock), else the first card; never
        "Skip tutorial", which Enter would press by accident."""
        controls = self.controls
        step = self.guide.current if self.guide else None

        def first(test, default=None):
            return next((i for i, c in enumerate(controls) if test(c)), default)

        if step is not None:
            wanted = {
                "next": lambda c: c.kind == "tutorial" and c.label == "Next",
                "card_chosen": lambda c: c.kind == "card" and c.enabled,
                "why_opened": lambda c: (
                    c.kind == "meter" and self.note is not None and c.rect.colliderect(self.note.target)
                ),
                "plan_sent": lambda c: c.label == "Lock plan (L)",
            }.get(step.until)
            found = first(wanted) if wanted else None
            if found is not None:
                return found
        return first(lambda c: c.kind == "card", first(lambda c: c.kind != "tutorial", 0))

    def turn_page(self, step: int) -> None:
        self.page = max(0, min(self.pages - 1, self.page + step))
        self.refresh()

    def clear(self) -> None:
        self.plan = []
        self.refresh()

    def scroll(self, amount: int) -> None:
        self.turn_page(1 if amount > 0 else -1)

    def menu(self) -> None:
        from game.ui.scenes.menu import MenuScene

        self.app.push(MenuScene(self.app, self.game))

    def back(self) -> None:
        self.menu()

    def lock(self) -> None:
        from game.ui.scenes.handover import HandOverScene
        from game.ui.scenes.resolution import ResolutionScene

        app, game = self.app, self.game
        problem = game.lock(self.side, tuple(self.plan))
        if problem:
            self.say(f"This plan cannot be locked: {problem}")
            return
        self.tutorial_did("plan_sent")
        waiting = [s for s in game.waiting_for() if game.seats[s].controller == HUMAN]
        if waiting:
            app.replace(HandOverScene(app, game, waiting[0], locked_by=self.side))
            return
        report = game.resolve()
        try:
            app.saves.autosave(game.log)
        except OSError as e:
            from game.session.data_folder import problem_message

            # Said by the next screen (this one is replaced at once); the game goes on.
            app.notice = problem_message("The autosave could not be written", e)
        app.replace(ResolutionScene(app, game, report))

    # -- autoplay ------------------------------------------------------------------------------
    def entered(self) -> None:
        self.auto_timer = 0.0

    def busy(self) -> bool:
        return super().busy() or self.app.options.autoplay

    def update(self, dt: float) -> None:
        super().update(dt)
        if self.note_stale:  # a tooltip moved the tutorial on while the frame was being drawn
            self.note_stale = False
            self.refresh()
        if not self.app.options.autoplay:
            return
        self.auto_timer += dt
        if self.auto_timer > 0.05 and not self.plan:
            from game.ai import make_agent

            agent = make_agent("normal", self.side, self.game.seed + self.game.state.turn)
            self.plan = list(agent.choose(self.game.state))
            self.refresh()
            self.app.capture(f"turn{self.game.state.turn:02d}-plan-{self.side}")
            self.lock()

    # -- drawing ---------------------------------------------------------------------------------
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
                self.draw_card(surface, hover)
            elif hover.kind == "button":
                from game.ui.widgets import button

                button(surface, hover, self.app.palette, self.app.fonts.bold, True)

    def draw_over(self, surface) -> None:
        if self.note is not None:
            self.note.draw(surface)
        session = self.game.classroom
        if session is not None:
            draw_classroom_overlay(self.app, surface, session, self.bar_h)
        super().draw_over(surface)

    def ticking(self) -> bool:
        session = self.game.classroom
        return session is not None and session.seconds_left() not in (None, 0.0) and not session.paused

    def handle(self, event) -> bool:
        # The tutorial's note swallows the clicks that miss its buttons (they are not the board's).
        if (
            event.type == pygame.MOUSEBUTTONDOWN
            and self.note is not None
            and self.note.rect.collidepoint(event.pos)
            and not any(c.kind == "tutorial" and c.rect.collidepoint(event.pos) for c in self.controls)
        ):
            return True
        # While the facilitator has paused the session, the board takes no input but F9.
        session = self.game.classroom
        if session is not None and session.paused:
            if event.type == pygame.KEYDOWN and event.key == pygame.K_F9:
                return False
            return event.type in (
                pygame.MOUSEBUTTONDOWN,
                pygame.MOUSEBUTTONUP,
                pygame.KEYDOWN,
                pygame.MOUSEWHEEL,
            )
        return False

    def render(self, surface) -> None:
        app, p, game = self.app, self.app.palette, self.game
        w, _ = app.size
        # top bar
        pygame.draw.rect(surface, p.panel, (0, 0, w, self.bar_h))
        pygame.draw.line(surface, p.panel_border, (0, self.bar_h), (w, self.bar_h))
        x, y = self.bar_left_rect.topleft
        for i, line in enumerate(self.bar_left):
            font = app.fonts.heading if i == 0 else app.fonts.bold
            surface.blit(font.render(line, True, p.text), (x, y))
            y += font.get_linesize()
        colour = p.moscow if self.side == "moscow" else p.beijing
        r = self.bar_right_rect
        pygame.draw.rect(
            surface,
            colour,
            (r.x - app.px(18), r.y + app.fonts.bold.get_linesize() // 2 - app.px(6), app.px(12), app.px(12)),
        )
        for i, line in enumerate(self.bar_right):
            img = app.fonts.bold.render(line, True, p.text)
            surface.blit(img, img.get_rect(topright=(r.right, r.y + i * app.fonts.bold.get_linesize())))
        # map
        panel(surface, self.map_rect, p)
        app_map = app.map_view
        if app_map:
            app_map.draw(
                surface,
                self.map_rect.inflate(-app.px(8), -app.px(8)),
                game.state.meters,
                p,
                app.fonts.tiny,
                year=game.level.map_year_at(min(game.state.turn, game.level.turns)),
            )
        # meters
        self.draw_meters(surface)
        # cards
        r = self.cards_rect
        room = r.width - app.px(110)
        side, number = self.side.capitalize(), f"{self.page + 1} of {self.pages}"
        heads = (
            [f"Actions for {side}  · page {number}", f"{side}  · page {number}", f"Page {number}"]
            if self.pages > 1
            else [f"Actions for {side}"]
        )
        # The page count is kept; the words give way.
        head = next((h for h in heads if app.fonts.bold.size(h)[0] <= room), heads[-1])
        surface.blit(app.fonts.bold.render(fit(head, app.fonts.bold, room), True, p.text), (r.x, r.y))
        for c in self.controls:
            if c.kind == "card":
                self.draw_card(surface, c)
        # tray
        panel(surface, self.tray_rect, p)
        text(
            surface,
            self.plan_text(),
            app.fonts.body,
            p.text,
            (self.tray_rect.x + app.px(10), self.tray_rect.y + app.px(10)),
            self.tray_text_w,
        )
        self.draw_controls(surface)

    def draw_meters(self, surface) -> None:
        app, p, game = self.app, self.app.palette, self.game
        m = game.state.meters
        panel(surface, self.meters_rect, p)
        value = m["partnership"]
        ceiling = m["partnership_ceiling"]
        g = self.gauge_rect
        for i, line in enumerate(self.gauge_lines):
            surface.blit(
                app.fonts.bold.render(fit(line, app.fonts.bold, g.width), True, p.text),
                (g.x, self.gauge_title_y + i * (app.fonts.bold.get_linesize() + app.px(2))),
            )
        for k, (lo, hi, name) in enumerate(BANDS):
            seg = pygame.Rect(g.x + int(g.width * lo) // 100, g.y, int(g.width * (hi - lo)) // 100, g.height)
            pygame.draw.rect(surface, p.panel_border if k % 2 == 0 else p.background, seg)
            tag = app.fonts.tiny.render(name, True, p.text_muted)
            if tag.get_width() < seg.width - 2:
                surface.blit(tag, tag.get_rect(midtop=(seg.centerx, g.bottom + 2)))
        pygame.draw.rect(
            surface, p.accent, (g.x, g.y + g.height // 4, int(g.width * value / 100), g.height // 2)
        )
        cx = g.x + int(g.width * ceiling / 100)
        for yy in range(g.y - 4, g.bottom + 4, 6):  # dashed: the ceiling the limits set
            pygame.draw.line(surface, p.warning, (cx, yy), (cx, min(yy + 3, g.bottom + 4)), 2)
        vx = g.x + int(g.width * value / 100)
        pygame.draw.polygon(surface, p.text, [(vx, g.y - 1), (vx - 6, g.y - 9), (vx + 6, g.y - 9)])
        pygame.draw.rect(surface, p.panel_border, g, width=1)
        for title, y in self.titles:
            surface.blit(app.fonts.bold.render(fit(title, app.fonts.bold, g.width), True, p.text), (g.x, y))
        num_w = app.px(34)
        for rect, meter, marker, _hidden, _name in self.meter_rows:
            label_w = int(rect.width * 0.46)
            short = label(meter).replace("Moscow ", "").replace("Beijing ", "")
            if meter.startswith("washington."):
                short = f"US–{meter.split('_')[-1].capitalize()} thaw"
            font = app.fonts.small
            surface.blit(
                font.render(fit(short, font, label_w - 4), True, p.text),
                (rect.x, rect.centery - font.get_height() // 2),
            )
            bar_h = max(6, min(app.px(12), rect.height - app.px(6)))
            bar_rect = pygame.Rect(
                rect.x + label_w, rect.centery - bar_h // 2, rect.width - label_w - num_w, bar_h
            )
            v = m[meter]
            hi = 30 if meter.endswith(".capital") else 100
            colour = p.bad if meter in LIMITS else p.good if meter in PILLARS else p.accent
            bar(surface, bar_rect, v, p, colour, 0, hi, marker)
            num = font.render(f"{v:.0f}", True, p.text)
            surface.blit(num, num.get_rect(midright=(rect.right, rect.centery)))

    def draw_card(self, surface, c: Control) -> None:
        app, p = self.app, self.app.palette
        action, reason = c.data
        r = c.rect
        hovered = c is app.hover
        fill = p.panel if c.enabled else p.background
        pygame.draw.rect(surface, fill, r, border_radius=8)
        edge = p.accent if c.selected else (p.text_muted if hovered else p.panel_border)
        pygame.draw.rect(surface, edge, r, width=3 if c.selected else 1, border_radius=8)
        inner = r.inflate(-app.px(16), -app.px(12))
        colour = p.text if c.enabled else p.text_muted
        badge = app.fonts.bold.render(str(action.cost), True, p.background)
        br = pygame.Rect(0, 0, app.px(26), app.px(26))
        br.topright = inner.topright
        pygame.draw.circle(surface, p.accent if c.enabled else p.text_muted, br.center, br.width // 2)
        surface.blit(badge, badge.get_rect(center=br.center))
        name_w = inner.width - br.width - app.px(6)
        y = inner.y
        y += text(surface, action.name, app.fonts.bold, colour, (inner.x, y), name_w, max_lines=2)
        tags = " · ".join(sorted(action.tags)) or "no method tag"
        if c.selected:
            tags = "IN YOUR PLAN  ·  " + tags
        surface.blit(
            app.fonts.tiny.render(
                fit(tags, app.fonts.tiny, inner.width), True, p.accent if c.selected else p.text_muted
            ),
            (inner.x, y),
        )
        y += app.fonts.tiny.get_linesize() + app.px(2)
        if reason and not c.selected:
            text(
                surface,
                f"Not now: {reason}",
                app.fonts.small,
                p.warning,
                (inner.x, y),
                inner.width,
                max_lines=3,
            )
            return
        effects = summarise_changes(preview(self.game.state, self.side, action.id), self.side)
        text(
            surface,
            ", ".join(effects) or "no immediate effect",
            app.fonts.small,
            colour,
            (inner.x, y),
            inner.width,
            max_lines=max(1, (inner.bottom - y) // (app.fonts.small.get_linesize() + 2)),
        )
