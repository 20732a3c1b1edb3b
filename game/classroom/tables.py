"""The session's tables for a spreadsheet: the meters turn by turn and the decisions turn by turn,
with column names a reader understands, in two dialects.

A spreadsheet guesses a CSV file's separator, decimal mark and encoding from the computer's
language settings, and a Turkish or Russian one guesses differently from an English one: it
expects `;` between columns and a decimal comma, and reads a file without a byte-order mark in the
local code page (so "Группа А" or "Kırklareli" come out garbled). Rather than guess the teacher's
settings, every export writes both:

- `meters.csv`, `decisions.csv`: `,` between columns and a decimal point (English settings, Google
  Sheets, LibreOffice's defaults, Python);
- `meters-semicolon.csv`, `decisions-semicolon.csv`: `;` between columns and a decimal comma
  (Excel and LibreOffice set to Turkish, Russian, or most languages of continental Europe).

Both are UTF-8 with a byte-order mark, which every spreadsheet takes as UTF-8 (Python reads it with
`encoding="utf-8-sig"`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from game.core.meters import AGGREGATES, ALL_METERS, aggregate_value, label
from game.text import spreadsheet_safe

BOM = "\ufeff"


@dataclass(frozen=True)
class Dialect:
    """How a spreadsheet in some languages expects a CSV file: separator and decimal mark."""

    suffix: str  # added to the file's stem
    separator: str
    decimal: str


COMMA = Dialect("", ",", ".")
SEMICOLON = Dialect("-semicolon", ";", ",")
DIALECTS = (COMMA, SEMICOLON)


def meter_table(game) -> tuple[list[str], list[list[object]]]:
    """The meters at the start and after each turn: ("Turn", "Date", "Partnership", ...) and rows."""
    names = list(ALL_METERS)
    histories = {m: game.history_of(m) for m in names}
    header = ["Turn", "Date", *(label(m) for m in names), *(label(a) for a in AGGREGATES)]
    rows: list[list[object]] = []
    for i in range(len(game.reports) + 1):
        values = {m: histories[m][min(i, len(histories[m]) - 1)] for m in names}
        rows.append(
            [
                i,
                "start" if i == 0 else game.reports[i - 1].date,
                *(round(values[m], 2) for m in names),
                *(round(aggregate_value(values, a), 2) for a in AGGREGATES),
            ]
        )
    return header, rows


def decision_table(game) -> tuple[list[str], list[list[object]]]:
    """Each turn's decisions: both plans with their reasons (a team's as it typed it, the AI's as
    the debrief gives it), the events, the facilitator's acts, and the partnership after the turn."""
    from game.session.story import describe_act, event_headlines, plan_names
    from game.speech.reasons import say

    def reason(turn: int, side: str, typed: dict[str, str]) -> str:
        # The AI's reason too: the column was empty for an AI side while debrief.md gave it.
        return say(game.log.ai_reason_of(turn, side) or typed.get(side, ""), game.level)

    header = [
        "Turn",
        "Date",
        "Moscow played",
        "Moscow's reason",
        "Beijing played",
        "Beijing's reason",
        "Events",
        "Facilitator",
        "Partnership after",
    ]
    partnership = game.history_of("partnership")
    rows: list[list[object]] = []
    for r in game.reports:
        why = game.log.reasons_of(r.turn)
        acts = [describe_act(game.level, a) for a in game.log.acts_of_turn(r.turn) if a.kind != "refused"]
        rows.append(
            [
                r.turn,
                r.date,
                "; ".join(plan_names(game, r.plans["moscow"])),
                reason(r.turn, "moscow", why),
                "; ".join(plan_names(game, r.plans["beijing"])),
                reason(r.turn, "beijing", why),
                "; ".join(event_headlines(game, r.events)),
                "; ".join(acts),
                round(partnership[min(r.turn, len(partnership) - 1)], 2),
            ]
        )
    return header, rows


def score_table(game) -> tuple[list[str], list[list[object]]]:
    """Each side's agenda score, whether it won, and how it was scored: "final", or for a session
    ended before the level's last turn "provisional (6 of 12 turns)" (docs/model.md, Scoring)."""
    from game.session.story import provisional_note

    header = ["Side", "Score", "Won", "Needed to win", "Scored", "Turns played", "Turns in the level"]
    scores, won = game.scores(), game.winners()
    scored = provisional_note(game) or ("final" if game.over else "so far (the game goes on)")
    rows: list[list[object]] = [
        [
            side.capitalize(),
            round(scores[side], 2),
            "yes" if won[side] else "no",
            round(game.level.agendas[side].win_at, 2),
            scored,
            len(game.reports),
            game.level.turns,
        ]
        for side in ("moscow", "beijing")
    ]
    return header, rows


def _cell(value: object, dialect: Dialect) -> str:
    if isinstance(value, float):
        return str(value).replace(".", dialect.decimal)
    if isinstance(value, str):
        return spreadsheet_safe(value)  # (names, plans and reasons the players typed)
    return str(value)


def to_csv(header: list[str], rows: list[list[object]], dialect: Dialect) -> bytes:
    """The table as a CSV file in `dialect`, UTF-8 with a byte-order mark, lines ending in CRLF (as
    the CSV standard and Excel have them)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=dialect.separator, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v, dialect) for v in row] for row in rows)
    return (BOM + out.getvalue()).encode("utf-8")


def table_files(game) -> dict[str, bytes]:
    """Every table in every dialect, by file name: meters.csv, meters-semicolon.csv, decisions.csv,
    scores.csv, ..."""
    files = {}
    tables = (
        ("meters", meter_table(game)),
        ("decisions", decision_table(game)),
        ("scores", score_table(game)),
    )
    for stem, table in tables:
        for dialect in DIALECTS:
            files[f"{stem}{dialect.suffix}.csv"] = to_csv(*table, dialect)
    return files
