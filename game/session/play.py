"""Play a whole game headless with agents on both sides (for transcripts, tests and benchmarks)."""

from __future__ import annotations

from game.ai import decide, make_agent
from game.core import GameState, initial_state, is_terminal, resolve_turn
from game.core.level import Level
from game.core.report import TurnReport
from game.session.replay import ReplayLog


def play_game(
    level: Level, seed: int, moscow: str = "random", beijing: str = "random"
) -> tuple[GameState, list[TurnReport], ReplayLog]:
    """Return (final state, reports, replay log)."""
    agents = {"moscow": make_agent(moscow, "moscow", seed), "beijing": make_agent(beijing, "beijing", seed)}
    state = initial_state(level, seed)
    log = ReplayLog.start(level, seed)
    reports = []
    while not is_terminal(state):
        plans = {side: decide(agent, state, side) for side, agent in agents.items()}
        log.record(plans)
        state, report = resolve_turn(state, plans)
        reports.append(report)
    return state, reports, log
