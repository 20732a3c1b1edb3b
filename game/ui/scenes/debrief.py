"""The debrief: outcome and epilogue, both agendas and scores, the meters over the turns (savable
as PNG), each side's decisions, the turning points, the level's discussion prompts and its sources
and further reading."""

from __future__ import annotations

import html
import re
from datetime import datetime
from functools import partial

import pygame

from game.core.engine import goal_value, provisional_goals
from game.core.meters import LIMITS, PILLARS, band, band_spans, label
from game.session.data_folder import problem_message
from game.session.story import (
    SCENARIO_LEVEL_NOTE,
    ai_reason,
    bounds_text,
    cause_words,
    event_headlines,
    provisional_note,
    source_lines,
    turning_points,
)
from game.ui.numbers import shown
from game.ui.scenes.base import Scene
from game.ui.summit.words import entry_lines, fates
from game.ui.theme import FONT_NAME
from game.ui.widgets import Control, bottom_of, button_height, button_width, fit, row_of_buttons

TABS = ["Outcome", "Chart", "Decisions", "Discussion", "Sources"]
# The chart shades the partnership's bands, named in the short names that fit its margin.
BANDS = list(band_spans(short=True))
CHART_METERS = ("partnership", "partnership_ceiling", *PILLARS, *LIMITS)
PROMPT_TITLES = {
    "identity_gap": "The identity gap",
    "method_divergence": "Divergent methods",
    "central_asia_rivalry": "Rivalry in Central Asia",
    "us_normalization": "Washington's normalization",
    "general": "The partnership as a whole",
}


def against_history(game) -> str:
    """The player's partnership against where history left it at the end of the level's years
    (empty for a level that gives no historical value)."""
    then = game.level.historical_partnership
    if then is None:
        return ""
    now = game.state.meters["partnership"]
    gap = now - then
    if abs(gap) < 0.5:
        verdict = "level with history"
    else:
        verdict = f"{abs(gap):.1f} points {'warmer' if gap > 0 else 'colder'} than history"
    same = "the same band" if band(now) == band(then) else f"history's was {band(then)}"
    return (
        f"History left the partnership at about {then:.0f} ({band(then)}) when these years ended; "
        f"yours ended at {now:.1f} ({band(now)}, {same}): {verdict}."
    )


class DebriefScene(Scene):
    name = "debrief"

    def __init__(self, app, game):
        super().__init__(app)
        self.game = game
        self.tab = 0

    def build(self) -> None:
        app = self.app
        fonts = app.fonts
        w, h = app.size
        pad = app.px(24)
        self.title_rect = pygame.Rect(pad, app.px(16), w - 2 * pad, fonts.title.get_linesize())
        bh = button_height(fonts.bold, app.px(40))
        tabs = row_of_buttons(
            TABS, fonts.bold, pad, self.title_rect.bottom + app.px(8), w - pad, bh, app.px(8), app.px(150)
        )
        for i, (rect, name) in enumerate(zip(tabs, TABS, strict=False)):
            self.add(
                Control(
                    rect,
                    name,
                    partial(self.show, i),
                    kind="tab",
                    selected=(i == self.tab),
                    hotkey=pygame.K_1 + i,
                )
            )
        bh = button_height(fonts.bold, app.px(46))
        done = pygame.Rect(0, 0, button_width("Back to title", fonts.bold, app.px(210)), bh)
        done.bottomright = (w - pad, h - app.px(16))
        png = pygame.Rect(0, 0, button_width("Save chart as PNG", fonts.bold, app.px(210)), bh)
        png.bottomright = (done.left - app.px(12), done.bottom)
        top = bottom_of(tabs) + app.px(12)
        self.body = pygame.Rect(pad, top, w - 2 * pad, done.top - app.px(12) - top)
        self.captions = [("title", self.title_rect)]
        # One text box for every tab, refilled on a change of tab: pygame_gui keeps memory of each
        # text box it has built, and a long debrief built four times over adds up.
        # The outcome's title is set larger than the body at every scale (pygame_gui's size=5 is a
        # fixed 18 px, smaller than projector mode's body): loaded before the box lays it out.
        fonts_loaded = app.manager.get_theme().get_font_dictionary()
        title_px = self.outcome_title_px()
        if not fonts_loaded.check_font_preloaded(
            fonts_loaded.create_font_id(title_px, FONT_NAME, True, False)
        ):
            app.manager.preload_fonts([{"name": FONT_NAME, "point_size": title_px, "style": "bold"}])
        self.tab_box = self.text_box(self.tab_html(), self.body)
        if TABS[self.tab] == "Chart":
            self.tab_box.hide()
        self.add(Control(done, "Back to title", self.finish))
        self.add(Control(png, "Save chart as PNG", self.save_chart, hotkey=pygame.K_p))

    def show(self, i: int) -> None:
        self.tab = i
        for c in self.controls:
            if c.kind == "tab":
                c.selected = c.label == TABS[i]
        if TABS[i] == "Chart":
            self.tab_box.hide()
        else:
            self.tab_box.set_text(self.tab_html())
            self.tab_box.show()
        self.app.dirty = True
        self.app.memory.release()

    def series(self) -> dict[str, list[float]]:
        return {label(m): self.game.history_of(m) for m in CHART_METERS}

    def save_chart(self) -> None:
        from game.ui.charts import save_chart_png

        game = self.game
        folder = self.app.exports_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        safe_id = re.sub(r"[^a-z0-9_]", "", game.level.id)
        path = folder / f"{stamp}-{safe_id}-seed{game.seed}-chart.png"
        save_chart_png(
            path,
            self.series(),
            f"{game.level.title}, seed {game.seed}",
            palette=self.app.palette,
            x_labels=self.x_labels(),
            bands=BANDS,
        )
        self.say(f"Chart saved: {path}")

    def x_labels(self) -> list[str]:
        return ["start", *(str(r.turn) for r in self.game.reports)]

    def finish(self) -> None:
        if self.app.options.exit_at_end:
            self.app.running = False
            return
        self.app.show_only("title")

    def back(self) -> None:
        self.finish()

    def entered(self) -> None:
        app = self.app
        session = self.game.classroom
        if session is not None:
            # A classroom session's exports are written when it ends, for the teacher to collect.
            try:
                folder = session.export(palette=app.palette)
                self.say(f"Session exported to {folder}")
            except OSError as e:
                self.say(problem_message("The session's exports could not be written", e))
        if app.options.autoplay:
            for i in range(len(TABS)):
                self.show(i)
                app.capture(f"debrief-{TABS[i].lower()}")
            if app.options.exit_at_end:
                app.running = False

    # -- the tabs' text ----------------------------------------------------------------------------
    def tab_html(self) -> str:
        if TABS[self.tab] == "Chart":
            return ""
        return {
            "Outcome": self.outcome_html,
            "Decisions": self.decisions_html,
            "Discussion": self.discussion_html,
            "Sources": self.sources_html,
        }[TABS[self.tab]]()

    def outcome_html(self) -> str:
        game, lv = self.game, self.game.level
        o = next((o for o in lv.outcomes if o.id == game.state.outcome), None)
        out = [
            f"<font pixel_size={self.outcome_title_px()}><b>"
            f"{html.escape(o.title if o else str(game.state.outcome))}</b></font>",
            html.escape(o.epilogue if o else ""),
        ]
        if lv.hypothetical:
            out.append(f"<i>{html.escape(SCENARIO_LEVEL_NOTE)}</i>")
        scores, won = game.scores(), game.winners()
        note = provisional_note(game)
        if note:
            out.append(
                f"<br><b>The scores are {html.escape(note)}, not final scores.</b> The session ended "
                "before the level's last turn, so each goal is judged as pro-rated to the turns played."
            )
        played = game.provisional[0] if game.provisional else None
        for side in ("moscow", "beijing"):
            agenda = lv.agendas[side]
            verdict = "met its agenda" if won[side] else "fell short of its agenda"
            scored = f", {html.escape(note)}" if note else ""
            out.append(
                f"<br><b>{side.capitalize()}: score {shown(scores[side], [agenda.win_at])} of 100{scored}, {verdict}</b> "
                f"(needed {agenda.win_at:.0f}). {html.escape(agenda.summary)}"
            )
            goals = agenda.goals if played is None else provisional_goals(lv, played)[side]
            for g in goals:
                value = goal_value(game.state, g.meter)
                mark = "MET" if g.met(value) else "MISSED"
                ended = shown(value, [t for t in (g.at_least, g.at_most) if t is not None], least=1)
                after = "" if played is None else f"; after {played} turns: {bounds_text(g)}"
                out.append(f"{mark}: {html.escape(g.text)}{after} ({label(g.meter)} ended at {ended})")
        out.append("<br><b>Turning points</b>")
        for report, total, c in turning_points(game):
            out.append(
                f"Turn {report.turn} ({report.date}): partnership {total:+.1f}, mostly because "
                f"{html.escape(cause_words(c))}."
            )
        against = against_history(game)
        if against:
            out.append(f"<br><b>Against history</b><br>{html.escape(against)}")
        if lv.what_happened:
            out.append(f"<br><b>What actually happened</b><br>{html.escape(lv.what_happened)}")
        return "<br>".join(out)

    def outcome_title_px(self) -> int:
        """The outcome's title: half as large again as the body text (16 px times the scale)."""
        return max(12, round(24 * self.app.fonts.scale))

    def decisions_html(self) -> str:
        game, lv = self.game, self.game.level
        out = []
        for r in game.reports:
            out.append(f"<b>Turn {r.turn}, {r.date}</b>")
            for side in ("moscow", "beijing"):
                names = ", ".join(lv.actions[a].name for a in r.plans[side]) or "nothing"
                out.append(f"{side.capitalize()}: {html.escape(names)}")
                why = ai_reason(game, r.turn, side)
                if why:
                    out.append(
                        "<i>Why: " + "<br>".join(html.escape(line) for line in why.splitlines()) + "</i>"
                    )
                given = game.log.reasons_of(r.turn).get(side, "")
                if given:
                    out.append(f"<i>Their reason: {html.escape(given)}</i>")
            out += self.summit_lines(r.turn)
            ids = [e for e in r.events if lv.event(e)]
            # The debrief is where an injected event is revealed as the facilitator's.
            injected = {a.event_id for a in game.log.acts_of_turn(r.turn) if a.kind == "inject"}
            if ids:
                out.append(
                    "Events: "
                    + ", ".join(
                        html.escape(headline)
                        + (" <i>(put in play by the facilitator)</i>" if event_id in injected else "")
                        for event_id, headline in zip(ids, event_headlines(game, ids), strict=True)
                    )
                )
        return "<br>".join(out) or "No turns were played."

    def summit_lines(self, turn: int) -> list[str]:
        """The turn's summit: each term, agreed or not, with the AI's reason, and what became of
        each agreed term at the resolutions it covered."""
        game = self.game
        turns = game.log.turns
        specs = turns[turn - 1].summit if 0 < turn <= len(turns) else []
        if not specs:
            return []
        entries = [spec.entry() for spec in specs]
        out = ["Summit:"]
        for entry, (ok, words, why) in zip(entries, entry_lines(game.level, entries), strict=True):
            line = f"• <b>{html.escape(words)}</b>" if ok else f"• {html.escape(words)}"
            if ok:
                became = fates(game, turn, entry.term)
                line += " — " + html.escape("; ".join(became) if became else "still running")
            out.append(line)
            if why:
                out.append(f"<i>{html.escape(why)}</i>")
        return out

    def discussion_html(self) -> str:
        lv = self.game.level
        out = []
        for key, title in PROMPT_TITLES.items():
            prompts = lv.prompts.get(key, ())
            if prompts:
                out.append(f"<b>{title}</b>")
                out.extend(f"• {html.escape(p)}" for p in prompts)
                out.append("")
        return "<br>".join(out) or "This level has no discussion prompts."

    def sources_html(self) -> str:
        lv = self.game.level
        if not lv.sources:
            return "This level names no sources."
        out = [
            "<b>Sources and further reading</b>",
            "What the level draws on, and where to read on, from more than one side: each entry "
            "says whose view it gives.",
            "",
        ]
        out.extend(f"• {html.escape(line)}" for line in source_lines(lv))
        return "<br>".join(out)

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        title = fit(
            f"Debrief: {self.game.level.title}, seed {self.game.seed}", app.fonts.title, self.title_rect.width
        )
        surface.blit(app.fonts.title.render(title, True, p.text), self.title_rect)
        if TABS[self.tab] == "Chart":
            from game.ui.charts import draw_line_chart

            draw_line_chart(
                surface,
                self.body,
                self.series(),
                p,
                app.fonts.small,
                "The meters over the turns",
                x_labels=self.x_labels(),
                bands=BANDS,
            )
        self.draw_controls(surface)
