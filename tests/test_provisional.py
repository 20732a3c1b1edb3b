"""A game ended before its last turn is scored against goals pro-rated to the turns played, and a
game played to the end is scored as it always was (docs/model.md, "Scoring")."""

import pytest

from game.core import initial_state, provisional_goals, provisional_scores, provisional_winners, scores
from game.core.engine import (
    PACE,
    bound_through_cut,
    end_now,
    progress_share,
    prorated_goal,
    resolve_turn,
    start_value,
    winners,
)
from game.core.level import Goal


def goal(at_least=None, at_most=None) -> Goal:
    return Goal("partnership", at_least, at_most, 1.0, "a goal", "test")


def test_a_bound_still_to_reach_moves_from_the_start_in_proportion_to_the_turns_played():
    assert prorated_goal(goal(at_least=74), start=60, share=0.5).at_least == 67
    assert prorated_goal(goal(at_most=20), start=40, share=0.25).at_most == 35


def test_a_bound_met_at_the_start_may_have_lost_only_that_share_of_its_margin():
    """Held at the pace of the whole game: half the turns may give up half the room to the bound."""
    assert prorated_goal(goal(at_least=40), start=60, share=0.5).at_least == 50
    assert prorated_goal(goal(at_most=30), start=10, share=0.25).at_most == 15
    assert prorated_goal(goal(at_least=70), start=70, share=0.5).at_least == 70


def test_a_band_around_the_start_narrows_around_it():
    g = prorated_goal(goal(at_least=40, at_most=60), start=52, share=0.5)
    assert (g.at_least, g.at_most) == (46, 56)


def test_the_whole_game_asks_for_the_goal_itself():
    g = goal(at_least=74, at_most=90)
    assert prorated_goal(g, start=10, share=1.0) == g
    assert prorated_goal(g, start=10, share=3.0) == g


def test_the_share_of_the_way_grows_with_the_turns_played_to_the_whole_goal():
    shares = [progress_share(p, 12) for p in range(13)]
    assert shares[0] == 0 and shares[12] == 1
    assert shares == sorted(set(shares))
    assert progress_share(6, 12) == pytest.approx(0.5**PACE)


def test_a_shipped_goal_asks_for_that_share_of_the_way(testing_event):
    half = testing_event.turns // 2
    goals = provisional_goals(testing_event, half)
    # (Washington's thaw with Beijing: a goal the level's classroom table leaves at the common pace)
    asked = next(g for g in goals["beijing"] if g.meter == "washington.thaw_beijing")
    start = testing_event.start["washington.thaw_beijing"]
    final = next(g for g in testing_event.agendas["beijing"].goals if g.meter == "washington.thaw_beijing")
    assert final.at_least is not None and start < final.at_least
    expected = start + (final.at_least - start) * progress_share(half, testing_event.turns)
    assert asked.at_least == pytest.approx(expected, abs=0.01)


def test_meters_on_their_way_to_the_goals_score_more_provisionally_than_finally(testing_event):
    """Beijing's long-term goals: meters that have gone the share of the way asked after half the
    turns score Beijing higher provisionally than by the goals of the whole game."""
    state = initial_state(testing_event, 1)
    half = testing_event.turns // 2
    share = progress_share(half, testing_event.turns)
    for g in testing_event.agendas["beijing"].goals:
        if g.meter in state.meters and g.at_least is not None and state.meters[g.meter] < g.at_least:
            start = state.meters[g.meter]
            state.meters[g.meter] = start + (g.at_least - start) * share + 0.01
    state.turn = half + 1
    state = end_now(state)
    assert provisional_scores(state)["beijing"] > scores(state)["beijing"]


def test_a_game_played_to_the_end_scores_as_before(testing_event):
    state = initial_state(testing_event, 3)
    while state.outcome is None:
        state, _ = resolve_turn(state, {"moscow": (), "beijing": ()})
    assert provisional_scores(state) == scores(state)
    assert provisional_winners(state) == winners(state)


def test_the_score_of_a_game_ended_early_is_pro_rated_to_the_turns_it_played(testing_event):
    state = initial_state(testing_event, 3)
    for _ in range(4):
        state, _ = resolve_turn(state, {"moscow": (), "beijing": ()})
    ended = end_now(state)
    assert provisional_scores(ended) == provisional_scores(ended, played=4)
    # The same meters judged against goals pro-rated to another number of turns may differ, and
    # after as many turns as the level has, they are judged against the goals themselves.
    assert provisional_scores(ended, played=testing_event.turns) == scores(ended)


def test_before_the_first_turn_every_goal_asks_only_for_where_the_meters_start(testing_event):
    goals = provisional_goals(testing_event, 0)
    for side in testing_event.agendas:
        for g in goals[side]:
            assert g.met(start_value(testing_event, g.meter))


def test_a_session_ended_before_its_first_turn_scores_nothing_and_wins_nothing(testing_event):
    # Ended from the facilitator's panel at the first summit, both sides "scored 100 of 100,
    # provisional (0 of 12 turns), met its agenda": every goal pro-rated to no turns is met where it
    # starts, and the class report would have ranked that group first.
    from game.session.game import Game
    from game.session.story import goals_report, provisional_note

    ended = end_now(initial_state(testing_event, 3))
    assert provisional_scores(ended) == {"moscow": 0.0, "beijing": 0.0}
    assert provisional_winners(ended) == {"moscow": False, "beijing": False}
    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "human"})
    game.end_early("the bell rang")
    assert game.provisional == (0, testing_event.turns)
    assert game.scores() == {"moscow": 0.0, "beijing": 0.0} and not any(game.winners().values())
    assert not any(met for _text, met, _value in goals_report(game, "moscow"))
    assert str(provisional_note(game)) == (
        f"provisional (0 of {testing_event.turns} turns: nothing was played, so no goal is met)"
    )
    # Nor is an outcome told: its epilogue ("The partnership came out of the test as ...") would
    # tell of years nobody played.
    from datetime import datetime

    from game.classroom.exports import debrief_markdown
    from game.session.story import NOTHING_TO_TELL, outcome_of

    assert outcome_of(game) is None
    sheet = debrief_markdown(game, {"moscow": "team", "beijing": "team"}, datetime(2026, 1, 1), "A")
    assert NOTHING_TO_TELL in sheet
    assert not any(o.epilogue and o.epilogue in sheet for o in testing_event.outcomes)


# -- goals a level sets at its classroom cut: a pace of their own -------------------------------


def common_pace(level):
    """The level with every goal at the common pace (a shipped level may set some at its cut)."""
    from dataclasses import replace

    return replace(level, cut_goals=())


def with_cut_goal(level, side: str, meter: str, at_least=None, at_most=None):
    from dataclasses import replace

    from game.core.level import CutGoal

    return replace(level, cut_goals=(CutGoal(side, meter, at_least, at_most, "test"),))


def test_a_bound_set_at_the_cut_is_what_a_session_ended_at_the_cut_asks(testing_event):
    level = with_cut_goal(testing_event, "beijing", "beijing.standing", at_least=66.5)
    goals = provisional_goals(level, level.cut)
    standing = next(g for g in goals["beijing"] if g.meter == "beijing.standing")
    assert standing.at_least == 66.5


def test_a_bound_set_at_the_cut_runs_straight_from_the_start_through_it_to_the_goal(testing_event):
    """Ended before the cut, after it, or at the end: one path through the bound at the cut."""
    level = with_cut_goal(testing_event, "beijing", "beijing.standing", at_least=66.5)
    start = start_value(level, "beijing.standing")
    final = next(g for g in level.agendas["beijing"].goals if g.meter == "beijing.standing").at_least
    asked = []
    for played in range(level.turns + 1):
        g = next(g for g in provisional_goals(level, played)["beijing"] if g.meter == "beijing.standing")
        asked.append(g.at_least)
    cut, turns = level.cut, level.turns
    assert asked[0] == start and asked[cut] == 66.5 and asked[-1] == final
    assert asked[cut // 2] == pytest.approx(start + (66.5 - start) * (cut // 2) / cut, abs=0.01)
    assert asked[cut + 2] == pytest.approx(66.5 + (final - 66.5) * 2 / (turns - cut), abs=0.01)


def test_a_meter_that_dips_first_may_be_asked_less_than_its_start_at_the_cut(testing_event):
    """Moscow's partnership goal (46 or more, from a start above it) set below the goal at the cut:
    the bound falls to it, then climbs back to the goal."""
    start = start_value(testing_event, "partnership")
    level = with_cut_goal(testing_event, "moscow", "partnership", at_least=start - 10)
    asked = [
        next(g for g in provisional_goals(level, p)["moscow"] if g.meter == "partnership").at_least
        for p in range(level.turns + 1)
    ]
    final = next(g for g in level.agendas["moscow"].goals if g.meter == "partnership").at_least
    assert min(asked) == start - 10 == asked[level.cut]
    assert asked[-1] == final


def test_a_goal_the_cut_does_not_set_keeps_the_default_pace(testing_event):
    level = with_cut_goal(testing_event, "beijing", "beijing.standing", at_least=66.5)
    for played in (2, level.cut, 9):
        before, after = (
            provisional_goals(common_pace(testing_event), played),
            provisional_goals(level, played),
        )
        assert after["moscow"] == before["moscow"]
        for old, new in zip(before["beijing"], after["beijing"], strict=True):
            if new.meter != "beijing.standing":
                assert new == old


def test_only_the_bound_set_at_the_cut_leaves_the_default_pace(testing_event):
    """Beijing's partnership band 40-60: its upper bound set at the cut, its lower one as before."""
    level = with_cut_goal(testing_event, "beijing", "partnership", at_most=59)
    old = next(
        g
        for g in provisional_goals(common_pace(testing_event), level.cut)["beijing"]
        if g.meter == "partnership"
    )
    new = next(g for g in provisional_goals(level, level.cut)["beijing"] if g.meter == "partnership")
    assert (new.at_least, new.at_most) == (old.at_least, 59)
    assert old.at_most != 59


def test_a_bound_through_the_cut_before_the_first_turn_and_after_the_last():
    assert bound_through_cut(start=40, at_cut=30, bound=60, played=0, cut=4, turns=12) == 40
    assert bound_through_cut(start=40, at_cut=30, bound=60, played=2, cut=4, turns=12) == 35
    assert bound_through_cut(start=40, at_cut=30, bound=60, played=8, cut=4, turns=12) == 45
    assert bound_through_cut(start=40, at_cut=30, bound=60, played=13, cut=4, turns=12) == 60


def test_a_game_played_to_the_end_ignores_the_goals_at_the_cut(testing_event):
    level = with_cut_goal(testing_event, "beijing", "beijing.standing", at_least=74)
    state = initial_state(level, 3)
    while state.outcome is None:
        state, _ = resolve_turn(state, {"moscow": (), "beijing": ()})
    assert provisional_scores(state) == scores(state)
    assert provisional_goals(level, level.turns) == provisional_goals(testing_event, level.turns)
