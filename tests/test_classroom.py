"""A classroom session through the real UI (dummy video driver): the facilitator's panel behind its
passphrase, injected events, an adjustment and a note, the exports, and the replay of it all."""

import csv
import json

import pygame
import pytest
from ui_driver import key, past_the_summit, press, pump, type_into

from game.classroom.session import ClassroomSession, hash_passphrase, passphrase_matches
from game.paths import user_data_dir
from game.session.game import Game
from game.session.replay import ReplayLog, replay
from game.ui.app import App, PlayOptions
from game.ui.scenes.title import TitleScene


@pytest.mark.slow
def test_a_classroom_session_with_a_facilitator_exports_everything_and_replays_exactly(app):
    press(app, "Classroom session")
    assert app.scene.name == "classroom set-up"
    press(app, "Easy AI")  # the first row is Moscow's: Beijing is the students' team
    start = next(c for c in app.scene.controls if c.label == "Start session")
    assert not start.enabled and "passphrase" in start.why_disabled
    type_into(app, "Passphrase", "owl-42")
    key(app, pygame.K_TAB)
    press(app, "Start session")
    past_the_summit(app)
    assert app.scene.name == "board" and app.scene.side == "beijing"
    game = app.scene.game
    assert game.classroom is not None and game.seats["moscow"].controller == "easy"

    # A student tries F9 with a guess: refused, noted, and the panel stays shut.
    key(app, pygame.K_F9)
    assert app.scene.name == "facilitator login"
    type_into(app, "Passphrase", "letmein")
    key(app, pygame.K_RETURN)
    pump(app)
    assert app.scene.name == "facilitator login"
    assert [a.kind for a in game.log.facilitator] == ["refused"]
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "board"

    key(app, pygame.K_F9)
    type_into(app, "Passphrase", "owl-42")
    key(app, pygame.K_RETURN)
    pump(app)
    assert app.scene.name == "facilitator"
    events = list(game.level.events)
    injected = []
    for index in (0, 3):
        press(
            app,
            next(c.label for c in app.scene.controls if c.kind == "item" and c.label == events[index].title),
        )
        press(app, "Inject this event")
        injected.append(events[index])
    press(app, "Partnership")
    press(app, "+5")
    press(app, "+1")
    type_into(app, "Reason", "A leak embarrasses both capitals")
    key(app, pygame.K_TAB)
    press(app, "Apply the adjustment")
    type_into(app, "Note", "Watch how Beijing answers the leak")
    key(app, pygame.K_TAB)
    press(app, "Add the note")
    kinds = [a.kind for a in game.log.facilitator]
    assert kinds == ["refused", "inject", "inject", "adjust", "annotate"]
    press(app, "Close")
    assert app.scene.name == "board"
    assert "From the facilitator" in app.scene.news.html()

    steps = 0
    while app.scene.name != "debrief" and steps < 500:
        steps += 1
        past_the_summit(app)
        key(app, pygame.K_RETURN if app.scene.name == "resolution" else pygame.K_l)
    assert app.scene.name == "debrief" and game.over

    # Turn 1 carried the facilitator's acts, marked as the facilitator's.
    first = game.reports[0]
    assert [e.id for e in injected] == first.events[:2]
    adjusted = [c for c in first.changes if c.cause_kind == "facilitator" and c.cause_id == "adjustment"]
    assert (
        adjusted
        and adjusted[0].meter == "partnership"
        and adjusted[0].after - adjusted[0].before == pytest.approx(6)
    )
    assert "Facilitator" in adjusted[0].why

    folders = list((user_data_dir() / "exports").iterdir())
    assert len(folders) == 1
    folder = folders[0]
    assert folder.name.endswith(f"testing_event_seed{game.seed}")
    names = {p.name for p in folder.iterdir()}
    assert {
        "replay.json",
        "meters.csv",
        "partnership.png",
        "meters.png",
        "debrief.md",
        "session.json",
    } <= names
    sheet = (folder / "debrief.md").read_text(encoding="utf-8")
    for event in injected:
        assert f"injected the event “{event.title}”" in sheet
    assert "adjusted Partnership by +6: A leak embarrasses both capitals" in sheet
    assert "noted: Watch how Beijing answers the leak" in sheet
    assert "a wrong passphrase for the facilitator's panel was refused" in sheet
    for prompt in game.level.prompts["general"]:
        assert prompt in sheet
    rows = list(csv.DictReader((folder / "meters.csv").open(encoding="utf-8-sig")))
    assert len(rows) == len(game.reports) + 1
    assert float(rows[-1]["Partnership"]) == pytest.approx(game.state.meters["partnership"])
    assert pygame.image.load(str(folder / "partnership.png")).get_width() > 0

    # The replay of the exported log is the same game, facilitator's acts included.
    log = ReplayLog.model_validate_json((folder / "replay.json").read_text(encoding="utf-8"))
    assert [a.kind for a in log.facilitator] == kinds
    state, reports = replay(game.level, log)
    assert state.meters == game.state.meters and state.outcome == game.state.outcome
    assert [r.events for r in reports] == [r.events for r in game.reports]
    record = json.loads((folder / "session.json").read_text(encoding="utf-8"))
    assert (
        record["teams"] == {"moscow": "easy", "beijing": "team"} and record["outcome"] == game.state.outcome
    )


def test_the_passphrase_is_kept_only_as_a_salted_hash():
    stored = hash_passphrase("owl-42")
    assert "owl-42" not in stored and stored != hash_passphrase("owl-42")
    assert passphrase_matches("owl-42", stored)
    assert not passphrase_matches("owl-43", stored) and not passphrase_matches("owl-42", "garbage")


@pytest.fixture
def session(testing_event):
    now = [0.0]
    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    s = ClassroomSession.start(
        game, {"moscow": "team", "beijing": "easy"}, "owl-42", timer_minutes=5, clock=lambda: now[0]
    )
    return s, now


def test_the_timer_runs_on_the_clock_stops_while_paused_and_restarts_each_turn(session):
    s, now = session
    now[0] = 1000  # the class waits on the hand-over screen: the timer has not started yet
    assert s.seconds_left() is None
    s.start_turn_timer()  # the board is shown
    assert s.seconds_left() == 300
    now[0] = 1100
    assert s.seconds_left() == 200
    s.pause()
    now[0] = 1500
    assert s.seconds_left() == 200
    s.resume()
    now[0] = 1800
    assert s.time_up
    s.game.lock("moscow", ())
    s.game.resolve()
    s.start_turn_timer()
    assert s.seconds_left() == 300
    s.set_timer(0)
    assert s.seconds_left() is None
    assert [a.kind for a in s.game.log.facilitator] == ["pause", "resume", "timer"]


def test_an_adjustment_needs_a_meter_a_distance_and_a_reason(session):
    s, _ = session
    assert "reason" in s.adjust("partnership", 5, "  ")
    assert "how far" in s.adjust("partnership", 0, "why")
    assert "not a meter" in s.adjust("partnership_ceiling", 5, "why")
    assert "not a meter" in s.adjust("no_such_meter", 5, "why")
    assert s.adjust("central_asia.beijing", -4, "a railway deal falls through") is None
    assert s.annotate("") and s.annotate("note") is None


def test_ending_early_judges_the_outcome_as_things_stand_and_replays(session, testing_event):
    s, _ = session
    s.game.lock("moscow", ())
    s.game.resolve()
    s.end("the bell rang")
    assert s.game.over and s.game.log.ended_early
    state, _ = replay(testing_event, ReplayLog.model_validate_json(s.game.log.model_dump_json()))
    assert state.outcome == s.game.state.outcome


def test_a_saved_classroom_session_resumes_as_one(app, testing_event):
    from game.ui.saved_game import open_log

    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "human"})
    ClassroomSession.start(game, {"moscow": "team", "beijing": "team"}, "owl-42", timer_minutes=3, group="A")
    game.facilitate("annotate", text="kept")
    log = ReplayLog.model_validate_json(game.log.model_dump_json())
    assert open_log(app, app.scene, log)
    assert app.scene.name == "hand-over"  # two teams: the hot-seat hand-over comes first
    resumed = app.scene.game
    assert resumed.classroom is not None and resumed.classroom.spec.group == "A"
    assert resumed.classroom.unlock("owl-42") and resumed.seats["beijing"].controller == "human"


def test_the_classroom_command_opens_the_set_up_filled_in(monkeypatch):
    from game import cli

    seen = {}
    monkeypatch.setattr("game.ui.app.play", lambda options: seen.setdefault("options", options) and 0)
    assert (
        cli.main(
            [
                "classroom",
                "--level",
                "testing_event",
                "--seed",
                "7",
                "--beijing",
                "normal",
                "--timer",
                "5",
                "--group",
                "Room 4",
            ]
        )
        == 0
    )
    setup = seen["options"].classroom
    assert setup == {
        "level_id": "testing_event",
        "seed": 7,
        "teams": {"moscow": "team", "beijing": "normal"},
        "timer": 5,
        "group": "Room 4",
        "cut": False,
    }
    assert cli.main(["classroom", "--moscow", "easy", "--beijing", "hard"]) == 2
    # A seed longer than the set-up's seed field could show is refused, not silently replaced.
    assert cli.main(["classroom", "--seed", "1234567890123456789"]) == 2
    assert cli.main(["play", "--seed", "-1"]) == 2
    app = App(PlayOptions(size=(1280, 720), classroom=setup))
    app.push(TitleScene(app))
    assert app.scene.name == "classroom set-up" and app.scene.seed() == 7 and app.scene.timer == 5
    pygame.display.quit()


def test_a_passphrase_typed_with_a_stray_space_still_opens_the_panel(testing_event):
    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    s = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42", timer_minutes=5)
    assert s.unlock(" owl-42 ") and s.unlock("owl-42")
    assert not s.unlock("owl-43")


def test_a_second_click_on_inject_does_not_fire_the_event_twice(session):
    s, _ = session
    event = next(e for e in s.game.level.events)
    assert s.inject(event.id) is None
    assert "already" in s.inject(event.id)
    s.game.lock("moscow", ())
    report = s.game.resolve()
    assert report.events.count(event.id) == 1


def test_after_the_game_is_over_the_facilitator_cannot_change_it(session):
    s, _ = session
    s.end("the bell rang")
    event = next(e for e in s.game.level.events)
    assert "over" in s.inject(event.id)
    assert "over" in s.adjust("partnership", 5, "too late")
    assert [a.kind for a in s.game.log.facilitator] == ["end"]


def test_an_injection_the_session_ended_before_is_marked_as_never_taking_effect(session, tmp_path):
    from game.classroom.exports import debrief_markdown

    s, _ = session
    s.game.lock("moscow", ())
    s.game.resolve()
    s.unlock("wrong")
    event = next(e for e in s.game.level.events)
    s.inject(event.id)
    s.end("the bell rang")
    sheet = debrief_markdown(s.game, s.spec.teams, s.started_at)
    assert "Turn 2 (never played)" in sheet
    assert "never took effect" in sheet
    assert "the facilitator a wrong passphrase" not in sheet and "a wrong passphrase" in sheet
    table = sheet.split("## Decisions, turn by turn")[1].split("## The facilitator's acts")[0]
    assert "passphrase" not in table


def test_groups_named_in_other_scripts_export_to_folders_of_their_own(tmp_path, testing_event):
    from datetime import datetime

    from game.classroom.exports import folder_name

    when = datetime(2026, 11, 29, 9, 10)
    names = ["Группа А", "Группа Б", "第一组", "第二组", "Group A", "group a"]
    folders = [folder_name("testing_event", 7, when, n) for n in names]
    assert len(set(folders[:5])) == 5
    assert folders[4] == folders[5]  # the same name in another case is the same group


@pytest.mark.slow
def test_two_sessions_whose_names_make_the_same_folder_do_not_overwrite_each_other(tmp_path, testing_event):
    games = []
    for group in ("A/B", "A B"):
        game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
        s = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42", group=group)
        s.spec.started_at = "2026-11-29T09:10:00"
        games.append(s)
    first = games[0].export(root=tmp_path)
    second = games[1].export(root=tmp_path)
    assert first != second and first.name + "-2" == second.name
    assert games[0].export(root=tmp_path) == first  # its own later export goes to the same folder


@pytest.mark.slow
def test_a_pause_holds_the_hand_over_and_resolution_screens_too(app, testing_event):
    from game.ui.scenes.handover import HandOverScene
    from game.ui.scenes.resolution import ResolutionScene

    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "human"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "team"}, "owl-42")
    app.reset_to(HandOverScene(app, game, "moscow"))
    session.pause()
    key(app, pygame.K_RETURN)
    assert app.scene.name == "hand-over", "students cannot carry on while the session is paused"
    session.resume()
    key(app, pygame.K_RETURN)
    assert app.scene.name == "summit"  # the turn's summit comes first, held by a pause too
    session.pause()
    key(app, pygame.K_k)
    assert app.scene.name == "summit" and app.scene.model.stage == "propose"
    session.resume()
    past_the_summit(app)
    assert app.scene.name == "board"
    game.lock("moscow", ())
    game.lock("beijing", ())
    app.reset_to(ResolutionScene(app, game, game.resolve()))
    session.pause()
    for k in (pygame.K_RETURN, pygame.K_s, pygame.K_ESCAPE):
        key(app, k)
        assert app.scene.name == "resolution"
    key(app, pygame.K_F9)
    assert app.scene.name == "facilitator login"


def test_a_pause_or_a_refused_passphrase_puts_no_empty_heading_in_the_news(app, testing_event):
    from game.ui.scenes.board import BoardScene

    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42")
    session.pause()
    session.resume()
    session.unlock("guess")
    board = BoardScene(app, game, "moscow")
    assert "From the facilitator" not in board.news.html()
    session.adjust("partnership", 2, "a summit goes well")
    assert "From the facilitator" in board.news.html()


def test_the_facilitators_notes_are_for_the_debrief_and_never_on_the_players_board(app, testing_event):
    # A note ("Group argued about recognizing the annexations") was shown in the players' news,
    # on this turn and after it; the guide says notes go into the debrief sheet.
    from datetime import datetime

    from game.classroom.exports import debrief_markdown
    from game.ui.board.texts import news_html

    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42")
    session.annotate("Group argued about recognizing the annexations")
    assert "recognizing the annexations" not in news_html(game, "moscow")
    game.lock("moscow", ())
    game.resolve()
    assert game.reports and "recognizing the annexations" not in news_html(game, "beijing")
    assert "recognizing the annexations" in debrief_markdown(game, dict(session.spec.teams), datetime.now())


def test_the_panel_warns_that_the_ceiling_will_hold_a_raised_partnership_down(app, testing_event):
    from game.ui.scenes.facilitator import FacilitatorPanelScene

    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42")
    panel = FacilitatorPanelScene(app, game)
    app.push(panel)
    panel.meter, panel.delta = "partnership", 100 - game.state.meters["partnership"]
    panel.reason.set_text("a summit goes better than anyone hoped")
    panel.adjust()
    assert "ceiling" in panel.message


# -- the facilitator's authority comes from this computer, not from a file ----------------------


def test_no_save_and_no_export_holds_anything_to_check_a_passphrase_against(session, tmp_path):
    from game.session.saves import SaveStore

    s, _ = session
    stored = s.passphrase_hash()
    saved = SaveStore().autosave(s.game.log_to_save()).path.read_text()
    exported = (s.export(root=tmp_path) / "replay.json").read_text()
    for text in (saved, exported):
        assert "scrypt" not in text and stored.split("$")[2] not in text


def test_a_save_edited_to_bring_a_passphrase_of_its_own_does_not_open_the_panel(session, testing_event):
    s, _ = session
    teams, players = {"moscow": "team", "beijing": "easy"}, {"moscow": "human", "beijing": "easy"}

    def reopened(data):
        log = ReplayLog.model_validate(data)
        return ClassroomSession(Game.from_log(testing_event, log, players), log.classroom)

    # The trick that worked: the hash of one's own passphrase where a save kept the teacher's.
    edited = json.loads(s.game.log.model_dump_json())
    edited["classroom"]["passphrase"] = hash_passphrase("mine")
    forged = reopened(edited)
    assert not forged.unlock("mine") and forged.unlock("owl-42")
    # Pointing the save at another session's passphrase (a student's own, started here) fails too:
    # a passphrase is kept for one session, and this save's is another.
    own = ClassroomSession.start(Game.new(testing_event, 3, players), teams, "mine", group="Own")
    edited["classroom"]["session_key"] = own.spec.session_key
    forged = reopened(edited)
    assert forged.closed_here() and not forged.unlock("mine") and not forged.unlock("owl-42")
    # A session started on another computer: the game plays on, and says why F9 will not open.
    edited["classroom"]["session_key"] = "0" * 32
    assert "computer where the session started" in reopened(edited).closed_here()


def test_refused_passphrases_are_counted_in_one_record_a_turn_and_never_damage_the_save(session, monkeypatch):
    from game.classroom.exports import debrief_markdown
    from game.session.replay import MAX_ACTS
    from game.session.saves import SaveStore

    s, _ = session
    monkeypatch.setattr("game.classroom.session.passphrase_matches", lambda typed, stored: False)
    for _ in range(MAX_ACTS + 1):  # a whole lesson of guesses
        assert not s.unlock("guess")
    (act,) = s.game.log.facilitator
    assert act.kind == "refused" and act.text.endswith(f"({MAX_ACTS + 1} times)")
    store = SaveStore()
    store.autosave(s.game.log_to_save())
    log, note = store.latest_autosave()
    assert note is None and log.facilitator == s.game.log.facilitator
    sheet = debrief_markdown(s.game, s.spec.teams, s.started_at)
    assert f"a wrong passphrase for the facilitator's panel was refused ({MAX_ACTS + 1} times)" in sheet


def test_the_facilitator_can_add_no_more_to_a_turn_or_a_log_than_a_save_reads_back(session):
    from pydantic import ValidationError

    from game.classroom.session import FULL, TURN_FULL
    from game.session.replay import MAX_ACTS, MAX_TURN_NEWS, FacilitatorAct

    s, _ = session
    for i in range(MAX_TURN_NEWS):
        assert s.annotate(f"note {i}") is None
    assert s.annotate("one too many") == TURN_FULL
    assert s.adjust("partnership", 2, "a reason") == TURN_FULL
    data = json.loads(s.game.log.model_dump_json())
    ReplayLog.model_validate(data)  # what the game wrote, it reads
    data["facilitator"].append({**data["facilitator"][-1], "text": "edited in"})
    with pytest.raises(ValidationError, match=f"a turn holds at most {MAX_TURN_NEWS}"):
        ReplayLog.model_validate(data)
    s.game.log.facilitator += [FacilitatorAct(turn=2, kind="pause")] * (MAX_ACTS - 1 - MAX_TURN_NEWS)
    assert s.game.record_full and s.annotate("late") == FULL
    s.pause()  # still pauses, unrecorded
    assert s.paused and len(s.game.log.facilitator) == MAX_ACTS - 1
    s.end("out of time")  # the end is always recorded: a replay needs it
    assert s.game.log.ended_early and len(s.game.log.facilitator) == MAX_ACTS
    ReplayLog.model_validate_json(s.game.log.model_dump_json())


def test_a_turn_crowded_with_injections_is_exported_like_any_other(testing_event, tmp_path):
    # Twenty-one injected events in a turn (the record took twenty) made the export, and with it
    # the debrief, fail on every group's laptop.
    from game.classroom.records import SessionRecord

    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    s = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42")
    injected = [e.id for e in testing_event.events][:30]
    for event_id in injected:
        s.inject(event_id)
    for _ in range(120):
        s.pause()
        s.resume()
    game.lock("moscow", ())
    game.resolve()
    s.end("the bell")
    record = SessionRecord.model_validate_json((s.export(root=tmp_path) / "session.json").read_bytes())
    assert len(record.turns[0].events) >= len(injected)


def test_a_packs_last_turn_is_shown_and_chosen_as_the_sessions_length(app, testing_event):
    # `classroom --pack` with end_after_turn = 8 showed "Length: Whole level" chosen.
    from game.ui.scenes.classroom import ClassroomSetupScene

    setup = ClassroomSetupScene(app, "testing_event", 7, end_after_turn=8)
    app.push(setup)
    app.step([])
    lengths = {
        c.label: c for c in setup.controls if c.label.startswith(("Whole level", "Cut:", "After turn"))
    }
    pack = lengths[f"After turn 8 of {testing_event.turns}"]
    assert pack.selected and not lengths["Whole level"].selected
    pack_choice = pack.action
    lengths["Whole level"].action()
    assert setup.end_after_turn is None
    assert any(c.label.startswith("After turn 8") for c in setup.controls)  # (still there to take back)
    pack_choice()
    assert setup.end_after_turn == 8 and not setup.cut


def test_a_packs_injection_after_the_sessions_end_is_a_warning_and_every_problem_is_told_at_once(tmp_path):
    from game.classroom.pack import load_pack, read_pack

    late = tmp_path / "late.toml"
    late.write_text(
        'level = "testing_event"\nseed = 7\nend_after_turn = 8\n\n[[inject]]\nturn = 9\nevent = "oil_price_cap"\n',
        encoding="utf-8",
    )
    warned = []
    assert load_pack(late, warn=warned.append).end_after_turn == 8
    assert [(p.line, p.path) for p in warned] == [(6, "inject[1].turn")]
    assert "the session ends after turn 8, so this event would never happen" in warned[0].message
    # An unknown key no longer hides a misspelt level and language.
    several = tmp_path / "several.toml"
    several.write_text('level = "testing_evnt"\nseed = 7\nlanguage = "ru_RU"\ntimr = 5\n', encoding="utf-8")
    paths = sorted(p.path for p in read_pack(several).problems)
    assert paths == ["language", "level", "timr"]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ru", "tr", "zh_CN"])
@pytest.mark.parametrize("size", [(1280, 720), (800, 600)])
def test_the_planning_timer_covers_neither_the_date_nor_the_side_in_the_top_bar(lang, size, catalogue):
    # In Russian at 1280x720 the timer sat over "первая половина 2014 г." and "Правительство".
    import pygame

    from game.core.level_text import in_language
    from game.i18n import set_language
    from game.ui.app import App, PlayOptions
    from game.ui.board.top_bar import timer_width

    set_language(lang)
    try:
        app = App(PlayOptions(size=size, language=lang))
        level = in_language(catalogue.load("pivot_east"), lang)
        game = Game.new(level, 7, {"moscow": "human", "beijing": "easy"})
        ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42", timer_minutes=5)
        app.show_only("board", game=game, perspective="moscow")
        app.step([])
        while app.scene.name == "summit":  # (skipped, and its summary passed)
            key(app, pygame.K_k)
            key(app, pygame.K_RETURN)
        assert app.scene.name == "board"
        bar = app.scene.top_bar
        assert bar.timer_center is not None
        width = timer_width(app)
        box = pygame.Rect(0, 0, width, bar.height - 4)
        box.center = bar.timer_center
        for name, rect in bar.captions:
            assert not box.colliderect(rect), f"{lang} {size}: the timer covers the {name}"
    finally:
        set_language("en")
        pygame.display.quit()
