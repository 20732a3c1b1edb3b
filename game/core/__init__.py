"""The rules engine: pure and deterministic.

State in, state and a report out. Nothing in this package imports pygame, reads a file or touches
the global random module; every random draw comes from the RNG state kept inside the game state.
"""

from game.core.engine import (
    Forecast,
    GoalTurn,
    Plan,
    adjustment_problem,
    end_now,
    forecast,
    initial_state,
    is_legal_plan,
    is_terminal,
    legal_actions,
    legal_plans,
    outcome,
    plan_problem,
    preview,
    preview_tag_rules,
    provisional_goals,
    provisional_scores,
    provisional_winners,
    resolve_turn,
    scores,
    why_unusable,
    winners,
)
from game.core.level import Level
from game.core.observe import observe
from game.core.phases import Adjustment
from game.core.state import GameState

__all__ = [
    "Adjustment",
    "Forecast",
    "GameState",
    "GoalTurn",
    "Level",
    "Plan",
    "adjustment_problem",
    "end_now",
    "forecast",
    "initial_state",
    "is_legal_plan",
    "is_terminal",
    "legal_actions",
    "legal_plans",
    "observe",
    "outcome",
    "plan_problem",
    "preview",
    "preview_tag_rules",
    "provisional_goals",
    "provisional_scores",
    "provisional_winners",
    "resolve_turn",
    "scores",
    "why_unusable",
    "winners",
]
