"""scripts/time_a_session.py, the measured run behind the guide's timings: its counting on one turn
played through the window, so that it cannot rot while the screens change."""

import importlib.util
import sys

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def timing():
    spec = importlib.util.spec_from_file_location("time_a_session", ROOT / "scripts" / "time_a_session.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.mark.slow
def test_one_turn_of_two_teams_is_counted_screen_by_screen(timing):
    run, game = timing.run_session("testing_event", 7, {"moscow": "team", "beijing": "team"}, last_turn=1)
    moscow, beijing, both = (run.tallies[(1, who)] for who in ("moscow", "beijing", "both"))
    for side, team in (("moscow", moscow), ("beijing", beijing)):
        # The briefing, every card's face on every page, the summit's screens and its list were read.
        assert team.read["briefing"] > 100 and team.read["cards"] > 100
        assert team.read["summit"] > 0 and team.read["summit list"] >= team.list_first > 0
        assert team.cards == len(game.level.side_actions(side)) and team.pages > 1
        assert team.terms_on_offer > 0 and team.hand_overs >= 1
        # Each page turned, each card and term chosen, the reason typed and the plan locked.
        assert team.clicks >= team.pages - 1 + team.decisions + 1
        assert team.typed == len(timing.REASON) and game.reasons.get(side) is None  # (a new turn)
    # The resolution is read by both teams together, its news as prose and its changes a line each.
    assert both.read["resolution: news"] > 0 and both.lines > 20 and both.clicks >= 2
    assert game.state.turn == 2 and [r.turn for r in game.reports] == [1]
    rows = timing.turn_rows(run, ["moscow", "beijing"])
    assert 0 < rows[0]["low"] < rows[0]["high"]
    assert "| 1 | **the turn** |" in timing.table(rows, ["moscow", "beijing"])


def test_words_are_counted_as_shown_without_markup(timing):
    assert timing.words("<b>Military trust</b> +3.0 (from 62.0 to 65.0): Moscow&#x27;s war") == 9
