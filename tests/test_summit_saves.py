"""A summit in progress is saved: the moves made at a table that still sits (terms put forward,
answered, countered) come back when the save is loaded, at the same stage, for the same side;
a save that needs nothing newer is written as before; a damaged summit loses nothing else."""

import json

import pygame
from ui_driver import key, press

from game.ai.negotiate import Negotiator
from game.core.observe import observe
from game.core.summit import Term, terms_on_offer
from game.session.game import HUMAN, Game
from game.session.replay import ReplayLog
from game.session.saves import SaveStore, format_for

VERSUS_AI = {"moscow": HUMAN, "beijing": "normal"}
HOT_SEAT = {"moscow": HUMAN, "beijing": HUMAN}


def welcome(game: Game, side: str) -> Term:
    """A term `side` may put forward that the other side's agent accepts."""
    partner = "beijing" if side == "moscow" else "moscow"
    offers = [t for t in terms_on_offer(game.state, side) if t.kind == "offer" and t.deed.kind == "play"]
    answers = Negotiator(partner).answer(observe(game.state, partner), offers)
    return next(t for t in offers if answers[t.key()] == "accept")


def round_trip(game: Game, tmp_path) -> tuple[Game, dict]:
    """The game saved to a file and loaded again, with the file's JSON."""
    store = SaveStore(tmp_path)
    info = store.save("Mid-summit", game.log_to_save())
    log = store.load(info.path)
    players = {s: seat.controller for s, seat in game.seats.items()}
    return Game.from_log(game.level, log, players), json.loads(info.path.read_text())


def table_of(game: Game) -> tuple:
    t = game.table
    assert t is not None
    return (t.turn, t.stage, t.proposed, t.answers, t.counter_answers, t.left, t.reasons, t.closed_)


def test_a_summit_at_its_answers_comes_back_with_every_move_made(testing_event, tmp_path):
    game = Game.new(testing_event, 7, VERSUS_AI)
    game.open_summit()
    assert game.summit_move("moscow", "propose", [welcome(game, "moscow")]) is None
    assert game.table.stage == "answer" and game.table.proposed["beijing"], "the AI put its terms forward"
    again, data = round_trip(game, tmp_path)
    # (format 3: the AI's reasons at the table keep their frames)
    assert data["version"] == 3 and data["log"]["planning"]["table"]["turn"] == 1
    assert table_of(again) == table_of(game) and again.summit_open() and not again.load_notes
    # The summit goes on from where it stood, to what it would have come to without the break.
    for g in (game, again):
        answers = {t.key(): "accept" for t in g.table.to_answer("moscow")}
        assert g.summit_move("moscow", "answer", answers) is None
        if g.table.stage == "counter":
            assert g.summit_move("moscow", "counter", {}) is None
        g.close_summit()
        g.lock("moscow", ())
        g.resolve()
    assert again.state.fingerprint() == game.state.fingerprint()
    assert again.log.turns == game.log.turns


def test_a_counter_waiting_for_its_answer_comes_back(testing_event, tmp_path):
    game = Game.new(testing_event, 7, HOT_SEAT)
    game.open_summit()
    mine, theirs = welcome(game, "moscow"), welcome(game, "beijing")
    assert game.summit_move("moscow", "propose", [mine]) is None
    assert game.summit_move("beijing", "propose", [theirs]) is None
    counter = next(t for t in terms_on_offer(game.state, "beijing") if t.kind == mine.kind and t != theirs)
    assert game.summit_move("beijing", "answer", {mine.key(): counter}) is None
    assert game.summit_move("moscow", "answer", {theirs.key(): "accept"}) is None
    assert game.table.stage == "counter" and game.table.waiting_for() == ["moscow"]
    again, _ = round_trip(game, tmp_path)
    assert table_of(again) == table_of(game)
    assert again.summit_move("moscow", "counter", {counter.key(): "accept"}) is None
    assert {t.key() for t in again.close_summit()} == {theirs.key(), counter.key()}


def test_a_save_with_no_summit_sitting_is_written_as_before(testing_event, tmp_path):
    game = Game.new(testing_event, 7, VERSUS_AI)
    game.pass_summit()
    game.drafts["moscow"] = [testing_event.actions_of["moscow"][0].id]
    log = game.log_to_save()
    # Nothing of format 2; format 3 only for the AI's reasons at the summit, kept with their frames.
    assert format_for(log) == 3 and '"why_frames"' in log.model_dump_json()
    log.planning.summit = [s.model_copy(update={"why_frames": None}) for s in log.planning.summit]
    assert format_for(log) == 1
    text = log.model_dump_json()
    assert '"table"' not in text and '"term"' not in text
    _, data = round_trip(game, tmp_path)
    assert data["version"] == 3


def test_a_damaged_summit_sits_again_and_loses_nothing_else(testing_event, tmp_path):
    game = Game.new(testing_event, 7, HOT_SEAT)
    game.open_summit()
    assert game.summit_move("moscow", "propose", [welcome(game, "moscow")]) is None
    store = SaveStore(tmp_path)
    path = store.save("Mangled", game.log_to_save()).path
    good = json.loads(path.read_text())
    for mangle, said in (
        (lambda t: t.update(turn="soon"), "turn"),  # not a table the file format knows
        (
            lambda t: t["proposed"]["moscow"][0].update(by="beijing"),
            "only its own terms",
        ),  # refused by the table
        (lambda t: t.update(turn=5), "it sat at turn 5"),
    ):
        data = json.loads(json.dumps(good))
        data["log"]["reasons"] = [{"turn": 1, "side": "moscow", "text": "kept"}]
        mangle(data["log"]["planning"]["table"])
        path.write_text(json.dumps(data))
        log = store.load(path)
        again = Game.from_log(testing_event, log, HOT_SEAT)
        assert again.load_notes and said in again.load_notes[0] and "sits again" in again.load_notes[0]
        assert again.summit_due() and again.log.reasons == log.reasons
        assert path.exists(), "the save is not set aside as damaged"


def test_an_old_save_without_a_sitting_summit_still_loads(testing_event, tmp_path):
    log = ReplayLog.start(testing_event, 7, VERSUS_AI)
    data = {
        "format": "pragmatic-partners/save",
        "version": 1,
        "name": "Before the summit was saved",
        "saved_at": "2026-11-01T10:00:00+00:00",
        "turn": 1,
        "log": json.loads(log.model_dump_json()) | {"planning": {"chosen": {"moscow": ["m_pipeline_offer"]}}},
    }
    (tmp_path / "old.json").write_text(json.dumps(data))
    loaded = SaveStore(tmp_path).load(tmp_path / "old.json")
    assert loaded.planning is not None and loaded.planning.table is None
    assert Game.from_log(testing_event, loaded, VERSUS_AI).summit_due()


def test_a_hot_seat_game_saved_at_the_summit_reopens_for_the_side_it_waits_for(app):
    from test_summit_ui import open_summit
    from test_ui_saves import load

    game = Game.new(app.catalogue.load("testing_event"), 7, HOT_SEAT)
    open_summit(app, game, "moscow")
    key(app, pygame.K_p)  # Moscow puts nothing forward: the table waits for Beijing
    assert app.scene.name == "hand-over" and app.scene.side == "beijing"
    key(app, pygame.K_ESCAPE)
    app.scene.name_entry.set_text("Half a summit")
    press(app, "Save game")
    press(app, "Quit to title")
    load(app, "Half a summit")
    assert app.scene.name == "hand-over" and app.scene.side == "beijing" and "at the summit" in app.scene.note
    resumed = app.scene.game
    assert resumed is not game and resumed.table.proposed == {"moscow": []}
    key(app, pygame.K_RETURN)
    assert app.scene.name == "summit" and app.scene.side == "beijing" and app.scene.model.stage == "propose"


def test_a_move_at_the_summit_is_autosaved_and_continue_comes_back_to_the_table(app):
    from test_summit_ui import open_summit

    from game.ui.saved_game import open_autosave

    game = Game.new(app.catalogue.load("testing_event"), 7, VERSUS_AI)
    open_summit(app, game, "moscow")
    key(app, pygame.K_p)  # Moscow puts nothing forward; the AI has put its terms forward
    assert app.scene.name == "summit" and app.scene.model.stage == "answer"
    log, _ = app.saves.latest_autosave()
    assert log.planning.table.proposed["moscow"] == [] and log.planning.table.proposed["beijing"]
    app.show_only("title")
    open_autosave(app, app.scene)
    scene = app.scene
    assert scene.name == "summit" and scene.side == "moscow" and scene.model.stage == "answer"
    assert scene.game is not game and scene.model.to_answer() == game.table.to_answer("moscow")
    assert scene.game.autosave_slot == game.autosave_slot, "it goes on writing the same autosave"


def test_opening_a_save_with_a_damaged_summit_says_so_and_goes_to_the_table_afresh(app):
    from test_summit_ui import open_summit
    from test_ui_saves import load

    game = Game.new(app.catalogue.load("testing_event"), 7, VERSUS_AI)
    open_summit(app, game, "moscow")
    key(app, pygame.K_p)
    path = app.saves.save("Damaged summit", game.log_to_save()).path
    data = json.loads(path.read_text())
    data["log"]["planning"]["table"]["left"] = ["washington"]
    path.write_text(json.dumps(data))
    app.show_only("title")
    load(app, "Damaged summit")
    app.step([])
    scene = app.scene
    assert scene.name == "summit" and scene.model.stage == "propose"
    assert scene.message.startswith("The summit in this save could not be read (left.0:")


def test_a_side_that_left_the_table_still_passes_after_the_save(testing_event, tmp_path):
    game = Game.new(testing_event, 7, HOT_SEAT)
    game.open_summit()
    assert game.leave_summit("moscow") is None
    assert game.table.waiting_for() == ["beijing"]
    again, _ = round_trip(game, tmp_path)
    assert again.table.left == {"moscow"} and table_of(again) == table_of(game)
    assert again.summit_move("beijing", "propose", [welcome(again, "beijing")]) is None
    assert again.table.stage == "done", "Moscow, gone from the table, answers nothing"


def test_a_hot_seat_summary_already_read_is_not_shown_again_after_loading(testing_event, tmp_path):
    # Both players read what the summit came to, then the game was saved while Moscow planned: on
    # loading it, neither is sent to the summary again (it once showed a second time to both).
    game = Game.new(testing_event, 7, HOT_SEAT)
    term = welcome(game, "moscow")
    game.open_summit()
    assert game.summit_move("moscow", "propose", [term]) is None
    assert game.summit_move("beijing", "propose", []) is None
    assert game.summit_move("beijing", "answer", {term.key(): "accept"}) is None
    game.close_summit()
    game.table.shown.update(("moscow", "beijing"))
    game.drafts["moscow"] = [testing_event.actions_of["moscow"][0].id]
    again, data = round_trip(game, tmp_path)
    assert not again.summit_unread("moscow") and not again.summit_unread("beijing")
    assert data["version"] == 2 and data["log"]["planning"]["shown"] == ["beijing", "moscow"]
    # Saved before Beijing read it, Beijing still is shown it after loading; Moscow is not.
    game.table.shown.discard("beijing")
    again, _ = round_trip(game, tmp_path)
    assert not again.summit_unread("moscow") and again.summit_unread("beijing")


def test_against_the_ai_who_read_the_summary_is_not_written(testing_event, tmp_path):
    game = Game.new(testing_event, 7, VERSUS_AI)
    game.pass_summit()
    game.table.shown.add("moscow")
    game.drafts["moscow"] = [testing_event.actions_of["moscow"][0].id]
    # (format 3 for the AI's reasons with their frames, not 2 for who read the summary)
    assert format_for(game.log_to_save()) == 3 and '"shown"' not in game.log_to_save().model_dump_json()
