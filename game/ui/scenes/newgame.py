"""New game: choose the level (with its briefing), the side, who plays the other side, the seed."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import partial

import pygame

from game.ai import Budget
from game.ai.own import DEFAULT_MS as OWN_MS
from game.ai.own import is_own_agent, split_spec
from game.core.level import Level
from game.core.meters import other
from game.i18n import N_, _, n_
from game.session.campaign import chapters
from game.session.game import HUMAN, THINK, Game
from game.speech.sides import side_name
from game.speech.words import seed_problem
from game.ui.agenda import agenda_html
from game.ui.numbers import shown
from game.ui.playable_levels import playable_entries, title_of
from game.ui.scenes.base import Scene
from game.ui.text_entry import TextEntry
from game.ui.widgets import (
    BRACKETS_AT_END,
    LABEL_ROOM,
    Control,
    Tooltip,
    bottom_of,
    button_height,
    button_width,
    first_fitting,
    fit,
    row_of_buttons,
    text,
    toast,
    wrap,
)

SEED_HINT = N_("The whole class can type the same seed to play the same world.  F5 reloads the level files.")

OPPONENTS = [
    (N_("Easy AI"), "easy"),
    (N_("Normal AI"), "normal"),
    (N_("Hard AI"), "hard"),
    (N_("Second player"), HUMAN),
]


def opponent_says(who: str, think: Budget | None) -> str:
    """What playing against `who` means: what that level of play does and how long it thinks."""
    think = think or THINK
    if who == "easy":
        return _(
            "Easy AI draws its cards at random, the more likely the more their printed effects help "
            "its agenda. It looks no further ahead and decides at once."
        )
    if who == "normal":
        return _(
            "Normal AI looks one turn ahead: it judges its best combinations of cards, and the cards "
            "it promised at the summit, in a few imagined futures, counts a broken word against a "
            "plan, and plays the best. It thinks for a few hundredths of a second."
        )
    if who == "hard":
        if think.ms is not None:
            how_long = _("about {seconds} s a turn").format(seconds=f"{think.ms / 1000:g}")
        else:
            how_long = _("{n} imagined games a turn").format(n=think.iterations)
        return _(
            "Hard AI searches: it plays its best plans out to the end of the game in many imagined "
            "futures, guessing what it cannot see and expecting you to play this turn as Normal AI "
            "would, and keeps the plan that leaves its agenda furthest ahead of yours. It thinks for "
            "{how_long}."
        ).format(how_long=how_long)
    if who == HUMAN:
        return _("A second player at this machine; a hand-over screen keeps each side's plan secret.")
    if is_own_agent(who):
        path, name = split_spec(who)
        ms = think.ms if think.ms is not None else OWN_MS
        return _(
            "Your own agent {name} from {file}. It has {ms} ms a turn; if it fails or runs "
            "out of time, it loses that turn."
        ).format(name=name, file=path.name, ms=f"{ms:g}")
    return _("The {who} AI.").format(who=who)


# Who played the other side, as a record keeps it (in English, game.session.records.result_of),
# and as it is said on screen; anything else (a record of an agent from a file) as it is kept.
RECORDED_OPPONENTS = {
    "a second player": N_("a second player"),
    "easy AI": N_("the easy AI"),
    "normal AI": N_("the normal AI"),
    "hard AI": N_("the hard AI"),
}


def level_heading(level: Level, with_turns: bool = True) -> str:
    """The chosen level's heading: its title, its years and (`with_turns`) its length. A
    historical level's title already names its years ("Pivot east (2014-2021)"): they are not
    said twice."""
    parts = [level.title]
    start, end = str(level.start_year), str(level.end_year)
    if start not in level.title or end not in level.title:
        parts.append(f"{start}–{end}")
    if with_turns:
        parts.append(n_("{n} turn", "{n} turns", level.turns).format(n=level.turns))
    return "  ·  ".join(parts)


def title_and_years(level: Level) -> tuple[str, str]:
    """The level's title without the years it may end with ("Pivot east (2014-2021)"), and its
    years ("2014–2021")."""
    start, end = str(level.start_year), str(level.end_year)
    title = level.title
    bracket = re.search(r"\s*[(（][^()（）]*[)）]\s*$", title)
    if bracket and start in bracket.group() and end in bracket.group():
        title = title[: bracket.start()]
    return title, f"{start}–{end}"


def best_words(best, side: str, win_at: list[float]) -> str:
    """The player's best result on a level from `side`, in a line over its briefing (its score
    never seeming to reach the mark for a win, `win_at`, when it does not)."""
    if best is None:
        return _("Your best as {side}: no game played to the end yet.").format(side=side)
    games = n_("{n} game to the end", "{n} games to the end", best.games).format(n=best.games)
    verdict = _("won") if best.won else _("not won")
    return _(
        "Your best as {side}: {score} of 100, {verdict} ({outcome}), against {opponent}, {when}  ·  {games}"
    ).format(
        side=side,
        # (to the tenth, as the debrief said it: 66.7, not 67)
        score=shown(best.score, win_at, least=0 if float(best.score).is_integer() else 1),
        verdict=verdict,
        outcome=best.outcome,
        opponent=_(RECORDED_OPPONENTS[best.opponent])
        if best.opponent in RECORDED_OPPONENTS
        else best.opponent,
        when=best.when,
        games=games,
    )


class NewGameScene(Scene):
    name = "new game"

    def __init__(self, app):
        super().__init__(app)
        opts = app.options
        self.entries = playable_entries(app)
        ids = [e.id for e in self.entries]
        self.problem = ""
        self.list_offset = 0  # the first level shown, when the list is longer than the window
        self.reveal_selected = True
        self.page_rows = 1  # how many levels a page of the list shows (set by build)
        wanted = opts.level or app.settings.last_level
        fresh = [c.level_id for c in self.chapters() if c.is_open and not c.finished]
        if wanted not in ids:
            # A new player starts at the first open chapter they have not finished: the tutorial.
            wanted = fresh[0] if fresh else None
        elif not opts.level and wanted in app.settings.finished_levels:
            # Once a chapter is finished, the next open one waits (the finished one is a click away).
            after = [i for i in fresh if ids.index(i) > ids.index(wanted)]
            wanted = (after or fresh or [wanted])[0]
        self.level_index = ids.index(wanted) if wanted in ids else 0
        self.side = opts.side if opts.level else (app.settings.last_side or opts.side)
        # As the side: the one played last, unless the command line names one.
        from game.ui.app import PlayOptions

        named = opts.level or opts.opponent != PlayOptions.opponent
        self.opponent = opts.opponent if named else (app.settings.last_opponent or opts.opponent)
        self.opponents = list(OPPONENTS)
        if is_own_agent(opts.opponent):  # `play --moscow FILE.py:NAME`: the user's own agent
            self.opponents.insert(
                -1, (_("{name} (your agent)").format(name=split_spec(opts.opponent)[1]), opts.opponent)
            )
        self.seed_text = str(opts.seed) if opts.seed is not None else ""
        self.level: Level | None = None
        self.desc_cut = False  # whether the description is cut short above the briefing (see build)
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
        titles = {e.id: title_of(e) for e in self.entries}
        waiting = chapter.waiting_for(titles, self.app.settings.finished_levels)
        return _("Finish {levels} to open this chapter (or open every chapter in Settings).").format(
            levels=_(" and ").join(waiting)
        )

    def language_changed(self) -> None:
        self.load_selected()  # (the level's title, description and briefing in the new language)

    def load_selected(self) -> None:
        if not self.entries:
            self.level, self.problem = None, _("No playable levels were found.")
            return
        self.level, problems = self.app.load_level(self.entries[self.level_index].id)
        errors = [p for p in problems if p.severity == "error"]
        self.problem = ""
        if errors and self.level is not None:
            self.problem = _("The file now has problems (F5 lists them); this is its last good version.")
        elif errors:
            self.problem = _("This level has problems:") + "\n" + "\n".join(str(p) for p in errors[:6])

    def build(self) -> None:
        app = self.app
        current = self.entries[self.level_index].id if self.entries else None
        self.entries = playable_entries(app)  # after a reload (F5) the list may have changed
        ids = [e.id for e in self.entries]
        self.level_index = ids.index(current) if current in ids else 0
        self.load_selected()
        w, h = app.size
        fonts = app.fonts
        pad = app.px(24)
        list_w = int(w * 0.27)
        self.title_rect = pygame.Rect(
            pad, app.px(20), fonts.title.size(_("New game"))[0], fonts.title.get_linesize()
        )
        top = self.title_rect.bottom + app.px(12)
        # Start and Back at the bottom right.
        bh = button_height(fonts.bold, app.px(46))
        start = pygame.Rect(0, 0, button_width(_("Start"), fonts.bold, app.px(220)), bh)
        start.bottomright = (w - pad, h - app.px(16))
        back = pygame.Rect(0, 0, button_width(_("Back"), fonts.bold, app.px(160)), bh)
        back.bottomright = (start.left - app.px(12), start.bottom)
        # Many mods must still fit: the rows shrink, and past the smallest row the list pages.
        room = h - top - app.px(16)
        gap = app.px(6)
        least_h = button_height(fonts.body, 0)
        fits = max(1, (room + gap) // (least_h + gap))
        shown = range(len(self.entries))
        y = top
        paging = []
        if len(self.entries) > fits:
            rows = self.page_rows = max(1, fits - 2)  # two rows go to "earlier" and "more"
            if self.reveal_selected:  # the level chosen on opening is on the page shown
                self.list_offset = min(self.list_offset, self.level_index)
                self.list_offset = max(self.list_offset, self.level_index - rows + 1)
            self.list_offset = max(0, min(self.list_offset, len(self.entries) - rows))
            shown = range(self.list_offset, self.list_offset + rows)
            # The page controls are added after the levels, so that the focus starts on a level.
            paging = [
                (
                    pygame.Rect(pad, y, list_w, least_h),
                    _("Earlier levels ({n})").format(n=self.list_offset),
                    -1,
                    self.list_offset > 0,
                    _("This is the top of the list."),
                )
            ]
            y += least_h + gap
            below = len(self.entries) - shown.stop
            paging.append(
                (
                    pygame.Rect(pad, y + rows * (least_h + gap), list_w, least_h),
                    _("More levels ({n})").format(n=below),
                    1,
                    below > 0,
                    _("This is the end of the list."),
                )
            )
        item_h = (
            max(least_h, min(app.px(40), room // max(1, len(shown)) - gap))
            if len(shown) == len(self.entries)
            else least_h
        )
        # A name too long for its row takes a second line where every row can have two (at large
        # type, as in projector mode, the list's column holds fewer words than the names have).
        two_h = 2 * fonts.body.get_linesize() + app.px(8)
        two_lines = len(shown) == len(self.entries) and len(shown) * (two_h + gap) <= room
        if two_lines:
            item_h = max(item_h, two_h)
        self.reveal_selected = False
        marks = {c.level_id: c for c in self.chapters()}
        for row, i in enumerate(shown):
            entry = self.entries[i]
            rect = pygame.Rect(pad, y + row * (item_h + gap), list_w, item_h)
            c = marks[entry.id]
            mark = "  " + _("[mod]") if entry.is_mod else ""
            mark += "  " + _("(locked)") if not c.is_open else ("  " + _("(done)") if c.finished else "")
            # The title gives way, never the mark: "(done)" and "(locked)" are what the list is for.
            name = (f"{c.chapter}. " if c.chapter is not None else "") + title_of(entry)
            room_w = rect.width - LABEL_ROOM
            if two_lines and fonts.body.size(name + mark)[0] > room_w:
                first, *rest = wrap(name, fonts.body, room_w) or [name]
                second = fit(" ".join(rest), fonts.body, room_w - fonts.body.size(mark)[0])
                brackets = BRACKETS_AT_END.search(name)
                if second.endswith("…") and brackets:
                    # Years cut to "(2…" say nothing, and "Вашингтоно… (закрыто)" loses a word
                    # to a note: the name goes without its brackets (the heading beside the list
                    # gives the chosen level's title whole).
                    first, *rest = wrap(name[: brackets.start()], fonts.body, room_w) or [name]
                    second = fit(" ".join(rest), fonts.body, room_w - fonts.body.size(mark)[0])
                name = f"{first}\n{second}".rstrip()
                if not rest:
                    name = first + "\n"
                    mark = mark.strip()
            else:
                name = fit(name, fonts.body, rect.width - 16 - fonts.body.size(mark)[0])
            self.add(
                Control(
                    rect,
                    name + mark,
                    partial(self.pick_level, i),
                    kind="item",
                    selected=(i == self.level_index),
                )
            )
        for rect, label, step, enabled, why in paging:
            self.add(Control(rect, label, partial(self.page_list, step), enabled=enabled, why_disabled=why))
        x = pad * 2 + list_w
        right_w = w - x - pad
        # The level's title, its description and (for a locked chapter) why it is locked, one under
        # the other; the description gives up lines when the window is short.
        line_gap = app.px(6)
        self.head_rect = pygame.Rect(x, top, right_w, fonts.heading.get_linesize())
        body_line = fonts.body.get_linesize() + 2
        described = (
            wrap(self.level.description, fonts.body, right_w)
            if self.level
            else wrap(self.problem, fonts.body, right_w)
        )
        note = self.problem or self.locked_reason() if self.level else ""
        self.note_lines = wrap(note, fonts.small, right_w)[:2] if note else []
        note_h = len(self.note_lines) * fonts.small.get_linesize()
        label_w = max(fonts.bold.size(t)[0] for t in (_("Play as"), _("Other side"), _("Seed"))) + app.px(20)
        field_x = x + label_w
        # Lay the rest out for a given number of description lines and a given height of button;
        # use the most lines and the tallest buttons that leave the briefing a useful height.
        least_brief = max(app.px(90), 3 * fonts.body.get_linesize())
        # A level's description above the briefing whole or not at all: one cut short would hide
        # its last lines (often the level's point), so it goes whole to the top of the briefing,
        # which scrolls (see briefing_html), rather than be read twice. (A problem with the level
        # is in the briefing's place already.)
        if not self.level:
            counts: Sequence[int] = range(min(4, len(described)), -1, -1)
        else:
            counts = (len(described), 0) if len(described) <= 4 else (0,)
        tries = [(lines, button_height(fonts.bold, app.px(40)), False) for lines in counts]
        tries += [(0, button_height(fonts.bold, 0), True)]
        for lines, row_h, tight in tries:
            # Tight: the smallest buttons, the seed's hint only in its tooltip, and Start and Back
            # stacked beside the briefing instead of under it.
            least = 0 if tight else 1
            y = self.head_rect.bottom + line_gap
            desc_rect = pygame.Rect(x, y, right_w, lines * body_line)
            y = desc_rect.bottom + (line_gap if lines else 0)
            note_rect = pygame.Rect(x, y, right_w, note_h)
            y = note_rect.bottom + app.px(10)
            side_rects = row_of_buttons(
                [side_name("moscow"), side_name("beijing")],
                fonts.bold,
                field_x,
                y,
                x + right_w,
                row_h,
                app.px(8),
                app.px(150) * least,
            )
            y = bottom_of(side_rects) + app.px(10)
            opp_rects = row_of_buttons(
                [_(label) for label, _who in self.opponents],
                fonts.bold,
                field_x,
                y,
                x + right_w,
                row_h,
                app.px(8),
                app.px(120) * least,
            )
            y = bottom_of(opp_rects) + app.px(10)
            seed_rect = pygame.Rect(field_x, y, min(app.px(200), x + right_w - field_x), row_h)
            hint_x = seed_rect.right + app.px(16)
            if tight:
                hint_lines, hint_rect = [], pygame.Rect(x, seed_rect.bottom, 0, 0)
                y = seed_rect.bottom + app.px(12)
            elif x + right_w - hint_x >= app.px(240):  # the hint beside the seed, else under it
                hint_lines = wrap(_(SEED_HINT), fonts.small, x + right_w - hint_x)
                hint_rect = pygame.Rect(
                    hint_x, y, x + right_w - hint_x, len(hint_lines) * fonts.small.get_linesize()
                )
                y = max(seed_rect.bottom, hint_rect.bottom) + app.px(12)
            else:
                hint_lines = wrap(_(SEED_HINT), fonts.small, right_w)
                hint_rect = pygame.Rect(
                    x, seed_rect.bottom + app.px(4), right_w, len(hint_lines) * fonts.small.get_linesize()
                )
                y = hint_rect.bottom + app.px(12)
            if tight:
                start.width = back.width = max(button_width(t, fonts.bold) for t in (_("Start"), _("Back")))
                start.bottomright = (w - pad, h - app.px(16))
                back.bottomright = (start.right, start.top - app.px(8))
                brief_rect = pygame.Rect(x, y, start.left - app.px(12) - x, h - app.px(16) - y)
            else:
                brief_rect = pygame.Rect(x, y, right_w, start.top - app.px(12) - y)
            if brief_rect.height >= least_brief:
                break
        self.desc_lines = lines
        self.desc_cut = bool(self.level) and lines < len(described)
        self.desc_rect, self.note_rect, self.hint_rect, self.hint_lines = (
            desc_rect,
            note_rect,
            hint_rect,
            hint_lines,
        )
        self.side_y, self.opp_y, self.seed_y = side_rects[0].y, opp_rects[0].y, seed_rect.y
        self.row_labels = [
            (_("Play as"), side_rects[0].y),
            (_("Other side"), opp_rects[0].y),
            (_("Seed"), seed_rect.y),
        ]
        self.row_h = row_h
        for rect, (label, side) in zip(
            side_rects, ((side_name("moscow"), "moscow"), (side_name("beijing"), "beijing")), strict=False
        ):
            self.add(Control(rect, label, partial(self.pick_side, side), selected=(side == self.side)))
        for rect, (name, who) in zip(opp_rects, self.opponents, strict=False):
            says = opponent_says(who, app.options.think)
            label = _(name)
            self.add(
                Control(
                    rect,
                    label,
                    partial(self.pick_opponent, who),
                    selected=(who == self.opponent),
                    tooltip=partial(Tooltip, label, [says]),
                )
            )
        self.seed_entry = self.element(
            TextEntry(seed_rect, app.manager, placeholder_text=str(self.level.seed) if self.level else "")
        )
        # Not limited to digits as typed: a letter dropped without a word ("2O22" became 222)
        # gave one player another world than the class's. Start says what is wrong.
        self.seed_entry.set_text_length_limit(18)
        if self.seed_text:
            self.seed_entry.set_text(self.seed_text)
        self.text_field(self.seed_entry, _("Seed")).tooltip = lambda: Tooltip(_("Seed"), [_(SEED_HINT)])
        self.brief_rect = brief_rect
        self.text_box(self.briefing_html(), brief_rect)  # (Chinese broken without hyphens there)
        locked = self.locked_reason()
        self.add(
            Control(
                start,
                _("Start"),
                self.start,
                enabled=self.level is not None and not locked,
                why_disabled=locked or _("This level cannot be played until its problems are fixed."),
                hotkey=pygame.K_s,
            )
        )
        self.add(Control(back, _("Back"), self.back))
        self.captions = [("title", self.title_rect), ("level", self.head_rect)]
        if hint_lines:
            self.captions.append(("seed hint", hint_rect))
        if lines:
            self.captions.append(("description", desc_rect))
        if self.note_lines:
            self.captions.append(("locked" if self.locked_reason() else "problem", note_rect))
        self.captions += [
            (label, pygame.Rect(x, y, label_w - app.px(20), row_h)) for label, y in self.row_labels
        ]

    def briefing_html(self) -> str:
        if self.level is None:
            return html.escape(self.problem).replace("\n", "<br>")
        side = side_name(self.side)
        body = (
            html.escape(self.level.briefing.get(self.side, "")).replace("\n\n", "<br><br>").replace("\n", " ")
        )
        agenda = self.level.agendas.get(self.side)
        best = best_words(
            self.app.records.best_of(self.level.id, self.side), side, [agenda.win_at] if agenda else []
        )
        partner = side_name(other(self.side))
        briefing_for = _("Briefing for {side}").format(side=side)
        against = html.escape(opponent_says(self.opponent, self.app.options.think))
        whole = f"<i>{html.escape(self.level.description)}</i><br><br>" if self.desc_cut else ""
        # A level without summits says so before it is played (a player looked for the summit
        # for sixteen turns; the Commitments tab said it at last).
        meets = (
            ""
            if self.level.rules.summit_every > 0
            else "<br><br>"
            + html.escape(_("No summits in this level: the two capitals do not meet to bargain."))
        )
        return (
            f"{whole}<b>{html.escape(best)}</b><br><br><b>{briefing_for}</b><br><br>{body}<br><br>"
            f"{agenda_html(self.level, self.side)}<br><br><b>{partner}</b>: {against}{meets}"
        )

    def pick_level(self, i: int) -> None:
        self.level_index = i
        self.load_selected()
        self.keep_focus_rebuild()

    def page_list(self, step: int) -> None:
        """Show the previous or next page of a list of levels too long for the window."""
        self.list_offset = max(0, self.list_offset + step * self.page_rows)
        self.keep_focus_rebuild()

    def scroll(self, amount: int) -> None:
        self.page_list(1 if amount > 0 else -1)

    def page_key(self, amount: int) -> None:
        # The keys read the briefing (with the agenda at its end), which a keyboard could not
        # reach; the list has its own "Earlier" and "More levels" for the keyboard.
        if not self.page_text(amount):
            self.page_list(1 if amount > 0 else -1)

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
        if raw.isdecimal():
            return int(raw)
        return self.level.seed if self.level is not None else 0  # (no level: Start is disabled)

    def start(self) -> None:
        app, level = self.app, self.level
        if level is None:  # Start is disabled without a level
            return
        problem = seed_problem(self.seed_entry.get_text().strip())
        if problem:
            self.say(problem)
            return
        partner = other(self.side)
        controllers = {self.side: HUMAN, partner: self.opponent}
        game = Game.new(level, self.seed(), controllers, think=app.options.think)
        remembered = self.opponent if self.opponent in ("easy", "normal", "hard", HUMAN) else None
        app.remember(last_level=level.id, last_side=self.side, last_opponent=remembered or "normal")
        app.show("board", game=game, perspective=self.side)

    def entered(self) -> None:
        if self.app.options.autoplay:
            self.app.capture("new-game")
            self.start()
            return
        # The keyboard starts on the level chosen (the campaign's next, or `play --level`'s): on
        # the first of the list, Enter picked the tutorial and undid the choice.
        self.focus_chosen_item()
        # A file that could not be read at all is not in the list: say so, rather than let a
        # modder look for a level that is not there.
        unread = {p.file for p in self.app.catalogue.problems if p.severity == "error"}
        if unread:
            self.say(
                n_(
                    "{n} level file could not be read and is not listed: press F5 to see why.",
                    "{n} level files could not be read and are not listed: press F5 to see why.",
                    len(unread),
                ).format(n=len(unread))
            )

    def heading(self) -> str:
        """The chosen level's heading as it fits over the choices: where the whole of it does not
        (800x600 in Russian), the title goes whole without the level's length rather than lose
        its end."""
        if not self.level:
            return ""
        font, width = self.app.fonts.heading, self.head_rect.width
        words = [level_heading(self.level), level_heading(self.level, with_turns=False)]
        chosen = first_fitting(words, font, width)
        if font.size(chosen)[0] <= width:
            return chosen
        # Too long even so (a mod's long title): the title is cut, never its years, which are
        # what tells one period's level from another's.
        title, years = title_and_years(self.level)
        tail = f"  ·  {years}"
        return fit(title, font, max(0, width - font.size(tail)[0])) + tail

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        fonts = app.fonts
        surface.blit(fonts.title.render(_("New game"), True, p.text), self.title_rect)
        r = self.head_rect
        if self.level:
            lv = self.level
            surface.blit(fonts.heading.render(self.heading(), True, p.text), r.topleft)
            if self.desc_lines:
                text(
                    surface,
                    lv.description,
                    fonts.body,
                    p.text_muted,
                    self.desc_rect.topleft,
                    r.width,
                    max_lines=self.desc_lines,
                )
        else:
            text(
                surface,
                self.problem,
                fonts.body,
                p.warning,
                r.topleft,
                r.width,
                max_lines=max(1, self.desc_lines),
            )
        y = self.note_rect.y
        for line in self.note_lines:
            surface.blit(fonts.small.render(line, True, p.warning), (r.x, y))
            y += fonts.small.get_linesize()
        for label, y in self.row_labels:
            img = fonts.bold.render(label, True, p.text)
            surface.blit(img, img.get_rect(midleft=(r.x, y + self.row_h // 2)))
        y = self.hint_rect.y
        for line in self.hint_lines:
            surface.blit(fonts.small.render(line, True, p.text_muted), (self.hint_rect.x, y))
            y += fonts.small.get_linesize()
        self.draw_controls(surface)

    def draw_over(self, surface) -> None:
        # Messages (why Start is disabled) show over the briefing, clear of Start and Back.
        if self.message and self.message_time > 0:
            toast(surface, self.app, self.message, self.brief_rect)
