"""The game's font, Partners Sans (assets/fonts, made by scripts/make_fonts.py): Noto Sans with
the everyday Chinese characters of Noto Sans SC, so that every widget draws every language of the
game, and a text that mixes them, in one face (issue 20's defect 7: Chinese group names as boxes)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pygame
import pytest

from game.levels.glyphs import covered
from game.paths import assets_dir, pygame_gui_font_file, ui_font_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", autouse=True)
def fonts_on():
    pygame.font.init()
    yield


def test_the_games_font_is_partners_sans_from_the_assets():
    for bold in (False, True):
        path = ui_font_file(bold)
        assert path is not None and path.parent == assets_dir() / "fonts"
        assert path.name == f"PartnersSans-{'Bold' if bold else 'Regular'}.ttf"


@pytest.mark.parametrize("bold", [False, True])
def test_latin_cyrillic_and_greek_draw_pixel_for_pixel_as_noto_sans(bold):
    ours = pygame.font.Font(str(ui_font_file(bold)), 16)
    noto = pygame.font.Font(str(pygame_gui_font_file(f"NotoSans-{'Bold' if bold else 'Regular'}.ttf")), 16)
    for text in ["Governing from Moscow: partnership 37.5 (pragmatic)", "Группа А, Ωmega, Kırklareli ğüşöç"]:
        a, b = ours.render(text, True, (255, 255, 255)), noto.render(text, True, (255, 255, 255))
        assert pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(b, "RGBA")


@pytest.mark.parametrize("bold", [False, True])
def test_a_group_named_in_chinese_draws_each_character_in_a_glyph_of_its_own(bold):
    font = pygame.font.Font(str(ui_font_file(bold)), 16)
    name = "第一组上海合作组织"
    pictures = {pygame.image.tobytes(font.render(ch, True, (255, 255, 255)), "RGBA") for ch in name}
    assert len(pictures) == len(set(name))  # boxes would all be alike
    # Mixed text draws whole, in one line as wide as its parts.
    mixed = font.size("第一组 Room 4")[0]
    assert mixed == pytest.approx(font.size("第一组")[0] + font.size(" Room 4")[0], abs=2)


@pytest.mark.slow
def test_every_chinese_character_in_the_games_own_files_is_in_the_font():
    font = covered(ui_font_file().read_bytes())
    found = set()
    for folder, pattern in [("levels", "*.toml"), ("game", "*.py"), ("docs", "*.md")]:
        for path in (ROOT / folder).rglob(pattern):
            text = path.read_text(encoding="utf-8", errors="ignore")
            found |= {ch for ch in text if 0x2E80 <= ord(ch) <= 0x9FFF}
    missing = "".join(sorted(ch for ch in found if ord(ch) not in font))
    assert not missing, f"run python scripts/make_fonts.py: the font lacks {missing}"


def test_the_everyday_characters_of_gb_2312_are_all_there():
    font = covered(ui_font_file().read_bytes())
    # Rows 0xB0-0xD7 hold the 3,755 characters of its first level (row 0xD7 ends early).
    level_one = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                level_one.append(bytes((row, cell)).decode("gb2312"))
    assert len(level_one) == 3755 and all(ord(ch) in font for ch in level_one)


def test_a_new_window_draws_with_the_fonts_the_last_one_opened_and_after_pygame_stops_with_new_ones():
    # A fresh font draws each letter the first time at fifty times the cost of the next: a new
    # look or window (and the next test) reuses the open fonts, theirs and pygame_gui's. Once
    # pygame is stopped those cannot draw, and the next window opens its own.
    from game.ui.app import App, PlayOptions
    from game.ui.theme import FONT_NAME

    def window():
        app = App(PlayOptions(size=(800, 600)))
        app.load_text_fonts()
        gui = app.manager.get_theme().get_font_dictionary().find_font(16, FONT_NAME, bold=True)
        return app, gui

    first, first_gui = window()
    second, second_gui = window()
    assert second.fonts.body is first.fonts.body and second.fonts.title is first.fonts.title
    assert second_gui is first_gui
    pygame.quit()
    third, third_gui = window()
    assert third.fonts.body is not first.fonts.body and third_gui is not first_gui
    third.fonts.body.render("Partnership", True, (255, 255, 255))
    assert third_gui.size("Partnership")[0] > 0
    with pytest.raises(pygame.error):
        first.fonts.body.render("Partnership", True, (255, 255, 255))
    pygame.display.quit()


def test_a_passphrase_typed_shows_a_dot_the_games_font_draws(app):
    # pygame_gui's "●" is not in Partners Sans: the passphrase field showed a box for each letter.
    import pygame_gui

    from game.levels.glyphs import game_font_covers
    from game.ui.widgets import hide_typing

    entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(0, 0, 200, 40), manager=app.manager)
    hide_typing(entry)
    entry.set_text("owls at dawn")
    covers = game_font_covers()
    assert covers is not None and ord(entry.hidden_text_char) in covers
