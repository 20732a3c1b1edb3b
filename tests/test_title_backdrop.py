"""The title's backdrop is drawn once and kept, in memory and in the data folder, and drawn afresh
whenever anything it depends on changes (game.ui.title_backdrop)."""

import pygame
import pytest

from game.paths import user_data_dir
from game.ui import title_backdrop


def kept_files():
    return sorted((user_data_dir() / "cache").glob("title-*.png"))


@pytest.fixture
def draws(app, monkeypatch):
    """Each time the map is drawn for the backdrop, from nothing kept (the app's own title has
    just drawn and kept one)."""
    monkeypatch.setattr(title_backdrop, "_drawn", {})
    for path in kept_files():
        path.unlink()
    made = []
    real = title_backdrop._draw
    monkeypatch.setattr(title_backdrop, "_draw", lambda a: made.append(a) or real(a))
    return made


@pytest.mark.slow
def test_the_next_start_loads_the_picture_instead_of_drawing_it(app, draws, monkeypatch):
    first = title_backdrop.backdrop(app)
    assert len(draws) == 1 and len(kept_files()) == 1
    monkeypatch.setattr(title_backdrop, "_drawn", {})  # as a new run finds it
    again = title_backdrop.backdrop(app)
    assert len(draws) == 1 and again is not first
    assert pygame.image.tobytes(again, "RGB") == pygame.image.tobytes(first, "RGB")


@pytest.mark.slow
def test_a_change_to_what_it_is_drawn_from_draws_it_afresh(app, draws, monkeypatch, tmp_path):
    source = tmp_path / "mapview_stand_in.py"
    source.write_text("one way of drawing")
    monkeypatch.setattr(title_backdrop, "SOURCES", [*title_backdrop.SOURCES, source])
    title_backdrop.backdrop(app)
    old = kept_files()
    source.write_text("another way of drawing")
    monkeypatch.setattr(title_backdrop, "_drawn", {})
    title_backdrop.backdrop(app)
    assert len(draws) == 2
    assert len(kept_files()) == 1 and kept_files() != old  # the stale picture went


@pytest.mark.slow
def test_a_damaged_picture_is_drawn_again_and_replaced(app, draws, monkeypatch):
    title_backdrop.backdrop(app)
    (path,) = kept_files()
    path.write_bytes(b"not a png")
    monkeypatch.setattr(title_backdrop, "_drawn", {})
    assert title_backdrop.backdrop(app) is not None and len(draws) == 2
    assert pygame.image.load(str(path)).get_size() == app.size
