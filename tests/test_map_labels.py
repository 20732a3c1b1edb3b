"""The map's labels on the board of every level, at the smallest window, the usual one and a
projector's: no two labels touch, and each state's label sits on its own state."""

import itertools

import pygame
import pytest
from conftest import ROOT
from ui_driver import past_the_summit

from game.ui.mapview import STATES

LEVELS = sorted(p.stem for p in (ROOT / "levels").glob("*.toml") if p.stem != "base" and "." not in p.stem)
WINDOWS = [((800, 600), False), ((1280, 720), False), ((1920, 1080), True)]


def board_of(app, level):
    app.options.level = level
    app.show_only("title")
    app.show_over("new game")
    app.scene.start()
    past_the_summit(app)
    app.step([])  # drawn: the labels are placed
    assert app.scene.name == "board"
    return app.map_view


@pytest.mark.slow
@pytest.mark.parametrize("size, projector", WINDOWS, ids=["800x600", "1280x720", "projector-1920x1080"])
def test_no_two_map_labels_touch_and_each_state_label_sits_on_its_state(app, size, projector):
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)])
    app.remember(projector_mode=projector)
    app.apply_look()
    for level in LEVELS:
        view = board_of(app, level)
        labels = view.label_rects
        assert set(STATES) <= {what for what, _ in labels}, level
        for (a, ra), (b, rb) in itertools.combinations(labels, 2):
            # Grown by a pixel each way: boxes that meet edge to edge touch.
            assert not ra.inflate(2, 2).colliderect(rb), (level, a, b, ra, rb)
        layout = view._layout(view._rect.size)
        for what, r in labels:
            if what in STATES:
                local = r.move(-view._rect.x, -view._rect.y)
                cover = layout.coverage(local)
                assert cover[what] > 0 and cover[what] == max(cover.values()), (level, what, cover)
                assert layout.sits_on(what, local), (level, what, cover)
