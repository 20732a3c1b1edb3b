"""The engine's words the interface shows (meters', bands', limits', tags' and phases' names, the
calendar, a summit's terms) in the player's language: every one of them has a translation in each
catalogue, so a new meter cannot slip through untranslated; the board's column of meters in
Russian and Chinese draws no English; in English the interface says what the engine says."""

import dataclasses
import re

import pygame
import pytest
from babel.messages.pofile import read_po
from conftest import ROOT

from game import i18n
from game.core.level import HALF_DATES, PART_DATE, SEASON_DATES, TAGS, YEAR_DATE
from game.core.meters import (
    AGGREGATES,
    ALL_METERS,
    BANDS,
    CENTRAL_ASIA,
    INFLUENCE_LABEL,
    LABELS,
    LIMIT_LABELS,
    SHORT_BAND_NAMES,
    SIDE_LABEL,
    WASHINGTON_LABEL,
    label,
)
from game.core.report import PHASES
from game.core.summit import term_words as engine_term_words
from game.core.summit import terms_on_offer
from game.speech.terms import PLAY_DEEDS, STAY_OUT_DEEDS, TAG_DEEDS, term_words
from game.speech.words import date_of, meter_label

LANGUAGES = [code for code in i18n.AVAILABLE if code != i18n.DEFAULT]
ENGINE_WORDS = sorted(
    {
        *LABELS.values(),
        *LIMIT_LABELS.values(),
        *(name for _low, name in BANDS),
        *SHORT_BAND_NAMES.values(),
        *TAGS,
        *(title for _phase, title in PHASES),
        *SEASON_DATES,
        *HALF_DATES,
        YEAR_DATE,
        PART_DATE,
        WASHINGTON_LABEL,
        INFLUENCE_LABEL,
        SIDE_LABEL,
        CENTRAL_ASIA,
        *PLAY_DEEDS,
        *STAY_OUT_DEEDS,
        *(form for forms in TAG_DEEDS.values() for form in forms),
    }
)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def translations(code):
    with (ROOT / "game" / "locale" / code / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").open("rb") as f:
        return {m.id: m for m in read_po(f, locale=code) if m.id}


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_engine_word_the_interface_shows_is_translated(code):
    found = translations(code)
    missing = [w for w in ENGINE_WORDS if w not in found or not found[w].string or found[w].fuzzy]
    assert not missing, f"{code}: translate {missing[:8]} (pybabel extract and update: CONTRIBUTING.md)"


@pytest.mark.parametrize("code", ["ru", "zh_CN"])
def test_no_meter_is_named_in_english(code):
    i18n.set_language(code)
    english = [m for m in (*ALL_METERS, *AGGREGATES) if LATIN_WORD.search(meter_label(m))]
    assert not english, [(m, meter_label(m)) for m in english]


def test_in_english_the_interface_names_meters_and_dates_as_the_engine_does(catalogue):
    for meter in (*ALL_METERS, *AGGREGATES):
        assert meter_label(meter) == label(meter)
    level = catalogue.load("testing_event")
    for per_year in (1, 2, 3, 4):
        lv = dataclasses.replace(level, turns_per_year=per_year)
        for turn in range(1, 9):
            assert date_of(lv, turn) == lv.date_of(turn)


def test_in_english_the_interface_words_terms_as_the_engine_does(catalogue):
    from game.core import initial_state

    level = catalogue.load("testing_event")
    state = initial_state(level, 7)
    terms = [t for side in ("moscow", "beijing") for t in terms_on_offer(state, side)]
    assert terms
    for term in terms:
        assert term_words(level, term) == engine_term_words(level, term)


def test_the_calendar_in_each_language(catalogue):
    level = dataclasses.replace(catalogue.load("testing_event"), start_year=1996, turns_per_year=2)
    shown = {}
    for code in ("zh_CN", "ru", "tr"):
        i18n.set_language(code)
        shown[code] = date_of(level, 1)
    assert shown == {
        "zh_CN": "1996年上半年",
        "ru": "первая половина 1996 г.",
        "tr": "1996 yılının ilk yarısı",
    }
    i18n.set_language("ru")
    assert date_of(dataclasses.replace(level, turns_per_year=4, start_year=2022), 2) == "весна 2022 г."


class Recording:
    """A font that notes the text it renders."""

    def __init__(self, font, drawn):
        self._font, self._drawn = font, drawn

    def render(self, text, *args, **kwargs):
        self._drawn.append(text)
        return self._font.render(text, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._font, name)


@pytest.mark.slow
@pytest.mark.parametrize("code", ["ru", "zh_CN"])
def test_the_boards_meters_draw_no_english(code):
    from test_i18n_layout import board_of, shows  # noqa: F401 (the board set up in a language)

    from game.session.settings import Settings, save_settings
    from game.ui.app import App, PlayOptions
    from game.ui.scenes.title import TitleScene

    save_settings(Settings(animation_speed="off"))
    app = App(PlayOptions(size=(1280, 720), language=code))
    app.push(TitleScene(app))
    app.step([])
    try:
        board = board_of(app)
        drawn: list[str] = []
        for name in ("tiny", "small", "body", "bold"):
            setattr(app.fonts, name, Recording(getattr(app.fonts, name), drawn))
        surface = pygame.Surface(app.size)
        board.meters.draw(surface)
        words = [t for t in drawn if LATIN_WORD.search(t)]
        assert drawn and not words, words
        from game.ui.board.texts import meter_why

        # The "why?" panels' headings name the meter too.
        headings = [meter_why(board.game, meter)[0] for _rect, meter, _marker in board.meters.rows]
        assert headings and not [h for h in headings if LATIN_WORD.search(h)]
        # The map's states, as the keyboard and a screen reader name them.
        states = [c.label for c in board.controls if c.kind == "state"]
        assert len(states) == 5 and not [s for s in states if LATIN_WORD.search(s)], states
    finally:
        pygame.display.quit()


def test_chinese_italic_is_set_in_the_upright_faces_that_have_its_characters():
    from game.ui.theme import font_files

    chinese, english = font_files("zh_CN"), font_files("en")
    assert chinese["italic_path"] == chinese["regular_path"]
    assert chinese["bold_italic_path"] == chinese["bold_path"]
    assert english["italic_path"] != english["regular_path"] or "italic_path" not in english


def test_in_english_the_interface_tells_the_facilitators_acts_as_the_exports_do(catalogue):
    from game.session import story
    from game.session.game import Game
    from game.session.replay import FacilitatorAct
    from game.speech.facilitator_words import act_words, facilitator_news

    game = Game.new(catalogue.load("testing_event"), 7, {"moscow": "easy", "beijing": "easy"})
    event = game.level.events[0].id
    acts = [
        FacilitatorAct(turn=1, kind="inject", event_id=event),
        FacilitatorAct(turn=1, kind="adjust", meter="partnership", delta=6, text="A leak"),
        FacilitatorAct(turn=1, kind="adjust", meter="moscow.standing", delta=-2.5, text="Why"),
        FacilitatorAct(turn=1, kind="annotate", text="Ask Moscow what force means here."),
        FacilitatorAct(turn=1, kind="timer", minutes=5),
        FacilitatorAct(turn=1, kind="timer", minutes=0),
        FacilitatorAct(turn=1, kind="end", text="out of time"),
        FacilitatorAct(turn=1, kind="end"),
        FacilitatorAct(turn=1, kind="refused", text="a wrong passphrase was typed (3 times)"),
        FacilitatorAct(turn=1, kind="refused", text="a wrong passphrase was typed"),
        FacilitatorAct(turn=1, kind="pause"),
        FacilitatorAct(turn=1, kind="resume"),
    ]
    for act in acts:
        assert act_words(game.level, act) == story.describe_act(game.level, act)
        assert facilitator_news(game, act) == story.facilitator_news(game, act)


@pytest.mark.slow
@pytest.mark.parametrize(("code", "dashes"), [("zh_CN", False), ("ru", True)])
def test_every_text_box_of_a_screen_breaks_chinese_without_a_hyphen(code, dashes):
    # pygame_gui marks a word it breaks with a hyphen; Chinese, written without spaces, is broken
    # between characters and never marked. The New game screen's briefing made its own box.
    import pygame_gui

    from game.session.settings import Settings, save_settings
    from game.ui.app import App, PlayOptions
    from game.ui.scenes.title import TitleScene

    save_settings(Settings(animation_speed="off"))
    app = App(PlayOptions(size=(1280, 720), language=code))
    app.push(TitleScene(app))
    app.step([])
    try:
        app.show_over("new game")
        app.step([])
        boxes = [e for e in app.scene.elements if isinstance(e, pygame_gui.elements.UITextBox)]
        assert boxes and all(box.allow_split_dashes is dashes for box in boxes)
    finally:
        pygame.display.quit()
