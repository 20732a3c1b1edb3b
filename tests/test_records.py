"""The player's records: the best result on each level from each side, kept in the data folder,
merged between windows, and never lost to a damaged file."""

import json

import pygame
import pytest

from game.session.game import HUMAN, Game
from game.session.records import BestResult, load_records, record_result, records_path, result_of


def result(score, won=False, when="2026-12-01"):
    return BestResult(
        score=score, won=won, outcome="Pragmatic partnership holds", opponent="normal AI", when=when
    )


def test_the_best_result_is_kept_and_every_game_to_the_end_is_counted():
    _, best, problem = record_result("shanghai_five", "moscow", result(50))
    assert best and problem is None
    _, best, _ = record_result("shanghai_five", "moscow", result(40))
    assert not best
    records, best, _ = record_result("shanghai_five", "moscow", result(75, won=True, when="2026-12-03"))
    assert best
    kept = records.best_of("shanghai_five", "moscow")
    assert (kept.score, kept.won, kept.when, kept.games) == (75, True, "2026-12-03", 3)
    assert records.best_of("shanghai_five", "beijing") is None  # each side its own record
    assert load_records() == (records, None)  # as written to the data folder


def test_a_win_beats_a_loss_at_the_same_score():
    record_result("mini", "beijing", result(60, won=False))
    records, best, _ = record_result("mini", "beijing", result(60, won=True))
    assert best and records.best_of("mini", "beijing").won


def test_two_windows_keep_each_others_records():
    # Each write reads the file as it is now: a window's stale copy cannot undo another's record.
    record_result("mini", "moscow", result(30))
    record_result("mini", "beijing", result(80))
    records, _ = load_records()
    assert records.best_of("mini", "moscow").score == 30 and records.best_of("mini", "beijing").score == 80


@pytest.mark.parametrize(
    "content, says",
    [
        (b"{not json", "not valid JSON at line 1"),
        (b"\xff\xfe\x00", "it is not text"),
        (b"[1, 2]", "it is not a records file"),
    ],
)
def test_a_damaged_records_file_is_set_aside_with_a_clear_message(content, says):
    path = records_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    records, problem = load_records()
    assert records.best == {}
    assert says in problem and "records.damaged-1.json" in problem
    assert (path.parent / "records.damaged-1.json").read_bytes() == content  # nothing is lost
    assert load_records() == (records, None)  # said once


def test_one_bad_record_costs_only_itself():
    record_result("mini", "moscow", result(30))
    record_result("mini", "beijing", result(80))
    path = records_path()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["best"]["mini/beijing"]["score"] = 500
    path.write_text(json.dumps(data), encoding="utf-8")
    records, problem = load_records()
    assert "1 record could not be read" in problem and "the 1 others are kept" in problem
    assert records.best_of("mini", "moscow").score == 30 and records.best_of("mini", "beijing") is None


def test_a_game_to_the_end_is_recorded_for_the_side_a_person_played(testing_event):
    from datetime import date

    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "easy"})
    while not game.over:
        for side in ("moscow", "beijing"):
            game.lock(side, tuple(game.agent_for(side, "easy").choose(game.state)))
        game.resolve()
    kept = result_of(game, "moscow", date(2026, 12, 3))
    assert kept.score == game.scores()["moscow"] and kept.won == game.winners()["moscow"]
    assert kept.opponent == "easy AI" and kept.when == "2026-12-03"
    assert kept.outcome in {o.title for o in testing_event.outcomes}


@pytest.mark.slow
def test_the_last_turn_on_the_board_records_the_game_and_new_game_shows_the_best(app, testing_event):
    from ui_driver import key, lock

    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "easy"})
    while game.state.turn < testing_event.turns:
        for side in ("moscow", "beijing"):
            game.lock(side, tuple(game.agent_for(side, "easy").choose(game.state)))
        game.resolve()
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    steps = 0
    while app.scene.name != "debrief" and steps < 50:
        steps += 1
        key(app, pygame.K_s) if app.scene.name == "resolution" else lock(app)
    assert game.over
    assert app.scene.message == "Your best result on this level as Moscow, kept in New game."
    kept = app.records.best_of(testing_event.id, "moscow")
    assert kept is not None and kept.score == game.scores()["moscow"] and kept.games == 1
    assert app.records.best_of(testing_event.id, "beijing") is None  # the AI's side is not the player's
    app.show_only("title")
    app.options.level = testing_event.id
    app.show_over("new game")
    text = app.scene.briefing_html()
    from game.ui.numbers import shown

    win_at = testing_event.agendas["moscow"].win_at
    # To the tenth, as the debrief says it (66.7 read as 67 there).
    least = 0 if float(kept.score).is_integer() else 1
    assert f"Your best as Moscow: {shown(kept.score, [win_at], least=least)} of 100" in text
    assert "1 game to the end" in text


def test_the_best_in_new_game_is_said_to_the_tenth_as_the_debrief_says_it():
    from game.session.records import BestResult
    from game.ui.scenes.newgame import best_words

    best = BestResult(
        score=66.67, won=True, outcome="A working partnership", opponent="normal", when="today", games=1
    )
    assert "66.7 of 100" in best_words(best, "Beijing", [60.0])
    assert "60 of 100" in best_words(best.model_copy(update={"score": 60.0}), "Beijing", [60.0])


def test_a_game_recorded_over_a_damaged_file_sets_it_aside_first():
    path = records_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"{not json")
    records, best, problem = record_result("mini", "moscow", result(40))
    assert best and "records.damaged-1.json" in problem
    assert (path.parent / "records.damaged-1.json").read_bytes() == b"{not json"
    assert load_records() == (records, None) and records.best_of("mini", "moscow").score == 40
