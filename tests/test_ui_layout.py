"""Every screen fits the window: at the smallest window the game allows (800x600), at 1280x720 and
1920x1080, and at UI scale 2 on 1280x720, each control and each block of text lies inside the
window, none covers another, and no button's label is cut short."""

import pygame
import pytest
from ui_driver import key, past_the_summit, press, type_into

from game.core import why_unusable
from game.session.settings import Settings, save_settings
from game.ui.app import App, PlayOptions
from game.ui.scenes.title import TitleScene
from game.ui.widgets import label_fits

LOOKS = {
    "800x600": ((800, 600), 1.0),
    "1280x720": ((1280, 720), 1.0),
    "1920x1080": ((1920, 1080), 1.0),
    "1280x720-scale2": ((1280, 720), 2.0),
    "1920x1080-scale2": ((1920, 1080), 2.0),
}
# With UI scale 2 asked for, a window uses the largest scale that leaves 800x600 of layout (1.2 at
# 1280x720, 1.35 at 1920x1080), so every screen is checked at every look.


def open_window(look):
    size, scale = LOOKS[look]
    save_settings(Settings(ui_scale=scale, animation_speed="off"))
    app = App(PlayOptions(size=size))
    app.push(TitleScene(app))
    app.step([])
    return app


# The two most crowded looks run in the inner loop; the roomier three with the rest (`slow`).
CROWDED = ("800x600", "1280x720-scale2")


@pytest.fixture(
    params=[pytest.param(look, marks=() if look in CROWDED else pytest.mark.slow) for look in LOOKS]
)
def window(request):
    yield open_window(request.param)
    pygame.display.quit()


def boxes_of(scene):
    """What a scene shows, as (name, rect): its controls, its widgets and its blocks of text."""
    out = [(f"{c.kind} {c.label!r}", c.rect) for c in scene.controls if c.kind not in ("note", "tutorial")]
    fields = {tuple(c.rect) for c in scene.controls if c.kind == "entry"}
    out += [(type(e).__name__, e.rect) for e in scene.elements if e.visible and tuple(e.rect) not in fields]
    out += [(f"text {name!r}", rect) for name, rect in getattr(scene, "captions", [])]
    return out


def font_of(app, control):
    return app.fonts.body if control.kind == "item" else app.fonts.bold


def assert_tidy(app):
    scene = app.scene
    window = pygame.Rect((0, 0), app.size)
    boxes = boxes_of(scene)
    for name, rect in boxes:
        assert window.contains(rect), f"{scene.name}: {name} at {tuple(rect)} is outside {app.size}"
    for i, (a, ra) in enumerate(boxes):
        for b, rb in boxes[i + 1 :]:
            assert not ra.colliderect(rb), f"{scene.name}: {a} {tuple(ra)} overlaps {b} {tuple(rb)}"
    for c in scene.controls:
        if c.kind in ("button", "tab", "tutorial", "item"):
            assert label_fits(c.label, font_of(app, c), c.rect), f"{scene.name}: {c.label!r} is cut short"
    for element in scene.elements:
        # A text box's HTML is whole: pygame_gui's parser (Python's) keeps an unfinished end, such
        # as an entity cut short, and puts it first when the box lays its text out again.
        held_back = getattr(getattr(element, "parser", None), "rawdata", "")
        assert not held_back, f"{scene.name}: a text box's HTML ends unfinished: {held_back[-60:]!r}"
    note = getattr(scene, "note", None)
    # The tutorial's note floats over the board: its buttons stay inside it.
    if getattr(note, "rect", None) is not None:
        buttons = [c for c in scene.controls if c.kind == "tutorial"]
        assert window.contains(note.rect)
        for i, c in enumerate(buttons):
            assert note.rect.contains(c.rect), c.label
            assert not any(c.rect.colliderect(d.rect) for d in buttons[i + 1 :]), c.label


@pytest.mark.slow
def test_the_title_screen_fits(window):
    assert_tidy(window)


@pytest.mark.slow
def test_the_new_game_screen_fits(window):
    press(window, "New game")
    assert_tidy(window)
    press(window, "Second player")
    assert_tidy(window)


@pytest.mark.slow
def test_a_locked_chapter_says_why_clear_of_its_description(window):
    press(window, "New game")
    locked = next(c for c in window.scene.controls if c.kind == "item" and "(locked)" in c.label)
    window.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=locked.rect.center, button=1)])
    assert window.scene.locked_reason()
    assert any(name == "locked" for name, _ in window.scene.captions)
    assert_tidy(window)


def test_the_settings_screen_fits(window):
    press(window, "Settings")
    assert_tidy(window)


def test_the_classroom_set_up_fits(window):
    press(window, "Classroom session")
    assert_tidy(window)


def start_classroom(app):
    press(app, "Classroom session")
    type_into(app, "Passphrase", "owl-42")
    key(app, pygame.K_TAB)
    press(app, "Start session")
    if app.scene.name == "hand-over":
        key(app, pygame.K_RETURN)
    past_the_summit(app)
    assert app.scene.name == "board"


@pytest.mark.slow
def test_the_facilitators_panel_fits(window):
    start_classroom(window)
    key(window, pygame.K_F9)
    type_into(window, "Passphrase", "owl-42")
    press(window, "Open the panel")
    assert window.scene.name == "facilitator"
    assert_tidy(window)


def test_the_facilitators_deals_and_the_hand_over_after_a_summit_fit(window):
    from test_facilitator_deals import NO_FORCE

    from game.classroom.session import ClassroomSession
    from game.session.game import Game

    game = Game.new(window.catalogue.load("testing_event"), 7, {"moscow": "human", "beijing": "human"})
    ClassroomSession.start(game, {"moscow": "team", "beijing": "team"}, "owl-42")
    game.open_summit()
    game.summit_move("moscow", "propose", [NO_FORCE])
    game.summit_move("beijing", "propose", [])
    game.summit_move("beijing", "answer", {NO_FORCE.key(): "accept"})
    game.close_summit()
    window.show_only("facilitator deals", game=game)
    assert [c.data.term for c in window.scene.controls if c.kind == "deal"] == [NO_FORCE]
    assert_tidy(window)
    # The hand-over to the player who did not close that summit says what it agreed.
    window.show_only("hand-over", game=game, side="moscow", note="The summit is over.")
    assert window.scene.summit_unread and len(window.scene.captions) == 2
    assert_tidy(window)


def start_level(app, level_id):
    app.options.level = level_id
    press(app, "New game")
    key(app, pygame.K_s)
    past_the_summit(app)
    assert app.scene.name == "board"
    return app.scene


@pytest.mark.slow
def test_the_board_fits_with_the_tutorial_note(window):
    board = start_level(window, "shanghai_five")
    assert board.note is not None
    assert_tidy(window)


@pytest.mark.slow
def test_the_board_fits_with_a_full_plan(window):
    board = start_level(window, "testing_event")
    game = board.game
    usable = [
        a for a in game.level.side_actions(board.side) if why_unusable(game.state, board.side, a.id) is None
    ]
    for action in sorted(usable, key=lambda a: a.cost)[:3]:  # the cheapest, so that three fit the capital
        board.toggle(action.id)
    window.step([])
    assert len(board.model.plan) >= 2
    assert_tidy(window)
    names = [board.game.level.actions[a].name for a in board.model.plan]
    shown = " ".join(board.tray.plan_lines())
    assert all(name in shown for name in names), shown


@pytest.mark.slow
def test_the_top_bar_shows_the_turn_and_date_whole(window):
    board = start_level(window, "testing_event")
    lv = board.game.level
    shown = dict(board.captions)
    assert "top bar" in shown and "side" in shown
    assert "…" not in board.top_bar.text()
    assert f"Turn 1 of {lv.turns}" in board.top_bar.text() and lv.date_of(1) in board.top_bar.text()


@pytest.mark.slow
def test_the_debrief_fits(window):
    from game.ui.scenes.debrief import DebriefScene

    board = start_level(window, "testing_event")  # the level with the longest title
    window.replace(DebriefScene(window, board.game))
    assert_tidy(window)


def test_a_list_of_levels_longer_than_the_window_pages_and_keeps_every_row_inside(tmp_path):
    from ui_driver import press

    from game.paths import user_levels_dir
    from game.ui.app import App, PlayOptions
    from game.ui.scenes.title import TitleScene

    folder = user_levels_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(30):
        (folder / f"mod_{n:02d}.toml").write_text(
            f'schema_version = 1\nid = "mod_{n:02d}"\nextends = "testing_event"\ntitle = "Mod level {n:02d}"\n',
            encoding="utf-8",
        )
    app = App(PlayOptions(size=(800, 600)))
    app.push(TitleScene(app))
    app.step([])
    press(app, "New game")
    scene = app.scene
    seen = set()
    for _ in range(20):
        items = [c for c in scene.controls if c.kind == "item"]
        for c in items:
            assert c.rect.top >= 0 and c.rect.bottom <= app.size[1], c.label
        seen.update(c.label for c in items)
        more = next(c for c in scene.controls if c.label.startswith("More levels"))
        if not more.enabled:
            break
        press(app, more.label)
        scene = app.scene
    assert sum("Mod level" in label for label in seen) == 30, "every level can be reached"
    pygame.display.quit()


@pytest.mark.slow
def test_the_summit_fits_at_every_stage(window):
    play_a_summit_checking_the_layout(window)


@pytest.mark.slow
def test_the_summit_fits_in_projector_mode():
    # Projector mode sets the terms in the body's type, at UI scale 1.5 as far as the window allows.
    save_settings(Settings(projector_mode=True, animation_speed="off"))
    app = App(PlayOptions(size=(1280, 720)))
    app.push(TitleScene(app))
    app.step([])
    try:
        play_a_summit_checking_the_layout(app)
        assert app.scene.font is app.fonts.body
    finally:
        pygame.display.quit()


def play_a_summit_checking_the_layout(window):
    window.options.level = "testing_event"
    press(window, "New game")
    key(window, pygame.K_s)
    scene = window.scene
    assert scene.name == "summit" and scene.model.stage == "propose"
    assert_tidy(window)
    for term in [c.data for c in scene.controls if c.kind == "term"][:2]:
        scene.toggle(term)
    key(window, pygame.K_3)  # the promises, with their filters
    assert_tidy(window)
    key(window, pygame.K_p)
    while scene.model.stage in ("answer", "counter"):
        assert_tidy(window)
        counter = next((c for c in scene.controls if c.label == "Counter…"), None)
        if counter is not None:
            window.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=counter.rect.center, button=1)])
            assert scene.model.countering
            assert_tidy(window)
            press(window, "Cancel counter")
        key(window, pygame.K_s)
    assert scene.model.stage == "done"
    assert_tidy(window)


@pytest.mark.slow
def test_the_summit_agreed_in_the_room_fits(window):
    enter_terms_in_the_room_checking_the_layout(window)


@pytest.mark.slow
def test_the_summit_agreed_in_the_room_fits_in_projector_mode():
    save_settings(Settings(projector_mode=True, animation_speed="off"))
    app = App(PlayOptions(size=(1280, 720)))
    app.push(TitleScene(app))
    app.step([])
    try:
        enter_terms_in_the_room_checking_the_layout(app)
    finally:
        pygame.display.quit()


def enter_terms_in_the_room_checking_the_layout(window):
    from game.session.game import HUMAN, Game

    game = Game.new(window.catalogue.load("testing_event"), 7, {"moscow": HUMAN, "beijing": HUMAN})
    window.show_only("board", game=game, perspective="moscow")
    window.step([])
    scene = window.scene
    assert scene.name == "summit" and any(c.label == "Agreed in the room (R)" for c in scene.controls)
    assert_tidy(window)
    key(window, pygame.K_r)
    assert scene.model.stage == "room"
    assert_tidy(window)
    # A save opened in the middle of the room's entry hands the window back to both teams.
    note = "The game goes on at the summit, where one player was entering the terms agreed in the room."
    window.show_only("hand-over", game=game, side="moscow", note=note)
    assert window.scene.in_room()
    assert_tidy(window)
    key(window, pygame.K_RETURN)
    scene = window.scene
    assert scene.name == "summit" and scene.model.stage == "room"
    for side in ("moscow", "beijing"):
        key(window, pygame.K_m if side == "moscow" else pygame.K_b)
        for term in scene.model.listed()[: scene.model.allowed_to(side)]:
            scene.toggle(term)
        key(window, pygame.K_3)  # the promises, with their filters
        assert_tidy(window)
    assert len(scene.model.room_terms()) >= 4
    key(window, pygame.K_a)
    assert scene.model.stage == "done"
    assert_tidy(window)


def test_a_window_size_chosen_in_the_settings_wins_over_the_size_on_the_command_line(app, monkeypatch):
    # Started with --size 1280x720, choosing 1600×900 was saved and highlighted, and the window
    # stayed as it was ("Every change applies at once").
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1920, 1080)])
    assert app.options.size == (1280, 720)
    press(app, "Settings")
    press(app, "1600×900")
    assert app.size == (1600, 900)
    assert (app.settings.window_width, app.settings.window_height) == (1600, 900)


def test_settings_offer_no_window_larger_than_the_screen(app, monkeypatch):
    # 1600×900 on a screen of 1280×800 put the Back button out of reach (only Esc got out).
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1280, 800)])
    press(app, "Settings")
    labels = {c.label for c in app.scene.controls}
    assert "1280×720" in labels and "1600×900" not in labels and "1920×1080" not in labels
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1920, 1200)])
    app.scene.rebuild()
    assert {"1280×720", "1600×900", "1920×1080"} <= {c.label for c in app.scene.controls}


@pytest.mark.slow
def test_page_down_reads_on_in_a_briefing_and_the_credits_that_scroll(app):
    # The README says everything works from the keyboard, but Page Down paged the list of levels
    # and a keyboard could never read the end of a briefing (its agenda) or of the credits.
    def text_start():
        boxes = [e for e in app.scene.elements if getattr(e, "scroll_bar", None) is not None]
        return boxes[0].scroll_bar.start_percentage if boxes else None

    for screen in ("New game", "Credits"):
        app.handle(pygame.event.Event(pygame.VIDEORESIZE, w=800, h=600, size=(800, 600)))
        press(app, screen)
        app.step([])
        assert text_start() == 0.0, screen
        key(app, pygame.K_PAGEDOWN)
        app.step([])
        assert text_start() > 0.0, screen
        key(app, pygame.K_PAGEUP)
        assert text_start() == 0.0, screen
        key(app, pygame.K_ESCAPE)


@pytest.mark.slow
def test_f1_opens_how_to_play_over_any_screen_and_esc_brings_that_screen_back(app):
    # F1 did nothing, and neither the title nor the game's menu had a Help.
    key(app, pygame.K_F1)
    assert app.scene.name == "help" and [s.name for s in app.scenes] == ["title", "help"]
    assert_tidy(app)
    key(app, pygame.K_PAGEDOWN)  # (it reads on, as the credits do, where it scrolls)
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "title"
    press(app, "How to play")
    assert app.scene.name == "help"
    press(app, "Back")
    press(app, "New game")
    key(app, pygame.K_s)
    past_the_summit(app)
    key(app, pygame.K_m)
    press(app, "How to play")
    assert app.scene.name == "help"
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "menu"
