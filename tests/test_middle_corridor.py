"""The Middle Corridor's Moscow has a way out of the war: the American envoys' ceasefire is on offer
from 2025. Without it the war drains Moscow's guarantees in Central Asia to the end of every game
(Washington's thaw with Moscow, which the base card waits for, never reaches 15 there), and a
Moscow that plans ahead is no better off than one that does not (docs/agents.md)."""

from __future__ import annotations

import pytest

from game.core.engine import initial_state, is_terminal, legal_actions, resolve_turn
from game.levels import Catalogue

IDLE = {"moscow": (), "beijing": ()}


@pytest.fixture(scope="module")
def corridor():
    return Catalogue.scan().load("middle_corridor")


def _idle_until(state, turn):
    while state.turn < turn and not is_terminal(state):
        state, _ = resolve_turn(state, IDLE, record=False)
    return state


def test_the_ceasefire_is_on_offer_from_2025_and_not_before(corridor):
    state = initial_state(corridor, 3)
    for turn in range(1, 5):
        assert "m_ceasefire" not in legal_actions(state, "moscow"), f"turn {turn}"
        state, _ = resolve_turn(state, IDLE, record=False)
    assert state.turn == 5 and state.meters["washington.thaw_moscow"] < 15
    assert "m_ceasefire" in legal_actions(state, "moscow")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_ceasefire_ends_the_war_two_turns_on_and_brings_forces_home(corridor, seed):
    at_five = _idle_until(initial_state(corridor, seed), 5)
    signed, _ = resolve_turn(at_five, {"moscow": ("m_ceasefire",), "beijing": ()}, record=False)
    not_signed, _ = resolve_turn(at_five, IDLE, record=False)
    signed, not_signed = _idle_until(signed, 8), _idle_until(not_signed, 8)
    assert signed.flags["war"] is False and not_signed.flags["war"] is True
    assert signed.meters["moscow.freed_forces"] > not_signed.meters["moscow.freed_forces"]


def test_a_batch_game_counts_the_war_only_while_it_goes_on(corridor):
    # Claim F9 measures what each turn of war costs Beijing; the turns after a ceasefire are not
    # turns of war, or a war that ended early would look cheap at the end.
    from game.sim.batch import play_one
    from game.sim.variation import Variation

    ceasefire = Variation(changes=("ceasefire on turn 5",), plans={(5, "moscow"): ("m_ceasefire",)})
    ended = play_one(corridor, 0, "idle", "idle", ceasefire)
    assert ended.plans[4]["moscow"] == ("m_ceasefire",)
    # Played on turn 5, it ends the war two turns on, during turn 7.
    assert ended.at_war == [True] * 6 + [False] * 10
    assert all(play_one(corridor, 0, "idle", "idle").at_war)


@pytest.mark.slow
def test_the_player_reads_that_the_war_is_over_in_the_resolution_and_the_news(app, corridor):
    # The war's end is a flag, with no meter to show it: it is said in words, in the phase of the
    # later effect that ends it, and in the News tab.
    from ui_driver import lock

    from game.session.game import HUMAN, Game
    from game.ui.board.texts import news_html

    game = Game.new(corridor, 0, {"moscow": HUMAN, "beijing": "idle"})
    while game.state.turn < 7:
        plan = ("m_ceasefire",) if game.state.turn == 5 else ()
        assert game.lock("moscow", plan) is None
        game.resolve()
    assert game.state.flags["war"] is True
    app.settings.animation_speed = "off"
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    lock(app)
    scene = app.scene
    assert scene.name == "resolution" and game.state.flags["war"] is False
    said = {title: news for title, news, _changes in scene.steps}
    assert "The war is over." in said["Delayed effects"]
    assert not any("The war is over." in news for title, news in said.items() if title != "Delayed effects")
    assert "<b>The war is over.</b>" in news_html(game, "moscow")
    # A turn that changes neither says nothing of the kind.
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    lock(app)
    assert app.scene.name == "resolution"
    assert not any("The war is over." in news for _title, news, _changes in app.scene.steps)
