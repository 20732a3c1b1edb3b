"""What a side can see (game.core.observe), and that every agent decides from that alone."""

import pytest

from game.ai import make_agent
from game.core import initial_state, observe, resolve_turn
from game.core.observe import HIDDEN_OF_OTHER, PUBLIC_OF_OTHER
from game.core.state import Scheduled
from game.levels import Catalogue


@pytest.fixture(scope="module")
def level():
    return Catalogue.scan().load("testing_event")


def a_few_turns_in(level, seed=3):
    """A state some turns in, so that cooldowns, delayed effects and meters have moved."""
    state = initial_state(level, seed)
    moscow, beijing = make_agent("easy", "moscow", seed), make_agent("easy", "beijing", seed)
    for _ in range(3):
        state, _ = resolve_turn(state, {"moscow": moscow.choose(state), "beijing": beijing.choose(state)})
    return state


def what_the_other_alone_knows_changed(state, side):
    """The same state with every part `side` cannot see changed."""
    partner = "beijing" if side == "moscow" else "moscow"
    changed = state.copy()
    for name in HIDDEN_OF_OTHER:
        key = f"{partner}.{name}"
        changed.meters[key] = 0.0 if changed.meters[key] > 15 else 30.0
    changed.ready_at = {
        **changed.ready_at,
        **{a.ready_key: state.turn + 5 for a in state.level.side_actions(partner)},
    }
    changed.rng = state.rng ^ 0xDEADBEEF
    return changed


def test_a_side_sees_its_own_meters_and_the_others_public_ones(level):
    state = a_few_turns_in(level)
    seen = observe(state, "moscow")
    for name in ("capital", "freed_forces", "dependence", "economy"):
        assert seen.meters[f"moscow.{name}"] == state.meters[f"moscow.{name}"]
    for name in PUBLIC_OF_OTHER:
        assert seen.meters[f"beijing.{name}"] == state.meters[f"beijing.{name}"]
    for name in HIDDEN_OF_OTHER:
        assert seen.meters[f"beijing.{name}"] == level.start[f"beijing.{name}"]
    assert seen.rng == 0
    assert not any(k.startswith("beijing:") for k in seen.ready_at)
    assert state.rng != 0, "the state observed is never changed"


def test_observing_hides_what_the_other_side_alone_knows(level):
    state = a_few_turns_in(level)
    for side in ("moscow", "beijing"):
        changed = what_the_other_alone_knows_changed(state, side)
        assert observe(changed, side).fingerprint() == observe(state, side).fingerprint()


@pytest.mark.parametrize("agent", ["random", "easy", "normal", "hard"])
@pytest.mark.parametrize("side", ["moscow", "beijing"])
def test_an_agents_choice_does_not_change_with_what_it_cannot_see(level, agent, side):
    state = a_few_turns_in(level)
    changed = what_the_other_alone_knows_changed(state, side)
    assert changed.meters != state.meters and changed.rng != state.rng
    chosen = make_agent(agent, side, 11).choose(state)
    chosen_when_changed = make_agent(agent, side, 11).choose(changed)
    assert chosen == chosen_when_changed


def test_the_delayed_effects_of_the_other_sides_actions_are_hidden(level):
    state = a_few_turns_in(level)
    moscow_action = next(a for a in level.side_actions("moscow") if a.delayed)
    later = Scheduled(state.turn + 1, moscow_action.delayed[0].does, "action", moscow_action.id, "x")
    state.scheduled = (later,)
    assert observe(state, "beijing").scheduled == ()
    assert observe(state, "moscow").scheduled == (later,)
