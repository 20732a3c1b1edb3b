"""The portable game keeps its data beside itself: with `--portable`, or with a `portable.txt`
beside the executable; without either, in the user's data folder. The build itself (PyInstaller)
is made and tried by scripts/build_portable.py; the slow test here runs it where PyInstaller is."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import paths


@pytest.fixture
def frozen_beside(tmp_path, monkeypatch):
    """The game as a built executable in tmp_path/game/, with no PRAGMATIC_PARTNERS_HOME."""
    folder = tmp_path / "game"
    folder.mkdir()
    monkeypatch.delenv(paths.HOME_VARIABLE, raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "pragmatic-partners"))
    return folder


def test_a_portable_txt_beside_the_executable_keeps_the_data_beside_it(frozen_beside):
    assert paths.user_data_dir() != frozen_beside / "data"
    (frozen_beside / paths.PORTABLE_MARKER).write_text("portable", encoding="utf-8")
    assert paths.user_data_dir() == frozen_beside / "data"
    assert paths.user_levels_dir() == frozen_beside / "data" / "levels"


@pytest.mark.slow
def test_the_portable_option_keeps_the_data_beside_the_game(frozen_beside, monkeypatch):
    from game.cli import main

    monkeypatch.setattr(os, "environ", dict(os.environ))  # main sets the variable for its workers
    assert main(["--portable", "levels"]) == 0
    assert paths.user_data_dir() == frozen_beside / "data"


def test_version_prints_and_exits_0(capsys):
    from game import __version__
    from game.cli import main

    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.slow
def test_the_portable_build_builds_and_runs(tmp_path):
    pytest.importorskip("PyInstaller", reason='the build extra: python -m pip install ".[build]"')
    script = Path(__file__).resolve().parent.parent / "scripts" / "build_portable.py"
    done = subprocess.run(
        [sys.executable, str(script), "--dist", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "the portable build works" in done.stdout
