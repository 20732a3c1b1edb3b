"""What a look at every screen in every language found (issue #22), held: the facilitator's deals,
the map's neighbours, the briefing's first line and the lists a screen runs together are in the
player's language, and the board's "why this plan?" field shows its hint whole at 800x600."""

import itertools
import re
from contextlib import contextmanager

import pygame
import pytest
from test_i18n_layout import board_of

from game import i18n
from game.classroom.deals import deals
from game.classroom.session import ClassroomSession
from game.core.summit import Deed, Term
from game.session.game import Game
from game.session.settings import Settings, save_settings
from game.speech.words import listed
from game.ui.app import App, PlayOptions
from game.ui.board.texts import news_html
from game.ui.map_period import SOVIET_COUNTRY_NAMES
from game.ui.mapview import COUNTRY_SPOTS, SEA_SPOTS, STATES
from game.ui.scenes.title import TitleScene

LANGUAGES = [code for code in i18n.AVAILABLE if code != i18n.DEFAULT]
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
NO_FORCE = Term("promise", "moscow", Deed("no", "force"))


def agreed_no_force(level):
    game = Game.new(level, 7, {"moscow": "human", "beijing": "human"})
    ClassroomSession.start(game, {"moscow": "team", "beijing": "team"}, "owl-42")
    game.open_summit()
    assert game.summit_move("moscow", "propose", [NO_FORCE]) is None
    assert game.summit_move("beijing", "propose", []) is None
    assert game.summit_move("beijing", "answer", {NO_FORCE.key(): "accept"}) is None
    game.close_summit()
    return game


@pytest.mark.parametrize("code", ["ru", "zh_CN"])
def test_the_facilitators_deals_say_who_is_bound_and_what_became_of_it_in_the_language(testing_event, code):
    game = agreed_no_force(testing_event)
    game.lock("moscow", ())
    game.lock("beijing", ())
    game.resolve()
    i18n.set_language(code)
    [deal] = deals(game)
    for words in (deal.who_promised(), deal.status_words(game)):
        assert not LATIN_WORD.search(words), words


def test_in_english_the_deals_still_read_as_before(testing_event):
    game = agreed_no_force(testing_event)
    [deal] = deals(game)
    assert deal.who_promised() == "Moscow proposed; binds Moscow"
    assert deal.status_words(game) == "runs until turn 4"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_maps_neighbours_and_sea_are_named_in_the_language(code):
    i18n.set_language(code)
    for name in [*COUNTRY_SPOTS, *SEA_SPOTS, *SOVIET_COUNTRY_NAMES.values()]:
        assert i18n._(name) != name, name


def test_chinese_runs_a_list_together_with_its_own_comma_and_english_with_a_comma():
    assert listed(["a", "b", "c"]) == "a, b, c"
    i18n.set_language("zh_CN")
    assert listed(["甲", "乙"]) == "甲、乙"


def test_the_briefings_first_line_takes_the_languages_punctuation(testing_event):
    i18n.set_language("zh_CN")
    game = Game.new(testing_event, 7, {"moscow": "human", "beijing": "easy"})
    first = news_html(game, "moscow").split("<br>")[0]
    assert "</b>，" in first and first.endswith("。"), first


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_why_this_plan_hint_shows_whole_at_800x600(code):
    save_settings(Settings(animation_speed="off"))
    app = App(PlayOptions(size=(800, 600), language=code))
    try:
        app.push(TitleScene(app))
        app.step([])
        board = board_of(app)
        entry = board.reason.entry
        hint = entry.placeholder_text
        assert app.fonts.body.size(hint)[0] + app.px(16) <= entry.relative_rect.width, hint
    finally:
        pygame.display.quit()


@pytest.mark.slow
def test_a_turns_plans_are_told_with_the_languages_colon_and_comma(testing_event):
    save_settings(Settings(animation_speed="off"))
    app = App(PlayOptions(size=(1280, 720), language="zh_CN"))
    try:
        game = Game.new(testing_event, 7, {"moscow": "easy", "beijing": "easy"})
        game.play_summit_agents()
        report = game.resolve()
        app.show_only("resolution", game=game, report=report)
        app.step([])
        _title, plans, _changes = app.scene.steps[0]
        assert plans[0].startswith("莫斯科：") and plans[1].startswith("北京："), plans
        assert not any(", " in line for line in plans), plans
        app.show_only("debrief", game=game)
        app.step([])
        decisions = app.scene.decisions_html()
        assert "莫斯科：" in decisions and "莫斯科: " not in decisions
    finally:
        pygame.display.quit()


def test_a_summits_record_names_each_terms_outcome_with_the_languages_colon(testing_event):
    from game.session.summit_table import Entry
    from game.ui.summit.words import entry_lines

    i18n.set_language("zh_CN")
    [(agreed, words, _why)] = entry_lines(testing_event, [Entry(term=NO_FORCE, agreed=True)])
    assert agreed and words.startswith("已达成：")


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("size", [(800, 600), (1280, 720)], ids=["800x600", "1280x720"])
def test_no_two_map_labels_touch_in_the_language(code, size):
    """As tests/test_map_labels.py holds them in English: Chinese names, set in the game's font,
    must not grow a state's label over its neighbour's."""
    save_settings(Settings(animation_speed="off"))
    app = App(PlayOptions(size=size, language=code))
    try:
        app.push(TitleScene(app))
        app.step([])
        board_of(app)
        app.step([])
        labels = app.map_view.label_rects
        assert set(STATES) <= {what for what, _ in labels}
        for (a, ra), (b, rb) in itertools.combinations(labels, 2):
            assert not ra.inflate(2, 2).colliderect(rb), (a, b, ra, rb)
    finally:
        pygame.display.quit()


def hints_cut(app):
    """The text fields on the screen whose hint is wider than the field."""
    import pygame_gui

    return [
        (el.placeholder_text, el.font.size(el.placeholder_text)[0], el.relative_rect.width)
        for el in app.manager.get_sprite_group().sprites()
        if isinstance(el, pygame_gui.elements.UITextEntryLine)
        and el.visible
        and el.font.size(el.placeholder_text)[0] + 12 > el.relative_rect.width
    ]


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_classrooms_text_fields_show_their_hints_whole_at_800x600(code, testing_event):
    save_settings(Settings(animation_speed="off"))
    app = App(PlayOptions(size=(800, 600), language=code))
    try:
        app.push(TitleScene(app))
        app.step([])
        for name in ("classroom set-up", "join a class"):
            app.show_only(name)
            app.step([])
            assert not hints_cut(app), name
        game = agreed_no_force(testing_event)
        app.show_only("facilitator", game=game)
        app.step([])
        assert not hints_cut(app)
        app.show_only("facilitator deals", game=game)
        app.step([])
        assert not hints_cut(app)
    finally:
        pygame.display.quit()


def test_a_tooltips_long_title_wraps_rather_than_lose_its_end():
    """A card's tooltip in Turkish at 800x600 lost its cost, "(maliyet 2)", to an ellipsis."""
    from game.ui.widgets import Tooltip, draw_tooltip

    save_settings(Settings(animation_speed="off"))
    app = App(PlayOptions(size=(800, 600), language="tr"))
    try:
        surface = pygame.Surface((800, 600))
        short = draw_tooltip(surface, Tooltip("Kısa", ["bir"]), (10, 10), app.palette, app.fonts)
        title = "ÇHKO'yu stratejik tatbikatlara davet et (maliyet 2) " * 2
        long = draw_tooltip(surface, Tooltip(title, ["bir"]), (10, 10), app.palette, app.fonts)
        assert long.height >= short.height + app.fonts.bold.get_linesize()
    finally:
        pygame.display.quit()


def test_a_cards_name_is_quoted_in_the_languages_marks():
    from game.speech.words import quoted

    assert quoted("Sell gas") == "“Sell gas”"
    i18n.set_language("ru")
    assert quoted("Продать газ") == "«Продать газ»"


def test_a_quoted_name_with_quotation_marks_of_its_own_takes_the_inner_marks():
    """Seen at the summit in Chinese: 打出“签署“西伯利亚力量2号””, the marks run together."""
    from game.speech.words import quoted

    i18n.set_language("zh_CN")
    assert quoted("签署“西伯利亚力量2号”") == "“签署‘西伯利亚力量2号’”"
    i18n.set_language("ru")
    assert quoted("Подписать «Силу Сибири — 2»") == "«Подписать „Силу Сибири — 2“»"
    assert quoted("Продать газ") == "«Продать газ»"
    i18n.set_language("en")
    assert quoted("Sign “Power of Siberia 2”") == "“Sign ‘Power of Siberia 2’”"


def test_a_meters_why_is_headed_with_the_languages_colon(testing_event):
    from game.ui.board.texts import meter_why

    game = Game.new(testing_event, 7, {"moscow": "human", "beijing": "easy"})
    assert meter_why(game, "partnership")[0] == "Partnership: 53.0"
    i18n.set_language("zh_CN")
    assert meter_why(game, "partnership")[0] == "伙伴关系：53.0"


def test_a_chinese_text_box_breaks_no_line_between_a_word_and_its_figure():
    """pygame_gui breaks a text box's lines at spaces only: "北京可提出 3 项" broke after 提出."""
    from game.ui.scenes.base import box_html

    text = "你可提出 2 项条款，北京可提出 3 项。Natural Earth 2022 年"
    assert box_html(text) == text
    i18n.set_language("zh_CN")
    shown = box_html(text)
    assert " 2 " not in shown and " 3 " not in shown and "Natural Earth" in shown
    assert shown.replace("\u00a0", " ") == text


def test_every_city_on_the_map_is_marked_and_named_in_russian_and_chinese():
    import tomllib
    from conftest import ROOT

    from game.ui.map_period import PLACE_NAMES

    places = tomllib.loads((ROOT / "assets" / "map" / "places.toml").read_text(encoding="utf-8"))["place"]
    names = {p["name"] for p in places} | {n["name"] for p in places for n in p.get("names", ())}
    assert names == set(PLACE_NAMES)
    for code in ("ru", "zh_CN"):
        i18n.set_language(code)
        assert not [name for name in names if i18n._(name) == name], code


@pytest.mark.parametrize("code", ["ru", "zh_CN", "tr"])
def test_the_best_result_names_the_opponent_in_the_language(code):
    # A record keeps its opponent in English ("normal AI", "a second player"); the New game screen
    # says it in the player's language.
    from game.session.records import BestResult
    from game.ui.scenes.newgame import best_words

    i18n.set_language(code)
    try:
        for kept in ("a second player", "normal AI"):
            best = BestResult(score=61.0, won=True, outcome="", opponent=kept, when="2026-12-03")
            assert kept not in best_words(best, "Moscow", [50.0])
    finally:
        i18n.set_language("en")


@contextmanager
def facilitator_panel(level, size, code):
    """The facilitator's panel over a session of `level`, in a window of `size` in language `code`."""
    save_settings(Settings(animation_speed="off"))
    app = App(PlayOptions(size=size, language=code))
    try:
        app.push(TitleScene(app))
        app.step([])
        app.show_only("facilitator", game=agreed_no_force(level))
        app.step([])
        yield app
    finally:
        pygame.display.quit()


def meter_buttons(scene) -> dict[str, str]:
    """Each meter the panel offers, by the label of its button, over all its pages."""
    from game.ui.scenes.facilitator import ADJUSTABLE, meter_names

    named: dict[str, str] = {}
    for _page in range(len(ADJUSTABLE)):
        for meter in ADJUSTABLE:
            named.update({c.label: meter for c in scene.controls if c.label in meter_names(meter)})
        if len(named) == len(ADJUSTABLE) or not scene.meter_page_label:
            break
        scene.meter_turn(1)  # (what the meters' Next > does)
        scene.rebuild()
    return named


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_facilitators_meter_buttons_name_their_meters_whole_at_800x600(code, testing_event):
    # In Turkish the button for Moscow's influence in Central Asia read "Orta Asya: Moskova e…".
    from game.ui.scenes.facilitator import ADJUSTABLE

    with facilitator_panel(testing_event, (800, 600), code) as app:
        assert sorted(meter_buttons(app.scene).values()) == sorted(ADJUSTABLE)


@pytest.mark.slow
@pytest.mark.parametrize("size", [(800, 600), (1280, 720)])
@pytest.mark.parametrize("code", ["en", *LANGUAGES])
def test_the_facilitators_buttons_name_a_meter_and_its_twin_alike(code, size, testing_event):
    # The panel read "C. Asia: Moscow" beside "Central Asia: Beijing influence".
    from game.ui.scenes.facilitator import meter_names

    with facilitator_panel(testing_event, size, code) as app:
        form = {meter: meter_names(meter).index(label) for label, meter in meter_buttons(app.scene).items()}
        twins = [(f"moscow.{m}", f"beijing.{m}") for m in ("economy", "security", "standing", "capital")]
        twins += [("central_asia.moscow", "central_asia.beijing")]
        assert all(form[m] == form[t] for m, t in twins), form


@pytest.mark.slow
@pytest.mark.parametrize(("code", "size"), [("en", (800, 600)), ("ru", (800, 600)), ("en", (1280, 720))])
def test_the_facilitators_passing_message_covers_neither_the_heading_nor_a_control(code, size, testing_event):
    # "Press “Really end?” ..." was raised to the panel's top, over its heading: the panel is
    # buttons and lists from top to foot.
    with facilitator_panel(testing_event, size, code) as app:
        scene = app.scene
        scene.end()  # (what the first press of End session does)
        app.step([])
        box = scene.message_box
        assert scene.message and box.width > 0
        assert not box.colliderect(scene.head_rect)
        assert not [c.label for c in scene.controls if box.colliderect(c.rect)]
        assert box.collidelist([r for name, r in scene.captions if name != "this turn so far"]) == -1
        assert app.screen.get_rect().contains(box)


def test_the_ui_scales_are_written_with_the_languages_decimal_mark():
    # The Turkish settings read "Arayüz ölçeği (1.2× kullanımda)" beside "+3,0" everywhere else.
    save_settings(Settings(animation_speed="off"))
    app = App(PlayOptions(size=(1280, 720), language="tr"))
    try:
        app.push(TitleScene(app))
        app.step([])
        app.show_over("settings")
        app.step([])
        labels = {c.label for c in app.scene.controls}
        assert "1,5×" in labels and "1.5×" not in labels
    finally:
        pygame.display.quit()


def test_the_maps_letters_and_figures_are_in_the_language_in_force(testing_event):
    # A Russian map read "M 50  B 40  W 9.7": "B" names nothing in Russian, and the decimal mark
    # was a point where every other figure on the screen has a comma.
    from game.classroom.language import speaking
    from game.core.engine import Forecast
    from game.session.game import HUMAN, Game
    from game.speech.sides import power_letter
    from game.ui.board.texts import map_ghosts

    game = Game.new(testing_event, 3, {"moscow": HUMAN, "beijing": HUMAN})
    now = game.state.meters
    now["kazakhstan.moscow"], now["kazakhstan.beijing"], now["kazakhstan.west"] = 40.3, 40.0, 19.7
    meters = dict(now)
    # Moscow's 40.3 -> 40.4 rounds to 40 either way, so the forecast shows it to a tenth.
    meters["kazakhstan.moscow"], meters["kazakhstan.beijing"], meters["kazakhstan.west"] = 40.4, 42.0, 17.6
    forecast = Forecast((), (), meters, ())
    with speaking("ru"):
        assert [power_letter(p) for p in ("moscow", "beijing", "west")] == ["М", "П", "З"]
        exact, whole = map_ghosts(game, forecast)["kazakhstan"]
        assert exact.startswith("М ") and "  П " in exact and "  З " in exact, exact
        assert "," in exact.split("  ")[0] and "." not in exact, exact
        assert whole.startswith("М ") and "," not in whole
    with speaking("en"):
        exact, _whole = map_ghosts(game, forecast)["kazakhstan"]
        assert exact.startswith("M ") and "  B " in exact and "." in exact.split("  ")[0]
