"""The tutorial's progress: which of the level's guidance steps the player is on.

A level's `[[tutorial]]` steps belong to turns; on each turn the steps for that turn (and the
player's side) are shown one after another. A step moves on when the player does what it asks:
clicks Next, chooses a card, opens a meter's "why?", or sends the plan. The player may skip the
rest of the tutorial at any time. Progress lives beside the game (not in the engine's state), so
it never changes what happens in the game.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.core.level import TutorialStep

if TYPE_CHECKING:
    from game.session.game import Game


@dataclass
class TutorialGuide:
    """One side's way through the level's tutorial steps."""

    steps: tuple[TutorialStep, ...]
    side: str
    turn: int = 0
    index: int = 0
    skipped: bool = False
    seen: set[tuple[int, int]] = field(default_factory=set)  # (turn, index) of steps already done

    def for_turn(self, turn: int) -> list[TutorialStep]:
        """The steps shown on `turn` to this side, in order. The steps about the agenda (how the
        side wins) come on the first turn, whatever turn the level gives them, before the first
        step that waits for the player to act: no one should play three turns before learning
        what they are scored on."""
        mine = [s for s in self.steps if s.side in (None, self.side)]
        agenda = [s for s in mine if s.point_at == "agenda"]
        steps = [s for s in mine if s.turn == turn and s.point_at != "agenda"]
        if turn != 1 or not agenda:
            return steps
        first_act = next((i for i, s in enumerate(steps) if s.until != "next"), len(steps))
        return steps[:first_act] + agenda + steps[first_act:]

    def begin_turn(self, turn: int) -> None:
        """Start (or resume) the steps of `turn`; steps done before are not shown again."""
        if turn != self.turn:
            self.turn, self.index = turn, 0
        while self.index < len(self.for_turn(turn)) and (turn, self.index) in self.seen:
            self.index += 1

    @property
    def current(self) -> TutorialStep | None:
        """The step shown now, or None (no step this turn, all done, or skipped)."""
        if self.skipped:
            return None
        steps = self.for_turn(self.turn)
        return steps[self.index] if self.index < len(steps) else None

    @property
    def position(self) -> tuple[int, int]:
        """(this step's number, the number of steps this turn), for 'Step 2 of 5'."""
        return self.index + 1, len(self.for_turn(self.turn))

    def notify(self, what: str) -> bool:
        """The player did `what` ("card_chosen", "why_opened", "plan_sent", or "next" for the
        Next button); True when that moved the tutorial on."""
        step = self.current
        if step is None or step.until != what:
            return False
        self.seen.add((self.turn, self.index))
        self.index += 1
        return True

    def skip(self) -> None:
        """Leave the rest of the tutorial out."""
        self.skipped = True


def guide_for(game: Game, side: str) -> TutorialGuide | None:
    """The side's guide for this game, made on first use; None when the level has no tutorial."""
    if not game.level.tutorial:
        return None
    guides = game.guides
    if side not in guides:
        guides[side] = TutorialGuide(game.level.tutorial, side)
    return guides[side]
