"""What the class server answers a group's laptop, checked before the laptop acts on it.

A laptop is given the server's address by hand, so what answers may be any web service (a typo,
another program on the same port) or a server of another version. The laptop acts on an answer
only in this form; anything else is "not a class server's answer", said in one line, and the
game goes on or stays on the join screen as it would for a server that cannot be reached.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from game.classroom.pack import SessionPackSpec

# An id the server gives (a row of SQLite): a whole number any JSON reader keeps exactly.
MAX_ID = 2**53
Name = Annotated[str, Field(max_length=80)]
# The longest a planning timer runs: the facilitator may set up to three hours a turn.
MAX_PLANNING_SECONDS = 180 * 60


class SessionSetUp(SessionPackSpec):
    """The session's set-up as the server sends it: a pack's fields, checked as a pack's are, but
    a field a later version adds is passed over (a pack file refuses it: there, it is a typo)."""

    model_config = ConfigDict(extra="ignore")


class PlanningLeft(BaseModel):
    """The planning timer of the turn a group was planning, as its laptop last told the server."""

    model_config = ConfigDict(extra="ignore", allow_inf_nan=False)

    turn: StrictInt = Field(ge=1, le=10_000)
    left: float = Field(ge=0, le=MAX_PLANNING_SECONDS)


class JoinAnswer(BaseModel):
    """The server's yes to a group that joins: its token, the session's set-up and where the
    group stands (its log so far and its last turn)."""

    model_config = ConfigDict(extra="ignore", allow_inf_nan=False)

    token: str = Field(min_length=1, max_length=200)
    group: Name
    session: SessionSetUp
    log: dict[Name, Any] | None = None
    turn: StrictInt = Field(0, ge=0, le=10_000)
    paused: bool = False
    latest: StrictInt = Field(0, ge=0, le=MAX_ID)  # the teacher's newest act for the group
    timer: PlanningLeft | None = None  # the planning timer as the group's laptop last told it


class Command(BaseModel):
    """One of the teacher's acts for the group: pause, resume, end, inject or adjust (a kind the
    laptop does not know is passed over)."""

    model_config = ConfigDict(extra="ignore", allow_inf_nan=False)

    id: StrictInt = Field(ge=1, le=MAX_ID)
    kind: Name
    event: Name = ""
    turn: StrictInt | None = Field(None, ge=0, le=10_000)
    meter: Name = ""
    delta: float = Field(0.0, ge=-100, le=100)
    reason: str = Field("", max_length=500)


class CommandsAnswer(BaseModel):
    """The teacher's acts since the last look, and whether the group is paused or the class has
    ended."""

    model_config = ConfigDict(extra="ignore", allow_inf_nan=False)

    commands: list[Command] = Field(default_factory=list, max_length=10_000)
    paused: bool = False
    ended: bool = False
