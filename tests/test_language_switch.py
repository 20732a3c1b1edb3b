"""Changing the language mid-game (issue #22): the game in progress goes on in the new language,
its level's texts, its cards, its news and the reasons recorded before the change, while its
rules, its content hash and its log stay as they were."""

import dataclasses

import pygame
import pytest
from ui_driver import key, past_the_summit, press

from game.core.level_text import in_language, original_of
from game.i18n import _, set_language
from game.session.game import HUMAN, Game
from game.speech.reasons import say


def played(level, turns=3):
    """A game of `level`, Moscow a person, after `turns` turns in which both sides played cards."""
    game = Game.new(level, 7, {"moscow": HUMAN, "beijing": "normal"})
    for _turn in range(turns):
        cards = sorted(level.side_actions("moscow"), key=lambda a: a.cost)
        if not any(game.lock("moscow", [a.id]) is None for a in cards):
            game.lock("moscow", [])
        game.plan_ai_sides()
        game.resolve()
    return game


def change_language_in_settings(app, code):
    """From the board: Escape (the menu), Settings, the language, then back to the board."""
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "menu"
    press(app, _("Settings"))
    assert app.scene.name == "settings"
    app.scene.change_language(code)
    app.step([])
    while app.scene.name != "board":
        key(app, pygame.K_ESCAPE)


def texts_in(level, lang, kind, field):
    """The level's `kind.ID.field` texts in `lang`, by id."""
    prefix = f"{kind}."
    return {
        k.split(".")[1]: t
        for k, t in level.texts[lang].items()
        if k.startswith(prefix) and k.endswith(f".{field}") and t
    }


def board_words(app, game):
    """What the board shows: the cards' labels, the news, and every meter's reasons."""
    from game.ui.board.texts import meter_why

    board = app.scene
    cards = {c.label for c in board.controls if c.kind == "card"}
    whys = "\n".join(line for meter in game.state.meters for line in meter_why(game, meter)[1])
    return cards, board.news.html(), whys


@pytest.mark.slow
@pytest.mark.parametrize(("start", "then"), [("en", "ru"), ("ru", "en")])
def test_changing_the_language_mid_game_tells_the_game_in_progress_in_the_new_one(app, start, then):
    if start != "en":
        app.change_settings(language=start)
    level, problems = app.load_level("testing_event")
    assert level is not None and not problems
    original = app.catalogue.load("testing_event")  # the English, as its files wrote it
    game = played(level)
    hash_before, fingerprint, log = game.level.content_hash, game.state.fingerprint(), game.log.model_dump()
    fired = [e for r in game.reports for e in r.events]
    played_cards = [a for r in game.reports for side in r.plans for a in r.plans[side]]
    assert fired and played_cards  # (the test needs news and reasons to look at)
    app.show_only("board", game=game, perspective="moscow")
    past_the_summit(app)

    change_language_in_settings(app, then)

    told = in_language(original, then)
    names = {a.id: a.name for a in told.actions.values()}
    titles = {e.id: e.title for e in told.events}
    if then != "en":  # (the level's Russian really differs from its English)
        assert names == {
            **{a.id: a.name for a in original.actions.values()},
            **texts_in(original, then, "action", "name"),
        }
        assert names != {a.id: a.name for a in original.actions.values()}
    assert game.level.title == told.title and game.state.level is game.level
    assert game.level.briefing == told.briefing and game.level.agendas == told.agendas
    cards, news, whys = board_words(app, game)
    moscow_cards = {names[a.id] for a in original.side_actions("moscow")}
    assert cards and cards <= moscow_cards
    for event_id in fired:
        assert titles[event_id].replace("'", "&#x27;") in news or titles[event_id] in news
    # The reasons recorded in the first language name the cards anew.
    shown = [c for meter in game.state.meters for c in game.last_changes(meter)[1][:7]]
    by_cards = {c.cause_id for c in shown if c.cause_kind == "action"}
    assert by_cards
    for card in by_cards:
        assert names[card] in whys
    # The same game: its rules, hash, state and log are untouched.
    assert game.level.content_hash == hash_before and original_of(game.level) is original
    assert game.state.fingerprint() == fingerprint and game.log.model_dump() == log


@pytest.mark.slow
def test_a_game_saved_before_the_change_opens_in_the_new_language(app):
    from game.ui.saved_game import open_log

    level, _problems = app.load_level("testing_event")
    game = played(level, turns=2)
    app.show_only("board", game=game, perspective="moscow")
    past_the_summit(app)
    log = game.log_to_save()
    change_language_in_settings(app, "ru")
    assert open_log(app, app.scene, log)
    loaded = app.scene.game
    ru = in_language(level, "ru")
    assert loaded.level.title == ru.title and loaded.level.content_hash == level.content_hash
    assert loaded.level.original is not None and loaded.level.original.title == level.title


def test_the_level_is_told_again_from_its_original_never_from_a_translation(testing_event):
    level = dataclasses.replace(
        testing_event,
        texts={"ru": {"title": "Заголовок", "description": "Описание"}, "tr": {"title": "Başlık"}},
    )
    russian = in_language(level, "ru")
    turkish = in_language(russian, "tr")
    assert turkish.title == "Başlık"
    assert turkish.description == testing_event.description  # the English, not the Russian
    assert turkish.original is level and in_language(russian, "en") is level
    assert turkish.content_hash == level.content_hash and turkish.rules == level.rules


def test_a_reason_made_before_the_change_names_the_card_as_the_level_does_now(testing_event):
    english = in_language(testing_event, "en")
    action = next(iter(english.actions.values()))
    russian = in_language(english, "ru")
    set_language("ru")
    said = say(action.why, russian)
    assert russian.actions[action.id].name in said and action.name not in said
    set_language("en")
    # and back: a reason made with the Russian name is said with the English one
    assert say(russian.actions[action.id].why, english) == action.why
