"""The resolution shows the people at the screen no more of a side's hidden meters (its political
capital, freed forces, dependence) than that side's board would: in hot-seat, the Beijing player
watched Moscow's capital go up on the shared screen, and against the AI, the AI's."""

import pytest

from game.core.observe import HIDDEN_OF_OTHER
from game.core.report import TurnReport
from game.session.game import HUMAN, Game


def resolved(game: Game) -> TurnReport:
    game.pass_summit()
    for side in game.humans():
        game.lock(side, ())
    return game.resolve()


def hidden_of(side: str) -> set[str]:
    return {f"{side}.{n}" for n in HIDDEN_OF_OTHER}


def shown(scene) -> tuple[set[str], set[str]]:
    """(the meters the column shows, the meters the steps' changes name)."""
    column = {m for _title, meters in scene.meters.model.meter_groups() for m, _mark in meters}
    told = {c.meter for _title, _news, changes in scene.steps for c in changes}
    return column, told


@pytest.mark.parametrize(
    ("players", "unseen"),
    [
        ({"moscow": HUMAN, "beijing": HUMAN}, ("moscow", "beijing")),
        ({"moscow": HUMAN, "beijing": "normal"}, ("beijing",)),
        ({"moscow": "easy", "beijing": HUMAN}, ("moscow",)),
    ],
)
def test_the_resolution_hides_what_the_people_at_the_screen_may_not_see(app, testing_event, players, unseen):
    from game.ui.scenes.resolution import ResolutionScene

    game = Game.new(testing_event, 7, players)
    report = resolved(game)
    moved = {c.meter for c in report.changes}
    for side in unseen:
        assert moved & hidden_of(side), f"nothing of {side}'s hidden meters moved: the test shows nothing"
    column, told = shown(ResolutionScene(app, game, report))
    for side in unseen:
        assert not (column | told) & hidden_of(side), side
    seen = [s for s in ("moscow", "beijing") if s not in unseen]
    for side in seen:  # a person's own are there
        assert hidden_of(side) <= column and told & hidden_of(side)
    assert {"moscow.economy", "beijing.economy"} <= column  # each side's public ones, whoever watches


def test_a_game_the_agents_play_shows_whoever_watches_everything(app, testing_event):
    from game.ui.scenes.resolution import ResolutionScene

    game = Game.new(testing_event, 7, {"moscow": "easy", "beijing": "easy"})
    report = resolved(game)
    _column, told = shown(ResolutionScene(app, game, report))
    assert told == {c.meter for c in report.changes}
