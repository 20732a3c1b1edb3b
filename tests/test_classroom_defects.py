"""The teacher's defects of issue 20, each pinned: a graded export is never overwritten by an earlier
state of its game, the passphrase prompt takes a second try, meters.png shows all four limits, an
injected event is revealed only at the debrief, the outcome's title outsizes its text, the timer
counts down untouched, a classroom save says so, and the Esc menu keeps students in the session."""

import json

import pygame
import pytest
from ui_driver import key, press, pump, type_into

from game.classroom.session import ClassroomSession
from game.core.meters import WASHINGTON
from game.session.game import Game
from game.session.replay import ReplayLog


def classroom_game(level, teams=None, group="A", clock=None):
    teams = teams or {"moscow": "team", "beijing": "easy"}
    game = Game.new(level, 3, {s: ("human" if t == "team" else t) for s, t in teams.items()})
    extra = {"clock": clock} if clock else {}
    session = ClassroomSession.start(game, teams, "owl-42", group=group, timer_minutes=5, **extra)
    session.spec.started_at = "2026-11-29T09:10:00"
    return game, session


def play_turns(game, n):
    for _ in range(n):
        for side in game.humans():
            game.lock(side, ())
        game.resolve()


def resumed(level, log: ReplayLog, turns: int | None = None):
    """The session as a save of it brings it back, perhaps as it stood after `turns` turns."""
    log = log.model_copy(deep=True)
    if turns is not None:
        log.turns = log.turns[:turns]
        log.facilitator = [a for a in log.facilitator if a.turn <= turns and a.kind != "end"]
    game = Game.from_log(level, log, {"moscow": "human", "beijing": "easy"})
    return game, ClassroomSession(game, log.classroom)


def exported(folder):
    return json.loads((folder / "session.json").read_text(encoding="utf-8"))


# -- (1) a graded export is never silently overwritten ---------------------------------------------


@pytest.mark.slow
def test_an_older_save_of_a_session_never_overwrites_its_later_export(tmp_path, testing_event):
    game, session = classroom_game(testing_event)
    play_turns(game, 3)
    session.end("the bell rang")
    graded = session.export(root=tmp_path)
    _older, again = resumed(testing_event, game.log, turns=1)  # a save from turn 2, loaded later
    again.end("ended again")
    written = again.export(root=tmp_path)
    assert written != graded
    assert exported(graded)["turns_played"] == 3 and exported(graded)["ended_early"]
    assert exported(written)["turns_played"] == 1


@pytest.mark.slow
def test_a_session_ended_early_is_not_replaced_by_a_save_played_on(tmp_path, testing_event):
    game, session = classroom_game(testing_event)
    play_turns(game, 2)
    before_end = game.log.model_copy(deep=True)  # the autosave of turn 2
    session.end()
    graded = session.export(root=tmp_path)
    later, again = resumed(testing_event, before_end)
    play_turns(later, 1)
    assert again.export(root=tmp_path) != graded
    assert exported(graded)["turns_played"] == 2 and exported(graded)["ended_early"]


@pytest.mark.slow
def test_a_game_carried_on_from_its_save_still_replaces_its_own_earlier_export(tmp_path, testing_event):
    game, session = classroom_game(testing_event)
    play_turns(game, 1)
    first = session.export(root=tmp_path)
    later, again = resumed(testing_event, game.log)
    play_turns(later, 1)
    assert again.export(root=tmp_path) == first and exported(first)["turns_played"] == 2
    again.end()
    assert again.export(root=tmp_path) == first and exported(first)["ended_early"]
    assert again.export(root=tmp_path) == first  # the same ended game, exported twice


def test_an_export_of_another_group_or_start_is_never_replaced(testing_event):
    from game.classroom.exports import may_replace, record_of

    game, _ = classroom_game(testing_event)
    record = record_of(game, {"moscow": "team", "beijing": "easy"}, _start(), "A")
    found = json.loads(record.model_dump_json())
    assert may_replace(found, record)
    assert not may_replace({**found, "group": "B"}, record)
    assert not may_replace({**found, "started_at": "2026-11-29T09:11:00"}, record)


def _start():
    from datetime import datetime

    return datetime(2026, 11, 29, 9, 10)


@pytest.mark.slow
def test_ending_the_session_is_final_after_continue(app, testing_event):
    game, _session = classroom_game(testing_event)
    from game.ui.scenes.board import BoardScene

    play_turns(game, 1)
    slot = game.own_autosave_slot()
    app.saves.autosave(game.log_to_save(), slot=slot)  # the board autosaves after every turn
    app.reset_to(BoardScene(app, game, "moscow"))
    key(app, pygame.K_F9)
    type_into(app, "Passphrase", "owl-42")
    key(app, pygame.K_RETURN)
    pump(app)
    press(app, "End session")
    press(app, "Really end?")
    assert app.scene.name == "debrief"
    press(app, "Back to title")
    press(app, "Continue")
    assert app.scene.name == "debrief"
    assert app.scene.game.over and app.scene.game.log.ended_early
    # The game's own autosave holds the ended game: it was written beside it, as the autosave of
    # no game, and the Load list kept offering the last turn's, to play on.
    latest = app.saves.load(app.saves.autosave_paths(slot)[0])
    assert latest.ended_early
    assert {s.path.name for s in app.saves.list()} <= {p.name for p in app.saves.autosave_paths(slot)}


# -- (3) the passphrase prompt takes the next try ---------------------------------------------------


def test_after_a_wrong_passphrase_the_right_one_typed_next_opens_the_panel(app, testing_event):
    from game.ui.scenes.board import BoardScene

    game, _ = classroom_game(testing_event)
    app.reset_to(BoardScene(app, game, "moscow"))
    key(app, pygame.K_F9)
    for attempt in ("nope", "owl-42"):  # typed straight in, as a teacher does, with no click
        for ch in attempt:
            app.step([pygame.event.Event(pygame.TEXTINPUT, text=ch)])
        key(app, pygame.K_RETURN)
        pump(app)
    assert app.scene.name == "facilitator"
    assert [a.kind for a in game.log.facilitator] == ["refused"]


# -- (4) meters.png: all four limits ---------------------------------------------------------------


def test_the_meters_chart_shows_washingtons_thaw_the_fourth_limit(tmp_path, testing_event, monkeypatch):
    from game.classroom.exports import CHART_METERS

    charted = {}

    def spy(path, series, title, **kwargs):
        charted[path.name] = list(series)

    monkeypatch.setattr("game.classroom.exports.save_chart_png", spy)
    _game, session = classroom_game(testing_event)
    session.export(root=tmp_path)
    assert set(WASHINGTON) <= set(CHART_METERS)
    assert {"US thaw with Moscow", "US thaw with Beijing"} <= set(charted["meters.png"])


# -- (5) an injected event is the facilitator's only at the debrief --------------------------------


def test_an_injected_event_is_told_as_any_event_until_the_debrief(app, testing_event, tmp_path):
    from game.ui.board.texts import news_html
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.resolution import ResolutionScene

    game, session = classroom_game(testing_event)
    event = game.level.events[0]
    assert session.inject(event.id) is None
    news = news_html(game, "moscow")
    assert event.title not in news and "From the facilitator" not in news
    game.lock("moscow", ())
    report = game.resolve()
    assert event.id in report.events
    assert all(c.cause_kind != "facilitator" for c in report.changes if c.cause_id == event.id)
    assert "facilitator" not in news_html(game, "moscow")
    steps = " ".join(" ".join(news) for _, news, _ in ResolutionScene(app, game, report).make_steps())
    assert event.title in steps and "facilitator" not in steps
    # The debrief reveals it: on screen and on the sheet.
    assert "(put in play by the facilitator)" in DebriefScene(app, game).decisions_html()
    folder = session.export(root=tmp_path)
    sheet = (folder / "debrief.md").read_text(encoding="utf-8")
    assert f"{event.title} (put in play by the facilitator)" in sheet


# -- (6) the outcome's title is larger than the text under it --------------------------------------


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_the_debriefs_outcome_title_is_larger_than_its_body_text(app, testing_event, scale):
    import re

    from pygame_gui.core.text.html_parser import HTMLParser

    from game.ui.fonts import Fonts
    from game.ui.scenes.debrief import DebriefScene

    game, session = classroom_game(testing_event)
    play_turns(game, 1)  # (a session ended before its first turn has no outcome to title)
    session.end()
    app.fonts = Fonts(scale)
    html = DebriefScene(app, game).outcome_html()
    found = re.search(r"<font (size|pixel_size)=([\d.]+)>", html)
    assert found
    title_px = (
        int(found.group(2))
        if found.group(1) == "pixel_size"
        else HTMLParser.font_sizes[float(found.group(2))]
    )
    assert title_px > round(16 * scale)


# -- (8) the timer, the save list and the Esc menu --------------------------------------------------


def test_the_facilitator_panel_timer_counts_down_without_input(app, testing_event):
    from game.ui.scenes.facilitator import FacilitatorPanelScene

    now = [100.0]
    game, session = classroom_game(testing_event, clock=lambda: now[0])
    session.start_turn_timer()
    panel = FacilitatorPanelScene(app, game)
    app.push(panel)
    app.step([])
    drawn = []
    original = panel.draw
    panel.draw = lambda surface: (drawn.append(session.seconds_left()), original(surface))
    for _ in range(3):
        now[0] += 1
        app.step([])  # no input at all
    assert drawn == [299.0, 298.0, 297.0]


def test_a_classroom_save_is_listed_as_a_classroom_session_not_two_players(testing_event, tmp_path):
    from game.session.saves import SaveStore
    from game.ui.scenes.load import who_played

    game, _ = classroom_game(testing_event, teams={"moscow": "team", "beijing": "team"}, group="Room 4")
    info = SaveStore(tmp_path).save("Room 4", game.log_to_save())
    assert who_played(info.players, info.classroom) == "Classroom, Room 4: two teams"
    assert who_played({"moscow": "human", "beijing": "human"}) == "Two players"


def test_students_cannot_leave_the_class_session_from_the_esc_menu(app, testing_event):
    from game.ui.scenes.board import BoardScene

    game, _ = classroom_game(testing_event)
    app.reset_to(BoardScene(app, game, "moscow"))
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "menu"
    press(app, "Quit to title (passphrase)")
    assert app.scene.name == "facilitator login"
    type_into(app, "Passphrase", "guess")
    key(app, pygame.K_RETURN)
    pump(app)
    assert app.scene.name == "facilitator login"
    type_into(app, "Passphrase", "owl-42")
    key(app, pygame.K_RETURN)
    pump(app)
    assert app.scene.name == "title"


def test_the_facilitator_reads_what_an_event_begins_or_ends_in_words(testing_event):
    # Choosing an event to inject, the teacher read "sets trade_war" and "clears sanctions": the
    # level file's flags. The states of things they stand for are said instead, in any language.
    from game import i18n
    from game.ui.scenes.facilitator import signed_effects

    tariffs = next(e for e in testing_event.events if e.id == "us_tariffs_china")
    eased = next(e for e in testing_event.events if e.id == "sanctions_eased")
    assert "no longer: sanctions in force" in signed_effects(testing_event, eased)
    # A flag of the level's own ("trade_war") has no words in any language: what it opens is said.
    assert signed_effects(testing_event, tariffs).endswith(
        "from now on possible: “Negotiate a tariff truce”, “The tariff war escalates”"
    )
    i18n.set_language("ru")
    assert "больше нет: действующие санкции" in signed_effects(testing_event, eased)
    in_russian = signed_effects(testing_event, tariffs)
    assert "trade" not in in_russian and "_" not in in_russian
    assert "отныне возможно: «" in in_russian


def test_what_a_levels_own_flag_rules_out_is_said_once_a_name_and_never_of_the_event_itself(catalogue):
    from game.ui.scenes.facilitator import signed_effects

    nixon = catalogue.load("nixon_surprise")
    kosygin = next(e for e in nixon.events if e.id == "kosygin_zhou")
    said = signed_effects(nixon, kosygin)
    # Both sides' cards named "Keep the border talks going" open: said once.
    assert said.count("“Keep the border talks going”") == 1
    assert "from now on ruled out: “Send Kosygin to Beijing”" in said
    # The event's own once-only guard ("not talks_open") is not news.
    assert kosygin.title not in said


def test_an_idle_board_says_time_is_up_when_the_timer_runs_out(app, testing_event):
    # It stayed at "Time left 0:00" until someone moved the mouse.
    now = [100.0]
    game, session = classroom_game(testing_event, clock=lambda: now[0])
    session.start_turn_timer()
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    while app.scene.name == "summit":
        key(app, pygame.K_k)
        key(app, pygame.K_RETURN)
    board = app.scene
    said = []
    original = board.draw_over
    board.draw_over = lambda surface: (said.append(session.seconds_left(sync=False)), original(surface))
    now[0] += 299.5
    app.step([])  # no input at all
    now[0] += 1.0
    app.step([])
    app.step([])
    assert said[-2:] == [0.5, 0.0] and board.time_up_drawn
    assert not board.ticking()  # (and then it rests)
