"""The students' printed handouts, one page each: each side's briefing and agenda, each side's role
cards, a grading rubric, and (from a played session) the debrief worksheet.

What is on each page is said here, in the game's words; game.classroom.printdoc lays it out as
HTML and PDF. The worksheet's charts are drawn on the light print palette by game.charts.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from game.classroom.printdoc import Answer, Block, Bullets, Card, Handout, Heading, Images, Para, Table
from game.core.level import Level
from game.core.meters import LIMITS, WASHINGTON, band_spans, label

SIDE_NAMES = {"moscow": "Moscow", "beijing": "Beijing"}
FOOTER = "Pragmatic Partners, a classroom game on the limits of Russian-Chinese cooperation."


def _span(level: Level) -> str:
    per = {1: "a year", 2: "half a year", 4: "a season"}.get(level.turns_per_year, "a turn")
    return f"{level.date_of(1)} to {level.date_of(level.turns)} · {level.turns} turns, each {per}"


def _short(text: str, limit: int) -> str:
    """`text` cut at a sentence (or a word) before `limit` characters, so a page keeps its room."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind(". ")
    return cut[: end + 1] if end > limit // 2 else cut[: cut.rfind(" ")] + " …"


# -- before play -------------------------------------------------------------------------------------


def briefing(level: Level, side: str) -> Handout:
    """One side's page: the situation, its own briefing, its agenda as goals to tick, and room to
    plan the first turn."""
    name = SIDE_NAMES[side]
    agenda = level.agendas[side]
    other = SIDE_NAMES["beijing" if side == "moscow" else "moscow"]
    blocks: list[Block] = [
        Heading("The situation"),
        Para(_short(level.description, 700)),
        Heading(f"Your briefing: you play {name}"),
        *(Para(p.strip()) for p in level.briefing.get(side, "").split("\n\n") if p.strip()),
        Heading("Your agenda"),
        Para(agenda.summary),
        Bullets(tuple(g.text for g in agenda.goals), boxes=True),
        Para(
            f"Each goal met adds its share to a score out of 100; {name} has done what it came for "
            f"at {agenda.win_at:g} or more. Tick the goals you reach. {other} has an agenda of its "
            "own: both sides can win, both can lose.",
            small=True,
        ),
        Answer("Our plan for the first turn, and the limit it is meant to manage:", 3),
    ]
    if level.hypothetical:
        blocks.insert(1, Para("This level is a scenario: its events are invented, not history.", small=True))
    return Handout(
        name=f"briefing-{side}",
        title=f"{name}'s briefing: {level.title}",
        subtitle=_span(level),
        blocks=tuple(blocks),
        footer=FOOTER,
    )


ROLES = (
    (
        "Leader",
        "Makes the final choice of cards and keeps the plan within the budget of political capital.",
        "Watch: the partnership gauge and its ceiling, your political capital, your agenda's goals.",
    ),
    (
        "Economy minister",
        "Argues for trade, energy and money.",
        "Watch: the economic ties pillar, {side}'s economy and dependence, the Middle Corridor.",
    ),
    (
        "Security minister",
        "Argues for the armed forces, the borders and Central Asia.",
        "Watch: the military trust pillar, {side}'s security and freed forces, the Central Asia map "
        "and the rivalry there.",
    ),
    (
        "Diplomat",
        "Speaks for the United Nations, the summits and the line to Washington.",
        "Watch: the shared stance pillar, {side}'s standing, Washington's thaw with both capitals "
        "(at 70 Washington normalizes with that side).",
    ),
    (
        "Note-taker",
        "Writes down each turn's choice and the reason for it: the game keeps what you chose, your "
        "notes keep why.",
        "Watch: the news and the resolution; which limit moved, and why.",
    ),
)


def role_cards(level: Level, side: str) -> Handout:
    """The five roles of a side's team, as cards to cut out and hand round."""
    name = SIDE_NAMES[side]
    cards = tuple(Card(f"{name} · {role}", (does, watch.format(side=name))) for role, does, watch in ROLES)
    return Handout(
        name=f"roles-{side}",
        title=f"{name}'s team: role cards",
        subtitle=f"{level.title} · cut along the dashed lines; one card for each member of the team",
        blocks=(
            *cards,
            Para(
                "Hover over any meter on the board to see what moved it last turn and why: ministers "
                "use it to explain a change to their leader.",
                small=True,
            ),
        ),
        name_line=False,
        footer=FOOTER,
    )


RUBRIC_LEVELS = ("Excellent", "Good", "Developing", "Beginning")
RUBRIC = (
    (
        "Decisions explained (40%)",
        "Three turns, one of them the facilitator's event: each names the cards played, the limit "
        "it managed and what the group expected, and weighs that against the record.",
        "Three turns explained with the limit and the expectation; the check against the record is brief.",
        "Says what was played and a reason, but the limit or the expectation is missing.",
        "Lists the cards played with no reasons.",
    ),
    (
        "The limits at work (30%)",
        "Picks the limit that hurt the partnership most from the chart and traces it to particular "
        "decisions and events, turn by turn.",
        "Names the most damaging limit from the chart and links it to some decisions or events.",
        "Names a limit, with little use of the chart or of the turns.",
        "No limit named, or one named without evidence.",
    ),
    (
        "Comparison (20%)",
        "Finds the first turn where its decisions and another group's on the same seed parted, and "
        "explains what that changed by the end.",
        "Finds where the groups parted and says what differed at the end.",
        "Compares the outcomes only.",
        "No comparison.",
    ),
    (
        "History (10%)",
        "Sets the group's outcome against what actually happened, and says what the game leaves out.",
        "Sets the outcome against what actually happened.",
        "Mentions the history without relating it to the game.",
        "No link to the history.",
    ),
)


def rubric(level: Level) -> Handout:
    """The grading rubric: four criteria, each with what work at four levels looks like."""
    return Handout(
        name="rubric",
        title="Grading rubric: the debrief",
        subtitle=f"{level.title} · grade the reasoning, not who won: scores depend on the other team and on chance",
        blocks=(
            Table(
                ("Criterion", *RUBRIC_LEVELS),
                tuple(RUBRIC),
                (1.1, 1.6, 1.4, 1.3, 1.1),
                small=True,
            ),
            Heading("What to hand in"),
            Bullets(
                (
                    "The debrief worksheet, with the questions answered.",
                    "The note-taker's notes: each turn's choice and its reason.",
                    "A short memo (about 300 words) from your leader to the other capital, naming "
                    "the limit you could not overcome.",
                )
            ),
            Answer("Comments:", 4),
        ),
        footer=FOOTER,
    )


def level_handouts(level: Level) -> list[Handout]:
    """Everything printed before play: both briefings, both sets of role cards, the rubric."""
    return [
        briefing(level, "moscow"),
        briefing(level, "beijing"),
        role_cards(level, "moscow"),
        role_cards(level, "beijing"),
        rubric(level),
    ]


# -- after play: the debrief worksheet --------------------------------------------------------------

QUESTIONS = (
    (
        "The identity gap",
        "Find a turn where the identity gap rose. Did your side choose it, or did it happen to you?",
    ),
    (
        "Divergent methods",
        "When Moscow pressed hard, did Beijing stand with it, stay quiet or step back? What did that cost?",
    ),
    (
        "Rivalry in Central Asia",
        "Who had more influence in Central Asia at the end than at the start, and how: troops, money or railways?",
    ),
    (
        "Washington's thaw",
        "How warm did Washington get with each capital, and was that good or bad for the partnership?",
    ),
    (
        "The whole game",
        "Which limit held the partnership's ceiling down most? Point to a turn on the charts.",
    ),
)

WORKSHEET_CHARTS = ("worksheet-partnership.png", "worksheet-limits.png")
CHART_SIZE = (640, 350)


def worksheet_charts(game, folder: Path) -> tuple[Path, Path]:
    """The worksheet's two charts on the light print palette: the partnership with its ceiling over
    the bands, and the four limits (Washington's thaw as a line for each capital)."""
    from game.charts.png import save_chart_png
    from game.palette import PRINT

    x_labels = ["start", *(str(r.turn) for r in game.reports)]
    first = save_chart_png(
        folder / WORKSHEET_CHARTS[0],
        {label(m): game.history_of(m) for m in ("partnership", "partnership_ceiling")},
        "The partnership and its ceiling",
        size=CHART_SIZE,
        palette=PRINT,
        x_labels=x_labels,
        bands=list(band_spans(short=True)),
        y_range=(0, 100),
    )
    second = save_chart_png(
        folder / WORKSHEET_CHARTS[1],
        {label(m): game.history_of(m) for m in (*LIMITS, *WASHINGTON)},
        "The four limits",
        size=CHART_SIZE,
        palette=PRINT,
        x_labels=x_labels,
        y_range=(0, 100),
    )
    return first, second


def _plan_cell(names: list[str], reason: str) -> str:
    played = ", ".join(names) or "nothing"
    return f"{played}. Why: {reason}" if reason else played


def worksheet(game, started_at: datetime, group: str, charts: tuple[Path, Path]) -> Handout:
    """The debrief worksheet of a played session: the outcome and both scores, the charts of the
    partnership and of all four limits, both sides' decisions (with the reasons teams gave), and
    the debrief questions with room to answer. (The events are in `debrief.md`: a page has no room.)"""
    from game.session.story import ending_note, outcome_of, plan_names, provisional_note

    lv = game.level
    outcome = outcome_of(game)
    ended = f" ({ending_note(game)})" if game.log.ended_early else ""
    who = f"Group {group} · " if group else ""
    subtitle = (
        f"{who}class seed {game.seed} · started {started_at:%Y-%m-%d %H:%M} · "
        f"{len(game.reports)} of {lv.turns} turns played{ended}"
    )
    scores, won = game.scores(), game.winners()
    blocks: list[Block] = [Heading("Outcome")]
    if outcome is not None:
        blocks.append(Para(outcome.title, bold=True))
    else:
        blocks.append(Para("The game was not finished: the scores are as things stood."))
    note = provisional_note(game)
    scored = f", {note}" if note else ""
    blocks += [
        Para(
            f"{SIDE_NAMES[side]}: {round(scores[side], 1):g} of 100{scored} (needed {lv.agendas[side].win_at:g}), "
            + ("met its agenda." if won[side] else "fell short of its agenda.")
        )
        for side in ("moscow", "beijing")
    ]
    if note:
        blocks.append(
            Para(f"These scores are {note}, not final: each goal was pro-rated to the turns played.")
        )
    blocks += [Images(charts, CHART_SIZE[1] / CHART_SIZE[0]), Heading("Decisions, turn by turn")]
    rows = []
    for r in game.reports:
        why = game.log.reasons_of(r.turn)
        rows.append(
            (
                str(r.turn),
                r.date,
                _plan_cell(plan_names(game, r.plans["moscow"]), why.get("moscow", "")),
                _plan_cell(plan_names(game, r.plans["beijing"]), why.get("beijing", "")),
            )
        )
    blocks.append(
        Table(
            ("Turn", "Date", "Moscow", "Beijing"), tuple(rows) or (("–",) * 4,), (0.45, 1.1, 4, 4), small=True
        )
    )
    blocks.append(Heading("Questions"))
    blocks += [Answer(f"{title}: {q}", 2) for title, q in QUESTIONS]
    return Handout(
        name="worksheet",
        title=f"Debrief worksheet: {lv.title}",
        subtitle=subtitle,
        blocks=tuple(blocks),
        footer=FOOTER,
    )
