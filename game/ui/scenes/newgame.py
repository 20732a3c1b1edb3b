"""New game: choose the level (with its briefing), the side, who plays the other side, the seed."""
from __future__ import annotations

import html
from dataclasses import dataclass

import pygame
import pygame_gui

from game.session.campaign import chapters
from game.session.game import HUMAN, Game
from game.ui.scenes.base import Scene
from game.ui.widgets import Control, fit, text

OPPONENTS = [("Easy AI", "easy"), ("Normal AI", "normal"), ("Hard AI", "hard"), ("Second player", HUMAN)]


@dataclass
class _KeptEntry:
    """A level whose file no longer loads, offered in its last good version."""

    id: str
    title: str
    is_mod: bool = True
    chapter: int | None = None
    unlocked_by: tuple[str, ...] = ()


def playable_entries(app) -> list:
    """The playable levels in campaign order (chapters first, then mods and standalone levels)."""
    entries = list(app.catalogue.playable())
    known = {e.id for e in entries}
    for level_id, level in app.good_levels.items():
        if level_id not in known and level.playable:
            campaign = level.campaign
            entries.append(_KeptEntry(level_id, level.title, True, campaign.chapter if campaign else None,
                                      campaign.unlocked_by if campaign else ()))
    order = {c.level_id: i for i, c in enumerate(chapters(entries, ()))}
    return sorted(entries, key=lambda e: order[e.id])


class NewGameScene(Scene):
    name = "new game"

    def __init__(self, app):
        super().__init__(app)
        opts = app.options
        self.entries = playable_entries(app)
        ids = [e.id for e in self.entries]
        self.problem = ""
        wanted = opts.level or app.settings.last_level
        if wanted not in ids:
            # A new player starts at the first open chapter they have not finished: the tutorial.
            fresh = [c.level_id for c in self.chapters() if c.is_open and not c.finished]
            wanted = fresh[0] if fresh else None
        self.level_index = ids.index(wanted) if wanted in ids else 0
        self.side = opts.side if opts.level else (app.settings.last_side or opts.side)
        self.opponent = opts.opponent
        self.seed_text = str(opts.seed) if opts.seed is not None else ""
        self.level = None
        self.load_selected()

    def chapters(self) -> list:
        settings = self.app.settings
        return chapters(self.entries, settings.finished_levels, settings.unlock_all_levels)

    def selected_chapter(self):
        if not self.entries:
            return None
        wanted = self.entries[self.level_index].id
        return next(c for c in self.chapters() if c.level_id == wanted)

    def locked_reason(self) -> str:
        """Why the selected level cannot be started yet ('' when it can)."""
        chapter = self.selected_chapter()
        if chapter is None or chapter.is_open or self.app.options.level:
            return ""
        titles = {e.id: e.title for e in self.entries}
        waiting = chapter.waiting_for(titles, self.app.settings.finished_levels)
        return (f"Finish {' and '.join(waiting)} to open this chapter (or open every chapter in Settings).")

    def load_selected(self) -> None:
        if not self.entries:
            self.level, self.problem = None, "No playable levels were found."
            return
        self.level, problems = self.app.load_level(self.entries[self.level_index].id)
        errors = [p for p in problems if p.severity == "error"]
        self.problem = ""
        if errors and self.level is not None:
            self.problem = "The file now has problems (F5 lists them); this is its last good version."
        elif errors:
            self.problem = "This level has problems:\n" + "\n".join(str(p) for p in errors[:6])

    def build(self) -> None:
        app = self.app
        current = self.entries[self.level_index].id if self.entries else None
        self.entries = playable_entries(app)  # after a reload (F5) the list may have changed
        ids = [e.id for e in self.entries]
        self.level_index = ids.index(current) if current in ids else 0
        self.load_selected()
        w, h = app.size
        pad = app.px(24)
        list_w = int(w * 0.27)
        item_h = app.px(40)
        top = app.px(96)
        # Many mods must still fit: the rows shrink rather than run off the screen.
        room = h - top - app.px(100)
        gap = app.px(6)
        item_h = max(app.px(26), min(item_h, room // max(1, len(self.entries)) - gap))
        marks = {c.level_id: c for c in self.chapters()}
        for i, entry in enumerate(self.entries):
            rect = pygame.Rect(pad, top + i * (item_h + gap), list_w, item_h)
            c = marks[entry.id]
            label = (f"{c.chapter}. " if c.chapter is not None else "") + entry.title
            label += "  [mod]" if entry.is_mod else ""
            label += "  (locked)" if not c.is_open else ("  (done)" if c.finished else "")
            self.add(Control(rect, label, (lambda i=i: self.pick_level(i)), kind="item",
                             selected=(i == self.level_index)))
        x = pad * 2 + list_w
        right_w = w - x - pad
        self.info_rect = pygame.Rect(x, top, right_w, app.px(120))
        y = self.info_rect.bottom + app.px(8)
        bw = app.px(150)
        self.side_y = y
        for i, (label, side) in enumerate((("Moscow", "moscow"), ("Beijing", "beijing"))):
            rect = pygame.Rect(x + app.px(120) + i * (bw + app.px(8)), y, bw, app.px(40))
            self.add(Control(rect, label, (lambda s=side: self.pick_side(s)), selected=(side == self.side)))
        y += app.px(50)
        self.opp_y = y
        for i, (label, who) in enumerate(OPPONENTS):
            rect = pygame.Rect(x + app.px(120) + i * (bw + app.px(8)), y, bw, app.px(40))
            self.add(Control(rect, label, (lambda o=who: self.pick_opponent(o)), selected=(who == self.opponent)))
        y += app.px(50)
        self.seed_y = y
        self.seed_entry = self.element(pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x + app.px(120), y, app.px(200), app.px(40)), app.manager,
            placeholder_text=str(self.level.seed) if self.level else ""))
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(18)
        if self.seed_text:
            self.seed_entry.set_text(self.seed_text)
        self.text_field(self.seed_entry, "Seed")
        y += app.px(54)
        brief_h = h - y - app.px(90)
        briefing = self.briefing_html()
        self.element(pygame_gui.elements.UITextBox(briefing, pygame.Rect(x, y, right_w, max(app.px(80), brief_h)),
                                                   app.manager))
        rect = pygame.Rect(0, 0, app.px(220), app.px(46))
        rect.bottomright = (w - pad, h - app.px(22))
        locked = self.locked_reason()
        self.add(Control(rect, "Start", self.start, enabled=self.level is not None and not locked,
                         why_disabled=locked or "This level cannot be played until its problems are fixed.",
                         hotkey=pygame.K_s))
        back = pygame.Rect(0, 0, app.px(160), app.px(46))
        back.bottomright = (rect.left - app.px(12), rect.bottom)
        self.add(Control(back, "Back", self.back))

    def briefing_html(self) -> str:
        if self.level is None:
            return html.escape(self.problem).replace("\n", "<br>")
        side = self.side.capitalize()
        body = html.escape(self.level.briefing.get(self.side, "")).replace("\n\n", "<br><br>").replace("\n", " ")
        return f"<b>Briefing for {side}</b><br><br>{body}"

    def pick_level(self, i: int) -> None:
        self.level_index = i
        self.load_selected()
        self.keep_focus_rebuild()

    def pick_side(self, side: str) -> None:
        self.side = side
        self.keep_focus_rebuild()

    def pick_opponent(self, who: str) -> None:
        self.opponent = who
        self.keep_focus_rebuild()

    def keep_focus_rebuild(self) -> None:
        focus = self.app.focus_index
        self.seed_text = self.seed_entry.get_text()
        self.rebuild()
        self.app.focus_index = focus

    def seed(self) -> int:
        raw = self.seed_entry.get_text().strip()
        return int(raw) if raw.isdigit() else self.level.seed

    def start(self) -> None:
        from game.ui.scenes.board import BoardScene

        app = self.app
        other = "beijing" if self.side == "moscow" else "moscow"
        controllers = {self.side: HUMAN, other: self.opponent}
        game = Game.new(self.level, self.seed(), controllers)
        app.remember(last_level=self.level.id, last_side=self.side)
        app.replace(BoardScene(app, game, perspective=self.side))

    def entered(self) -> None:
        if self.app.options.autoplay:
            self.app.capture("new-game")
            self.start()

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        pad = app.px(24)
        surface.blit(app.fonts.title.render("New game", True, p.text), (pad, app.px(26)))
        r = self.info_rect
        if self.level:
            lv = self.level
            end_year = lv.start_year + (lv.turns - 1) // lv.turns_per_year
            head = f"{lv.title}  ·  {lv.start_year}–{end_year}  ·  {lv.turns} turns"
            surface.blit(app.fonts.heading.render(fit(head, app.fonts.heading, r.width), True, p.text), r.topleft)
            text(surface, lv.description, app.fonts.body, p.text_muted,
                 (r.x, r.y + app.fonts.heading.get_linesize() + app.px(6)), r.width, max_lines=4)
        else:
            text(surface, self.problem, app.fonts.body, p.warning, r.topleft, r.width, max_lines=5)
        note = self.problem or self.locked_reason()
        if self.level and note:
            text(surface, note, app.fonts.small, p.warning, (r.x, r.bottom - app.fonts.small.get_linesize()),
                 r.width, max_lines=1)
        for label, y in (("Play as", self.side_y), ("Other side", self.opp_y), ("Seed", self.seed_y)):
            surface.blit(app.fonts.bold.render(label, True, p.text), (r.x, y + app.px(9)))
        hint = "The whole class can type the same seed to play the same world.  F5 reloads the level files."
        surface.blit(app.fonts.small.render(hint, True, p.text_muted),
                     (r.x + app.px(340), self.seed_y + app.px(11)))
        self.draw_controls(surface)
