"""Saved games: round trips, names that try to escape, damaged files set aside, crash-safe writes."""

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.paths import user_data_dir
from game.session import atomic
from game.session.play import play_game
from game.session.saves import (
    MAX_SAVE_BYTES,
    VERSION,
    SaveError,
    SaveFileSpec,
    SaveStore,
    slug_for,
)


@pytest.fixture(scope="module")
def logs():
    from game.levels import load_shipped

    level = load_shipped("testing_event")
    return [play_game(level, seed)[2] for seed in (1, 2, 3)]


@pytest.fixture
def store():
    return SaveStore()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX))


def test_a_named_save_round_trips_the_replay_log(store, logs):
    info = store.save("Moscow gambit", logs[0], saved_at="2030-01-02T03:04:05+00:00")
    assert info.path == user_data_dir() / "saves" / "moscow-gambit.json"
    assert info.name == "Moscow gambit" and info.turn == len(logs[0].turns) + 1 and not info.is_autosave
    assert info.level_id == "testing_event"
    assert store.load("Moscow gambit") == logs[0]
    assert store.load(info.path) == logs[0]
    assert store.list() == [info]


def test_the_file_keeps_the_display_name_and_says_what_it_is(store, logs):
    info = store.save("Beijing's long game!", logs[0])
    data = json.loads(info.path.read_text(encoding="utf-8"))
    assert data["format"] == "pragmatic-partners/save" and data["version"] == 1
    assert data["name"] == "Beijing's long game!" and data["turn"] == len(logs[0].turns) + 1
    assert SaveFileSpec.model_validate(data).log == logs[0]


def test_list_is_newest_first_and_marks_autosaves(store, logs):
    store.save("old", logs[0], saved_at="2030-01-01T00:00:00+00:00")
    store.save("new", logs[1], saved_at="2030-03-01T00:00:00Z")
    store.autosave(logs[2], saved_at="2030-02-01T00:00:00+00:00")
    listed = store.list()
    assert [s.name for s in listed] == ["new", "Autosave", "old"]
    assert [s.is_autosave for s in listed] == [False, True, False]


def test_saving_again_under_the_same_name_replaces_the_save(store, logs):
    store.save("Campaign", logs[0])
    store.save("campaign", logs[1])
    assert [s.name for s in store.list()] == ["campaign"]
    assert store.load("Campaign") == logs[1]


def test_names_the_slug_cannot_spell_do_not_collide(store, logs):
    first = store.save("北京", logs[0])
    second = store.save("上海", logs[1])
    assert first.path != second.path
    assert store.load("北京") == logs[0] and store.load("上海") == logs[1]


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "..",
        ".",
        "/etc/passwd",
        "C:\\Windows\\system32",
        "CON",
        "nul",
        "lpt1",
        "",
        "   ",
        "a\x00b",
        "x" * 5000,
        "名前",
        "ÜBER 😀",
        "autosave",
        ".hidden",
        "a/b\\c",
        "trash",
    ],
)
def test_hostile_names_stay_inside_the_saves_folder(store, logs, name):
    info = store.save(name, logs[0])
    root = (user_data_dir() / "saves").resolve()
    assert info.path.resolve().parent == root
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,59}", info.path.stem), info.path.stem
    assert info.path.name not in ("autosave.json", "autosave.prev.json")
    assert store.load(name) == logs[0]
    assert sorted(p.name for p in root.iterdir()) == [info.path.name]


# Cheap examples: ten times the profile's share (see conftest).
@pytest.mark.slow
@settings(max_examples=10 * settings.default.max_examples)
@given(st.text())
def test_any_text_as_a_name_gives_a_plain_file_name(name):
    slug = slug_for(name)
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,59}", slug)
    assert slug not in {"con", "prn", "aux", "nul", "autosave", "trash"}
    root = Path(tempfile.gettempdir()) / "saves"
    assert (SaveStore(root).path_for(name)).parent == root


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=80))
def test_any_text_as_a_name_saves_and_loads_back(logs, name):
    with tempfile.TemporaryDirectory() as folder:
        store = SaveStore(Path(folder) / "saves")
        info = store.save(name, logs[0])
        assert info.path.parent == store.root
        assert store.load(name) == logs[0]
        assert [s.path for s in store.list()] == [info.path]


def damaged_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".damaged-" in p.name)


@pytest.mark.parametrize(
    "content, says",
    [
        (b'{"format": "pragmatic-partners/save", "version": 1, "name": "x", "sav', "ends too early"),
        (b'{"format": "pragmatic-partners/save",\n"version": 1,\n"name": "x" "y"}', "line 3"),
        (bytes(range(256)) * 4, "not text"),
        (b'{"hello": "world"}', "not a Pragmatic Partners save"),
        (b"[1, 2, 3]", "not a Pragmatic Partners save"),
        (b'{"format": "pragmatic-partners/replay", "version": 1}', "not a Pragmatic Partners save"),
        (b'{"format": "pragmatic-partners/save", "version": 1, "name": "x"}', "damaged"),
        (b"", "damaged"),
        (b"[" * 200_000, "data no save contains"),
        (b'{"format": "pragmatic-partners/save", "turn": ' + b"9" * 5000 + b"}", "data no save contains"),
    ],
)
def test_a_damaged_save_is_refused_set_aside_and_the_others_still_list(store, logs, content, says):
    good = store.save("good", logs[0])
    bad = store.root / "broken.json"
    bad.write_bytes(content)
    problems = store.list_problems()
    assert [p.path for p in problems] == [bad] and says in problems[0].message
    assert [s.name for s in store.list()] == ["good"]
    with pytest.raises(SaveError, match=re.escape(says)) as caught:
        store.load(bad)
    assert "moved aside to broken.damaged-1.json" in str(caught.value)
    assert not bad.exists() and (store.root / "broken.damaged-1.json").read_bytes() == content
    assert caught.value.moved_to == store.root / "broken.damaged-1.json"
    assert store.list_problems() == [] and store.load(good.path) == logs[0]


def test_a_save_edited_to_a_wrong_turn_is_damaged(store, logs):
    info = store.save("edited", logs[0])
    data = json.loads(info.path.read_text())
    data["turn"] = 1
    info.path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="turn is 1"):
        store.load("edited")
    assert damaged_files(store.root) == ["edited.damaged-1.json"]


def test_an_oversized_save_is_refused_without_reading_it(store, logs, monkeypatch):
    big = store.root / "huge.json"
    store.root.mkdir(parents=True)
    big.write_bytes(b"{" + b" " * (6 * 1024 * 1024) + b"}")
    reads = []
    real_fdopen = os.fdopen

    def watched(fd, *args, **kwargs):
        f = real_fdopen(fd, *args, **kwargs)
        real_read = f.read
        f.read = lambda n=-1: reads.append(n) or real_read(n)
        return f

    monkeypatch.setattr(atomic.os, "fdopen", watched)
    with pytest.raises(SaveError, match="over 5 MB"):
        store.load(big)
    assert reads == []
    assert damaged_files(store.root) == ["huge.damaged-1.json"]
    assert (store.root / "huge.damaged-1.json").stat().st_size > MAX_SAVE_BYTES


def test_a_folder_named_like_a_save_is_set_aside_not_deleted(store, logs):
    store.save("good", logs[0])
    folder = store.root / "folder.json"
    folder.mkdir()
    (folder / "inside.txt").write_text("keep me")
    assert [p.path for p in store.list_problems()] == [folder]
    with pytest.raises(SaveError, match="not a file"):
        store.load(folder)
    assert (store.root / "folder.damaged-1.json" / "inside.txt").read_text() == "keep me"
    assert [s.name for s in store.list()] == ["good"]


def test_set_aside_never_overwrites_an_earlier_damaged_file(store, logs):
    store.root.mkdir(parents=True)
    for n, junk in enumerate([b"one", b"two", b"three"], start=1):
        (store.root / "x.json").write_bytes(junk)
        with pytest.raises(SaveError, match=f"x.damaged-{n}.json"):
            store.load(store.root / "x.json")
    assert [(store.root / f"x.damaged-{n}.json").read_bytes() for n in (1, 2, 3)] == [
        b"one",
        b"two",
        b"three",
    ]


def test_a_save_from_a_newer_version_is_refused_but_left_in_place(store):
    store.root.mkdir(parents=True)
    future = store.root / "future.json"
    future.write_text(json.dumps({"format": "pragmatic-partners/save", "version": VERSION + 1, "stuff": []}))
    with pytest.raises(SaveError, match="newer version"):
        store.load(future)
    assert future.exists() and damaged_files(store.root) == []


def test_a_missing_save_is_an_error_not_a_crash(store):
    with pytest.raises(SaveError, match="no save"):
        store.load("never saved")


def test_load_refuses_paths_outside_the_folder_but_load_file_opens_them(store, logs, tmp_path):
    outside = tmp_path / "elsewhere.json"
    store.save("mine", logs[0])
    outside.write_bytes((store.root / "mine.json").read_bytes())
    with pytest.raises(SaveError, match="not in the saves folder"):
        store.load(outside)
    with pytest.raises(SaveError, match="not in the saves folder"):
        store.load(store.root / ".." / "elsewhere.json")
    assert store.load_file(outside) == logs[0]


def test_load_file_opens_a_bare_replay_log(store, logs, tmp_path):
    exported = tmp_path / "game.json"
    exported.write_text(logs[1].model_dump_json())
    assert store.load_file(exported) == logs[1]


def test_load_file_never_moves_a_damaged_file_outside_the_folder(store, tmp_path):
    outside = tmp_path / "junk.json"
    outside.write_bytes(b"\x00garbage")
    with pytest.raises(SaveError, match=r"junk\.json: this save is damaged"):
        store.load_file(outside)
    assert outside.read_bytes() == b"\x00garbage"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.json"]
    assert not store.root.exists()


def test_a_link_in_the_folder_cannot_lead_a_load_outside(store, logs, tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_bytes(b"private")
    store.root.mkdir(parents=True)
    (store.root / "sneaky.json").symlink_to(secret)
    with pytest.raises(SaveError, match="not in the saves folder"):
        store.load("sneaky")
    assert [p.path.name for p in store.list_problems()] == ["sneaky.json"]
    assert secret.read_bytes() == b"private"


@pytest.mark.parametrize(
    "target, error",
    [
        ("replace", OSError(28, "No space left on device")),
        ("fsync", OSError(5, "Input/output error")),
        ("fsync", KeyboardInterrupt()),
    ],
)
def test_a_crash_while_saving_leaves_the_old_save_byte_identical(store, logs, monkeypatch, target, error):
    info = store.save("precious", logs[0])
    before = info.path.read_bytes()

    def crash(*args, **kwargs):
        raise error

    # A context, not monkeypatch.undo(): undo would also drop conftest's data-folder override.
    with monkeypatch.context() as patched:
        patched.setattr(atomic.os, target, crash)
        with pytest.raises((SaveError, KeyboardInterrupt)) as caught:
            store.save("precious", logs[1])
    if isinstance(error, OSError):
        assert "the previous save is untouched" in str(caught.value)
    assert info.path.read_bytes() == before
    assert leftovers(store.root) == []
    assert [s.name for s in store.list()] == ["precious"] and store.list_problems() == []
    assert store.load("precious") == logs[0]


def test_a_crash_halfway_through_writing_shows_no_half_save(store, logs, monkeypatch):
    store.save("precious", logs[0])
    real_fdopen = os.fdopen

    def half_writer(fd, *args, **kwargs):
        f = real_fdopen(fd, *args, **kwargs)
        real_write = f.write

        def write(data):
            real_write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

        f.write = write
        return f

    with monkeypatch.context() as patched:
        patched.setattr(atomic.os, "fdopen", half_writer)
        with pytest.raises(SaveError, match="No space left"):
            store.save("precious", logs[1])
        with pytest.raises(SaveError):
            store.save("brand new", logs[1])
    assert leftovers(store.root) == []
    assert [s.name for s in store.list()] == ["precious"] and store.list_problems() == []


def test_autosave_keeps_the_previous_autosave(store, logs):
    store.autosave(logs[0])
    first = (store.root / "autosave.json").read_bytes()
    store.autosave(logs[1])
    assert (store.root / "autosave.prev.json").read_bytes() == first
    assert store.latest_autosave() == (logs[1], None)
    listed = {s.path.name: s for s in store.list()}
    assert set(listed) == {"autosave.json", "autosave.prev.json"}
    assert all(s.is_autosave for s in listed.values())


def test_latest_autosave_falls_back_when_the_newest_is_damaged(store, logs):
    store.autosave(logs[0])
    store.autosave(logs[1])
    (store.root / "autosave.json").write_bytes(b'{"format": "pragmatic-partners/save", "vers')
    log, note = store.latest_autosave()
    assert log == logs[0]
    assert "could not be used" in note and "autosave.damaged-1.json" in note
    assert damaged_files(store.root) == ["autosave.damaged-1.json"]


def test_latest_autosave_falls_back_when_the_newest_is_missing(store, logs):
    store.autosave(logs[0])
    store.autosave(logs[1])
    (store.root / "autosave.json").unlink()
    log, note = store.latest_autosave()
    assert log == logs[0] and "not finished" in note


def test_no_autosave_means_none(store):
    assert store.latest_autosave() is None


def test_both_autosaves_damaged_is_an_error_that_names_both(store, logs):
    store.autosave(logs[0])
    store.autosave(logs[1])
    for name in ("autosave.json", "autosave.prev.json"):
        (store.root / name).write_bytes(b"\xff\xfe")
    with pytest.raises(SaveError, match="failed too"):
        store.latest_autosave()
    assert damaged_files(store.root) == ["autosave.damaged-1.json", "autosave.prev.damaged-1.json"]


def test_a_damaged_autosave_is_set_aside_not_rotated_over_a_good_previous_one(store, logs):
    store.autosave(logs[0])
    store.autosave(logs[1])
    good_previous = (store.root / "autosave.prev.json").read_bytes()
    (store.root / "autosave.json").write_bytes(b"garbage")
    store.autosave(logs[2])
    assert (store.root / "autosave.prev.json").read_bytes() == good_previous
    assert (store.root / "autosave.damaged-1.json").read_bytes() == b"garbage"
    assert store.latest_autosave() == (logs[2], None)


def test_delete_moves_a_save_to_the_trash(store, logs):
    store.save("done", logs[0])
    store.save("done", logs[1])
    first = store.delete("done")
    store.save("done", logs[2])
    second = store.delete("done")
    assert first == store.root / "trash" / "done.json" and second == store.root / "trash" / "done-2.json"
    assert store.list() == []
    assert store.load_file(first) == logs[1] and store.load_file(second) == logs[2]
    with pytest.raises(SaveError, match="no save"):
        store.delete("done")


def test_saved_at_must_be_a_time(store, logs):
    with pytest.raises(ValueError, match="ISO 8601"):
        store.save("x", logs[0], saved_at="yesterday")
    assert not store.root.exists() or list(store.root.iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize("ai", ["easy", "normal", "hard"])
def test_a_game_continued_from_a_save_meets_the_same_ai_as_one_played_straight_through(ai):
    # A class that plays over three lessons saves and loads between them: the AI must go on as if
    # there had been no break, or the class report blames the group for the AI's new choices.
    from game.ai import Budget
    from game.levels import load_shipped
    from game.session.game import Game
    from game.session.replay import ReplayLog

    level = load_shipped("testing_event")
    seats = {"moscow": "human", "beijing": ai}
    # In iterations: a time would let the hard AI's plans differ with the machine's load.
    think = Budget(iterations=20)
    straight = Game.new(level, 2022, seats, think)
    broken = Game.new(level, 2022, seats, think)
    for game, turns in ((straight, 6), (broken, 3)):
        for _ in range(turns):
            game.lock("moscow", ())
            game.resolve()
    saved = ReplayLog.model_validate_json(broken.log.model_dump_json())
    resumed = Game.from_log(level, saved, seats, think)
    for _ in range(3):
        resumed.lock("moscow", ())
        resumed.resolve()
    assert [t.beijing for t in resumed.log.turns] == [t.beijing for t in straight.log.turns]
    assert resumed.state.fingerprint() == straight.state.fingerprint()


# -- rename -----------------------------------------------------------------------------------------


def test_a_save_renamed_keeps_its_game_and_time_under_the_new_name_in_the_folder(store, logs):
    info = store.save("First try", logs[0], saved_at="2030-01-02T03:04:05+00:00")
    renamed = store.rename(info.path, "Beijing's patient line")
    assert renamed.name == "Beijing's patient line" and renamed.path.parent == store.root
    assert renamed.saved_at == info.saved_at and store.load(renamed.path) == logs[0]
    assert not info.path.exists()
    assert [s.name for s in store.list()] == ["Beijing's patient line"]


def test_a_rename_to_another_saves_name_or_of_an_autosave_is_refused_and_changes_nothing(store, logs):
    first = store.save("First", logs[0])
    store.save("Second", logs[1])
    with pytest.raises(SaveError, match="already"):
        store.rename(first.path, "second")  # the same file name as "Second"
    auto = store.autosave(logs[2], slot="game-1")
    with pytest.raises(SaveError, match="autosave"):
        store.rename(auto.path, "Mine now")
    assert sorted(s.name for s in store.list()) == ["Autosave", "First", "Second"]
    assert store.load(first.path) == logs[0]


def test_a_rename_that_only_changes_the_case_keeps_one_file(store, logs):
    info = store.save("moscow plan", logs[0])
    renamed = store.rename(info.path, "Moscow plan")
    assert renamed.path == info.path and renamed.name == "Moscow plan"
    assert [s.name for s in store.list()] == ["Moscow plan"]


def test_the_previous_autosave_is_a_turn_back_not_the_same_turn_a_minute_before(store, logs):
    # A turn is autosaved after its summit and again when its plans are locked; the previous
    # autosave was then the same turn before its summit, and the turn before was gone.
    game = logs[0]
    turn = {n: game.model_copy(update={"turns": game.turns[:n]}) for n in (2, 3)}
    store.autosave(turn[2])
    store.autosave(turn[3])
    store.autosave(turn[3])  # the same turn again, a minute on
    previous = SaveFileSpec.model_validate_json((store.root / "autosave.prev.json").read_bytes())
    assert previous.turn == 3 and previous.log == turn[2]
    assert store.latest_autosave() == (turn[3], None)
    # Another game's autosave in the same slot is no turn of this one: it is kept as the previous.
    store.autosave(logs[1].model_copy(update={"turns": logs[1].turns[:3]}))
    previous = SaveFileSpec.model_validate_json((store.root / "autosave.prev.json").read_bytes())
    assert previous.log == turn[3]
