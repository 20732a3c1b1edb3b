"""The news box before the first turn: the level's title first, then the whole briefing, for every
shipped level, side and language.

pygame_gui's text box feeds its HTML to the same parser again when the text needs a scroll bar,
and Python's HTML parser keeps back an unfinished end (an entity cut short, such as "&#x27") until
the next feed. The briefing was once cut at 900 characters of its escaped HTML: in two Turkish
briefings the cut fell inside an apostrophe's entity, so the first layout lost the end and the
second put it before the title ("Rusya'Stratejik ortaklık")."""

import html
from html.parser import HTMLParser

import pygame
import pytest

from game.core.level_text import in_language
from game.i18n import AVAILABLE, set_language
from game.levels import Catalogue
from game.session.game import Game
from game.ui.board.texts import news_html

SHIPPED = Catalogue.scan()
LEVELS = sorted(SHIPPED.entries)


def held_back(html_text: str) -> str:
    """What Python's HTML parser keeps back, unparsed, after being fed `html_text` once."""
    parser = HTMLParser(convert_charrefs=True)
    parser.feed(html_text)
    return parser.rawdata


def first_turn_news(lang: str, level_id: str, side: str) -> tuple[str, str, str]:
    """The level's title, the side's briefing and the news box's HTML before the first turn."""
    set_language(lang)
    level = in_language(SHIPPED.load(level_id), lang)
    other = "beijing" if side == "moscow" else "moscow"
    game = Game.new(level, 1, {side: "human", other: "normal"})
    return level.title, level.briefing.get(side, ""), news_html(game, side)


def rows(app, html_text: str) -> list[str]:
    """The text of each row of a news-sized pygame_gui text box showing `html_text`."""
    import pygame_gui

    app.load_text_fonts()
    box = pygame_gui.elements.UITextBox(html_text, pygame.Rect(0, 0, 440, 200), app.manager)
    try:
        assert box.scroll_bar is not None  # the case that lays the text out twice
        return [
            "".join(getattr(chunk, "text", "") for chunk in row.items)
            for row in box.text_box_layout.layout_rows
        ]
    finally:
        box.kill()


@pytest.mark.parametrize("lang", AVAILABLE)
@pytest.mark.parametrize("side", ["moscow", "beijing"])
@pytest.mark.parametrize("level_id", LEVELS)
def test_the_news_box_html_holds_the_whole_briefing_and_leaves_nothing_unparsed(lang, level_id, side):
    title, briefing, news = first_turn_news(lang, level_id, side)
    assert news.startswith(f"<b>{html.escape(title)}</b>")
    assert html.escape(briefing.strip()) in news
    assert held_back(news) == ""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "level_id", "side"),
    [
        ("en", "strategic_partnership", "moscow"),
        ("ru", "strategic_partnership", "moscow"),
        ("zh_CN", "strategic_partnership", "moscow"),
        ("tr", "strategic_partnership", "moscow"),
        ("tr", "nixon_surprise", "beijing"),
    ],
)
def test_the_news_box_begins_with_the_levels_title_and_ends_with_the_briefing(app, lang, level_id, side):
    title, briefing, news = first_turn_news(lang, level_id, side)
    shown = rows(app, news)
    assert shown[0].startswith(title)
    last_words = briefing.split()[-1]
    assert "".join(shown).replace("-", "").rstrip().endswith(last_words.replace("-", ""))


def test_no_row_of_a_text_box_begins_with_the_mark_that_ends_a_bold_run(app):
    # At 800x600 the briefing's first line broke between the level's title, in bold, and the
    # comma after it: the next row began ", Winter 2022." The break falls between two runs of
    # text in different styles, so a mark right after a closing tag goes inside it.
    import pygame_gui

    from game.ui.scenes.base import box_html

    app.load_text_fonts()
    news = "<b>The Testing Event (2022-2024)</b>, Winter 2022. <i>Scenario</i>; what follows."
    begun = set()
    for width in range(180, 340, 4):
        box = pygame_gui.elements.UITextBox(box_html(news), pygame.Rect(0, 0, width, 300), app.manager)
        try:
            for row in box.text_box_layout.layout_rows:
                text = "".join(getattr(chunk, "text", "") for chunk in row.items).lstrip()
                begun.add(text[:1])
        finally:
            box.kill()
    assert not begun & set(",.;:")
