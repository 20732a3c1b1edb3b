"""The facilitator sees the deals and annotates them: every term agreed at a summit, who is bound,
and what became of it (kept, broken, pending: from the engine's commitments); a one-line note
beside a term goes into the session's record and the exports, next to that term."""

import json

import pygame
import pytest
from ui_driver import key, press, type_into

from game.classroom.deals import deals, notes_on
from game.classroom.exports import debrief_markdown
from game.classroom.session import ClassroomSession
from game.classroom.tables import decision_table
from game.core.summit import Deed, Term, term_words
from game.session.game import Game
from game.session.replay import ReplayLog
from game.session.saves import SaveStore
from game.session.summit_record import NotedTermSpec

NO_FORCE = Term("promise", "moscow", Deed("no", "force"))


def force_card(level):
    return next(a.id for a in level.actions_of["moscow"] if "force" in a.tags and a.cost <= 4)


@pytest.fixture
def two_teams(testing_event):
    """A classroom session of two teams, whose first summit agreed Moscow's promise of no force."""
    game = Game.new(testing_event, 7, {"moscow": "human", "beijing": "human"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "team"}, "owl-42")
    game.open_summit()
    assert game.summit_move("moscow", "propose", [NO_FORCE]) is None
    assert game.summit_move("beijing", "propose", []) is None
    assert game.summit_move("beijing", "answer", {NO_FORCE.key(): "accept"}) is None
    game.close_summit()
    return session


def test_the_deals_say_who_is_bound_and_what_became_of_each_term(two_teams):
    game = two_teams.game
    [deal] = deals(game)
    assert (deal.summit, deal.term, deal.status, deal.running) == (1, NO_FORCE, "pending", True)
    assert deal.who_promised() == "Moscow proposed; binds Moscow"
    game.lock("moscow", ())
    game.lock("beijing", ())
    game.resolve()
    assert deals(game)[0].status == "pending" and deals(game)[0].status_words(game) == "runs until turn 4"
    game.pass_summit()
    game.lock("moscow", (force_card(game.level),))
    game.lock("beijing", ())
    game.resolve()
    [deal] = deals(game)
    assert deal.status == "broken" and not deal.running
    assert deal.status_words(game) == "Moscow broke it (turn 2)"


def test_a_note_on_a_term_goes_beside_it_in_the_record_and_the_exports(two_teams, tmp_path):
    game = two_teams.game
    deal = deals(game)[0]
    assert two_teams.annotate("Ask Moscow what force means here.", deal.noted()) is None
    stranger = NotedTermSpec(kind="promise", by="beijing", deed="no:force", summit=1)
    assert "not agreed" in two_teams.annotate("no such deal", stranger)
    [act] = notes_on(game, 1, NO_FORCE)
    assert act.term == deal.noted() and act.text == "Ask Moscow what force means here."
    game.lock("moscow", ())
    game.lock("beijing", ())
    game.resolve()
    sheet = debrief_markdown(game, two_teams.spec.teams, two_teams.started_at).splitlines()
    words = term_words(game.level, NO_FORCE)
    at = next(i for i, line in enumerate(sheet) if line.startswith("- Turn 1, agreed") and words in line)
    assert sheet[at + 1] == "  - The facilitator's note (turn 1): Ask Moscow what force means here."
    assert any(words in line and "Ask Moscow" in line for line in sheet if "noted on" in line)
    _, rows = decision_table(game)
    assert f"noted on “{words}” (agreed at turn 1): Ask Moscow what force means here." in rows[0][7]
    # The record keeps it: a save (in the format that holds notes on terms) and the replay log.
    info = SaveStore(tmp_path).save("Noted", game.log_to_save())
    assert json.loads(info.path.read_text())["version"] == 2
    again = ReplayLog.model_validate_json(game.log.model_dump_json())
    assert again.facilitator[-1].term == deal.noted()


@pytest.mark.slow
def test_the_facilitator_opens_the_deals_from_the_panel_and_notes_a_term(app, two_teams):
    game = two_teams.game
    app.show_only("board", game=game, perspective="moscow")
    app.show_over("facilitator", game=game)
    key(app, pygame.K_d)
    scene = app.scene
    assert scene.name == "facilitator deals"
    [row] = [c for c in scene.controls if c.kind == "deal"]
    assert row.data.term == NO_FORCE and row.selected
    type_into(app, "Note on the term", "A promise made in public.")
    press(app, "Add the note")
    assert [a.text for a in notes_on(game, 1, NO_FORCE)] == ["A promise made in public."]
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "facilitator"


def test_a_summit_that_still_sits_shows_nothing_of_its_moves(app, testing_event):
    game = Game.new(testing_event, 7, {"moscow": "human", "beijing": "human"})
    ClassroomSession.start(game, {"moscow": "team", "beijing": "team"}, "owl-42")
    game.open_summit()
    assert game.summit_move("moscow", "propose", [NO_FORCE]) is None
    assert deals(game) == []
    app.show_only("facilitator deals", game=game)
    assert "still sits" in app.scene.intro() and not [c for c in app.scene.controls if c.kind == "deal"]


def test_a_deal_half_kept_that_still_runs_is_pending_and_one_part_broken_is_broken():
    from game.classroom.deals import Deal

    deal = Term("deal", "moscow", Deed("play", "b_card"), Deed("play", "m_card"), "pipeline_price")
    assert Deal(1, deal, ((1, "beijing", "kept"),), running=True).status == "pending"
    assert Deal(1, deal, ((1, "beijing", "kept"), (2, "moscow", "kept")), running=False).status == "kept"
    assert Deal(1, deal, ((1, "beijing", "kept"), (2, "moscow", "broken")), running=False).status == "broken"
    warning = Term("warning", "beijing", Deed("some", "outreach"), Deed("some", "distance"))
    assert Deal(1, warning, ((2, "moscow", "heeded"),), running=False).status == "kept"
    assert Deal(1, warning, ((2, "moscow", "defied"),), running=True).status == "broken"
