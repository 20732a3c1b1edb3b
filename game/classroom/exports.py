"""A classroom session's exports, written into one folder of the user's data directory.

The folder is named for the session's start, level and seed (`2026-11-29_0910_testing_event_seed7`)
and holds:
- `replay.json`: the replay log, facilitator's acts included (`python -m game replay` reads it);
- `session.json`: the figures the class report compares (`SessionRecord`);
- `meters.csv` and `decisions.csv` (and their `-semicolon.csv` twins for spreadsheets set to
  Turkish, Russian and other languages that use a decimal comma; see game.classroom.tables):
  every meter at the start and after each turn, and each turn's plans with their reasons;
- `partnership.png` and `meters.png`: the charts;
- `debrief.md`: the debrief sheet: outcome, both sides' decisions per turn, the facilitator's
  acts, the turning points and the discussion prompts;
- `worksheet.html` and `worksheet.pdf`: the students' one-page debrief worksheet, to print
  (with its charts, `worksheet-partnership.png` and `worksheet-limits.png`).
Writing again (on demand, then at the end) replaces the files in the same folder.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from game.charts.png import save_chart_png
from game.classroom.deals import RESULT_WORDS, notes_on
from game.classroom.escape import md
from game.classroom.language import class_language, side_name, speaking
from game.classroom.read_exports import MAX_SESSION_BYTES
from game.classroom.records import SessionRecord, TurnRecord
from game.classroom.tables import table_files
from game.core.meters import (
    LIMITS,
    PILLARS,
    WASHINGTON,
)
from game.core.summit import first_giving
from game.files import read_bounded
from game.i18n import N_, _, current_language, format_number
from game.palette import STANDARD
from game.session.atomic import write_atomic
from game.session.story import (
    NOTHING_TO_TELL,
    SCENARIO_LEVEL_NOTE,
    ending_kind,
    ending_note,
    event_headlines,
    event_titles,
    goals_report,
    outcome_of,
    plan_names,
    played_nothing,
    provisional_note,
    turning_points,
)
from game.speech.facilitator_words import act_words
from game.speech.reasons import say
from game.speech.sources import source_lines
from game.speech.terms import term_words
from game.speech.words import band_spans_shown, date_of, meter_label, plain

# The pillars and all four limits: the fourth is Washington's thaw with each capital.
CHART_METERS = ("partnership", "partnership_ceiling", *PILLARS, *LIMITS, *WASHINGTON)
PROMPT_TITLES = {
    "identity_gap": N_("The identity gap"),
    "method_divergence": N_("Divergent methods"),
    "central_asia_rivalry": N_("Rivalry in Central Asia"),
    "us_normalization": N_("Washington's normalization"),
    "general": N_("The partnership as a whole"),
}


def folder_name(level_id: str, seed: int, started_at: datetime, group: str = "") -> str:
    """`2026-11-29_0910_testing_event_seed7`, with the group's name after it when there is one, so
    that groups started in the same minute, gathered from several machines, do not collide."""
    safe = re.sub(r"[^a-z0-9_]", "", level_id)[:48] or "level"
    name = f"{started_at:%Y-%m-%d_%H%M}_{safe}_seed{int(seed)}"
    # Letters and digits of any script ("Группа А", "第一组"), so that groups named in another
    # language get folders of their own; everything else (slashes, dots, spaces) becomes a dash.
    slug = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", group).casefold()).strip("-")[:40]
    return f"{name}_{slug}" if slug else name


def record_of(game, teams: dict[str, str], started_at: datetime, group: str = "") -> SessionRecord:
    outcome = outcome_of(game)
    acts_by_turn = _acts_by_turn(game)
    turns = []
    for r in game.reports:
        why = game.log.reasons_of(r.turn)
        turns.append(
            TurnRecord(
                turn=r.turn,
                date=r.date,
                moscow=list(r.plans["moscow"]),
                beijing=list(r.plans["beijing"]),
                moscow_names=plan_names(game, r.plans["moscow"]),
                beijing_names=plan_names(game, r.plans["beijing"]),
                events=event_titles(game, r.events),
                facilitator=acts_by_turn.get(r.turn, []),
                moscow_reason=why.get("moscow", ""),
                beijing_reason=why.get("beijing", ""),
            )
        )
    return SessionRecord(
        group=group,
        level_id=game.level.id,
        level_title=game.level.title,
        level_hash=game.level.content_hash,
        seed=game.seed,
        started_at=started_at.isoformat(timespec="seconds"),
        exported_at=datetime.now().isoformat(timespec="seconds"),
        teams=dict(teams),
        finished=game.over,
        ended_early=game.log.ended_early,
        turns_played=len(game.reports),
        outcome=game.state.outcome,
        outcome_title=outcome.title if outcome else "",
        scores=game.scores(),
        won=game.winners(),
        provisional=game.provisional is not None,
        level_turns=game.level.turns,
        scored=provisional_note(game),
        ended_by=ending_kind(game),
        final={m: round(v, 2) for m, v in game.state.meters.items()},
        partnership=game.history_of("partnership"),
        turns=turns,
        language=class_language(current_language()),
    )


GAME_CHANGING = ("inject", "adjust")  # the acts that change the game when their turn resolves


def _acts_by_turn(game) -> dict[int, list[str]]:
    """The facilitator's acts of each turn, as the turn table lists them. A refused passphrase
    is left out: it is in the list of acts, but nothing the facilitator did to the game."""
    acts: dict[int, list[str]] = {}
    for act in game.log.facilitator:
        if act.kind != "refused":
            acts.setdefault(act.turn, []).append(
                say(ending_note(game)) if game.log.is_set_end(act) else act_words(game.level, act)
            )
    return acts


def reason_of(game, turn: int, side: str) -> str:
    """Why `side` played its plan in `turn`, in the class's language: a person's reason as they
    typed it, the AI's said again from its frames (as it gave it in this session; in English from
    a game read back from its log)."""
    return say(game.log.ai_reason_of(turn, side) or game.log.reasons_of(turn).get(side, ""), game.level)


def _with_reason(names: list[str], reason: str) -> str:
    played = ", ".join(names) or _("nothing")
    return _("{played} (why: {reason})").format(played=played, reason=reason) if reason else played


def summit_lines(game) -> list[str]:
    """Each summit's terms as the debrief sheet lists them: agreed, refused or not answered, the
    reason an agent gave, and whether each side kept its part (from the turn's commitments phase)."""
    lines = []
    fates: dict[str, list[str]] = {}
    for r in game.reports:
        for settled in r.settled:
            fate = RESULT_WORDS.get(settled.result)
            side = side_name(settled.side)
            fates.setdefault(settled.term.key(), []).append(
                _(fate).format(side=side, turn=r.turn) if fate else f"{side} {settled.result} (turn {r.turn})"
            )
    for number, turn in enumerate(game.log.turns, start=1):
        # A term agreed that repeats a word agreed before it binds once, as the screen says: its
        # fate is that first term's ("agreed" alone here left it without one).
        firsts = first_giving(game.level, [spec.term() for spec in turn.summit if spec.agreed])
        for spec in turn.summit:
            term = spec.term()
            first = firsts.get(term.key()) if spec.agreed else None
            if first is not None:
                said = _("agreed (the same word as another term agreed here, so it binds once)")
            elif spec.agreed:
                said = _("agreed in the room") if spec.in_room else _("agreed")
            else:
                said = _("not answered (the summit was skipped)") if spec.unanswered else _("refused")
            counter = _(", a counter") if spec.counter_to else ""
            line = "- " + _("Turn {turn}, {said}{counter}: {term}").format(
                turn=number, said=said, counter=counter, term=md(term_words(game.level, term))
            )
            term_fates = fates.get((first or term).key()) if spec.agreed else None
            if term_fates:
                line += f"; {md('; '.join(term_fates))}"
            if spec.why:
                line += " " + _("(the AI: {why})").format(
                    why=md(say(game.log.summit_reason_of(number, spec), game.level))
                )
            lines.append(line)
            if spec.agreed:  # the facilitator's notes beside the term they are on
                lines += [
                    "  - "
                    + _("The facilitator's note (turn {turn}): {text}").format(
                        turn=act.turn, text=md(act.text)
                    )
                    for act in notes_on(game, number, term)
                ]
    return lines


# Who played a side, as the debrief sheet says it.
WHO = {
    "team": N_("a team"),
    "easy": N_("the easy AI"),
    "normal": N_("the normal AI"),
    "hard": N_("the hard AI"),
}


def _who(team: str) -> str:
    return _(WHO[team]) if team in WHO else _("the {difficulty} AI").format(difficulty=team)


def debrief_markdown(game, teams: dict[str, str], started_at: datetime, group: str = "") -> str:
    """The debrief sheet, in the language in force (the level's own text stays as the level has it)."""
    lv = game.level
    outcome = outcome_of(game)
    who = {s: _who(t) for s, t in teams.items()}
    lines = ["# " + _("{level}: debrief sheet").format(level=md(lv.title)), ""]
    if group:
        lines += [_("Group: **{group}**").format(group=md(group)), ""]
    lines += [
        "- "
        + _("Session started {started}; class seed **{seed}**").format(
            started=f"{started_at:%Y-%m-%d %H:%M}", seed=game.seed
        ),
        "- "
        + _("Moscow played by {moscow}, Beijing by {beijing}").format(
            moscow=who["moscow"], beijing=who["beijing"]
        ),
        "- "
        + _("Turns played: {played} of {turns}").format(played=len(game.reports), turns=lv.turns)
        + (f" ({say(ending_note(game))})" if game.log.ended_early else ""),
        "",
    ]
    note = say(provisional_note(game))
    if note:
        lines += [
            _(
                "**The scores are {note}, not final scores:** the session ended before the level's last "
                "turn, so each goal is judged as pro-rated to the turns played (a goal still to reach asks "
                "for that share of the way from the start; a goal met at the start may have lost only "
                "that share of its margin)."
            ).format(note=note),
            "",
        ]
    lines += ["## " + _("Outcome"), ""]
    if played_nothing(game):
        lines += [_(NOTHING_TO_TELL), ""]
    elif outcome:
        lines += [f"**{md(outcome.title)}**", "", md(outcome.epilogue), ""]
    else:
        lines += [_("The game was not finished."), ""]
    scores, won = game.scores(), game.winners()
    for side in ("moscow", "beijing"):
        agenda = lv.agendas[side]
        verdict = _("met its agenda") if won[side] else _("fell short of its agenda")
        # Scores to one decimal, as the class report gives them.
        lines += [
            "### "
            + _("{side}: {score} of 100{note}, {verdict} (needed {needed})").format(
                side=side_name(side),
                # (in the language's decimal mark: "62.5" stood beside "+2,8" in Russian)
                score=plain(round(scores[side], 1)),
                note=", " + note if note else "",
                verdict=verdict,
                needed=plain(round(agenda.win_at, 1)),
            ),
            "",
            md(agenda.summary),
            "",
        ]
        for text, met, value in goals_report(game, side):
            ended_at = _("(ended at {value})").format(value=format_number(value, 1))
            lines.append(f"- {'[x]' if met else '[ ]'} {md(say(text))} {ended_at}")
        lines.append("")
    header = (_("turn"), _("date"), side_name("moscow"), side_name("beijing"), _("events"), _("facilitator"))
    lines += [
        "## " + _("Decisions, turn by turn"),
        "",
        "| " + " | ".join(header) + " |",
        "|---|---|---|---|---|---|",
    ]
    acts_by_turn = _acts_by_turn(game)
    for r in game.reports:
        # The debrief is where an injected event is revealed as the facilitator's.
        injected = {a.event_id for a in game.log.acts_of_turn(r.turn) if a.kind == "inject"}
        cells = [
            _with_reason(plan_names(game, r.plans["moscow"]), reason_of(game, r.turn, "moscow")),
            _with_reason(plan_names(game, r.plans["beijing"]), reason_of(game, r.turn, "beijing")),
            ", ".join(
                say(h, game.level) + (" " + _("(put in play by the facilitator)") if e in injected else "")
                for e, h in zip(r.events, event_headlines(game, r.events), strict=True)
            )
            or _("none"),
            "; ".join(acts_by_turn.get(r.turn, [])) or "",
        ]
        lines.append(
            f"| {r.turn} | {md(date_of(game.level, r.turn))} | " + " | ".join(md(c) for c in cells) + " |"
        )
    lines += ["", "## " + _("The summits: terms put forward, and what became of them"), ""]
    lines += summit_lines(game) or [_("No terms were put forward.")]
    lines += ["", "## " + _("The facilitator's acts"), ""]
    if game.log.facilitator:
        for act in game.log.facilitator:
            when = " " + _("at {time}").format(time=act.at[11:16]) if len(act.at) >= 16 else ""
            unplayed = act.turn > len(game.reports)
            turn = _("Turn {turn}").format(turn=act.turn) + (" " + _("(never played)") if unplayed else "")
            # A refused passphrase was typed by someone, not necessarily the facilitator; the end
            # the session was set to is nobody's act.
            set_end = game.log.is_set_end(act)
            actor = "" if act.kind == "refused" or set_end else _("the facilitator") + " "
            what = say(ending_note(game)) if set_end else act_words(game.level, act)
            if unplayed and act.kind in GAME_CHANGING:
                what += " " + _("(it never took effect: the session ended before this turn resolved)")
            lines.append(f"- {turn}{when}: {actor}{md(what)}")
    else:
        lines.append(_("None."))
    lines += ["", "## " + _("Turning points"), ""]
    points = turning_points(game)
    for report, total, c in points:
        lines.append(
            "- "
            + _("Turn {turn} ({date}): partnership {change}; the main cause: {why}.").format(
                turn=report.turn,
                date=md(date_of(game.level, report.turn)),
                change=f"{total:+.1f}",
                why=md(say(c.why, game.level)),
            )
        )
    if not points:
        lines.append(_("No turn moved the partnership."))
    lines += ["", "## " + _("Discussion"), ""]
    for key, title in PROMPT_TITLES.items():
        prompts = lv.prompts.get(key, ())
        if prompts:
            lines += [f"### {_(title)}", ""] + [f"- {md(p)}" for p in prompts] + [""]
    if lv.what_happened:
        lines += ["## " + _("What actually happened"), "", md(lv.what_happened), ""]
    if lv.hypothetical:
        lines += [md(_(SCENARIO_LEVEL_NOTE)), ""]
    if lv.sources:
        lines += (
            ["## " + _("Sources and further reading"), ""] + [f"- {md(s)}" for s in source_lines(lv)] + [""]
        )
    lines += [
        "## " + _("Files"),
        "",
        "- " + _("`replay.json`: the whole game, to replay with `python -m game replay replay.json`"),
        "- "
        + _(
            "`meters.csv`: every meter at the start and after each turn; `decisions.csv`: each turn's "
            "plans, reasons, events and the facilitator's acts (the `-semicolon.csv` files are the same "
            "tables for a spreadsheet set to Turkish, Russian or another language with a decimal comma)"
        ),
        "- "
        + _(
            "`scores.csv`: each side's score, whether it won, and whether the score is final or "
            "provisional, for a session ended before the level's last turn"
        ),
        "- " + _("`partnership.png`, `meters.png`: the charts"),
        "- " + _("`session.json`: the figures for `python -m game report`"),
        "- " + _("`worksheet.pdf`, `worksheet.html`: the one-page debrief worksheet to print"),
        "- "
        + _(
            "The column names of the CSV files and the keys of the JSON files stay in English in every "
            "language, for the spreadsheets and programs that read them."
        ),
        "",
    ]
    return "\n".join(lines)


def _plans(record: dict) -> list[tuple[list[str], list[str]]] | None:
    turns = record.get("turns")
    if not isinstance(turns, list):
        return None
    try:
        return [(list(t["moscow"]), list(t["beijing"])) for t in turns]
    except (KeyError, TypeError):
        return None


def may_replace(found: dict, record: SessionRecord) -> bool:
    """Whether the export `found` in a folder (its `session.json`) may be replaced by `record`'s:
    the same session (group and start), and `record` carries that game on: the same turns and
    then perhaps more. A game that ended (finished, or ended early by the facilitator) is final,
    so only the same ended game replaces it. An older save of the session, or a save played on
    in another way, never overwrites a graded export."""
    if found.get("group") != record.group or found.get("started_at") != record.started_at:
        return False
    played = _plans(found)
    ours = [(t.moscow, t.beijing) for t in record.turns]
    if played is None or ours[: len(played)] != played:
        return False
    if found.get("finished") or found.get("ended_early"):
        return len(ours) == len(played) and record.finished and record.ended_early == found.get("ended_early")
    return True


def session_folder(root: Path, name: str, record: SessionRecord, prefer: Path | None = None) -> Path:
    """Where `record`'s session exports: `prefer` (the folder of its last export) or `name` under
    `root` when the export there may be replaced by this one (see may_replace), else the first of
    `name-2`, `name-3`... that is free or holds an export this one may replace. So one group's
    exports never overwrite another's, and an ended or later export is never overwritten by an
    earlier state of the same game: that export is written beside it."""
    candidates = [prefer] if prefer is not None else []
    candidates += [Path(root) / (name if n == 1 else f"{name}-{n}") for n in range(1, 100)]
    for folder in candidates:
        try:
            found = json.loads(read_bounded(folder / "session.json", MAX_SESSION_BYTES))
        except FileNotFoundError:
            return folder
        except NotADirectoryError:
            raise  # a file where the exports folder should be: the one message of the data folder
        except (OSError, ValueError):
            continue  # not ours to overwrite
        if isinstance(found, dict) and may_replace(found, record):
            return folder
    raise OSError(f"too many sessions named {name} in {root}")


def write_exports(
    game,
    teams: dict[str, str],
    root: Path,
    started_at: datetime,
    group: str = "",
    palette=None,
    folder: Path | None = None,
    language: str | None = None,
) -> Path:
    """Write (or rewrite) the session's exports into its folder under `root` (or into `folder`,
    where an earlier export of the session went, if this one may replace it); returns the folder.
    The sheets and charts are written in `language` (the class's; none: the one in force); the
    CSV columns and the JSON keys are English in every language."""
    with speaking(language):
        return _write_exports(game, teams, root, started_at, group, palette, folder)


def _write_exports(
    game,
    teams: dict[str, str],
    root: Path,
    started_at: datetime,
    group: str,
    palette,
    folder: Path | None,
) -> Path:
    record = record_of(game, teams, started_at, group)
    name = folder_name(game.level.id, game.seed, started_at, group)
    folder = session_folder(Path(root), name, record, prefer=folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / "replay.json", game.log.model_dump_json(indent=1).encode("utf-8"), shared=True)
    write_atomic(folder / "session.json", record.model_dump_json(indent=1).encode("utf-8"), shared=True)
    for name, data in table_files(game).items():
        write_atomic(folder / name, data, shared=True)
    write_atomic(
        folder / "debrief.md", debrief_markdown(game, teams, started_at, group).encode("utf-8"), shared=True
    )
    x_labels = [_("start"), *(str(r.turn) for r in game.reports)]
    title = _("{level}, seed {seed}").format(level=game.level.title, seed=game.seed)
    save_chart_png(
        folder / "partnership.png",
        {meter_label(m): game.history_of(m) for m in ("partnership", "partnership_ceiling")},
        _("{title}: partnership").format(title=title),
        palette=palette or STANDARD,
        x_labels=x_labels,
        bands=band_spans_shown(short=True),
        y_range=(0, 100),
    )
    save_chart_png(
        folder / "meters.png",
        {meter_label(m): game.history_of(m) for m in CHART_METERS},
        _("{title}: pillars and the four limits").format(title=title),
        palette=palette or STANDARD,
        x_labels=x_labels,
        y_range=(0, 100),
    )
    write_worksheet(game, folder, started_at, group)
    return folder


def write_worksheet(
    game,
    folder: Path,
    started_at: datetime,
    group: str = "",
    paper: str = "a4",
    language: str | None = None,
    warn: Callable[[str], None] | None = None,
    name: str = "worksheet",
) -> list[Path]:
    """The printed debrief worksheet: `NAME.html` and a one-page `NAME.pdf` on `paper`, with its
    two charts on the light print palette, in `language` (none: the one in force). `warn` is told
    of letters the PDF cannot draw (a group's name in a script the font lacks)."""
    from game.classroom.handouts import worksheet, worksheet_charts
    from game.classroom.printdoc import write_handouts

    with speaking(language):
        charts = worksheet_charts(game, folder, name)
        return write_handouts([worksheet(game, started_at, group, charts, name)], folder, paper, warn)
