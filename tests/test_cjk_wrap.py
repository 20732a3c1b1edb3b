"""Wrapped text breaks Chinese between characters (there are no spaces to break at), never before
a closing mark or after an opening one, and loses none of it; English wraps at spaces as before."""

from typing import ClassVar

import pygame
import pytest

from game.ui.widgets import break_units, wrap

CHINESE = (
    "莫斯科与北京：有限度的伙伴关系。两国在中亚既合作又竞争，（上海合作组织）是双方共同的舞台，2001年成立。"
)


@pytest.fixture(scope="module")
def font():
    from game.paths import ui_font_file

    pygame.font.init()
    return pygame.font.Font(str(ui_font_file()), 16)


def test_chinese_wraps_between_characters_and_keeps_every_one(font):
    lines = wrap(CHINESE, font, 160)
    assert len(lines) > 3
    assert all(font.size(line)[0] <= 160 for line in lines)
    assert "".join(lines) == CHINESE  # nothing cut, no space put in
    assert not any(line[0] in "，。：）" for line in lines)
    assert not any(line[-1] == "（" for line in lines)


def test_a_number_in_chinese_text_stays_whole():
    assert ("2001年", False) in break_units("于2001年成立")
    assert [u for u, _ in break_units("2023年上半年")] == ["2023年", "上", "半", "年"]


def test_a_figure_keeps_the_unit_it_counts():
    """Seen in the Sources tab: a line ended on 2023年2月24 and the next began with 日."""
    assert [u for u, _ in break_units("北京，2023年2月24日。")] == ["北", "京，", "2023年", "2月", "24日。"]


def test_a_no_break_space_keeps_a_figure_with_its_word(font):
    # The board's gauge read "Partnership 18.2: estrangement (ceiling" over "22)".
    text = "Partnership 18.2: estrangement (ceiling\u00a022)"
    lines = wrap(text, font, font.size("Partnership 18.2: estrangement (ceiling")[0] + 2)
    assert lines == ["Partnership 18.2: estrangement", "(ceiling\u00a022)"]


def test_the_gauges_title_holds_the_ceilings_figure_to_its_word(testing_event):
    from game.session.game import Game
    from game.ui.board.texts import gauge_titles

    game = Game.new(testing_event, 7, {"moscow": "human", "beijing": "normal"})
    game.state.meters["partnership_ceiling"] = 22.0
    assert all("\u00a022)" in title and " 22)" not in title for title in gauge_titles(game))


def test_english_still_wraps_at_spaces(font):
    text = "The partnership is useful and real, held back by four limits."
    lines = wrap(text, font, 200)
    assert " ".join(lines) == text and len(lines) > 1
    assert all(font.size(line)[0] <= 200 for line in lines)


def test_a_chinese_text_box_breaks_without_hyphens(app):
    from game.i18n import set_language

    set_language("zh_CN")
    try:
        scene = app.scene
        box = scene.text_box(CHINESE * 4, pygame.Rect(0, 0, 200, 400))
        rows = ["".join(getattr(c, "text", "") for c in row.items) for row in box.text_box_layout.layout_rows]
        assert len(rows) > 3 and not any(r.endswith("-") or r.startswith("-") for r in rows)
    finally:
        set_language("en")


class CountingFont(pygame.font.Font):
    """A font that notes every text it is asked to measure."""

    measured: ClassVar[list[str]] = []

    def size(self, text):
        self.measured.append(text)
        return super().size(text)


def test_a_text_broken_again_is_not_measured_again_and_breaks_the_same():
    from game.paths import ui_font_file

    pygame.font.init()
    text = "Broken once, kept: the gauge's title is broken into lines on every frame (a test's own words)."
    font = CountingFont(str(ui_font_file()), 16)
    first = wrap(text, font, 150)
    assert CountingFont.measured and len(first) > 1
    CountingFont.measured.clear()
    again = wrap(text, CountingFont(str(ui_font_file()), 16), 150)  # (a font alike: a new window's)
    assert again == first and CountingFont.measured == []
    again.append("a caller's own line")
    assert wrap(text, font, 150) == first
    larger = wrap(text, CountingFont(str(ui_font_file()), 22), 150)
    assert CountingFont.measured and len(larger) > len(first)


# Closing marks a Chinese line never begins with, and opening ones it never ends with.
NO_LINE_START = "，。、；：？！）」』》"
NO_LINE_END = "（「『《"
# A paragraph dense in marks (with a Latin word and a space in it), as the debrief and the news
# set them: at some width or other, a mark falls just past the edge of a line.
MARKED = (
    "双方在能源、金融和技术上合作：石油、天然气、煤炭；人民币结算、银行、支付系统。"
    "（这是否足够？）北京说：“不设上限”！莫斯科则称之为《全面战略协作伙伴关系》。"
    "SCO 峰会上，两国又一次表示：「我们的关系不针对第三方」，『但也不受第三方影响』。"
)


def box_rows(app, text, width):
    """The rows of a text box of `width` showing `text`, each as the text it shows."""
    box = app.scene.text_box(text, pygame.Rect(0, 0, width, 2000))
    rows = ["".join(getattr(c, "text", "") for c in row.items) for row in box.text_box_layout.layout_rows]
    box.kill()
    return rows


@pytest.mark.slow
def test_a_chinese_text_box_never_begins_a_line_with_a_closing_mark(app):
    from game.i18n import set_language

    set_language("zh_CN")
    try:
        for width in range(90, 330, 6):
            rows = box_rows(app, MARKED * 2, width)
            assert len(rows) > 3, width
            assert not [r for r in rows[1:] if r[:1] in NO_LINE_START], width
            assert not [r for r in rows[:-1] if r.rstrip()[-1:] in NO_LINE_END], width
            # Nothing added (no joiner, no hyphen), nothing lost (a space where a line breaks is
            # pygame_gui's to keep or drop).
            shown = "".join(rows).replace(" ", "").replace("\u00a0", "")
            assert shown == (MARKED * 2).replace(" ", ""), width
    finally:
        set_language("en")


def test_a_path_wider_than_the_box_is_broken_after_its_separators_not_cut():
    # "Chart saved: /root/.local/share/pragmatic-partners/exports/20261207-…" lost the file's name.
    import pygame

    from game.ui.widgets import wrap

    pygame.font.init()
    font = pygame.font.Font(None, 20)
    path = (
        "/home/a-teacher/.local/share/pragmatic-partners/exports/20261207-101500-pivot_east-seed3-chart.png"
    )
    message = f"Chart saved: {path}"
    width = font.size("20261207-101500-pivot_east-seed3-chart.png")[0] + 4  # (the file's name fits)
    lines = wrap(message, font, width)
    assert len(lines) > 2 and not any("…" in line for line in lines), lines
    assert "".join(lines).replace(" ", "") == message.replace(" ", ""), lines  # (every letter kept)
    assert all(font.size(line)[0] <= width for line in lines)
    assert lines[-1] == "20261207-101500-pivot_east-seed3-chart.png"
