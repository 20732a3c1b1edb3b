"""A team's one line of why, given when it locks a plan: kept in the replay log (and a save made
mid-turn), printed by the replay, and carried by the exports and the worksheet."""

import json

from ui_driver import type_into

from game.classroom.session import ClassroomSession
from game.session.game import Game
from game.session.replay import MAX_REASON, ReplayLog, one_line_reason
from game.session.transcript import transcript


def test_a_reason_given_with_a_locked_plan_is_kept_in_the_log_and_printed_by_the_replay(testing_event):
    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    assert game.lock("moscow", (), reason="Wait and see what\nBeijing does") is None
    game.resolve()
    game.lock("moscow", ())  # no reason this turn
    game.resolve()
    log = ReplayLog.model_validate_json(game.log.model_dump_json())
    assert log.reasons_of(1) == {"moscow": "Wait and see what Beijing does"}
    assert log.reasons_of(2) == {}
    text = transcript(game.state, game.reports, log.facilitator, log.reasons)
    assert "  why: Wait and see what Beijing does" in text


def test_a_reason_is_one_line_of_bounded_length():
    assert one_line_reason("  two\r\nlines\tand\x00 a tab ") == "two lines and a tab"
    assert len(one_line_reason("x" * 500)) == MAX_REASON


def test_a_save_made_after_locking_keeps_the_reason(testing_event):
    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "human"})
    game.lock("moscow", (), reason="Keep our powder dry")
    saved = ReplayLog.model_validate_json(game.log_to_save().model_dump_json())
    resumed = Game.from_log(testing_event, saved, {"moscow": "human", "beijing": "human"})
    assert resumed.reasons == {"moscow": "Keep our powder dry"}
    resumed.lock("beijing", ())
    resumed.resolve()
    assert resumed.log.reasons_of(1) == {"moscow": "Keep our powder dry"}


def test_the_exports_and_the_worksheet_carry_the_reasons(tmp_path, testing_event):
    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42")
    game.lock("moscow", (), reason="Hold back until Beijing shows its hand")
    game.resolve()
    folder = session.export(root=tmp_path)
    record = json.loads((folder / "session.json").read_text(encoding="utf-8"))
    assert record["turns"][0]["moscow_reason"] == "Hold back until Beijing shows its hand"
    assert "(why: Hold back until Beijing shows its hand)" in (folder / "debrief.md").read_text(
        encoding="utf-8"
    )
    assert "Why: Hold back until Beijing shows its hand" in (folder / "worksheet.html").read_text(
        encoding="utf-8"
    )


def test_the_reason_field_hands_the_board_one_line_to_lock_with(app, testing_event):
    from game.ui.reason_field import ReasonField
    from game.ui.scenes.base import Scene

    class Plan(Scene):
        name = "plan"

        def build(self):
            import pygame

            self.reason = ReasonField(self, pygame.Rect(20, 20, 400, 36))

    scene = Plan(app)
    app.push(scene)
    type_into(app, "Why this plan", "Trade first, talk later")
    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    assert game.lock("moscow", (), reason=scene.reason.text()) is None
    game.resolve()
    assert game.log.reasons_of(1) == {"moscow": "Trade first, talk later"}
