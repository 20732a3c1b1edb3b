"""The board's parts: its model (the plan and the turn's flow) and its layout (window size and UI
scale in, named boxes out) work without pygame, and the panels draw where the layout says."""

import subprocess
import sys
from itertools import combinations

import pygame
import pytest
from conftest import ROOT
from ui_driver import past_the_summit

from game.session.game import HUMAN, Game
from game.ui.board.layout import board_layout
from game.ui.board.model import AUTOPLAY_AGENT, BoardModel, meter_groups
from game.ui.map_geometry import Box
from game.ui.summit.model import SummitModel, summit_waiting

# -- no pygame ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_boards_model_words_and_layout_load_no_pygame():
    # One fresh interpreter for the three: if none of them loads pygame, together they load none.
    modules = "game.ui.board.model, game.ui.board.texts, game.ui.board.layout"
    code = f"import sys, {modules}; print(sorted(m for m in sys.modules if m.split('.')[0].startswith('pygame')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


# -- the layout ---------------------------------------------------------------------------------

SIZES = [(800, 600), (1280, 720), (1920, 1080)]
SCALES = [1.0, 1.2, 1.5]


def text_heights(scale: float, tall: bool):
    """The heights the game's fonts give at `scale` (a line of bold is about 22 px at 1.0, of the
    heading 28): the top bar on one line or two, and the tray with one line of plan and its buttons
    on a row, or three lines over a two-by-two grid of buttons."""
    bar_h = round((28 + 22 + 12) * scale) if tall else round(54 * scale)
    tray_h = round((10 + 3 * 24 + 6 + 92 + 10) * scale) if tall else round((10 + 24 + 6 + 42 + 10) * scale)
    return {
        "bar_h": bar_h,
        "tab_h": round(30 * scale),
        "tray_height": lambda width: tray_h,
        "reason_h": round(34 * scale),
    }


LAYOUTS = [
    pytest.param(size, scale, tall, id=f"{size[0]}x{size[1]}-{scale}-{'tall' if tall else 'short'}")
    for size in SIZES
    for scale in SCALES
    for tall in (False, True)
]


@pytest.mark.parametrize("size, scale, tall", LAYOUTS)
@pytest.mark.parametrize("projector", [False, True])
def test_every_part_of_the_board_lies_in_the_window_and_none_covers_another(size, scale, tall, projector):
    layout = board_layout(size, scale, projector=projector, **text_heights(scale, tall))
    window = Box(0, 0, *size)
    parts = layout.named()
    assert set(parts) == {"top_bar", "meters", "map", "tabs", "news", "reason", "cards", "tray"}
    for name, box in parts.items():
        assert box.w > 0 and box.h > 0, name
        assert window.contains(box), f"{name} {box} is outside {size}"
    for (a, box_a), (b, box_b) in combinations(parts.items(), 2):
        assert not box_a.colliderect(box_b), f"{a} {box_a} overlaps {b} {box_b}"


@pytest.mark.parametrize("size, scale, tall", LAYOUTS)
def test_the_board_is_three_columns_under_the_top_bar(size, scale, tall):
    lay = board_layout(size, scale, **text_heights(scale, tall))
    w, h = size
    assert lay.top_bar == Box(0, 0, w, lay.top_bar.h)
    assert lay.meters.x < lay.map.x < lay.cards.x
    assert lay.map.x == lay.tabs.x == lay.news.x == lay.reason.x
    assert lay.map.w == lay.tabs.w == lay.news.w == lay.reason.w
    assert lay.cards.x == lay.tray.x and lay.cards.w == lay.tray.w
    assert lay.map.bottom < lay.tabs.y < lay.news.y < lay.news.bottom < lay.reason.y
    assert lay.cards.bottom < lay.tray.y
    # The columns reach down to the same margin.
    assert lay.meters.bottom == lay.reason.bottom == lay.tray.bottom == h - round(12 * scale)
    assert lay.cards.right == w - round(12 * scale)


def test_the_tray_gets_the_height_it_asks_for_at_its_width_and_the_cards_the_rest():
    asked = []

    def tray_height(width):
        asked.append(width)
        return 150

    lay = board_layout((1280, 720), 1.0, bar_h=54, tab_h=30, tray_height=tray_height, reason_h=34)
    assert asked == [lay.tray.w] and lay.tray.h == 150
    taller = board_layout((1280, 720), 1.0, bar_h=54, tab_h=30, tray_height=lambda width: 250, reason_h=34)
    assert taller.cards.h == lay.cards.h - 100 and taller.map == lay.map


def test_projector_mode_gives_the_news_more_room():
    heights = text_heights(1.5, tall=False)
    plain = board_layout((1920, 1080), 1.5, **heights)
    projector = board_layout((1920, 1080), 1.5, projector=True, **heights)
    assert projector.news.h > plain.news.h and projector.map.h < plain.map.h


@pytest.mark.slow
def test_the_boards_panels_sit_where_the_layout_puts_them(app):
    # 800x600, the most crowded window (the `app` fixture is 1280x720: resized here).
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=800, h=600, size=(800, 600))])
    app.options.level = "testing_event"
    app.show_over("new game")
    app.scene.start()
    past_the_summit(app)
    app.step([])  # drawn: the map's labels (the states' controls) are placed
    board = app.scene
    lay = board.layout
    tray = ("Menu", "Undo (U)", "Clear", "Lock plan (L)")
    part_of = {"card": lay.cards, "tab": lay.tabs, "meter": lay.meters, "entry": lay.reason, "state": lay.map}
    for c in board.controls:
        # (A button not in the tray turns the cards' page.)
        part = (lay.tray if c.label in tray else lay.cards) if c.kind == "button" else part_of[c.kind]
        assert pygame.Rect(part).contains(c.rect), (c.kind, c.label)
    assert {c.label for c in board.controls if c.kind == "button"} >= set(tray)
    assert board.news.box.rect == pygame.Rect(lay.news)
    assert board.reason.entry.rect == pygame.Rect(lay.reason)
    assert board.message_area() == pygame.Rect(lay.map)


# -- the model ----------------------------------------------------------------------------------


@pytest.fixture
def versus_ai(testing_event):
    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    game.pass_summit()  # (the summit has its own tests: test_summit.py, test_summit_ui.py)
    return game


def usable(model):
    return [a for a in model.ordered_actions() if model.why_not(a) is None]


def test_choosing_a_card_puts_it_in_the_plan_and_the_draft_a_save_keeps(versus_ai):
    model = BoardModel(versus_ai, "moscow")
    card = usable(model)[0]
    assert model.toggle(card.id) is True
    assert model.plan == [card.id] and versus_ai.drafts["moscow"] == [card.id]
    assert model.cost() == card.cost
    assert model.toggle(card.id) is False and model.plan == [] and versus_ai.drafts["moscow"] == []


def test_a_board_comes_back_with_the_cards_chosen_before(versus_ai):
    card = usable(BoardModel(versus_ai, "moscow"))[0]
    versus_ai.drafts["moscow"] = [card.id]
    assert BoardModel(versus_ai, "moscow").plan == [card.id]


def with_capital(game, side, capital):
    state = game.state.copy()
    state.meters[f"{side}.capital"] = capital
    game.state = state


def test_a_card_the_plan_cannot_afford_says_how_much_capital_is_left(versus_ai):
    with_capital(versus_ai, "moscow", 1000.0)
    model = BoardModel(versus_ai, "moscow")
    cheap, dear = sorted(usable(model), key=lambda a: a.cost)[:: len(usable(model)) - 1]
    assert 0 < cheap.cost < dear.cost
    with_capital(versus_ai, "moscow", float(dear.cost))  # enough for the dear card alone
    model.toggle(cheap.id)
    left = dear.cost - cheap.cost
    assert model.why_not(dear) == f"costs {dear.cost}; only {left:g} capital left in this plan"
    assert model.why_not(cheap) is None, "a chosen card is never refused for its own cost"


def test_a_full_plan_refuses_more_cards(versus_ai):
    with_capital(versus_ai, "moscow", 1000.0)
    model = BoardModel(versus_ai, "moscow")
    most = versus_ai.level.rules.max_actions
    cards = usable(model)
    assert len(cards) > most
    for action in cards[:most]:
        model.toggle(action.id)
    assert model.why_not(cards[most]) == f"a plan holds at most {most} cards"


def test_locking_against_the_ai_resolves_the_turn_and_autosaves(versus_ai):
    model = BoardModel(versus_ai, "moscow")
    model.toggle(usable(model)[0].id)
    saved = []
    locked = model.lock(saved.append)
    assert locked.problem is None and locked.hand_over_to is None and locked.autosave_problem is None
    assert locked.report is versus_ai.reports[-1] and locked.report.plans["moscow"] == tuple(model.plan)
    assert saved == [versus_ai.log] and versus_ai.state.turn == 2


def test_a_failed_autosave_is_told_and_the_turn_still_resolves(versus_ai):
    def full_disk(log):
        raise OSError("no space left on device")

    locked = BoardModel(versus_ai, "moscow").lock(full_disk)
    assert locked.report is not None
    # Said the data folder's one way: what failed, why, and where the game's files are.
    problem = locked.autosave_problem or ""
    assert problem.startswith("The autosave could not be written") and "no space left on device" in problem
    assert versus_ai.state.turn == 2


def test_locking_in_hot_seat_hands_the_keyboard_to_the_other_player(testing_event):
    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": HUMAN})
    saved = []
    locked = BoardModel(game, "moscow").lock(saved.append)
    assert locked.hand_over_to == "beijing" and locked.report is None and saved == []
    assert game.locked == {"moscow": ()} and not game.reports


def test_a_plan_the_engine_refuses_is_not_locked(versus_ai):
    model = BoardModel(versus_ai, "moscow")
    model.plan = ["no_such_card"]
    locked = model.lock(lambda log: None)
    assert locked.problem and "no_such_card" in locked.problem
    assert versus_ai.locked == {} and versus_ai.state.turn == 1


def test_autoplay_chooses_a_legal_plan_and_keeps_it_as_the_draft(versus_ai):
    from game.core import plan_problem

    model = BoardModel(versus_ai, "moscow")
    model.autoplay()
    assert plan_problem(versus_ai.state, "moscow", tuple(model.plan)) is None
    assert versus_ai.drafts["moscow"] == model.plan


@pytest.mark.slow
def test_autoplay_plays_a_persons_side_as_the_game_plays_a_seat_given_to_that_agent(testing_event):
    # The window's autoplay once ran its own agent, seeded otherwise than the game seeds its own:
    # an autoplayed game and the same game with the side given to the agent went different ways.
    # The same holds at the summit: the autoplay agent bargains as the seated agent does.
    autoplayed = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "easy"})
    seated = Game.new(testing_event, 7, {"moscow": AUTOPLAY_AGENT, "beijing": "easy"})
    for _ in range(4):
        if summit_waiting(autoplayed, "moscow"):  # the summit first, bargained as the agent would
            table = SummitModel(autoplayed, "moscow")
            while table.stage not in ("done", "wait"):
                assert table.autoplay() is None
            table.after_move()
        model = BoardModel(autoplayed, "moscow")
        model.autoplay()
        assert model.lock(lambda log: None).report is not None
        seated.resolve()
        assert autoplayed.reports[-1].plans == seated.reports[-1].plans
    assert autoplayed.state.fingerprint() == seated.state.fingerprint()


def test_the_other_side_shows_only_its_public_meters(versus_ai):
    from game.core.observe import HIDDEN_OF_OTHER, PUBLIC_OF_OTHER

    shown = {m for _, meters in BoardModel(versus_ai, "moscow").meter_groups() for m, _ in meters}
    assert {f"beijing.{n}" for n in PUBLIC_OF_OTHER} <= shown
    assert not {f"beijing.{n}" for n in HIDDEN_OF_OTHER} & shown
    assert "moscow.capital" in shown


@pytest.mark.parametrize(
    "level_id, shown",
    [
        ("nixon_surprise", False),
        ("shanghai_five", False),
        ("strategic_partnership", False),
        ("pivot_east", True),
    ],
)
def test_the_middle_corridor_is_on_the_board_only_where_something_can_move_it(level_id, shown):
    # There was no Middle Corridor before 2014: the levels of those years leave its share where it
    # starts and their maps draw no such route, so the board does not list it (it read "Middle
    # Corridor share 0" in 1969). Pivot east's cards and events move it.
    from game.levels import load_shipped

    level = load_shipped(level_id)
    game = Game.new(level, 1, {"moscow": HUMAN, "beijing": "normal"})
    meters = {m for _, group in BoardModel(game, "moscow").meter_groups() for m, _ in group}
    assert ("middle_corridor" in meters) == shown


@pytest.mark.parametrize("side", ["moscow", "beijing", None])
def test_the_middle_corridors_share_is_listed_under_trade_not_under_a_side(side):
    # A player took the share for Beijing's when it closed "Beijing (what you can see)": it is
    # freight's route, neither capital's meter, so it has a heading of its own, last.
    from game.levels import load_shipped

    level = load_shipped("middle_corridor")
    humans = {"moscow": HUMAN, "beijing": HUMAN if side is None else "normal"}
    if side == "beijing":
        humans = {"moscow": "normal", "beijing": HUMAN}
    game = Game.new(level, 1, humans)
    groups = BoardModel(game, side or "moscow").meter_groups() if side else meter_groups(game, None)
    title, meters = groups[-1]
    assert meters == [("middle_corridor", None)]
    assert title == "Trade routes"
    assert all("middle_corridor" not in [m for m, _ in g] for _, g in groups[:-1])


def test_sanctions_put_the_middle_corridor_on_the_board_though_no_card_moves_it(testing_event):
    # Sanctions send trade onto the route every turn (the rule sanctions_corridor).
    import dataclasses

    from game.levels import load_shipped
    from game.ui.board.model import corridor_can_move

    level = load_shipped("nixon_surprise")
    assert not corridor_can_move(level)
    assert corridor_can_move(dataclasses.replace(level, flags={**level.flags, "sanctions": True}))
    assert corridor_can_move(testing_event)


@pytest.mark.slow
@pytest.mark.parametrize("size", [(800, 600), (1024, 600)])
def test_no_meters_name_or_groups_title_is_cut_in_a_small_window(app, size):
    from game.ui.board.texts import group_titles
    from game.ui.widgets import first_fitting

    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)])
    app.options.level = "testing_event"
    app.show_over("new game")
    app.scene.start()
    past_the_summit(app)
    panel = app.scene.meters
    small, bold = app.fonts.small, app.fonts.bold
    for rect, meter, _ in panel.rows:
        room = panel.label_width(rect.width) - 4
        assert small.size(panel.row_label(meter, panel.label_width(rect.width)))[0] <= room, meter
    for title, _ in panel.titles:
        assert (
            bold.size(first_fitting(group_titles(title), bold, panel.gauge_rect.width))[0]
            <= panel.gauge_rect.width
        )


@pytest.mark.slow
def test_the_line_of_why_typed_on_the_board_goes_into_the_record_with_the_plan(app, versus_ai):
    from ui_driver import lock, type_into

    app.show_only("board", game=versus_ai, perspective="moscow")
    app.step([])
    board = app.scene
    assert pygame.Rect(board.layout.reason).contains(
        next(c for c in board.controls if c.kind == "entry").rect
    )
    board.toggle(usable(board.model)[0].id)
    type_into(app, "Why this plan", "Keep Beijing close")
    # A new window size rebuilds the board; what was typed stays.
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=700, size=(1024, 700))])
    assert app.scene.reason.text() == "Keep Beijing close"
    lock(app)
    assert versus_ai.log.reasons_of(1) == {"moscow": "Keep Beijing close"}
    # The debrief gives it as the reason given ("Their reason" read as the AI's, or the partner's).
    from types import SimpleNamespace

    from game.ui.scenes.debrief import DebriefScene

    page = SimpleNamespace(game=versus_ai)
    page.summit_lines = lambda turn: DebriefScene.summit_lines(page, turn)  # type: ignore[arg-type]
    decisions = DebriefScene.decisions_html(page)  # type: ignore[arg-type]
    assert "Reason given: Keep Beijing close" in decisions


# -- plans you can take back, cards you can filter ------------------------------------------------


def test_undo_puts_the_plan_back_change_by_change_before_it_is_locked(versus_ai):
    model = BoardModel(versus_ai, "moscow")
    first, second = (a.id for a in usable(model)[:2])
    assert not model.can_undo()
    model.toggle(first)
    model.toggle(second)
    model.clear()
    assert model.plan == [] and model.undo() and model.plan == [first, second]
    assert model.undo() and model.plan == [first]
    assert versus_ai.drafts["moscow"] == [first]  # what a save keeps follows the undo
    assert model.undo() and model.plan == [] and not model.undo()


def test_a_plan_drafted_before_is_undone_a_card_at_a_time(versus_ai):
    # A saved game's plan of three cards came back with Undo greyed out.
    model = BoardModel(versus_ai, "moscow")
    first, second = (a.id for a in usable(model)[:2])
    model.toggle(first)
    model.toggle(second)
    again = BoardModel(versus_ai, "moscow")  # as a loaded game (the draft is what a save keeps)
    assert again.plan == [first, second] and again.can_undo()
    assert again.undo() and again.plan == [first]
    assert again.undo() and again.plan == [] and not again.can_undo()


def test_u_and_ctrl_z_undo_on_the_board_and_the_tray_has_an_undo_button(app, versus_ai):
    from ui_driver import key, press

    app.show_only("board", game=versus_ai, perspective="moscow")
    app.step([])
    board = app.scene
    first, second = (a.id for a in usable(board.model)[:2])
    board.toggle(first)
    board.toggle(second)
    key(app, pygame.K_u)
    assert board.model.plan == [first]
    key(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert board.model.plan == []
    assert not next(c for c in board.controls if c.label == "Undo (U)").enabled
    board.toggle(first)
    press(app, "Undo (U)")
    assert board.model.plan == []


def test_the_card_order_holds_while_a_plan_is_made_and_undone(versus_ai):
    model = BoardModel(versus_ai, "moscow")
    order = [a.id for a in model.ordered_actions()]
    for action in usable(model)[:3]:
        model.toggle(action.id)
        assert [a.id for a in model.ordered_actions()] == order
    model.undo()
    assert [a.id for a in model.ordered_actions()] == order


def test_the_cards_filter_by_the_meters_they_move_and_by_their_tags(versus_ai):
    from game.core.meters import LIMITS

    model = BoardModel(versus_ai, "moscow")
    names = model.filters()
    assert names[:4] == ["All", "Pillars", "Limits", "Central Asia"] and "Tag: force" in names
    model.set_filter("Tag: force")
    assert model.shown_actions() and all("force" in a.tags for a in model.shown_actions())
    model.set_filter("Limits")
    shown = model.shown_actions()
    assert 0 < len(shown) < len(model.ordered_actions())
    for action in shown:
        assert any(m in LIMITS or m.startswith("washington.") for m in model.moved_by(action)), action.id
    # Outreach moves no limit by its own effects, only by the rule its tag triggers: it is shown.
    assert "m_court_washington" in {a.id for a in shown}
    model.turn_filter(1)
    assert model.filter == "Central Asia"


def test_f_lists_the_filters_in_the_cards_place_and_choosing_one_filters_the_cards(app, versus_ai):
    from ui_driver import key, press

    app.show_only("board", game=versus_ai, perspective="moscow")
    app.step([])
    board = app.scene
    key(app, pygame.K_f)
    assert board.cards.choosing and not any(c.kind == "card" for c in board.controls)
    force = next(c for c in board.controls if c.label.startswith("Force ("))
    press(app, force.label)
    assert not board.cards.choosing and board.model.filter == "Tag: force"
    cards = [c.data[0] for c in board.controls if c.kind == "card"]
    assert cards and all("force" in a.tags for a in cards)
    assert any(c.label == "Show: Force (F)" for c in board.controls)
    key(app, pygame.K_f)
    key(app, pygame.K_ESCAPE)  # Esc closes the list, not the board
    assert app.scene is board and not board.cards.choosing


@pytest.mark.slow
def test_pointing_at_a_state_on_the_map_gives_its_shares_and_their_history(app, versus_ai):
    game = versus_ai
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    board = app.scene
    view = app.map_view
    anchor = view.state_anchor("kazakhstan")
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=anchor, rel=(0, 0), buttons=(0, 0, 0))])
    assert app.hover is not None and app.hover.kind == "state" and app.hover.data == "kazakhstan"
    tip = app.hover.tooltip()
    m = game.state.meters
    assert tip.title.startswith("Kazakhstan")
    assert f"Moscow {m['kazakhstan.moscow']:.1f}" in tip.lines[0]
    assert tip.history == [m["kazakhstan.moscow"]]
    # After a turn, the history holds both values and the line says how the share moved.
    from ui_driver import lock

    board.toggle(usable(board.model)[0].id)
    lock(app)
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    label = next(c for c in app.scene.controls if c.kind == "state" and c.data == "kazakhstan")
    assert pygame.Rect(app.scene.layout.map).contains(label.rect) and label.rect.width > 0
    tip = label.tooltip()
    assert len(tip.history) == 2 and "since the start" in tip.lines[0]
    assert tip.lines[-1].startswith("The line: Moscow's share, turn by turn: ")


def test_with_the_keyboard_the_list_of_filters_takes_the_focus_and_enter_never_locks(app, versus_ai):
    from ui_driver import key

    app.show_only("board", game=versus_ai, perspective="moscow")
    app.step([])
    board = app.scene
    key(app, pygame.K_f)
    assert app.focused().label.startswith("All (") and app.focused().selected
    key(app, pygame.K_DOWN)
    chosen = app.focused().label
    key(app, pygame.K_RETURN)
    assert app.scene is board and not versus_ai.locked and not board.cards.choosing
    assert board.model.filter != "All" and chosen.startswith(board.model.filter_label(board.model.filter))
    assert app.focused().kind == "card"  # back on the cards, not on Lock
