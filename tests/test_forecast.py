"""The board's forecast: what a plan would do at once (its cards, the rules their tags trigger, the
ceiling the limits then set, the goals it ticks or unticks), from the engine, which it leaves as
it found it."""

import pytest

from game.core import forecast, initial_state, preview, preview_tag_rules, resolve_turn
from game.levels import load_shipped


@pytest.fixture(scope="module")
def level():
    return load_shipped("strategic_partnership")


def deltas(changes):
    out: dict[tuple[str, str], float] = {}
    for c in changes:
        out[c.meter, c.cause_id] = round(out.get((c.meter, c.cause_id), 0.0) + c.after - c.before, 2)
    return out


def test_a_one_card_forecast_is_the_cards_preview_and_its_tag_rules(level):
    state = initial_state(level, 7)
    card = "m_court_washington"  # outreach: Washington warms by a rule, not by the card
    told = deltas(forecast(state, "moscow", [card]).changes)
    for key, delta in deltas(
        preview(state, "moscow", card) + preview_tag_rules(state, "moscow", card)
    ).items():
        assert told[key] == pytest.approx(delta, abs=0.01), key
    assert ("washington.thaw_moscow", "thaw_per_outreach") in told


@pytest.mark.parametrize("thaw", [1.0, 3.0, 8.0])
def test_a_card_without_force_is_not_told_to_change_washingtons_answer_to_the_war(thaw):
    # At war, Washington chills toward Moscow every turn (the war is force in its eyes). A card of
    # stability that itself chills Washington by 2 left that answer less room above a thaw of 0,
    # and the card's tooltip told the difference as the rules its tags trigger ("+0.6: Washington
    # answers Moscow's use of force"), though it has no force tag.
    level = load_shipped("testing_event")
    state = initial_state(level, 7)
    state.meters["washington.thaw_moscow"] = thaw
    assert state.flags["war"] and level.actions["m_joint_exercises"].tags == {"stability"}
    assert preview_tag_rules(state, "moscow", "m_joint_exercises") == []
    # A card of force still adds Washington's answer to it, as far as the thaw has room.
    told = deltas(preview_tag_rules(state, "moscow", "m_hybrid_pressure"))
    assert told[("method_divergence", "force_divergence")] > 0
    chilled = told.get(("washington.thaw_moscow", "thaw_per_force"), 0.0)
    assert chilled < 0 if thaw == 8.0 else chilled == 0.0


def test_a_plans_forecast_adds_its_cards_and_the_meters_follow(level):
    state = initial_state(level, 7)
    plan = ["m_joint_exercises", "m_un_coordination"]
    f = forecast(state, "moscow", plan)
    wear = level.rules.pillar_upkeep  # every pillar's, whatever is played
    assert f.meters["moscow.capital"] == state.meters["moscow.capital"] - 4
    assert f.meters["military_trust"] == state.meters["military_trust"] + 3 - wear
    assert f.meters["shared_stance"] == state.meters["shared_stance"] + 3 - wear
    assert f.meters["economic_ties"] == state.meters["economic_ties"] - wear
    # The order the cards were clicked in does not matter, as in the turn itself.
    assert forecast(state, "moscow", list(reversed(plan))) == f


def test_the_forecast_of_the_pillars_is_what_the_turn_gives_them_but_for_the_events(level):
    # The pillars' wear was left out: a card lifting economic ties by 2 was forecast to meet a
    # goal a point away, which the turn, wearing them by 1, then missed.
    from game.core.meters import PILLARS

    state = initial_state(level, 7)
    plan = ("m_joint_exercises", "m_un_coordination")
    told = forecast(state, "moscow", plan).meters
    after, report = resolve_turn(state, {"moscow": plan, "beijing": ()})
    for pillar in PILLARS:
        by_events = sum(
            c.after - c.before for c in report.changes if c.meter == pillar and c.phase == "events"
        )
        assert told[pillar] == pytest.approx(after.meters[pillar] - by_events, abs=0.01), pillar


def test_the_forecast_of_the_partnership_is_what_the_turn_gives_it_before_the_events(level):
    # The partnership's own pull toward what the pillars support was left out: the forecast said no
    # goal would change, and the partnership rose five points through a goal of "18 or less".
    state = initial_state(level, 7)
    state.meters["partnership"] = 30.0  # well under what the pillars support, and the ceiling
    plan = ("m_joint_exercises",)
    told = forecast(state, "moscow", plan).meters["partnership"]
    after, report = resolve_turn(state, {"moscow": plan, "beijing": ()})
    later = sum(
        c.after - c.before for c in report.changes if c.meter == "partnership" and c.phase != "partnership"
    )
    assert told > 31.0 and told == pytest.approx(after.meters["partnership"] - later, abs=0.01)
    # A goal the pull alone carries the partnership through is named, whatever the cards.
    goal = next(g for g in level.agendas["moscow"].goals if g.meter == "partnership")
    state = initial_state(level, 7)
    state.meters.update(military_trust=90.0, economic_ties=90.0, shared_stance=90.0)
    state.meters["partnership"] = goal.at_least - 0.5  # (under the ceiling of 50)
    # (economic ties at 90 pull Moscow's dependence up too: its goal is named beside)
    assert "partnership" in [g.goal.meter for g in forecast(state, "moscow", []).goals]


def test_the_forecast_counts_dependences_drift_toward_what_each_side_trades():
    # Pivot east's last turn: the forecast showed Moscow's dependence at 79 and said nothing of
    # its goal of "80 or less"; the end of the turn drew it to 80.3 and the goal was lost.
    pivot = load_shipped("pivot_east")
    goal = next(g for g in pivot.agendas["moscow"].goals if g.meter == "moscow.dependence")
    state = initial_state(pivot, 3)
    state.meters["moscow.dependence"] = goal.at_most - 0.5
    state.meters["economic_ties"] = pivot.start["economic_ties"] + 50  # trade pulls it up
    told = forecast(state, "moscow", [])
    assert told.meters["moscow.dependence"] > goal.at_most
    assert [(g.goal.meter, g.met_then) for g in told.goals] == [("moscow.dependence", False)]
    _after, report = resolve_turn(state, {"moscow": (), "beijing": ()})
    drift = [c for c in report.changes if c.meter == "moscow.dependence" and c.cause_id == "trade_dependence"]
    assert drift and [c for c in told.changes if c.cause_id == "trade_dependence"]


def test_the_ceiling_moves_by_what_the_plan_adds_to_the_limits(level):
    state = initial_state(level, 7)
    ceiling = state.meters["partnership_ceiling"]
    # Courting Washington widens the identity gap and warms Washington: the ceiling comes down.
    assert forecast(state, "moscow", ["m_court_washington"]).meters["partnership_ceiling"] < ceiling
    # A treaty of friendship narrows the identity gap: it goes up.
    assert forecast(state, "beijing", ["b_treaty_of_friendship"]).meters["partnership_ceiling"] > ceiling
    # An empty plan leaves it where the last turn put it.
    assert forecast(state, "moscow", []).meters["partnership_ceiling"] == ceiling


def test_the_forecast_names_the_goals_a_plan_would_tick_and_untick(level):
    state = initial_state(level, 7)
    state.meters["moscow.standing"] = 54.5  # the goal is 55 or more
    state.meters["moscow.dependence"] = 35.0  # the goal is 35 or less
    f = forecast(state, "moscow", ["m_host_summit"])  # +4 standing
    (turned,) = f.goals
    assert turned.goal.meter == "moscow.standing" and turned.met_then and turned.now == 54.5
    # A goal met before and after is not named.
    assert forecast(state, "moscow", ["m_court_japan"]).goals == ()  # -2 dependence: still 35 or less
    # The forecast is the side's own: Beijing's goals are read for Beijing's plan.
    state.meters["beijing.economy"] = 64.5
    (lost,) = forecast(state, "beijing", ["b_buy_arms"]).goals  # -1 economy
    assert lost.goal.meter == "beijing.economy" and not lost.met_then


def test_a_forecast_leaves_the_state_and_its_random_stream_as_they_were(level):
    state = initial_state(level, 7)
    before = state.fingerprint()
    plans = {"moscow": ("m_court_washington", "m_host_summit"), "beijing": ("b_kazakh_oil",)}
    expected, _ = resolve_turn(state, plans)
    for side, plan in plans.items():
        forecast(state, side, plan)
    assert state.fingerprint() == before
    after, _ = resolve_turn(state, plans)
    assert after.fingerprint() == expected.fingerprint()


# -- on the board ---------------------------------------------------------------------------------


@pytest.fixture
def board(app, level):
    from game.session.game import HUMAN, Game

    game = Game.new(level, 7, {"moscow": HUMAN, "beijing": "normal"})
    game.pass_summit()  # (the summit has its own tests)
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    return app.scene


def point_at(app, pos):
    import pygame

    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])


def card(board, action_id):
    return next(c for c in board.controls if c.kind == "card" and c.data[0].id == action_id)


def frame(app, box):
    import pygame

    app.render_frame()
    return pygame.image.tobytes(app.screen.subsurface(box), "RGB")


@pytest.mark.slow
def test_pointing_at_a_card_shows_its_forecast_on_the_meters_and_the_map(app, board):
    import pygame

    summit = card(board, "m_host_summit")  # standing, the identity gap and every state's shares
    point_at(app, board.rect("tray").center)
    assert board.shown_forecast() is None  # nothing chosen, nothing pointed at
    standing = next(r for r, meter, _ in board.meters.rows if meter == "moscow.standing")
    kazakhstan = dict(app.map_view.label_rects)["kazakhstan"]
    still = frame(app, standing), frame(app, kazakhstan), frame(app, board.rect("map"))
    point_at(app, summit.rect.center)
    f = board.shown_forecast()
    assert f.plan == ("m_host_summit",)
    assert f.meters["moscow.standing"] == board.game.state.meters["moscow.standing"] + 4
    pointed = frame(app, standing), frame(app, kazakhstan), frame(app, board.rect("map"))
    assert all(a != b for a, b in zip(still, pointed, strict=True))
    # Once chosen, the plan's forecast stays on the board while the mouse is elsewhere.
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=summit.rect.center, button=1)])
    point_at(app, board.rect("tray").center)
    assert board.shown_forecast().plan == ("m_host_summit",)


def test_a_keyboard_player_sees_the_forecast_of_the_card_with_the_focus(app, board):
    import pygame
    from ui_driver import key

    key(app, pygame.K_DOWN)  # from the first card, the focus starts there, to the next
    focused = app.focused()
    assert focused.kind == "card"
    assert board.shown_forecast().plan == (focused.data[0].id,)


def test_the_forecast_says_which_goals_the_plan_would_tick_or_untick(board):
    from game.ui.board.texts import forecast_lines

    board.game.state.meters["moscow.standing"] = 54.5
    f = board.model.forecast("m_host_summit")
    lines = forecast_lines(board.game, f, [])
    assert lines[0] == "Forecast: “Host an SCO summit”"
    assert lines[1] == "Would meet: Restore Russia's standing (55 or more) (now 54, then 58)"
    board.model.toggle("m_host_summit")
    lines = forecast_lines(board.game, board.model.forecast("m_court_japan"), board.model.plan)
    assert lines[0] == "Forecast: your plan + “Court Japan and Korea as oil buyers”"
    assert lines[1].startswith("Would meet: Restore Russia's standing")
    board.model.clear()
    assert forecast_lines(board.game, board.model.forecast("m_court_japan"), []) == [
        "Forecast: “Court Japan and Korea as oil buyers”: no goal of your agenda would change",
        "As if your partner did nothing, and before this turn's events; the pillars' wear and the "
        "partnership's pull toward them counted.",
    ]


def test_pointing_at_a_card_that_cannot_join_the_plan_forecasts_nothing(app, board):
    board.game.state.meters["moscow.capital"] = 1  # every Moscow card costs more
    board.refresh()
    out_of_reach = next(c for c in board.controls if c.kind == "card" and not c.enabled)
    point_at(app, out_of_reach.rect.center)
    assert board.shown_forecast() is None


def test_a_goals_line_in_the_forecast_strip_wraps_rather_than_losing_its_figures(app):
    # "Would meet: Keep the border from war (military trust 8 or more) (now 5, then..." was cut
    # where its figures begin; the caveat alone wrapped.
    from game.ui.board.region_map import forecast_rows
    from game.ui.board.texts import FORECAST_CAVEAT

    font = app.fonts.tiny
    goal = "Would meet: Keep the border from war (military trust 8 or more) (now 5, then 8)"
    lines = ["Forecast: “Receive Kosygin at the airport”", goal, FORECAST_CAVEAT]
    width = font.size(goal)[0] * 2 // 3
    rows = forecast_rows(lines, font, width, 20, app.palette)
    texts = [text for text, _colour in rows]
    assert all(font.size(t)[0] <= width for t in texts)
    assert " ".join(texts[1:3]) == goal and rows[1][1] == rows[2][1] == app.palette.good
    assert texts[3].startswith("As if your partner") and rows[3][1] == app.palette.text_muted
    # With too little room the caveat goes first, then the last goals' rows.
    assert [t for t, _c in forecast_rows(lines, font, width, 3, app.palette)] == texts[:3]


def test_the_agenda_tab_gives_the_score_as_the_debrief_does():
    # One goal met, worth 12.5: the Agenda tab said "12 of 100" and the debrief "12.5 of 100".
    from game.session.game import Game
    from game.ui.board.texts import agenda_view_html

    pivot = load_shipped("pivot_east")
    game = Game.new(pivot, 3, {"moscow": "human", "beijing": "normal"})
    game.scores = lambda: {"moscow": 12.5, "beijing": 40.0}  # type: ignore[method-assign]
    assert "your score now is 12.5 of 100" in agenda_view_html(game, "moscow")
    assert "your score now is 40 of 100" in agenda_view_html(game, "beijing")
