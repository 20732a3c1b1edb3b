"""Projector mode at 1920x1080, as a class sees it: nothing the player must read or click is
hidden or cut."""

import pygame
import pytest

from game.session.game import Game
from game.ui.app import App, PlayOptions
from game.ui.scenes.title import TitleScene


@pytest.fixture
def projector():
    app = App(PlayOptions(size=(1920, 1080)))
    app.push(TitleScene(app))
    app.remember(projector_mode=True)
    app.apply_look()
    app.step([])
    yield app
    pygame.display.quit()


def finished(app, level_id):
    game = Game.new(app.catalogue.load(level_id), 7, {"moscow": "easy", "beijing": "easy"})
    while not game.over:
        game.play_summit_agents()
        game.resolve()
    return game


def test_the_notice_of_a_best_result_covers_no_button_of_the_debrief(projector):
    app = projector
    app.notice = "Your best result on this level as Moscow, kept in New game."
    app.show_only("debrief", game=finished(app, "shanghai_five"))
    app.step([])
    app.step([])
    box = app.scene.message_box
    assert box is not None
    buttons = [c for c in app.scene.controls if c.kind in ("button", "tab")]
    assert buttons and not any(box.colliderect(c.rect) for c in buttons), box
    assert pygame.Rect((0, 0), app.size).contains(box)
