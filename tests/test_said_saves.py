"""The AI's reasons keep their frames in a save (game.session.said_record): a game saved and opened
again, or a class's exported log, says the AI's past reasons in the player's language as the
session that played them did. A save is untrusted: a frame this game does not make, a placeholder
that is not a plain name, a tree too deep or too large, or frames that do not give the English
beside them cost only the frames: the reason is shown in English, and the save loads."""

import ast
import copy
import json
from pathlib import Path

import pytest
from conftest import ROOT

from game import i18n
from game.core.level_text import in_language
from game.core.words import Lines, Said
from game.session.game import HUMAN, Game
from game.session.replay import ReplayLog
from game.session.said_record import MAX_DEPTH, engine_frames, read_reason, reason_spec, said_again
from game.session.saves import VERSION, SaveStore, format_for
from game.session.story import ai_reason
from game.speech.reasons import say

AI_PLAYS_BOTH = {"moscow": "normal", "beijing": "easy"}


@pytest.fixture(scope="module")
def russian_game(catalogue):
    """Three turns of a game in Russian, both sides played by the AI, summits and all."""
    i18n.set_language("ru")
    level = in_language(catalogue.load("testing_event"), "ru")
    game = Game.new(level, 7, AI_PLAYS_BOTH)
    for _ in range(3):
        game.play_summit_agents()
        game.resolve()
    i18n.set_language(i18n.DEFAULT)
    return game


def saved(game: Game, folder: Path) -> Path:
    return SaveStore(folder).save("Three turns", game.log_to_save()).path


def reasons_said(game: Game) -> list[str]:
    """Every AI reason of the game's log said in the language in force: its plans', its summits'."""
    out = []
    for turn, plans in enumerate(game.log.turns, start=1):
        out += [say(ai_reason(game, turn, side), game.level) for side in ("moscow", "beijing")]
        out += [say(game.log.summit_reason_of(turn, spec), game.level) for spec in plans.summit if spec.why]
    return out


def test_a_reopened_game_says_the_ais_past_reasons_in_russian_as_the_session_did(russian_game, tmp_path):
    i18n.set_language("ru")
    live = reasons_said(russian_game)
    path = saved(russian_game, tmp_path)
    log = SaveStore(tmp_path).load(path)
    again = Game.from_log(russian_game.level, log, AI_PLAYS_BOTH)
    assert reasons_said(again) == live
    # Said in Russian, not the English the file keeps beside the frames.
    english = [*russian_game.log.turns[0].why.values(), *(s.why for s in russian_game.log.turns[0].summit)]
    assert len(live) > 6 and not set(live) & set(english)
    assert isinstance(again.log.ai_reason_of(1, "moscow"), Lines)
    assert isinstance(again.log.ai_reason_of(1, "beijing"), Said)


def test_a_class_exported_log_says_the_ais_past_reasons_in_russian(russian_game):
    # (the exports' replay.json is the log written as it is; a class's debrief reads it back)
    i18n.set_language("ru")
    again = ReplayLog.model_validate_json(russian_game.log.model_dump_json(indent=1))
    for turn in (1, 2, 3):
        for side in ("moscow", "beijing"):
            assert say(again.ai_reason_of(turn, side), russian_game.level) == say(
                russian_game.log.ai_reason_of(turn, side), russian_game.level
            )


def test_the_english_why_is_kept_as_it_was_and_the_frames_ask_for_format_3(russian_game, tmp_path):
    log = russian_game.log
    assert all(log.turns[0].why[side] == str(log.ai_reason_of(1, side)) for side in ("moscow", "beijing"))
    assert format_for(log) == 3 == VERSION
    data = json.loads(saved(russian_game, tmp_path).read_text())
    assert data["version"] == 3 and set(data["log"]["turns"][0]["why_frames"]) == {"moscow", "beijing"}


def test_a_summit_that_still_sits_keeps_the_ais_reasons_with_their_frames(testing_event, tmp_path):
    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    game.open_summit()
    assert game.summit_move("moscow", "propose", []) is None
    assert game.table.reasons and all(isinstance(r, Said) for r in game.table.reasons.values())
    store = SaveStore(tmp_path)
    log = store.load(store.save("At the table", game.log_to_save()).path)
    again = Game.from_log(testing_event, log, {"moscow": HUMAN, "beijing": "normal"})
    i18n.set_language("zh_CN")
    assert {k: say(r, testing_event) for k, r in again.table.reasons.items()} == {
        k: say(r, testing_event) for k, r in game.table.reasons.items()
    }
    assert all(isinstance(r, Said) for r in again.table.reasons.values())


def test_an_old_save_without_frames_loads_with_the_english(russian_game, tmp_path):
    path = saved(russian_game, tmp_path)
    data = json.loads(path.read_text())
    data["version"] = 1
    for plans in data["log"]["turns"]:
        plans.pop("why_frames", None)
        for spec in plans["summit"]:
            spec.pop("why_frames", None)
    path.write_text(json.dumps(data))
    log = SaveStore(tmp_path).load(path)
    assert type(log.ai_reason_of(1, "moscow")) is str
    assert log.ai_reason_of(1, "moscow") == russian_game.log.turns[0].why["moscow"]


# -- a tampered save ---------------------------------------------------------------------------


def nested(depth: int) -> dict:
    """A card's line inside a card's line, `depth` deep: frames the game makes, nested too far."""
    node: object = "a card"
    for _ in range(depth):
        node = {"shape": "said", "frame": "{card}: {reasons}.", "values": {"card": "x", "reasons": node}}
    assert isinstance(node, dict)
    return node


WORD = {"shape": "said", "frame": "a little"}
TAMPERED = {
    "unknown frame": {"shape": "said", "frame": "Moscow surrenders, {side}"},
    "an attribute in a placeholder": {
        "shape": "said",
        "frame": "{values.__class__}",
        "values": {"values": 1},
    },
    "an index in a placeholder": {"shape": "said", "frame": "{n[0]}", "values": {"n": "abc"}},
    "a conversion": {"shape": "said", "frame": "{card!r}", "values": {"card": "x"}},
    "a width that fills memory": {"shape": "said", "frame": "{n:>999999999}", "values": {"n": 1}},
    "a value missing": {"shape": "said", "frame": "worth {gain:+.1f} to its agenda one turn ahead"},
    "a value of the wrong kind": {
        "shape": "said",
        "frame": "worth {gain:+.1f} to its agenda one turn ahead",
        "values": {"gain": "lots"},
    },
    "deep nesting": nested(MAX_DEPTH + 4),
    "very deep nesting": nested(200),
    "many values": {"shape": "said", "frame": "a little", "values": {f"v{i}": i for i in range(5000)}},
    "many parts": {"shape": "lines", "sep": "\n", "parts": [WORD] * 5000},
    "a huge text": {
        "shape": "said",
        "frame": "{card}: {reasons}.",
        "values": {"card": "x" * 100_000, "reasons": "y"},
    },
    "a huge number": {
        "shape": "said",
        "frame": "{n} turn ahead",
        "plural": "{n} turns ahead",
        "values": {"n": 1e300},
    },
    "a boolean": {
        "shape": "said",
        "frame": "{n} turn ahead",
        "plural": "{n} turns ahead",
        "values": {"n": True},
    },
    "a control character": {"shape": "said", "frame": "to the end\x00"},
    "an unknown shape": {"shape": "eval", "frame": "a little"},
    "a term that is not one": {
        "shape": "said",
        "frame": "It kept its word: “{term}”.",
        "values": {"term": {"shape": "term", "kind": "bribe"}},
    },
    "not an object": ["a little"],
    "a number": 7,
    "frames that give other English": {"shape": "lines", "sep": "\n", "parts": [WORD]},
}


@pytest.mark.parametrize("case", sorted(TAMPERED))
def test_a_tampered_reason_loads_and_is_shown_in_english(russian_game, tmp_path, case):
    path = saved(russian_game, tmp_path)
    data = json.loads(path.read_text())
    plans = data["log"]["turns"][0]
    plans["why_frames"]["moscow"] = copy.deepcopy(TAMPERED[case])
    plans["summit"][0]["why_frames"] = copy.deepcopy(TAMPERED[case])
    path.write_text(json.dumps(data, ensure_ascii=False))
    log = SaveStore(tmp_path).load(path)  # no exception, and the save is not set aside
    assert path.exists()
    english = russian_game.log.turns[0].why["moscow"]
    assert type(log.ai_reason_of(1, "moscow")) is str and log.ai_reason_of(1, "moscow") == english
    i18n.set_language("ru")
    assert say(log.ai_reason_of(1, "moscow"), russian_game.level) == english
    spec = log.turns[0].summit[0]
    assert say(log.summit_reason_of(1, spec), russian_game.level) == spec.why
    # The rest of the file keeps its frames.
    assert say(log.ai_reason_of(2, "moscow"), russian_game.level) != log.turns[1].why["moscow"]


def test_frames_for_a_side_that_is_none_or_not_a_table_are_dropped(russian_game, tmp_path):
    path = saved(russian_game, tmp_path)
    data = json.loads(path.read_text())
    data["log"]["turns"][0]["why_frames"] = {"washington": WORD}
    data["log"]["turns"][1]["why_frames"] = "a little"
    path.write_text(json.dumps(data, ensure_ascii=False))
    log = SaveStore(tmp_path).load(path)
    assert log.turns[0].why_frames == {} and log.turns[1].why_frames == {}


def test_a_term_naming_a_card_the_level_lacks_is_said_without_error(testing_event):
    why = "It kept its word: “Moscow offers to play a card this turn”."
    raw = {
        "shape": "said",
        "frame": "It kept its word: “{term}”.",
        "values": {"term": {"shape": "term", "kind": "offer", "by": "moscow", "deed": "play:no_such_card"}},
    }
    spec = read_reason(raw)
    assert spec is not None
    i18n.set_language("ru")
    shown = say(said_again(why, spec), testing_event)
    assert "Москва" in shown and "no_such_card" in shown


def test_a_reason_too_large_or_with_a_frame_of_its_own_is_kept_in_english_only():
    own = Said("my own reason", "my own {thing}", {"thing": "reason"})
    assert reason_spec(own) is None
    deep = Said("x", "{card}: {reasons}.", {"card": "x", "reasons": "y"})
    for _ in range(MAX_DEPTH + 2):
        deep = Said(f"x: {deep}.", "{card}: {reasons}.", {"card": "x", "reasons": deep})
    assert reason_spec(deep) is None
    assert reason_spec("a plain reason") is None


@pytest.mark.slow
def test_every_frame_the_engine_and_the_agents_mark_is_one_a_save_may_name():
    marked = set()
    for folder in ("game/core", "game/ai"):
        for path in sorted((ROOT / folder).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("N_", "n_"):
                    marked.update(
                        a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                    )
    assert len(marked) > 100
    assert marked <= engine_frames()
    assert "{values.__class__}" not in engine_frames()


@pytest.mark.slow
@pytest.mark.parametrize("agent", ["hard", "normal"])
def test_every_agents_plan_reason_is_written_with_its_frames_and_said_again_alike(testing_event, agent):
    from game.ai.hard import HardAgent
    from game.ai.normal import NormalAgent
    from game.ai.protocol import Budget
    from game.core import initial_state, legal_plans

    state = initial_state(testing_event, 7)
    made = {"hard": HardAgent, "normal": NormalAgent}[agent]("moscow", 7, Budget(iterations=40))
    made.choose(state, legal_plans(state, "moscow"))
    why = made.reason
    raw = reason_spec(why)
    assert raw is not None
    again = said_again(str(why), read_reason(json.loads(json.dumps(raw))))
    assert isinstance(again, Lines) and again == why
    for code in ("ru", "zh_CN", "tr"):
        i18n.set_language(code)
        assert say(again, testing_event) == say(why, testing_event) != why
