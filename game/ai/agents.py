"""The registry of agents, by name."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Protocol

from game.ai.easy import EasyAgent
from game.ai.hard import HardAgent
from game.ai.normal import NormalAgent
from game.ai.random_agent import RandomAgent
from game.core import GameState, Plan


class Agent(Protocol):
    """A player the game can seat: made for a side and a seed, it chooses that side's plan."""

    name: str
    side: str

    def choose(self, state: GameState) -> Plan:
        """A legal plan for `self.side` in `state`, reading only what the engine's API shows."""
        ...


AGENTS: dict[str, Callable[[str, int], Agent]] = {
    "random": RandomAgent,
    "easy": EasyAgent,
    "normal": NormalAgent,
    "hard": HardAgent,
}


def agent_seed(seed: int, side: str, name: str) -> int:
    """Each agent draws from its own stream, so an agent never moves the game's own RNG."""
    return (seed * 1_000_003 + zlib.crc32(f"{side}:{name}".encode())) & ((1 << 63) - 1)


def make_agent(name: str, side: str, seed: int) -> Agent:
    """The agent called `name` playing `side`, with its own random stream for `seed`."""
    if name not in AGENTS:
        raise ValueError(f"unknown agent '{name}'; choose from {', '.join(AGENTS)}")
    return AGENTS[name](side, agent_seed(seed, side, name))
