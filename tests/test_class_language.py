"""A class's language (issue 22): a session pack's `language` is checked and located, the class
server sends it, a laptop that joins plays in it and cannot change it, a classroom session keeps it
in its record, and its exports, the printed handouts and the class report are written in it, while
what programs read (CSV columns, JSON keys) stays English. The PDFs draw every letter."""

from __future__ import annotations

import csv
import json
import logging
from datetime import datetime

import pygame
import pytest

from game import i18n
from game.classroom.exports import write_exports
from game.classroom.handouts import worksheet, worksheet_charts
from game.classroom.language import speaking
from game.classroom.pack import read_pack
from game.classroom.printdoc import missing_glyphs, to_html
from game.classroom.session import ClassroomSession
from game.session.game import Game

PACK = 'level = "testing_event"\nseed = 7\nlanguage = "{language}"\n\n[sides]\nmoscow = "team"\nbeijing = "easy"\n'


def write_pack(tmp_path, language: str):
    path = tmp_path / "pack.toml"
    path.write_text(PACK.format(language=language), encoding="utf-8")
    return path


def played(level, turns: int = 2, language: str | None = None) -> tuple[Game, ClassroomSession]:
    game = Game.new(level, 3, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(
        game, {"moscow": "team", "beijing": "easy"}, "owl-42", group="A", language=language
    )
    for _ in range(turns):
        game.lock("moscow", (), reason="wait")
        game.resolve()
    return game, session


# -- the pack ----------------------------------------------------------------------------------------
def test_a_packs_language_is_read_and_a_bad_one_is_an_error_on_its_line(tmp_path):
    pack = read_pack(write_pack(tmp_path, "ru"))
    assert pack.ok, pack.problems
    assert pack.spec is not None and pack.spec.language == "ru"
    assert pack.spec.model_dump()["language"] == "ru"  # (what the class server sends, its config)

    pack = read_pack(write_pack(tmp_path, "ru_RU"))
    (problem,) = pack.problems
    assert not pack.ok
    assert (problem.line, problem.path) == (3, "language")
    assert "no language 'ru_RU' (did you mean 'ru'?)" in problem.message

    (problem,) = read_pack(write_pack(tmp_path, "klingon")).problems
    assert problem.line == 3 and "en, tr, ru, zh_CN" in problem.message


def test_the_class_server_sends_the_packs_language_with_the_sessions_config(tmp_path):
    from game.server.run import ServeOptions, prepare

    pack = write_pack(tmp_path, "zh_CN")
    _store, session, _auth = prepare(ServeOptions(data=tmp_path / "server", pack=pack, passphrase="owl-42"))
    assert session.config["language"] == "zh_CN"


# -- the window ----------------------------------------------------------------------------------------
@pytest.mark.slow
def test_a_laptop_that_joins_a_russian_class_plays_in_russian_and_writes_russian_exports(
    monkeypatch, tmp_path
):
    """`play --join`: the server's config names the language; the window, its Settings and the
    session's exports follow it."""
    import argparse

    from test_class_link import FakeLink

    from game.server import client
    from game.server.client import Joined
    from game.ui import app as app_module
    from game.ui.app import App
    from game.ui.join import play_joined
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.title import TitleScene

    link = FakeLink()
    link.problem = None
    config = {
        "level": "testing_event",
        "seed": 11,
        "sides": {"moscow": "team", "beijing": "normal"},
        "language": "ru",
    }
    monkeypatch.setattr(client, "join_class", lambda *a, **k: (link, Joined("t", "A", config, None, False)))
    asked = {}
    monkeypatch.setattr(app_module, "play", lambda options: asked.setdefault("options", options) and 0)
    args = argparse.Namespace(
        join="http://class",
        class_code="ABC",
        group="A",
        autoplay=False,
        screenshot_dir=None,
        screenshot_only=(),
        exit_at_end=False,
        levels=[],
        size=(1280, 720),
    )
    assert play_joined(args) == 0
    options = asked["options"]
    assert options.class_language == "ru"

    app = App(options)
    app.push(TitleScene(app))
    app.step([])
    assert i18n.current_language() == "ru"
    game = app.scene.game
    session = game.classroom
    assert session.language == "ru" and game.log.classroom.language == "ru"
    # Settings shows the class's language, fixed: a student cannot change it mid-session.
    settings = SettingsScene(app)
    language_row = next(
        row for row in settings.choices() if row[0] == i18n._("Language (fixed by the class)")
    )
    assert [code for _name, code in language_row[1]] == ["ru"]
    language_row[3]("en")
    assert i18n.current_language() == "ru"

    # The exports: a session's record keeps the language, so they are Russian even if the window
    # is in another one when they are written.
    i18n.set_language("en")
    folder = session.export(root=tmp_path)
    debrief = (folder / "debrief.md").read_text(encoding="utf-8")
    assert "лист разбора" in debrief.splitlines()[0]
    assert "## Решения, ход за ходом" in debrief
    assert json.loads((folder / "session.json").read_text(encoding="utf-8"))["language"] == "ru"
    assert i18n.current_language() == "en"  # (given back after writing)
    pygame.display.quit()


@pytest.mark.slow
def test_choosing_russian_on_the_classroom_set_up_plays_the_class_in_russian(app):
    """A teacher at one machine chooses the class's language on the set-up: the screen speaks it at
    once, and the class started there plays in it and keeps it, as a pack's language does."""
    from ui_driver import key, past_the_summit, press, type_into

    from game.ui.scenes.settings import SettingsScene

    press(app, "Classroom session")
    set_up = app.scene
    chosen = [c.label for c in set_up.controls if c.selected and c.label in i18n.NAMES.values()]
    assert chosen == ["English"]  # the language in force
    press(app, "Русский")
    assert i18n.current_language() == "ru" and app.scene is set_up
    assert any(c.label == "Начать занятие" for c in set_up.controls)  # "Start session", at once
    assert [c.label for c in set_up.controls if c.selected and c.label in i18n.NAMES.values()] == ["Русский"]
    type_into(app, i18n._("Passphrase"), "owl-42")
    key(app, pygame.K_TAB)
    press(app, i18n._("Start session"))
    if app.scene.name == "hand-over":
        key(app, pygame.K_RETURN)
    past_the_summit(app)
    assert app.scene.name == "board"
    game = app.scene.game
    assert game.classroom.language == "ru" and game.log.classroom.language == "ru"
    assert i18n.current_language() == "ru"
    words = [c.label for c in app.scene.controls]
    assert "Новости" in words and "Меню" in words  # the board's own words
    # The level's own words too: its actions' names, from its Russian catalogue.
    assert game.level.title != app.catalogue.load(game.level.id).title
    assert {a.name for a in game.level.actions.values()} & set(words)
    # Settings shows the class's language, fixed, while the class plays.
    rows = [row[0] for row in SettingsScene(app).choices()]
    assert i18n._("Language (fixed by the class)") in rows


@pytest.mark.slow
def test_going_back_from_the_classroom_set_up_gives_the_window_its_language_back(app):
    from ui_driver import press

    press(app, "Classroom session")
    press(app, "Türkçe")
    assert i18n.current_language() == "tr"
    press(app, i18n._("Back"))
    assert app.scene.name == "title"
    assert i18n.current_language() == "en" and app.options.class_language is None


def test_the_classroom_set_up_shows_a_packs_language_chosen(app):
    app.options.class_language = "zh_CN"  # (as `classroom --pack` sets it for the run)
    app.apply_look()
    app.show_over("classroom set-up", language="zh_CN")
    app.step([])
    names = i18n.NAMES.values()
    assert [c.label for c in app.scene.controls if c.selected and c.label in names] == ["中文（简体）"]
    assert i18n.current_language() == "zh_CN"


@pytest.mark.slow
def test_a_group_that_joins_a_turkish_class_from_the_window_plays_in_turkish(app, monkeypatch):
    """Classroom session → Join a class: the server's config names the language, and the window
    takes it for the session, as `play --join` does."""
    from test_class_link import FakeLink
    from ui_driver import past_the_summit, press, type_into

    from game.server.client import Joined

    config = {"level": "testing_event", "seed": 11, "sides": {"moscow": "normal", "beijing": "team"}}
    config["language"] = "tr"
    monkeypatch.setattr(
        "game.server.client.join_class",
        lambda url, code, group: (FakeLink(), Joined("t", group, config, None, False)),
    )
    press(app, "Classroom session")
    press(app, "Join a class")
    for label, value in (("Address", "127.0.0.1:9"), ("Class code", "K7QMPA"), ("Group", "A")):
        type_into(app, label, value)
    press(app, "Join")
    past_the_summit(app)
    assert app.scene.name == "board"
    assert i18n.current_language() == "tr" and app.options.class_language == "tr"
    assert app.scene.game.classroom.language == "tr"
    assert "Haberler" in [c.label for c in app.scene.controls]  # "News"


def test_a_saved_classroom_game_keeps_its_language(testing_event):
    from game.session.replay import ReplayLog

    game, _session = played(testing_event, 1, language="tr")
    log = ReplayLog.model_validate_json(game.log.model_dump_json())
    assert log.classroom is not None and log.classroom.language == "tr"
    # A session started without a pack keeps the language it was started in.
    i18n.set_language("zh_CN")
    game, session = played(testing_event, 0)
    assert session.language == "zh_CN"


def test_opening_a_saved_classroom_game_resumes_it_in_its_classs_language(app, testing_event):
    from game.session.replay import ReplayLog
    from game.ui.saved_game import open_log

    game, _session = played(testing_event, 1, language="ru")
    log = ReplayLog.model_validate_json(game.log.model_dump_json())
    try:
        assert i18n.current_language() == "en"
        assert open_log(app, app.scene, log)
        assert i18n.current_language() == "ru" and app.options.class_language == "ru"
    finally:
        app.options.class_language = None
        i18n.set_language("en")


# -- the exports ------------------------------------------------------------------------------------
@pytest.mark.slow
def test_exports_in_the_classs_language_keep_english_columns_and_keys(testing_event, tmp_path):
    game, session = played(testing_event, 2, language="tr")
    folder = session.export(root=tmp_path)
    debrief = (folder / "debrief.md").read_text(encoding="utf-8")
    assert debrief.splitlines()[0].endswith(": değerlendirme sayfası")
    assert "## Kararlar, tur tur" in debrief and "| tur | tarih | Moskova | Pekin |" in debrief
    with (folder / "decisions.csv").open(encoding="utf-8") as f:
        english = next(csv.reader(f))
    with speaking("en"):
        english_folder = write_exports(
            game, {"moscow": "team", "beijing": "easy"}, tmp_path / "en", datetime(2026, 1, 1), "A"
        )
    with (english_folder / "decisions.csv").open(encoding="utf-8") as f:
        assert next(csv.reader(f)) == english  # the same columns in every language
    keys = set(json.loads((folder / "session.json").read_text(encoding="utf-8")))
    assert keys == set(json.loads((english_folder / "session.json").read_text(encoding="utf-8")))
    page = (folder / "worksheet.html").read_text(encoding="utf-8")
    assert "Değerlendirme çalışma kâğıdı" in page and "Sorular" in page


def test_the_english_debrief_is_unchanged_in_english(testing_event, tmp_path):
    _game, session = played(testing_event, 1)
    debrief = (session.export(root=tmp_path) / "debrief.md").read_text(encoding="utf-8")
    assert ": debrief sheet" in debrief.splitlines()[0]
    assert "| turn | date | Moscow | Beijing | events | facilitator |" in debrief


# -- the handouts and their PDFs ---------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.pdf
@pytest.mark.parametrize("code", ["ru", "zh_CN"])
def test_a_worksheet_in_russian_or_chinese_draws_every_letter(testing_event, tmp_path, code, caplog):
    game, _session = played(testing_event, 2)
    with speaking(code):
        charts = worksheet_charts(game, tmp_path)
        sheet = worksheet(game, datetime(2026, 3, 2, 9, 10), "Группа 一", charts)
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        assert missing_glyphs(sheet) == []
    assert not [r for r in caplog.records if "missing" in r.getMessage()]
    page = to_html([sheet], "a4")
    assert {"ru": "Лист разбора", "zh_CN": "复盘练习单"}[code] in page


@pytest.mark.slow
@pytest.mark.pdf
def test_the_handouts_command_writes_chinese_handouts_that_draw_every_letter(tmp_path, capsys):
    from game.cli import main

    out = tmp_path / "zh"
    assert main(["handouts", "testing_event", "--lang", "zh_CN", "--out", str(out)]) == 0
    assert i18n.current_language() == "en"
    page = (out / "rubric.html").read_text(encoding="utf-8")
    assert "评分标准：复盘" in page and "领导人" in (out / "roles-moscow.html").read_text(encoding="utf-8")
    assert "你的议程" in (out / "briefing-beijing.html").read_text(encoding="utf-8")
    # The command warns of any letter a PDF could not draw (tests/test_handouts.py shows one).
    assert "warning" not in capsys.readouterr().err


@pytest.mark.slow
def test_a_glyph_the_font_lacks_is_found():
    from game.classroom.printdoc import Handout, Para

    # (a letter of the Cherokee script: the game's font has none)
    page = Handout("x", "Title", "sub", (Para("Ꭰ"),))
    assert missing_glyphs(page) == ["Ꭰ"]


# -- the class report ---------------------------------------------------------------------------------
@pytest.mark.slow
def test_report_in_turkish_writes_turkish_headings(testing_event, tmp_path, capsys):
    from game.cli import main

    _game, session = played(testing_event, 2)  # (in English)
    folder = session.export(root=tmp_path / "exports")
    assert main(["report", str(folder), "--lang", "tr", "--out", str(tmp_path / "tr")]) == 0
    report = (tmp_path / "tr" / "class-report.md").read_text(encoding="utf-8")
    assert report.startswith("# Sınıf raporu")
    assert "## Sonuçlar ve puanlar" in report and "## Gruplar" in report
    # The meters at the end were named in English under Turkish headings.
    assert "| Ortaklık |" in report and "| Partnership |" not in report
    # Without --lang: the class's language, in which the groups' exports were written.
    assert main(["report", str(folder), "--out", str(tmp_path / "en")]) == 0
    assert (tmp_path / "en" / "class-report.md").read_text(encoding="utf-8").startswith("# Class report")
    russian = played(testing_event, 1, language="ru")[1].export(root=tmp_path / "ru-exports")
    assert main(["report", str(russian), "--out", str(tmp_path / "ru")]) == 0
    in_russian = (tmp_path / "ru" / "class-report.md").read_text(encoding="utf-8")
    assert in_russian.startswith("# Отчёт по классу")
    # The bands its chart draws, named as the chart names them (they were English).
    assert "wary" not in in_russian and "alliance" not in in_russian


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "Winter 2022"), ("ru", "зима 2022 г."), ("tr", "2022 kışı"), ("zh_CN", "2022年冬季")],
)
def test_a_date_the_records_keep_in_english_is_said_in_the_language(lang, said):
    from game.classroom.compare import TurnMark
    from game.classroom.report_markdown import _turn
    from game.speech.words import date_said

    with speaking(lang):
        assert date_said("Winter 2022") == said and date_said("not a date") == "not a date"
        # The class report's turns, from the exports' English records (they read "Winter 2022").
        assert said in _turn(TurnMark(1, "Winter 2022"))


# -- the teacher's dashboard ---------------------------------------------------------------------------
def test_the_dashboard_gets_its_words_in_the_classs_language(tmp_path, testing_event):
    from starlette.testclient import TestClient

    from game.server.app import ClassSession, create_app
    from game.server.auth import TeacherAuth
    from game.server.store import Store

    def words_of(config):
        session = ClassSession(config, [], 12, "K7QMPA", tmp_path)
        auth = TeacherAuth(TeacherAuth.hash("owls at dawn"), "secret")
        with TestClient(create_app(Store(tmp_path / str(len(config))), session, auth)) as client:
            answer = client.get("/words.json")  # (no passphrase: the login page needs them)
            assert answer.status_code == 200
            return answer.json()

    config = {"level": "testing_event", "seed": 3, "sides": {"moscow": "team", "beijing": "normal"}}
    assert words_of(config) == {"language": "en", "words": {}}
    russian = words_of({**config, "language": "ru"})
    assert russian["language"] == "ru"
    assert russian["words"]["Pause all"] != "Pause all" and russian["words"]["Moscow"] == "Москва"
    assert i18n.current_language() == "en"


def test_every_phrase_the_dashboard_shows_is_in_its_list_of_words():
    import re

    from conftest import ROOT

    from game.server.words import WORDS

    static = ROOT / "game" / "server" / "static"
    page = (static / "index.html").read_text(encoding="utf-8")
    script = (static / "dashboard.js").read_text(encoding="utf-8")
    in_page = set(re.findall(r"<[^<>]*\bdata-t\b[^<>]*>([^<]+)<", page))
    in_page |= set(re.findall(r'(?:title|placeholder|aria-label)="([^"]+)"', page))
    shown = {" ".join(text.split()) for text in in_page}
    shown |= set(re.findall(r'\bt\("([^"]+)"', script))
    shown |= set(re.findall(r'\b[a-z_]+: "([A-Z][a-z][^"]*)"', script))  # (the tables' captions, the acts)
    shown |= {"playing", "finished", "paused", "offline"}
    shown -= {"Content-Type"}
    assert shown - set(WORDS) == set()


@pytest.mark.slow
def test_the_debriefs_reasons_and_turning_points_are_in_the_classs_language(testing_event, tmp_path):
    # The engine's whys and the AI's reasons are English sentences that keep their frames
    # (game.core.words.Said); the debrief sheet says them in the class's language.
    game = Game.new(testing_event, 5, {"moscow": "human", "beijing": "normal"})
    session = ClassroomSession.start(
        game, {"moscow": "team", "beijing": "normal"}, "owl-42", group="A", language="ru"
    )
    for _ in range(4):
        game.lock("moscow", (), reason="wait")
        game.resolve()
    english_words = ("its goals", "its agenda", " toward ", "the pillars", "its word")
    with speaking("en"):
        english = (
            write_exports(
                game, {"moscow": "team", "beijing": "normal"}, tmp_path / "en", datetime(2026, 1, 1), "A"
            )
            / "debrief.md"
        ).read_text(encoding="utf-8")
    assert any(w in english for w in english_words)  # (the English sheet has them)
    russian = (session.export(root=tmp_path) / "debrief.md").read_text(encoding="utf-8")
    assert not [w for w in english_words if w in russian]


def test_the_debrief_sheet_tells_the_facilitators_acts_in_the_classs_language(testing_event, tmp_path):
    # A Russian class's debrief.md listed "the facilitator adjusted Partnership by +5: …" in English.
    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42", language="ru")
    assert session.adjust("partnership", 5, "саммит в Самарканде") is None
    game.lock("moscow", (), reason="wait")
    game.resolve()
    sheet = (session.export(root=tmp_path / "exports") / "debrief.md").read_text(encoding="utf-8")
    assert "изменил показатель «Партнёрство» на +5: саммит в Самарканде" in sheet
    assert "adjusted" not in sheet


def test_the_charts_of_a_russian_class_name_the_partnerships_bands_in_russian(
    testing_event, tmp_path, monkeypatch
):
    # partnership.png, the worksheet's chart and the debrief's saved chart named the bands
    # "alliance … estrangement" in a Russian class.
    import game.charts.png as png_module
    import game.classroom.exports as exports_module

    seen: list[list[str]] = []

    def keep(path, *args, **kwargs):
        if kwargs.get("bands"):
            seen.append([name for _lo, _hi, name in kwargs["bands"]])
        return path

    monkeypatch.setattr(exports_module, "save_chart_png", keep)
    monkeypatch.setattr(png_module, "save_chart_png", keep)  # (the worksheet's, imported when it draws)
    _game, session = played(testing_event, language="ru")
    session.export(root=tmp_path / "exports")
    assert len(seen) >= 2 and all(
        names and not set(names) & {"alliance", "wary", "pragmatic"} for names in seen
    )


@pytest.mark.slow
def test_a_russian_class_stopped_at_the_cut_reads_its_goals_bounds_in_russian(testing_event, tmp_path):
    # debrief.md and the debrief screen read "…; after 4 turns: at least 50.4" in a Russian class.
    from game.session.story import goals_report
    from game.speech.reasons import say

    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(
        game, {"moscow": "team", "beijing": "easy"}, "owl-42", group="A", language="ru"
    )
    session.end_at_cut()
    while not game.over:
        game.lock("moscow", ())
        game.resolve()
    assert game.provisional is not None
    with speaking("ru"):
        lines = [say(text) for text, _met, _value in goals_report(game, "moscow")]
        assert lines and all(f"после {game.provisional[0]} ходов: " in line for line in lines)
        assert not any("after" in line or "at least" in line or "at most" in line for line in lines)
        assert all(any(w in line for w in ("не менее", "не более", "от ")) for line in lines)
    folder = session.export(root=tmp_path / "exports")
    sheet = (folder / "debrief.md").read_text(encoding="utf-8")
    assert "после" in sheet and "at least" not in sheet and "; after " not in sheet


def test_a_russian_classs_debrief_sheet_and_worksheet_date_each_turn_in_russian(testing_event, tmp_path):
    # Their turn tables read "Winter 2022" in a Russian class.
    _game, session = played(testing_event, language="ru")
    folder = session.export(root=tmp_path / "exports")
    sheet = (folder / "debrief.md").read_text(encoding="utf-8")
    assert "| 1 | зима 2022" in sheet.lower() and "Winter 2022" not in sheet
    page = (folder / "worksheet.html").read_text(encoding="utf-8")
    assert "Winter 2022" not in page and "2022" in page


def test_a_russian_debriefs_scores_and_goals_have_the_russian_decimal_mark(testing_event, tmp_path):
    # "62.5 из 100" stood beside "+2,8" in the same Russian sheet.
    import re

    _game, session = played(testing_event, 3, language="ru")
    debrief = (session.export(root=tmp_path) / "debrief.md").read_text(encoding="utf-8")
    scored = [line for line in debrief.splitlines() if line.startswith(("### ", "- [x]", "- [ ]"))]
    assert scored and not any(re.search(r"\d\.\d", line) for line in scored), scored
    assert any(re.search(r"\d,\d", line) for line in scored)
