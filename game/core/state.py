"""The game state: everything a turn reads and writes, including the random generator's state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.core.level import Consequences, Level
from game.core.report import TurnReport

if TYPE_CHECKING:
    from game.core.summit import Commitment


@dataclass(frozen=True, slots=True)
class Scheduled:
    """A delayed effect waiting for its turn, with the cause its changes will name."""

    due: int  # the turn in whose last phase it applies
    does: Consequences
    cause_kind: str
    cause_id: str
    source: str


@dataclass(slots=True)
class GameState:
    """One moment of a game. Treat as immutable: the engine returns a new one every turn."""

    level: Level
    seed: int
    turn: int  # the turn being planned, from 1; past level.turns the game is over
    meters: dict[str, float]
    flags: dict[str, bool]
    flag_turns: dict[str, int]  # how many turns in a row each flag has been set
    scheduled: tuple[Scheduled, ...]
    ready_at: dict[str, int]  # "side:action" -> first turn it may be used again (cooldowns)
    fired: frozenset[str]  # events that have happened
    normalized: tuple[str, ...]  # sides Washington has normalized with, in order
    rng: int
    outcome: str | None = None
    history: tuple[TurnReport, ...] = field(default=())  # the reports of past turns, oldest first
    # Terms accepted at summits that still run (game.core.summit); both sides see them.
    commitments: tuple[Commitment, ...] = field(default=())
    # The keys of the terms put forward at the last summit and not accepted (refused, or answered
    # with a counter), in order; both sides saw them. A side asks something else next time.
    refused: tuple[str, ...] = field(default=())

    def copy(self) -> GameState:
        """A copy whose dicts can be changed without touching this state."""
        return GameState(
            self.level,
            self.seed,
            self.turn,
            dict(self.meters),
            dict(self.flags),
            dict(self.flag_turns),
            self.scheduled,
            dict(self.ready_at),
            self.fired,
            self.normalized,
            self.rng,
            self.outcome,
            self.history,
            self.commitments,
            self.refused,
        )

    def fingerprint(self) -> tuple[object, ...]:
        """Everything that decides the future, for comparing two states exactly."""
        return (
            self.turn,
            tuple(sorted(self.meters.items())),
            tuple(sorted(self.flags.items())),
            tuple(sorted(self.flag_turns.items())),
            self.scheduled,
            tuple(sorted(self.ready_at.items())),
            tuple(sorted(self.fired)),
            self.normalized,
            self.rng,
            self.outcome,
            self.commitments,
            self.refused,
        )
