"""Fault injection: what a full disk, a read-only data folder or a file in its place, a kill in the
middle of a write, a second copy of the game and hostile files do. None of it may crash the game or
lose what the player had: every failure is a message that says where the data folder is, and every
write leaves the old file or the new one, never half of either.

Each case is cheap (milliseconds; the one subprocess, killed mid-write, a fraction of a second),
and anything that used to hang runs in a thread with a deadline, so a regression fails here rather
than stopping the suite.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from game.paths import user_data_dir
from game.session import atomic
from game.session.replay import ReplayLog
from game.session.saves import SaveError, SaveStore
from game.session.settings import Settings, load_settings, save_settings, settings_path

ROOT = Path(__file__).resolve().parent.parent
DEADLINE = 5.0  # seconds for anything that once hung


def a_log(turns: int = 0) -> ReplayLog:
    log = ReplayLog(level_id="testing_event", level_hash="x" * 64, seed=7)
    for _ in range(turns):
        log.record({"moscow": (), "beijing": ()})
    return log


def failing(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


# -- the three ways a data folder fails ----------------------------------------------------------


def disk_full(monkeypatch) -> str:
    # The temporary file is made, then flushing it to the disk fails, as on a full disk.
    monkeypatch.setattr(atomic.os, "fsync", failing(errno.ENOSPC))
    return "the disk is full"


def read_only(monkeypatch) -> str:
    # (Tests may run as root, whom permissions do not stop: the refusal is injected.)
    monkeypatch.setattr(atomic.tempfile, "mkstemp", failing(errno.EROFS))
    return "the disk is read-only"


def replaced_by_a_file(monkeypatch) -> str:
    home = user_data_dir()
    home.parent.mkdir(parents=True, exist_ok=True)
    if home.exists():
        home.rename(home.with_name("moved away"))
    home.write_text("not a folder")
    return "a file stands where a folder should be"


FAULTS = [disk_full, read_only, replaced_by_a_file]


@pytest.mark.parametrize("fault", FAULTS)
def test_a_save_that_cannot_be_written_is_a_message_saying_where_the_saves_are(fault, monkeypatch):
    if fault is not replaced_by_a_file:
        SaveStore().save("Before", a_log(1))
        before = SaveStore().path_for("Before").read_bytes()
    why = fault(monkeypatch)
    store = SaveStore()
    for write in (lambda: store.save("Before", a_log(2)), lambda: store.autosave(a_log(2))):
        with pytest.raises(SaveError) as caught:
            write()
        # An OSError: the board and the menu catch OSError around a save and go on.
        assert isinstance(caught.value, OSError)
        assert why in str(caught.value) and str(store.root) in str(caught.value)
    if fault is not replaced_by_a_file:
        assert store.path_for("Before").read_bytes() == before
        assert not list(store.root.glob(".*.tmp"))


@pytest.mark.parametrize("fault", FAULTS)
def test_settings_and_progress_that_cannot_be_written_are_a_message_and_still_apply(fault, monkeypatch):
    from game.session.settings import update_settings

    if fault is not replaced_by_a_file:
        save_settings(Settings(ui_scale=1.5))
        before = settings_path().read_bytes()
    why = fault(monkeypatch)
    mine = Settings(ui_scale=1.5)
    mine, message = update_settings(mine, {"colour_blind": True})
    assert mine.colour_blind and mine.ui_scale == 1.5  # in force until the game closes
    assert message and why in message and str(user_data_dir()) in message
    mine, message = update_settings(mine, {"finished_levels": ["testing_event"]})
    assert mine.finished_levels == ["testing_event"] and message and why in message
    if fault is not replaced_by_a_file:
        assert settings_path().read_bytes() == before


@pytest.mark.parametrize("fault", FAULTS)
def test_a_best_result_that_cannot_be_written_is_a_message_and_the_old_records_stay(fault, monkeypatch):
    from game.session.records import BestResult, record_result, records_path

    def result(score):
        return BestResult(score=score, won=False, outcome="x", opponent="easy AI", when="2026-12-03")

    if fault is not replaced_by_a_file:
        record_result("mini", "moscow", result(30))
        before = records_path().read_bytes()
    why = fault(monkeypatch)
    records, best, message = record_result("mini", "moscow", result(60))
    assert best and records.best_of("mini", "moscow").score == 60  # known until the game closes
    assert message and why in message and str(user_data_dir()) in message
    if fault is not replaced_by_a_file:
        assert records_path().read_bytes() == before


@pytest.mark.parametrize("fault", FAULTS)
def test_exports_that_cannot_be_written_are_a_message_saying_where(fault, monkeypatch, testing_event):
    from game.classroom.session import ClassroomSession
    from game.session.data_folder import DataFolderError
    from game.session.game import Game

    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42")
    why = fault(monkeypatch)
    with pytest.raises(DataFolderError, match=why) as caught:
        session.export()
    assert "exports" in str(caught.value)


def test_a_passphrase_that_cannot_be_kept_still_opens_the_panel_until_the_game_closes(
    monkeypatch, testing_event
):
    from game.classroom.session import ClassroomSession
    from game.session.game import Game

    why = disk_full(monkeypatch)
    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42")
    assert session.notice and why in session.notice
    assert session.unlock("owl-42")


@pytest.mark.slow
def test_a_full_disk_never_stops_the_game(app, monkeypatch):
    import pygame
    from ui_driver import key, past_the_summit, press

    why = disk_full(monkeypatch)
    press(app, "New game")
    key(app, pygame.K_s)  # Start: the level and side played last cannot be remembered
    app.step([])
    # The first level in the list, the tutorial, holds no summit; a level with one shows it first.
    assert app.scene.name in ("summit", "board") and why in app.scene.message
    past_the_summit(app)
    assert app.scene.name == "board"
    key(app, pygame.K_l)  # an empty plan is locked only when asked twice
    key(app, pygame.K_l)  # the turn resolves; its autosave cannot be written
    app.step([])
    assert app.scene.name == "resolution"
    assert app.scene.message.startswith("The autosave could not be written: the disk is full")
    key(app, pygame.K_s)  # on to the next turn's board
    key(app, pygame.K_m)
    press(app, "Save game")
    assert app.scene.message.startswith("Could not save: the disk is full")
    assert str(user_data_dir() / "saves") in app.scene.message


# -- a kill in the middle of each kind of write --------------------------------------------------


def write_kinds(testing_event):
    """Each kind of write the game makes, as (name, the file it replaces, write it)."""
    from game.classroom import keys
    from game.classroom.session import ClassroomSession
    from game.session.game import Game
    from game.session.settings import update_settings

    store = SaveStore()
    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42")
    folder = session.export()
    key_file = next((user_data_dir() / "facilitator").glob("*.json"))
    store.save("Mine", a_log(1))
    store.autosave(a_log(1))
    save_settings(Settings())
    return [
        ("save", store.path_for("Mine"), lambda: store.save("Mine", a_log(2))),
        ("autosave", store.root / "autosave.json", lambda: store.autosave(a_log(2))),
        ("settings", settings_path(), lambda: update_settings(Settings(), {"ui_scale": 2.0})),
        ("progress", settings_path(), lambda: update_settings(Settings(), {"finished_levels": ["x"]})),
        ("exports", folder / "session.json", session.export),
        ("facilitator key", key_file, lambda: keys.store(session.spec, "testing_event", 3, "scrypt$00$00")),
    ]


def test_a_kill_between_writing_and_renaming_leaves_every_kind_of_file_as_it_was(monkeypatch, testing_event):
    def killed(*args):
        raise KeyboardInterrupt  # what a signal does between the write and the rename

    for name, path, write in write_kinds(testing_event):
        before = path.read_bytes()
        with monkeypatch.context() as patched:
            patched.setattr(atomic.os, "replace", killed)
            with pytest.raises(KeyboardInterrupt):
                write()
        assert path.read_bytes() == before, name
        assert not list(path.parent.glob(".*.tmp")), name


KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from game.session import atomic
atomic.os.replace = lambda *a: time.sleep(60)  # the rename never comes: killed before it
atomic.write_atomic(Path(sys.argv[1]), b"half of something new")
"""


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is a POSIX signal")
def test_a_process_killed_mid_save_leaves_the_old_file_and_its_litter_is_cleared_at_the_next_start():
    from game.session.data_folder import tidy

    saves = user_data_dir() / "saves"
    SaveStore().save("Mine", a_log(1))
    target = SaveStore().path_for("Mine")
    before = target.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)], env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + DEADLINE
        while not list(saves.glob(".*.tmp")) and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.01)
        time.sleep(0.05)  # the child is written and waiting for a rename that never comes
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    litter = list(saves.glob(".*.tmp"))
    assert target.read_bytes() == before and len(litter) == 1
    # A start soon after leaves it (it could be another window's write in progress); later, it goes.
    assert tidy() == []
    old = time.time() - 3600
    os.utime(litter[0], (old, old))
    assert tidy() == litter and not litter[0].exists()
    assert SaveStore().load("Mine") == a_log(1)


# -- two copies of the game at once -------------------------------------------------------------


def test_two_windows_keep_each_others_settings_and_progress():
    from game.session.settings import update_settings

    first, _ = load_settings()
    second, _ = load_settings()  # both read the file before either writes
    first, _ = update_settings(first, {"ui_scale": 1.5})
    second, _ = update_settings(second, {"colour_blind": True})
    first, _ = update_settings(first, {"finished_levels": [*first.finished_levels, "shanghai_five"]})
    second, _ = update_settings(second, {"finished_levels": [*second.finished_levels, "nixon_surprise"]})
    on_disk, message = load_settings()
    assert message is None
    assert on_disk.ui_scale == 1.5 and on_disk.colour_blind
    assert on_disk.finished_levels == ["shanghai_five", "nixon_surprise"]
    # Each window's own copy holds the other's changes too, from its last write.
    assert second.ui_scale == 1.5 and second.finished_levels == on_disk.finished_levels


def test_a_window_finishing_a_level_never_takes_another_windows_progress_back():
    from types import SimpleNamespace

    from game.session.settings import update_settings
    from game.ui.app import App

    window = SimpleNamespace(settings=load_settings()[0], notice=None)
    update_settings(load_settings()[0], {"finished_levels": ["shanghai_five"]})  # another window
    App.remember(window, finished_levels=[*window.settings.finished_levels, "testing_event"])  # stale
    assert load_settings()[0].finished_levels == ["shanghai_five", "testing_event"]
    assert window.settings.finished_levels == ["shanghai_five", "testing_event"] and window.notice is None


# -- hostile files -------------------------------------------------------------------------------


def finishes(work, *args):
    """Run `work(*args)` in a thread; its result, or pytest.fail if it is still running at the deadline."""
    out: dict = {}

    def run():
        try:
            out["result"] = work(*args)
        except BaseException as e:
            out["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(DEADLINE)
    if thread.is_alive():
        pytest.fail(f"{getattr(work, '__name__', work)} did not finish in {DEADLINE} s")
    if "error" in out:
        raise out["error"]
    return out["result"]


@pytest.fixture
def fifo():
    """Makes named pipes; whoever still waits on one is let go at the end (a test that hangs on
    one must fail, not stay hung)."""
    made: list[Path] = []

    def make(path: Path) -> Path:
        os.mkfifo(path)
        made.append(path)
        return path

    yield make
    for path in made:
        with contextlib.suppress(OSError):  # (nobody was waiting)
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")


@needs_fifo
def test_a_named_pipe_called_like_a_level_is_an_error_not_a_hang(fifo, tmp_path):
    from game.levels import Catalogue
    from game.levels.validate import validate_paths

    fifo(tmp_path / "level.toml")
    catalogue = finishes(Catalogue.scan, [tmp_path])
    assert [p.message for p in catalogue.problems] == [
        "cannot read the file: it is a folder, a pipe or a device"
    ]
    assert [p.message for p in finishes(validate_paths, [tmp_path])] == [catalogue.problems[0].message]


@needs_fifo
def test_a_named_pipe_as_a_replay_or_a_save_is_an_error_not_a_hang(fifo, tmp_path, capsys):
    from game import cli

    path = fifo(tmp_path / "replay.json")
    assert finishes(cli.main, ["replay", str(path)]) == 1
    assert "it is a folder, a pipe or a device" in capsys.readouterr().err
    with pytest.raises(SaveError, match="device, not a file"):
        finishes(SaveStore().load_file, path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_as_a_replay_is_refused_before_reading_it(capsys):
    from game import cli

    assert finishes(cli.main, ["replay", "/dev/zero"]) == 1
    assert "it is a folder, a pipe or a device" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix", reason="making links needs a privilege on Windows")
def test_a_link_that_loops_in_a_levels_folder_is_an_error_not_a_traceback(tmp_path):
    from game.levels import Catalogue
    from game.levels.validate import validate_paths

    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    catalogue = Catalogue.scan([tmp_path])
    assert [p.message for p in catalogue.problems] == [
        "cannot read the file: a symbolic link that leads round in a loop"
    ]
    assert [p.message for p in validate_paths([tmp_path])] == [p.message for p in catalogue.problems]


def test_a_folder_of_thousands_of_levels_is_read_only_up_to_its_bound(tmp_path):
    from game.levels import Catalogue
    from game.levels.spec import MAX_FOLDER_FILES

    for i in range(MAX_FOLDER_FILES + 5):
        (tmp_path / f"mod{i:04d}.toml").write_bytes(b"=")
    problems = Catalogue.scan([tmp_path]).problems
    assert len(problems) == MAX_FOLDER_FILES + 1
    assert f"{MAX_FOLDER_FILES + 5:,} level files; only the first {MAX_FOLDER_FILES}" in problems[0].message


def test_a_key_as_long_as_the_file_is_quoted_by_its_start():
    from game.levels.parse import read_level_file

    key = "k" * 900_000
    data = f'schema_version = 1\nid = "big"\nextends = "base"\n"{key}" = 1\n'.encode()
    (problem,) = read_level_file(Path("big.toml"), "big.toml", data).problems
    assert len(str(problem)) < 300 and "900,000 characters" in problem.message


def test_a_level_id_as_long_as_a_command_line_is_quoted_by_its_start(catalogue):
    from game.levels import LevelError

    with pytest.raises(LevelError) as caught:
        catalogue.load("x" * 100_000)
    (problem,) = caught.value.problems
    assert len(problem.message) < 200 and "(100,000 characters)" in problem.message


@pytest.mark.parametrize("field", ["name", "saved_at"])
def test_a_control_character_in_a_saves_text_makes_it_a_damaged_save_not_a_crash(field):
    store = SaveStore()
    info = store.save("Fine", a_log(1))
    data = json.loads(info.path.read_text())
    data[field] = data[field][:2] + "\u0000" + data[field][2:]
    info.path.write_text(json.dumps(data))
    assert store.list() == []  # the Load screen draws only what it can
    (problem,) = store.list_problems()
    assert "control character (U+0000)" in problem.message
    with pytest.raises(SaveError, match="damaged"):
        store.load("Fine")


def test_a_control_character_in_a_settings_value_resets_that_setting_alone():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"ui_scale": 1.5, "last_level": "testing\u0000event"}))
    settings, message = load_settings()
    assert settings.ui_scale == 1.5 and settings.last_level is None
    assert message and "last_level" in message


def test_a_group_name_with_control_characters_is_kept_without_them(testing_event):
    from game.classroom.session import ClassroomSession
    from game.session.game import Game

    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(
        game, {"moscow": "team", "beijing": "easy"}, "owl-42", group="Room\u00004\u001b[2J A"
    )
    assert session.spec.group == "Room4[2J A"


@pytest.mark.skipif(os.name != "posix", reason="Windows takes no control characters in file names")
def test_levels_sends_the_terminal_no_control_sequence_from_a_mods_title_or_file_name(tmp_path, capsys):
    from game import cli

    (tmp_path / "turned.toml").write_text(
        'schema_version = 1\nid = "turned"\nextends = "base"\nplayable = true\ntitle = "Safe \u202egnirts"\n',
        encoding="utf-8",
    )
    (tmp_path / "\x1b[31mred.toml").write_text("=")
    cli.main(["levels", "--levels", str(tmp_path)])
    out, err = capsys.readouterr()
    assert "Safe ?gnirts" in out and "?[31mred.toml" in err
    assert not any(ch in out + err for ch in "\x1b\u202e")


def test_a_level_extending_a_ruleset_without_start_values_is_reported_not_a_crash(tmp_path):
    # The compiler's warnings worked out the ceiling at the start from start values a bare
    # ruleset leaves to the levels that extend it: a KeyError traceback instead of a message.
    from game.levels.validate import validate_paths

    (tmp_path / "base_rules.toml").write_text(
        'schema_version = 1\nid = "base_rules"\ntitle = "B"\nplayable = false\nturns = 8\n', encoding="utf-8"
    )
    (tmp_path / "child.toml").write_text(
        'schema_version = 1\nid = "child"\ntitle = "C"\nplayable = false\nextends = "base_rules"\n',
        encoding="utf-8",
    )
    problems = validate_paths([str(tmp_path / "base_rules.toml"), str(tmp_path / "child.toml")])
    assert problems and all(p.line >= 1 for p in problems)
