"""The resolution on the board's furniture: the map moves with the meters, phase by phase (at
once with animations off), the turn's events come as cards, and the written log is one key away."""

import pygame
import pytest
from ui_driver import key, lock

from game.session.game import HUMAN, Game


def resolve_until_an_event(app, game):
    """Lock turns until one resolves with an event; its resolution screen."""
    for _ in range(game.level.turns):
        app.show_only("board", game=game, perspective="moscow")
        app.step([])
        lock(app)
        scene = app.scene
        assert scene.name == "resolution"
        if scene.cards:
            return scene
    pytest.fail("no event in the whole game")


@pytest.fixture
def game(testing_event):
    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    game.pass_summit()
    return game


@pytest.mark.slow
def test_the_map_shows_where_each_step_leaves_the_shares_at_once_with_animations_off(app, game):
    app.settings.animation_speed = "off"
    scene = resolve_until_an_event(app, game)
    view = app.map_view
    shares = [
        m for m in scene.values_after[0] if "." in m and m.split(".")[1] in ("moscow", "beijing", "west")
    ]
    moved = [
        i
        for i in range(1, len(scene.steps))
        if any(scene.values_after[i][m] != scene.values_after[i - 1][m] for m in shares)
    ]
    assert moved, "no step of the turn moved a share of a state"
    while scene.index < moved[0]:
        key(app, pygame.K_n)
    app.step([])
    assert scene.map_values() == scene.values_after[moved[0]]
    # Drawn in place, beside the meters, with those values (the map's frame is keyed by them).
    assert view._rect is not None and scene.map_room().contains(view._rect)
    states, powers = (
        ("kazakhstan", "uzbekistan", "kyrgyzstan", "tajikistan", "turkmenistan"),
        ("moscow", "beijing", "west"),
    )
    expected = tuple(round(scene.values_after[moved[0]][f"{s}.{p}"], 2) for s in states for p in powers)
    assert view._frame_key[2][: len(expected)] == expected


@pytest.mark.slow
def test_the_turns_events_come_as_cards_and_the_written_log_is_one_key_away(app, game):
    app.settings.animation_speed = "off"
    scene = resolve_until_an_event(app, game)
    step = next(iter(scene.cards))
    while scene.index < step:
        key(app, pygame.K_n)
    app.step([])
    report = scene.report
    titles = [title for title, _ in scene.cards[step]]
    assert [t.split(": ")[-1] for t in titles] == [
        game.level.event(e).title for e in report.events if game.level.event(e)
    ]
    assert scene.showing_cards() and not scene.step_box.visible  # the cards in the log's place
    assert any(c.label == "Written log (W)" for c in scene.controls)
    key(app, pygame.K_w)
    assert not scene.showing_cards() and scene.step_box.visible
    assert any(c.label == "Event cards (W)" for c in scene.controls)
    key(app, pygame.K_w)
    assert scene.showing_cards()
    key(app, pygame.K_n)  # stepping on dismisses the cards
    assert scene.index == step + 1 and not scene.showing_cards()


@pytest.mark.slow
def test_the_map_of_a_resolving_turn_is_of_that_turns_year(app, game):
    # The last turn of a year resolves on the map of that year, not of the next turn's.
    level = game.level
    last_of_year = next(t for t in range(1, level.turns) if level.map_year_at(t) != level.map_year_at(t + 1))
    for _ in range(last_of_year):
        app.show_only("board", game=game, perspective="moscow")
        app.step([])
        lock(app)
    scene = app.scene
    assert scene.name == "resolution" and scene.report.turn == last_of_year
    app.step([])
    assert app.map_view._frame_key[5] == level.map_year_at(last_of_year)


def test_washingtons_normalization_comes_as_a_card_with_what_it_did(app, testing_event):
    # It was one plain line of news among the Washington step's, though partnership, trust,
    # economy and standing all jumped with it.
    from game.ui.scenes.resolution import ResolutionScene

    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    game.pass_summit()
    game.state.meters["washington.thaw_beijing"] = 99.0
    game.lock("moscow", ())
    report = game.resolve()
    assert "normalized_beijing" in report.flags_set
    scene = ResolutionScene(app, game, report)
    [(step, cards)] = [(i, c) for i, c in scene.cards.items() if any("normalized" in t for t, _x in c)]
    (title, text), *_rest = cards
    assert title == "Washington normalized relations with Beijing."
    assert "Beijing gains, Moscow loses standing" in text and "This turn: " in text
    assert scene.steps[step][0] == "Washington"
