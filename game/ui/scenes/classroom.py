"""Classroom session set-up: the level, who plays each side (a team or an AI), the class seed in
large type so every group can type the same one, an optional planning timer, the group's name and
the facilitator's passphrase."""
from __future__ import annotations

import pygame
import pygame_gui

from game.classroom.session import MIN_PASSPHRASE, TEAM, TIMER_CHOICES, ClassroomSession
from game.session.game import HUMAN, Game
from game.ui.scenes.base import Scene
from game.ui.scenes.newgame import playable_entries
from game.ui.widgets import Control, fit, text

PLAYERS = [("Team", TEAM), ("Easy AI", "easy"), ("Normal AI", "normal"), ("Hard AI", "hard")]


class ClassroomSetupScene(Scene):
    name = "classroom set-up"

    def __init__(self, app, level_id: str | None = None, seed: int | None = None, teams=None,
                 timer: float = 0, group: str = ""):
        super().__init__(app)
        self.entries = playable_entries(app)
        ids = [e.id for e in self.entries]
        wanted = level_id or "testing_event"
        self.level_index = ids.index(wanted) if wanted in ids else 0
        self.teams = dict(teams or {"moscow": TEAM, "beijing": TEAM})
        self.timer = timer if timer in TIMER_CHOICES else 0
        self.texts = {"seed": str(seed) if seed is not None else "", "group": group, "passphrase": ""}
        self.level = None
        self.load_selected()

    def load_selected(self) -> None:
        self.level = None
        if self.entries:
            self.level, _ = self.app.load_level(self.entries[self.level_index].id)

    # -- layout ------------------------------------------------------------------------------------
    def build(self) -> None:
        app = self.app
        w, h = app.size
        pad = app.px(24)
        list_w = int(w * 0.27)
        top = app.px(96)
        gap = app.px(6)
        item_h = max(app.px(26), min(app.px(36), (h - top - app.px(110)) // max(1, len(self.entries)) - gap))
        for i, entry in enumerate(self.entries):
            rect = pygame.Rect(pad, top + i * (item_h + gap), list_w, item_h)
            chapter = getattr(entry, "chapter", None)
            label = (f"{chapter}. " if chapter is not None else "") + entry.title
            self.add(Control(rect, label, (lambda i=i: self.pick_level(i)), kind="item", selected=(i == self.level_index)))
        x = pad * 2 + list_w
        self.label_x = x
        field_x = x + app.px(130)
        bw = app.px(118)
        y = top + app.px(4)
        self.rows = []
        for side in ("moscow", "beijing"):
            self.rows.append((side.capitalize(), y))
            for i, (label, who) in enumerate(PLAYERS):
                rect = pygame.Rect(field_x + i * (bw + app.px(6)), y, bw, app.px(38))
                self.add(Control(rect, label, (lambda s=side, p=who: self.pick_player(s, p)),
                                 selected=(self.teams[side] == who)))
            y += app.px(46)
        self.rows.append(("Timer", y))
        for i, minutes in enumerate(TIMER_CHOICES):
            rect = pygame.Rect(field_x + i * (app.px(92) + app.px(6)), y, app.px(92), app.px(38))
            self.add(Control(rect, "Off" if not minutes else f"{minutes} min", (lambda m=minutes: self.pick_timer(m)),
                             selected=(self.timer == minutes)))
        y += app.px(50)
        self.entries_by_name = {}
        for name, label, hint, numbers in (("seed", "Class seed", str(self.level.seed) if self.level else "", True),
                                           ("group", "Group", "e.g. Room 4, group A (optional)", False),
                                           ("passphrase", "Passphrase", "for the facilitator's panel (F9)", False)):
            self.rows.append((label, y))
            entry = self.element(pygame_gui.elements.UITextEntryLine(
                pygame.Rect(field_x, y, app.px(300), app.px(38)), app.manager, placeholder_text=hint))
            if numbers:
                entry.set_allowed_characters("numbers")
                entry.set_text_length_limit(18)
            else:
                entry.set_text_length_limit(60)
            if name == "passphrase":
                entry.set_text_hidden(True)
            if self.texts[name]:
                entry.set_text(self.texts[name])
            self.text_field(entry, label)
            self.entries_by_name[name] = entry
            y += app.px(46)
        self.seed_rect = pygame.Rect(x, y + app.px(54), w - x - pad, app.px(150))
        rect = pygame.Rect(0, 0, app.px(240), app.px(46))
        rect.bottomright = (w - pad, h - app.px(22))
        problem = self.start_problem()
        self.add(Control(rect, "Start session", self.start, enabled=not problem, why_disabled=problem))
        back = pygame.Rect(0, 0, app.px(160), app.px(46))
        back.bottomright = (rect.left - app.px(12), rect.bottom)
        self.add(Control(back, "Back", self.back))

    def start_problem(self) -> str:
        if self.level is None:
            return "This level cannot be played until its problems are fixed."
        if TEAM not in self.teams.values():
            return "At least one side must be played by a team."
        if len(self.text("passphrase")) < MIN_PASSPHRASE:
            return f"Set a facilitator passphrase of at least {MIN_PASSPHRASE} characters."
        return ""

    def text(self, name: str) -> str:
        entry = getattr(self, "entries_by_name", {}).get(name)
        return (entry.get_text() if entry else self.texts[name]).strip()

    def seed(self) -> int:
        raw = self.text("seed")
        return int(raw) if raw.isdigit() else self.level.seed

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

    def handle(self, event) -> bool:
        # The Start button's state follows the passphrase as it is typed.
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            start = next((c for c in self.controls if c.label == "Start session"), None)
            if start:
                start.why_disabled = self.start_problem()
                start.enabled = not start.why_disabled
                self.app.dirty = True
        return super().handle(event)

    def start(self) -> None:
        from game.ui.scenes.board import BoardScene
        from game.ui.scenes.handover import HandOverScene

        app = self.app
        controllers = {s: (HUMAN if who == TEAM else who) for s, who in self.teams.items()}
        game = Game.new(self.level, self.seed(), controllers)
        ClassroomSession.start(game, dict(self.teams), self.text("passphrase"), self.timer, self.text("group"))
        humans = game.humans()
        if len(humans) > 1:
            app.reset_to(HandOverScene(app, game, humans[0]))
        else:
            app.reset_to(BoardScene(app, game, humans[0]))

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        pad = app.px(24)
        surface.blit(app.fonts.title.render("Classroom session", True, p.text), (pad, app.px(26)))
        for label, y in self.rows:
            surface.blit(app.fonts.bold.render(label, True, p.text), (self.label_x, y + app.px(9)))
        r = self.seed_rect
        if self.level:
            head = f"{self.level.title} · {self.level.turns} turns"
            surface.blit(app.fonts.heading.render(fit(head, app.fonts.heading, r.width), True, p.text), (r.x, r.y - app.px(40)))
            text(surface, self.level.description, app.fonts.small, p.text_muted, (r.x, r.y + app.px(136)), r.width,
                 max_lines=3)
        surface.blit(app.fonts.bold.render("Class seed", True, p.text_muted), r.topleft)
        seed = str(self.seed()) if self.level else ""
        img = app.fonts.huge.render(seed, True, p.accent)
        surface.blit(img, (r.x, r.y + app.px(24)))
        note = "Every group types this seed to play the same world."
        surface.blit(app.fonts.small.render(fit(note, app.fonts.small, r.width), True, p.text_muted),
                     (r.x, r.y + app.px(24) + img.get_height() + app.px(4)))
        self.draw_controls(surface)
