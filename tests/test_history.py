"""History, neutrality and sources: a level holds only the cards of its own years, contested accounts
say who says what, an invented development is told as a scenario, and every level names its
sources, the essay first and in full, from more than one side."""

from __future__ import annotations

import html
import re
from datetime import datetime

import pytest
from conftest import ROOT
from pydantic import BaseModel

from game.core.expr import could_hold_between
from game.levels import Catalogue, load_level_file
from game.levels.dated_news import MONTHS as MONTH_NAMES
from game.levels.validate import validate_paths

SHIPPED = Catalogue.scan()
LEVEL_IDS = [e.id for e in SHIPPED.playable()]
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _level(level_id):
    return SHIPPED.load(level_id)


def _turns_it_can_hold(level, condition):
    """The turns of the level on which `condition` (an event's `when`, a card's `requires`) can hold."""
    return [t for t in range(1, level.turns + 1) if could_hold_between(condition, t, t)]


def _texts(value, path=()):
    """Every piece of text a level file gives the player, with its key path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*path, name))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))


# ---- cards and their years -------------------------------------------------------------------

DATED = """schema_version = 1
id = "dated_test"
extends = "base"
start_year = {start}
turns_per_year = 2
turns = 6

[[event]]
id = "far_future"
title = "Far future"
from_year = 2090

[[event]]
id = "backwards"
title = "Backwards"
from_year = 2010
until_year = 2005
"""


def test_a_level_leaves_out_inherited_cards_of_other_years_and_warns_about_its_own(tmp_path):
    path = tmp_path / "dated_test.toml"
    path.write_text(DATED.format(start=2014), encoding="utf-8")
    early = load_level_file(path)
    events, actions = {e.id for e in early.events}, set(early.actions)
    # base.toml dates the joint patrols: bombers from 2019, near Alaska from 2024.
    assert "joint_bombers_alaska" not in events and "b_naval_patrol" not in actions
    assert "brics_summit" not in events and "far_future" not in events and "backwards" not in events
    assert "oil_price_spike" in events  # an undated card belongs to every period
    assert [str(p) for p in validate_paths([path])] == [
        f"{path}:11:1: warning: event[1].from_year: this event belongs to 2090 on, but the level "
        "runs 2014-2016, so it is left out",
        f"{path}:17:1: warning: event[2].until_year: 'until_year' 2005 comes before 'from_year' 2010, "
        "so this event is in no level",
    ]
    path.write_text(DATED.format(start=2024), encoding="utf-8")
    late = load_level_file(path)
    assert "joint_bombers_alaska" in {e.id for e in late.events} and "b_naval_patrol" in late.actions
    assert "afghanistan_falls" not in {e.id for e in late.events}  # base.toml: 2021 only


def test_a_card_of_a_later_year_waits_for_that_year_within_a_level():
    # The Testing Event (2022-2024) could draw the Alaska patrols of 2024 in 2022, and Pivot east
    # (2014-2021) let Beijing fly the joint bomber patrols of 2019 from 2014.
    from game.core import initial_state
    from game.ui.rule_words import why_not_in_words

    testing = _level("testing_event")
    alaska = testing.event("joint_bombers_alaska")
    assert alaska is not None
    state = initial_state(testing, 1)
    state.meters["military_trust"] = 90.0
    winter_2024 = (2024 - testing.start_year) * testing.turns_per_year + 1
    for turn, drawn in ((1, False), (winter_2024 - 1, False), (winter_2024, True)):
        state.turn = turn
        assert alaska.when.test(state) is drawn, turn
    pivot = _level("pivot_east")
    state = initial_state(pivot, 1)
    assert why_not_in_words(state, "beijing", "b_naval_patrol") == "needs turn 11 or later"
    state.turn = (2019 - pivot.start_year) * pivot.turns_per_year + 1
    assert why_not_in_words(state, "beijing", "b_naval_patrol") is None
    # A level that writes its own card decides for itself: Strategic partnership's patrol.
    assert _level("strategic_partnership").actions["b_naval_patrol"].requires.text == "turn >= 11"


@pytest.mark.parametrize("level_id", LEVEL_IDS)
def test_no_level_before_2024_sends_bombers_toward_alaska(level_id):
    """The first joint patrol near Alaska flew in July 2024: an earlier level must not tell of it,
    in a card of its own or in one it inherits."""
    level = _level(level_id)
    if level.end_year >= 2024:
        pytest.skip("the level reaches 2024")
    texts = [a.description for a in level.actions.values()] + [e.text for e in level.events]
    assert not [t for t in texts if "Alaska" in t]


def test_a_base_card_that_names_a_year_says_which_years_it_belongs_to():
    base = SHIPPED.entries["base"].parsed.spec
    for card in (*base.action, *base.event):
        words = " ".join(getattr(card, k, "") for k in ("name", "title", "description", "text"))
        named = [int(y) for y in YEAR.findall(words)]
        if named:
            assert card.from_year is not None, f"{card.id} names {named} but has no from_year"
            assert card.from_year <= min(named), f"{card.id}: from_year {card.from_year} is after {named}"


FIRSTS = re.compile(r"for the first time|nearly doubles|\bfirst (?:joint|summit|volumes)\b", re.IGNORECASE)


def test_a_base_card_that_tells_of_a_first_is_held_to_the_year_it_happened():
    """Every level from its from_year on inherits a base card: one that tells of something
    happening for the first time would tell it again in a later level (the joint bombers off
    Alaska flew "for the first time" in 2026 of Thaw in Washington)."""
    base = SHIPPED.entries["base"].parsed.spec
    for card in (*base.action, *base.event):
        words = " ".join(getattr(card, k, "") for k in ("name", "title", "description", "text"))
        if FIRSTS.search(words) and card.from_year is not None:
            assert card.until_year is not None and card.until_year <= card.from_year + 1, (
                f"{card.id} tells of a first in {card.from_year} but can be drawn in any later year"
            )


# ---- names and contested accounts --------------------------------------------------------------

SHIPPED_TEXT = [
    *sorted((ROOT / "levels").glob("*.toml")),
    *sorted((ROOT / "docs").glob("*.md")),
    ROOT / "README.md",
    *sorted((ROOT / "game").rglob("*.py")),
    *sorted((ROOT / "assets").rglob("*.toml")),
    *sorted((ROOT / "assets").rglob("*.md")),
]


def test_strategic_partnerships_oil_and_remittance_news_come_only_in_years_they_fit():
    # The base's "crude well above eighty dollars" was drawn in 2001 and 2005, a slump in 2003 and
    # 2007, and remittances' record in the crash of 2009 (one turn a year from 2001).
    from game.levels import load_shipped

    when = {e.id: e.when for e in load_shipped("strategic_partnership").events}

    def years(event_id):
        return [2000 + t for t in range(1, 14) if could_hold_between(when[event_id], t, t)]

    assert years("oil_price_spike") == [2007, 2008, 2010, 2011, 2012, 2013]
    assert years("oil_price_slump") == [2001, 2008, 2009]
    assert 2009 not in years("remittances_boom") and min(years("remittances_boom")) == 2004


# The years in which Brent crude traded above eighty dollars a barrel (EIA daily spot prices), up to
# the last full year; later years are the future. A half-year turn is held to its own half.
BRENT_ABOVE_80 = {
    2007: "second",
    2008: "both",
    2010: "second",
    2011: "both",
    2012: "both",
    2013: "both",
    2014: "first",
    2018: "second",
    2021: "second",
    2022: "both",
    2023: "both",
    2024: "both",
    2025: "first",
}


@pytest.mark.parametrize("level_id", LEVEL_IDS)
def test_news_of_crude_above_eighty_dollars_comes_only_in_years_it_was(level_id):
    # Pivot east inherited the base's "crude well above eighty dollars" for every half-year of
    # 2014-2021, when Brent stayed under eighty from the end of 2014 to the autumn of 2018.
    level = _level(level_id)
    for event in level.events:
        if "eighty dollars" not in event.text:
            continue
        for turn in range(1, level.turns + 1):
            if not could_hold_between(event.when, turn, turn):
                continue
            year = level.year_of(turn)
            if level.hypothetical or year > max(BRENT_ABOVE_80):
                continue
            half = "first" if (turn - 1) % level.turns_per_year < level.turns_per_year / 2 else "second"
            above = BRENT_ABOVE_80.get(year)
            fits = above is not None if level.turns_per_year == 1 else above in ("both", half)
            assert fits, (
                f"{level_id}: {event.id} can tell of crude above eighty dollars on turn {turn} ({year})"
            )


def test_strategic_partnerships_national_years_begin_with_the_year_of_russia_in_china_in_2006():
    # "Hold a Year of Russia in China" could be played from 2001; the first of the national years
    # was Russia's in China, in 2006.
    from game.core import initial_state
    from game.ui.rule_words import why_not_in_words

    level = _level("strategic_partnership")
    state = initial_state(level, 1)
    assert why_not_in_words(state, "beijing", "b_treaty_of_friendship") is not None
    state.turn = 2005 - level.start_year + 1
    assert why_not_in_words(state, "beijing", "b_treaty_of_friendship") is not None
    state.turn = 2006 - level.start_year + 1
    assert why_not_in_words(state, "beijing", "b_treaty_of_friendship") is None


@pytest.mark.slow
def test_the_capital_of_ukraine_is_spelt_kyiv_everywhere_the_game_ships():
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in SHIPPED_TEXT
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bKiev\b", line)
    ]
    assert found == [], "write Kyiv, the city's own name: " + ", ".join(found)


# (what names a contested matter, what the same text must also say, why)
CONTESTED = [
    (r"\bDokdo\b", r"\bTakeshima\b", "the islets Korea holds and Japan claims go by both names"),
    (r"\bTakeshima\b", r"\bDokdo\b", "the islets Korea holds and Japan claims go by both names"),
    (r"\bZhenbao\b", r"\bDamansky\b", "the island of 1969 has a Chinese and a Russian name"),
    (r"\bDamansky\b", r"\bZhenbao\b", "the island of 1969 has a Chinese and a Russian name"),
    (r"\bMH17\b", r"Joint Investigation Team|Dutch Safety Board", "who found what about the airliner"),
    (r"camps\b.*\bXinjiang|Xinjiang\b.*\bcamps\b", r"\bden(y|ies|ied)\b", "Beijing denies the abuses"),
]


@pytest.mark.parametrize("level_id", [e.id for e in SHIPPED.entries.values()])
def test_contested_matters_are_named_and_attributed_on_every_side(level_id):
    spec = SHIPPED.entries[level_id].parsed.spec
    wrong = [
        f"{'.'.join(map(str, path))}: {why}"
        for path, text in _texts(spec)
        if path[0] != "source"  # a work is cited by the title its author gave it
        for names, needs, why in CONTESTED
        if re.search(names, text) and not re.search(needs, text)
    ]
    assert wrong == []


@pytest.mark.parametrize("level_id", LEVEL_IDS)
def test_a_historical_levels_title_names_the_years_it_plays_in_every_language(level_id):
    """The level chooser and the Load screen list levels by title: a historical one says its
    years there, as its first and last turns fall, so a class picks the period it is studying."""
    from game.core.level_text import LANGUAGES
    from game.levels.level_text import title_in

    level = _level(level_id)
    if level.hypothetical:
        return
    path = SHIPPED.entries[level_id].path
    for lang in ("en", *LANGUAGES):
        title = title_in(path, level.title, lang)
        years = re.findall(r"(\d{4})\s*[-\u2013\u2014]\s*(\d{4})", title)
        assert years == [(str(level.start_year), str(level.end_year))], (lang, title)


def test_the_level_list_writes_every_span_of_years_with_one_dash_in_each_language():
    # The list showed "教程：上海五国（1996—2001）" above "尼克松的意外之举（1969-1976）".
    from game.core.level_text import LANGUAGES
    from game.levels.level_text import title_in

    for lang in ("en", *LANGUAGES):
        dashes = set()
        for level_id in LEVEL_IDS:
            title = title_in(SHIPPED.entries[level_id].path, _level(level_id).title, lang)
            dashes |= set(re.findall(r"\d{4}\s*([-\u2013\u2014])\s*\d{4}", title))
        assert len(dashes) <= 1, f"{lang}: the titles write their years with {sorted(dashes)}"


# ---- scenarios ---------------------------------------------------------------------------------


@pytest.mark.parametrize("level_id", LEVEL_IDS)
def test_an_event_a_comment_calls_hypothetical_is_marked_so_in_the_data(level_id):
    """A comment is for the modder; the flag is what the news and the debrief read."""
    entry = SHIPPED.entries[level_id]
    text = entry.path.read_text(encoding="utf-8")
    commented = re.findall(r"# HYPOTHETICAL[^\n]*\n(?:#[^\n]*\n)*\[\[event\]\]\nid = \"(\w+)\"", text)
    level = _level(level_id)
    if "hypothetical" in level.title.lower():
        assert level.hypothetical
    for event_id in commented:
        assert level.is_scenario(level.event(event_id)), event_id


def test_the_middle_corridor_tells_its_years_after_2025_as_scenario_and_the_thaw_as_a_whole():
    corridor = _level("middle_corridor")
    after_2025 = [
        e for e in corridor.events if e.source.startswith("levels/middle_corridor.toml") and e.hypothetical
    ]
    # Ten of 2026-2030, and the unrest: a scenario in any year (no Central Asian government called
    # for outside help in 2023-2025).
    assert len(after_2025) == 11 and not corridor.hypothetical
    assert corridor.is_scenario(corridor.event("central_asia_unrest"))
    assert not corridor.is_scenario(corridor.event("astana_summit"))
    thaw = _level("thaw_washington")
    assert thaw.hypothetical and all(thaw.is_scenario(e) for e in thaw.events)


def _game_with_event(level_id, event_id):
    from game.session.game import Game

    level = _level(level_id)
    game = Game.new(level, level.seed, {"moscow": "easy", "beijing": "easy"})
    game.resolve(injected=[("forced", level.event(event_id))])
    return game


def test_the_debrief_sheet_marks_a_scenario_and_lists_the_sources():
    from game.classroom.exports import debrief_markdown

    game = _game_with_event("middle_corridor", "ckr_first_trains")
    sheet = debrief_markdown(game, {"moscow": "easy", "beijing": "easy"}, datetime(2026, 3, 2, 9, 10))
    table = sheet.split("## Decisions, turn by turn")[1].split("## The facilitator's acts")[0]
    assert "First trains from Kashgar to Andijan (scenario, not history)" in table
    sources = sheet.split("## Sources and further reading")[1]
    assert (
        'Emre Ozan (Assoc. Prof., Department of International Relations, Kırklareli University), "Russian-Chinese Cooperation Limits"'
        in sources
    )
    assert "Middle Trade and Transport Corridor" in sources


def test_the_news_and_the_debrief_screen_say_when_an_event_is_a_scenario(app):
    from game.ui.scenes.board import BoardScene
    from game.ui.scenes.debrief import DebriefScene

    game = _game_with_event("middle_corridor", "ckr_first_trains")
    news = BoardScene(app, game, "moscow").news.html()
    assert "<b>First trains from Kashgar to Andijan</b> <i>(scenario, not history)</i>" in news
    debrief = DebriefScene(app, game)
    assert "First trains from Kashgar to Andijan (scenario, not history)" in debrief.decisions_html()
    assert "Yan Xuetong" in debrief.sources_html()
    history = _game_with_event("middle_corridor", "astana_summit")
    assert "scenario" not in BoardScene(app, history, "beijing").news.html()


# ---- sources -----------------------------------------------------------------------------------


def _side(perspective: str) -> str:
    russian, chinese = "Russia" in perspective, "Chin" in perspective
    return "Russian" if russian and not chinese else "Chinese" if chinese and not russian else "other"


@pytest.mark.parametrize("level_id", LEVEL_IDS)
def test_every_level_cites_the_essay_in_full_and_reads_from_more_than_one_side(level_id):
    level = _level(level_id)
    essay, *rest = level.sources
    assert essay.kind == "essay" and essay.title == "Russian-Chinese Cooperation Limits"
    assert essay.author.startswith("Emre Ozan") and essay.published
    assert {_side(s.perspective) for s in rest} == {"Russian", "Chinese", "other"}
    assert all(s.year for s in rest) and len({(s.author, s.title) for s in rest}) == len(rest) >= 5


def test_a_work_listed_twice_is_cited_once_with_a_warning(tmp_path):
    path = tmp_path / "twice.toml"
    path.write_text(
        'schema_version = 1\nid = "twice"\nextends = "base"\n\n[[source]]\n'
        'author = "Emre Ozan (Assoc. Prof., Department of International Relations, Kırklareli University)"\n'
        'title = "Russian-Chinese Cooperation Limits"\nkind = "essay"\nperspective = "Turkish scholarship"\n',
        encoding="utf-8",
    )
    assert len(load_level_file(path).sources) == 1
    assert [p.path for p in validate_paths([path])] == ["source[1].title"]


TURN_WORDS = {4: "a season", 2: "half a year", 1: "a year"}


def test_the_teachers_guide_gives_each_levels_turn_length_and_sources():
    guide = (ROOT / "docs" / "classroom.md").read_text(encoding="utf-8")
    assert "Each turn is one season" not in guide
    for level_id in LEVEL_IDS:
        level = _level(level_id)
        row = next((line for line in guide.splitlines() if line.startswith(f"| *{level.title}* |")), None)
        assert row is not None, f"no row for {level.title} in the guide's table of levels"
        assert f"{level.start_year}–{level.end_year}" in row and f"| {level.turns} |" in row
        assert f"| {TURN_WORDS[level.turns_per_year]} |" in row
        for source in level.sources:
            assert source.title in guide, f"{level_id}: '{source.title}' is not in the guide"
        # Its reading list is headed by its title as the game shows it (years and all).
        assert f"\n**{level.title}**\n" in guide, f"no reading list headed **{level.title}**"


@pytest.mark.parametrize(
    ("lang", "heading", "cited"),
    [
        ("en", "Sources and further reading", 'University), "Russian-Chinese Cooperation Limits" (online'),
        ("tr", "Kaynaklar ve ek okumalar", "University), “Russian-Chinese Cooperation Limits” (online"),
        (
            "ru",
            "Источники и дополнительное чтение",
            "University), «Russian-Chinese Cooperation Limits» (online",
        ),
        ("zh_CN", "来源与延伸阅读", "University)，《Russian-Chinese Cooperation Limits》（online"),
    ],
)
def test_the_debriefs_sources_are_cited_as_each_language_writes_a_citation(app, lang, heading, cited):
    from game.i18n import set_language
    from game.ui.scenes.debrief import DebriefScene

    set_language(lang)
    game = _game_with_event("middle_corridor", "astana_summit")
    sources = html.unescape(DebriefScene(app, game).sources_html())
    assert heading in sources and cited in sources
    assert ("。" in sources) == (lang == "zh_CN")  # (a sentence ends as the language ends it)


@pytest.mark.parametrize(
    ("lang", "perspective", "note"),
    [
        (
            "ru",
            "Официальный документ: Китай и государства Центральной Азии.",
            "Первый договор Китая с целым регионом",
        ),
        ("zh_CN", "官方文件：中国和中亚国家。", "中国与一个整体地区签订的第一个条约"),
    ],
)
def test_the_debrief_and_the_class_sheet_say_whose_view_a_source_gives_and_why_in_the_language(
    app, lang, perspective, note
):
    from game.classroom.exports import debrief_markdown
    from game.i18n import set_language
    from game.ui.scenes.debrief import DebriefScene

    set_language(lang)
    game = _game_with_event("middle_corridor", "astana_summit")
    game.tell_in(lang)  # as the game does when it is played in the language
    sources = html.unescape(DebriefScene(app, game).sources_html())
    sheet = debrief_markdown(game, {"moscow": "easy", "beijing": "easy"}, datetime(2026, 3, 2, 9, 10))
    for shown in (sources, sheet):
        assert perspective in shown and note in shown
        assert "Treaty of Permanent Good-Neighbourliness, Friendship and Cooperation" in shown  # as published
        assert "China's first treaty" not in shown and "official: China" not in shown


def test_a_scenarios_mark_and_a_stopped_sessions_score_are_said_in_the_language(app):
    # The Chinese debrief read "得分为provisional (…)" and "(scenario, not history)": English the
    # session's words kept, though the screen and the exports are in the class's language.
    from game import i18n
    from game.classroom.exports import debrief_markdown
    from game.session.story import provisional_words
    from game.speech.reasons import say
    from game.ui.scenes.board import BoardScene
    from game.ui.scenes.debrief import DebriefScene

    game = _game_with_event("middle_corridor", "ckr_first_trains")
    i18n.set_language("zh_CN")
    try:
        assert say(provisional_words(5, 12)) == "临时（5/12 回合）"
        news = BoardScene(app, game, "moscow").news.html()
        assert "（情景设定，非史实）" in news and "scenario" not in news
        assert "（情景设定，非史实）" in DebriefScene(app, game).decisions_html()
        sheet = debrief_markdown(game, {"moscow": "easy", "beijing": "easy"}, datetime(2026, 3, 2, 9, 10))
        assert "（情景设定，非史实）" in sheet and "scenario, not history" not in sheet
    finally:
        i18n.set_language("en")
    # The English the tables and records keep.
    assert str(provisional_words(5, 12)) == "provisional (5 of 12 turns)"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ru", "tr", "zh_CN"])
@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)])
def test_the_new_game_list_keeps_a_hypothetical_levels_mark_in_every_language(lang, size):
    # The list gives up a name's bracketed end where two lines cannot hold it: in Russian,
    # "(гипотетический сценарий)" went, and the list no longer said the level was a scenario. (At
    # 800x600 the list's column is too narrow for a mark and "(locked)" in any language but
    # English and Chinese; the heading beside it gives the chosen level's title whole.)
    import pygame

    from game.core.level_text import in_language
    from game.i18n import set_language
    from game.ui.app import App, PlayOptions
    from game.ui.scenes.newgame import NewGameScene
    from game.ui.widgets import BRACKETS_AT_END

    set_language(lang)
    try:
        app = App(PlayOptions(size=size, language=lang))
        app.push(NewGameScene(app))
        app.step([])
        hypothetical = [e for e in app.scene.entries if _level(e.id).hypothetical]
        assert hypothetical
        labels = " ".join(c.label.replace("\n", " ") for c in app.scene.controls if c.kind == "item")
        for entry in hypothetical:
            title = in_language(_level(entry.id), lang).title
            mark = BRACKETS_AT_END.search(title)
            assert mark is not None, f"{lang}: '{title}' says nowhere that it is hypothetical"
            assert mark.group().strip() in labels, f"{lang} {size}: the list drops {mark.group()!r}"
    finally:
        set_language("en")
        pygame.display.quit()


def test_why_a_card_cannot_be_played_tells_a_flag_set_and_ended_and_a_deal_made_another_way():
    # "Send CSTO peacekeepers: needs 'Unrest in a Central Asian state' to have happened" when the
    # unrest had happened and the card itself had ended it; "Accept Beijing's gas price: used"
    # when the side never played it (an event had made the deal).
    from game.core import initial_state
    from game.core.report import TurnReport
    from game.ui.rule_words import why_not_in_words

    # (The CSTO's card on The Testing Event: Pivot east has no call for peacekeepers, which came
    # in January 2022.)
    state = initial_state(_level("testing_event"), 1)
    state.meters["moscow.freed_forces"] = 40.0
    state.meters["moscow.capital"] = 20.0
    assert why_not_in_words(state, "moscow", "m_csto_deployment").startswith("needs ")
    unrest = TurnReport(1, "", {"moscow": (), "beijing": ()})
    unrest.flags_set = ["unrest_central_asia"]
    state.history, state.turn = (unrest,), 3
    said = why_not_in_words(state, "moscow", "m_csto_deployment")
    assert said is not None and said.endswith("to happen again"), said
    state = initial_state(_level("pivot_east"), 1)
    state.meters["moscow.capital"] = 20.0
    state.history, state.turn = (unrest,), 3
    state.flags["pos_signed"] = True
    assert (
        why_not_in_words(state, "moscow", "m_power_of_siberia")
        == "done already in another way; not available again in this game"
    )
    played = TurnReport(2, "", {"moscow": ("m_power_of_siberia",), "beijing": ()})
    state.history = (unrest, played)
    assert why_not_in_words(state, "moscow", "m_power_of_siberia") == "used; not available again in this game"


def test_pivot_easts_one_off_steps_happen_once_whether_a_card_or_the_news_takes_them():
    # India and Pakistan joined the SCO once (2017), but Beijing's card brought them in on turns 4,
    # 9 and 15 and the news did it again on turn 7; the S-400 and Su-35 deal came as news after
    # Moscow's card had made it; Beijing declined to recognize Crimea four times over, and Moscow
    # hosted the SCO and the BRICS together every three turns (it did so at Ufa in 2015).
    from game.core import initial_state, resolve_turn
    from game.ui.rule_words import why_not_in_words

    level = _level("pivot_east")
    state = initial_state(level, 1)
    state.turn = 3  # 2015, the arms card's first year
    state.meters["beijing.capital"] = state.meters["moscow.capital"] = 20.0
    after, _report = resolve_turn(
        state, {"moscow": ("m_arms_sale",), "beijing": ("b_decline_recognition", "b_sco_expansion")}
    )
    assert all(after.flags[f] for f in ("s400_deal", "sco_enlarged", "crimea_abstained"))
    assert not level.event("s400_su35").when.test(after)
    after.turn = 7
    assert not level.event("sco_enlarges").when.test(after)
    for card in ("b_sco_expansion", "b_decline_recognition"):
        assert why_not_in_words(after, "beijing", card) is not None, card
    assert level.actions["m_host_summit"].cooldown >= 8


def test_washington_notes_distance_from_force_only_when_the_partner_used_force():
    # "Washington notes that Beijing kept apart from its partner's force" in turns Moscow used none
    # ("(0 apart)" in the same turn's methods): a distance card alone is distance, not a stand.
    from game.core import initial_state, resolve_turn

    level = _level("pivot_east")
    state = initial_state(level, 1)
    state.meters["beijing.capital"] = 20.0
    _after, report = resolve_turn(state, {"moscow": (), "beijing": ("b_decline_recognition",)})
    whys = [str(c.why) for c in report.changes if c.cause_id == "thaw_per_distance"]
    assert whys == ["Washington notes that Beijing keeps its distance from its partner"], whys
    from game.ui.rule_words import why_not_in_words

    state.meters["moscow.capital"] = 20.0
    force = next(
        a.id
        for a in level.side_actions("moscow")
        if "force" in a.tags and why_not_in_words(state, "moscow", a.id) is None
    )
    _after, report = resolve_turn(state, {"moscow": (force,), "beijing": ("b_decline_recognition",)})
    whys = [str(c.why) for c in report.changes if c.cause_id == "thaw_per_distance"]
    assert whys == ["Washington notes that Beijing kept apart from its partner's force"], whys


def test_pivot_easts_aleppo_veto_is_told_on_its_date_and_casts_no_vote_for_beijing():
    # "Russia and China veto ..." came as the news in the very turn Beijing played "Abstain rather
    # than veto" (one game in six against `normal`): the news tells Russia's veto, and China's vote
    # is Beijing's card to play.
    from game.core import initial_state, resolve_turn

    pivot = _level("pivot_east")
    state = initial_state(pivot, 1)
    state.flags["syria"] = True
    state.turn = 6
    state.meters["beijing.capital"] = 20.0
    _after, report = resolve_turn(state, {"moscow": (), "beijing": ("b_un_abstain",)})
    assert "aleppo_veto" in report.events
    veto = pivot.event("aleppo_veto")
    assert veto is not None and "China" not in veto.text and "both" not in veto.text


# (a month by its number, and "the summer of" a year as July)
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)} | {"summer of": 7}
_DATED = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{4})\b")


def test_pivot_easts_news_of_record_comes_in_the_half_year_it_names():
    # "Xi stands beside Putin ... in May 2015" was told in the second half of 2015, the Syrian
    # campaign of September 2015 in 2016, Navalny's poisoning of August 2020 in 2021: each dated
    # event could be drawn in its half-year or the next. Each now happens in its own half-year
    # (as soon as its condition holds, for one that waits on the game: a deal signed, trust enough).
    level = _level("pivot_east")
    dated = []
    for event in level.events:
        # (the latest date it names: "the treaty signed in May 2014 comes into force in January 2015")
        found = max(
            _DATED.finditer(event.text), key=lambda m: (int(m.group(2)), MONTHS[m.group(1)]), default=None
        )
        if found is None:
            continue
        month, year = MONTHS[found.group(1)], int(found.group(2))
        turn = (year - level.start_year) * 2 + (1 if month <= 6 else 2)
        first = _turns_it_can_hold(level, event.when)[0]
        dated.append(event.id)
        assert event.certain, f"{event.id} is drawn: it may come after {found.group(0)}, or never"
        assert first == turn, f"{event.id} ({found.group(0)}, turn {turn}) can first happen on turn {first}"
    assert len(dated) >= 20, dated


def test_pivot_east_has_no_news_of_the_kazakh_unrest_of_2022_and_its_oil_slumps_are_2014_16_and_2020():
    # "Protests over fuel prices turn violent and the government calls for outside help" came in
    # 2017 and opened "Send CSTO peacekeepers" (Kazakhstan, January 2022); "Oil prices slump"
    # came in the second halves of 2016 and 2019, when Brent was rising.
    level = _level("pivot_east")
    assert not any("fuel prices" in e.text for e in level.events)
    assert "m_csto_deployment" not in level.actions
    slump = next(e for e in level.events if e.id == "oil_price_slump")
    turns = _turns_it_can_hold(level, slump.when)
    assert turns == [2, 3, 4, 5, 13]  # the second half of 2014 to the first of 2016; spring 2020


def test_pivot_easts_ceasefire_in_minsk_cannot_be_signed_before_the_first_protocol_of_september_2014():
    # "Sign a ceasefire in Minsk" could be played on the first turn, the first half of 2014: the
    # Donbas war began in April and the first Minsk protocol came in September.
    level = _level("pivot_east")
    minsk = level.actions["m_minsk_talks"]
    first = _turns_it_can_hold(level, minsk.requires)[0]
    assert first == 2  # the second half of 2014


# The Testing Event's news of record, by the season it happened in (a turn is a season: winter is
# December to February, so turn 1 is the winter of 2022, turn 5 the winter of 2023).
TESTING_EVENTS_SEASONS = {
    "grain_corridor": 3,  # July 2022
    "kazakhstan_nonrecognition": 3,  # June 2022
    "partial_mobilization": 4,  # September 2022
    "annexation_declared": 4,  # September 2022
    "bali_meeting": 4,  # November 2022
    "oil_price_cap": 5,  # December 2022
    "india_border_clash": 5,  # December 2022, Tawang
    "nato_enlargement": 6,  # April 2023, Finland
    "xi_visits_moscow": 6,  # March 2023
    "wagner_mutiny": 7,  # June 2023
    "migrant_backlash": 10,  # March 2024, Crocus City Hall
    "central_asian_railway": 11,  # June 2024
    "kazan_brics": 12,  # October 2024
    "north_korean_troops": 12,  # October and November 2024
    "us_administration_change": 12,  # November 2024
}


def test_the_testing_events_news_of_record_comes_in_the_season_it_happened():
    # The annexation of September 2022 could be drawn in 2023 or 2024, the price cap of December
    # 2022 in any later season, Kazakhstan's refusal of June 2022 in the spring, and the war's
    # three big stories of the autumn of 2024 competed for one draw. Each now happens in its own
    # season (as soon as its condition holds, for one that waits on the game: Xi's visit on a
    # partnership warm enough).
    level = _level("testing_event")
    assert level.turns_per_year == 4 and level.date_of(1) == "Winter 2022"
    for event_id, season in TESTING_EVENTS_SEASONS.items():
        event = level.event(event_id)
        assert event is not None and event.certain, f"{event_id} is drawn: it may come late, or never"
        first = _turns_it_can_hold(level, event.when)[0]
        assert first == season, (
            f"{event_id} ({level.date_of(season)}) can first happen in {level.date_of(first)}"
        )


def test_the_testing_event_names_kazakhstan_not_its_capital_before_it_was_called_astana_again():
    # "Astana will not recognize the breakaway republics" in June 2022, when the capital was
    # Nur-Sultan (Astana again from September 2022).
    level = _level("testing_event")
    assert "Astana" not in level.event("kazakhstan_nonrecognition").title


@pytest.mark.parametrize("level_id", LEVEL_IDS)
def test_the_fuel_price_riots_of_january_2022_are_news_only_in_a_turn_that_can_be_january_2022(level_id):
    # "Protests over fuel prices turn violent and the government calls for outside help" is the
    # Kazakh unrest of January 2022, yet Strategic partnership (2001-2013) told it in any year, and
    # The Testing Event (winter 2022 on) and The Middle Corridor (2023 on) from their second turn,
    # after it was over. The base deals the card from turn 2; a scenario may tell it in any year.
    level = _level(level_id)
    # (the first turn of 2022, the one with January in it, dealt from turn 2 on)
    january_2022 = [
        t
        for t in range(2, level.turns + 1)
        if level.year_of(t) == 2022 and (t - 1) % level.turns_per_year == 0
    ]
    told = [e.id for e in level.events if "fuel prices" in e.text and not level.is_scenario(e)]
    assert not told or january_2022, told
