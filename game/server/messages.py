"""What a group's laptop sends the class server with each turn, checked before it is kept.

Whoever holds a group's token can post turns, so a turn is untrusted input like a level file or a
save. A message not in this form is refused (400) and nothing of it is kept: the teacher's
dashboard reads every group's latest figures, and one malformed message must not break it for
the whole class. The laptop's own message is `game.server.client.turn_message`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

Name = Annotated[str, Field(max_length=80)]
TurnCount = Annotated[StrictInt, Field(ge=0, le=10_000)]


class TurnSent(BaseModel):
    """A turn a group played: its number, the plans and acts in it, the figures after it, and the
    game's log so far (from which a laptop taking over the group goes on)."""

    model_config = ConfigDict(extra="ignore", allow_inf_nan=False)

    turn: StrictInt = Field(ge=1, le=10_000)
    level: Name | None = None
    plans: dict[Name, Any] = Field(default_factory=dict)
    acts: list[dict[Name, Any]] = Field(default_factory=list, max_length=10_000)
    meters: dict[Name, float] = Field(default_factory=dict, max_length=200)
    scores: dict[Name, float] = Field(default_factory=dict, max_length=10)
    scored: str = Field(default="", max_length=200)  # "provisional (6 of 12 turns)", or ""
    scored_turns: tuple[TurnCount, TurnCount] | None = None  # the same as (6, 12); None: final
    finished: bool = False
    outcome: Name | None = None
    log: dict[Name, Any] | None = None
    acked: StrictInt = Field(default=0, ge=0, le=2**53)  # (an id the server gave)


def read_turn(data: object) -> tuple[dict[str, Any] | None, str]:
    """(the turn as it is kept, "") for a message in the form above, else (None, what is wrong
    with it first, in a line)."""
    try:
        turn = TurnSent.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the message"
        return None, f"{where}: {first['msg']}"
    try:
        return turn.model_dump(mode="json"), ""
    except (ValueError, RecursionError):  # (Any nests deeper than pydantic writes out)
        return None, "the message nests its values too deeply"
