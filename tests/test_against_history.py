"""The score against history: each historical level says where history left the partnership, and
the debrief sets the player's result beside it."""

import pytest
from conftest import ROOT

from game.core.meters import band
from game.levels import Catalogue
from game.session.game import HUMAN, Game
from game.ui.scenes.debrief import against_history

CATALOGUE = Catalogue.scan([ROOT / "levels"])
HISTORICAL = ["shanghai_five", "strategic_partnership", "pivot_east", "testing_event", "nixon_surprise"]


@pytest.mark.parametrize("level_id", HISTORICAL)
def test_every_historical_level_says_where_history_left_the_partnership(level_id):
    level = CATALOGUE.load(level_id)
    assert level.what_happened and not level.hypothetical
    assert level.historical_partnership is not None and 0 <= level.historical_partnership <= 100


def test_an_imagined_level_has_no_history_to_score_against():
    level = CATALOGUE.load("thaw_washington")
    assert level.hypothetical and level.historical_partnership is None
    assert against_history(Game.new(level, 7, {"moscow": HUMAN, "beijing": "normal"})) == ""


def test_the_debrief_sets_the_players_partnership_beside_historys():
    level = CATALOGUE.load("testing_event")
    game = Game.new(level, 7, {"moscow": HUMAN, "beijing": "normal"})
    game.state.meters["partnership"] = level.historical_partnership + 12.34
    words = against_history(game)
    assert f"about {level.historical_partnership:.0f} ({band(level.historical_partnership)})" in words
    assert "12.3 points warmer than history" in words
    game.state.meters["partnership"] = level.historical_partnership - 30
    assert "30.0 points colder than history" in against_history(game)
    assert f"history's was {band(level.historical_partnership)}" in against_history(game)


def test_the_debriefs_outcome_tab_shows_the_score_against_history(app):
    level = CATALOGUE.load("pivot_east")
    game = Game.new(level, 7, {"moscow": "easy", "beijing": "easy"})
    while not game.over:
        game.play_summit_agents()
        game.resolve()
    app.show_only("debrief", game=game)
    app.step([])
    html = app.scene.outcome_html()
    assert "<b>Against history</b>" in html and "History left the partnership at about 53" in html
