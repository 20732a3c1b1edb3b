"""The saved charts (`game.charts`): drawn without a window, in a font that gives every letter of
a group's name a glyph of its own, in Chinese as in Russian (issue 20, defect 7)."""

from __future__ import annotations

import pygame
import pytest

from game.charts.png import chart_font, save_chart_png


@pytest.fixture(scope="module")
def font():
    pygame.font.init()
    return chart_font(800)


def _glyph_pictures(font, letters: str) -> set[bytes]:
    """The pictures `font` draws for each of `letters`, as bytes, each different one once."""
    return {pygame.image.tobytes(font.render(ch, True, (255, 255, 255)), "RGBA") for ch in letters}


@pytest.mark.parametrize("name", ["第一组", "Группа А", "Ομάδα", "Room 4"])
def test_every_letter_of_a_groups_name_gets_a_glyph_of_its_own(font, name):
    letters = "".join(dict.fromkeys(ch for ch in name if not ch.isspace()))
    # A font without the letters draws each as the same empty box: as many pictures as letters
    # means each letter got its own.
    assert len(_glyph_pictures(font, letters)) == len(letters)


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
    # Two groups named apart by one Chinese character: their charts differ (in boxes they would not).
    other = save_chart_png(
        tmp_path / "other.png",
        {"第二组": [50.0, 52.0, 61.0], "Группа А": [50.0, 48.0, 45.0]},
        "Partnership, group by group",
        size=(700, 400),
        bands=[(0.0, 50.0, "low"), (50.0, 100.0, "high")],
    )
    pictures = [pygame.image.tobytes(pygame.image.load(str(p)), "RGB") for p in (out, other)]
    assert pictures[0] != pictures[1]
