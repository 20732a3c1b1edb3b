"""The resolution beside the board's meters: the column moves to where each phase leaves the
meters, at once with animations off, and Enter still steps on."""

import pygame
import pytest
from ui_driver import key, lock

from game.session.game import HUMAN, Game


@pytest.fixture
def resolving(app, testing_event):
    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    game.pass_summit()  # (the summit has its own tests)
    before = dict(game.state.meters)
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    board = app.scene
    board.toggle(next(a for a in board.model.ordered_actions() if board.model.why_not(a) is None).id)
    lock(app)
    assert app.scene.name == "resolution"
    return app.scene, before


def test_the_meters_start_where_the_turn_began_and_end_where_it_left_them(resolving):
    scene, before = resolving
    values = scene.values_of_steps()
    assert values[0] == before
    assert values[-1] == scene.game.state.meters
    assert scene.meters.values == before  # "Plans revealed": nothing has moved yet
    for (_title, _news, changes), after in zip(scene.steps, values, strict=True):
        for meter, value in {c.meter: c.after for c in changes}.items():  # the last change of each
            assert after[meter] == value


def test_with_animations_off_the_meters_are_at_each_step_at_once(app, resolving):
    scene, _ = resolving
    app.settings.animation_speed = "off"
    key(app, pygame.K_RETURN)  # Enter steps on: the focus is on Next phase, not on a meter
    assert scene.index == 1 and scene.meters.values == scene.values_after[1]
    assert scene.meters.moving == {c.meter for c in scene.steps[1][2]}


def test_the_meters_move_to_a_step_over_a_moment_and_settle_there(app, resolving):
    scene, _ = resolving
    app.settings.animation_speed = "normal"
    scene.next()
    moved = [m for m in scene.meters.moving if scene.values_after[0][m] != scene.values_after[1][m]]
    assert moved and scene.busy()  # the window draws every frame while they move
    scene.update(0.1)
    m = moved[0]
    start, end, now = scene.values_after[0][m], scene.values_after[1][m], scene.meters.values[m]
    assert min(start, end) < now < max(start, end)
    scene.update(2.0)
    assert scene.meters.values == scene.values_after[1] and scene.moved == 1.0


@pytest.mark.slow
def test_a_narrow_window_gives_the_log_the_width(app, testing_event):
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=800, h=600, size=(800, 600))])
    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    lock(app)
    scene = app.scene
    assert scene.meters_room() is None and scene.box.x == app.px(24)
    assert not any(c.kind == "meter" for c in scene.controls)
