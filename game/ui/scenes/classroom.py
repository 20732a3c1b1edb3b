"""Classroom session set-up: the level, who plays each side (a team or an AI), the class seed in
large type so every group can type the same one, an optional planning timer, the group's name and
the facilitator's passphrase."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame
import pygame_gui

from game.classroom.language import class_language
from game.classroom.session import MIN_PASSPHRASE, TEAM, TIMER_CHOICES, ClassroomSession
from game.core.level import Level
from game.i18n import AVAILABLE, N_, _, current_language, language_name, n_, set_language
from game.session.game import CLASSROOM_THINK, HUMAN, Game
from game.speech.sides import side_name
from game.speech.words import seed_problem
from game.ui.classroom_overlay import teachers_news
from game.ui.playable_levels import playable_entries, title_of
from game.ui.scenes.base import Scene
from game.ui.text_entry import TextEntry
from game.ui.widgets import (
    Control,
    bottom_of,
    button_height,
    button_width,
    hide_typing,
    row_of_buttons,
    text,
    title_in_row,
    wrap,
)

# A button of a row of choices: its label, what it does, whether it is the one chosen, and why it
# cannot be chosen ("" when it can).
Choice = tuple[str, Callable[[], None], bool, str]

PLAYERS = [(N_("Team"), TEAM), (N_("Easy AI"), "easy"), (N_("Normal AI"), "normal"), (N_("Hard AI"), "hard")]


class ClassroomSetupScene(Scene):
    name = "classroom set-up"

    def __init__(
        self,
        app,
        level_id: str | None = None,
        seed: int | None = None,
        teams=None,
        timer: float = 0,
        group: str = "",
        schedule=(),
        end_after_turn: int | None = None,
        reveal: str = "at_debrief",
        join=None,
        cut: bool = False,
        language: str | None = None,
    ):
        super().__init__(app)
        # From a session pack (`classroom --pack`): injections by turn and the last turn; from
        # `play --join`: the class server's link and what it answered (see start_joined).
        self.schedule = [tuple(x) for x in schedule]
        self.end_after_turn = end_after_turn
        self.pack_last_turn = end_after_turn  # (kept as a choice when another length is picked)
        # End at the level's classroom cut (a short lesson), scored provisionally.
        self.cut = cut
        self.reveal = reveal
        self.join = join
        # The class's language: a pack's, or the one chosen here (none: the window's). The window
        # shows it at once, and goes back to the one it had if the teacher goes Back.
        self.language = class_language(language)
        self.window_class_language = app.options.class_language
        self.entries = playable_entries(app)
        ids = [e.id for e in self.entries]
        wanted = level_id or "testing_event"
        self.level_index = ids.index(wanted) if wanted in ids else 0
        self.teams = dict(teams or {"moscow": TEAM, "beijing": TEAM})
        self.timer = timer if timer in TIMER_CHOICES else 0
        self.texts = {"seed": str(seed) if seed is not None else "", "group": group, "passphrase": ""}
        self.level: Level | None = None
        self.load_selected()

    def language_changed(self) -> None:
        self.load_selected()  # (the level's title, description and briefing in the new language)

    def load_selected(self) -> None:
        self.level = None
        if self.entries:
            self.level = self.app.load_level(self.entries[self.level_index].id)[0]

    # -- layout ------------------------------------------------------------------------------------
    def choice_rows(self) -> list[tuple[str, list[Choice]]]:
        """Each row of choices: its label, then its buttons as (label, action, chosen?, why it
        cannot be chosen)."""
        rows: list[tuple[str, list[Choice]]] = []
        for side in ("moscow", "beijing"):
            players: list[Choice] = [
                (_(label), partial(self.pick_player, side, who), bool(self.teams[side] == who), "")
                for label, who in PLAYERS
            ]
            rows.append((side_name(side), players))
        timers: list[Choice] = [
            (
                _("Off") if not minutes else _("{minutes} min").format(minutes=minutes),
                partial(self.pick_timer, minutes),
                self.timer == minutes,
                "",
            )
            for minutes in TIMER_CHOICES
        ]
        rows.append((_("Timer"), timers))
        by_pack = self.end_after_turn is not None and not self.cut
        lengths: list[Choice] = [
            (label, partial(self.pick_cut, at_cut), self.cut == at_cut and not by_pack, why)
            for label, at_cut, why in self.length_choices()
        ]
        if self.pack_last_turn is not None and self.level is not None:
            # A pack's last turn: shown, and chosen, as what the session will do (the set-up
            # said "Whole level" while the pack ended the session after turn 8).
            lengths.append(
                (
                    _("After turn {turn} of {turns}").format(
                        turn=self.pack_last_turn, turns=self.level.turns
                    ),
                    self.pick_pack_length,
                    by_pack,
                    "",
                )
            )
        rows.append((_("Length"), lengths))
        # Each language in its own name, as in Settings; the class plays and writes in it.
        chosen = self.class_language()
        languages: list[Choice] = [
            (language_name(code), partial(self.pick_language, code), code == chosen, "") for code in AVAILABLE
        ]
        rows.append((_("Language"), languages))
        return rows

    def place_choices(self, rows, x: int, y: int, right: int, bh: int, label_w: int, stacked: bool):
        """(label boxes, each row's button boxes, the y under them): each row's label to the left
        of its buttons, or, `stacked`, on a line of its own above them (the buttons then have the
        whole width)."""
        app, bold = self.app, self.app.fonts.bold
        labels, buttons = [], []
        for label, choices in rows:
            if stacked:
                labels.append(pygame.Rect(x, y, bold.size(label)[0], bold.get_linesize()))
                y += bold.get_linesize() + app.px(2)
                field_x = x
            else:
                labels.append(pygame.Rect(x, y, label_w, bh))
                field_x = x + label_w + app.px(20)
            rects = row_of_buttons(
                [c[0] for c in choices], bold, field_x, y, right, bh, app.px(6), app.px(64)
            )
            buttons.append(rects)
            y = bottom_of(rects) + app.px(8)
        return labels, buttons, y

    def build(self) -> None:
        """The levels on the left; on the right, rows of choices (wrapped to the window, or each
        under its label where that is too tight), the text fields, then the class seed as large as
        the room left above Start and Back allows; where no room is left there, the seed goes
        under the levels, which are drawn lower to make room for it."""
        app = self.app
        fonts = app.fonts
        w, h = app.size
        pad = app.px(24)
        list_w = int(w * 0.27)
        self.title_rect = pygame.Rect(
            pad, app.px(20), fonts.title.size(_("Classroom session"))[0], fonts.title.get_linesize()
        )
        top = self.title_rect.bottom + app.px(12)
        x = pad * 2 + list_w
        right = w - pad

        # Start, Back and Join a class along the bottom, right-aligned.
        big_h = button_height(fonts.bold, app.px(46))
        start = pygame.Rect(0, 0, button_width(_("Start session"), fonts.bold, app.px(240)), big_h)
        start.bottomright = (w - pad, h - app.px(16))
        back = pygame.Rect(0, 0, button_width(_("Back"), fonts.bold, app.px(160)), big_h)
        back.bottomright = (start.left - app.px(12), start.bottom)
        join = pygame.Rect(0, 0, button_width(_("Join a class"), fonts.bold, app.px(180)), big_h)
        join.bottomright = (back.left - app.px(12), start.bottom)
        limit = start.top - app.px(12)  # the fields end above them

        rows = self.choice_rows()
        fields = (
            ("seed", _("Class seed"), str(self.level.seed) if self.level else "", True),
            ("group", _("Group"), _("e.g. Room 4, group A (optional)"), False),
            ("passphrase", _("Passphrase"), _("for the facilitator's panel (F9)"), False),
        )
        field_label_w = max(fonts.bold.size(label)[0] for _name, label, _hint, _numbers in fields)
        all_label_w = max(field_label_w, *(fonts.bold.size(label)[0] for label, _choices in rows))
        # The roomiest arrangement that leaves the fields clear of Start: labels beside their
        # buttons, then each above its row, then with lower buttons.
        for stacked, preferred in ((False, 38), (True, 38), (True, 32), (True, 28)):
            bh = button_height(fonts.bold, app.px(preferred))
            labels, buttons, fields_top = self.place_choices(
                rows, x, top + app.px(4), right, bh, all_label_w, stacked
            )
            fields_top += app.px(4)
            label_w = field_label_w if stacked else all_label_w
            fields_bottom = fields_top + len(fields) * (bh + app.px(8)) - app.px(8)
            if fields_bottom <= limit:
                break

        # The class seed: under the fields if there is room, else under the levels (set closer
        # together), else beside the buttons at the bottom.
        least = fonts.heading.get_linesize() * 2 + fonts.bold.get_linesize() + fonts.small.get_linesize() * 2
        seed_under_fields = limit - fields_bottom - app.px(8) >= least
        gap = app.px(6) if seed_under_fields else app.px(4)
        item_h = max(
            button_height(fonts.body, 0),
            min(
                app.px(36 if seed_under_fields else 30),
                (h - top - app.px(16)) // max(1, len(self.entries)) - gap,
            ),
        )
        under_levels_bottom = (join.top - app.px(12)) if join.left < pad + list_w else h - app.px(16)
        # A level's name too long for its row takes a second line where every row can have two and
        # the class seed still finds its room under them, there without the level's title (the
        # level is chosen just above); see title_in_row for what gives way otherwise.
        least_under = (
            fonts.bold.get_linesize() + fonts.heading.get_linesize() + fonts.small.get_linesize() + 2
        )
        names = [
            (f"{chapter}. " if (chapter := getattr(entry, "chapter", None)) is not None else "")
            + title_of(entry)
            for entry in self.entries
        ]
        name_w = list_w - 16
        two_h = 2 * fonts.body.get_linesize() + app.px(4)
        seed_room = 0 if seed_under_fields else app.px(12) + least_under
        two_lines = (
            any(fonts.body.size(name)[0] > name_w for name in names)
            and top + len(self.entries) * (two_h + gap) - gap + seed_room <= under_levels_bottom
        )
        if two_lines:
            item_h = max(item_h, two_h)
        list_bottom = top + len(self.entries) * (item_h + gap) - gap
        if seed_under_fields:
            self.seed_rect = pygame.Rect(
                x, fields_bottom + app.px(8), right - x, limit - fields_bottom - app.px(8)
            )
        elif under_levels_bottom - list_bottom - app.px(12) >= (least_under if two_lines else least):
            self.seed_rect = pygame.Rect(
                pad, list_bottom + app.px(12), list_w, under_levels_bottom - list_bottom - app.px(12)
            )
        else:
            self.seed_rect = pygame.Rect(
                x,
                fields_bottom + app.px(8),
                max(0, join.left - app.px(16) - x),
                max(0, h - app.px(16) - fields_bottom - app.px(8)),
            )

        self.seed_needs_title = not two_lines or self.seed_rect.x != pad
        # The controls in the keyboard's order: the levels, the choices, the fields, the buttons.
        for i, name in enumerate(names):
            rect = pygame.Rect(pad, top + i * (item_h + gap), list_w, item_h)
            label = title_in_row(name, fonts.body, name_w, two_lines)
            self.add(
                Control(
                    rect,
                    label,
                    partial(self.pick_level, i),
                    kind="item",
                    selected=(i == self.level_index),
                )
            )
        self.rows = [(label, rect) for (label, _choices), rect in zip(rows, labels, strict=True)]
        for (_label, choices), rects in zip(rows, buttons, strict=True):
            for rect, (label, action, chosen, why) in zip(rects, choices, strict=True):
                self.add(Control(rect, label, action, selected=chosen, enabled=not why, why_disabled=why))
        y = fields_top
        field_x = x + label_w + app.px(20)
        self.entries_by_name = {}
        for name, label, hint, numbers in fields:
            self.rows.append((label, pygame.Rect(x, y, label_w, bh)))
            entry = self.element(
                TextEntry(
                    pygame.Rect(field_x, y, min(app.px(300), right - field_x), bh),
                    app.manager,
                    placeholder_text=hint,
                )
            )
            if numbers:
                # Not limited to digits as typed: a letter dropped without a word ("2O22" became
                # 222) gave one laptop another world than the class's. Start says what is wrong.
                entry.set_text_length_limit(18)
            else:
                entry.set_text_length_limit(60)
            if name == "passphrase":
                hide_typing(entry)
            if self.texts[name]:
                entry.set_text(self.texts[name])
            self.text_field(entry, label)
            self.entries_by_name[name] = entry
            y += bh + app.px(8)
        problem = self.start_problem()
        self.add(Control(start, _("Start session"), self.start, enabled=not problem, why_disabled=problem))
        self.add(Control(back, _("Back"), self.back))
        # A group on its own laptop joins the teacher's class server instead (game.ui.scenes.join).
        self.add(Control(join, _("Join a class"), self.join_class))
        self.captions = [("title", self.title_rect), ("class seed", self.seed_rect)]
        self.captions += self.rows

    def class_language(self) -> str | None:
        """The class's language as chosen here: a pack's or the teacher's, else the one in force."""
        return self.language or class_language(current_language())

    def length_choices(self) -> list[tuple[str, bool, str]]:
        """(label, ends at the cut?, why it cannot be chosen) for the whole level and its cut."""
        level = self.level
        if level is None or level.cut is None:
            return [
                (_("Whole level"), False, ""),
                (_("Classroom cut"), True, _("This level has no classroom cut.")),
            ]
        return [
            (_("Whole level"), False, ""),
            (_("Cut: {cut} of {turns} turns").format(cut=level.cut, turns=level.turns), True, ""),
        ]

    def pick_cut(self, at_cut: bool) -> None:
        self.cut = at_cut
        self.end_after_turn = None  # (the whole level, or its cut, over a pack's last turn)
        self.keep()

    def pick_pack_length(self) -> None:
        self.cut, self.end_after_turn = False, self.pack_last_turn
        self.keep()

    def join_class(self) -> None:
        self.app.show_over("join a class")

    def start_problem(self) -> str:
        if self.level is None:
            return _("This level cannot be played until its problems are fixed.")
        if TEAM not in self.teams.values():
            return _("At least one side must be played by a team.")
        if len(self.text("passphrase")) < MIN_PASSPHRASE:
            return n_(
                "Set a facilitator passphrase of at least {n} character.",
                "Set a facilitator passphrase of at least {n} characters.",
                MIN_PASSPHRASE,
            ).format(n=MIN_PASSPHRASE)
        return seed_problem(self.text("seed"))

    def text(self, name: str) -> str:
        entry = getattr(self, "entries_by_name", {}).get(name)
        return (entry.get_text() if entry else self.texts[name]).strip()

    def seed(self) -> int:
        raw = self.text("seed")
        if raw.isdecimal():
            return int(raw)
        return self.level.seed if self.level is not None else 0  # (no level: Start is disabled)

    # -- choices -----------------------------------------------------------------------------------
    def keep(self) -> None:
        for name in self.texts:
            self.texts[name] = self.text(name)
        focus = self.app.focus_index
        self.rebuild()
        self.app.focus_index = focus

    def pick_level(self, i: int) -> None:
        self.level_index = i
        self.load_selected()
        self.keep()

    def pick_player(self, side: str, who: str) -> None:
        self.teams[side] = who
        self.keep()

    def pick_timer(self, minutes: float) -> None:
        self.timer = minutes
        self.keep()

    def pick_language(self, code: str) -> None:
        """Make `code` the class's language and show this screen in it at once, as a pack's
        language does (Settings then shows it fixed)."""
        if code == self.class_language() and self.app.options.class_language == code:
            return
        for name in self.texts:
            self.texts[name] = self.text(name)
        self.language = code
        app = self.app
        app.options.class_language = code
        set_language(code)
        self.load_selected()  # the level's own words in it
        focus = app.focus_index
        app.apply_look()  # every screen is built again in it, this one too
        app.focus_index = focus

    def back(self) -> None:
        app = self.app
        if app.options.class_language != self.window_class_language:
            # No class was started: the window speaks as it did before.
            app.options.class_language = self.window_class_language
            app.apply_look()
        super().back()

    def handle(self, event) -> bool:
        # The Start button's state follows the passphrase as it is typed.
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            start = next((c for c in self.controls if c.label == _("Start session")), None)
            if start:
                start.why_disabled = self.start_problem()
                start.enabled = not start.why_disabled
                self.app.dirty = True
        return super().handle(event)

    def start(self) -> None:
        level = self.level
        if level is None:  # Start is disabled without a level (see start_problem)
            return
        controllers = {s: (HUMAN if who == TEAM else who) for s, who in self.teams.items()}
        game = Game.new(level, self.seed(), controllers, CLASSROOM_THINK)
        session = ClassroomSession.start(
            game,
            dict(self.teams),
            self.text("passphrase"),
            self.timer,
            self.text("group"),
            language=self.language,
        )
        # The class's language holds while the class plays, as a pack's does (Settings shows it
        # fixed), and as a saved classroom game resumes in it.
        self.app.options.class_language = session.language
        session.scheduled = list(self.schedule)
        session.end_after_turn = self.end_after_turn
        if self.cut and level.cut is not None:
            session.end_at_cut()
        session.reveal = self.reveal
        if session.notice:
            self.app.notice = session.notice  # the next screen shows it
        self.show_game(game)

    def entered(self) -> None:
        if self.join is not None:
            self.start_joined()
            return
        self.focus_chosen_item()  # (the level chosen for the class, as on New game)

    def start_joined(self) -> None:
        """Play the class server's session at once: its level, seed, sides and timer, from where
        the group stands on the server (a laptop taking over a group goes on from its log)."""
        import secrets

        from game.session.replay import ReplayError, ReplayLog

        link, joined = self.join
        config = joined.session
        language = class_language(config.get("language"))
        app = self.app
        if language and app.options.class_language != language:
            # The class's language, fixed for the session, as `play --join` opens the window in it.
            app.options.class_language = language
            app.apply_look()
        if getattr(link, "problem", None):
            self.app.notice = _("Note: {problem}").format(
                problem=link.problem
            )  # (what this laptop kept could not be read)
        level = self.app.load_level(config["level"])[0]
        if level is None:
            self.say(
                _("The class's level '{level}' cannot be loaded on this laptop.").format(
                    level=config["level"]
                )
            )
            return
        teams = dict(config["sides"])
        controllers = {s: (HUMAN if who == TEAM else who) for s, who in teams.items()}
        game = None
        if joined.log:
            try:
                game = Game.from_log(level, ReplayLog.model_validate(joined.log), controllers)
            except (ReplayError, ValueError):
                game = None
        if game is None:
            game = Game.new(level, int(config["seed"]), controllers)
        # The session as the group's record began it, when it goes on from there (a laptop that
        # joined again, or took the group over): its exports give the time it began, not the
        # time of the rejoin, which put a group that began first last in the class report.
        began = game.log.classroom.started_at if game.log.classroom is not None else None
        # The teacher steers from the dashboard; the panel on this laptop stays closed.
        session = ClassroomSession.start(
            game,
            teams,
            secrets.token_urlsafe(16),
            config.get("timer") or 0,
            joined.group,
            language=config.get("language"),
        )
        if began:
            session.spec.started_at = began
        session.end_after_turn = config.get("end_after_turn")
        session.reveal = config.get("reveal") or "at_once"
        session.link = link
        if joined.timer is not None:
            session.take_timer(joined.timer.turn, joined.timer.left)
        if joined.paused:
            session.pause()
        app = self.app
        session.on_end = lambda: app.show_only("debrief", game=game)

        told = [teachers_news(game)]

        def changed() -> None:
            # A pause to cover the screen with, an injection for the board's news (shown, on
            # whatever tab the board was: on Commitments after a summit it went unseen).
            app.dirty = True
            if app.scene is not None and app.scene.name == "board":
                if teachers_news(game) > told[0]:
                    app.scene.news.showing = "news"
                told[0] = teachers_news(game)
                app.scene.rebuild()

        session.on_change = changed
        if game.over:
            app.show_only("debrief", game=game)
            return
        self.show_game(game)

    def show_game(self, game) -> None:
        app = self.app
        humans = game.humans()
        if len(humans) > 1:
            app.show_only("hand-over", game=game, side=humans[0])
        else:
            app.show_only("board", game=game, perspective=humans[0])

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        fonts = app.fonts
        surface.blit(fonts.title.render(_("Classroom session"), True, p.text), self.title_rect)
        for label, rect in self.rows:
            img = fonts.bold.render(label, True, p.text)
            surface.blit(img, img.get_rect(midleft=rect.midleft))
        # The seed box: the level, "Class seed", the seed as large as fits, the note, and as much
        # of the description as is left room for.
        r = self.seed_rect
        head = ""
        if self.level:
            if self.cut and self.level.cut is not None:
                head = _("{level} · ends after turn {cut}, scored provisionally").format(
                    level=self.level.title, cut=self.level.cut
                )
            else:
                head = f"{self.level.title} · " + n_("{n} turn", "{n} turns", self.level.turns).format(
                    n=self.level.turns
                )
        note = _("Every group types this seed to play the same world.")
        seed = str(self.seed()) if self.level else ""
        heads, notes = wrap(head, fonts.heading, r.width) if head else [], wrap(note, fonts.small, r.width)
        small_h = fonts.small.get_linesize() + 2
        # The note whole if it can be (it is what the class is told), then the seed as large as
        # the room allows in height and in width (a seed may have 18 digits), then the head whole
        # (a narrow box under the levels may cut it: the level is chosen just above).
        # (Under levels set on two lines the head may go, as the chosen row above names the level,
        # and the note too rather than be cut: the seed is what the class must read.)
        fewest_heads = min(1, len(heads)) if self.seed_needs_title else 0
        head_n, note_n, seed_font = fewest_heads, 1, fonts.bold
        note_counts = range(min(3, len(notes)), 0, -1) if self.seed_needs_title else (len(notes), 0)
        choices = (
            (f, h_n, n_n)
            for n_n in note_counts
            for f in (fonts.huge, fonts.title, fonts.heading)
            for h_n in range(min(2, len(heads)), fewest_heads - 1, -1)
        )
        for f, h_n, n_n in choices:
            used = h_n * fonts.heading.get_linesize() + fonts.bold.get_linesize() + f.get_linesize()
            if used + n_n * small_h <= r.height and f.size(seed)[0] <= r.width:
                seed_font, head_n, note_n = f, h_n, n_n
                break
        y = r.y
        if heads and head_n:
            y += text(surface, head, fonts.heading, p.text, (r.x, y), r.width, max_lines=head_n, line_gap=0)
        surface.blit(fonts.bold.render(_("Class seed"), True, p.text_muted), (r.x, y))
        y += fonts.bold.get_linesize()
        surface.blit(seed_font.render(seed, True, p.accent), (r.x, y))
        y += seed_font.get_linesize()
        if note_n:
            y += text(surface, note, fonts.small, p.text_muted, (r.x, y), r.width, max_lines=note_n) + app.px(
                6
            )
        lines = (r.bottom - y) // (fonts.small.get_linesize() + 2)
        if self.level and lines > 0:
            text(
                surface,
                self.level.description,
                fonts.small,
                p.text_muted,
                (r.x, y),
                r.width,
                max_lines=min(3, lines),
            )
        self.draw_controls(surface)
