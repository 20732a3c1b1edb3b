"""A turn resolved without its record (as the agents imagine thousands, and batch runs play whole
games) must come out exactly as the recorded turn: the AI judges plans by these turns, and a
difference between the two would be a silent misjudgement, never an error."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.core import initial_state, is_terminal, legal_plans, resolve_turn
from game.levels import Catalogue

CATALOGUE = Catalogue.scan()
LEVELS = {e.id: CATALOGUE.load(e.id) for e in CATALOGUE.playable()}


@pytest.mark.slow
@given(
    level_id=st.sampled_from(sorted(LEVELS)),
    seed=st.integers(0, 2**32 - 1),
    choices=st.lists(st.integers(0, 10_000), min_size=2, max_size=40),
)
def test_a_turn_resolved_without_its_record_comes_out_the_same(level_id, seed, choices):
    state = initial_state(LEVELS[level_id], seed)
    picks = iter(choices * 20)
    while not is_terminal(state):
        plans = {}
        for side in ("moscow", "beijing"):
            options = legal_plans(state, side)
            plans[side] = options[next(picks) % len(options)]
        recorded, report = resolve_turn(state, plans)
        unrecorded, quiet = resolve_turn(state, plans, record=False)
        assert unrecorded.fingerprint() == recorded.fingerprint(), (level_id, seed, state.turn)
        assert report.records and not quiet.records
        for told in ("events", "flags_set", "flags_cleared", "notes", "outcome", "ceiling_cause", "settled"):
            assert getattr(quiet, told) == getattr(report, told), told
        state = recorded
