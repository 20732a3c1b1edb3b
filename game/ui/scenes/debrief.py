"""The debrief: outcome and epilogue, both agendas and scores, the meters over the turns (savable
as PNG), each side's decisions, the turning points, the level's discussion prompts and its sources
and further reading."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import datetime
from functools import partial

import pygame

from game.core.engine import goal_value, provisional_goals
from game.core.meters import LIMITS, PILLARS, band, label
from game.i18n import N_, _, format_number, n_
from game.session.data_folder import problem_message
from game.session.story import (
    NOTHING_TO_TELL,
    SCENARIO_LEVEL_NOTE,
    ai_reason,
    bounds_text,
    event_headlines,
    played_nothing,
    provisional_note,
    turning_points,
)
from game.speech.reasons import cause_words, say
from game.speech.sides import side_name
from game.speech.sources import source_lines
from game.speech.words import band_of, band_spans_shown, date_of, listed, meter_label
from game.ui.numbers import shown
from game.ui.scenes.base import Scene, box_html
from game.ui.summit.words import entry_lines, fates, first_giving
from game.ui.theme import FONT_NAME
from game.ui.widgets import Control, bottom_of, button_height, button_width, fit, row_of_buttons

TABS = [N_("Outcome"), N_("Chart"), N_("Decisions"), N_("Discussion"), N_("Sources")]
# The chart shades the partnership's bands, named in the short names that fit its margin.
CHART_METERS = ("partnership", "partnership_ceiling", *PILLARS, *LIMITS)
PROMPT_TITLES = {
    "identity_gap": N_("The identity gap"),
    "method_divergence": N_("Divergent methods"),
    "central_asia_rivalry": N_("Rivalry in Central Asia"),
    "us_normalization": N_("Washington's normalization"),
    "general": N_("The partnership as a whole"),
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
        verdict = _("level with history")
    elif gap > 0:
        verdict = _("{points} points warmer than history").format(points=format_number(abs(gap), 1))
    else:
        verdict = _("{points} points colder than history").format(points=format_number(abs(gap), 1))
    same = (
        _("the same band")
        if band(now) == band(then)
        else _("history's was {band}").format(band=band_of(then))
    )
    return _(
        "History left the partnership at about {then} ({then_band}) when these years ended; "
        "yours ended at {now} ({now_band}, {same}): {verdict}."
    ).format(
        then=format_number(then, 0),
        then_band=band_of(then),
        now=format_number(now, 1),
        now_band=band_of(now),
        same=same,
        verdict=verdict,
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
            [_(t) for t in TABS],
            fonts.bold,
            pad,
            self.title_rect.bottom + app.px(8),
            w - pad,
            bh,
            app.px(8),
            app.px(150),
        )
        for i, (rect, name) in enumerate(zip(tabs, TABS, strict=False)):
            self.add(
                Control(
                    rect,
                    _(name),
                    partial(self.show, i),
                    kind="tab",
                    selected=(i == self.tab),
                    hotkey=pygame.K_1 + i,
                )
            )
        bh = button_height(fonts.bold, app.px(46))
        # "Back to title" at the left: at the right it sat where the last turn's "Continue" had
        # been, and one click too many left the debrief unread.
        done = pygame.Rect(0, 0, button_width(_("Back to title"), fonts.bold, app.px(210)), bh)
        done.bottomleft = (pad, h - app.px(16))
        png = pygame.Rect(0, 0, button_width(_("Save chart as PNG"), fonts.bold, app.px(210)), bh)
        png.bottomright = (w - pad, done.bottom)
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
        self.add(Control(done, _("Back to title"), self.finish))
        self.add(Control(png, _("Save chart as PNG"), self.save_chart, hotkey=pygame.K_p))

    def show(self, i: int) -> None:
        self.tab = i
        for c in self.controls:
            if c.kind == "tab":
                c.selected = c.label == _(TABS[i])
        if TABS[i] == "Chart":
            self.tab_box.hide()
        else:
            self.tab_box.set_text(box_html(self.tab_html()))
            self.tab_box.show()
        self.app.dirty = True
        self.app.memory.release()

    def series(self, shown: bool = True) -> dict[str, list[float]]:
        """The chart's lines by their names: in the language in force on the screen, in English
        in the saved PNG (an export, as it was)."""
        name = meter_label if shown else label
        return {name(m): self.game.history_of(m) for m in CHART_METERS}

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
            self.series(shown=False),
            _("{level}, seed {seed}").format(level=game.level.title, seed=game.seed),
            palette=self.app.palette,
            x_labels=self.x_labels(),
            bands=band_spans_shown(short=True),
        )
        self.say(_("Chart saved: {path}").format(path=path))

    def x_labels(self) -> list[str]:
        return [_("start"), *(str(r.turn) for r in self.game.reports)]

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
                self.say(_("Session exported to {folder}").format(folder=folder))
            except OSError as e:
                self.say(problem_message(_("The session's exports could not be written"), e))
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
        if played_nothing(game):  # (an epilogue would tell of years nobody played)
            out = [f"<b>{html.escape(_(NOTHING_TO_TELL))}</b>"]
        if lv.hypothetical:
            out.append(f"<i>{html.escape(_(SCENARIO_LEVEL_NOTE))}</i>")
        scores, won = game.scores(), game.winners()
        note = say(provisional_note(game))
        if note:
            out.append(
                _(
                    "<br><b>The scores are {note}, not final scores.</b> The session ended "
                    "before the level's last turn, so each goal is judged as pro-rated to the turns played."
                ).format(note=html.escape(note))
            )
        played = game.provisional[0] if game.provisional else None
        for side in ("moscow", "beijing"):
            agenda = lv.agendas[side]
            verdict = _("met its agenda") if won[side] else _("fell short of its agenda")
            scored = f", {html.escape(note)}" if note else ""
            out.append(
                _(
                    "<br><b>{side}: score {score} of 100{provisional}, {verdict}</b> (needed {needed}). {summary}"
                ).format(
                    side=side_name(side),
                    # To the tenth the goals' points are written in (62.5, as the exports and
                    # the class's dashboard give it), more only where rounding would cross the bar.
                    score=shown(
                        scores[side], [agenda.win_at], least=0 if float(scores[side]).is_integer() else 1
                    ),
                    provisional=scored,
                    verdict=verdict,
                    needed=format_number(agenda.win_at, 0),
                    summary=html.escape(agenda.summary),
                )
            )
            goals = agenda.goals if played is None else provisional_goals(lv, played)[side]
            for g in goals:
                value = goal_value(game.state, g.meter)
                mark = _("MET") if g.met(value) else _("MISSED")
                ended = shown(value, [t for t in (g.at_least, g.at_most) if t is not None], least=1)
                after = (
                    ""
                    if played is None
                    else n_("; after {n} turn: {bounds}", "; after {n} turns: {bounds}", played).format(
                        n=played, bounds=say(bounds_text(g))
                    )
                )
                out.append(
                    _("{mark}: {goal}{after} ({meter} ended at {value})").format(
                        mark=mark,
                        goal=html.escape(g.text),
                        after=after,
                        meter=meter_label(g.meter),
                        value=ended,
                    )
                )
        out.append("<br><b>" + _("Turning points") + "</b>")
        for report, total, c in turning_points(game):
            out.append(
                _("Turn {turn} ({date}): partnership {change}; the main cause: {cause}.").format(
                    turn=report.turn,
                    date=date_of(game.level, report.turn),
                    change=format_number(total, 1, sign=True),
                    cause=html.escape(cause_words(c, lv)),
                )
            )
        against = against_history(game)
        if against:
            out.append("<br><b>" + _("Against history") + f"</b><br>{html.escape(against)}")
        if lv.what_happened:
            out.append("<br><b>" + _("What actually happened") + f"</b><br>{html.escape(lv.what_happened)}")
        return "<br>".join(out)

    def outcome_title_px(self) -> int:
        """The outcome's title: half as large again as the body text (16 px times the scale)."""
        return max(12, round(24 * self.app.fonts.scale))

    def decisions_html(self) -> str:
        game, lv = self.game, self.game.level
        out = []
        for r in game.reports:
            out.append(
                "<b>"
                + _("Turn {turn}, {date}").format(turn=r.turn, date=date_of(game.level, r.turn))
                + "</b>"
            )
            for side in ("moscow", "beijing"):
                names = listed(lv.actions[a].name for a in r.plans[side]) or _("nothing")
                # TRANSLATORS: a side and the cards of its plan ("Moscow: card, card")
                out.append(_("{side}: {plan}").format(side=side_name(side), plan=html.escape(names)))
                why = ai_reason(game, r.turn, side)
                if why:
                    out.append(
                        "<i>"
                        + _("Why: ")
                        + "<br>".join(html.escape(line) for line in say(why, lv).splitlines())
                        + "</i>"
                    )
                given = game.log.reasons_of(r.turn).get(side, "")
                if given:
                    # (typed by the side's player or team: "Their reason" read as the AI's, or the other's)
                    out.append("<i>" + _("Reason given: {reason}").format(reason=html.escape(given)) + "</i>")
            out += self.summit_lines(r.turn)
            ids = [e for e in r.events if lv.event(e)]
            # The debrief is where an injected event is revealed as the facilitator's.
            injected = {a.event_id for a in game.log.acts_of_turn(r.turn) if a.kind == "inject"}
            if ids:
                out.append(
                    _("Events: ")
                    + listed(
                        html.escape(say(headline, game.level))
                        + (
                            " <i>" + _("(put in play by the facilitator)") + "</i>"
                            if event_id in injected
                            else ""
                        )
                        for event_id, headline in zip(ids, event_headlines(game, ids), strict=True)
                    )
                )
        return "<br>".join(out) or _("No turns were played.")

    def summit_lines(self, turn: int) -> list[str]:
        """The turn's summit: each term, agreed or not, with the AI's reason, and what became of
        each agreed term at the resolutions it covered."""
        game = self.game
        turns = game.log.turns
        specs = turns[turn - 1].summit if 0 < turn <= len(turns) else []
        if not specs:
            return []
        entries = [replace(spec.entry(), why=game.log.summit_reason_of(turn, spec)) for spec in specs]
        out = [_("Summit:")]
        twins = first_giving(game.level, entries)
        for entry, (ok, words, why) in zip(entries, entry_lines(game.level, entries), strict=True):
            line = f"• <b>{html.escape(words)}</b>" if ok else f"• {html.escape(words)}"
            if ok:
                became = fates(game, turn, twins.get(entry.term.key(), entry.term))
                line += " — " + html.escape(_("; ").join(became) if became else _("still running"))
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
                out.append(f"<b>{_(title)}</b>")
                out.extend(f"• {html.escape(p)}" for p in prompts)
                out.append("")
        return "<br>".join(out) or _("This level has no discussion prompts.")

    def sources_html(self) -> str:
        lv = self.game.level
        if not lv.sources:
            return _("This level names no sources.")
        out = [
            "<b>" + _("Sources and further reading") + "</b>",
            _(
                "What the level draws on, and where to read on, from more than one side: each entry "
                "says whose view it gives."
            ),
            "",
        ]
        out.extend(f"• {html.escape(line)}" for line in source_lines(lv))
        return "<br>".join(out)

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        title = fit(
            _("Debrief: {level}, seed {seed}").format(level=self.game.level.title, seed=self.game.seed),
            app.fonts.title,
            self.title_rect.width,
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
                _("The meters over the turns"),
                x_labels=self.x_labels(),
                bands=band_spans_shown(short=True),
            )
        self.draw_controls(surface)
