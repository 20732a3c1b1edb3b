"""The engine's and the AI's sentences in the player's language (game.speech.reasons): the "why" of each
change, a turn's notes, the AI's reasons at the summit and for its plans. The engine keeps saying
them in English, byte for byte (the golden transcript checks the text); the interface says them
again from their frames."""

import pickle
import re

import pytest

from game import i18n
from game.ai.easy import EasyAgent
from game.ai.explain import card_reason
from game.ai.negotiate import Negotiator
from game.ai.normal import NormalAgent
from game.ai.protocol import Budget
from game.core import initial_state, legal_plans, resolve_turn
from game.core.level_text import in_language
from game.core.phases import WHY_KEPT_WORD, WHY_RIVALRY, WHY_SHOCK, name_of, said
from game.core.words import Lines, Said, made
from game.session.game import Game
from game.speech.reasons import cause_words, frame_of, say
from game.ui.board.texts import meter_why
from game.ui.summit.words import entry_lines

LATIN = re.compile(r"[A-Za-z]{2,}")


def played(level, turns=4, seed=7):
    """The reports of `turns` turns of `level`, both sides played by `easy`."""
    state = initial_state(level, seed)
    agents = {s: EasyAgent(s, seed) for s in ("moscow", "beijing")}
    reports = []
    for _ in range(turns):
        plans = {s: a.choose(state, legal_plans(state, s)) for s, a in agents.items()}
        state, report = resolve_turn(state, plans)
        reports.append(report)
    return state, reports


def without_names(text, why):
    """`text` less the names the level wrote that `why` carries (card names, event titles, goals):
    those are in the level's language, not the catalogue's."""
    names = []

    def gather(w):
        if isinstance(w, Lines):
            for part in w.parts:
                gather(part)
        elif isinstance(w, Said):
            for key, value in w.values.items():
                if isinstance(value, (Said, Lines)):
                    gather(value)
                elif isinstance(value, str) and key in ("card", "name", "title", "reason", "goal"):
                    names.append(value)

    gather(why)
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    return text


def test_in_english_every_why_says_itself_again_from_its_frame(testing_event):
    # The frame filled with its values is the very English the engine recorded: the f-strings
    # written out for speed and the frames they stand for say the same.
    i18n.set_language("en")
    _, reports = played(testing_event, turns=6)
    whys = [c.why for r in reports for c in r.changes]
    framed = [w for w in whys if isinstance(w, Said)]
    assert len(framed) > 20
    for why in whys:
        assert say(why, testing_event) == why
    for note in (n for r in reports for n in r.notes):
        assert say(note, testing_event) == note


def test_a_why_is_the_english_string_it_always_was():
    why = made(
        f"the partnership fell {12.345:.1f} in one turn: such a fall leaves distrust that lasts",
        WHY_SHOCK,
        {"fall": 12.345},
    )
    assert why == "the partnership fell 12.3 in one turn: such a fall leaves distrust that lasts"
    assert hash(why) == hash(str(why)) and repr(why) == repr(str(why))
    again = pickle.loads(pickle.dumps(why))
    assert again == why and again.frame == WHY_SHOCK and again.values == {"fall": 12.345}


@pytest.mark.parametrize("code", ["ru", "zh_CN", "tr"])
def test_a_translated_turn_says_no_english_frame(testing_event, code):
    i18n.set_language(code)
    level = in_language(testing_event, code)
    _, reports = played(level, turns=6)
    for report in reports:
        for change in report.changes:
            shown = say(change.why, level)
            if code == "tr":  # Turkish is written in Latin letters: the frame must differ
                if isinstance(change.why, Said) or change.cause_kind == "rule":
                    assert shown != change.why, change.why
                continue
            assert not LATIN.search(without_names(shown, change.why)), (change.why, shown)


def test_a_number_in_a_russian_why_has_a_decimal_comma():
    i18n.set_language("ru")
    english = f"Moscow lost {1.5:.1f} and Beijing gained {2.25:.1f} points a state in Central Asia this turn"
    why = made(english, WHY_RIVALRY, {"lost": 1.5, "gained": 2.25})
    shown = say(why)
    assert "1,5" in shown and "2,2" in shown and "1.5" not in shown


def test_a_plain_why_is_shown_as_it_is_or_as_the_catalogue_has_it():
    i18n.set_language("ru")
    assert say("A modder's own reason, from an old save") == "A modder's own reason, from an old save"
    assert say("") == ""
    # A constant why is a plain string that the catalogue holds.
    assert say("old distrust fades slowly, on its own clock") != "old distrust fades slowly, on its own clock"


def test_a_term_without_its_level_falls_back_to_english(testing_event):
    i18n.set_language("ru")
    state = initial_state(testing_event, 7)
    why = said(testing_event, WHY_KEPT_WORD, who="moscow", term=_terms(state)[0])
    assert why.startswith("Moscow kept its word: Moscow ")
    assert say(why) == why  # no level to say its term with: the English, whole
    assert say(why, testing_event).startswith(i18n._("Moscow") + ":")


def _terms(state):
    from game.core.summit import terms_on_offer

    return list(terms_on_offer(state, "moscow"))


def test_the_ais_summit_reasons_in_chinese_have_no_latin_words(testing_event):
    i18n.set_language("zh_CN")
    level = in_language(testing_event, "zh_CN")
    state = initial_state(level, 7)
    moscow, beijing = Negotiator("moscow"), Negotiator("beijing")
    proposed = moscow.propose(state)
    beijing.answer(state, proposed + _terms(state)[:6])
    reasons = list(moscow.reasons.values()) + list(beijing.reasons.values())
    assert reasons and all(isinstance(r, Said) for r in reasons)
    for why in reasons:
        shown = say(why, level)
        assert not LATIN.search(shown), (why, shown)


def test_who_gave_a_summit_reason_is_read_from_its_frame_not_its_words(testing_event):
    i18n.set_language("zh_CN")
    state = initial_state(testing_event, 7)
    moscow = Negotiator("moscow")
    proposed = moscow.propose(state)
    assert proposed
    why = moscow.reasons[proposed[0].key()]
    assert frame_of(why).startswith("proposed") and not say(why, testing_event).startswith("proposed")
    from game.session.summit_table import Entry

    lines = entry_lines(testing_event, [Entry(proposed[0], False, "", why, False)])
    assert i18n._("Moscow") in lines[0][2]


def test_the_ais_plan_reason_in_chinese_has_no_latin_words(testing_event):
    i18n.set_language("zh_CN")
    level = in_language(testing_event, "zh_CN")
    state = initial_state(level, 7)
    agent = NormalAgent("moscow", 7, Budget(iterations=50))
    agent.choose(state, legal_plans(state, "moscow"))
    why = agent.reason
    assert isinstance(why, Lines) and len(why.parts) >= 2
    shown = say(why, level)
    assert not LATIN.search(without_names(shown, why)), shown
    assert say(why, level).count("\n") == str(why).count("\n")


def test_a_card_line_in_russian_has_the_languages_numbers():
    i18n.set_language("ru")
    line = card_reason("Карта", 1.25, [])
    assert "+1,2" in say(line) or "+1,3" in say(line)
    assert "worth" not in say(line)


def test_the_board_resolution_and_debrief_say_the_whys_in_russian(testing_event):
    i18n.set_language("ru")
    level = in_language(testing_event, "ru")
    game = Game.new(level, 7, {"moscow": "easy", "beijing": "easy"})
    for _ in range(3):
        game.resolve()
    _, lines = meter_why(game, "method_divergence")
    assert len(lines) > 1
    for line in lines[1:]:
        assert not LATIN.search(line.rsplit("[", 1)[0]), line
    change = game.reports[-1].changes_to("method_divergence")[0]
    assert not LATIN.search(cause_words(change, level))
    assert name_of("moscow") not in say(change.why, level)


def test_the_debriefs_decisions_say_this_sessions_ai_reasons_in_chinese(testing_event):
    from game.session.story import ai_reason

    i18n.set_language("zh_CN")
    level = in_language(testing_event, "zh_CN")
    game = Game.new(level, 7, {"moscow": "normal", "beijing": "easy"})
    game.play_summit_agents()
    game.resolve()
    why = ai_reason(game, 1, "moscow")
    assert isinstance(why, Lines)
    assert not LATIN.search(without_names(say(why, level), why))
    # The log writes the English, as it always has; a reopened game shows that.
    assert game.log.turns[0].why["moscow"] == str(why)[: len(game.log.turns[0].why["moscow"])]
    specs = game.log.turns[0].summit
    for spec in specs:
        kept = game.log.summit_reason_of(1, spec)
        if spec.why:
            assert isinstance(kept, Said) and kept == spec.why
            assert not LATIN.search(say(kept, level))


@pytest.mark.parametrize("played_in", ["en", "ru"])
def test_a_goal_named_in_an_ais_reason_is_said_as_the_level_names_it_now(testing_event, played_in):
    # A game played in English and read in Turkish said "… hedefine doğru" around the goal's
    # English ("“Grow rich on oil and gas (economy 51 or more)”"), though the card beside it was
    # said in Turkish: a goal is a name the level writes, and is said as the level in force says it.
    made_in = in_language(testing_event, played_in) if played_in != "en" else testing_event
    goal = made_in.agendas["moscow"].goals[0]
    line = card_reason(made_in.actions["m_joint_exercises"].name, 1.0, [(goal, 2.0, False)])
    i18n.set_language("tr")
    turkish = in_language(testing_event, "tr")
    said_now = say(line, turkish)
    assert turkish.agendas["moscow"].goals[0].text in said_now, said_now
    assert goal.text not in said_now or goal.text == turkish.agendas["moscow"].goals[0].text


def test_a_card_that_moves_a_meter_within_a_goal_already_met_is_said_to_move_it_within(testing_event):
    # "moves Partnership 0.9 toward “A partner, not an ally (partnership 40 to 70)”" with the
    # partnership at 50, and "3.0 away from" it while it stayed between 40 and 70.
    from game.core.level import Goal

    band = Goal(
        meter="partnership", at_least=40.0, at_most=70.0, weight=1.0, text="A partner, not an ally", source=""
    )
    short = Goal(
        meter="partnership", at_least=60.0, at_most=None, weight=1.0, text="Close partners", source=""
    )
    line = str(card_reason("A card", None, [(band, 0.9, True), (short, 0.9, False)]))
    assert "0.9 further inside “A partner, not an ally”" in line and "0.9 toward “Close partners”" in line
    line = str(card_reason("A card", None, [(band, -3.0, True)]))
    assert "3.0 nearer the edge of “A partner, not an ally”" in line and "away from" not in line
