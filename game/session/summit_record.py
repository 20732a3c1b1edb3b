"""A summit's terms as files keep them: a term's parts (`TermPartsSpec`, game.session.term_parts), and a summit that still
sits (`SittingSummitSpec`), which a save carries so that loading it puts the players back at the
table with every move made so far: the terms put forward, the answers, the counters and the
answers to them, who left the table, the reasons the agents gave, and the terms being entered as
agreed in the room when the game was saved in the middle of entering them.

A sitting summit is read back by making its moves again through the table's own rules
(`game.session.summit_table.Table`), so a save edited by hand or damaged cannot seat a move the
table would have refused: `seat` raises `SummitRecordError` saying which, and the game's loader
opens the rest of the save with the summit sitting again from its start.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from game.core.meters import SIDES, other
from game.core.state import GameState
from game.core.summit import Term, TermError
from game.session.said_record import SaidSpec, read_reason, reason_spec, said_again
from game.session.summit_table import Table
from game.session.term_parts import DeedText, Side, TermPartsSpec
from game.session.text_fields import Plain
from game.text import without_control

__all__ = ["DeedText", "NotedTermSpec", "Side", "SittingSummitSpec", "SummitRecordError", "TermPartsSpec"]

MAX_TURNS = 200  # (game.session.replay's bound: a summit sits at a turn of the game)
MAX_REASON = 2000  # characters of an agent's reason for its part in a term
# The most terms a side puts forward: the level's number and two more for the stronger side (the
# level's schema bounds the first); a save holding more was not written by the game.
MAX_TERMS_A_SIDE = 12


class SummitRecordError(ValueError):
    """A sitting summit in a save whose moves the table would not take; str(error) says which."""


class NotedTermSpec(TermPartsSpec):
    """A term the facilitator annotates: its parts, and the turn of the summit that agreed it (the
    same term may be agreed again at a later summit)."""

    summit: int = Field(ge=1, le=MAX_TURNS, description="The turn of the summit that agreed it.")

    def matches(self, summit: int, term: Term) -> bool:
        """Whether this is `term` as agreed at the summit of turn `summit`."""
        return self.summit == summit and self.term() == term


Reason = Annotated[Plain, Field(max_length=MAX_REASON)]


class TermOnTableSpec(TermPartsSpec):
    """A term put forward at a summit that sits, with what has been made of it so far: the other
    side's reply (none yet: `reply` is left out), its counter, and the reply to the counter."""

    reply: Literal["accept", "reject", "counter"] | None = None
    counter: TermPartsSpec | None = None
    counter_reply: Literal["accept", "reject"] | None = None
    why: Reason = Field("", description="An agent's reason for its part in the term.")
    counter_why: Reason = Field("", description="An agent's reason for its part in the counter.")
    why_frames: SaidSpec | None = Field(
        None,
        description="`why` with its frames and values (game.session.said_record), to say it in the "
        "player's language; one this game cannot read is dropped, and the English is shown.",
    )
    counter_why_frames: SaidSpec | None = Field(None, description="`counter_why` with its frames and values.")

    @model_validator(mode="before")
    @classmethod
    def _unreadable_frames_lose_only_themselves(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in ("why_frames", "counter_why_frames"):
                if data.get(key) is not None:
                    data = {**data, key: read_reason(data[key])}
        return data

    @model_serializer(mode="wrap")
    def _frames_written_only_when_kept(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # (a summit at which no agent gave a reason with frames is written as before)
        data: dict[str, Any] = handler(self)
        for key in ("why_frames", "counter_why_frames"):
            if data.get(key) is None:
                data.pop(key, None)
        return data


class SittingSummitSpec(BaseModel):
    """This turn's summit as it sat when the game was saved, before every move was made."""

    model_config = ConfigDict(extra="forbid")
    turn: int = Field(ge=1, le=MAX_TURNS, description="The turn the summit sits at.")
    proposed: dict[Side, Annotated[list[TermOnTableSpec], Field(max_length=MAX_TERMS_A_SIDE)]] = Field(
        default_factory=dict,
        description="Each side that has put its terms forward (an empty list: it put nothing forward).",
    )
    left: list[Side] = Field(default_factory=list, max_length=2, description="The sides that left the table.")
    room: Annotated[list[TermPartsSpec], Field(max_length=2 * MAX_TERMS_A_SIDE)] | None = Field(
        None,
        description="The terms being entered for both sides as agreed aloud in the room, when the "
        "game was saved in the middle of entering them (left out: they were not being entered).",
    )

    @model_serializer(mode="wrap")
    def _written_only_in_the_room(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # (a save with no terms being entered in the room is written as before)
        data = handler(self)
        if self.room is None:
            data.pop("room", None)
        return data

    @classmethod
    def of(cls, table: Table) -> SittingSummitSpec:
        """The record of a summit that sits."""
        reasons = table.reasons

        def why(term: Term) -> str:
            return without_control(reasons.get(term.key(), ""))[:MAX_REASON]

        def frames(term: Term) -> dict[str, Any] | None:
            given = reasons.get(term.key(), "")
            return reason_spec(given) if why(term) == given else None

        proposed: dict[str, list[TermOnTableSpec]] = {}
        for side in SIDES:
            if side not in table.proposed:
                continue
            terms = []
            for term in table.proposed[side]:
                given = table.answers.get(term.key())
                spec = TermOnTableSpec.model_validate(
                    {**TermPartsSpec.parts_of(term), "why": why(term), "why_frames": frames(term)}
                )
                if isinstance(given, Term):
                    spec.reply, spec.counter = "counter", TermPartsSpec.from_term(given)
                    spec.counter_reply = table.counter_answers.get(given.key())  # type: ignore[assignment]
                    spec.counter_why = why(given)
                    spec.counter_why_frames = read_reason(frames(given))
                elif given is not None:
                    spec.reply = given  # type: ignore[assignment]
                terms.append(spec)
            proposed[side] = terms
        room = [TermPartsSpec.from_term(t) for t in table.room] if table.room is not None else None
        return cls(turn=table.turn, proposed=proposed, left=[s for s in SIDES if s in table.left], room=room)

    def seat(self, state: GameState) -> Table:
        """The table as it sat, its moves made again by its rules at the turn `state` is at;
        raises SummitRecordError for a move the table would refuse."""
        if self.turn != state.turn:
            raise SummitRecordError(f"it sat at turn {self.turn}, and the game is at turn {state.turn}")
        table = Table(state.turn)
        table.left = set(self.left)
        try:
            self._propose(table, state)
            self._answer(table, state)
            self._answer_counters(table)
            if self.room is not None:
                self._enter_room(table, state)
        except TermError as e:
            raise SummitRecordError(str(e)) from None
        for specs in self.proposed.values():
            for spec in specs:
                if spec.why:
                    table.reasons[spec.term().key()] = said_again(spec.why, spec.why_frames)
                if spec.counter is not None and spec.counter_why:
                    table.reasons[spec.counter.term().key()] = said_again(
                        spec.counter_why, spec.counter_why_frames
                    )
        return table

    def _enter_room(self, table: Table, state: GameState) -> None:
        # The terms being entered in the room, checked as the table checks them when they are
        # recorded (the allowance, the level's terms), so a save edited by hand seats none it refuses.
        terms = [t.term() for t in self.room or ()]
        problem = table.room_problem() or table.room_terms_problem(state, terms)
        if problem is not None:
            raise SummitRecordError(f"the terms agreed in the room: {problem}")
        table.room = terms

    def _propose(self, table: Table, state: GameState) -> None:
        for side in SIDES:
            if side in self.proposed:
                _check(table.propose(state, side, [t.term() for t in self.proposed[side]]), side)

    def _answer(self, table: Table, state: GameState) -> None:
        for side in SIDES:
            theirs = self.proposed.get(other(side), [])
            given = [t for t in theirs if t.reply is not None]
            if not given:
                continue
            if table.stage != "answer" or len(given) < len(theirs):
                raise SummitRecordError(
                    f"{side.capitalize()} answered before the table came to its answers, or only in part"
                )
            answers: dict[str, str | Term] = {}
            for t in theirs:
                if t.reply == "counter":
                    if t.counter is None:
                        raise SummitRecordError(f"{side.capitalize()} counters a term with no counter")
                    answers[t.term().key()] = t.counter.term()
                elif t.reply is not None:
                    answers[t.term().key()] = t.reply
            _check(table.answer(state, side, answers), side)

    def _answer_counters(self, table: Table) -> None:
        replies = {
            t.counter.term().key(): t.counter_reply
            for ts in self.proposed.values()
            for t in ts
            if t.counter is not None and t.reply == "counter" and t.counter_reply is not None
        }
        for side in SIDES:
            counters = table.counters_to(side)
            given = {c.key(): replies[c.key()] for c in counters if c.key() in replies}
            if not given:
                continue
            if table.stage != "counter" or len(given) < len(counters):
                raise SummitRecordError(
                    f"{side.capitalize()} answered counters before the table came to them, or only in part"
                )
            _check(table.answer_counters(side, given), side)  # type: ignore[arg-type]
        if len(replies) > sum(len(table.counters_to(s)) for s in SIDES):
            raise SummitRecordError("a reply to a counter no one made")


def _check(problem: str | None, side: str) -> None:
    if problem is not None:
        raise SummitRecordError(f"{side.capitalize()}'s move: {problem}")
