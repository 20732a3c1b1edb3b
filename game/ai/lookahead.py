"""Imagined futures for the agents: resolve a turn on a copy of the state whose random draws come
from the agent's own stream, so that an agent never learns the game's real event draws."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from game.ai.evaluate import evaluate
from game.core import GameState, Plan, is_legal_plan, resolve_turn
from game.core.meters import other


def imagine(
    state: GameState, side: str, plan: Iterable[str], opponent_plan: Iterable[str], event_seed: int
) -> GameState:
    """The state after one turn of `plan` against `opponent_plan`, with imagined event draws."""
    trial = state.copy()
    trial.rng = event_seed
    plans = {side: tuple(plan), other(side): tuple(opponent_plan)}
    return resolve_turn(trial, plans, record=False)[0]


def best_actions(scores: dict[str, float], top: int) -> list[str]:
    """The `top` best-scoring actions, best first (ties by id, so the order is the same every run)."""
    return sorted(scores, key=lambda a: (-scores[a], a))[:top]


def candidate_plans(
    state: GameState, side: str, scores: dict[str, float], top: int, limit: int
) -> list[Plan]:
    """Plans built from the best-scoring single actions, best total first, all legal."""
    best = best_actions(scores, top)
    order = {a: i for i, a in enumerate(state.level.actions)}
    plans: list[tuple[float, Plan]] = []
    for size in range(1, state.level.rules.max_actions + 1):
        for combo in combinations(best, size):
            plan = tuple(sorted(combo, key=order.__getitem__))
            if is_legal_plan(state, side, plan):
                plans.append((sum(scores[a] for a in plan), plan))
    plans.sort(key=lambda x: (-x[0], x[1]))
    return [(), *[p for _, p in plans[:limit]]]


def score_actions(
    state: GameState, side: str, opponent_plan: Plan, event_seed: int, legal: Iterable[str]
) -> dict[str, float]:
    """Each legal action's gain over doing nothing, judged one turn ahead."""
    base = evaluate(imagine(state, side, (), opponent_plan, event_seed), side)
    return {a: evaluate(imagine(state, side, (a,), opponent_plan, event_seed), side) - base for a in legal}
