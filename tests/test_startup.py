"""The game's start: what the title screen's first frame does not wait for, and what `bench`
compares it with."""

import json
import os
import subprocess
import sys

import pytest

# What the title's first frame does without: the rules engine, the level format, the save format,
# pydantic (the settings are read in full just after it) and pygame_gui (the title has no text box).
LATER = ("game.core", "game.session.saves", "game.session.settings", "game.levels", "pydantic", "pygame_gui")

TITLE_FIRST_FRAME = f"""
import os, sys
os.environ["SDL_VIDEODRIVER"] = "dummy"
from game.ui.app import App, PlayOptions
from game.ui.scenes.title import TitleScene
app = App(PlayOptions(size=(800, 600)))
app.push(TitleScene(app))
app.step([])
print(sorted(m for m in sys.modules if m.startswith({LATER!r})))
"""


@pytest.mark.slow
def test_the_title_screen_starts_without_the_engine_the_save_format_pydantic_or_pygame_gui(tmp_path):
    # The title draws the map behind its menu and asks whether an autosave is there; neither
    # needs the rules engine, the level format or the save format, and each would cost the first
    # frame a noticeable part of the start (`python -m game bench`: startup_per_bare_median).
    # The window's size and look come from a quick read of the settings (game.session.look).
    out = subprocess.run(
        [sys.executable, "-c", TITLE_FIRST_FRAME], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "[]"


@pytest.mark.slow
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


PLAY_FIRST_FRAME = f"""
import os, sys
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
from game.cli import main
main(["play", "--size", "800x600", "--probe", "startup"])
print(sorted(m for m in sys.modules if m.startswith({LATER!r})))
"""


@pytest.mark.slow
def test_the_play_command_reaches_the_title_without_the_level_format_or_pydantic():
    # `python -m game play` is how players and `bench` start the game: the level format is
    # loaded only when a level is named on the command line, the settings' in full after the
    # first frame.
    out = subprocess.run([sys.executable, "-c", PLAY_FIRST_FRAME], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "[]"


def test_the_whole_settings_file_is_read_after_the_first_frame_and_a_damaged_one_still_reported(tmp_path):
    # The quick read before the first frame reports nothing and moves nothing; the full read
    # (App.settle, just after it) sets the damaged file aside, repairs it and tells the player.
    from game.paths import user_data_dir
    from game.ui.app import App, PlayOptions

    path = user_data_dir() / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"ui_scale": 1.5, "window_width": "wide"', encoding="utf-8")  # not JSON
    app = App(PlayOptions(size=(1280, 720)))
    app.show_over("title")
    app.step([])
    assert app._settings is None and path.exists()  # the first frame did not wait for it
    app.settle()
    assert [p.name for p in path.parent.glob("settings.damaged-*.json")] == ["settings.damaged-1.json"]
    assert app.settings.ui_scale == 1.0
    app.step([])
    assert "settings file is damaged" in app.scene.message and app.notice is None


def test_a_setting_only_the_full_read_takes_gives_the_window_its_look_after_the_first_frame(tmp_path):
    from game.paths import user_data_dir
    from game.ui.app import App, PlayOptions

    path = user_data_dir() / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"colour_blind": "yes", "window_width": "1000"}', encoding="utf-8")  # pydantic's lax
    app = App(PlayOptions())
    first = (app.palette, app.screen.get_size())
    app.settle()
    assert app.settings.colour_blind and app.palette is not first[0]
    assert app.screen.get_size() == (1000, 720) != first[1]
