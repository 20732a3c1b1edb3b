"""The game's agents keep the words they gave at the summit (docs/agents.md, "Agents that keep
their word"): a card a side promised to play is weighed beside its best cards, and a plan that
breaks a word pays its price in the judgement."""

import pytest

from game.ai import Budget, decide, make_agent
from game.ai.evaluate import WORD_PRICE, evaluate, judged, words_broken
from game.ai.hard import DEFAULT_ITERATIONS
from game.core import initial_state, resolve_turn
from game.core.engine import is_usable
from game.core.summit import Deed, Term, agree


def promised(level, seed):
    """Turn 1 of `level`, with Beijing bound (Moscow's request, accepted) to play a usable,
    affordable card it would not have chosen; the card's id and the state."""
    state = initial_state(level, seed)
    chosen = decide(make_agent("normal", "beijing", seed), state, "beijing")
    capital = state.meters["beijing.capital"]
    card = next(
        a
        for a in level.actions_of["beijing"]
        if a.id not in chosen and a.cost <= capital and is_usable(state, a) and not a.delayed
    )
    return card.id, agree(state, [Term("request", "moscow", Deed.parse(f"play:{card.id}"))])


@pytest.mark.slow
@pytest.mark.parametrize("agent, budget", [("normal", None), ("hard", Budget(iterations=DEFAULT_ITERATIONS))])
def test_an_agent_plays_the_card_it_promised_though_it_would_not_have_chosen_it(testing_event, agent, budget):
    # `hard` at the budget players meet: the word's price is part of what its search weighs, and
    # a search of 60 imagined games a decision, as this test once used to save time, is noisier
    # than that price (it broke the word on 2 or 3 of seeds 1-12 of this level, 0 or 1 at 200).
    for seed in (1, 2, 3):
        card, state = promised(testing_event, seed)
        plan = decide(make_agent(agent, "beijing", seed, budget), state, "beijing")
        assert card in plan, (seed, card, plan)


def test_a_word_broken_in_the_turn_costs_its_price_in_the_judgement(testing_event):
    card, state = promised(testing_event, 1)
    kept, _ = resolve_turn(state, {"moscow": (), "beijing": (card,)})
    broken, _ = resolve_turn(state, {"moscow": (), "beijing": ()})
    assert words_broken(kept, "beijing") == 0 and words_broken(broken, "beijing") == 1
    assert words_broken(broken, "moscow") == 0  # (the word was Beijing's)
    assert judged(broken, "beijing") == evaluate(broken, "beijing") - WORD_PRICE
    assert judged(kept, "beijing") == evaluate(kept, "beijing")


def defied_warning(level, seed):
    """Turn 2 of `level`: at turn 1's summit Moscow warned that Beijing's outreach to Washington
    would be answered by its own, and Beijing reached out; Moscow's answer is due now."""
    state = initial_state(level, seed)
    warning = Term("warning", "moscow", Deed("some", "outreach"), Deed("some", "outreach"))
    state = agree(state, [warning])
    capital = state.meters["beijing.capital"]
    reach = next(a.id for a in level.actions_of["beijing"] if "outreach" in a.tags and a.cost <= capital)
    state, report = resolve_turn(state, {"moscow": (), "beijing": (reach,)})
    assert [(s.side, s.result) for s in report.settled] == [("beijing", "defied")]
    return state


@pytest.mark.slow
@pytest.mark.parametrize("agent, budget", [("normal", None), ("hard", Budget(iterations=60))])
def test_an_agent_carries_out_the_warning_its_partner_defied(testing_event, agent, budget):
    # (Before the warner's answer counted among what binds it, normal left the threat empty with
    # seed 2: the answer was not among its best cards.)
    for seed in (1, 2, 3):
        state = defied_warning(testing_event, seed)
        plan = decide(make_agent(agent, "moscow", seed, budget), state, "moscow")
        _, report = resolve_turn(state, {"moscow": plan, "beijing": ()})
        assert [(s.side, s.result) for s in report.settled] == [("moscow", "carried out")], (seed, plan)


def test_a_threat_left_empty_is_a_word_broken(testing_event):
    state = defied_warning(testing_event, 2)
    empty, report = resolve_turn(state, {"moscow": (), "beijing": ()})
    assert [s.result for s in report.settled] == ["empty"]
    assert words_broken(empty, "moscow") == 1
    assert judged(empty, "moscow") == evaluate(empty, "moscow") - WORD_PRICE
