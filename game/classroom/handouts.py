"""The students' printed handouts, one page each: each side's briefing and agenda, each side's role
cards, a grading rubric, and (from a played session) the debrief worksheet.

What is on each page is said here, in the game's words; game.classroom.printdoc lays it out as
HTML and PDF. The worksheet's charts are drawn on the light print palette by game.charts.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from game.classroom.language import side_name
from game.classroom.printdoc import Answer, Block, Bullets, Card, Handout, Heading, Images, Para, Table
from game.core.level import Level
from game.core.meters import LIMITS, WASHINGTON
from game.i18n import N_, _
from game.speech.reasons import say
from game.speech.words import band_spans_shown, date_of, meter_label

FOOTER = N_("Pragmatic Partners, a classroom game on the limits of Russian-Chinese cooperation.")


def _span(level: Level) -> str:
    spans = {
        1: N_("{first} to {last} · {turns} turns, each a year"),
        2: N_("{first} to {last} · {turns} turns, each half a year"),
        4: N_("{first} to {last} · {turns} turns, each a season"),
    }
    span = spans.get(level.turns_per_year, N_("{first} to {last} · {turns} turns"))
    return _(span).format(first=date_of(level, 1), last=date_of(level, level.turns), turns=level.turns)


def _short(text: str, limit: int) -> str:
    """`text` cut at a sentence (or a word) before `limit` characters, so a page keeps its room."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind(". ")
    return cut[: end + 1] if end > limit // 2 else cut[: cut.rfind(" ")] + " …"


# -- before play -------------------------------------------------------------------------------------


def _goals_to_tick(level: Level, side: str, cut: int | None) -> tuple[str, ...]:
    """The side's goals as the briefing lists them: as written, or, for a session that ends after
    turn `cut`, each with what it asks by then (as the game judges it, game.session.story)."""
    goals = level.agendas[side].goals
    if cut is None:
        return tuple(g.text for g in goals)
    from game.core.engine import provisional_goal
    from game.core.words import counted, n_
    from game.session.story import bounds_text

    return tuple(
        say(
            counted(
                n_("{goal}; after {n} turn: {bounds}", "{goal}; after {n} turns: {bounds}", cut),
                goal=g.text,
                bounds=bounds_text(provisional_goal(level, side, g, cut)),
            )
        )
        for g in goals
    )


def briefing(level: Level, side: str, cut: int | None = None) -> Handout:
    """One side's page: the situation, its own briefing, its agenda as goals to tick, and room to
    plan the first turn. For a session that ends after turn `cut`, the goals as they are judged
    then."""
    name = side_name(side)
    agenda = level.agendas[side]
    other = side_name("beijing" if side == "moscow" else "moscow")
    blocks: list[Block] = [
        Heading(_("The situation")),
        Para(_short(level.description, 700)),
        Heading(_("Your briefing: you play {side}").format(side=name)),
        *(Para(p.strip()) for p in level.briefing.get(side, "").split("\n\n") if p.strip()),
        Heading(_("Your agenda")),
        Para(agenda.summary),
        Bullets(_goals_to_tick(level, side, cut), boxes=True),
        *(
            [
                Para(
                    _(
                        "This session ends after turn {cut} of {turns}: each goal is judged as it "
                        "stands then, by the figure after it, and the score is provisional."
                    ).format(cut=cut, turns=level.turns),
                    small=True,
                )
            ]
            if cut is not None
            else []
        ),
        Para(
            _(
                "Each goal met adds its share to a score out of 100; {side} has done what it came for "
                "at {win_at} or more. Tick the goals you reach. {other} has an agenda of its "
                "own: both sides can win, both can lose."
            ).format(side=name, win_at=f"{agenda.win_at:g}", other=other),
            small=True,
        ),
        Answer(_("Our plan for the first turn, and the limit it is meant to manage:"), 3),
    ]
    if level.hypothetical:
        blocks.insert(
            1, Para(_("This level is a scenario: its events are invented, not history."), small=True)
        )
    return Handout(
        name=f"briefing-{side}",
        title=_("{side}'s briefing: {level}").format(side=name, level=level.title),
        subtitle=_span(level),
        blocks=tuple(blocks),
        footer=_(FOOTER),
    )


ROLES = (
    (
        N_("Leader"),
        N_("Makes the final choice of cards and keeps the plan within the budget of political capital."),
        N_("Watch: the partnership gauge and its ceiling, your political capital, your agenda's goals."),
    ),
    (
        N_("Economy minister"),
        N_("Argues for trade, energy and money."),
        N_("Watch: the economic ties pillar, {side}'s economy and dependence, the Middle Corridor."),
    ),
    (
        N_("Security minister"),
        N_("Argues for the armed forces, the borders and Central Asia."),
        N_(
            "Watch: the military trust pillar, {side}'s security and freed forces, the Central Asia map "
            "and the rivalry there."
        ),
    ),
    (
        N_("Diplomat"),
        N_("Speaks for the United Nations, the summits and the line to Washington."),
        N_(
            "Watch: the shared stance pillar, {side}'s standing, Washington's thaw with both capitals "
            "(at 70 Washington normalizes with that side)."
        ),
    ),
    (
        N_("Note-taker"),
        N_(
            "Writes down each turn's choice and the reason for it: the game keeps what you chose, your "
            "notes keep why."
        ),
        N_("Watch: the news and the resolution; which limit moved, and why."),
    ),
)


def role_cards(level: Level, side: str) -> Handout:
    """The five roles of a side's team, as cards to cut out and hand round."""
    name = side_name(side)
    cards = tuple(
        Card(f"{name} · {_(role)}", (_(does), _(watch).format(side=name))) for role, does, watch in ROLES
    )
    return Handout(
        name=f"roles-{side}",
        title=_("{side}'s team: role cards").format(side=name),
        subtitle=_("{level} · cut along the dashed lines; one card for each member of the team").format(
            level=level.title
        ),
        blocks=(
            *cards,
            Para(
                _(
                    "Hover over any meter on the board to see what moved it last turn and why: ministers "
                    "use it to explain a change to their leader."
                ),
                small=True,
            ),
        ),
        name_line=False,
        footer=_(FOOTER),
    )


RUBRIC_LEVELS = (N_("Excellent"), N_("Good"), N_("Developing"), N_("Beginning"))
RUBRIC = (
    (
        N_("Decisions explained (40%)"),
        N_(
            "Three turns, one of them the facilitator's event: each names the cards played, the limit "
            "it managed and what the group expected, and weighs that against the record."
        ),
        N_(
            "Three turns explained with the limit and the expectation; the check against the record is brief."
        ),
        N_("Says what was played and a reason, but the limit or the expectation is missing."),
        N_("Lists the cards played with no reasons."),
    ),
    (
        N_("The limits at work (30%)"),
        N_(
            "Picks the limit that hurt the partnership most from the chart and traces it to particular "
            "decisions and events, turn by turn."
        ),
        N_("Names the most damaging limit from the chart and links it to some decisions or events."),
        N_("Names a limit, with little use of the chart or of the turns."),
        N_("No limit named, or one named without evidence."),
    ),
    (
        N_("Comparison (20%)"),
        N_(
            "Finds the first turn where its decisions and another group's on the same seed parted, and "
            "explains what that changed by the end."
        ),
        N_("Finds where the groups parted and says what differed at the end."),
        N_("Compares the outcomes only."),
        N_("No comparison."),
    ),
    (
        N_("History (10%)"),
        N_("Sets the group's outcome against what actually happened, and says what the game leaves out."),
        N_("Sets the outcome against what actually happened."),
        N_("Mentions the history without relating it to the game."),
        N_("No link to the history."),
    ),
)


def rubric(level: Level) -> Handout:
    """The grading rubric: four criteria, each with what work at four levels looks like."""
    return Handout(
        name="rubric",
        title=_("Grading rubric: the debrief"),
        subtitle=_(
            "{level} · grade the reasoning, not who won: scores depend on the other team and on chance"
        ).format(level=level.title),
        blocks=(
            Table(
                (_("Criterion"), *(_(x) for x in RUBRIC_LEVELS)),
                tuple(tuple(_(cell) for cell in row) for row in RUBRIC),
                (1.1, 1.6, 1.4, 1.3, 1.1),
                small=True,
            ),
            Heading(_("What to hand in")),
            Bullets(
                (
                    _("The debrief worksheet, with the questions answered."),
                    _("The note-taker's notes: each turn's choice and its reason."),
                    _(
                        "A short memo (about 300 words) from your leader to the other capital, naming "
                        "the limit you could not overcome."
                    ),
                )
            ),
            Answer(_("Comments:"), 4),
        ),
        footer=_(FOOTER),
    )


def level_handouts(level: Level, cut: int | None = None) -> list[Handout]:
    """Everything printed before play: both briefings (for a session ending after turn `cut`, with
    the goals as they are judged then), both sets of role cards, the rubric."""
    return [
        briefing(level, "moscow", cut),
        briefing(level, "beijing", cut),
        role_cards(level, "moscow"),
        role_cards(level, "beijing"),
        rubric(level),
    ]


# -- after play: the debrief worksheet --------------------------------------------------------------

QUESTIONS = (
    (
        N_("The identity gap"),
        N_("Find a turn where the identity gap rose. Did your side choose it, or did it happen to you?"),
    ),
    (
        N_("Divergent methods"),
        N_(
            "When Moscow pressed hard, did Beijing stand with it, stay quiet or step back? What did that cost?"
        ),
    ),
    (
        N_("Rivalry in Central Asia"),
        N_(
            "Who had more influence in Central Asia at the end than at the start, and how: troops, money or railways?"
        ),
    ),
    (
        N_("Washington's thaw"),
        N_("How warm did Washington get with each capital, and was that good or bad for the partnership?"),
    ),
    (
        N_("The whole game"),
        N_("Which limit held the partnership's ceiling down most? Point to a turn on the charts."),
    ),
)

WORKSHEET_CHARTS = ("worksheet-partnership.png", "worksheet-limits.png")
CHART_SIZE = (640, 350)


def worksheet_charts(game, folder: Path, name: str = "worksheet") -> tuple[Path, Path]:
    """The worksheet's two charts on the light print palette: the partnership with its ceiling over
    the bands, and the four limits (Washington's thaw as a line for each capital). Their files
    begin with the worksheet's `name`, so that a worksheet written again beside the exported one
    (on other paper, in another language) leaves the exported one's charts as they were."""
    from game.charts.png import save_chart_png
    from game.palette import PRINT

    x_labels = [_("start"), *(str(r.turn) for r in game.reports)]
    first = save_chart_png(
        folder / WORKSHEET_CHARTS[0].replace("worksheet", name, 1),
        {meter_label(m): game.history_of(m) for m in ("partnership", "partnership_ceiling")},
        _("The partnership and its ceiling"),
        size=CHART_SIZE,
        palette=PRINT,
        x_labels=x_labels,
        bands=band_spans_shown(short=True),
        y_range=(0, 100),
    )
    second = save_chart_png(
        folder / WORKSHEET_CHARTS[1].replace("worksheet", name, 1),
        {meter_label(m): game.history_of(m) for m in (*LIMITS, *WASHINGTON)},
        _("The four limits"),
        size=CHART_SIZE,
        palette=PRINT,
        x_labels=x_labels,
        y_range=(0, 100),
    )
    return first, second


def _plan_cell(names: list[str], reason: str) -> str:
    played = ", ".join(names) or _("nothing")
    return _("{played}. Why: {reason}").format(played=played, reason=reason) if reason else played


def worksheet(
    game, started_at: datetime, group: str, charts: tuple[Path, Path], name: str = "worksheet"
) -> Handout:
    """The debrief worksheet of a played session: the outcome and both scores, the charts of the
    partnership and of all four limits, both sides' decisions (with the reasons teams gave), and
    the debrief questions with room to answer. (The events are in `debrief.md`: a page has no room.)"""
    from game.session.story import (
        NOTHING_TO_TELL,
        ending_note,
        outcome_of,
        plan_names,
        played_nothing,
        provisional_note,
    )

    lv = game.level
    outcome = outcome_of(game)
    ended = f" ({say(ending_note(game))})" if game.log.ended_early else ""
    who = _("Group {group}").format(group=group) + " · " if group else ""
    subtitle = who + _(
        "class seed {seed} · started {started} · {played} of {turns} turns played{ended}"
    ).format(
        seed=game.seed,
        started=f"{started_at:%Y-%m-%d %H:%M}",
        played=len(game.reports),
        turns=lv.turns,
        ended=ended,
    )
    scores, won = game.scores(), game.winners()
    blocks: list[Block] = [Heading(_("Outcome"))]
    if played_nothing(game):
        blocks.append(Para(_(NOTHING_TO_TELL)))
    elif outcome is not None:
        blocks.append(Para(outcome.title, bold=True))
    else:
        blocks.append(Para(_("The game was not finished: the scores are as things stood.")))
    note = say(provisional_note(game))
    scored = f", {note}" if note else ""
    blocks += [
        Para(
            (
                _("{side}: {score} of 100{scored} (needed {needed}), met its agenda.")
                if won[side]
                else _("{side}: {score} of 100{scored} (needed {needed}), fell short of its agenda.")
            ).format(
                side=side_name(side),
                score=f"{round(scores[side], 1):g}",
                scored=scored,
                needed=f"{lv.agendas[side].win_at:g}",
            )
        )
        for side in ("moscow", "beijing")
    ]
    if note:
        blocks.append(
            Para(
                _("These scores are {note}, not final: each goal was pro-rated to the turns played.").format(
                    note=note
                )
            )
        )
    blocks += [Images(charts, CHART_SIZE[1] / CHART_SIZE[0]), Heading(_("Decisions, turn by turn"))]
    rows = []
    for r in game.reports:
        why = game.log.reasons_of(r.turn)
        rows.append(
            (
                str(r.turn),
                date_of(game.level, r.turn),
                _plan_cell(plan_names(game, r.plans["moscow"]), why.get("moscow", "")),
                _plan_cell(plan_names(game, r.plans["beijing"]), why.get("beijing", "")),
            )
        )
    blocks.append(
        Table(
            (_("Turn"), _("Date"), side_name("moscow"), side_name("beijing")),
            tuple(rows) or (("–",) * 4,),
            (0.45, 1.1, 4, 4),
            small=True,
        )
    )
    blocks.append(Heading(_("Questions")))
    blocks += [Answer(f"{_(title)}: {_(q)}", 2) for title, q in QUESTIONS]
    return Handout(
        name=name,
        title=_("Debrief worksheet: {level}").format(level=lv.title),
        subtitle=subtitle,
        blocks=tuple(blocks),
        footer=_(FOOTER),
    )
