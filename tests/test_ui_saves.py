"""A saved game comes back with the same players: the side, the AI's level, or two people."""

from datetime import datetime, timezone

import pygame
import pytest
from ui_driver import key, lock, past_the_summit, press

from game.session.replay import ReplayLog


def new_game(app, side, opponent):
    press(app, "New game")
    press(app, side)
    press(app, opponent)
    key(app, pygame.K_s)  # Start
    past_the_summit(app)
    assert app.scene.name == "board"
    return app.scene.game


def save_as(app, name):
    key(app, pygame.K_m)
    app.scene.name_entry.set_text(name)
    press(app, "Save game")
    press(app, "Quit to title")


def load(app, name):
    press(app, "Load game")
    item = next(c for c in app.scene.controls if c.label.startswith(name))
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=item.rect.center, button=1)])
    return item.label


@pytest.mark.slow
def test_a_save_reopens_as_the_side_and_against_the_ai_it_was_played_with(app):
    game = new_game(app, "Beijing", "Hard AI")
    lock(app)
    key(app, pygame.K_s)  # skip the rest of the resolution
    save_as(app, "Beijing against hard")
    new_game(app, "Moscow", "Easy AI")  # the side played last is now Moscow
    key(app, pygame.K_m)
    press(app, "Quit to title")
    label = load(app, "Beijing against hard")
    assert "Beijing vs hard AI" in label and "turn 2" in label
    board = app.scene
    assert board.name == "board" and board.side == "beijing"
    assert {s: seat.controller for s, seat in board.game.seats.items()} == {
        "moscow": "hard",
        "beijing": "human",
    }
    assert board.game.state.fingerprint() == game.state.fingerprint()


@pytest.mark.slow
def test_a_two_player_game_reopens_on_the_hand_over_screen(app):
    new_game(app, "Moscow", "Second player")
    save_as(app, "Hot seat")
    label = load(app, "Hot seat")
    assert "Two players" in label
    assert app.scene.name == "hand-over"
    assert {s: seat.controller for s, seat in app.scene.game.seats.items()} == {
        "moscow": "human",
        "beijing": "human",
    }


def test_a_log_from_before_the_players_were_kept_still_opens():
    old = {"level_id": "testing_event", "level_hash": "x", "seed": 1}
    assert ReplayLog.model_validate(old).players is None


@pytest.mark.slow
def test_cards_chosen_but_not_locked_come_back_with_the_save(app):
    from test_ui_scenes import choose_first_card_by_keyboard

    new_game(app, "Moscow", "Normal AI")
    chosen = choose_first_card_by_keyboard(app)
    save_as(app, "Half a plan")
    load(app, "Half a plan")
    assert app.scene.name == "board" and app.scene.model.plan == [chosen]


@pytest.mark.slow
def test_the_line_of_why_typed_for_a_plan_comes_back_with_the_save(app):
    # The cards came back from a save, and the line typed for them was lost.
    from test_ui_scenes import choose_first_card_by_keyboard

    new_game(app, "Beijing", "Normal AI")
    choose_first_card_by_keyboard(app)
    app.scene.reason.entry.set_text("Close the identity gap, keep oil flowing")
    save_as(app, "With a reason")
    load(app, "With a reason")
    assert app.scene.name == "board"
    assert app.scene.reason.text() == "Close the identity gap, keep oil flowing"


@pytest.mark.slow
def test_a_plan_locked_before_the_hand_over_survives_a_save_between_lessons(app):
    from test_ui_scenes import choose_first_card_by_keyboard

    game = new_game(app, "Moscow", "Second player")
    chosen = choose_first_card_by_keyboard(app)
    lock(app)
    assert app.scene.name == "hand-over" and app.scene.side == "beijing"
    key(app, pygame.K_ESCAPE)  # the menu, from the hand-over screen
    app.scene.name_entry.set_text("End of lesson one")
    press(app, "Save game")
    press(app, "Quit to title")
    load(app, "End of lesson one")
    assert app.scene.name == "hand-over" and app.scene.side == "beijing", "Moscow's plan is locked already"
    resumed = app.scene.game
    assert resumed.locked == {"moscow": (chosen,)}
    key(app, pygame.K_RETURN)
    lock(app)
    assert app.scene.name == "resolution"
    assert resumed.reports[-1].plans["moscow"] == (chosen,)
    assert resumed.log.planning is None and resumed.state.turn == game.state.turn + 1


def test_a_replay_ignores_the_plans_a_save_was_making(testing_event):
    from game.session.replay import PlanningSpec, replay

    log = ReplayLog.start(testing_event, 3)
    planned = log.model_copy(update={"planning": PlanningSpec(locked={"moscow": ["no_such_card"]})})
    assert replay(testing_event, planned)[0].fingerprint() == replay(testing_event, log)[0].fingerprint()


def test_an_edited_save_with_impossible_plans_loads_without_them(testing_event):
    from game.session.game import Game
    from game.session.replay import PlanningSpec

    log = ReplayLog.start(testing_event, 3, {"moscow": "human", "beijing": "normal"})
    log.planning = PlanningSpec(
        locked={"moscow": ["no_such_card"], "beijing": []}, chosen={"moscow": ["b_buy_arms", "nothing"]}
    )
    game = Game.from_log(testing_event, log, dict(log.players))
    assert game.locked == {} and game.drafts == {}


@pytest.mark.slow
def test_an_autosave_that_cannot_be_written_is_told_on_the_resolution_screen(app, monkeypatch):
    # It was said on the board, just as the board gave way to the resolution: no one saw it.
    def full_disk(log, slot=None):
        raise OSError("no space left on device")

    monkeypatch.setattr(app.saves, "autosave", full_disk)
    game = new_game(app, "Moscow", "Easy AI")
    lock(app)
    assert app.scene.name == "resolution" and game.state.turn == 2
    assert app.scene.message.startswith("The autosave could not be written: no space left on device")


# -- rename and delete in the load list -------------------------------------------------------------


def saved(app, names):
    from game.levels import load_shipped
    from game.session.game import HUMAN, Game

    game = Game.new(load_shipped("testing_event"), 3, {"moscow": HUMAN, "beijing": "easy"})
    for name in names:
        app.saves.save(name, game.log_to_save())


def test_a_save_is_renamed_in_the_load_list(app):
    from ui_driver import pump

    saved(app, ["Old name"])
    press(app, "Load game")
    press(app, "Rename")
    entry = app.scene.name_entry
    assert entry is not None and entry.get_text() == "Old name"
    entry.set_text("New name")
    key(app, pygame.K_RETURN)  # Enter finishes the field; the screen renames
    pump(app)
    assert [s.name for s in app.saves.list()] == ["New name"]
    assert any(c.label.startswith("New name") for c in app.scene.controls)
    assert app.scene.renaming is None


def test_deleting_a_save_asks_once_more_and_keeps_it_in_the_trash(app):
    saved(app, ["Keep me", "Throw me"])
    press(app, "Load game")
    row = next(c for c in app.scene.controls if c.label.startswith("Throw me"))
    delete = next(c for c in app.scene.controls if c.label == "Delete" and c.rect.centery == row.rect.centery)
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=delete.rect.center, button=1)])
    assert len(app.saves.list()) == 2  # asked, not done
    key(app, pygame.K_ESCAPE)  # Esc takes the question back
    assert app.scene.name == "load" and not any(c.label == "Really delete?" for c in app.scene.controls)
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=delete.rect.center, button=1)])
    press(app, "Really delete?")
    assert [s.name for s in app.saves.list()] == ["Keep me"]
    assert (app.saves.root / "trash" / "throw-me.json").exists()


@pytest.mark.slow
def test_autosaves_are_named_once_and_in_the_players_language(app):
    # The game names its autosaves; they were listed under the English name the file keeps, with
    # "(autosave)" after it as well: "Autosave · ... (autosave)", in Russian too, and there with
    # the level's English title and "ИИ normal".
    from game import i18n
    from game.ui.scenes.load import saved_when, shown_name

    new_game(app, "Moscow", "Easy AI")
    for _turn in range(2):  # the second turn keeps the first's autosave as the previous one
        lock(app)
        key(app, pygame.K_s)  # skip the rest of the resolution
        past_the_summit(app)
    key(app, pygame.K_m)
    press(app, "Quit to title")
    press(app, "Load game")
    labels = [c.label for c in app.scene.controls if c.kind == "item"]
    # (Saved within the same second here, the two may be listed in either order.)
    assert sorted(label.split("  ·  ")[0] for label in labels) == ["Autosave", "Previous autosave"]
    assert not any("(autosave)" in label for label in labels)
    i18n.set_language("ru")
    assert sorted(shown_name(info) for info in app.saves.list()) == [
        "Автосохранение",
        "Предыдущее автосохранение",
    ]
    app.scene.rebuild()
    label = next(c.label for c in app.scene.controls if c.kind == "item")
    assert "Обучение: «Шанхайская пятёрка»" in label and "Москва против ИИ (лёгкий)" in label, label
    # Each row whole at 1280x720 (the previous autosave's lost its time to "…"), and a save of
    # today says only its time, on the player's clock.
    for c in app.scene.controls:
        if c.kind == "item":
            assert app.fonts.body.size(c.label)[0] <= c.rect.width - 16, c.label
            assert c.label.endswith(saved_when(app.saves.list()[0].saved_at))
    assert saved_when("2026-12-06T13:35:10+00:00", datetime(2026, 12, 6, 18, tzinfo=timezone.utc)) == (
        datetime(2026, 12, 6, 13, 35, tzinfo=timezone.utc).astimezone().strftime("%H:%M")
    )
    assert saved_when("2025-03-01T09:05:00+00:00", datetime(2026, 12, 6, tzinfo=timezone.utc)).startswith(
        "1 мар. 2025"
    )
    assert saved_when("not a time") == "not a time"


def _played(level, turns, seed=5):
    from game.session.game import HUMAN, Game

    game = Game.new(level, seed, {"moscow": HUMAN, "beijing": "easy"})
    for _ in range(turns):
        game.play_summit_agents()
        game.locked["moscow"] = ()
        game.resolve()
    return game


def test_a_game_saved_before_its_level_changed_goes_on_under_the_level_as_it_is_now(testing_event):
    # An update of the game changes a level's files; a game in progress saved before it used to
    # be refused ("level ... has changed since this game was played"): lost.
    import pytest

    from game.session.game import CHANGED_LEVEL, Game
    from game.session.replay import LevelChanged

    log = _played(testing_event, 3).log.model_copy(update={"level_hash": "0" * 64})
    controllers = {"moscow": "human", "beijing": "easy"}
    with pytest.raises(LevelChanged):
        Game.from_log(testing_event, log, controllers)
    game = Game.from_log(testing_event, log, controllers, changed_level_ok=True)
    assert game.state.turn == 4 and len(game.reports) == 3
    assert game.log.level_hash == testing_event.content_hash and len(game.log.turns) == 3
    assert [note.frame for note in game.load_notes] == [CHANGED_LEVEL]
    # What it saves now replays exactly, as any other game.
    assert Game.from_log(testing_event, game.log_to_save(), controllers).state.turn == 4


def test_a_changed_level_that_rules_out_a_saved_turn_goes_on_from_that_turn(testing_event):
    from game.session.game import CHANGED_LEVEL_CUT, Game
    from game.session.replay import FacilitatorAct

    log = _played(testing_event, 4).log.model_copy(update={"level_hash": "0" * 64}, deep=True)
    log.turns[2].moscow = ["no_longer_a_card"]  # (a card the new version dropped)
    log.facilitator.append(FacilitatorAct(turn=2, kind="annotate", text="before the cut"))
    log.facilitator.append(FacilitatorAct(turn=4, kind="annotate", text="after the cut"))
    game = Game.from_log(testing_event, log, {"moscow": "human", "beijing": "easy"}, changed_level_ok=True)
    assert game.state.turn == 3 and len(game.log.turns) == 2
    assert [a.text for a in game.log.facilitator] == ["before the cut"]
    (note,) = game.load_notes
    assert note.frame == CHANGED_LEVEL_CUT and note.values == {"last": 2, "turn": 3}


def test_the_load_screen_opens_such_a_game_and_says_what_became_of_it(app):
    from game.session.saves import SaveStore

    game = _played(app.catalogue.load("testing_event"), 2)
    stale = game.log.model_copy(update={"level_hash": "f" * 64})
    SaveStore().save("Before the update", stale)
    load(app, "Before the update")
    assert app.scene.name in ("board", "summit"), app.scene.name
    assert app.scene.game.state.turn == 3
    app.step([])
    assert "saved before its level changed" in app.scene.message


def test_a_long_notice_stays_long_enough_to_read_and_a_click_on_it_puts_it_away(app):
    # What became of a game saved before an update is some fifty words: four seconds was too short
    # to read it, and it covers the map while it shows.
    from game.ui.scenes.base import reading_time

    assert reading_time("Saved.") == 4.0
    long = " ".join(["word"] * 54)
    assert reading_time(long) >= 18
    assert reading_time("这局游戏保存于其关卡改变之前" * 4) > reading_time("这局游戏")
    game = _played(app.catalogue.load("testing_event"), 1)
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    scene = app.scene
    scene.say(long)
    app.step([])
    assert scene.message_box is not None and scene.message_time > 15
    plan_before = list(game.drafts.get("moscow", []))
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=scene.message_box.center, button=1)])
    assert scene.message_time == 0 and list(game.drafts.get("moscow", [])) == plan_before


def test_a_changed_level_drops_an_injection_it_no_longer_allows_from_the_turn_being_planned(testing_event):
    from game.session.game import CHANGED_LEVEL, Game
    from game.session.replay import FacilitatorAct

    log = _played(testing_event, 2).log.model_copy(update={"level_hash": "0" * 64}, deep=True)
    log.facilitator.append(FacilitatorAct(turn=3, kind="inject", event_id="an_event_since_dropped"))
    log.facilitator.append(FacilitatorAct(turn=3, kind="annotate", text="kept"))
    game = Game.from_log(testing_event, log, {"moscow": "human", "beijing": "easy"}, changed_level_ok=True)
    assert [(a.kind, a.text) for a in game.log.facilitator] == [("annotate", "kept")]
    assert [note.frame for note in game.load_notes] == [CHANGED_LEVEL]
    game.play_summit_agents()
    game.locked["moscow"] = ()
    game.resolve()  # (the dropped injection would have raised here)
    assert game.state.turn == 4


def test_a_game_that_ends_sooner_under_its_changed_level_says_so(testing_event):
    from game.session.game import CHANGED_LEVEL_ENDED, changed_level_note

    note = changed_level_note(played=7, stopped=8, over=True)
    assert note.frame == CHANGED_LEVEL_ENDED and "after turn 7" in note
    assert changed_level_note(played=12, stopped=0, over=True).frame != CHANGED_LEVEL_ENDED


@pytest.mark.slow
@pytest.mark.parametrize(
    "edit",
    [
        # (each crashed the Load screen, so that no save could be opened while the file was there)
        lambda d: d["log"].update(players={"moscow": "human"}),
        lambda d: d["log"].update(
            classroom={"teams": {"moscow": "hard", "beijing": "easy"}, "started_at": "2026-12-06T10:00:00"}
        ),
        lambda d: d.update(saved_at="0001-01-01T00:00:00+14:00"),
        lambda d: d.update(saved_at="9999-12-31T23:59:00-12:00"),
    ],
    ids=["one-player", "no-team", "year-1", "year-9999"],
)
def test_a_save_edited_by_hand_leaves_the_load_screen_working(app, edit):
    import json

    from game.session.saves import SaveStore

    store = SaveStore()
    store.save("Kept", _played(app.catalogue.load("testing_event"), 1).log)
    edited = store.save("Edited", _played(app.catalogue.load("testing_event"), 1, seed=6).log)
    data = json.loads(edited.path.read_text(encoding="utf-8"))
    edit(data)
    edited.path.write_text(json.dumps(data), encoding="utf-8")
    press(app, "Load game")
    app.step([])
    assert app.scene.name == "load"
    kept = next(c for c in app.scene.controls if c.label.startswith("Kept"))
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=kept.rect.center, button=1)])
    assert app.scene.name in ("board", "summit"), app.scene.name


@pytest.mark.slow
def test_new_game_offers_the_opponent_played_last_as_it_offers_the_side(app):
    # The level and the side were remembered, and the hard AI chosen last time came back normal.
    new_game(app, "Beijing", "Hard AI")
    key(app, pygame.K_m)
    press(app, "Quit to title")
    press(app, "New game")
    assert app.scene.side == "beijing" and app.scene.opponent == "hard"


@pytest.mark.slow
def test_enter_in_the_menus_name_field_saves_under_that_name(app):
    # Enter in "Name for this save" did nothing: no save, no message; only the button saved.
    from ui_driver import pump, type_into

    new_game(app, "Moscow", "Easy AI")
    key(app, pygame.K_m)
    assert app.scene.name == "menu"
    type_into(app, "Name for this save", "Before the summit")
    key(app, pygame.K_RETURN)
    pump(app)
    assert [s.name for s in app.saves.list() if not s.is_autosave] == ["Before the summit"]
    assert 'Saved as "Before the summit".' in app.scene.message


@pytest.mark.slow
def test_a_save_left_with_the_name_the_game_gives_it_is_listed_with_it_once(app):
    # "Pivot east (2014-2021), turn 3 · Pivot east (2014-2021), turn 3 · against …" in the list.
    new_game(app, "Moscow", "Easy AI")
    key(app, pygame.K_m)
    press(app, "Save game")  # no name typed: the game names it
    title = app.scene.game.level.title
    press(app, "Quit to title")
    press(app, "Load game")
    items = [c.label for c in app.scene.controls if c.kind == "item" and "turn 1" in c.label]
    assert items and all(label.count(f"{title}, turn 1") == 1 for label in items), items
