"""Agents that decide from what their side can see, each deterministic for a seed and a budget in
iterations. The protocol they follow is in `game.ai.protocol` (and docs/agents.md)."""

from game.ai.agents import AGENTS, make_agent
from game.ai.protocol import Agent, AgentFactory, Budget, LegalPlans, decide

__all__ = ["AGENTS", "Agent", "AgentFactory", "Budget", "LegalPlans", "decide", "make_agent"]
