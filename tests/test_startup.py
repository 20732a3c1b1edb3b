"""The game's start: what the title screen's first frame does not wait for, and what `bench`
compares it with."""

import json
import os
import subprocess
import sys

TITLE_FIRST_FRAME = """
import os, sys
os.environ["SDL_VIDEODRIVER"] = "dummy"
from game.ui.app import App, PlayOptions
from game.ui.scenes.title import TitleScene
app = App(PlayOptions(size=(800, 600)))
app.push(TitleScene(app))
app.step([])
print(sorted(m for m in sys.modules if m.startswith(("game.core", "game.session.saves", "game.levels"))))
"""


def test_the_title_screen_starts_without_the_engine_or_the_save_format(tmp_path):
    # The title draws the map behind its menu and asks whether an autosave is there; neither
    # needs the rules engine, the level format or the save format, and each would cost the first
    # frame a noticeable part of the start (`python -m game bench`: startup_per_bare_median).
    # (The settings are read with pydantic, as every file format is: they size the window.)
    out = subprocess.run(
        [sys.executable, "-c", TITLE_FIRST_FRAME], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "[]"


def test_the_bare_window_bench_measures_against_shows_a_frame_and_says_so():
    out = subprocess.run(
        [sys.executable, "-m", "game.bench_bare", "--size", "800x600"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SDL_VIDEODRIVER": "dummy"},
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.splitlines()[-1]) == {"first_frame": True}


def test_a_bench_target_is_met_at_or_under_its_bound_and_only_when_measured():
    from game.bench import TARGETS, targets

    at, over = dict(TARGETS), {k: v * 1.01 for k, v in TARGETS.items()}
    assert all(t["met"] for t in targets(at).values()) and set(targets(at)) == set(TARGETS)
    assert not any(t["met"] for t in targets(over).values())
    assert targets({"rss_mb": -1.0}) == {"rss_mb": {"at_most": 200.0, "met": False}}  # not measured
    assert targets({"turn_us_median": 5.0}) == {}


PLAY_FIRST_FRAME = """
import os, sys
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
from game.cli import main
main(["play", "--size", "800x600", "--probe", "startup"])
print(sorted(m for m in sys.modules if m.startswith(("game.core", "game.session.saves", "game.levels"))))
"""


def test_the_play_command_reaches_the_title_without_the_level_format():
    # `python -m game play` is how players and `bench` start the game: the level format is
    # loaded only when a level is named on the command line.
    out = subprocess.run([sys.executable, "-c", PLAY_FIRST_FRAME], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "[]"
