"""The save store keeps one autosave a game (a slot each), and Continue's is the one written last."""

from game.session.play import play_game
from game.session.replay import ReplayLog
from game.session.saves import SaveStore


def test_a_games_autosave_is_never_replaced_by_another_games(tmp_path, testing_event):
    store = SaveStore(tmp_path)
    first, second = ReplayLog.start(testing_event, 1), ReplayLog.start(testing_event, 2)
    played = play_game(testing_event, 1)[2]
    store.autosave(first, slot="first")
    # A later turn of the same game: the autosave before it is kept beside it.
    store.autosave(played.model_copy(update={"turns": played.turns[:1]}), slot="first")
    store.autosave(second, slot="second")
    listed = sorted(i.path.name for i in store.list() if i.is_autosave)
    assert listed == ["autosave-first.json", "autosave-first.prev.json", "autosave-second.json"]
    assert store.newest_autosave_slot() == "second"
    assert store.latest_autosave() == (second, None)
    assert store.load(store.autosave_paths("first")[0]).seed == 1
    assert store.slot_of(store.autosave_paths("first")[1]) == "first"


def test_a_save_named_like_an_autosave_is_not_taken_for_one(tmp_path, testing_event):
    store = SaveStore(tmp_path)
    info = store.save("Autosave first", ReplayLog.start(testing_event, 1))
    assert not info.path.name.startswith("autosave") and not store.list()[0].is_autosave
