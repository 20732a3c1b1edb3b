"""`session.json`, the figures of one group's session: the format the exports write and the class
report reads back.

What the report reads is untrusted (a file passed from machine to machine, perhaps edited), so every
field is bounded: a record the game could not have written is refused before anything uses it.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from game.session.text_fields import Plain

SESSION_FORMAT: Final = "pragmatic-partners/session"


class TurnRecord(BaseModel):
    """One turn of a session: both sides' plans, the events and the facilitator's acts."""

    model_config = ConfigDict(extra="forbid")
    turn: int = Field(ge=1, le=500)
    date: Plain = Field(max_length=40)
    moscow: list[Plain] = Field(max_length=10, description="Action ids played.")
    beijing: list[Plain] = Field(max_length=10)
    moscow_names: list[Plain] = Field(default_factory=list, max_length=10)
    beijing_names: list[Plain] = Field(default_factory=list, max_length=10)
    # As many as a game's log may hold (game.session.replay: the deck's five a turn beside
    # MAX_TURN_NEWS injections; MAX_ACTS acts in a game): a session the teacher crowded with
    # injections or pauses is exported like any other.
    events: list[Plain] = Field(default_factory=list, max_length=200, description="Event titles.")
    facilitator: list[Plain] = Field(
        default_factory=list, max_length=5000, description="The facilitator's acts, in words."
    )
    moscow_reason: str = Field("", max_length=200, description="Why Moscow's team played its plan.")
    beijing_reason: str = Field("", max_length=200, description="Why Beijing's team played its plan.")


class SessionRecord(BaseModel):
    """`session.json`: what the class report reads from each group's exports."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    format: Literal["pragmatic-partners/session"] = SESSION_FORMAT
    version: Literal[1] = 1
    group: Plain = Field("", max_length=80, description="The group's name, if the teacher gave one.")
    level_id: Plain = Field(max_length=48)
    level_title: Plain = Field(max_length=200)
    level_hash: Plain = Field(max_length=64)
    seed: int = Field(ge=0, le=2**63 - 1)
    started_at: Plain = Field(max_length=40)
    exported_at: Plain = Field(max_length=40)
    teams: dict[Literal["moscow", "beijing"], Annotated[Plain, Field(max_length=20)]]
    finished: bool
    ended_early: bool
    turns_played: int = Field(ge=0, le=500)
    outcome: Plain | None = Field(None, max_length=48)
    outcome_title: Plain = Field("", max_length=200)
    scores: dict[Literal["moscow", "beijing"], float]
    won: dict[Literal["moscow", "beijing"], bool]
    provisional: bool = Field(
        False,
        description="Whether the scores are provisional: the session ended before the level's last turn "
        "and was scored against goals pro-rated to the turns played.",
    )
    level_turns: int | None = Field(None, ge=1, le=500, description="How many turns the level has.")
    scored: Plain = Field(
        "", max_length=80, description="How the scores were made, in words: 'provisional (6 of 12 turns)'."
    )
    ended_by: Literal["", "cut", "set", "facilitator"] = Field(
        "",
        description="How a session that ended before its last turn ended: at the level's classroom "
        "cut, after the turn the session was set to end, or by the facilitator; '' if it did not (or "
        "in exports of earlier versions).",
    )
    final: dict[Annotated[Plain, Field(max_length=60)], float] = Field(max_length=200)
    partnership: list[float] = Field(
        max_length=501, description="Partnership at the start and after each turn."
    )
    turns: list[TurnRecord] = Field(max_length=500)
    language: Literal["en", "tr", "ru", "zh_CN"] | None = Field(
        None,
        description="The class's language, in which the session's sheets were written (the keys and "
        "columns of the exports are English in every language); the class report is written in it "
        "when every group's is the same. None in exports of earlier versions.",
    )
