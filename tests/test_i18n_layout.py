"""The main screens fit in the pseudo-locale en_XA (game.pseudo_locale: accented, about 40% longer
than English): at 800x600, at 1280x720 and in projector mode on 1280x720, each control and block
of text lies inside the window, none covers another, and no button's label is cut short, as
tests/test_ui_layout.py checks them in English. Each real language (Turkish, Russian, Chinese)
runs the same checks at the same sizes: the pseudo-locale finds what is too long in the inner loop,
the real languages (slow, in the full run) what only their own words and script bring."""

import pygame
import pytest
from test_ui_layout import assert_tidy
from ui_driver import key

from game import i18n
from game.session.game import Game
from game.session.settings import Settings, save_settings
from game.ui.app import App, PlayOptions
from game.ui.scenes.title import TitleScene

LOOKS = {
    "800x600": ((800, 600), False),
    "1280x720": ((1280, 720), False),
    "projector-1280x720": ((1280, 720), True),
}


# The pseudo-locale in the inner loop; each real language in the full run.
LANGUAGES = [
    i18n.PSEUDO,
    *(pytest.param(code, marks=pytest.mark.slow) for code in ("tr", "ru", "zh_CN")),
]


# Module-wide, so that pytest runs each language's tests together: the title's backdrop is drawn
# once for each language and look and kept for a few (game.ui.title_backdrop.KEEP), and taken in
# turn, twelve of them were each drawn afresh for every test.
@pytest.fixture(params=LANGUAGES, scope="module")
def language(request):
    return request.param


@pytest.fixture(params=list(LOOKS))
def window(request, language):
    size, projector = LOOKS[request.param]
    save_settings(Settings(animation_speed="off", projector_mode=projector))
    app = App(PlayOptions(size=size, language=language))
    app.push(TitleScene(app))
    app.step([])
    assert i18n.current_language() == language
    yield app
    pygame.display.quit()


@pytest.mark.slow
def test_the_pseudo_locale_is_accented_longer_and_keeps_placeholders():
    i18n.set_language(i18n.PSEUDO)
    shown = i18n._("Turn {turn} of {turns}")
    assert "{turn}" in shown and "{turns}" in shown and shown.startswith("Ţüŕñ")
    assert len(i18n._("Settings")) >= 1.3 * len("Settings")
    assert i18n._("Settings") != "Settings"


def shows(app, name, **kwargs):
    app.show_over(name, **kwargs)
    app.step([])
    assert app.scene.name == name
    return app.scene


@pytest.mark.slow
def test_the_credits_fit(window):
    # The sections sit in a text box between the title and the Back button, which scrolls where
    # they are longer than the room (a small window, a long language): nothing runs under Back.
    from ui_driver import press

    press(window, i18n._("Credits"))
    scene = window.scene
    assert scene.name == "credits"
    assert_tidy(window)
    box = scene.elements[0]
    assert box.rect.bottom <= scene.controls[0].rect.top and box.rect.right <= window.size[0]
    assert i18n._("Built with") in box.html_text


def test_the_title_fits(window):
    assert_tidy(window)


@pytest.mark.slow
def test_the_new_game_screen_fits(window):
    shows(window, "new game")
    assert_tidy(window)


def test_the_settings_screen_fits(window):
    shows(window, "settings")
    assert_tidy(window)


def test_the_load_screen_fits(window):
    shows(window, "load")
    assert_tidy(window)


def board_of(app, level_id="testing_event"):
    app.options.level = level_id
    newgame = shows(app, "new game")
    newgame.start()
    for _turn in range(6):  # past the summit, as tests/ui_driver.past_the_summit does, by key
        if app.scene.name == "hand-over" and app.scene.note:
            key(app, pygame.K_RETURN)
        elif app.scene.name == "summit":
            key(app, pygame.K_k if app.scene.model.stage != "done" else pygame.K_RETURN)
        else:
            break
    assert app.scene.name == "board"
    return app.scene


@pytest.mark.slow
def test_the_board_fits(window):
    board_of(window)
    assert_tidy(window)


@pytest.mark.slow
def test_the_board_with_the_tutorial_fits(window):
    board = board_of(window, "shanghai_five")
    assert board.note is not None
    assert_tidy(window)


@pytest.mark.slow
def test_the_summit_fits(window):
    app = window
    app.options.level = "testing_event"
    newgame = shows(app, "new game")
    newgame.start()
    if app.scene.name != "summit":
        pytest.skip("the level opens without a summit")
    assert_tidy(app)


@pytest.mark.slow
def test_the_menu_fits(window):
    board = board_of(window)
    shows(window, "menu", game=board.game)
    assert_tidy(window)


@pytest.mark.slow
def test_the_debrief_fits(window):
    game = Game.new(window.catalogue.load("testing_event"), 7, {"moscow": "easy", "beijing": "easy"})
    while not game.over:
        game.play_summit_agents()
        game.resolve()
    window.show_only("debrief", game=game)
    window.step([])
    assert_tidy(window)


@pytest.mark.slow
def test_the_classroom_set_up_fits(window):
    shows(window, "classroom set-up")
    assert_tidy(window)


@pytest.mark.slow
@pytest.mark.parametrize("language", [i18n.PSEUDO])  # started in one, then each chosen on it
@pytest.mark.parametrize("lang", ["tr", "ru", "zh_CN"])
def test_the_classroom_set_up_fits_in_each_language(window, lang):
    """Chosen on the set-up itself, as a teacher does: the screen is built again in it."""
    set_up = shows(window, "classroom set-up")
    set_up.pick_language(lang)
    assert i18n.current_language() == lang and window.scene is set_up
    assert_tidy(window)


def test_joining_a_class_fits(window):
    shows(window, "join a class")
    assert_tidy(window)


def classroom_game(app):
    from game.classroom.session import ClassroomSession

    game = Game.new(app.catalogue.load("testing_event"), 7, {"moscow": "human", "beijing": "human"})
    ClassroomSession.start(game, {"moscow": "team", "beijing": "team"}, "owl-42")
    return game


@pytest.mark.slow
def test_the_facilitators_panel_fits(window):
    window.show_only("facilitator", game=classroom_game(window))
    window.step([])
    assert window.scene.name == "facilitator"
    assert_tidy(window)


def test_the_facilitators_deals_fit(window):
    window.show_only("facilitator deals", game=classroom_game(window))
    window.step([])
    assert_tidy(window)


@pytest.mark.slow
def test_the_resolution_fits(window):
    game = Game.new(window.catalogue.load("testing_event"), 7, {"moscow": "easy", "beijing": "easy"})
    game.play_summit_agents()
    report = game.resolve()
    window.show_only("resolution", game=game, report=report)
    window.step([])
    assert window.scene.name == "resolution"
    for _step in range(len(window.scene.steps)):  # each phase's words, the strip of phases beside
        assert_tidy(window)
        window.scene.next()
        window.step([])
        if window.scene.name != "resolution":
            break
