"""The campaign: chapter order and unlocks from the level files, progress in the settings, and
the tutorial's step-by-step guidance."""

from types import SimpleNamespace

import pygame
import pytest
from ui_driver import key, past_the_summit, press

from game.core.level import TutorialStep
from game.levels import Catalogue
from game.session.campaign import chapters, with_finished
from game.session.tutorial import TutorialGuide

CAMPAIGN = [
    "shanghai_five",
    "nixon_surprise",
    "strategic_partnership",
    "pivot_east",
    "testing_event",
    "middle_corridor",
    "thaw_washington",
]


def entry(id, chapter=None, unlocked_by=(), title=None):
    return SimpleNamespace(id=id, title=title or id.title(), chapter=chapter, unlocked_by=unlocked_by)


def test_chapters_come_in_order_and_open_as_levels_are_finished():
    entries = [entry("mod_level"), entry("c", 2, ("b",)), entry("a", 0), entry("b", 1, ("a",))]
    first = chapters(entries, finished=[])
    assert [c.level_id for c in first] == ["a", "b", "c", "mod_level"]
    assert [c.is_open for c in first] == [True, False, False, True]
    after_a = chapters(entries, finished=with_finished([], "a"))
    assert [c.is_open for c in after_a] == [True, True, False, True]
    assert after_a[0].finished and not after_a[1].finished
    assert all(c.is_open for c in chapters(entries, finished=[], unlock_all=True))


def test_a_chapter_waiting_for_a_level_that_is_not_installed_is_open():
    entries = [entry("b", 1, ("missing_level",))]
    assert chapters(entries, finished=[])[0].is_open


def test_a_chapter_waits_for_every_level_it_names():
    entries = [entry("a", 0), entry("b", 1), entry("c", 2, ("a", "b"))]
    assert not chapters(entries, ["a"])[2].is_open
    assert chapters(entries, ["a", "b"])[2].is_open
    assert chapters(entries, ["a"])[2].waiting_for({"b": "Bee"}, ["a"]) == ["Bee"]


def test_finishing_a_level_twice_lists_it_once():
    assert with_finished(with_finished([], "a"), "a") == ["a"]


def test_the_shipped_campaign_is_ordered_and_every_unlock_names_a_shipped_level():
    cat = Catalogue.scan()
    campaign = sorted((e for e in cat.playable() if e.chapter is not None), key=lambda e: e.chapter)
    assert [e.id for e in campaign] == CAMPAIGN
    assert [e.chapter for e in campaign] == list(range(len(CAMPAIGN)))
    for e in campaign:
        assert all(i in cat.entries for i in e.unlocked_by), e.id
    opened = chapters(campaign, finished=[])
    assert [c.level_id for c in opened if c.is_open] == ["shanghai_five"]
    # Playing every chapter in order opens them all, one by one.
    finished = []
    for level_id in CAMPAIGN:
        assert next(c for c in chapters(campaign, finished) if c.level_id == level_id).is_open
        finished = with_finished(finished, level_id)


def steps():
    return (
        TutorialStep(1, "plan", "Choose a card.", "card_chosen"),
        TutorialStep(1, "partnership", "This is the partnership.", "next"),
        TutorialStep(1, "meters", "Beijing only.", "next", side="beijing"),
        TutorialStep(1, "plan", "Send it.", "plan_sent"),
        TutorialStep(2, "limits", "A limit.", "why_opened"),
    )


def test_the_tutorial_moves_on_only_when_the_player_does_what_it_asks():
    guide = TutorialGuide(steps(), "moscow")
    guide.begin_turn(1)
    assert guide.current.text == "Choose a card." and guide.position == (1, 3)
    assert not guide.notify("next") and not guide.notify("plan_sent")
    assert guide.notify("card_chosen")
    assert guide.current.text == "This is the partnership."
    assert guide.notify("next")
    assert guide.current.text == "Send it."  # Beijing's step is not shown to Moscow
    assert guide.notify("plan_sent") and guide.current is None
    guide.begin_turn(2)
    assert guide.current.point_at == "limits" and guide.notify("why_opened") and guide.current is None


def test_a_turn_entered_again_resumes_where_the_player_was_and_skip_ends_the_tutorial():
    guide = TutorialGuide(steps(), "beijing")
    guide.begin_turn(1)
    guide.notify("card_chosen")
    guide.begin_turn(1)  # the board is built again (a menu, a load): same step
    assert guide.current.text == "This is the partnership."
    guide.skip()
    assert guide.current is None
    guide.begin_turn(2)
    assert guide.current is None


# -- through the real UI (dummy video driver) ---------------------------------------------------


def test_a_new_player_starts_at_the_tutorial_and_the_next_chapters_are_locked(app):
    press(app, "New game")
    scene = app.scene
    assert scene.entries[scene.level_index].id == "shanghai_five"
    locked = [c.label for c in scene.controls if c.kind == "item" and c.label.endswith("(locked)")]
    assert len(locked) == len(CAMPAIGN) - 1
    press(app, next(c.label for c in scene.controls if c.label.startswith("4. The Testing Event")))
    start = next(c for c in app.scene.controls if c.label == "Start")
    assert not start.enabled and "Pivot east" in start.why_disabled
    key(app, pygame.K_s)
    assert app.scene.name == "new game"  # a locked chapter does not start


def test_finishing_a_level_opens_the_chapters_it_unlocks(app):
    app.remember(finished_levels=["shanghai_five"])
    press(app, "New game")
    labels = [c.label for c in app.scene.controls if c.kind == "item"]
    assert labels[0].endswith("(done)")
    assert not labels[1].endswith("(locked)") and not labels[2].endswith("(locked)")
    assert labels[3].endswith("(locked)")
    app.remember(unlock_all_levels=True)
    app.scene.rebuild()
    assert not any(c.label.endswith("(locked)") for c in app.scene.controls if c.kind == "item")


@pytest.mark.slow
def test_the_tutorial_guides_the_first_turns_step_by_step(app):
    press(app, "New game")
    key(app, pygame.K_s)
    past_the_summit(app)
    board = app.scene
    assert board.name == "board" and board.game.level.id == "shanghai_five"
    seen = []
    while board.model.guide.current is not None and board.game.state.turn == 1:
        step = board.model.guide.current
        seen.append((step.point_at, step.until))
        assert board.note is not None and board.note.target.width > 0
        if step.until == "next":
            press(app, "Next")
        elif step.until == "card_chosen":
            card = next(c for c in board.controls if c.kind == "card" and c.enabled)
            app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=card.rect.center, button=1)])
            assert board.model.plan
        elif step.until == "plan_sent":
            key(app, pygame.K_l)
            break
    assert seen[-1][1] == "plan_sent" and ("partnership", "next") in seen
    assert app.scene.name == "resolution"
    while app.scene.name == "resolution":
        key(app, pygame.K_RETURN)
    board = app.scene
    assert board.game.state.turn == 2 and board.model.guide.current.until == "why_opened"
    # Pointing at the partnership gauge opens its "why?", and that moves the tutorial on.
    app.step(
        [
            pygame.event.Event(
                pygame.MOUSEMOTION, pos=board.meters.gauge_rect.center, rel=(0, 0), buttons=(0, 0, 0)
            )
        ]
    )
    app.step([])
    assert board.model.guide.current.until != "why_opened"
    press(app, "Skip tutorial")
    assert board.model.guide.current is None and board.note is None


def test_the_board_lists_usable_cards_first_and_the_level_s_own_before_the_base(app, catalogue):
    from game.session.game import Game
    from game.ui.scenes.board import BoardScene

    level = catalogue.load("shanghai_five")
    game = Game.new(level, 1, {"moscow": "human", "beijing": "easy"})
    board = BoardScene(app, game, "moscow")
    app.reset_to(board)
    order = board.model.ordered_actions()
    usable = [a for a in order if a.id not in {x.id for x in order if board_reason(game, a)}]
    assert order[: len(usable)] == usable
    own = [a.source.startswith("levels/shanghai_five.toml:") for a in usable]
    assert own == sorted(own, reverse=True)


def board_reason(game, action):
    from game.core import why_unusable

    return why_unusable(game.state, "moscow", action.id)


def test_an_unknown_level_in_unlocked_by_is_told_as_locking_nothing(tmp_path):
    # The warning said the level "would never open"; the campaign opens it without the missing one.
    from game.levels.validate import validate_paths

    path = tmp_path / "unlocked_late.toml"
    path.write_text(
        'schema_version = 1\nid = "unlocked_late"\nextends = "testing_event"\n\n[campaign]\nchapter = 9\n'
        'unlocked_by = ["testing_evnt"]\n',
        encoding="utf-8",
    )
    (problem,) = validate_paths([path])
    assert str(problem).endswith(
        "warning: campaign.unlocked_by[1]: no level with id 'testing_evnt' (did you mean "
        "'testing_event'?): a level that is not there locks nothing, so this one opens without it"
    )
    assert chapters([entry("unlocked_late", 9, ("testing_evnt",))], finished=[])[0].is_open


@pytest.mark.slow
def test_autoplay_shows_and_captures_every_step_of_a_turns_tutorial(tmp_path):
    # A modder's autoplay screenshots held only the first step: the agent fills the plan without
    # choosing a card, and the note waited for one.
    from game.levels import load_shipped
    from game.session.game import HUMAN, Game
    from game.ui.app import App, PlayOptions
    from game.ui.scenes.title import TitleScene

    app = App(PlayOptions(size=(1280, 720), autoplay=True, screenshot_dir=tmp_path))
    app.push(TitleScene(app))
    game = Game.new(load_shipped("shanghai_five"), 3, {"moscow": HUMAN, "beijing": "easy"})
    app.show_only("board", game=game, perspective="moscow")
    board = app.scene
    steps = len(board.model.guide.for_turn(1))
    board.update(0.1)
    shots = sorted(p.name for p in tmp_path.glob("*tutorial*.png"))
    assert steps > 3 and len(shots) == steps and shots[-1].endswith(f"turn01-tutorial-{steps}-moscow.png")
    assert board.model.guide.current is None
    pygame.display.quit()
