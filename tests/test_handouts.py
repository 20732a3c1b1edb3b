"""The printed handouts: each is one page of the paper asked for, as PDF and as HTML with print
styles, and says what the students need (the briefing and agenda, the roles, the rubric, and after
play the worksheet with both sides' decisions, the charts and the questions)."""

import os
import re
from datetime import datetime
from pathlib import Path

import pytest

from game.classroom.handouts import level_handouts, worksheet
from game.classroom.printdoc import PAPERS, Handout, Para, to_html, to_pdf
from game.session.game import Game

POINTS_PER_MM = 72 / 25.4


def pages(pdf: bytes) -> list[tuple[float, float]]:
    """The size of each page of a PDF, in points (fpdf2 writes each page's MediaBox)."""
    count = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert count and boxes
    return [(float(boxes[0][0]), float(boxes[0][1]))] * count


@pytest.mark.slow
@pytest.mark.pdf
def test_the_handouts_command_writes_every_handout_as_one_page_of_letter(tmp_path, capsys):
    from game.cli import main

    out = tmp_path / "handouts"
    assert main(["handouts", "testing_event", "--out", str(out), "--paper", "letter"]) == 0
    names = {"briefing-moscow", "briefing-beijing", "roles-moscow", "roles-beijing", "rubric"}
    assert {p.stem for p in out.glob("*.pdf")} == names == {p.stem for p in out.glob("*.html")}
    width, height = PAPERS["letter"]
    for pdf in out.glob("*.pdf"):
        found = pages(pdf.read_bytes())
        assert len(found) == 1, pdf.name
        assert found[0] == pytest.approx((width * POINTS_PER_MM, height * POINTS_PER_MM), abs=0.5)
    page = (out / "briefing-beijing.html").read_text(encoding="utf-8")
    assert "@page { size: letter;" in page and "Beijing&#x27;s briefing" in page


def test_a_briefing_carries_the_sides_briefing_and_its_goals_to_tick(testing_event):
    moscow = next(h for h in level_handouts(testing_event) if h.name == "briefing-moscow")
    page = to_html([moscow], "a4")
    assert "@page { size: A4;" in page and 'class="boxes"' in page
    for goal in testing_event.agendas["moscow"].goals:
        assert goal.text.replace("'", "&#x27;") in page
    first_paragraph = testing_event.briefing["moscow"].split("\n\n")[0].strip()
    assert first_paragraph[:60].replace("'", "&#x27;") in page


def test_a_briefing_for_a_session_cut_short_gives_each_goal_as_it_is_judged_at_the_cut(
    testing_event, tmp_path, capsys
):
    # The printed goals were the whole level's ("partnership 48 or more") while a session ended at
    # the classroom cut asks each as it stands after turn 6: students ticked the wrong figures.
    from game.cli import main
    from game.core.engine import provisional_goal

    assert main(["handouts", "testing_event", "--cut", "--out", str(tmp_path / "cut")]) == 0
    page = (tmp_path / "cut" / "briefing-moscow.html").read_text(encoding="utf-8")
    cut = testing_event.cut
    assert cut is not None
    for goal in testing_event.agendas["moscow"].goals:
        asked = provisional_goal(testing_event, "moscow", goal, cut)
        bound = asked.at_least if asked.at_least is not None else asked.at_most
        assert f"after {cut} turns: " in page and f"{round(bound, 1):g}" in page
    assert f"This session ends after turn {cut} of {testing_event.turns}" in page
    whole = level_handouts(testing_event)[0]
    assert "after 6 turns" not in to_html([whole], "a4")
    assert main(["handouts", "testing_event", "--cut", "12", "--out", str(tmp_path / "x")]) == 2
    assert "the whole game" in capsys.readouterr().err


def test_the_rubric_describes_four_levels_of_each_criterion(testing_event):
    rubric = next(h for h in level_handouts(testing_event) if h.name == "rubric")
    table = rubric.blocks[0]
    assert table.header[1:] == ("Excellent", "Good", "Developing", "Beginning")
    assert [row[0].split(" (")[0] for row in table.rows] == [
        "Decisions explained",
        "The limits at work",
        "Comparison",
        "History",
    ]
    assert all(len(row) == 5 and all(cell.strip() for cell in row) for row in table.rows)


@pytest.mark.slow
@pytest.mark.pdf
def test_a_page_that_would_run_over_is_set_smaller_to_stay_one_page():
    long = Handout("long", "A long page", "", tuple(Para("A line of text. " * 40) for _ in range(8)))
    assert len(pages(to_pdf(long, "a4"))) == 1


@pytest.mark.slow
@pytest.mark.pdf
def test_the_class_exports_write_a_one_page_worksheet_with_all_four_limits(tmp_path, testing_event):
    from game.classroom.session import ClassroomSession

    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42", group="Группа А")
    for _ in range(3):
        game.lock("moscow", ())
        game.resolve()
    session.end()
    folder = session.export(root=tmp_path)
    pdf = (folder / "worksheet.pdf").read_bytes()
    assert len(pages(pdf)) == 1
    assert pages(pdf)[0] == pytest.approx((210 * POINTS_PER_MM, 297 * POINTS_PER_MM), abs=0.5)
    page = (folder / "worksheet.html").read_text(encoding="utf-8")
    assert "Группа А" in page and "ended early" in page
    assert 'src="worksheet-limits.png"' in page and (folder / "worksheet-limits.png").exists()
    for question in ("The identity gap", "Divergent methods", "Rivalry in Central Asia", "Washington"):
        assert question in page
    for report in game.reports:
        assert f"<td>{report.date}</td>" in page


def test_the_worksheet_lists_both_sides_decisions(testing_event, tmp_path):
    game = Game.new(testing_event, 3, {"moscow": "easy", "beijing": "easy"})
    game.resolve()
    sheet = worksheet(game, datetime(2026, 3, 2, 9, 10), "", (tmp_path / "a.png", tmp_path / "b.png"))
    table = next(b for b in sheet.blocks if getattr(b, "header", ())[:1] == ("Turn",))
    names = {
        testing_event.actions[a].name for side in ("moscow", "beijing") for a in game.reports[0].plans[side]
    }
    assert all(any(n in cell for cell in table.rows[0]) for n in names)


def exported_session(root, group: str):
    """The export folder of a one-turn session of The Testing Event, its team's reason given."""
    from game.classroom.session import ClassroomSession
    from game.commands.loading import load_level

    game = Game.new(load_level("testing_event", []), 5, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42", group=group)
    game.lock("moscow", (), reason="Watch first")
    game.resolve()
    return session.export(root=root)


@pytest.mark.slow
@pytest.mark.pdf
def test_the_worksheet_is_written_again_on_letter_paper_from_an_export_folder(tmp_path, capsys):
    from game.cli import main

    # (a group named in part in Cherokee, a script the game's font lacks)
    folder = exported_session(tmp_path / "exports", "B Ꭰ")
    out = tmp_path / "letter"
    assert main(["handouts", "--worksheet", str(folder), "--paper", "letter", "--out", str(out)]) == 0
    width, height = PAPERS["letter"]
    assert pages((out / "worksheet.pdf").read_bytes()) == [
        pytest.approx((width * POINTS_PER_MM, height * POINTS_PER_MM), abs=0.5)
    ]
    page = (out / "worksheet.html").read_text(encoding="utf-8")
    assert "Why: Watch first" in page and "B Ꭰ" in page
    err = capsys.readouterr().err
    assert "warning: worksheet.pdf: the game's font has no letters for Ꭰ; they print as empty boxes" in err
    assert "(the page worksheet.html shows them)" in err
    assert main(["handouts", "--worksheet", str(tmp_path / "nowhere")]) == 1


@pytest.mark.slow
@pytest.mark.pdf
def test_a_worksheet_written_again_into_its_export_folder_keeps_the_exported_one(tmp_path, capsys):
    # A teacher printing on Letter (or for a Russian class) writes the worksheet again without
    # --out: the A4 worksheet the session exported, and its charts, must be left as they were.
    from game.cli import main

    folder = exported_session(tmp_path / "exports", "B")
    exported = {p.name: p.read_bytes() for p in folder.glob("worksheet*")}
    assert {"worksheet.pdf", "worksheet.html", "worksheet-limits.png"} <= set(exported)

    assert main(["handouts", "--worksheet", str(folder), "--paper", "letter"]) == 0
    assert main(["handouts", "--worksheet", str(folder), "--lang", "ru"]) == 0
    assert {p.name: p.read_bytes() for p in folder.glob("worksheet*") if p.name in exported} == exported
    width, height = PAPERS["letter"]
    assert pages((folder / "worksheet-letter.pdf").read_bytes()) == [
        pytest.approx((width * POINTS_PER_MM, height * POINTS_PER_MM), abs=0.5)
    ]
    page = (folder / "worksheet-ru.html").read_text(encoding="utf-8")
    assert 'src="worksheet-ru-limits.png"' in page and (folder / "worksheet-ru-limits.png").exists()
    printed = capsys.readouterr().out
    assert str(folder / "worksheet-letter.pdf") in printed and str(folder / "worksheet-ru.pdf") in printed


@pytest.mark.slow
def test_the_worksheet_of_a_session_played_before_its_level_changed_is_written_with_a_warning(
    tmp_path, capsys
):
    # "the session cannot be replayed: level 'testing_event' has changed", though its saves open.
    import json

    from game.classroom.session import ClassroomSession
    from game.cli import main
    from game.commands.loading import load_level

    game = Game.new(load_level("testing_event", []), 5, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42", group="B")
    game.lock("moscow", (), reason="Watch first")
    game.resolve()
    folder = session.export(root=tmp_path / "exports")
    log = json.loads((folder / "replay.json").read_text(encoding="utf-8"))
    log["level_hash"] = "0" * 64  # (as an update of the game leaves it)
    (folder / "replay.json").write_text(json.dumps(log), encoding="utf-8")
    assert main(["handouts", "--worksheet", str(folder), "--out", str(tmp_path / "again")]) == 0
    assert "Why: Watch first" in (tmp_path / "again" / "worksheet.html").read_text(encoding="utf-8")
    assert "warning: This game was saved before its level changed" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.pdf
def test_handouts_in_russian_tell_the_level_in_russian_and_ask_names_in_russian(tmp_path):
    # `handouts testing_event --lang ru` printed Russian headings over the level's English title,
    # dates and briefing, under "Name(s): ... Group: ... Date: ...".
    import html

    from game.cli import main

    out = tmp_path / "ru"
    assert main(["handouts", "testing_event", "--lang", "ru", "--out", str(out)]) == 0
    page = html.unescape((out / "briefing-moscow.html").read_text(encoding="utf-8"))
    assert '<html lang="ru">' in page
    assert "Испытание на прочность" in page and "The Testing Event" not in page
    assert "зима 2022 г." in page and "Winter 2022" not in page
    assert "Вы правите из Москвы" in page and "You govern from Moscow" not in page
    assert "Имя (имена): ___" in page and "Name(s)" not in page


def _exported(tmp_path) -> Path:
    from game.classroom.session import ClassroomSession
    from game.commands.loading import load_level

    game = Game.new(load_level("testing_event", []), 5, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42", group="Red")
    game.lock("moscow", ())
    game.resolve()
    return session.export(root=tmp_path / "exports")


def test_the_worksheet_writes_no_file_through_a_link_an_export_folder_holds(tmp_path):
    # An export folder comes from a student's laptop: its chart's name linked to a file of the
    # teacher's made the worksheet write the chart into that file.
    from game.cli import main

    folder = _exported(tmp_path)
    victim = tmp_path / "teachers-notes.txt"
    victim.write_text("my notes", encoding="utf-8")
    chart = folder / "worksheet-partnership.png"
    chart.unlink(missing_ok=True)
    chart.symlink_to(victim)
    assert main(["handouts", "--worksheet", str(folder)]) == 0
    assert victim.read_text(encoding="utf-8") == "my notes"
    assert not chart.is_symlink() and chart.stat().st_size > 1000  # the chart, in its own file


@pytest.mark.slow
@pytest.mark.parametrize(
    "spoil, says",
    [
        (lambda f: (f / "session.json").write_bytes(b"{}"), "session.json does not match"),
        (lambda f: (f / "session.json").write_bytes(b'{"seed": ' + b"9" * 5000 + b"}"), "far too long"),
        (lambda f: ((f / "replay.json").unlink(), os.mkfifo(f / "replay.json")), "a pipe or a device"),
        (lambda f: os.truncate(f / "replay.json", 64 * 1024 * 1024), "far more than any replay log"),
        (
            lambda f: (f / "replay.json").write_bytes(b'{"seed": 1}'),
            "not a save or a replay log of this game",
        ),
    ],
    ids=["wrong-shape", "long-number", "pipe", "huge", "not-a-log"],
)
def test_a_spoilt_export_folder_gets_one_line_not_a_traceback_or_a_hang(tmp_path, capsys, spoil, says):
    from game.cli import main

    folder = _exported(tmp_path)
    spoil(folder)
    assert main(["handouts", "--worksheet", str(folder)]) == 1
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_a_worksheet_that_cannot_be_written_is_said_in_a_line(tmp_path, capsys):
    from game.cli import main

    folder = _exported(tmp_path)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert main(["handouts", "--worksheet", str(folder), "--out", str(tmp_path / "a-file" / "x")]) == 1
    assert "the worksheet cannot be written in" in capsys.readouterr().err
