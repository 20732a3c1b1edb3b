"""The game's agents keep the words they gave at the summit (docs/agents.md, "Agents that keep
their word"): a card a side promised to play is weighed beside its best cards, and a plan that
breaks a word pays its price in the judgement."""

import pytest

from game.ai import Budget, decide, make_agent
from game.ai.evaluate import WORD_PRICE, evaluate, judged, words_broken
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


@pytest.mark.parametrize("agent, budget", [("normal", None), ("hard", Budget(iterations=60))])
def test_an_agent_plays_the_card_it_promised_though_it_would_not_have_chosen_it(testing_event, agent, budget):
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
