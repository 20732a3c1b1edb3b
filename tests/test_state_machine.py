"""A Hypothesis state machine that plays legal plans and checks the engine's invariants."""

import pytest
from conftest import TEST_LEVELS
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from game.core import initial_state, is_terminal, legal_plans, resolve_turn
from game.core.meters import ALL_METERS, POWERS, STATES, meter_range
from game.levels import Catalogue

CATALOGUE = Catalogue.scan([TEST_LEVELS])
LEVELS = {e.id: CATALOGUE.load(e.id) for e in CATALOGUE.playable()}


class PlayLegalPlans(RuleBasedStateMachine):
    @initialize(level_id=st.sampled_from(sorted(LEVELS)), seed=st.integers(0, 2**32))
    def start(self, level_id, seed):
        self.state = initial_state(LEVELS[level_id], seed)

    @precondition(lambda self: not is_terminal(self.state))
    @rule(data=st.data())
    def play_a_turn(self, data):
        plans = {}
        for side in ("moscow", "beijing"):
            options = legal_plans(self.state, side)
            plans[side] = data.draw(st.sampled_from(options), label=side)
        before = self.state
        self.state, report = resolve_turn(before, plans)
        for side, plan in plans.items():
            cost = sum(before.level.actions[a].cost for a in plan)
            assert cost <= before.meters[f"{side}.capital"], "capital overspent"
            spent = -sum(
                c.delta for c in report.changes if c.meter == f"{side}.capital" and c.phase == "actions"
            )
            assert spent == pytest.approx(cost)
        assert self.state.turn == before.turn + 1

    @precondition(lambda self: is_terminal(self.state))
    @rule(seed=st.integers(0, 2**32))
    def start_again(self, seed):
        level = self.state.level
        assert self.state.outcome in {o.id for o in level.outcomes}
        assert legal_plans(self.state, "moscow") == [] and legal_plans(self.state, "beijing") == []
        self.state = initial_state(level, seed)

    @invariant()
    def meters_stay_in_range(self):
        if not hasattr(self, "state"):
            return
        for meter in ALL_METERS:
            lo, hi = meter_range(meter)
            assert lo <= self.state.meters[meter] <= hi, meter

    @invariant()
    def influence_shares_sum_to_100(self):
        if not hasattr(self, "state"):
            return
        for place in STATES:
            total = sum(self.state.meters[f"{place}.{p}"] for p in POWERS)
            assert total == pytest.approx(100.0, abs=1e-6), place

    @invariant()
    def partnership_never_above_its_ceiling_after_a_turn(self):
        if hasattr(self, "state") and self.state.turn > 1:
            assert self.state.meters["partnership"] <= self.state.meters["partnership_ceiling"] + 1e-9


# Half as many games as the Hypothesis profile gives a test (see conftest), each up to 20 steps:
# every step resolves a whole turn.
PlayLegalPlans.TestCase.settings = settings(
    max_examples=max(1, settings.default.max_examples // 2),
    stateful_step_count=20,
    suppress_health_check=[HealthCheck.too_slow],
)
TestPlayLegalPlans = pytest.mark.slow(PlayLegalPlans.TestCase)
