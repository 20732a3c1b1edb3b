"""The registry of agents, by name."""

from __future__ import annotations

import zlib
from collections.abc import Callable

from game.ai.easy import EasyAgent
from game.ai.hard import HardAgent
from game.ai.idle import IdleAgent
from game.ai.normal import NormalAgent
from game.ai.own import is_own_agent, make_own_agent, split_spec
from game.ai.priority import PREFIX as PRIORITY
from game.ai.priority import PriorityAgent
from game.ai.protocol import Budget, BuiltinAgent
from game.ai.random_agent import RandomAgent

AGENTS: dict[str, Callable[[str, int, Budget], BuiltinAgent]] = {
    "random": RandomAgent,
    "easy": EasyAgent,
    "normal": NormalAgent,
    "hard": HardAgent,
    "idle": IdleAgent,
}


def agent_seed(seed: int, side: str, name: str) -> int:
    """Each agent draws from its own stream, so an agent never moves the game's own RNG."""
    return (seed * 1_000_003 + zlib.crc32(f"{side}:{name}".encode())) & ((1 << 63) - 1)


def make_agent(name: str, side: str, seed: int, budget: Budget | None = None) -> BuiltinAgent:
    """The agent called `name` playing `side`, with its own random stream for `seed`, thinking
    within `budget` (None: the agent's own default). `priority:CARD,CARD,...` names a fixed card
    priority (`game.ai.priority`); `FILE.py:NAME` an agent of one's own, loaded from that file and
    seated behind its guard (`game.ai.own`, which raises OwnAgentError when it cannot be loaded)."""
    if is_own_agent(name):
        return make_own_agent(name, side, agent_seed(seed, side, split_spec(name)[1]), budget)
    if name.startswith(PRIORITY):
        cards = [c for c in name.removeprefix(PRIORITY).split(",") if c]
        return PriorityAgent(side, agent_seed(seed, side, "priority"), budget, cards)
    if name not in AGENTS:
        raise ValueError(f"unknown agent '{name}'; choose from {', '.join(AGENTS)}")
    return AGENTS[name](side, agent_seed(seed, side, name), budget or Budget())
