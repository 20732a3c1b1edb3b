"""Agreed in the room: in a classroom, two teams bargain aloud and one player enters the terms they
agreed for both sides at once. The table checks them as it checks any move (each side's allowance,
the level's terms); the log, the replay, the saves, the debrief and the exports keep that they were
agreed in the room."""

import html
import json
from datetime import datetime

import pytest

from game.classroom.exports import debrief_markdown
from game.core.summit import Deed, Term, terms_allowed, terms_on_offer
from game.session.game import HUMAN, Game
from game.session.replay import ReplayLog, replay
from game.session.saves import SaveStore, format_for
from game.session.transcript import turn_text
from game.ui.summit.words import entry_lines

HOT_SEAT = {"moscow": HUMAN, "beijing": HUMAN}
NO_FORCE = Term("promise", "moscow", Deed("no", "force"))
STAY_OUT = Term("request", "moscow", Deed("stay_out", "kazakhstan"))  # Moscow asks Beijing


def first_offer(game: Game, side: str) -> Term:
    return next(t for t in terms_on_offer(game.state, side) if t.kind == "offer")


@pytest.fixture
def two_teams(testing_event):
    game = Game.new(testing_event, 7, HOT_SEAT)
    game.open_summit()
    return game


def test_terms_agreed_in_the_room_bind_both_sides_at_once_and_close_the_summit(two_teams):
    game = two_teams
    beijing_offer = first_offer(game, "beijing")
    assert game.enter_room() is None
    assert game.agree_in_room([NO_FORCE, STAY_OUT, beijing_offer]) is None
    assert not game.summit_open() and game.table.in_room
    assert [c.term for c in game.state.commitments] == [NO_FORCE, STAY_OUT, beijing_offer]
    # Both teams watched the terms go in: neither is sent back to the summary on its hand-over.
    assert not game.summit_unread("moscow") and not game.summit_unread("beijing")
    assert all(e.in_room and e.agreed for e in game.table.entries())


def test_a_side_may_not_enter_more_terms_in_the_room_than_its_allowance(two_teams):
    game = two_teams
    most = terms_allowed(game.state, "moscow")
    mine = [t for t in terms_on_offer(game.state, "moscow") if t.kind == "promise"][: most + 1]
    game.enter_room()
    problem = game.agree_in_room(mine)
    assert problem == f"Moscow may put forward at most {most} terms"
    assert game.summit_open() and not game.state.commitments


def test_the_room_refuses_a_term_the_table_would_refuse_and_a_deal_twice(two_teams):
    game = two_teams
    game.enter_room()
    foreign = Term("offer", "moscow", Deed("play", first_offer(game, "beijing").deed.subject))
    assert "is not one of moscow's cards" in game.agree_in_room([foreign])
    twice = Term("promise", "moscow", Deed("no", "force"))
    assert game.agree_in_room([NO_FORCE, twice]) == "the same term twice"
    assert game.summit_open() and not game.state.commitments


def test_the_room_is_only_for_two_teams_and_only_before_any_move(testing_event):
    versus_ai = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    versus_ai.open_summit()
    assert versus_ai.room_problem() == "only when people play both sides"
    game = Game.new(testing_event, 7, HOT_SEAT)
    game.open_summit()
    assert game.summit_move("moscow", "propose", [NO_FORCE]) is None
    # Moscow's hidden move would be thrown away: the room is not offered once a move is made.
    assert game.room_problem() == "moves have been made at the table already"
    assert game.enter_room() is not None and game.table.room is None


def test_a_move_at_the_table_waits_while_the_room_is_entering_terms(two_teams):
    game = two_teams
    game.enter_room()
    assert (
        game.summit_move("moscow", "propose", [NO_FORCE]) == "the terms agreed in the room are being entered"
    )
    game.leave_room()
    assert game.summit_move("moscow", "propose", [NO_FORCE]) is None


def play_a_turn_agreed_in_the_room(game: Game) -> None:
    game.enter_room()
    assert game.agree_in_room([NO_FORCE, STAY_OUT]) is None
    game.lock("moscow", ())
    game.lock("beijing", ())
    game.resolve()


def test_the_log_says_the_terms_were_agreed_in_the_room_and_replays_byte_for_byte(two_teams):
    game = two_teams
    play_a_turn_agreed_in_the_room(game)
    specs = game.log.turns[0].summit
    assert [s.in_room for s in specs] == [True, True] and all(s.agreed for s in specs)
    assert format_for(game.log) == 2, "a save of it is one an earlier version does not take for damaged"
    text = game.log.model_dump_json()
    again = ReplayLog.model_validate_json(text)
    assert again.model_dump_json() == text
    state, _ = replay(game.level, again)
    assert state.fingerprint() == game.state.fingerprint()


def test_a_log_with_no_terms_agreed_in_the_room_is_written_as_before(testing_event):
    game = Game.new(testing_event, 7, HOT_SEAT)
    game.open_summit()
    game.summit_move("moscow", "propose", [NO_FORCE])
    game.summit_move("beijing", "propose", [])
    game.summit_move("beijing", "answer", {NO_FORCE.key(): "accept"})
    game.close_summit()
    game.lock("moscow", ())
    game.lock("beijing", ())
    game.resolve()
    written = json.loads(game.log.model_dump_json())
    assert "in_room" not in written["turns"][0]["summit"][0]
    assert format_for(game.log) == 1


def test_the_debrief_the_transcript_and_the_debrief_sheet_say_agreed_in_the_room(two_teams):
    game = two_teams
    play_a_turn_agreed_in_the_room(game)
    entries = [s.entry() for s in game.log.turns[0].summit]
    assert entry_lines(game.level, entries)[0][1].startswith("Agreed in the room: ")
    assert "Summit, agreed in the room:" in turn_text(
        game.level, game.reports[0], summit=game.log.turns[0].summit
    )
    sheet = debrief_markdown(game, {"moscow": "team", "beijing": "team"}, datetime(2026, 12, 3))
    assert "- Turn 1, agreed in the room: Moscow promises not to use force" in sheet


def round_trip(game: Game, tmp_path) -> tuple[Game, dict]:
    store = SaveStore(tmp_path)
    info = store.save("In the room", game.log_to_save())
    return Game.from_log(game.level, store.load(info.path), HOT_SEAT), json.loads(info.path.read_text())


def test_a_summit_saved_while_the_room_enters_its_terms_comes_back_with_them(two_teams, tmp_path):
    game = two_teams
    game.enter_room()
    game.table.room += [NO_FORCE, STAY_OUT]
    again, data = round_trip(game, tmp_path)
    assert [t["kind"] for t in data["log"]["planning"]["table"]["room"]] == ["promise", "request"]
    assert again.summit_open() and again.table.room == [NO_FORCE, STAY_OUT] and not again.load_notes
    assert again.agree_in_room(again.table.room) is None
    assert again.table.in_room and [c.term for c in again.state.commitments] == [NO_FORCE, STAY_OUT]


def test_a_summit_agreed_in_the_room_and_saved_before_planning_stays_agreed_in_the_room(two_teams, tmp_path):
    game = two_teams
    game.enter_room()
    game.agree_in_room([NO_FORCE])
    again, data = round_trip(game, tmp_path)
    # (format 2: an earlier version, which has no place for it, says the save is from a newer one)
    assert data["version"] == 2 and data["log"]["planning"]["summit"][0]["in_room"] is True
    assert again.table.closed_ and again.table.in_room
    assert [c.term for c in again.state.commitments] == [NO_FORCE]


def test_terms_in_the_room_edited_beyond_the_allowance_sit_again_from_the_start(two_teams, tmp_path):
    game = two_teams
    game.enter_room()
    most = terms_allowed(game.state, "moscow")
    game.table.room += [t for t in terms_on_offer(game.state, "moscow") if t.kind == "promise"][: most + 1]
    again, _ = round_trip(game, tmp_path)
    assert again.summit_due() and again.table is None
    assert "the terms agreed in the room" in again.load_notes[0]


def test_a_save_with_no_terms_being_entered_in_the_room_is_written_as_before(two_teams, tmp_path):
    game = two_teams
    game.summit_move("moscow", "propose", [NO_FORCE])
    _, data = round_trip(game, tmp_path)
    assert "room" not in data["log"]["planning"]["table"]


# -- the screen ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_one_player_enters_the_rooms_terms_for_both_sides_with_no_hand_over_between(app, testing_event):
    import pygame
    from test_summit_ui import choose_term, click, open_summit
    from ui_driver import key

    game = Game.new(testing_event, 7, HOT_SEAT)
    scene = open_summit(app, game, "moscow")
    key(app, pygame.K_r)
    assert scene.model.stage == "room"
    choose_term(app, NO_FORCE)
    beijing_offer = first_offer(game, "beijing")
    click(app, next(c for c in scene.controls if c.label.startswith("Beijing")))  # the mouse
    assert scene.model.room_side == "beijing"
    key(app, pygame.K_m)
    assert scene.model.room_side == "moscow"
    key(app, pygame.K_b)  # the keyboard
    choose_term(app, beijing_offer)
    assert scene.model.room_terms() == [NO_FORCE, beijing_offer]
    key(app, pygame.K_a)
    assert app.scene is scene and scene.model.stage == "done", "no hand-over between the two sides' moves"
    assert [c.term for c in game.state.commitments] == [NO_FORCE, beijing_offer]
    assert "Agreed aloud in the room" in scene.box.html_text
    assert "one player.<br><br><u>" in scene.box.html_text, "one blank line under it, not three"
    assert "Agreed in the room: Moscow promises not to use force" in html.unescape(scene.box.html_text)
    # Both teams are at the screen: the first to plan is handed the keyboard, even Moscow's own.
    key(app, pygame.K_RETURN)
    assert app.scene.name == "hand-over" and app.scene.side == "moscow" and not app.scene.summit_unread
    key(app, pygame.K_RETURN)
    assert app.scene.name == "board" and app.scene.side == "moscow"


def test_the_room_is_not_offered_against_the_ai_nor_after_a_move(app, testing_event):
    from test_summit_ui import open_summit

    versus_ai = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    scene = open_summit(app, versus_ai, "moscow")
    assert not any(c.label == "Agreed in the room (R)" for c in scene.controls)
    game = Game.new(testing_event, 7, HOT_SEAT)
    game.open_summit()
    game.summit_move("moscow", "propose", [])
    scene = open_summit(app, game, "beijing")
    assert not any(c.label == "Agreed in the room (R)" for c in scene.controls)


def test_a_side_beyond_its_allowance_in_the_room_is_told_so_on_the_screen(app, testing_event):
    import pygame
    from test_summit_ui import choose_term, open_summit
    from ui_driver import key

    game = Game.new(testing_event, 7, HOT_SEAT)
    scene = open_summit(app, game, "moscow")
    key(app, pygame.K_r)
    most = terms_allowed(game.state, "moscow")
    promises = [t for t in terms_on_offer(game.state, "moscow") if t.kind == "promise"]
    for term in promises[:most]:
        choose_term(app, term)
    said = []
    scene.say = said.append
    scene.toggle(promises[most])
    assert said == [f"Moscow may put forward {most} terms; take one of its terms out first."]
    assert len(scene.model.room_terms()) == most


def test_back_to_the_table_puts_the_rooms_terms_down(app, testing_event):
    import pygame
    from test_summit_ui import choose_term, open_summit
    from ui_driver import key

    game = Game.new(testing_event, 7, HOT_SEAT)
    scene = open_summit(app, game, "moscow")
    key(app, pygame.K_r)
    choose_term(app, NO_FORCE)
    key(app, pygame.K_t)
    assert scene.model.stage == "propose" and game.table.room is None and not game.state.commitments


def test_continue_comes_back_to_the_rooms_entry_with_its_terms(app, testing_event):
    import pygame
    from test_summit_ui import choose_term, open_summit
    from ui_driver import key, press

    from game.ui.saved_game import open_autosave

    game = Game.new(testing_event, 7, HOT_SEAT)
    open_summit(app, game, "moscow")
    key(app, pygame.K_r)  # entering the room is autosaved
    choose_term(app, NO_FORCE)
    key(app, pygame.K_ESCAPE)
    app.scene.name_entry.set_text("Room half done")
    press(app, "Save game")
    press(app, "Quit to title")
    from test_ui_saves import load

    load(app, "Room half done")
    handover = app.scene
    assert handover.name == "hand-over" and "in the room" in handover.note
    # Both teams watch the room's entry: the hand-over does not ask for one team alone.
    assert handover.title() == "Both teams: back to the summit"
    assert [c.label for c in handover.controls] == ["Go on entering the terms agreed in the room"]
    key(app, pygame.K_RETURN)
    scene = app.scene
    assert scene.name == "summit" and scene.model.stage == "room" and scene.model.room_terms() == [NO_FORCE]
    app.show_only("title")
    open_autosave(app, app.scene)
    assert app.scene.name == "hand-over"
    key(app, pygame.K_RETURN)
    assert app.scene.model.stage == "room" and app.scene.model.room_terms() == []


def test_the_hand_over_to_a_turn_whose_summit_is_due_says_it_goes_to_the_summit(app, testing_event):
    # Played under Xvfb: at a new turn with a summit, the button said "show my board" and then
    # opened the summit.
    game = Game.new(testing_event, 7, HOT_SEAT)
    assert game.summit_due() and not game.summit_open()
    app.show_only("hand-over", game=game, side="moscow")
    app.step([])
    assert [c.label for c in app.scene.controls] == ["I am Moscow: go to the summit"]
