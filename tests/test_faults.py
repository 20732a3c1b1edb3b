"""Fault injection: what hostile files do to the game. None of it may crash the game, hang it or
flood a message: named pipes, devices and links that loop where a level or a save should be, a
folder of thousands of levels, a key as long as the file, and control characters meant for the
terminal.

Each case is cheap (milliseconds), and anything that used to hang runs in a thread with a
deadline, so a regression fails here rather than stopping the suite.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import pytest

from game.session.saves import SaveError, SaveStore

ROOT = Path(__file__).resolve().parent.parent
DEADLINE = 5.0  # seconds for anything that once hung


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
