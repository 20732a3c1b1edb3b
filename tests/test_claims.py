"""The essay's claims F1-F9 (DESIGN §2) hold on every essay-era level. The figures and the
reasoning behind each are in docs/claims.md; `python -m game claims` prints them."""

import dataclasses
from functools import cache

import pytest

from game.levels import Catalogue
from game.sim.claims import CLAIMS

ESSAY_ERA = [e.id for e in Catalogue.scan().playable() if e.essay_era]
GAMES = 30  # per arm, as docs/claims.md measures `easy`; fixed seeds, so the test is repeatable
# A check whose share of pairs sits near its line on some level is measured on more pairs there:
# F10 on The Testing Event, since the summit's agents stopped asking again for what was refused,
# finds the ceiling lower with the war in 67% of the first 30 pairs, 80% of 60 and 82% of 100
# (75% asked; the mean is lower in all three).
MORE_GAMES = {("testing_event", "F10"): 60}


@cache
def _level(level_id):
    # One level object for all the claims of a level: the claims share the arms they play
    # (game.sim.claims keeps them per level object), as `python -m game claims` does.
    return Catalogue.scan().load(level_id)


def test_there_is_an_essay_era_level():
    assert "testing_event" in ESSAY_ERA


@pytest.mark.slow
@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.__name__.split("_")[0].upper())
@pytest.mark.parametrize("level_id", ESSAY_ERA)
def test_the_claim_holds(level_id, claim):
    level = _level(level_id)
    result = claim(level, MORE_GAMES.get((level_id, claim.__name__.split("_")[0].upper()), GAMES))
    assert result.holds, f"{result.id} on {level_id}: {result.measured} (needs {result.margin})"


@pytest.mark.slow
def test_an_arm_is_played_once_per_level_and_variation():
    from game.sim import claims

    level = _level("testing_event")
    low = claims._games(level, 3, ["start.military_trust=35"])
    high = claims._games(level, 3, ["start.military_trust=85"])
    assert claims._games(level, 3, ["start.military_trust=35"]) is low
    assert [g.final["military_trust"] for g in low] != [g.final["military_trust"] for g in high]
    # Another level object (here a copy of the same level, as a variation of its rules makes one)
    # plays its own arm.
    assert claims._games(dataclasses.replace(level), 3, ["start.military_trust=35"]) is not low


@pytest.mark.slow
def test_f8_measures_a_normalization_that_happens():
    # F8 used to start Washington two points past its threshold: under `normal` agents on the Middle
    # Corridor, Beijing's first turn cooled Washington below it in every game, no normalization
    # happened, and the check measured a difference of nothing. A check must fail when its premise
    # does not hold.
    from game.sim.claims import f8_normalization_isolates

    result = f8_normalization_isolates(_level("middle_corridor"), 4, agents=("normal", "normal"))
    assert "it happened in 100% of games" in result.measured, result.measured
    assert result.holds, result.measured


def test_the_price_of_repair_is_the_capital_spent_on_cards_that_build_the_partnership(testing_event):
    from types import SimpleNamespace

    from game.sim.claims import BUILDS, repair_spending

    def builds(action):
        return any(d > 0 and m in BUILDS for m, d in action.does.effects)

    builder = next(a for a in testing_event.actions_of["moscow"] if builds(a))
    other = next(a for a in testing_event.actions_of["beijing"] if not builds(a))
    quiet = {"moscow": (), "beijing": ()}

    def game(*plans):
        return SimpleNamespace(plans=list(plans))

    # Turn 1 is before the window (turns 2 and 3); the card that builds nothing costs nothing here.
    base = [game(quiet, quiet, {"moscow": (), "beijing": (other.id,)})]
    varied = [game({"moscow": (builder.id,), "beijing": ()}, {"moscow": (builder.id,), "beijing": ()}, quiet)]
    assert repair_spending(testing_event, base, varied, 2, 3) == builder.cost
    assert repair_spending(testing_event, varied, base, 2, 3) == -builder.cost
    assert repair_spending(testing_event, base, varied, 1, 3) == 2 * builder.cost


@pytest.mark.slow
def test_the_claims_can_be_checked_on_a_level_with_its_rules_changed():
    # The ablation's two rules for F1, removed by hand: the claim the model then no longer makes
    # fails, and the report says under what it was checked.
    import json

    from cli_driver import run_game

    vary = ["--vary", "rules.weight_us_pressure=0", "--vary", "rules.ceiling_washington=0"]
    out = run_game("claims", "testing_event", "--games", "2", "--json", *vary)
    assert out.returncode == 1, out.stderr
    rows = {r["id"]: r for r in json.loads(out.stdout)}
    assert not rows["F1"]["holds"], rows["F1"]["measured"]
    assert rows["F1"]["variation"] == ["rules.weight_us_pressure=0", "rules.ceiling_washington=0"]
    assert rows["F4"]["holds"]  # (a claim these rules do not carry still holds)


@pytest.mark.parametrize(
    "item, said",
    [
        ("event.war=3", "events, effects, plans and terms are what the checks themselves play"),
        ("rules.no_such_rule=1", "no rule 'no_such_rule'"),
        ("rules.trust_rate=fast", "should be a valid number"),
    ],
)
def test_a_change_the_claims_cannot_be_checked_under_is_refused_by_name(item, said):
    from cli_driver import run_game

    out = run_game("claims", "testing_event", "--games", "1", "--vary", item)
    assert out.returncode == 2
    assert said in out.stderr and "claims" in out.stderr
