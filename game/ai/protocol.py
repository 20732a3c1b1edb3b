"""The agent protocol, in one place: what an agent is given, what it gives back, how long it may
think (docs/agents.md tells it to someone writing their own agent).

An agent is made for one side with a seed and a thinking budget, `factory(side, seed, budget)`,
and asked each turn for that side's plan: `agent.choose(observation, legal)`.

- `observation` is `game.core.observe(state, side)`: the game as the side sees it, a whole game
  state with what only the other side knows left out (its hidden meters read as the level's
  start, its cooldowns and delayed effects left out, the random state and seed 0).
- `legal` is every plan the side may lock now (`LegalPlans`): the empty plan first, then every
  affordable set of usable actions, each a tuple of action ids in the level's order.
- It returns one of them: a tuple of action ids (any order; the engine resolves a plan as a set).
- It may set `agent.reason`, a sentence or two in plain words saying why it chose the plan; the
  debrief's Decisions tab shows it.

An agent never sees the game's random state: when it imagines futures it samples what it cannot
see from a stream of its own, seeded by `seed` (`game.ai.determinize`). `decide` is how the game
asks an agent for a plan.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, overload

from game.core import GameState, Plan, legal_actions, legal_plans, observe, plan_problem
from game.core.observe import Observation

__all__ = ["Agent", "AgentFactory", "Budget", "BuiltinAgent", "LegalPlans", "Observation", "Plan", "decide"]


# The game's own agents' way of playing, as a name. Change it with any change that alters what
# `easy`, `normal` or `hard` choose (a plan or a term at the summit): the strength table keeps it
# beside each level's version and flags the rows measured with agents that played otherwise.
PLAY = "2026-12-07: the summit remembers what it refused and the cards the partner played"


@dataclass(frozen=True, slots=True)
class Budget:
    """How long an agent may think about one plan: a number of search iterations (the same seed
    and the same iterations give the same game, every time, on any machine) or a time in
    milliseconds (an anytime search stops when it is spent, so the plan depends on the machine).
    With both, it stops at whichever comes first; with neither, the agent uses its own default."""

    iterations: int | None = None
    ms: float | None = None

    def says(self) -> str:
        """The budget in words: '200 iterations', '1000 ms', or 'its own default'."""
        parts = []
        if self.iterations is not None:
            parts.append(f"{self.iterations} iterations")
        if self.ms is not None:
            parts.append(f"{self.ms:g} ms")
        return " or ".join(parts) or "its own default"


class LegalPlans(Sequence[Plan]):
    """Every plan a side may lock now, the empty plan first, in the engine's order.

    The whole list is worked out when it is first read (a few hundred plans, a millisecond or
    two); `actions` (the usable actions, each a legal plan alone) and `in` (is this plan legal,
    in any order) answer without it.
    """

    def __init__(self, observation: Observation, side: str):
        self._observation, self.side = observation, side
        self._plans: list[Plan] | None = None
        self._actions: tuple[str, ...] | None = None

    @property
    def actions(self) -> tuple[str, ...]:
        """The actions the side may use now, in the level's order."""
        if self._actions is None:
            self._actions = tuple(legal_actions(self._observation, self.side))
        return self._actions

    def _listed(self) -> list[Plan]:
        if self._plans is None:
            self._plans = legal_plans(self._observation, self.side)
        return self._plans

    def problem(self, plan: Plan) -> str | None:
        """Why `plan` is not a legal plan now, or None when it is."""
        return plan_problem(self._observation, self.side, plan)

    def __contains__(self, plan: object) -> bool:
        if not isinstance(plan, tuple) or not all(isinstance(a, str) for a in plan):
            return False
        return self.problem(plan) is None

    def __len__(self) -> int:
        return len(self._listed())

    @overload
    def __getitem__(self, index: int) -> Plan: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Plan]: ...
    def __getitem__(self, index: int | slice) -> Plan | Sequence[Plan]:
        return self._listed()[index]

    def __iter__(self) -> Iterator[Plan]:
        return iter(self._listed())


class Agent(Protocol):
    """A player the game can seat: made for one side, it chooses that side's plan each turn."""

    name: str
    side: str

    def choose(self, observation: Observation, legal: Sequence[Plan]) -> Plan:
        """One of `legal`, chosen from `observation` alone."""
        ...


class BuiltinAgent(Agent, Protocol):
    """One of the game's own agents, which also take a whole state alone: they observe it for
    their side and work out the legal plans themselves, so the choice is just as fair."""

    def choose(self, observation: Observation, legal: Sequence[Plan] | None = None) -> Plan:
        """One of the legal plans, chosen from what the side sees of `observation`."""
        ...


class AgentFactory(Protocol):
    """What makes an agent: a class whose instances are agents will do."""

    def __call__(self, side: str, seed: int, budget: Budget) -> Agent:
        """An agent for `side`, drawing from its own stream for `seed`, thinking within `budget`."""
        ...


def decide(agent: Agent, state: GameState, side: str) -> Plan:
    """Ask `agent` for `side`'s plan: it is given the side's observation and its legal plans."""
    observation = observe(state, side)
    return agent.choose(observation, LegalPlans(observation, side))


def seen(observation: Observation, side: str, legal: Sequence[Plan] | None) -> tuple[Observation, LegalPlans]:
    """What a built-in agent decides from: `observation` observed again (observing is idempotent,
    so a caller that hands it the whole state still gets a fair choice) and the legal plans."""
    observation = observe(observation, side)
    if isinstance(legal, LegalPlans):
        return observation, legal
    return observation, LegalPlans(observation, side)
