"""The summit's screens: a person's terms put forward, answered by the AI and shown on the board
while they run; skipping the summit; hot-seat hand-overs that keep each side's moves hidden; what
became of each term on the resolution screen and in the debrief's Decisions tab."""

import html
import subprocess
import sys

import pygame
import pytest
from conftest import ROOT
from ui_driver import key, press

from game.ai.negotiate import Negotiator
from game.core.observe import observe
from game.core.summit import Deed, Term, term_words
from game.session.game import HUMAN, Game
from game.ui.rule_words import why_not_in_words


@pytest.mark.slow
def test_the_summits_model_and_words_load_no_pygame():
    code = (
        "import sys, game.ui.summit.model, game.ui.summit.words; "
        "print(sorted(m for m in sys.modules if m.startswith('pygame')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.fixture
def versus_ai(testing_event):
    return Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})


def welcome_offer(game: Game, side: str = "moscow") -> Term:
    """An offer of a card `side` could make that the other side's agent finds worth accepting."""
    from game.core.summit import terms_on_offer

    partner = "beijing" if side == "moscow" else "moscow"
    offers = [t for t in terms_on_offer(game.state, side) if t.kind == "offer" and t.deed.kind == "play"]
    answers = Negotiator(partner).answer(observe(game.state, partner), offers)
    return next(t for t in offers if answers[t.key()] == "accept")


def click(app, control):
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=control.rect.center, button=1)])


def choose_term(app, term: Term) -> None:
    """Find the term in the summit's list (its kind's tab, then page by page) and click it."""
    scene = app.scene
    words = term_words(scene.game.level, term)
    tab = next(
        c for c in scene.controls if c.kind == "tab" and c.label.startswith(f"{term.kind.capitalize()}s")
    )
    click(app, tab)
    for _ in range(20):
        row = next((c for c in app.scene.controls if c.kind == "term" and c.label == words), None)
        if row is not None and not row.selected:
            click(app, row)
            return
        key(app, pygame.K_PAGEDOWN)
    raise AssertionError(f"{words!r} is not in the list")


def open_summit(app, game, side="moscow"):
    app.show_only("board", game=game, perspective=side)
    app.step([])
    assert app.scene.name == "summit" and app.scene.side == side
    return app.scene


def test_the_summit_comes_before_the_board_and_says_why_the_stronger_side_gets_more_terms(app, versus_ai):
    scene = open_summit(app, versus_ai)
    assert scene.model.stage == "propose"
    assert "the side with more power asks more" in scene.box.html_text or "neither side gets more" in (
        scene.box.html_text
    )
    kinds = [c.label for c in scene.controls if c.kind == "tab" and "(" in c.label]
    assert kinds[:4] == [
        k for k in kinds[:4] if k.split(" (")[0] in ("Offers", "Requests", "Promises", "Warnings")
    ]
    # A page of terms, not all of them: the rest are a page or a filter away.
    shown = [c for c in scene.controls if c.kind == "term"]
    assert 0 < len(shown) < len(scene.model.on_offer)


@pytest.mark.slow
def test_a_persons_term_the_ai_accepts_is_agreed_and_shown_on_the_board(app, versus_ai):
    term = welcome_offer(versus_ai)
    words = term_words(versus_ai.level, term)
    open_summit(app, versus_ai)
    choose_term(app, term)
    assert [t.key() for t in app.scene.model.chosen] == [term.key()]
    key(app, pygame.K_p)  # put it forward
    while app.scene.name == "summit" and app.scene.model.stage in ("answer", "counter"):
        key(app, pygame.K_s)  # (Beijing's own terms and counters: rejected, as left unanswered)
    scene = app.scene
    assert scene.name == "summit" and scene.model.stage == "done"
    summary = html.unescape(scene.box.html_text)
    assert f"Agreed: {words}" in summary and "Beijing's reason: accepted" in summary
    assert term in [c.term for c in versus_ai.state.commitments]
    key(app, pygame.K_RETURN)  # Continue to the board
    board = app.scene
    assert board.name == "board"
    # The board opens on its Commitments tab after a summit that agreed something; C toggles it.
    assert board.news.showing == "commitments" and words in board.news.box.html_text
    key(app, pygame.K_c)
    assert board.news.showing == "news"
    key(app, pygame.K_c)
    assert board.news.showing == "commitments"
    # The card the offer names says on its face and in its "why?" that playing it keeps the word.
    from game.ui.board.texts import card_why, card_word

    action = versus_ai.level.actions[term.deed.subject]
    assert card_word(versus_ai, "moscow", action) == (False, "KEEPS YOUR WORD")
    assert any("keeps your word" in line for line in card_why(versus_ai, "moscow", action)[1])


@pytest.mark.slow
def test_the_first_summit_says_the_board_and_the_briefing_can_come_first(app, versus_ai):
    # Pivot east opens on a summit before a new player has seen the board (the tutorial has no
    # summits): the first says what it is and that skipping it leads to the board.
    scene = open_summit(app, versus_ai)
    assert "The first summit" in scene.box.html_text and "skip this summit (K)" in scene.box.html_text
    key(app, pygame.K_k)
    key(app, pygame.K_RETURN)
    while versus_ai.state.turn <= versus_ai.level.rules.summit_every:
        versus_ai.lock("moscow", ())
        versus_ai.resolve()
    scene = open_summit(app, versus_ai)
    assert "The first summit" not in scene.box.html_text


def test_skipping_the_summit_agrees_nothing_and_goes_on_to_the_board(app, versus_ai):
    scene = open_summit(app, versus_ai)
    key(app, pygame.K_k)  # Skip the summit
    assert scene.model.stage == "done" and versus_ai.state.commitments == ()
    table = versus_ai.table
    assert table.proposed["moscow"] == [] and table.agreed() == []
    assert all(table.answers[t.key()] == "reject" for t in table.proposed["beijing"])
    key(app, pygame.K_RETURN)
    assert app.scene.name == "board"
    assert not versus_ai.summit_due() and not versus_ai.summit_open()


def test_a_counter_is_chosen_from_ones_own_terms_of_the_same_kind(app, versus_ai):
    scene = open_summit(app, versus_ai)
    key(app, pygame.K_p)  # nothing put forward
    assert scene.model.stage == "answer"
    theirs = scene.model.to_answer()[0]
    counter_button = next(c for c in scene.controls if c.label == "Counter…" and c.data == theirs)
    click(app, counter_button)
    offered = [c for c in scene.controls if c.kind == "term"]
    assert offered and all(c.data.kind == theirs.kind and c.data.by == "moscow" for c in offered)
    click(app, offered[0])
    assert scene.model.answers[theirs.key()] == offered[0].data
    # The line under the term tells of the counter now, not of the term it answers: "Your
    # counter: Moscow asks Beijing..." sat over "Binds Moscow this turn".
    from game.ui.summit.words import bound_words

    first_detail = next(t for t, _where, look in scene.texts if look == "muted")
    assert bound_words(versus_ai.level, offered[0].data) in first_detail
    key(app, pygame.K_s)
    assert offered[0].data.key() in {t.key() for t in versus_ai.table.counters()}


@pytest.mark.slow
def test_hot_seat_hands_each_summit_move_over_and_keeps_the_other_sides_terms_hidden(app, testing_event):
    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": HUMAN})
    moscow_term = welcome_offer(game, "moscow")
    beijing_term = welcome_offer(game, "beijing")
    moscow_words = term_words(game.level, moscow_term)
    open_summit(app, game, "moscow")
    choose_term(app, moscow_term)
    key(app, pygame.K_p)
    handover = app.scene
    assert handover.name == "hand-over" and handover.side == "beijing"
    assert "summit" in handover.note and moscow_words not in handover.note
    key(app, pygame.K_RETURN)
    scene = app.scene
    assert scene.name == "summit" and scene.side == "beijing" and scene.model.stage == "propose"
    # Moscow's term is not shown to Beijing before Beijing has put its own forward.
    assert moscow_words not in scene.box.html_text
    assert all(c.label != moscow_words for c in scene.controls)
    choose_term(app, beijing_term)
    key(app, pygame.K_p)
    assert scene.model.stage == "answer" and scene.model.to_answer() == [moscow_term]
    click(app, next(c for c in scene.controls if c.label == "Accept" and c.data == moscow_term))
    key(app, pygame.K_s)
    handover = app.scene
    assert handover.name == "hand-over" and handover.side == "moscow"
    key(app, pygame.K_RETURN)
    scene = app.scene
    assert scene.name == "summit" and scene.side == "moscow" and scene.model.stage == "answer"
    click(app, next(c for c in scene.controls if c.label == "Accept" and c.data == beijing_term))
    key(app, pygame.K_s)
    assert scene.model.stage == "done"
    assert {c.term.key() for c in game.state.commitments} == {moscow_term.key(), beijing_term.key()}
    key(app, pygame.K_RETURN)
    assert app.scene.name == "board" and app.scene.side == "moscow"


@pytest.mark.slow
def test_the_resolution_and_the_debrief_say_what_became_of_each_term(app, versus_ai):
    term = welcome_offer(versus_ai)
    open_summit(app, versus_ai)
    choose_term(app, term)
    key(app, pygame.K_p)
    while app.scene.model.stage in ("answer", "counter"):
        key(app, pygame.K_s)
    key(app, pygame.K_RETURN)
    assert app.scene.name == "board"
    board = app.scene
    board.model.plan = [term.deed.subject]  # Moscow keeps its word
    key(app, pygame.K_l)
    resolution = app.scene
    assert resolution.name == "resolution"
    steps = {title: news for title, news, _ in resolution.steps}
    kept = f"Moscow kept its word: {term_words(versus_ai.level, term)}"
    assert kept in steps["Commitments"]
    app.show_only("debrief", game=versus_ai)
    press(app, "Decisions")
    shown = html.unescape(app.scene.tab_box.html_text)
    assert "Summit:" in shown and term_words(versus_ai.level, term) in shown
    assert "turn 1: Moscow kept its word" in shown and "Beijing's reason: accepted" in shown


@pytest.mark.slow
def test_the_whole_summit_is_played_by_keyboard(app, versus_ai):
    scene = open_summit(app, versus_ai)
    first = app.focused()
    assert first.kind == "term"  # the focus starts on the first term of the list
    key(app, pygame.K_RETURN)  # choose it; the focus stays on it in the list
    assert app.focused().rect == first.rect and scene.model.is_chosen(first.data)
    key(app, pygame.K_DOWN)
    second = app.focused()
    key(app, pygame.K_RETURN)
    assert [t.key() for t in scene.model.chosen] == [first.data.key(), second.data.key()]
    key(app, pygame.K_p)
    if scene.model.stage == "answer":
        assert app.focused().label == "Accept"
        key(app, pygame.K_RETURN)  # accept Beijing's first term
        key(app, pygame.K_s)
    while scene.model.stage == "counter":
        key(app, pygame.K_s)
    assert scene.model.stage == "done" and app.focused().label == "Continue to the board (Enter)"
    key(app, pygame.K_RETURN)
    assert app.scene.name == "board"


def test_the_resolution_says_which_terms_still_run(app, testing_event):
    from game.core.summit import Deed
    from game.ui.scenes.resolution import ResolutionScene

    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": HUMAN})
    promise = Term("promise", "moscow", Deed("no", "force"))
    game.open_summit()
    assert game.summit_move("moscow", "propose", [promise]) is None
    assert game.summit_move("beijing", "propose", []) is None
    assert game.summit_move("beijing", "answer", {promise.key(): "accept"}) is None
    game.close_summit()
    from game.ui.board.texts import commitments_html

    # The board's tab tells each side whose word a term holds.
    assert "<b>Your word</b><br>• Moscow promises not to use force" in commitments_html(game, "moscow")
    assert "<b>Moscow&#x27;s word</b><br>• Moscow promises" in commitments_html(game, "beijing")
    game.lock("moscow", ())
    game.lock("beijing", ())
    scene = ResolutionScene(app, game, game.resolve())
    steps = {title: news for title, news, _ in scene.steps}
    until = game.level.rules.promise_turns
    assert f"Still running: Moscow promises not to use force for {until} turns: runs until turn {until}" in (
        " ".join(steps["Commitments"])
    )
    # The resolution of the turn before its last is read at that turn's end, while the game stands
    # at the last: it said "runs this turn" on two turns running, of two different turns.
    while game.state.turn < until:
        for side in ("moscow", "beijing"):
            game.lock(side, ())
        scene = ResolutionScene(app, game, game.resolve())
    assert game.state.turn == until
    told = " ".join(dict((t, n) for t, n, _ in scene.steps)["Commitments"])
    assert f"runs until turn {until}" in told and "runs this turn" not in told, told


def test_a_levels_deals_have_their_own_tab_and_say_each_sides_part(app, testing_event):
    import dataclasses

    from game.core.level import Deal

    deal = Deal(
        "pipeline_price",
        "A price for the pipeline",
        "Moscow signs at Beijing's price; Beijing commits to the volumes.",
        moscow="play:m_pipeline_offer",
        beijing="some:integration",
        turns=2,
    )
    level = dataclasses.replace(testing_event, deals=(deal,))
    game = Game.new(level, 7, {"moscow": HUMAN, "beijing": "normal"})
    scene = open_summit(app, game)
    assert ("deal", "Deals", 1) in scene.model.kinds()
    press(app, "Deals (1)")
    row = next(c for c in scene.controls if c.kind == "term")
    assert row.label == "A price for the pipeline"
    title, lines = row.tooltip().title, row.tooltip().lines
    assert title == "A price for the pipeline" and lines[0] == deal.text
    assert any(
        line.startswith("Beijing's part: to invest in integration; Moscow's part: to play") for line in lines
    )
    assert any("Binds Beijing and Moscow for 2 turns" in line for line in lines)


def test_esc_puts_down_a_counter_being_chosen_before_it_opens_the_menu(app, versus_ai):
    scene = open_summit(app, versus_ai)
    key(app, pygame.K_p)
    theirs = scene.model.to_answer()[0]
    click(app, next(c for c in scene.controls if c.label == "Counter…" and c.data == theirs))
    assert scene.model.countering == theirs.key()
    key(app, pygame.K_ESCAPE)
    assert app.scene is scene and scene.model.countering is None
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "menu"


@pytest.mark.slow
def test_in_hot_seat_the_player_who_did_not_close_the_summit_reads_what_it_came_to(app, testing_event):
    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": HUMAN})
    term = welcome_offer(game, "moscow")
    words = term_words(game.level, term)
    open_summit(app, game, "moscow")
    choose_term(app, term)
    key(app, pygame.K_p)
    key(app, pygame.K_RETURN)  # the hand-over to Beijing
    key(app, pygame.K_p)  # Beijing puts nothing forward, then accepts Moscow's term: the summit is over
    click(app, next(c for c in app.scene.controls if c.label == "Accept" and c.data == term))
    key(app, pygame.K_s)
    assert app.scene.name == "summit" and app.scene.side == "beijing" and app.scene.model.stage == "done"
    key(app, pygame.K_RETURN)  # Moscow plans first: the hand-over says what was agreed
    handover = app.scene
    assert handover.name == "hand-over" and handover.side == "moscow" and handover.summit_unread
    assert handover.agreed_lines() == ["Agreed at the summit:", f"• {words}"]
    assert handover.controls[0].label == "I am Moscow: see what the summit came to"
    key(app, pygame.K_RETURN)
    scene = app.scene
    assert scene.name == "summit" and scene.side == "moscow" and scene.model.stage == "done"
    assert f"<b>Agreed: {html.escape(words)}</b>" in scene.box.html_text
    assert "<u>Your terms</u>" in scene.box.html_text
    key(app, pygame.K_RETURN)
    assert app.scene.name == "board" and app.scene.side == "moscow" and not game.summit_unread("moscow")


@pytest.mark.slow
def test_in_hot_seat_the_second_planner_reads_the_summit_after_the_hand_over_and_no_plan(app, testing_event):
    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": HUMAN})
    open_summit(app, game, "moscow")
    key(app, pygame.K_p)  # Moscow puts nothing forward
    key(app, pygame.K_RETURN)
    key(app, pygame.K_p)  # nor does Beijing: the summit is over, and Beijing read it
    assert app.scene.model.stage == "done" and not game.summit_unread("beijing")
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)  # Moscow reads it in turn
    key(app, pygame.K_RETURN)
    assert app.scene.name == "board" and app.scene.side == "moscow"
    assert not game.summit_unread("moscow") and not game.summit_unread("beijing")
    card = game.level.actions_of["moscow"][0]
    game.lock("moscow", (card.id,))
    app.show("hand-over", game=game, side="beijing", locked_by="moscow")
    assert app.scene.controls[0].label == "I am Beijing: show my board", "Beijing read the summit already"
    # Had Beijing not read it (Moscow closed the summit), the hand-over would say it, and no plan.
    game.table.shown.discard("beijing")
    app.show("hand-over", game=game, side="beijing", locked_by="moscow")
    assert app.scene.agreed_lines() == ["The summit agreed no term."]
    key(app, pygame.K_RETURN)
    summary = app.scene
    assert summary.name == "summit" and summary.side == "beijing" and card.name not in summary.box.html_text
    key(app, pygame.K_RETURN)
    assert app.scene.name == "board" and app.scene.side == "beijing"


def test_one_player_against_the_ai_is_never_sent_back_to_the_summary(versus_ai):
    versus_ai.pass_summit()
    assert not versus_ai.summit_unread("moscow") and not versus_ai.summit_unread("beijing")


@pytest.mark.slow
def test_the_summary_goes_on_from_a_button_named_in_the_players_language(versus_ai):
    # The summary's last button was "<label> (Enter)" put together in code, so Chinese, which sets
    # a key's name in full-width brackets ("跳过峰会（K）"), got half-width ones on this button
    # alone, and the keyboard found the button by its English ending.
    from game.ui.app import App, PlayOptions

    app = App(PlayOptions(size=(1280, 720), language="zh_CN"))
    try:
        scene = open_summit(app, versus_ai)
        key(app, pygame.K_p)  # put nothing forward
        while scene.model.stage in ("answer", "counter"):
            key(app, pygame.K_s)
        assert scene.model.stage == "done"
        assert app.focused().label == "继续前往面板（Enter）"
        key(app, pygame.K_RETURN)
        assert app.scene.name == "board"
    finally:
        pygame.display.quit()


def test_an_offer_of_a_card_one_cannot_play_this_turn_cannot_be_given_and_comes_last(app, catalogue):
    # In 2001 Beijing may not yet hold the joint naval exercise (dated to the 2012 drills): an
    # offer binds for this turn alone, so offering it could only be broken, at a cost in trust.
    game = Game.new(catalogue.load("strategic_partnership"), 7, {"moscow": "normal", "beijing": HUMAN})
    scene = open_summit(app, game, "beijing")
    model = scene.model
    offers = model.listed()
    closed = [t for t in offers if model.cannot_give(t)]
    naval = next(t for t in closed if t.deed.subject == "b_naval_patrol")
    assert "turn 11" in model.cannot_give(naval)
    assert not any(model.cannot_give(t) for t in offers[: len(offers) - len(closed)]), (
        "closed terms come last"
    )
    assert model.toggle(naval) == model.cannot_give(naval) and naval not in model.chosen
    # On the screen: its row is greyed and a click says why, choosing nothing.
    choose_term(app, naval)
    assert model.chosen == [] and "cannot play this turn" in app.scene.message
    row = next(c for c in app.scene.controls if c.kind == "term" and c.data == naval)
    assert not row.enabled
    # A word that runs for turns to come (a promise's four) may be kept once the card can be
    # played: that one can still be given.
    promise = Term("promise", "beijing", Deed("play", "b_naval_patrol"))
    assert "turn 11" in model.cannot_play(promise) and model.cannot_give(promise) == ""


def test_a_request_for_a_card_the_rules_keep_from_the_other_side_cannot_be_made(app, catalogue):
    # Moscow's list of requests offered Beijing's joint naval exercise in 2001, which Beijing may
    # not hold before 2012: the request could only be refused.
    game = Game.new(catalogue.load("strategic_partnership"), 7, {"moscow": HUMAN, "beijing": "normal"})
    scene = open_summit(app, game, "moscow")
    model = scene.model
    requests = [t for t in model.on_offer if t.kind == "request"]
    naval = next(t for t in requests if t.deed.subject == "b_naval_patrol")
    assert "You cannot ask that" in model.cannot_give(naval) and "turn 11" in model.cannot_give(naval)
    assert model.toggle(naval) == model.cannot_give(naval) and naval not in model.chosen
    # What Beijing may play now can still be asked for.
    assert any(not model.cannot_give(t) for t in requests)
    # The row says whose card it is that cannot be played ("you cannot play it" was said of it).
    scene.show_kind("request")
    for _ in range(20):
        if any(c.data == naval for c in scene.controls if c.kind == "term"):
            break
        scene.turn_page(1)
    row = next(c for c in scene.controls if c.kind == "term" and c.data == naval)
    assert scene.row_notes[id(row)] == "(Beijing cannot play it this turn)"


def test_a_request_for_a_card_one_cannot_play_says_so_to_the_side_answering_it(app, catalogue):
    # Hot seat: Moscow's team asks Beijing for the joint naval exercise, which Beijing may not
    # hold before 2012; accepting would bind it to a word it could only break.
    game = Game.new(catalogue.load("strategic_partnership"), 7, {"moscow": HUMAN, "beijing": HUMAN})
    game.open_summit()
    ask = Term("request", "moscow", Deed("play", "b_naval_patrol"))
    assert game.summit_move("moscow", "propose", [ask]) is None
    assert game.summit_move("beijing", "propose", []) is None
    scene = open_summit(app, game, "beijing")
    assert scene.model.stage == "answer"
    said = " ".join(label for label, _rect, _style in scene.texts)
    assert "(you cannot play it this turn: needs turn 11 or later)" in said


def test_the_notes_add_up_what_the_cards_ones_word_binds_one_to_play_cost(app, catalogue):
    # Offers and accepted requests each looked affordable; together they could ask more capital
    # than the side has, and a word that cannot be kept is broken at a cost in trust.
    game = Game.new(catalogue.load("strategic_partnership"), 7, {"moscow": HUMAN, "beijing": HUMAN})
    game.open_summit()
    level, capital = game.level, game.state.meters["beijing.capital"]
    playable = [a for a in level.actions_of["beijing"] if not why_not_in_words(game.state, "beijing", a.id)]
    dear = sorted(playable, key=lambda a: -a.cost)[:3]
    asks = [
        Term("request", "moscow", Deed("play", dear[2].id)),
        Term("request", "moscow", Deed("some", "integration")),  # a kind of card: no card to count
    ]
    assert game.summit_move("moscow", "propose", asks) is None
    scene = open_summit(app, game, "beijing")
    model = scene.model
    for action in dear[:2]:
        assert model.toggle(Term("offer", "beijing", Deed("play", action.id))) is None
    assert model.cards_promised() == [a.id for a in playable if a in dear[:2]]
    notes = scene.notes_html()
    cost = dear[0].cost + dear[1].cost
    assert f"cost {cost} of your {capital:g} capital" in notes and "could only be broken" not in notes
    assert model.propose() is None and model.stage == "answer"
    for term in model.to_answer():
        model.set_answer(term, "accept")
    assert sorted(model.cards_promised()) == sorted(a.id for a in dear)
    assert sum(a.cost for a in dear) > capital
    notes = scene.notes_html()
    assert "more capital than you have" in notes and "could only be broken" in notes


def offer_agreed_then_board(app, game):
    """Moscow's offer the AI accepts, agreed at turn 1's summit; then the board: (term, board)."""
    term = welcome_offer(game)
    open_summit(app, game)
    choose_term(app, term)
    key(app, pygame.K_p)
    while app.scene.name == "summit" and app.scene.model.stage in ("answer", "counter"):
        key(app, pygame.K_s)
    key(app, pygame.K_RETURN)
    board = app.scene
    assert board.name == "board" and term in [c.term for c in game.state.commitments]
    return term, board


def a_card_but(game, promised: str) -> str:
    """A card Moscow may play now other than the one it promised."""
    return next(
        a.id
        for a in game.level.actions_of["moscow"]
        if a.id != promised and not why_not_in_words(game.state, "moscow", a.id)
    )


@pytest.mark.slow
def test_locking_a_plan_that_breaks_ones_word_asks_once_more(app, versus_ai):
    # A word given at the summit and then forgotten was broken at the press of Lock, at a cost in
    # trust for years; now the first press says which word the plan breaks.
    term, board = offer_agreed_then_board(app, versus_ai)
    other_card = a_card_but(versus_ai, term.deed.subject)
    board.model.plan = [other_card]
    assert board.model.words_broken() == ([term], [])
    key(app, pygame.K_l)
    assert app.scene is board and versus_ai.state.turn == 1
    assert (
        "This plan breaks your word" in board.message and term_words(versus_ai.level, term) in board.message
    )
    key(app, pygame.K_l)  # asked twice: it is the player's choice
    assert versus_ai.state.turn == 2
    report = versus_ai.reports[-1]
    assert any(s.term == term and s.result == "broken" for s in report.settled)


@pytest.mark.slow
def test_the_warning_that_a_plan_breaks_ones_word_goes_when_the_plan_keeps_it(app, versus_ai):
    # After the card that broke it was taken out and the promised one put in, "This plan breaks
    # your word" stayed over the map for seconds, about a plan that no longer broke it.
    term, board = offer_agreed_then_board(app, versus_ai)
    other_card = a_card_but(versus_ai, term.deed.subject)
    board.toggle(other_card)
    key(app, pygame.K_l)
    assert "This plan breaks your word" in board.message and board.busy()
    board.toggle(other_card)
    assert not board.busy()
    board.toggle(term.deed.subject)
    key(app, pygame.K_l)  # the plan keeps the word: it locks at the first press
    assert versus_ai.state.turn == 2


@pytest.mark.slow
def test_a_plan_that_keeps_ones_word_locks_at_once(app, versus_ai):
    term, board = offer_agreed_then_board(app, versus_ai)
    board.model.plan = [term.deed.subject]
    assert board.model.words_broken() == ([], [])
    key(app, pygame.K_l)
    assert versus_ai.state.turn == 2


def test_at_800x600_in_russian_the_answers_buttons_stay_inside_their_terms_block(catalogue):
    # "Принять, Отклонить, Встречное…" take two rows in the narrow column; the block was sized for
    # one, and "Встречное…" sat over the next term's words.
    from game.core.level_text import in_language
    from game.ui.app import App, PlayOptions

    app = App(PlayOptions(size=(800, 600), language="ru"))
    try:
        level = in_language(catalogue.load("strategic_partnership"), "ru")
        game = Game.new(level, 7, {"moscow": HUMAN, "beijing": HUMAN})
        game.open_summit()
        asks = [Term("request", "moscow", Deed("some", tag)) for tag in ("integration", "stability")]
        assert game.summit_move("moscow", "propose", asks) is None
        assert game.summit_move("beijing", "propose", []) is None
        scene = open_summit(app, game, "beijing")
        answers = [c for c in scene.controls if c.kind == "answer"]
        assert len(answers) == 6 and len({c.rect.y for c in answers}) > 2, "the buttons take two rows"
        for c in answers:
            assert any(block.contains(c.rect) for block in scene.blocks), (c.label, c.rect)
        for upper, lower in zip(scene.blocks, scene.blocks[1:], strict=False):
            assert upper.bottom <= lower.top
    finally:
        pygame.display.quit()


@pytest.mark.slow
def test_locking_a_plan_that_defies_a_warning_asks_once_more(app, versus_ai):
    # Defying a warning costs trust as a broken word does (WORD_BROKEN); it was locked at once.
    from game.core.summit import agree

    open_summit(app, versus_ai)
    key(app, pygame.K_k)  # skip the summit
    key(app, pygame.K_RETURN)
    board = app.scene
    assert board.name == "board"
    warning = Term("warning", "beijing", Deed("some", "outreach"), answer=Deed("some", "distance"))
    versus_ai.state = agree(versus_ai.state, [warning])
    outreach = next(
        a.id
        for a in versus_ai.level.actions_of["moscow"]
        if "outreach" in a.tags and not why_not_in_words(versus_ai.state, "moscow", a.id)
    )
    board.model.plan = [outreach]
    assert board.model.words_broken() == ([], [warning])
    key(app, pygame.K_l)
    assert versus_ai.state.turn == 1 and "This plan defies a warning" in board.message
    key(app, pygame.K_l)
    assert versus_ai.state.turn == 2


def test_in_the_room_a_request_for_a_card_the_other_side_cannot_play_cannot_be_entered(app, catalogue):
    # Both teams agree a term in the room at once: Moscow asking for Beijing's exercises of 2012
    # in 2001 is as sure to be broken as Beijing offering them.
    game = Game.new(catalogue.load("strategic_partnership"), 7, {"moscow": HUMAN, "beijing": HUMAN})
    scene = open_summit(app, game, "moscow")
    model = scene.model
    assert model.enter_room() is None and model.stage == "room"
    ask = Term("request", "moscow", Deed("play", "b_naval_patrol"))
    why = model.cannot_give(ask)
    assert "Beijing" in why and "turn 11" in why
    assert model.room_toggle(ask) == why and model.room_terms() == []


def test_at_the_counter_stage_the_cost_note_counts_what_the_table_holds(catalogue):
    # Hot seat: Beijing's seat is a fresh model after the hand-over, so its own answers must be read
    # from the table; its offer that Moscow countered binds it no more.
    from game.ui.summit.model import SummitModel

    game = Game.new(catalogue.load("strategic_partnership"), 7, {"moscow": HUMAN, "beijing": HUMAN})
    game.open_summit()
    playable = [
        a.id for a in game.level.actions_of["beijing"] if not why_not_in_words(game.state, "beijing", a.id)
    ]
    moscow_card = next(
        a.id for a in game.level.actions_of["moscow"] if not why_not_in_words(game.state, "moscow", a.id)
    )
    asked = Term("request", "moscow", Deed("play", playable[0]))
    offered = Term("offer", "beijing", Deed("play", playable[1]))
    counter = Term("offer", "moscow", Deed("play", moscow_card))
    assert game.summit_move("moscow", "propose", [asked]) is None
    assert game.summit_move("beijing", "propose", [offered]) is None
    assert game.summit_move("moscow", "answer", {offered.key(): counter}) is None
    assert game.summit_move("beijing", "answer", {asked.key(): "accept"}) is None
    model = SummitModel(game, "beijing")
    assert model.stage == "counter"
    assert model.cards_promised() == [playable[0]]


def test_a_side_allowed_one_term_is_told_one_term_in_each_language(catalogue):
    # Thaw in Washington opens with Moscow the weaker side, allowed a single term: the note read
    # "You may put forward 1 terms".
    from game.core.summit import terms_allowed
    from game.i18n import set_language
    from game.ui.summit.model import SummitModel
    from game.ui.summit.words import power_note

    game = Game.new(catalogue.load("thaw_washington"), 19720221, {"moscow": HUMAN, "beijing": "normal"})
    assert terms_allowed(game.state, "moscow") == 1
    assert power_note(game, "moscow").startswith("You may put forward 1 term, and Beijing 2.")
    assert power_note(game, "moscow", room=True).startswith("Moscow may put forward 1 term, and Beijing 2.")
    model = SummitModel(game, "moscow")
    offers = [t for t in model.on_offer if t.kind == "offer" and not model.cannot_give(t)]
    assert model.toggle(offers[0]) is None
    assert model.toggle(offers[1]) == "You may put forward 1 term; take it out first."
    try:
        set_language("tr")
        assert power_note(game, "moscow").startswith("1 şart önerebilirsiniz, Pekin ise 2.")
        set_language("ru")
        assert model.toggle(offers[1]) == "Можно выдвинуть не больше 1 условия; сначала уберите его."
    finally:
        set_language("en")


def test_arrow_keys_go_to_the_control_that_lies_that_way(app, testing_event):
    # Down from the filter over a list of terms skipped the wide rows under it for the narrow
    # "< Previous" far below (and one Enter more would have been "Skip the summit"); Right from
    # "Easy AI" in New game went up a row to "Moscow".
    def focus_on(label):
        app.focus_index = next(i for i, c in enumerate(app.controls()) if c.label == label)

    press(app, "New game")
    focus_on("Easy AI")
    key(app, pygame.K_RIGHT)
    assert app.focused().label == "Normal AI"
    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    assert app.scene.name == "summit"
    focus_on("All")
    tab = app.focused().rect
    below = [
        c for c in app.controls() if c.rect.top >= tab.bottom and c.rect.left <= tab.centerx < c.rect.right
    ]
    key(app, pygame.K_DOWN)
    assert app.focused() is min(below, key=lambda c: c.rect.top)
    assert app.focused().label != "< Previous" and app.focused().rect.width > app.size[0] // 3


def test_a_term_that_would_break_a_promise_still_running_says_so(app, versus_ai):
    # With "Moscow promises not to use force" running, the list offered "to play" a force card
    # with no word of the promise it would break.
    from game.core.summit import Commitment, Deed, Term

    force = next(a for a in versus_ai.level.actions_of["moscow"] if "force" in a.tags)
    calm = next(a for a in versus_ai.level.actions_of["moscow"] if "force" not in a.tags)
    promise = Term("promise", "moscow", Deed("no", "force"))
    versus_ai.state.commitments = (Commitment(promise, 1, 4),)
    scene = open_summit(app, versus_ai)
    model = scene.model
    assert model.breaks_running(Term("offer", "moscow", Deed("play", force.id))) == promise
    assert model.breaks_running(Term("offer", "moscow", Deed("play", calm.id))) is None
    lines = scene.tip(Term("offer", "moscow", Deed("play", force.id))).lines
    assert lines[0].startswith("Keeping it would break a promise you are keeping:")


def test_a_word_about_a_method_says_it_counts_cards_not_the_news(testing_event):
    # Moscow "heeded" Beijing's warning against force in the year the news told of its war, and
    # nothing on screen said that only cards marked force count.
    from game.ui.summit.words import term_tip

    game = Game.new(testing_event, 3, {"moscow": "normal", "beijing": HUMAN})
    warning = Term("warning", "beijing", Deed("some", "force"), Deed("some", "distance"))
    _title, lines = term_tip(game, warning, "beijing")
    assert (
        "It counts the cards Moscow plays that are marked 'force'; what the news tells, a war among it, "
        "is no one's card." in lines
    )
    promise = Term("promise", "moscow", Deed("no", "force"))
    assert any("cards Moscow plays that are marked 'force'" in line for line in term_tip(game, promise)[1])
    offer = Term("offer", "moscow", Deed("play", next(iter(testing_event.side_actions("moscow"))).id))
    assert not any("marked" in line for line in term_tip(game, offer)[1])


def test_a_request_for_what_one_offered_oneself_is_accepted_unless_one_says_otherwise(app, testing_event):
    # Proposals are made at once, unseen: the AI asked Beijing for the very card Beijing had offered,
    # and the answer waiting for it was "Reject", a refusal of Beijing's own offer.
    from game.core.summit import terms_on_offer

    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": HUMAN})
    game.open_summit()
    offers = {t.deed: t for t in terms_on_offer(game.state, "beijing") if t.kind == "offer"}
    asks = [t for t in terms_on_offer(game.state, "moscow") if t.kind == "request" and t.deed in offers]
    ask, other_ask = asks[0], asks[1]
    assert game.summit_move("moscow", "propose", [ask, other_ask]) is None
    assert game.summit_move("beijing", "propose", [offers[ask.deed]]) is None
    scene = open_summit(app, game, "beijing")
    assert scene.model.stage == "answer"
    said = " ".join(label for label, _rect, _style in scene.texts)
    assert said.count("(you put this forward yourself)") == 1
    assert scene.model.answer_of(ask) == "accept" and scene.model.answer_of(other_ask) == "reject"
    accept = next(c for c in scene.controls if c.kind == "answer" and c.data == ask and c.label == "Accept")
    assert accept.selected
    # Still the player's to refuse.
    scene.model.set_answer(ask, "reject")
    assert scene.model.answer_of(ask) == "reject"
    scene.model.set_answer(ask, "accept")
    assert scene.model.send_answers() is None
    assert game.table.answers[ask.key()] == "accept"


def test_the_wheel_turns_the_lists_pages_only_over_the_list(app, versus_ai):
    # Over the terms chosen on the left, the wheel turned the list's pages on the right.
    scene = open_summit(app, versus_ai)
    assert scene.model.stage == "propose" and scene.pages > 1
    left_x = scene.list_column.x // 2
    app.step(
        [
            pygame.event.Event(
                pygame.MOUSEMOTION, pos=(left_x, scene.list_column.centery), rel=(0, 0), buttons=(0, 0, 0)
            )
        ]
    )
    app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False)])
    assert scene.model.page == 0
    app.step(
        [pygame.event.Event(pygame.MOUSEMOTION, pos=scene.list_column.center, rel=(0, 0), buttons=(0, 0, 0))]
    )
    app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False)])
    assert app.scene.model.page == 1


def test_a_refused_warning_is_said_not_to_stand(testing_event):
    # "Refused: Moscow warns Beijing: …" beside "Warnings bind no one at once" read as nonsense.
    from game.session.summit_table import Entry
    from game.ui.summit.words import entry_lines

    warning = Term("warning", "moscow", Deed("some", "outreach"), answer=Deed("play", "m_escalate"))
    request = Term("request", "moscow", Deed("no", "force"))
    lines = entry_lines(testing_event, [Entry(warning, False), Entry(request, False)])
    assert lines[0][1].startswith("Refused (the warning does not stand): Moscow warns Beijing")
    assert lines[1][1].startswith("Refused: ")
