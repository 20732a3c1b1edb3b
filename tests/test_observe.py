"""What a side can see (game.core.observe), and that every agent decides from that alone."""

import pytest

from game.ai import AGENTS, Budget, decide, make_agent
from game.core import initial_state, observe, resolve_turn
from game.core.observe import HIDDEN_OF_OTHER, PUBLIC_OF_OTHER
from game.core.report import TurnReport
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
    """The same state with every part `side` cannot see changed: the other side's hidden meters,
    its cooldowns and the delayed effects of its actions, the random state and seed, and the
    records of past turns' changes to those hidden meters."""
    partner = "beijing" if side == "moscow" else "moscow"
    changed = state.copy()
    hidden = {f"{partner}.{name}" for name in HIDDEN_OF_OTHER}
    for key in hidden:
        changed.meters[key] = 0.0 if changed.meters[key] > 15 else 30.0
    changed.ready_at = {
        **changed.ready_at,
        **{a.ready_key: state.turn + 5 for a in state.level.side_actions(partner)},
    }
    delayed = next((a for a in state.level.side_actions(partner) if a.delayed), None)
    if delayed is not None:
        later = Scheduled(state.turn + 1, delayed.delayed[0].does, "action", delayed.id, "x")
        changed.scheduled = (*changed.scheduled, later)
    changed.rng = state.rng ^ 0xDEADBEEF
    changed.seed = state.seed + 1
    reports = []
    for report in state.history:
        again = TurnReport(report.turn, report.date, dict(report.plans))
        again.records = [(r[0], r[1], r[2] + 7.0, *r[3:]) if r[0] in hidden else r for r in report.records]
        again.events, again.notes = list(report.events), list(report.notes)
        reports.append(again)
    changed.history = tuple(reports)
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
    assert seen.rng == 0 and seen.seed == 0
    assert not any(k.startswith("beijing:") for k in seen.ready_at)
    assert state.rng != 0, "the state observed is never changed"


def test_observing_hides_what_the_other_side_alone_knows(level):
    state = a_few_turns_in(level)
    for side in ("moscow", "beijing"):
        changed = what_the_other_alone_knows_changed(state, side)
        assert observe(changed, side).fingerprint() == observe(state, side).fingerprint()


@pytest.mark.slow
@pytest.mark.parametrize("agent", sorted(AGENTS))
@pytest.mark.parametrize("level_id", ["testing_event", "nixon_surprise", "pivot_east"])
def test_an_agents_choice_does_not_change_with_what_it_cannot_see(agent, level_id):
    level = Catalogue.scan().load(level_id)
    budget = Budget(iterations=12)  # (hard searches: a small budget in iterations keeps it quick)
    for seed, side in ((3, "moscow"), (4, "beijing"), (5, "moscow"), (6, "beijing")):
        state = a_few_turns_in(level, seed)
        changed = what_the_other_alone_knows_changed(state, side)
        assert changed.meters != state.meters and changed.rng != state.rng
        assert changed.history != state.history or not state.history
        chosen = decide(make_agent(agent, side, seed, budget), state, side)
        chosen_when_changed = decide(make_agent(agent, side, seed, budget), changed, side)
        assert chosen == chosen_when_changed, (level_id, seed, side)


def test_the_delayed_effects_of_the_other_sides_actions_are_hidden(level):
    state = a_few_turns_in(level)
    moscow_action = next(a for a in level.side_actions("moscow") if a.delayed)
    later = Scheduled(state.turn + 1, moscow_action.delayed[0].does, "action", moscow_action.id, "x")
    state.scheduled = (later,)
    assert observe(state, "beijing").scheduled == ()
    assert observe(state, "moscow").scheduled == (later,)


def test_the_past_turns_show_the_plans_but_not_the_hidden_meters_changes(level):
    state = a_few_turns_in(level)
    seen = observe(state, "moscow")
    assert [r.plans for r in seen.history] == [r.plans for r in state.history]
    hidden = {f"beijing.{name}" for name in HIDDEN_OF_OTHER}
    assert any(c.meter in hidden for r in state.history for c in r.changes)
    assert not any(c.meter in hidden for r in seen.history for c in r.changes)
    assert any(c.meter == "beijing.standing" for r in seen.history for c in r.changes)


def test_observing_twice_gives_the_same_view(level):
    state = a_few_turns_in(level)
    once = observe(state, "beijing")
    twice = observe(once, "beijing")
    assert twice.fingerprint() == once.fingerprint() and twice.history == once.history
