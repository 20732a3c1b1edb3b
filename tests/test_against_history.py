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


@pytest.mark.slow
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


def test_what_history_did_changes_no_rule_and_so_not_the_levels_hash(tmp_path):
    # Saves, replays and the balance report name a level by its hash: a level's [history] table,
    # read only by the debrief, is left out of it, as its [classroom] table is.
    text = (ROOT / "levels" / "testing_event.toml").read_text(encoding="utf-8")
    assert "\n[history]\n" in text and "partnership = 52\n" in text
    text = text.replace('id = "testing_event"', 'id = "history_probe"')
    levels = []
    for value in (52, 71):
        folder = tmp_path / str(value)
        folder.mkdir()
        (folder / "probe.toml").write_text(
            text.replace("partnership = 52\n", f"partnership = {value}\n"), encoding="utf-8"
        )
        levels.append(Catalogue.scan([folder]).load("history_probe"))
    assert [lv.historical_partnership for lv in levels] == [52, 71]
    assert levels[0].content_hash == levels[1].content_hash
    # (A change to a rule does change it.)
    folder = tmp_path / "ruled"
    folder.mkdir()
    (folder / "probe.toml").write_text(
        text.replace("partnership = 53 ", "partnership = 54 "), encoding="utf-8"
    )
    assert Catalogue.scan([folder]).load("history_probe").content_hash != levels[0].content_hash


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1280, 720), (800, 600)])
def test_back_to_title_is_not_where_the_last_turns_buttons_were(app, size):
    # One click too many on the last turn's "Continue" landed on the debrief's "Back to title".
    import pygame

    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)])
    level = CATALOGUE.load("testing_event")
    game = Game.new(level, 7, {"moscow": "easy", "beijing": "easy"})
    while not game.over:
        game.play_summit_agents()
        report = game.resolve()
    app.show_only("resolution", game=game, report=report)
    app.step([])
    steps = [c.rect for c in app.scene.controls if c.kind == "button"]
    app.show_only("debrief", game=game)
    app.step([])
    done = next(c.rect for c in app.scene.controls if c.label == "Back to title")
    assert steps and not any(done.colliderect(r) for r in steps)
