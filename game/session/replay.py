"""The replay log: a game is its level (id and content hash), its seed and each turn's plans.

Replaying folds `resolve_turn` over the plans from the initial state, as boardgame.io replays a
log through its reducer, so the same log always gives the same game.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from game.core import initial_state, plan_problem, resolve_turn
from game.core.level import Level
from game.core.report import TurnReport
from game.core.state import GameState

FORMAT = "pragmatic-partners/replay"
MAX_TURNS = 200


class ReplayError(Exception):
    pass


class PlansSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    moscow: list[str] = Field(default_factory=list, max_length=10)
    beijing: list[str] = Field(default_factory=list, max_length=10)


class ReplayLog(BaseModel):
    """One game, enough to reproduce it exactly."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["pragmatic-partners/replay"] = FORMAT
    version: Literal[1] = 1
    level_id: str = Field(max_length=48)
    level_hash: str = Field(max_length=64)
    seed: int = Field(ge=0, le=2**63 - 1)
    turns: list[PlansSpec] = Field(default_factory=list, max_length=MAX_TURNS)

    @classmethod
    def start(cls, level: Level, seed: int) -> "ReplayLog":
        return cls(level_id=level.id, level_hash=level.content_hash, seed=seed)

    def record(self, plans: dict[str, tuple[str, ...]]) -> None:
        self.turns.append(PlansSpec(moscow=list(plans.get("moscow", ())), beijing=list(plans.get("beijing", ()))))


def replay(level: Level, log: ReplayLog) -> tuple[GameState, list[TurnReport]]:
    """Play the log's plans again; refuse a log made with another version of the level."""
    if log.level_id != level.id:
        raise ReplayError(f"this log is a game of level '{log.level_id}', not '{level.id}'")
    if log.level_hash != level.content_hash:
        raise ReplayError(
            f"level '{level.id}' has changed since this game was played (its files differ), "
            "so the game cannot be replayed exactly"
        )
    state = initial_state(level, log.seed)
    reports = []
    for number, plans in enumerate(log.turns, start=1):
        chosen = {"moscow": tuple(plans.moscow), "beijing": tuple(plans.beijing)}
        for side, plan in chosen.items():
            problem = plan_problem(state, side, plan)
            if problem:
                raise ReplayError(f"turn {number}: {side}'s plan is not legal here: {problem}")
        state, report = resolve_turn(state, chosen)
        reports.append(report)
    return state, reports
