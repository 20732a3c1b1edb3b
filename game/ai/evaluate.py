"""How an agent judges a state: its own agenda, softened so that nearly meeting a goal counts for
something. Only the acting side's agenda is read; nothing about the other side's plan."""

from __future__ import annotations

from game.core.engine import goal_value
from game.core.level import Goal
from game.core.state import GameState
from game.core.summit import WORD_BROKEN

NEAR = 25.0  # a goal missed by this much or more earns nothing

# What a word broken in the turn judged costs in the outlook (points of 100). A breach's price in
# the rules is mostly slow (trust mends over years, and what trust does to the partnership comes
# later still), so an agent that judges one turn ahead sees little of it and broke its word for any
# card it liked better: under a hostile Washington, seven words a game on The Testing Event. At 5
# a side keeps its word unless breaking it is clearly worth more (docs/agents.md).
WORD_PRICE = 5.0


def goal_credit(goal: Goal, value: float) -> float:
    """1 and a little more for a margin when met; up to 0.8 when close; 0 when far."""
    gap = 0.0
    if goal.at_least is not None and value < goal.at_least:
        gap = goal.at_least - value
    if goal.at_most is not None and value > goal.at_most:
        gap = max(gap, value - goal.at_most)
    if gap == 0.0:
        margins = []
        if goal.at_least is not None:
            margins.append(value - goal.at_least)
        if goal.at_most is not None:
            margins.append(goal.at_most - value)
        return 1.0 + 0.01 * min(10.0, min(margins))
    return 0.8 * max(0.0, 1.0 - gap / NEAR)


def words_broken(state: GameState, side: str) -> int:
    """The side's words broken in the turn `state` last resolved (a term broken, a warning
    defied, a warning's threat not carried out: `WORD_BROKEN`)."""
    if not state.history:
        return 0
    return sum(1 for s in state.history[-1].settled if s.side == side and s.result in WORD_BROKEN)


def judged(state: GameState, side: str) -> float:
    """The side's outlook after a turn, less `WORD_PRICE` for each word it broke in it."""
    return evaluate(state, side) - WORD_PRICE * words_broken(state, side)


def evaluate(state: GameState, side: str) -> float:
    """The side's outlook, about 0-100: its agenda's soft score, and 0 for a game lost early."""
    agenda = state.level.agendas[side]
    total = sum(g.weight for g in agenda.goals)
    credit = sum(g.weight * goal_credit(g, goal_value(state, g.meter)) for g in agenda.goals)
    return 100.0 * credit / total
