"""Agents that play the engine through its public API only, each deterministic for a seed."""

from game.ai.agents import AGENTS, Agent, make_agent

__all__ = ["AGENTS", "Agent", "make_agent"]
