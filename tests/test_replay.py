import json

import pytest
from cli_driver import run_game

from game.session.play import play_game
from game.session.replay import FacilitatorAct, ReplayError, ReplayLog, replay


def test_a_log_for_a_changed_level_is_refused(testing_event):
    _, _, log = play_game(testing_event, 2)
    changed = log.model_copy(update={"level_hash": "0" * 64})
    with pytest.raises(ReplayError, match="has changed since this game was played"):
        replay(testing_event, changed)


def test_a_log_with_an_illegal_plan_is_refused(testing_event):
    _, _, log = play_game(testing_event, 2)
    log.turns[0].moscow = ["no_such_action"]
    with pytest.raises(ReplayError, match="turn 1"):
        replay(testing_event, log)


@pytest.mark.parametrize("missing", ["meter", "delta"])
def test_a_logged_adjustment_without_its_meter_or_amount_is_refused(testing_event, missing):
    # A hand-edited log: the act passes the schema (both fields are optional for other acts) but
    # cannot be applied; the replay says so instead of failing inside the engine.
    _, _, log = play_game(testing_event, 2)
    fields = {"meter": "partnership", "delta": 5.0} | {missing: None}
    log.facilitator.append(FacilitatorAct(turn=1, kind="adjust", text="why", **fields))
    with pytest.raises(ReplayError, match="turn 1: the facilitator's adjustment"):
        replay(testing_event, log)


def test_replay_command_prints_the_transcript_and_refuses_changed_levels(tmp_path, testing_event):
    _, _, log = play_game(testing_event, 4)
    good = tmp_path / "game.json"
    good.write_text(log.model_dump_json())
    out = run_game("replay", str(good))
    assert out.returncode == 0, out.stderr
    assert "== Turn 1 (" in out.stdout and "Outcome:" in out.stdout
    stale = tmp_path / "stale.json"
    stale.write_text(log.model_copy(update={"level_hash": "f" * 64}).model_dump_json())
    out = run_game("replay", str(stale))
    assert out.returncode == 1 and "has changed" in out.stderr and "Traceback" not in out.stderr
    junk = tmp_path / "junk.json"
    junk.write_text(json.dumps({"format": "something else"}))
    out = run_game("replay", str(junk))
    assert (
        out.returncode == 1 and "not a save or a replay log" in out.stderr and "Traceback" not in out.stderr
    )


def test_replay_command_reads_a_save_file_as_the_game_writes_it(tmp_path, testing_event):
    # "print a saved game's transcript" refused the game's own saves: "not a replay log".
    from game.session.saves import SaveStore

    _, _, log = play_game(testing_event, 4)
    saved = SaveStore(tmp_path).save("Before the summit", log)
    out = run_game("replay", str(saved.path))
    assert out.returncode == 0, out.stderr
    assert out.stdout == run_game("replay", str(_bare(tmp_path, log))).stdout
    assert "== Turn 1 (" in out.stdout and "Outcome:" in out.stdout


def test_replay_command_says_why_a_save_cannot_be_read(tmp_path, testing_event):
    from game.session.saves import SaveStore

    _, _, log = play_game(testing_event, 4)
    saved = SaveStore(tmp_path).save("Later", log)
    data = json.loads(saved.path.read_text(encoding="utf-8"))
    data["version"] = 99
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(data))
    out = run_game("replay", str(newer))
    assert out.returncode == 1 and "from a newer version of the game" in out.stderr
    cut = tmp_path / "cut.json"
    cut.write_text(saved.path.read_text(encoding="utf-8")[:300])
    out = run_game("replay", str(cut))
    assert out.returncode == 1 and "cut short" in out.stderr and "Traceback" not in out.stderr


def _bare(folder, log):
    path = folder / "bare.json"
    path.write_text(log.model_dump_json())
    return path


def test_replay_log_is_plain_json_with_level_hash_seed_and_plans(testing_event):
    _, _, log = play_game(testing_event, 3)
    data = json.loads(log.model_dump_json())
    assert data["level_id"] == "testing_event" and data["seed"] == 3
    assert data["level_hash"] == testing_event.content_hash
    assert len(data["turns"]) >= 1 and set(data["turns"][0]) == {"moscow", "beijing", "why", "summit"}
    assert ReplayLog.model_validate(data) == log


@pytest.mark.slow
def test_a_game_played_under_other_rules_of_the_engine_is_a_game_of_a_changed_level(
    testing_event, monkeypatch
):
    # The hash was the level's files alone: a save made before an update of the engine replayed
    # silently under the new rules, meters and all different from what its player had seen.
    from game.levels import Catalogue, clean_parses
    from game.levels import compile as compiling

    _, _, log = play_game(testing_event, 2)
    clean_parses.forget()
    monkeypatch.setattr(compiling, "RULES", "rules of another version of the game")
    later = Catalogue.scan(()).load("testing_event")
    clean_parses.forget()
    assert later.content_hash != testing_event.content_hash
    with pytest.raises(ReplayError, match="has changed since this game was played"):
        replay(later, log)
