"""The class report: several groups' exports, some damaged, compared in one Markdown file and chart."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pygame
import pytest

from game.classroom.compare import first_divergence
from game.classroom.escape import md
from game.classroom.exports import write_exports
from game.classroom.read_exports import UnreadableExport, parse_session
from game.classroom.records import SessionRecord
from game.classroom.report import ReportError, write_report
from game.classroom.report_chart import CHART_SIZE
from game.levels import Catalogue
from game.session.game import Game

SEED = 2024  # a class seed on which the injected unrest changes a later plan of the easy agents
TEAMS = {"moscow": "team", "beijing": "easy"}


@pytest.fixture(scope="module")
def shipped_testing_event():
    return Catalogue.scan().load("testing_event")


def play(level, moscow: str = "easy", inject: tuple[int, str] | None = None, seed: int = SEED) -> Game:
    game = Game.new(level, seed, {"moscow": moscow, "beijing": "easy"})
    while not game.over:
        if inject and game.state.turn == inject[0]:
            game.facilitate("inject", event_id=inject[1])
        game.resolve()
    return game


def record_in(folder: Path) -> SessionRecord:
    return SessionRecord.model_validate_json((folder / "session.json").read_bytes())


@pytest.fixture(scope="module")
def exports(shipped_testing_event, tmp_path_factory):
    """Three groups on the class seed with easy agents: A as dealt, B where the facilitator injects
    unrest in Central Asia in turn 2 (so the later plans differ), C damaged afterwards."""
    root = tmp_path_factory.mktemp("exports")
    lv = shipped_testing_event
    a = write_exports(play(lv), TEAMS, root / "a", datetime(2026, 3, 2, 9, 10), group="Room 4 | group A")
    b = write_exports(
        play(lv, inject=(2, "central_asia_unrest")),
        TEAMS,
        root / "b",
        datetime(2026, 3, 2, 9, 11),
        group="Room 4, group B",
    )
    c = write_exports(play(lv), TEAMS, root / "c", datetime(2026, 3, 2, 9, 12), group="Room 4, group C")
    (c / "session.json").write_text("{", encoding="utf-8")
    return a, b, c, root / "no-such-folder"


@pytest.fixture(scope="module")
def report(exports, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "class"
    result = write_report(list(exports), out)
    return result, result.markdown_path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_report_writes_markdown_and_chart_into_out_dir_only(report):
    result, _ = report
    out = result.markdown_path.parent
    assert result.markdown_path.name == "class-report.md"
    assert result.chart_path == out / "class-partnership.png"
    assert sorted(p.name for p in out.iterdir()) == ["class-partnership.png", "class-report.md"]


def test_readable_groups_are_included_and_damaged_or_missing_ones_skipped_with_reasons(exports, report):
    a, b, c, missing = exports
    result, text = report
    assert result.included == [a, b]
    reasons = dict(result.skipped)
    assert set(reasons) == {c, missing}
    assert "not valid JSON (line 1, column 2)" in reasons[c]
    assert reasons[missing] == "this folder does not exist"
    skipped_section = text.split("## Exports that could not be read")[1].split("##")[0]
    assert str(c) in skipped_section and "not valid JSON" in skipped_section
    assert str(missing) in skipped_section and "does not exist" in skipped_section
    assert "Room 4, group C" not in text


def _table(text: str, heading: str) -> list[list[str]]:
    section = text.split(f"## {heading}")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    # Split on the cell separators only: an escaped \| belongs to the cell.
    split = [[cell.strip() for cell in line.replace("\\|", "\0").strip("|").split("|")] for line in rows]
    return [[cell.replace("\0", "\\|") for cell in row] for row in split]


def test_outcomes_table_holds_each_groups_scores_from_its_record(exports, report):
    a, b, _, _ = exports
    _, text = report
    rows = _table(text, "Outcomes and scores")
    assert rows[0][:5] == ["group", "level", "seed", "outcome", "Moscow score"]
    assert len(rows) == 4  # header, rule, two groups
    for row, folder in zip(rows[2:], (a, b), strict=False):
        rec = record_in(folder)
        assert len(row) == 11
        assert row[0] == md(rec.group)
        assert row[2] == str(SEED)
        assert row[3] == rec.outcome_title
        assert row[4] == f"{rec.scores['moscow']:.1f}" and row[5] == ("yes" if rec.won["moscow"] else "no")
        assert row[6] == f"{rec.scores['beijing']:.1f}" and row[7] == ("yes" if rec.won["beijing"] else "no")
        assert row[8] == str(rec.turns_played) and row[9] == "no"
        assert row[10] == ("final" if rec.finished else "so far")


def test_a_pipe_in_a_group_name_does_not_break_the_tables(report):
    _, text = report
    for heading in ("Outcomes and scores", "The meters at the end"):
        rows = _table(text, heading)
        assert len({len(row) for row in rows}) == 1, heading
    assert "| Room 4 \\| group A |" in text
    assert _table(text, "The meters at the end")[0][1] == "Room 4 \\| group A"


def test_meters_table_has_the_final_values_per_group(exports, report):
    a, b, _, _ = exports
    _, text = report
    rows = {row[0]: row[1:] for row in _table(text, "The meters at the end")}
    for meter_label, key in (
        ("Partnership", "partnership"),
        ("Central Asian rivalry", "central_asia_rivalry"),
        ("US thaw with Beijing", "washington.thaw_beijing"),
    ):
        assert rows[meter_label] == [f"{record_in(f).final[key]:.1f}" for f in (a, b)]


def test_divergence_names_the_first_turn_where_the_plans_differ(exports, report):
    a, b, _, _ = exports
    _, text = report
    ra, rb = record_in(a), record_in(b)
    expected = next(
        (
            i
            for i, (ta, tb) in enumerate(zip(ra.turns, rb.turns, strict=False))
            if set(ta.moscow) != set(tb.moscow) or set(ta.beijing) != set(tb.beijing)
        ),
        None,
    )
    assert expected is not None, "the injected event should have changed a later plan"
    assert first_divergence([ra, rb]) == expected
    turn = ra.turns[expected]
    section = text.split("## Where the groups' decisions diverged")[1].split("\n## ")[0]
    assert f"first diverged in **Turn {turn.turn} ({turn.date})**" in section
    side = "moscow" if set(turn.moscow) != set(rb.turns[expected].moscow) else "beijing"
    words = ", ".join(getattr(rb.turns[expected], f"{side}_names"))
    assert f"group **Room 4, group B** played {words}" in section
    if expected > 1:  # the injection came before the plans parted, and the report says so
        assert f"drifted apart in Turn 2 ({ra.turns[1].date})" in section
        assert "(facilitator: injected the event" in section
    apart = abs(round(ra.final["partnership"], 1) - round(rb.final["partnership"], 1))
    assert f"{apart:.1f} point(s) apart" in section


def test_chart_is_a_png_of_the_expected_size(report):
    result, text = report
    image = pygame.image.load(str(result.chart_path))
    assert image.get_size() == CHART_SIZE
    assert "(class-partnership.png)" in text


def test_no_readable_export_raises_report_error_and_writes_nothing(exports, tmp_path):
    _, _, damaged, missing = exports
    out = tmp_path / "out"
    with pytest.raises(ReportError) as caught:
        write_report([damaged, missing], out)
    assert "not valid JSON" in str(caught.value) and "does not exist" in str(caught.value)
    assert {p for p, _ in caught.value.skipped} == {damaged, missing}
    assert not out.exists()


def test_groups_with_the_same_name_are_told_apart(exports, tmp_path):
    a, _, _, _ = exports
    twin = tmp_path / "twin" / a.name
    twin.mkdir(parents=True)
    (twin / "session.json").write_bytes((a / "session.json").read_bytes())
    result = write_report([a, twin], tmp_path / "out")
    assert result.included == [a, twin]
    rows = _table(result.markdown_path.read_text(encoding="utf-8"), "Outcomes and scores")[2:]
    assert len({row[0] for row in rows}) == 2


@pytest.mark.slow
def test_groups_on_different_seeds_are_compared_only_by_outcome_and_meters(
    exports, shipped_testing_event, tmp_path
):
    a, _, _, _ = exports
    other = write_exports(play(shipped_testing_event, seed=7), TEAMS, tmp_path, datetime(2026, 3, 2, 10, 0))
    text = write_report([a, other], tmp_path / "out").markdown_path.read_text(encoding="utf-8")
    assert "No two groups played the same level with the same seed" in text
    assert "compared only by their outcome and their meters" in text
    assert other.name in _table(text, "Outcomes and scores")[3][0]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "session.json is empty"),
        (
            b'{\n  "format": "pragmatic-partners/session",\n  "seed": x\n}',
            "not valid JSON (line 3, column 11)",
        ),
        (b"\xff\xfe{}", "not text"),
        (b"[1, 2]", "should be a JSON object"),
        (b'{"format": "pragmatic-partners/replay"}', "not a session record of this game"),
        # (a traceback that stopped the whole class's report, for one group's file)
        (b'{"format": "pragmatic-partners/session", "seed": ' + b"9" * 5000 + b"}", "far too long"),
    ],
)
def test_damaged_session_files_are_described_in_plain_words(data, reason):
    with pytest.raises(UnreadableExport) as caught:
        parse_session(data)
    assert reason in str(caught.value)


def test_a_folder_without_session_json_or_too_big_is_skipped(exports, tmp_path, monkeypatch):
    a, _, _, _ = exports
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr("game.classroom.read_exports.MAX_SESSION_BYTES", 100)
    with pytest.raises(ReportError):
        write_report([empty, a], tmp_path / "out")
    monkeypatch.undo()
    result = write_report([empty, a], tmp_path / "out")
    assert dict(result.skipped) == {empty: "no session.json in this folder"}


def _adjusting(level, reason: str) -> Game:
    game = Game.new(level, SEED, {"moscow": "easy", "beijing": "easy"})
    while not game.over:
        if game.state.turn == 2:
            game.facilitate("adjust", meter="moscow.economy", delta=-5, text=reason)
        game.resolve()
    return game


@pytest.mark.slow
def test_an_adjustment_given_in_other_words_is_not_a_drift(shipped_testing_event, tmp_path):
    # Two facilitators made the same adjustment and typed its reason a little differently.
    when = datetime(2026, 3, 2, 9, 10)
    a = write_exports(
        _adjusting(shipped_testing_event, "Sanctions bite."), TEAMS, tmp_path / "a", when, group="A"
    )
    b = write_exports(
        _adjusting(shipped_testing_event, "sanctions bite"), TEAMS, tmp_path / "b", when, group="B"
    )
    text = write_report([a, b], tmp_path / "out").markdown_path.read_text(encoding="utf-8")
    assert "drifted apart" not in text


@pytest.mark.slow
def test_with_three_groups_each_pair_says_when_its_events_first_differed(
    exports, shipped_testing_event, tmp_path
):
    a, b, _, _ = exports
    late = write_exports(
        play(shipped_testing_event, inject=(3, "central_asia_unrest")),
        TEAMS,
        tmp_path / "d",
        datetime(2026, 3, 2, 9, 13),
        group="Room 4, group D",
    )
    text = write_report([a, b, late], tmp_path / "out").markdown_path.read_text(encoding="utf-8")
    pairs = text.split("Pair by pair:")[1]
    lines = [line for line in pairs.splitlines() if line.startswith("| Room")]

    def row(x, y):
        return next(line for line in lines if f"group {x}" in line and f"group {y}" in line)

    date = record_in(a).turns[1].date
    assert f"| Turn 2 ({date}) |" in row("A", "B")
    assert f"| Turn 2 ({date}) |" in row("B", "D")
    assert f"| Turn 3 ({record_in(a).turns[2].date}) |" in row("A", "D")


def _hostile_copy(folder: Path, into: Path, group: str) -> Path:
    """A copy of an export whose every piece of text a group or a mod could set is hostile."""
    record = record_in(folder)
    title = "# The <b>Testing</b> | Event\n- [x](y)"
    turns = [
        t.model_copy(
            update={
                "date": f"~~~ {t.date} |",
                "events": [f"<i>{e}</i> | `x`" for e in t.events],
                "moscow_names": [f"1. {n} _em_" for n in t.moscow_names],
            }
        )
        for t in record.turns
    ]
    hostile = record.model_copy(
        update={
            "group": group,
            "level_title": title,
            "outcome_title": "&lt;b&gt; won | *big*",
            "teams": {"moscow": "team", "beijing": "<img src=x>"},
            "turns": turns,
        }
    )
    into.mkdir(parents=True)
    (into / "session.json").write_text(hostile.model_dump_json(), encoding="utf-8")
    return into


def test_hostile_names_titles_and_dates_come_out_escaped_and_break_nothing(exports, tmp_path):
    a, b, _, _ = exports
    names = ["# Room | <script>x</script>", "- `rm` [a](b) ~~~"]
    folders = [
        _hostile_copy(f, tmp_path / f"g{i}", n) for i, (f, n) in enumerate(zip((a, b), names, strict=True))
    ]
    text = write_report(folders, tmp_path / "out").markdown_path.read_text(encoding="utf-8")
    own = ("# Class report", "## ", "### ")
    assert all(line.startswith(own) for line in text.splitlines() if line.startswith("#"))
    assert [line for line in text.splitlines() if line.startswith("### ")] == [
        f"### {md(record_in(folders[0]).level_title)}, seed {SEED}: **{md(names[0])}** and **{md(names[1])}**"
    ]
    assert not any(line.startswith(("<", "```", "~~~", "1.", "- [")) for line in text.splitlines())
    # Outside the escapes no HTML, no character reference and no code is left.
    rest = re.sub(r"\\.", "", text)
    assert "<" not in rest and not re.search(r"&#?\w+;", rest)
    assert "`" not in re.sub(r"`[^`\n]*`", "", rest)  # only the report's own code spans
    for heading in ("Outcomes and scores", "The meters at the end"):
        rows = _table(text, heading)
        assert len({len(row) for row in rows}) == 1, heading
    assert _table(text, "Outcomes and scores")[2][:4] == [
        md(names[0]),
        md(record_in(folders[0]).level_title),
        str(SEED),
        md("&lt;b&gt; won | *big*"),
    ]


@pytest.mark.slow
def test_the_outcomes_table_says_how_each_session_that_stopped_short_ended(shipped_testing_event, tmp_path):
    # A group that stopped on its own at the session's set last turn read "ended early? yes", as
    # the group the teacher ended did: the column says which.
    from game.classroom.session import ClassroomSession

    lv = shipped_testing_event
    set_end = Game.new(lv, SEED, {"moscow": "easy", "beijing": "easy"})
    session = ClassroomSession.start(set_end, {"moscow": "team", "beijing": "easy"}, "owl-42", 0, "Set")
    session.end_after_turn = 3
    while not set_end.over:
        set_end.resolve()
    by_teacher = Game.new(lv, SEED, {"moscow": "easy", "beijing": "easy"})
    by_teacher.resolve()
    by_teacher.end_early("the bell")
    folders = [
        write_exports(set_end, TEAMS, tmp_path / "set", datetime(2026, 3, 2, 9, 10), group="Set"),
        write_exports(by_teacher, TEAMS, tmp_path / "bell", datetime(2026, 3, 2, 9, 11), group="Bell"),
        write_exports(play(lv), TEAMS, tmp_path / "whole", datetime(2026, 3, 2, 9, 12), group="Whole"),
    ]
    assert [record_in(f).ended_by for f in folders] == ["set", "facilitator", ""]
    result = write_report(folders, tmp_path / "report")
    rows = _table(result.markdown_path.read_text(encoding="utf-8"), "Outcomes and scores")
    assert {row[0]: row[9] for row in rows[2:]} == {
        "Set": "ended after turn 3, as the session was set",
        "Bell": "ended early by the facilitator",
        "Whole": "no",
    }
