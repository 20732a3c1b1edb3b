"""Projector mode at 1920x1080, as a class sees it: nothing the player must read or click is
hidden or cut."""

import pygame
import pytest
from ui_driver import press

from game.session.game import Game
from game.ui.app import App, PlayOptions
from game.ui.scenes.title import TitleScene
from game.ui.widgets import label_fits


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


@pytest.mark.slow
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


def test_the_new_game_list_names_every_level_whole(projector):
    app = projector
    app.show_over("new game")
    app.step([])
    items = [c for c in app.scene.controls if c.kind == "item"]
    assert len(items) == len(app.scene.entries) >= 7
    for c in items:
        assert "…" not in c.label, c.label  # no name cut short
        assert label_fits(c.label, app.fonts.body, c.rect), c.label
    shown = " ".join(c.label.replace("\n", " ") for c in items)
    for entry in app.scene.entries:
        assert entry.title in shown, entry.title


def test_the_settings_message_about_the_scale_covers_no_button_and_no_words(projector):
    app = projector
    app.show_over("settings")
    app.step([])
    press(app, "2×")  # more than this window allows: the screen says which scale it uses
    app.step([])
    scene = app.scene
    box = scene.message_box
    assert scene.message.startswith("This window uses") and box is not None
    assert not any(box.colliderect(c.rect) for c in scene.controls if c.kind in ("button", "tab", "item"))
    assert not any(box.colliderect(rect) for _name, rect in scene.captions), scene.captions
