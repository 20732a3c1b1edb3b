"""The interface's languages: the catalogues compile and load, numbers follow the language, and the
language comes from the command line, the settings or the system, in that order."""

import json
import re
from typing import get_args

import pytest

from game import i18n
from game.i18n import _, format_number, n_, set_language


# -- the catalogues ----------------------------------------------------------------------------
def test_every_available_language_loads_and_english_is_the_text_itself():
    for code in i18n.AVAILABLE:
        assert set_language(code) == code
        assert i18n.current_language() == code
    set_language("en")
    assert _("Settings") == "Settings"
    assert n_("{n} turn", "{n} turns", 1) == "{n} turn"
    assert n_("{n} turn", "{n} turns", 3) == "{n} turns"


def test_a_message_without_a_translation_falls_back_to_english():
    set_language("ru")
    assert _("No such message in any catalogue") == "No such message in any catalogue"


def test_a_system_locale_is_taken_to_the_nearest_language_and_an_unknown_one_to_english():
    assert set_language("ru_RU.UTF-8") == "ru"
    assert set_language("zh_TW") == "zh_CN"
    assert set_language("pt_BR") == "en"


def test_a_po_is_compiled_into_the_cache_once_and_again_when_it_changes(tmp_path):
    po = tmp_path / "ru.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "Back"\nmsgstr "Назад"\n',
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    first = i18n.compiled(po, "ru", cache)
    mo = first / "ru" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    assert mo.is_file()
    assert i18n.compiled(po, "ru", cache) == first  # not made again
    po.write_text(po.read_text(encoding="utf-8").replace("Назад", "Обратно"), encoding="utf-8")
    second = i18n.compiled(po, "ru", cache)
    assert second != first
    import gettext

    assert gettext.translation(i18n.DOMAIN, second, languages=["ru"]).gettext("Back") == "Обратно"
    assert not list(i18n.LOCALE_DIR.rglob("*.mo")), "nothing is compiled into the package"


def test_the_compiled_catalogues_go_in_the_games_own_data_folder(tmp_path, monkeypatch):
    # A portable copy, and every test, writes only inside its data folder: the catalogues too.
    monkeypatch.setenv("PRAGMATIC_PARTNERS_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(i18n, "_loaded", {})
    try:
        set_language("tr")
        assert list((tmp_path / "home" / "cache" / "locale").rglob(f"tr/LC_MESSAGES/{i18n.DOMAIN}.mo"))
    finally:
        set_language("en")


def test_the_settings_and_the_command_line_know_the_same_languages():
    from game.commands.arguments import LANGUAGES, PSEUDO_LANGUAGE
    from game.session.look import LANGUAGES as LOOK_LANGUAGES
    from game.session.settings import Settings

    assert LANGUAGES == LOOK_LANGUAGES == i18n.AVAILABLE
    assert PSEUDO_LANGUAGE == i18n.PSEUDO
    field = Settings.model_fields["language"].annotation
    assert set(get_args(get_args(field)[0])) == set(i18n.AVAILABLE)
    assert set(i18n.NAMES) == set(i18n.AVAILABLE)


# -- numbers -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", "1,234.5"), ("tr", "1.234,5"), ("ru", "1\xa0234,5"), ("zh_CN", "1,234.5")],
)
def test_numbers_are_written_as_the_language_writes_them(code, expected):
    set_language(code)
    assert format_number(1234.5, 1) == expected


@pytest.mark.parametrize("code", ["en", "ru"])
def test_a_loss_is_written_with_the_minus_sign_wherever_changes_are_listed(code, testing_event):
    # The facilitator's panel (its steps and an event's effects) and the debrief's change lists
    # read «-4» and «-1,0» beside the board's «−4».
    from game.speech.words import plain_signed
    from game.ui.scenes.facilitator import signed_effects

    set_language(code)
    try:
        assert format_number(-1.0, 1, sign=True) == ("−1.0" if code == "en" else "−1,0")
        assert plain_signed(-2.5).startswith("−") and format_number(3, 0, sign=True) == "+3"
        losing = next(e for e in testing_event.events if any(d < 0 for _m, d in e.does.effects))
        assert "−" in signed_effects(testing_event, losing)
        assert not re.search(r"-\d", signed_effects(testing_event, losing))
    finally:
        set_language("en")


def test_a_figure_beside_a_threshold_rounds_the_same_in_every_language():
    from game.ui.numbers import goal_points, shown

    set_language("ru")
    assert shown(45.5, [46]) == "45,5"
    assert shown(59.96, [60]) == "59,96"
    assert goal_points([3, 2, 1, 1, 1]) == ["37,5", "25", "12,5", "12,5", "12,5"]
    set_language("en")
    assert shown(45.5, [46]) == "45.5"


# -- choosing the language ---------------------------------------------------------------------
def test_the_system_language_comes_from_the_environment():
    assert i18n.system_language({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert i18n.system_language({"LANG": "tr_TR.UTF-8"}) == "tr"
    assert i18n.system_language({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}) == "zh_CN"
    assert i18n.system_language({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}) == "en"
    assert i18n.system_language({"LANG": "de_DE.UTF-8"}) == "en"


def test_the_command_line_beats_the_settings_which_beat_the_system():
    env = {"LANG": "tr_TR.UTF-8"}
    assert i18n.choose_language("ru", "zh_CN", env) == "ru"
    assert i18n.choose_language(None, "zh_CN", env) == "zh_CN"
    assert i18n.choose_language(None, None, env) == "tr"


def test_a_language_in_the_settings_file_is_kept_and_a_bad_one_goes_back_to_the_system(tmp_path):
    from game.session.look import read_look
    from game.session.settings import load_settings

    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "ru", "ui_scale": 1.5}))
    assert load_settings(path)[0].language == "ru"
    assert read_look(path).language == "ru"
    path.write_text(json.dumps({"language": "klingon", "ui_scale": 1.5}))
    assert read_look(path).language is None
    settings, message = load_settings(path)
    assert settings.language is None and settings.ui_scale == 1.5  # nothing else is lost
    assert message is not None and "language" in message


def test_lang_on_the_command_line_reaches_the_window(monkeypatch):
    from game import cli
    from game.ui import app as app_module

    seen = []
    monkeypatch.setattr(app_module, "play", lambda options: seen.append(options.language) or 0)
    assert cli.main(["--lang", "ru"]) == 0
    assert cli.main(["play", "--lang", "zh_CN"]) == 0
    assert cli.main(["--lang", "tr", "play"]) == 0
    assert cli.main(["play"]) == 0
    assert cli.main(["classroom", "--lang", "ru"]) == 0  # the classroom set-up's window too
    assert cli.main(["--lang", "zh_CN", "classroom"]) == 0
    assert seen == ["ru", "zh_CN", "tr", None, "ru", "zh_CN"]


def test_a_bad_lang_is_a_usage_error(capsys):
    from game import cli

    assert cli.main(["--lang", "xx"]) == 2
    assert "choose a language from en, tr, ru, zh_CN" in capsys.readouterr().err


def test_the_window_starts_in_the_language_of_the_settings_file_then_the_system(monkeypatch):
    import pygame

    from game.paths import user_data_dir
    from game.ui.app import App, PlayOptions

    monkeypatch.setenv("LANGUAGE", "tr")
    App(PlayOptions(size=(800, 600)))
    assert i18n.current_language() == "tr"
    user_data_dir().mkdir(parents=True, exist_ok=True)
    (user_data_dir() / "settings.json").write_text(json.dumps({"language": "zh_CN"}))
    App(PlayOptions(size=(800, 600)))
    assert i18n.current_language() == "zh_CN"
    App(PlayOptions(size=(800, 600), language="ru"))
    assert i18n.current_language() == "ru"
    pygame.display.quit()


def test_choosing_a_language_in_settings_applies_at_once_and_is_kept(app):
    from game.session.settings import load_settings

    app.show_over("settings")
    row = next(c for c in app.scene.controls if c.label == "Русский")
    app.activate(row)
    assert i18n.current_language() == "ru"
    assert load_settings()[0].language == "ru"
    assert app.scene.name == "settings"
    selected = next(c for c in app.scene.controls if c.label == "Русский")
    assert selected.selected
    set_language("en")


def test_a_game_started_in_russian_plays_the_levels_russian_text(app):
    # The level's own translation (levels/testing_event.ru.toml, base.ru.toml) is what the window
    # deals from; its rules and content hash are the English level's.
    set_language("ru")
    try:
        level, problems = app.load_level("testing_event")
        english = app.catalogue.load("testing_event")
        assert problems == [] and level.content_hash == english.content_hash
        assert level.title != english.title and level.title == level.texts["ru"]["title"]
        card = english.actions_of["moscow"][0]
        assert level.actions[card.id].name != card.name and level.actions[card.id].cost == card.cost
    finally:
        set_language("en")
    assert app.load_level("testing_event")[0].title == english.title


def test_the_level_chooser_lists_titles_in_the_players_language(app):
    set_language("ru")
    try:
        app.show("new game")
        names = [c.label for c in app.scene.controls]
        assert any("«Шанхайская пятёрка»" in n for n in names), names
    finally:
        set_language("en")


@pytest.mark.parametrize(
    ("language", "written", "read"),
    [
        ("zh_CN", "打出“举办中国“俄罗斯年””", "打出“举办中国‘俄罗斯年’”"),
        ("zh_CN", "北京请莫斯科“打出“举办中国“俄罗斯年”””", "北京请莫斯科“打出‘举办中国“俄罗斯年”’”"),
        ("ru", "Пекин просит «сыграть «Год России»»", "Пекин просит «сыграть „Год России“»"),
        ("en", "it cannot play “Host “Russia Year”” now", "it cannot play “Host ‘Russia Year’” now"),
        ("zh_CN", "“一带一路”对接欧亚经济联盟", "“一带一路”对接欧亚经济联盟"),  # (side by side: none nested)
        ("zh_CN", "不成对的“引号“", "不成对的“引号“"),  # (marks that do not pair up are left alone)
    ],
)
def test_quotes_within_quotes_are_written_as_the_language_writes_them(language, written, read):
    # A card whose name has quotes (Strategic partnership's 举办中国“俄罗斯年”), in a frame that
    # quotes it again, read 打出“举办中国“俄罗斯年””.
    from game.text import nest_quotes
    from game.ui.scenes.base import box_html

    assert nest_quotes(written, language) == read
    set_language(language)
    try:
        assert box_html(written).replace("\u00a0", " ") == read
    finally:
        set_language("en")
