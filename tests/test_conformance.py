"""The generic conformance test, run over every shipped level (OpenSpiel's habit): random legal
play to the end; the same seed gives the same transcript, another seed a different one; the
replay log round-trips through JSON and replays to the same game."""

import pytest

from game.core import is_terminal
from game.levels import Catalogue
from game.session.play import play_game
from game.session.replay import ReplayLog, replay
from game.session.transcript import transcript

SHIPPED = [e.id for e in Catalogue.scan().playable()]


def test_there_are_shipped_levels():
    assert "testing_event" in SHIPPED


@pytest.mark.slow
@pytest.mark.parametrize("level_id", SHIPPED)
def test_random_play_reaches_an_outcome_and_is_deterministic(level_id):
    level = Catalogue.scan().load(level_id)
    state, reports, _log = play_game(level, 11)
    assert is_terminal(state) and state.outcome in {o.id for o in level.outcomes}
    first = transcript(state, reports)
    again = transcript(*play_game(level, 11)[:2])
    assert first == again
    other = transcript(*play_game(level, 12)[:2])
    assert other != first


@pytest.mark.slow
@pytest.mark.parametrize("level_id", SHIPPED)
def test_the_replay_log_round_trips_and_replays_exactly(level_id):
    level = Catalogue.scan().load(level_id)
    state, reports, log = play_game(level, 5)
    loaded = ReplayLog.model_validate_json(log.model_dump_json())
    assert loaded == log
    replayed, replayed_reports = replay(level, loaded)
    assert replayed.fingerprint() == state.fingerprint()
    assert transcript(replayed, replayed_reports) == transcript(state, reports)


@pytest.mark.slow
def test_shipped_levels_validate_clean():
    from game.levels.validate import validate_paths
    from game.paths import levels_dir

    errors = [p for p in validate_paths([levels_dir()]) if p.severity == "error"]
    assert errors == []
