"""The summit (game.core.summit, game.session.summit_table): terms, what the engine makes of them
at resolution, how the agents bargain, and that a game with summits replays exactly."""

import dataclasses

import pytest

from game.ai import decide, make_agent
from game.ai.negotiate import Negotiator
from game.core import initial_state, resolve_turn
from game.core.summit import (
    Deed,
    Term,
    TermError,
    agree,
    summit_due,
    term_problem,
    term_words,
    terms_allowed,
    terms_on_offer,
)
from game.session.game import HUMAN, Game
from game.session.replay import ReplayLog, replay
from game.session.summit_table import Table, hold_summit
from game.sim.batch import play_one, summary
from game.sim.variation import VariationError, parse_variation


def force_card(level):
    return next(a.id for a in level.actions_of["moscow"] if "force" in a.tags and a.cost <= 4)


def test_a_deed_reads_its_kind_and_subject_and_refuses_a_malformed_one(testing_event):
    assert (
        Deed.parse("no:force") == Deed("no", "force")
        and str(Deed("stay_out", "kazakhstan")) == "stay_out:kazakhstan"
    )
    for bad in ("force", "never:force", "no:", ":force"):
        with pytest.raises(TermError):
            Deed.parse(bad)
    assert Deed("no", "swords").problem(testing_event.actions, "moscow")
    assert Deed("play", force_card(testing_event)).problem(testing_event.actions, "beijing")  # not its card
    assert Deed("stay_out", "mongolia").problem(testing_event.actions, "moscow")


def test_a_summit_sits_every_other_turn_and_offers_every_kind_of_term(testing_event):
    state = initial_state(testing_event, 1)
    assert summit_due(state)
    offered = terms_on_offer(state, "moscow")
    assert {t.kind for t in offered} >= {"offer", "request", "promise", "warning"}
    assert all(term_problem(state, t) is None and t.by == "moscow" for t in offered)
    later, _ = resolve_turn(state, {"moscow": (), "beijing": ()})
    assert not summit_due(later) and terms_on_offer(later, "moscow") == []


def test_the_stronger_side_may_put_forward_more_terms(testing_event):
    state = initial_state(testing_event, 1)
    even = dict(state.meters)
    for key in ("economy", "security"):
        even[f"beijing.{key}"] = even[f"moscow.{key}"]
    state.meters = even
    assert (
        terms_allowed(state, "moscow") == terms_allowed(state, "beijing") == testing_event.rules.summit_terms
    )
    state.meters = {**even, "beijing.economy": even["moscow.economy"] + 40}
    assert terms_allowed(state, "beijing") == testing_event.rules.summit_terms + 1
    assert terms_allowed(state, "moscow") == testing_event.rules.summit_terms


def test_a_kept_term_builds_trust_and_a_broken_one_costs_trust_partnership_and_standing(testing_event):
    state = initial_state(testing_event, 1)
    card = force_card(testing_event)
    pledge = Term("promise", "moscow", Deed("no", "force"))
    agreed = agree(state, [pledge])
    assert agreed.commitments and not state.commitments  # agree() returns a new state
    kept, report = resolve_turn(agreed, {"moscow": (), "beijing": ()})
    assert kept.commitments and not report.settled  # a promise runs for promise_turns
    broken, report = resolve_turn(agreed, {"moscow": (card,), "beijing": ()})
    assert [(s.side, s.result) for s in report.settled] == [("moscow", "broken")]
    assert not broken.commitments
    causes = {(c.meter, c.cause_id) for c in report.changes}
    assert {
        ("trust", "term_broken"),
        ("partnership", "term_broken"),
        ("moscow.standing", "term_broken"),
    } <= causes
    unpledged, _ = resolve_turn(state, {"moscow": (card,), "beijing": ()})
    assert broken.meters["trust"] < unpledged.meters["trust"]
    # Kept to the end, the promise builds trust.
    s = agreed
    for _ in range(testing_event.rules.promise_turns):
        s, report = resolve_turn(s, {"moscow": (), "beijing": ()})
    assert [(x.side, x.result) for x in report.settled] == [("moscow", "kept")]
    assert any(c.cause_id == "term_kept" and c.delta > 0 for c in report.changes_to("trust"))


def test_an_offer_and_the_partners_request_for_the_same_card_are_one_word(testing_event):
    # Each side puts its terms forward not yet knowing the other's: Beijing may offer a card that
    # Moscow asks for. Both agreed, Beijing has given its word once, and keeps or breaks it once.
    state = initial_state(testing_event, 1)
    card = next(a.id for a in testing_event.actions_of["beijing"] if a.cost <= 2 and a.requires.test(state))
    offer = Term("offer", "beijing", Deed("play", card))
    request = Term("request", "moscow", Deed("play", card))
    both, alone = agree(state, [offer, request]), agree(state, [offer])
    assert [c.term for c in both.commitments] == [offer]
    for plan in ((card,), ()):
        after_both, report = resolve_turn(both, {"moscow": (), "beijing": plan})
        after_alone, _ = resolve_turn(alone, {"moscow": (), "beijing": plan})
        assert after_both.meters == after_alone.meters and len(report.settled) == 1
    # A promise of the same card runs longer: another word. So does a request of another card.
    promise = Term("promise", "beijing", Deed("play", card))
    assert len(agree(state, [offer, promise]).commitments) == 2
    assert (
        len(agree(state, [request, Term("request", "moscow", Deed("some", "integration"))]).commitments) == 2
    )


def test_the_summits_record_says_a_repeated_word_binds_once(testing_event):
    from game.session.summit_table import Entry
    from game.ui.summit.words import entry_lines

    state = initial_state(testing_event, 1)
    card = next(a.id for a in testing_event.actions_of["beijing"] if a.cost <= 2 and a.requires.test(state))
    offer = Term("offer", "beijing", Deed("play", card))
    request = Term("request", "moscow", Deed("play", card))
    lines = entry_lines(testing_event, [Entry(offer, True), Entry(request, True)])
    assert lines[0][1].startswith("Agreed: ")
    assert lines[1][1].startswith("Agreed (the same word as another term agreed here, so it binds once): ")


def test_a_warning_defied_must_be_carried_out_or_it_was_empty(testing_event):
    state = initial_state(testing_event, 1)
    outreach = next(a.id for a in testing_event.actions_of["moscow"] if "outreach" in a.tags and a.cost <= 4)
    answer = next(a.id for a in testing_event.actions_of["beijing"] if "outreach" in a.tags and a.cost <= 4)
    warning = Term("warning", "beijing", Deed("some", "outreach"), Deed("some", "outreach"))
    assert "warns Moscow: if Moscow courts Washington, Beijing will court Washington" in term_words(
        testing_event, warning
    )
    s, report = resolve_turn(agree(state, [warning]), {"moscow": (outreach,), "beijing": ()})
    assert [(x.side, x.result) for x in report.settled] == [("moscow", "defied")]
    empty, report = resolve_turn(s, {"moscow": (), "beijing": ()})
    assert [(x.side, x.result) for x in report.settled] == [("beijing", "empty")]
    carried, report = resolve_turn(s, {"moscow": (), "beijing": (answer,)})
    assert [(x.side, x.result) for x in report.settled] == [("beijing", "carried out")]
    assert carried.meters["beijing.standing"] > empty.meters["beijing.standing"]


def test_agents_bargain_and_a_term_refused_is_countered_at_most_once(testing_event):
    state = initial_state(testing_event, 4)
    table = hold_summit(state, {"moscow": Negotiator("moscow"), "beijing": Negotiator("beijing")})
    entries = table.entries()
    assert entries and table.stage == "done"
    assert all(e.why for e in entries if e.counter_to == "")  # every term has its reason
    counters = [e for e in entries if e.counter_to]
    assert all(not any(c.counter_to == e.term.key() for c in counters) for e in counters)  # once
    # An easy agent is the more trusting: it accepts at least what a normal one does.
    hard_nosed = Table(state.turn)
    hard_nosed.proposed = {s: t for s, t in table.proposed.items()}
    trusting = Negotiator("beijing", trusting=1.5).answer(state, hard_nosed.to_answer("beijing"))
    strict = Negotiator("beijing").answer(state, hard_nosed.to_answer("beijing"))
    assert sum(a == "accept" for a in trusting.values()) >= sum(a == "accept" for a in strict.values())


def test_the_ais_reasons_at_the_table_are_in_words_a_player_reads(testing_event):
    # Not the weigher's own figures ("worth 4.1 to its agenda"): a player reads how much a term
    # serves or costs the side's goals.
    import re

    reasons = []
    for seed in range(6):
        state = initial_state(testing_event, seed)
        moscow, beijing = Negotiator("moscow"), Negotiator("beijing")
        hold_summit(state, {"moscow": moscow, "beijing": beijing})
        reasons += [*moscow.reasons.values(), *beijing.reasons.values()]
    assert reasons
    for why in reasons:
        assert not re.search(r"\d\.\d", why) and "agenda" not in why, why
        assert re.search(r"its goals (a little|somewhat|a great deal)|could not keep", why), why


def test_a_person_bargains_with_the_ai_and_the_game_replays_exactly(testing_event):
    game = Game.new(testing_event, 5, {"moscow": HUMAN, "beijing": "normal"})
    assert game.summit_due()
    table = game.open_summit()
    assert table.stage == "propose" and table.waiting_for() == ["moscow"]
    ask = next(t for t in terms_on_offer(game.state, "moscow") if t.kind == "offer" and t.deed.kind == "no")
    assert game.summit_move("moscow", "propose", [ask]) is None
    if table.stage == "answer":
        assert (
            game.summit_move("moscow", "answer", {t.key(): "accept" for t in table.to_answer("moscow")})
            is None
        )
    if table.stage == "counter":
        assert game.summit_move("moscow", "counter", {}) is None
    assert table.stage == "done"
    agreed = game.close_summit()
    assert game.state.commitments and len(agreed) == len(game.state.commitments)
    assert not game.summit_due()
    game.lock("moscow", ())
    game.resolve()
    assert game.log.turns[0].summit and any(t.agreed for t in game.log.turns[0].summit)
    for _ in range(3):
        game.lock("moscow", ())
        game.resolve()
    log = ReplayLog.model_validate_json(game.log.model_dump_json())
    state, _ = replay(testing_event, log)
    assert state.fingerprint() == game.state.fingerprint()


def test_a_save_made_after_the_summit_keeps_what_it_agreed(testing_event):
    game = Game.new(testing_event, 6, {"moscow": HUMAN, "beijing": "easy"})
    game.open_summit()
    offer = next(t for t in terms_on_offer(game.state, "moscow") if t.kind == "promise")
    game.summit_move("moscow", "propose", [offer])
    game.table.pass_all()
    game.close_summit()
    saved = ReplayLog.model_validate_json(game.log_to_save().model_dump_json())
    again = Game.from_log(testing_event, saved, {"moscow": HUMAN, "beijing": "easy"})
    assert again.state.commitments == game.state.commitments and not again.summit_due()


def test_a_person_who_passes_the_summit_by_still_plays_the_turn(testing_event):
    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    game.lock("moscow", ())
    game.resolve()  # the summit sat with Moscow proposing nothing and accepting nothing
    assert all(not t.agreed or t.by == "moscow" for t in game.log.turns[0].summit)


@pytest.mark.slow
def test_simulate_reports_the_summits_and_a_term_can_be_forced(testing_event):
    result = play_one(testing_event, 1, "normal", "normal")
    assert result.summit["summits"] == (testing_event.turns + 1) // 2
    figures = summary([result])["summit"]
    assert set(figures) == {"offered", "accepted", "kept", "broken", "counts"}
    assert 0 <= figures["accepted"] <= 1 and abs(figures["kept"] + figures["broken"] - 1) < 1e-9
    v = parse_variation(["term.moscow=promise:no:force@2"], testing_event)
    assert v.terms[2] == [Term("promise", "moscow", Deed("no", "force"))]
    for bad in (
        "term.moscow=promise:no:swords@2",
        "term.kremlin=offer:no:force@2",
        "term.moscow=warning:some:force@2",
    ):
        with pytest.raises(VariationError):
            parse_variation([bad], testing_event)


def test_without_summits_a_level_plays_as_it_did(testing_event):
    quiet = dataclasses.replace(testing_event, rules=dataclasses.replace(testing_event.rules, summit_every=0))
    state = initial_state(quiet, 1)
    assert not summit_due(state) and terms_on_offer(state, "moscow") == []
    assert play_one(quiet, 2, "easy", "easy").summit["summits"] == 0


def test_the_ai_negotiates_in_a_seated_game(testing_event):
    agent = make_agent("normal", "beijing", 1)
    game = Game.new(testing_event, 8, {"moscow": "easy", "beijing": "normal"})
    game.resolve()
    assert game.log.turns[0].summit  # two agents held it without a person
    assert agent.name == "normal"


def test_a_levels_deal_is_checked_where_it_is_written(tmp_path):
    from game.levels.validate import validate_paths

    mod = tmp_path / "dealmod.toml"
    mod.write_text(
        'schema_version = 1\nid = "dealmod"\nextends = "testing_event"\ntitle = "Deals"\n\n'
        '[[deal]]\nid = "bad"\nname = "A bad bargain"\nmoscow = "play:b_sign_pipeline"\n'
        'beijing = "stay_out:mongolia"\n',
        encoding="utf-8",
    )
    problems = [p for p in validate_paths([str(mod)]) if p.severity == "error"]
    said = {(p.line, p.message) for p in problems}
    assert any(line == 9 and "not one of moscow's cards" in msg for line, msg in said), said
    assert any(line == 10 and "not a Central Asian state" in msg for line, msg in said), said


@pytest.mark.slow
@pytest.mark.parametrize("level_id", ["shanghai_five", "testing_event", "middle_corridor"])
def test_an_easy_player_keeping_its_terms_still_plays_only_what_it_can_afford(catalogue, level_id):
    # It once put a card it owed first and then another it owed, past its capital.
    level = catalogue.load(level_id)
    for seed in range(25):
        play_one(level, seed, "easy", "easy")


def test_a_counter_already_on_the_table_is_a_refusal_and_its_reason_says_so(testing_event):
    state = initial_state(testing_event, 1)
    moscow = Negotiator("moscow")
    costly = next(
        t
        for t in terms_on_offer(state, "beijing")
        if t.kind == "request" and moscow.answer(state, [t]).get(t.key()) not in ("accept", "reject")
    )
    counter = moscow.answer(state, [costly])[costly.key()]
    assert isinstance(counter, Term)
    again = Negotiator("moscow")
    assert again.answer(state, [costly], [counter.key()]) == {costly.key(): "reject"}
    reason = again.reasons[costly.key()]
    # The counter it would have made is named as one, not as a trade on offer.
    assert "would have countered with" in reason and reason.endswith("is on the table already")


def test_the_debrief_sheet_lists_each_summits_terms_and_what_became_of_them(testing_event):
    from datetime import datetime

    from game.classroom.exports import debrief_markdown

    game = Game.new(testing_event, 5, {"moscow": HUMAN, "beijing": "normal"})
    game.open_summit()
    pledge = Term("offer", "moscow", Deed("no", "force"))
    assert game.summit_move("moscow", "propose", [pledge]) is None
    game.table.pass_all()
    game.close_summit()
    game.lock("moscow", (force_card(testing_event),))
    game.resolve()
    sheet = debrief_markdown(game, {"moscow": "team", "beijing": "normal"}, datetime(2026, 12, 3))
    assert "## The summits: terms put forward, and what became of them" in sheet
    assert "Turn 1, agreed: Moscow offers not to use force this turn; Moscow broke it (turn 1)" in sheet


def test_the_ais_reason_says_when_its_plan_breaks_or_keeps_its_word(testing_event):
    from game.ai.explain import plan_reason, word_lines

    state = agree(initial_state(testing_event, 1), [Term("promise", "moscow", Deed("no", "force"))])
    card = force_card(testing_event)
    broke = word_lines(state, "moscow", (card,))
    assert len(broke) == 1 and broke[0].startswith("It broke its word: “Moscow promises")
    assert word_lines(state, "moscow", ()) == []  # a promise of restraint is kept only at its end
    assert word_lines(state, "beijing", (card,)) == []  # Moscow's word binds Moscow
    reason = plan_reason(state, "moscow", (card,), (), {}, "Outlook.")
    assert reason.splitlines()[-1] == broke[0]


@pytest.mark.parametrize("level_id", ["middle_corridor", "testing_event"])
def test_the_weighers_doers_are_the_cards_that_each_do_the_deed(level_id):
    # The weigher reads a deed's cards in one pass (Deed.doers) where the engine asks of a whole
    # plan (Deed.done_by): for every deed on offer, both must name the same cards.
    from game.levels import Catalogue

    level = Catalogue.scan().load(level_id)
    state = initial_state(level, 3)
    deeds = {
        deed for side in ("moscow", "beijing") for t in terms_on_offer(state, side) for _, deed in t.bound()
    }
    assert {d.kind for d in deeds} >= {"play", "no", "some"}
    for deed in deeds:
        cards = list(level.actions.values())
        assert deed.doers(cards) == [a for a in cards if deed.done_by((a,))], deed


def test_a_negotiator_reads_each_level_afresh_though_it_keeps_what_it_read(testing_event):
    # The weigher keeps each level's reading of its cards (game.ai.negotiate.LevelReading): a level
    # changed by a variation must be read as itself, not as the level it was made from.
    from game.ai import negotiate

    varied = parse_variation(["rules.term_trust_kept=9", "start.moscow.capital=3"], testing_event).apply(
        testing_event
    )

    def proposals(level):
        state = initial_state(level, 4)
        return [[t.key() for t in Negotiator(side).propose(state)] for side in ("moscow", "beijing")]

    negotiate._READ.clear()
    fresh = proposals(varied)
    negotiate._READ.clear()
    proposals(testing_event)
    assert proposals(varied) == fresh and proposals(testing_event) != fresh


def _request(by, card_id):
    return Term("request", by, Deed("play", card_id))


def test_an_agent_refuses_to_play_a_card_it_cannot_play_this_turn(testing_event):
    # A card on its cooldown cannot be kept to; accepting it would only be a word broken.
    state = initial_state(testing_event, 1)
    card = min(testing_event.actions_of["moscow"], key=lambda a: (a.cost, a.id))
    term = _request("beijing", card.id)
    willing = Negotiator("moscow", trusting=100.0)
    assert willing.answer(state, [term]) == {term.key(): "accept"}
    cooling = state.copy()
    cooling.ready_at = {**state.ready_at, card.ready_key: state.turn + 2}
    refusing = Negotiator("moscow", trusting=100.0)
    assert refusing.answer(cooling, [term]) == {term.key(): "reject"}


def test_an_agent_takes_on_only_the_cards_it_can_play_together(testing_event):
    # Two requests it could afford one at a time, not both: it accepts the one worth more to it and
    # says why it refuses the other.
    state = initial_state(testing_event, 1)
    usable = [a for a in testing_event.actions_of["moscow"] if a.cost >= 1 and a.requires.test(state)]
    first, second = usable[:2]
    state.meters = {**state.meters, "moscow.capital": float(first.cost + second.cost - 1)}
    terms = [_request("beijing", first.id), _request("beijing", second.id)]
    moscow = Negotiator("moscow", trusting=100.0)
    answers = moscow.answer(state, terms)
    assert sorted(answers.values()) == ["accept", "reject"]
    refused = next(k for k, a in answers.items() if a == "reject")
    assert "could not keep" in moscow.reasons[refused]
    # With the capital for both, it takes on both.
    state.meters = {**state.meters, "moscow.capital": float(first.cost + second.cost)}
    assert set(Negotiator("moscow", trusting=100.0).answer(state, terms).values()) == {"accept"}


def test_an_agent_refuses_a_card_its_running_promise_rules_out(testing_event):
    state = initial_state(testing_event, 1)
    force = next(a for a in testing_event.actions_of["moscow"] if "force" in a.tags and a.cost <= 4)
    promised = agree(state, [Term("promise", "moscow", Deed("no", "force"))])
    term = _request("beijing", force.id)
    assert Negotiator("moscow", trusting=100.0).answer(promised, [term]) == {term.key(): "reject"}


def test_agents_agree_only_terms_each_side_can_keep_together(testing_event):
    # Over whole summits between agents, no side is bound to play cards this turn that it could
    # not play together: they fit its capital, its plan's length and its restraints.
    from game.ai.negotiate import Pledges, Weigher

    for seed in range(8):
        state = initial_state(testing_event, seed)
        for _ in range(3):
            table = hold_summit(state, {"moscow": Negotiator("moscow"), "beijing": Negotiator("beijing")})
            agreed = agree(state, table.agreed())
            for side in ("moscow", "beijing"):
                pledged = Pledges(Weigher(agreed, side), side)
                assert all(pledged.take(c.term) for c in agreed.commitments if c.since == state.turn)
            state, _ = resolve_turn(agreed, {"moscow": (), "beijing": ()})
            state, _ = resolve_turn(state, {"moscow": (), "beijing": ()})


def test_no_term_is_on_offer_that_no_card_of_the_level_could_test(catalogue):
    # A promise to hold back from what a side cannot do would earn trust for nothing, and a threat
    # it has no card to carry out could only be broken: neither is offered, on any shipped level.
    from game.core.meters import other
    from game.core.summit import standing_terms

    for entry in catalogue.playable():
        level = catalogue.load(entry.id)
        for side in ("moscow", "beijing"):
            for term in standing_terms(level, side):
                bound = other(side) if term.kind in ("request", "warning") else side
                assert term.deed.doers(level.actions_of[bound]), (entry.id, term.key())
                if term.answer is not None:
                    assert term.answer.doers(level.actions_of[side]), (entry.id, term.key())


def test_a_threat_with_no_card_to_carry_it_out_is_not_on_offer_but_an_old_save_keeps_it(testing_event):
    # Moscow has no card that distances it from Beijing in The Testing Event.
    from game.core.summit import empty_word

    state = initial_state(testing_event, 1)
    empty_threat = Term("warning", "moscow", Deed("some", "outreach"), Deed("some", "distance"))
    assert empty_word(testing_event, empty_threat) == "no card of moscow's does some:distance"
    assert empty_threat not in terms_on_offer(state, "moscow")
    # A game saved before such words left the table agreed it by the rules, and still replays.
    assert term_problem(state, empty_threat) is None
    assert agree(state, [empty_threat]).commitments


def test_the_ai_refusing_a_card_it_cannot_play_this_turn_says_so(catalogue):
    # Asked for the joint exercises of 2018 in 2014, Moscow said "it would cost its goals a great
    # deal": the real reason, that it cannot play the card yet, went unsaid.
    from game.ai.negotiate import COUNTERED_CANNOT_PLAY, REJECTED_CANNOT_PLAY
    from game.core.engine import is_usable
    from game.core.observe import observe

    game = Game.new(catalogue.load("pivot_east"), 7, {"moscow": "normal", "beijing": HUMAN})
    state = game.state
    unusable = [a for a in state.level.actions_of["moscow"] if not is_usable(state, a)]
    assert unusable, "Pivot east holds cards that wait for a later year"
    asks = [Term("request", "beijing", Deed("play", a.id)) for a in unusable[:3]]
    negotiator = Negotiator("moscow")
    answers = negotiator.answer(observe(state, "moscow"), asks)
    for term, action in zip(asks, unusable, strict=False):
        given, why = answers[term.key()], negotiator.reasons[term.key()]
        assert given != "accept"
        assert why.frame == (REJECTED_CANNOT_PLAY if given == "reject" else COUNTERED_CANNOT_PLAY)
        assert action.name in why


def _a_word_given_twice_and_kept(testing_event):
    """A game whose first summit agreed Beijing's offer of a card and Moscow's request for that very
    card (one word given twice), and whose first turn Beijing then played the card."""
    from game.session.game import Game
    from game.session.summit_table import Entry, Table

    game = Game.new(testing_event, 1, {"moscow": "human", "beijing": "human"})
    state = game.state
    card = next(a.id for a in testing_event.actions_of["beijing"] if a.cost <= 2 and a.requires.test(state))
    offer = Term("offer", "beijing", Deed("play", card))
    request = Term("request", "moscow", Deed("play", card))
    game.state = agree(state, [offer, request])
    game.table = Table.closed(state.turn, [Entry(offer, True), Entry(request, True)])
    game.lock("moscow", ())
    game.lock("beijing", (card,))
    game.resolve()
    return game


def test_debrief_md_says_a_repeated_word_binds_once_and_gives_it_its_twins_fate(testing_event):
    # On screen the repeat read "Agreed (the same word as another term agreed here, so it binds
    # once)"; debrief.md said only "agreed", with no kept or broken beside it.
    from game.classroom.exports import summit_lines

    game = _a_word_given_twice_and_kept(testing_event)
    first, repeat = summit_lines(game)[:2]
    assert first.startswith("- Turn 1, agreed: ") and "Beijing kept it (turn 1)" in first
    assert repeat.startswith(
        "- Turn 1, agreed (the same word as another term agreed here, so it binds once): "
    )
    assert first.split("; ", 1)[1] == repeat.split("; ", 1)[1]


def test_a_repeated_word_shares_the_fate_of_the_word_it_repeats_in_the_debrief(testing_event):
    # The repeat of a word agreed at a summit was told "still running" at the debrief, long after
    # its twin said "turn 1: Beijing kept its word".
    from types import SimpleNamespace

    from game.ui.scenes.debrief import DebriefScene

    game = _a_word_given_twice_and_kept(testing_event)
    lines = DebriefScene.summit_lines(SimpleNamespace(game=game), 1)  # type: ignore[arg-type]
    kept = [line for line in lines if line.startswith("•")]
    assert len(kept) == 2 and all("turn 1: Beijing kept its word" in line for line in kept), kept


def test_a_word_given_near_the_end_is_said_to_bind_no_longer_than_the_game_runs(testing_event):
    # "Promises bind you for 4 turns" was said at the summit of the level's last turn.
    from game.ui.summit.words import bound_words, kind_words

    turns = testing_event.rules.promise_turns
    assert turns > 1
    assert f"for {turns} turns" in kind_words(testing_event, "promise", "moscow")
    assert "for 1 turn," in kind_words(testing_event, "promise", "moscow", turns_left=1)
    assert "for 2 turns" in kind_words(testing_event, "promise", "moscow", turns_left=2)
    promise = Term("promise", "beijing", Deed("play", testing_event.actions_of["beijing"][0].id))
    assert bound_words(testing_event, promise, turns_left=1) == "Binds Beijing this turn."
    assert f"for {turns} turns" in bound_words(testing_event, promise)


def test_a_term_put_to_a_side_that_skipped_the_summit_went_unanswered_not_refused(testing_event):
    # Skipping the summit (K) listed the partner's terms as "Refused", terms its player never saw;
    # the board came to say "Not answered", but the log kept no such thing, so the debrief, the
    # debrief sheet and the transcript still said "refused" (and so did a saved game's board).
    from datetime import datetime
    from types import SimpleNamespace

    from game.classroom.exports import debrief_markdown
    from game.session.transcript import transcript
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.summit.words import entry_lines

    game = Game.new(testing_event, 1, {"moscow": "human", "beijing": "normal"})
    game.open_summit()
    assert game.table.proposed.get("beijing"), "the AI puts terms forward at once"
    assert game.leave_summit("moscow") is None
    said = [words for _ok, words, _why in entry_lines(testing_event, game.table.entries())]
    assert said and all(w.startswith("Not answered (the summit was skipped): ") for w in said), said
    saved = ReplayLog.model_validate_json(game.log_to_save().model_dump_json())
    again = Game.from_log(testing_event, saved, {"moscow": "human", "beijing": "normal"})
    assert [w for _ok, w, _why in entry_lines(testing_event, again.table.entries())] == said

    game.lock("moscow", ())
    game.resolve()
    specs = game.log.turns[0].summit
    assert specs and all(spec.unanswered and not spec.agreed for spec in specs)
    lines = DebriefScene.summit_lines(SimpleNamespace(game=game), 1)  # type: ignore[arg-type]
    assert [line for line in lines if line.startswith("•")] == [f"• {w}" for w in said]
    sheet = debrief_markdown(game, {"moscow": "team", "beijing": "normal"}, datetime(2026, 12, 3))
    assert "Turn 1, not answered (the summit was skipped): " in sheet and "Turn 1, refused" not in sheet
    text = transcript(game.state, game.reports, summits=[t.summit for t in game.log.turns])
    assert "Summit, not answered (the summit was skipped): " in text and "Summit, refused" not in text


def test_a_term_the_other_side_refused_is_still_told_as_refused(testing_event):
    # (the other half of the test above: an answer given is not "not answered")
    from game.ui.summit.words import entry_lines

    game = Game.new(testing_event, 1, {"moscow": "human", "beijing": "normal"})
    game.open_summit()
    theirs = game.table.proposed["beijing"]
    assert game.summit_move("moscow", "propose", []) is None
    assert game.summit_move("moscow", "answer", {t.key(): "reject" for t in theirs}) is None
    game.pass_summit()
    assert all(w.startswith("Refused: ") for _ok, w, _why in entry_lines(testing_event, game.table.entries()))
    game.lock("moscow", ())
    game.resolve()
    assert not any(spec.unanswered for spec in game.log.turns[0].summit)


def test_a_deal_whose_part_was_broken_is_not_said_to_be_done():
    # The Middle Corridor's two-turn deal: Beijing broke its part (new money in Kazakhstan) in the
    # first turn, and the Commitments tab said "Beijing did its part already" beside "Beijing broke
    # its word".
    from game.core.summit import agree
    from game.levels import Catalogue
    from game.ui.summit.words import running_lines

    level = Catalogue.scan().load("middle_corridor")
    game = Game.new(level, 3, {"moscow": HUMAN, "beijing": HUMAN})
    deal = level.deals[0]
    mine, theirs = deal.parts("moscow")
    game.state = agree(game.state, [Term("deal", "moscow", mine, theirs, deal.id)])
    investing = next(
        a.id
        for a in level.actions_of["beijing"]
        if any(
            e.meter in ("kazakhstan.beijing", "central_asia.beijing") and e.delta > 0 for e in a.does.effects
        )
        and a.requires.test(game.state)
        and a.cost <= game.state.meters["beijing.capital"]
    )
    game.lock("moscow", ())
    game.lock("beijing", (investing,))
    report = game.resolve()
    assert [(s.side, s.result) for s in report.settled] == [("beijing", "broken")]
    [line] = running_lines(game)
    assert "Beijing broke its part (turn 1)" in line and "did its part" not in line, line


@pytest.mark.slow
def test_an_agent_neither_asks_for_a_card_on_its_cooldown_nor_asks_again_what_was_just_refused():
    # A player met Beijing's same requests at every summit, among them cards Moscow had just
    # played and could not play again yet (a word that could only be broken): the partner's
    # cooldowns were not in what Beijing could see, though the cards played were, and nothing
    # kept what the last summit refused.
    from game.core import initial_state, is_terminal, resolve_turn
    from game.levels import load_shipped
    from game.session.summit_table import summit_between

    asked_on_cooldown, asked_again, refused = [], [], 0
    for level_id in ("pivot_east", "testing_event"):
        level = load_shipped(level_id)
        for seed in range(3):
            agents = {s: make_agent("normal", s, seed) for s in ("moscow", "beijing")}
            state = initial_state(level, seed)
            while not is_terminal(state):
                before = state
                state, table = summit_between(state, agents)
                for entry in table.entries() if table is not None else ():
                    term = entry.term
                    if entry.counter_to:
                        continue
                    refused += not entry.agreed
                    if term.key() in before.refused:
                        asked_again.append((level_id, seed, before.turn, term.key()))
                    for side, deed in term.bound():
                        card = level.actions.get(deed.subject)
                        asks = side != term.by and deed.kind == "play" and card is not None
                        if asks and before.ready_at.get(card.ready_key, 0) > before.turn:
                            asked_on_cooldown.append((level_id, seed, before.turn, term.key()))
                plans = {s: decide(a, state, s) for s, a in agents.items()}
                state, _ = resolve_turn(state, plans)
    assert refused > 0  # (there was something to remember)
    assert asked_on_cooldown == [] and asked_again == []


@pytest.mark.slow
def test_what_the_last_summit_refused_comes_back_with_a_saved_game():
    from game.levels import load_shipped
    from game.session.game import Game
    from game.session.replay import ReplayLog

    level = load_shipped("testing_event")
    seats = {"moscow": "normal", "beijing": "normal"}
    game = Game.new(level, 5, seats)
    seen = []
    while not game.over and game.state.turn <= 6:
        game.resolve()
        seen.append(game.state.refused)
        again = Game.from_log(level, ReplayLog.model_validate_json(game.log.model_dump_json()), seats)
        assert again.state.refused == game.state.refused
        assert again.state.fingerprint() == game.state.fingerprint()
    assert any(seen)
