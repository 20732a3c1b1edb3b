"""One test group per resolution phase, on the small `mini` level (tests/levels/mini.toml)."""

import dataclasses

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from game.core import initial_state, legal_actions, legal_plans, plan_problem, resolve_turn, rng
from game.core.ledger import hundredths
from game.core.meters import STATES, aggregate_value

NOTHING = {"moscow": (), "beijing": ()}


def with_start(level, **start):
    values = {k.replace("__", "."): v for k, v in start.items()}
    return dataclasses.replace(level, start={**level.start, **values})


def with_rules(level, **rules):
    return dataclasses.replace(level, rules=dataclasses.replace(level.rules, **rules))


def quiet(level):
    return with_rules(level, event_chance=0.0)


def changes(report, meter, phase=None):
    return [c for c in report.changes if c.meter == meter and (phase is None or c.phase == phase)]


# -- 1. actions -------------------------------------------------------------------------------
def test_actions_pay_capital_and_apply_effects_with_their_source(mini):
    state = initial_state(quiet(mini), 1)
    _new, report = resolve_turn(state, {"moscow": ("joint_exercise",), "beijing": ()})
    paid = changes(report, "moscow.capital", "actions")
    assert [c.delta for c in paid] == [-2.0]
    trust = changes(report, "military_trust", "actions")[0]
    assert trust.delta == 4.0 and trust.cause_id == "joint_exercise"
    assert trust.source.startswith("tests/levels/mini.toml:")
    assert state.meters["military_trust"] == 50.0, "the old state is never changed"


def test_delayed_effects_fall_due_on_their_turn(mini):
    state = initial_state(quiet(mini), 1)
    state, _ = resolve_turn(state, {"moscow": ("pipeline",), "beijing": ()})
    state, r2 = resolve_turn(state, NOTHING)
    assert not changes(r2, "economic_ties", "delayed")
    state, r3 = resolve_turn(state, NOTHING)
    delayed = changes(r3, "economic_ties", "delayed")
    assert [c.delta for c in delayed] == [5.0] and delayed[0].cause_kind == "delayed"
    # Its cause points at its own [[action.delayed]] table, where its numbers are written.
    assert delayed[0].source == "tests/levels/mini.toml:106"


def test_cooldown_and_requires_make_actions_unavailable(mini):
    state = initial_state(quiet(mini), 1)
    state, _ = resolve_turn(state, {"moscow": ("pipeline",), "beijing": ()})
    assert "pipeline" not in legal_actions(state, "moscow")
    assert "used recently" in plan_problem(state, "moscow", ("pipeline",))
    low = initial_state(with_start(quiet(mini), economic_ties=10), 1)
    assert "needs economic_ties >= 40" in plan_problem(low, "moscow", ("pipeline",))


def test_illegal_plans_are_refused(mini):
    state = initial_state(mini, 1)
    assert "at most 3" in plan_problem(
        state, "beijing", ("investment", "abstain", "court_washington", "investment")
    )
    assert "not an action of moscow" in plan_problem(state, "moscow", ("investment",))
    poor = initial_state(with_start(mini, moscow__capital=3), 1)
    assert "costs" in plan_problem(poor, "moscow", ("joint_exercise", "strike"))
    with pytest.raises(ValueError):
        resolve_turn(poor, {"moscow": ("joint_exercise", "strike"), "beijing": ()})


def test_legal_plans_fit_the_budget_and_include_the_empty_plan(mini):
    state = initial_state(with_start(mini, moscow__capital=4), 1)
    plans = legal_plans(state, "moscow")
    assert () in plans
    assert all(sum(mini.actions[a].cost for a in p) <= 4 for p in plans)
    assert ("joint_exercise", "strike") in plans and ("joint_exercise", "pipeline") not in plans


# -- 2. methods -------------------------------------------------------------------------------
@pytest.mark.parametrize("capital", [0, 1, 2, 3, 5, 8, 13, 40])
def test_legal_plans_are_every_affordable_combination_in_order(testing_event, capital):
    # legal_plans grows each size of plan from the affordable ones a size smaller; it must give
    # exactly what trying every combination gives, in the same order.
    from itertools import combinations

    from game.core.engine import _usable

    for seed in (0, 3):
        state = initial_state(testing_event, seed)
        for side in ("moscow", "beijing"):
            state.meters[f"{side}.capital"] = capital
            usable = list(_usable(state, side))
            expected = [()] + [
                tuple(a.id for a in combo)
                for size in range(1, testing_event.rules.max_actions + 1)
                for combo in combinations(usable, size)
                if sum(a.cost for a in combo) <= capital
            ]
            assert legal_plans(state, side) == expected


def test_force_raises_divergence_and_costs_the_partner_standing_by_partnership(mini):
    lo = initial_state(with_start(quiet(mini), partnership=20), 1)
    hi = initial_state(with_start(quiet(mini), partnership=80), 1)
    _, r_lo = resolve_turn(lo, {"moscow": ("strike",), "beijing": ()})
    _, r_hi = resolve_turn(hi, {"moscow": ("strike",), "beijing": ()})
    assert changes(r_hi, "method_divergence", "methods")[0].delta == mini.rules.force_divergence
    cost_lo = -changes(r_lo, "beijing.standing", "methods")[0].delta
    cost_hi = -changes(r_hi, "beijing.standing", "methods")[0].delta
    assert cost_hi > cost_lo > 0


def test_distancing_costs_partnership_instead_of_standing(mini):
    state = initial_state(quiet(mini), 1)
    _, report = resolve_turn(state, {"moscow": ("strike",), "beijing": ("abstain",)})
    assert not changes(report, "beijing.standing", "methods")
    assert changes(report, "partnership", "methods")[0].delta == -mini.rules.distance_cost


def test_a_turn_without_force_lets_methods_converge(mini):
    _, report = resolve_turn(initial_state(quiet(mini), 1), NOTHING)
    r = mini.rules
    expected = hundredths(r.divergence_rate * (r.divergence_floor - mini.start["method_divergence"]))
    assert changes(report, "method_divergence", "methods")[0].delta == expected < 0


def test_divergence_comes_from_both_sides_methods(mini):
    """Moscow's force against Beijing's integration widens the gap more than force alone: the
    limit is the distance between the two sides' methods, not Moscow's force by itself."""
    alone, _ = resolve_turn(initial_state(quiet(mini), 1), {"moscow": ("strike",), "beijing": ()})
    apart, _ = resolve_turn(
        initial_state(quiet(mini), 1), {"moscow": ("strike",), "beijing": ("investment",)}
    )
    same, _ = resolve_turn(
        initial_state(quiet(mini), 1), {"moscow": ("joint_exercise",), "beijing": ("investment",)}
    )
    div = "method_divergence"
    assert apart.meters[div] > alone.meters[div] > same.meters[div]


def test_an_ongoing_war_counts_as_force_every_turn(mini):
    """A war without a new force card is not a calm turn: divergence keeps rising."""
    level = dataclasses.replace(quiet(mini), flags={**mini.flags, "war": True})
    state = initial_state(with_start(level, method_divergence=15), 1)
    calm = initial_state(with_start(quiet(mini), method_divergence=15), 1)
    for _ in range(3):
        state, _ = resolve_turn(state, NOTHING)
        calm, _ = resolve_turn(calm, NOTHING)
    assert state.meters["method_divergence"] > calm.meters["method_divergence"] + 3


def test_divergence_makes_association_dearer(mini):
    near = initial_state(with_start(quiet(mini), method_divergence=10), 1)
    far = initial_state(with_start(quiet(mini), method_divergence=70), 1)
    plan = {"moscow": ("strike",), "beijing": ()}
    cost_near = changes(resolve_turn(near, plan)[1], "beijing.standing", "methods")[0].delta
    cost_far = changes(resolve_turn(far, plan)[1], "beijing.standing", "methods")[0].delta
    assert cost_far < cost_near < 0


def test_war_cost_to_the_partner_grows_with_the_war(mini):
    level = dataclasses.replace(quiet(mini), flags={**mini.flags, "war": True})
    state = initial_state(level, 1)
    costs = []
    for _ in range(3):
        state, report = resolve_turn(state, NOTHING)
        costs.append(-changes(report, "beijing.standing", "methods")[0].delta / state.meters["partnership"])
    assert costs[0] < costs[1] < costs[2]


# -- 3. pillars and partnership ---------------------------------------------------------------
def test_partnership_moves_toward_the_pillars_target(mini):
    up = initial_state(with_start(quiet(mini), partnership=20), 1)
    down = initial_state(with_start(quiet(mini), partnership=65), 1)
    assert changes(resolve_turn(up, NOTHING)[1], "partnership", "partnership")[0].delta > 0
    assert changes(resolve_turn(down, NOTHING)[1], "partnership", "partnership")[0].delta < 0


def test_the_ceiling_from_the_limits_caps_partnership(mini):
    level = with_start(
        quiet(mini),
        partnership=90,
        military_trust=100,
        economic_ties=100,
        shared_stance=100,
        identity_gap=80,
        method_divergence=60,
    )
    new, report = resolve_turn(initial_state(level, 1), NOTHING)
    ceiling = new.meters["partnership_ceiling"]
    assert ceiling < 60
    assert new.meters["partnership"] == ceiling
    assert changes(report, "partnership", "partnership")[0].cause_id == "ceiling"


def test_the_same_fall_costs_the_more_dependent_side_more(mini):
    level = with_start(quiet(mini), partnership=70, military_trust=10, economic_ties=10, shared_stance=10)
    _, report = resolve_turn(initial_state(level, 1), NOTHING)
    moscow = changes(report, "moscow.economy", "upkeep")[0].delta
    beijing = changes(report, "beijing.economy", "upkeep")[0].delta
    assert moscow < beijing < 0


def test_border_trust_frees_forces(mini):
    low = initial_state(with_start(quiet(mini), military_trust=10), 1)
    high = initial_state(with_start(quiet(mini), military_trust=90), 1)
    for side in ("moscow", "beijing"):
        key = f"{side}.freed_forces"
        assert resolve_turn(high, NOTHING)[0].meters[key] > resolve_turn(low, NOTHING)[0].meters[key]


def test_forces_a_border_ties_down_are_told_as_tied_down_not_freed(mini):
    # Seen in the resolution: "Moscow freed forces -1.5: a trusted border frees forces".
    from game.core.phases import WHY_FORCES_FREED, WHY_FORCES_TIED

    for trust, forces, why in ((10, 60, WHY_FORCES_TIED), (90, 5, WHY_FORCES_FREED)):
        state = initial_state(with_start(quiet(mini), military_trust=trust, moscow__freed_forces=forces), 1)
        change = changes(resolve_turn(state, NOTHING)[1], "moscow.freed_forces", "partnership")[0]
        assert (change.delta < 0) == (why == WHY_FORCES_TIED) and change.why == why


# -- 4. Central Asia --------------------------------------------------------------------------
def test_influence_shifts_keep_each_state_at_100(mini):
    spare = with_start(quiet(mini), moscow__freed_forces=80)  # Moscow's guarantees hold: no gap
    new, _report = resolve_turn(initial_state(spare, 1), {"moscow": (), "beijing": ("investment",)})
    assert new.meters["kazakhstan.beijing"] == pytest.approx(41.0)
    for place in STATES:
        assert sum(new.meters[f"{place}.{p}"] for p in ("moscow", "beijing", "west")) == pytest.approx(
            100.0, abs=1e-9
        )


def test_war_and_sanctions_move_central_asia_toward_beijing(mini):
    level = dataclasses.replace(quiet(mini), flags={**mini.flags, "war": True, "sanctions": True})
    new, _report = resolve_turn(initial_state(level, 1), NOTHING)
    base, _ = resolve_turn(initial_state(quiet(mini), 1), NOTHING)
    assert new.meters["middle_corridor"] > base.meters["middle_corridor"]
    for place in STATES:
        assert new.meters[f"{place}.moscow"] < base.meters[f"{place}.moscow"]
    assert aggregate_value(new.meters, "central_asia.beijing") > aggregate_value(
        base.meters, "central_asia.beijing"
    )


def test_beijing_gaining_ground_sharpens_the_rivalry(mini):
    """Rivalry answers change: Beijing's gains (and Moscow's losses) raise it, where the old
    evenness measure let a China that displaced Russia lower it."""
    spare = with_start(quiet(mini), moscow__freed_forces=80)
    idle, _ = resolve_turn(initial_state(spare, 1), NOTHING)
    gains, _ = resolve_turn(initial_state(spare, 1), {"moscow": (), "beijing": ("investment",)})
    assert gains.meters["central_asia_rivalry"] > idle.meters["central_asia_rivalry"] + 1


def _rivalry_whys(level, plans):
    _new, report = resolve_turn(initial_state(level, 1), plans)
    return [str(c.why) for c in changes(report, "central_asia_rivalry")]


def test_the_rivalrys_why_names_only_the_side_whose_ground_moved(mini):
    """ "Moscow lost 0.0 and Beijing gained 3.0 points a state" read as a slip: a share that moved by
    less than a tenth is left out of the sentence."""
    no_moscow = {f"{p}.moscow": 0.0 for p in STATES} | {
        f"{p}.west": 100.0 - mini.start[f"{p}.beijing"] for p in STATES
    }
    level = dataclasses.replace(quiet(mini), start={**mini.start, **no_moscow, "moscow.freed_forces": 80})
    whys = _rivalry_whys(level, {"moscow": (), "beijing": ("investment",)})
    assert "Beijing gained 3.0 points a state in Central Asia this turn" in whys
    assert not any("lost" in w for w in whys), whys
    both = _rivalry_whys(
        with_start(quiet(mini), moscow__freed_forces=80), {"moscow": (), "beijing": ("investment",)}
    )
    assert any(w.startswith("Moscow lost ") and " and Beijing gained " in w for w in both), both
    assert not any(" 0.0 " in w for w in both + whys)


def test_beijing_dominating_the_region_keeps_rivalry_higher(mini):
    """At rest, rivalry fades toward a level that Beijing's lead raises, not toward evenness."""

    def region(moscow, beijing):
        shares = {f"{p}.moscow": moscow for p in STATES} | {f"{p}.beijing": beijing for p in STATES}
        return with_start(
            quiet(mini), **{k.replace(".", "__"): v for k, v in shares.items()}, moscow__freed_forces=80
        )

    even, led = region(45.0, 45.0), region(20.0, 70.0)
    a, b = initial_state(even, 1), initial_state(led, 1)
    for _ in range(4):
        a, _ = resolve_turn(a, NOTHING)
        b, _ = resolve_turn(b, NOTHING)
    assert b.meters["central_asia_rivalry"] > a.meters["central_asia_rivalry"]


def test_a_gap_moscow_leaves_goes_to_whoever_invests(mini):
    """Without forces to spare Moscow's guarantees fade; a Beijing that invests gains more of what
    Moscow loses than an idle one."""
    thin = with_start(quiet(mini), moscow__freed_forces=0)
    idle, _ = resolve_turn(initial_state(thin, 1), NOTHING)
    active, _ = resolve_turn(initial_state(thin, 1), {"moscow": (), "beijing": ("investment",)})
    assert idle.meters["uzbekistan.moscow"] < mini.start["uzbekistan.moscow"]
    # uzbekistan: the card's region-wide point, plus most of the gap Moscow left there
    assert active.meters["uzbekistan.beijing"] - idle.meters["uzbekistan.beijing"] > 1.2


# -- 5. Washington ----------------------------------------------------------------------------
def test_outreach_warms_washington_and_normalization_fires_at_the_threshold(mini):
    level = with_start(quiet(mini), washington__thaw_beijing=68)
    new, report = resolve_turn(initial_state(level, 1), {"moscow": (), "beijing": ("court_washington",)})
    assert changes(report, "washington.thaw_beijing", "washington")[0].delta == 4.0
    assert new.normalized == ("beijing",) and new.flags["normalized_beijing"]
    normalization = [
        c for c in changes(report, "moscow.standing", "washington") if c.cause_id == "normalization"
    ]
    assert normalization[0].delta == -mini.rules.normalization_partner_standing
    assert any("normalized" in n for n in report.notes)
    after, _ = resolve_turn(new, NOTHING)
    assert after.meters["partnership_ceiling"] < new.meters["partnership_ceiling"] + 1


def test_a_partial_thaw_with_beijing_isolates_moscow(mini):
    """Well short of normalization, a warmer Washington–Beijing line costs Moscow standing every
    turn and loosens the pair."""
    cold = initial_state(with_start(quiet(mini), washington__thaw_beijing=20), 1)
    warm = initial_state(with_start(quiet(mini), washington__thaw_beijing=60), 1)
    for _ in range(3):
        cold, _ = resolve_turn(cold, NOTHING)
        warm, _ = resolve_turn(warm, NOTHING)
    assert not warm.normalized
    assert warm.meters["moscow.standing"] < cold.meters["moscow.standing"] - 1
    assert warm.meters["partnership"] < cold.meters["partnership"]


def test_washington_courts_the_side_that_stays_out_of_force(mini):
    _, report = resolve_turn(initial_state(quiet(mini), 1), {"moscow": ("strike",), "beijing": ()})
    wedge = [c for c in changes(report, "washington.thaw_beijing", "washington") if c.cause_id == "wedge"]
    assert wedge and wedge[0].delta > 0


# -- memory: what a turn leaves behind -------------------------------------------------------
def test_a_shock_leaves_distrust_that_lasts_for_years(mini):
    """A sudden fall in partnership costs trust, and trust mends over years, not turns."""
    level = dataclasses.replace(with_rules(quiet(mini), pillar_upkeep=0.0), turns=12)
    calm = initial_state(level, 1)
    shocked = initial_state(with_start(level, partnership=90), 1)  # the pillars pull it down 14 at once
    calm, _ = resolve_turn(calm, NOTHING)
    shocked, report = resolve_turn(shocked, NOTHING)
    assert changes(report, "trust", "memory")[0].cause_id == "shock"
    gap = calm.meters["trust"] - shocked.meters["trust"]
    assert gap > 5
    for _ in range(8):  # two years of seasons
        calm, _ = resolve_turn(calm, NOTHING)
        shocked, _ = resolve_turn(shocked, NOTHING)
    assert calm.meters["trust"] - shocked.meters["trust"] > gap / 2


def test_what_trust_loses_is_remembered_as_distrust_that_fades_on_its_own_clock(mini):
    """Each point trust falls in a turn leaves `distrust_per_fall` of distrust; distrust loses
    `distrust_fade` of itself every turn, and while it lasts trust mends only toward the pillars
    less it, so the fall is still felt two years on."""
    from game.core.phases import Adjustment

    level = dataclasses.replace(with_rules(quiet(mini), pillar_upkeep=0.0), turns=12)
    r = level.rules
    assert level.start["distrust"] == 0.0  # a level that does not set it starts without
    blow = [("facilitator", Adjustment("trust", -10.0, "a broken promise"))]
    calm, _ = resolve_turn(initial_state(level, 1), NOTHING)
    hurt, report = resolve_turn(initial_state(level, 1), NOTHING, blow)
    made = changes(report, "distrust", "memory")
    assert made[0].cause_id == "distrust"
    assert made[0].delta == pytest.approx(r.distrust_per_fall * 10.0)
    assert calm.meters["distrust"] == 0.0
    # It fades by its share each turn, whatever trust does meanwhile.
    held = hurt.meters["distrust"]
    hurt2, report = resolve_turn(hurt, NOTHING)
    faded = changes(report, "distrust", "memory")
    assert [c.cause_id for c in faded] == ["distrust_fade"]
    assert hurt2.meters["distrust"] == pytest.approx(held * (1 - r.distrust_fade), abs=0.01)
    # Trust's mending is held down by it: compare the same fall without any memory of it.
    forgetful = with_rules(level, distrust_per_fall=0.0)
    remembering = [hurt2]
    forgetting = [resolve_turn(resolve_turn(initial_state(forgetful, 1), NOTHING, blow)[0], NOTHING)[0]]
    for _ in range(7):
        remembering.append(resolve_turn(remembering[-1], NOTHING)[0])
        forgetting.append(resolve_turn(forgetting[-1], NOTHING)[0])
    lost_then = calm.meters["trust"] - hurt.meters["trust"]
    assert forgetting[-1].meters["trust"] - remembering[-1].meters["trust"] > 1.0
    assert remembering[-1].meters["distrust"] > 0.4 * held  # about half is left two years on
    assert lost_then > 9.0


def test_moscow_outreach_raises_its_western_pull_and_the_gap_follows_slowly(mini):
    level = quiet(mini)
    base, _ = resolve_turn(initial_state(level, 1), NOTHING)
    state = initial_state(level, 1)
    outreach = dataclasses.replace(level.actions["strike"], tags=("outreach",))
    level2 = dataclasses.replace(level, actions={**level.actions, "strike": outreach})
    state = initial_state(level2, 1)
    new, _ = resolve_turn(state, {"moscow": ("strike",), "beijing": ()})
    assert new.meters["western_pull"] > base.meters["western_pull"]
    assert 0 < new.meters["identity_gap"] - base.meters["identity_gap"] < 1


def test_beijings_aim_to_lead_grows_with_its_lead_in_power(mini):
    even = initial_state(quiet(mini), 1)
    ahead = initial_state(with_start(quiet(mini), beijing__economy=90), 1)
    a, _ = resolve_turn(even, NOTHING)
    b, _ = resolve_turn(
        dataclasses.replace(ahead, level=dataclasses.replace(ahead.level, start=mini.start)), NOTHING
    )
    assert b.meters["leadership_aim"] > a.meters["leadership_aim"]


def test_dependence_follows_what_each_side_trades(mini):
    ties = initial_state(with_start(quiet(mini), economic_ties=50), 1)
    grown = dataclasses.replace(ties, meters={**ties.meters, "economic_ties": 90.0})
    a, _ = resolve_turn(ties, NOTHING)
    b, _ = resolve_turn(grown, NOTHING)
    rise = {s: b.meters[f"{s}.dependence"] - a.meters[f"{s}.dependence"] for s in ("moscow", "beijing")}
    assert rise["moscow"] > rise["beijing"] > 0


def test_the_report_names_the_limit_that_holds_the_ceiling(mini):
    level = with_start(
        quiet(mini),
        partnership=90,
        military_trust=100,
        economic_ties=100,
        shared_stance=100,
        method_divergence=90,
    )
    _, report = resolve_turn(initial_state(level, 1), NOTHING)
    assert report.ceiling_cause == "method_divergence"
    held = changes(report, "partnership", "partnership")[0]
    assert "divergent methods" in held.why


# -- 6. events --------------------------------------------------------------------------------
def test_events_are_drawn_from_the_seed_and_once_events_do_not_repeat(mini):
    seen = []
    for seed in range(6):
        state = initial_state(mini, seed)
        fired = []
        while state.outcome is None:
            state, report = resolve_turn(state, NOTHING)
            fired += report.events
        assert fired.count("summit") <= 1
        seen.append(tuple(fired))
    assert len(set(seen)) > 1, "different seeds draw different events"
    again = initial_state(mini, 3)
    replayed = []
    while again.outcome is None:
        again, report = resolve_turn(again, NOTHING)
        replayed += report.events
    assert tuple(replayed) == seen[3]


def test_an_event_applies_its_effects_and_flags(mini):
    state = initial_state(mini, 1)
    for _ in range(4):
        if state.outcome:
            break
        state, report = resolve_turn(state, NOTHING)
        if "summit" in report.events:
            assert changes(report, "shared_stance", "events")[0].delta == 5.0
            assert state.flags["summit"] and "summit" in report.flags_set
            return
    pytest.skip("summit not drawn for this seed")


# -- 7. upkeep and the end --------------------------------------------------------------------
def test_capital_income_grows_with_standing_and_stops_at_the_cap(mini):
    poor = initial_state(with_start(quiet(mini), moscow__capital=0, moscow__standing=0), 1)
    rich = initial_state(with_start(quiet(mini), moscow__capital=0, moscow__standing=100), 1)
    a, _ = resolve_turn(poor, NOTHING)
    b, _ = resolve_turn(rich, NOTHING)
    assert b.meters["moscow.capital"] > a.meters["moscow.capital"] > 0
    full = initial_state(with_start(quiet(mini), moscow__capital=30), 1)
    assert resolve_turn(full, NOTHING)[0].meters["moscow.capital"] == 30


def test_an_early_outcome_ends_the_game_at_once(mini):
    level = with_start(
        quiet(mini),
        partnership=12,
        military_trust=0,
        economic_ties=0,
        shared_stance=0,
        washington__thaw_moscow=100,
        washington__thaw_beijing=100,
    )
    state = initial_state(level, 1)
    state, report = resolve_turn(state, {"moscow": ("strike",), "beijing": ("abstain",)})
    assert state.outcome == "split" and report.outcome == "split"
    assert legal_plans(state, "moscow") == []


def test_the_last_turn_picks_the_first_outcome_that_holds(mini):
    state = initial_state(quiet(mini), 1)
    for _ in range(mini.turns):
        state, _ = resolve_turn(state, NOTHING)
    assert state.outcome in ("holds", "drifts")
    expected = "holds" if state.meters["partnership"] >= 40 else "drifts"
    assert state.outcome == expected


def test_a_changed_copy_of_a_level_draws_from_its_own_deck(mini):
    # The level keeps tables worked out from its cards; a copy with other cards (an experiment's
    # variation) must work them out afresh rather than share the original's.
    assert len(mini.deck_without(frozenset())[0]) == len(mini.events) > 1
    fewer = dataclasses.replace(mini, events=mini.events[:1])
    assert fewer.deck_without(frozenset())[:2] == (mini.events[:1], (mini.events[0].weight,))


def test_every_change_names_its_cause_and_where_it_is_written(mini):
    state = initial_state(mini, 5)
    while state.outcome is None:
        state, report = resolve_turn(
            state, {"moscow": ("strike",) if state.meters["moscow.capital"] >= 2 else (), "beijing": ()}
        )
        for c in report.changes:
            assert c.cause_kind in ("action", "event", "rule", "delayed")
            assert c.cause_id and c.why and c.source
            assert c.before != c.after


# -- rounding ---------------------------------------------------------------------------------
# The engine rounds every change to hundredths with a faster stand-in for round(x, 2); a game
# must come out exactly as if round() had been used, or old logs would replay differently.
# Cheap examples: five times the profile's share (see conftest), after the classic traps: an exact
# half-hundredth (round() goes to even), and decimals that a float holds a hair below their half.
@pytest.mark.slow
@settings(max_examples=5 * settings.default.max_examples)
@example(0.125)
@example(-0.375)
@example(2.675)
@example(1.005)
@example(9999.995)
@example(-0.005)
@given(
    st.one_of(
        st.floats(min_value=-1e4, max_value=1e4, allow_nan=False),
        # Values that sit on or near a half-hundredth, where a scaled rounding could go wrong.
        st.builds(
            lambda k, nudge: k / 1000 + nudge,
            st.integers(-(10**7), 10**7),
            st.sampled_from([0.0, 1e-12, -1e-12, 5e-15, -5e-15]),
        ),
        st.builds(
            lambda a, b, w: a / 100 + b / 100 * w,
            st.integers(0, 10**4),
            st.integers(-(10**4), 10**4),
            st.sampled_from([0.25, 0.3, 0.35, 0.15, 0.5, 0.9, 2.5]),
        ),
    )
)
def test_hundredths_is_round_to_two_places_bit_for_bit(x):
    expected = round(x, 2)
    assert hundredths(x) == expected
    if expected != 0:  # below zero the engine clamps first; round() alone may give -0.0
        assert repr(hundredths(x)) == repr(expected)


# The events phase draws a whole deck by binary search over the weights' running sums; the draw
# must be the one weighted_index's repeated subtraction gives, or a seed would tell another story.
# Five times the profile's share of examples; zero weights, a single card and the largest state
# are given first.
@pytest.mark.slow
@settings(max_examples=5 * settings.default.max_examples)
@example([0.0, 0.0, 1.0], 0)
@example([1.0, 0.0, 0.0, 2.0], 2**64 - 1)
@example([10.0], 2**64 - 1)
@example([0.125] * 40, 12345)
@given(
    st.lists(st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 0.25, 5.0, 10.0, 0.125]), min_size=1, max_size=40)
    | st.lists(st.integers(0, 10**6).map(lambda k: k / 1024), min_size=1, max_size=40),
    st.integers(0, 2**64 - 1),
)
def test_a_draw_by_running_sums_is_the_weighted_draw(weights, state):
    sums = rng.running_sums(weights)
    assert sums is not None
    assert rng.weighted_index_by_sums(state, sums) == rng.weighted_index(state, weights)
    # What is left once a card is drawn is drawn from by its sums too.
    rest = weights[: state % len(weights)] + weights[state % len(weights) + 1 :]
    if rest:
        assert rng.weighted_index_by_sums(state, rng.running_sums_of_some(rest)) == rng.weighted_index(
            state, rest
        )


def test_weights_whose_sums_may_be_inexact_get_no_running_sums():
    assert rng.running_sums([0.1, 0.2, 0.3]) is None
    assert rng.running_sums([2.0**31]) is None
    assert rng.running_sums([1.0, 2.0, 0.5]) == (1.0, 3.0, 3.5)
