import dataclasses
import json

import pytest
from cli_driver import run_game

from game.sim.batch import run_games, summary
from game.sim.variation import VariationError, parse_variation


def run(*args):
    return run_game(*args)


@pytest.mark.slow
def test_results_are_the_same_whatever_the_number_of_workers(testing_event):
    one = summary(run_games(testing_event, range(12), "easy", "easy", workers=1))
    two = summary(run_games(testing_event, range(12), "easy", "easy", workers=2))
    assert one == two


@pytest.mark.slow
def test_simulate_json_has_the_documented_shape():
    out = run("simulate", "testing_event", "--games", "20", "--seed", "3", "--json", "--workers", "2")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {
        "games",
        "outcomes",
        "wins",
        "mean_score",
        "mean_final",
        "ceiling_binding_share",
        "summit",
        "limit_share",
        "normalization",
    }
    assert 0.0 <= data["ceiling_binding_share"] <= 1.0
    assert set(data["limit_share"]) == {
        "identity_gap",
        "method_divergence",
        "central_asia_rivalry",
        "us_normalization",
    }
    assert data["ceiling_binding_share"] == 0 or sum(data["limit_share"].values()) == pytest.approx(
        1.0, abs=1e-3
    )
    assert set(data["normalization"]) == {"moscow", "beijing"}
    assert data["games"] == 20 and sum(data["outcomes"].values()) == 20
    assert set(data["wins"]) == set(data["mean_score"]) == {"moscow", "beijing"}
    assert "partnership" in data["mean_final"] and "\r" not in out.stderr  # no progress bar off a terminal


@pytest.mark.slow
def test_simulate_prints_a_readable_summary():
    out = run("simulate", "testing_event", "--games", "10")
    assert out.returncode == 0 and "moscow   wins" in out.stdout and "partnership" in out.stdout


@pytest.mark.slow
def test_a_paired_experiment_reports_the_difference():
    out = run("simulate", "testing_event", "--games", "16", "--vary", "flag.war=false", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["variation"] == ["flag.war=false"]
    moscow_forces = data["difference"]["moscow.freed_forces"]
    assert (
        moscow_forces["mean"] > 0 and moscow_forces["low"] <= moscow_forces["mean"] <= moscow_forces["high"]
    )


@pytest.mark.parametrize(
    "bad",
    [
        "start.partnershp=3",
        "flag.peace=true",
        "plan.moscow=b_un_abstain@1",
        "event.nope=2",
        "effect.partnership=-5",
        "rules.nothing=1",
        "foo",
        # Values no level file could give: each a message, never a traceback halfway through.
        "start.partnership=nan",
        "start.moscow.capital=31",
        "rules.max_actions=-4",
        "rules.max_actions=inf",
        "rules.max_actions=1e308",
        "rules.max_actions=2.5",
        "rules.event_chance=1e308",
        "rules.war_side=china",
        "washington.drift_moscow=inf",
        "event.secondary_sanctions=nan",
        "event.secondary_sanctions=99",
        "effect.partnership=1e9@2",
        "plan.moscow=@0",
        "rules.war_flag=no_such_flag",
    ],
)
def test_bad_variations_are_named(testing_event, bad):
    with pytest.raises(VariationError, match=bad.split("=")[0]):
        parse_variation([bad], testing_event)


def test_a_thaw_varied_as_a_setting_of_washington_is_told_its_form(testing_event):
    # A level file writes the thaws under [washington]; a modder tried --vary washington.thaw_moscow.
    with pytest.raises(VariationError, match=r"its start is varied with 'start\.washington\.thaw_moscow=40'"):
        parse_variation(["washington.thaw_moscow=40"], testing_event)


def test_a_bad_variation_is_a_usage_error_not_a_traceback(capsys):
    from game import cli

    assert cli.main(["simulate", "testing_event", "--games", "1", "--vary", "start.partnership=nan"]) == 2
    err = capsys.readouterr().err
    assert "error: --vary start.partnership: should be a number from 0 to 100, not 'nan'" in err
    assert "Traceback" not in err
    long = "start." + "x" * 100_000
    assert cli.main(["simulate", "testing_event", "--games", "1", "--vary", f"{long}=1"]) == 2
    err = capsys.readouterr().err
    assert len(err) < 2000 and "--vary start.xxxx" in err and "(100,000 characters)" in err


def test_bad_usage_exits_2():
    assert run("simulate", "testing_event", "--vary", "start.partnershp=3").returncode == 2
    assert run("simulate", "testing_event", "--moscow", "genius").returncode == 2
    assert run("simulate", "testing_event", "--games", "0").returncode == 2


def test_forced_plans_events_and_effects_are_applied(testing_event):
    v = parse_variation(
        [
            "plan.moscow=@1",
            "plan.beijing=@1",
            "effect.partnership=-10@1",
            f"event.{testing_event.events[0].id}=2",
        ],
        testing_event,
    )
    base = run_games(testing_event, [5], "easy", "easy")[0]
    varied = run_games(testing_event, [5], "easy", "easy", v, detail=True)[0]
    assert varied.plans[0] == {"moscow": (), "beijing": ()}
    assert varied.causes[0].get("partnership|forced_partnership") == -10
    assert (
        any(k.endswith(f"|{testing_event.events[0].id}") for k in varied.causes[1])
        or testing_event.events[0].does.effects == ()
    )
    assert base.plans[0] != varied.plans[0] or base.final != varied.final


@pytest.mark.slow
def test_a_batch_runs_agents_see_what_they_would_see_in_the_window(testing_event):
    # A batch run keeps no record of each change; its agents must still see the plans each side
    # was seen to play (normal reads the partner's cooldowns from them), or the figures measure an
    # agent other than the one people meet. With records and without, the same game.
    from game.sim.batch import play_one
    from game.sim.variation import parse_variation

    same = parse_variation([], testing_event)
    for seed in (0, 1):
        quick = play_one(testing_event, seed, "normal", "normal", same, False, None, None)
        recorded = play_one(testing_event, seed, "normal", "normal", same, True, None, None)
        assert quick.plans == recorded.plans and quick.final == recorded.final


def test_a_variation_is_applied_once_for_a_batch_and_afresh_for_another(testing_event):
    warm = parse_variation(["start.trust=80"], testing_event)
    cold = parse_variation(["start.trust=10"], testing_event)
    first = warm.apply(testing_event)
    assert warm.apply(testing_event) is first  # the games of one batch share one level
    assert cold.apply(testing_event).start["trust"] == 10
    assert warm.apply(testing_event).start["trust"] == 80
    other_level = dataclasses.replace(testing_event, turns=testing_event.turns + 1)
    assert warm.apply(other_level).turns == testing_event.turns + 1


@pytest.mark.slow
def test_a_pair_that_ends_level_is_neither_higher_nor_lower(testing_event):
    # A claim that something falls must not count the games in which nothing moved: before
    # `share_down`, "lower in" was 1 - share_up, and a variation that changed nothing read as
    # lower in every pair.
    from game.sim.batch import paired_difference

    games = run_games(testing_event, range(3), "easy", "easy")
    same = paired_difference(games, games, "partnership")
    assert (same.mean, same.share_up, same.share_down) == (0.0, 0.0, 0.0)
    hostile = run_games(
        testing_event,
        range(3),
        "easy",
        "easy",
        parse_variation(["start.partnership=20"], testing_event),
    )
    lower = paired_difference(games, hostile, "partnership", 1)
    assert lower.share_down == 1.0 and lower.share_up == 0.0
