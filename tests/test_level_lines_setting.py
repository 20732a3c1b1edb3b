"""The level files' lines (`levels/base.toml:124`) are for a level writer: a player's "why?", card
tooltips and turn story say what moved and why, and show where the numbers are set only when the
settings ask for it."""

import re

import pytest
from test_ui_scenes import choose_first_card_by_keyboard, start_game
from ui_driver import lock, press

from game.session.settings import load_settings
from game.ui.board.texts import card_why, meter_why
from game.ui.scenes.board import BoardScene

LINE = re.compile(r"[\w/]+\.toml:\d+")


def _tooltips(scene: BoardScene, sources: bool) -> str:
    game, side = scene.model.game, scene.model.side
    lines = [line for meter in game.state.meters for line in meter_why(game, meter, sources)[1]]
    for action in game.level.side_actions(side):
        lines += card_why(game, side, action, sources)[1]
    return "\n".join(lines)


def _story(resolution) -> str:
    """Every step of the turn's story, as the resolution screen shows them."""
    pages = []
    for index in range(len(resolution.steps)):
        resolution.index = index
        pages.append(resolution.step_html())
    return "\n".join(pages)


@pytest.mark.slow
def test_a_player_sees_no_level_file_lines_in_a_why_a_card_or_the_turns_story(app):
    assert not app.settings.show_sources
    start_game(app)
    scene = app.scene
    assert not LINE.search(_tooltips(scene, False))
    tip = scene.meters.tooltip("partnership")()
    assert not any(LINE.search(line) for line in tip.lines)
    choose_first_card_by_keyboard(app)
    lock(app)
    assert app.scene.name == "resolution"
    story = _story(app.scene)
    assert "from" in story and not LINE.search(story)
    # After a turn, the "why?" lists the changes, still without their lines.
    assert not LINE.search(_tooltips(scene, False))


@pytest.mark.slow
def test_a_level_writer_turns_the_lines_on_in_the_settings_and_sees_them_everywhere(app):
    press(app, "Settings")
    assert "Level file lines" in [label for label, _rect in app.scene.rows]
    press(app, "Shown")
    assert app.settings.show_sources and load_settings()[0].show_sources, "saved at once"
    assert next(c for c in app.scene.controls if c.label == "Shown").selected
    press(app, "Back")
    start_game(app)
    scene = app.scene
    shown = _tooltips(scene, True)
    assert "Defined at levels/" in shown and "Unchanged since the start (levels/" in shown
    tip = scene.meters.tooltip("partnership")()
    assert any(LINE.search(line) for line in tip.lines)
    choose_first_card_by_keyboard(app)
    lock(app)
    story = _story(app.scene)
    assert LINE.search(story)
