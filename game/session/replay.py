"""The replay log: a game is its level (id and content hash), its seed and each turn's plans.

Replaying folds `resolve_turn` over the plans from the initial state, as boardgame.io replays a
log through its reducer, so the same log always gives the same game.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

from game.core import Adjustment, adjustment_problem, end_now, initial_state, plan_problem, resolve_turn
from game.core.engine import Injected
from game.core.level import Level
from game.core.report import TurnReport
from game.core.state import GameState
from game.core.summit import TermError, agree, summit_due
from game.session.said_record import SaidSpec, read_reason, reason_spec, said_again
from game.session.summit_record import NotedTermSpec, SittingSummitSpec, TermPartsSpec
from game.session.summit_table import Entry
from game.session.text_fields import Plain
from game.text import printable, shorten, without_control

FORMAT: Final = "pragmatic-partners/replay"
MAX_TURNS = 200
MAX_AI_REASON = 2000  # characters of an AI's reason for one plan
# The facilitator's acts a log holds, and the notes, injections and adjustments of one turn (the
# board shows those as news, and laying out thousands of them froze the window): the game never
# records more (see Game.facilitate), so a log it writes is always one it reads back.
MAX_ACTS = 5000
MAX_TURN_NEWS = 100
NEWS_KINDS = ("inject", "adjust", "annotate")


class ReplayError(Exception):
    """A log that cannot be replayed against this level: another level, another version of it,
    or a plan or facilitator's act that is not possible where it was made."""


class TermSpec(TermPartsSpec):
    """A term of a turn's summit (game.core.summit): who put it forward, what it binds, whether it
    was agreed, and the reason an agent gave for its part in it."""

    agreed: bool = False
    counter_to: Annotated[Plain, Field(max_length=200)] = Field(
        "", description="The key of the term it counters."
    )
    why: Annotated[Plain, Field(max_length=MAX_AI_REASON)] = ""
    why_frames: SaidSpec | None = Field(
        None,
        description="The agent's reason as it was said, with its frames and values "
        "(game.session.said_record), for the debrief to say it in the player's language; "
        "one this game cannot read is dropped, and the English `why` is shown.",
    )
    in_room: bool = Field(
        False,
        description="Agreed aloud in the room by the two teams, and entered by one player for both.",
    )
    unanswered: bool = Field(
        False,
        description="Put to a side that had left the table or passed the summit by: not refused, "
        "never answered.",
    )

    def entry(self) -> Entry:
        """The entry of a summit's table this record keeps (the agent's reason with its frames,
        when the record has them)."""
        return Entry(self.term(), self.agreed, self.counter_to, self.reason(), self.in_room, self.unanswered)

    def reason(self) -> str:
        """The agent's reason for its part in the term: with its frames when the record keeps
        them (game.core.words.Said, for game.speech.reasons.say), else the English."""
        return said_again(self.why, self.why_frames)

    @model_validator(mode="before")
    @classmethod
    def _unreadable_frames_lose_only_themselves(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("why_frames") is not None:
            data = {**data, "why_frames": read_reason(data["why_frames"])}
        return data

    @model_serializer(mode="wrap")
    def _written_only_when_in_the_room(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # (as FacilitatorAct's term: a log with no terms agreed in the room is written as before,
        # byte for byte, and an earlier version of the game reads it; so is a term with no
        # agent's reason kept with its frames)
        data = handler(self)
        if not self.in_room:
            data.pop("in_room", None)
        if not self.unanswered:
            data.pop("unanswered", None)
        if self.why_frames is None:
            data.pop("why_frames", None)
        return data

    @classmethod
    def of(cls, entry: Entry) -> TermSpec:
        """The record of one entry of a summit's table (the agent's reason with its frames, when
        it has them and the record keeps it whole)."""
        why = without_control(entry.why)[:MAX_AI_REASON]
        return cls(
            **TermPartsSpec.parts_of(entry.term),
            agreed=entry.agreed,
            counter_to=entry.counter_to,
            why=why,
            why_frames=reason_spec(entry.why) if why == entry.why else None,
            in_room=entry.in_room,
            unanswered=entry.unanswered and not entry.agreed,
        )


class PlansSpec(BaseModel):
    """The two plans of one turn, as action ids, the AI's reason for each plan it made, and the
    turn's summit."""

    model_config = ConfigDict(extra="forbid")
    moscow: list[Plain] = Field(default_factory=list, max_length=10)
    beijing: list[Plain] = Field(default_factory=list, max_length=10)
    why: dict[Literal["moscow", "beijing"], Annotated[Plain, Field(max_length=MAX_AI_REASON)]] = Field(
        default_factory=dict,
        description="The AI's reason for its plan, in words, for each side it played (for the "
        "debrief; a replay does not read it).",
    )
    why_frames: dict[Literal["moscow", "beijing"], SaidSpec] = Field(
        default_factory=dict,
        description="The AI's reasons of `why` as they were said, with their frames and values "
        "(game.session.said_record), for the debrief to say them in the player's language; one "
        "this game cannot read is dropped, and its English is shown.",
    )
    summit: list[TermSpec] = Field(
        default_factory=list, max_length=40, description="The terms of the turn's summit, agreed or not."
    )

    def reason(self, side: str) -> str:
        """The AI's reason for `side`'s plan: with its frames when the log keeps them
        (game.core.words.Said or Lines, for game.speech.reasons.say), else the English ('' for a
        person's plan)."""
        english = next((w for who, w in self.why.items() if who == side), "")
        frames = next((f for who, f in self.why_frames.items() if who == side), None)
        return said_again(english, frames) if english else ""

    @model_validator(mode="before")
    @classmethod
    def _unreadable_frames_lose_only_themselves(cls, data: Any) -> Any:
        if isinstance(data, dict) and "why_frames" in data:
            frames = data["why_frames"] if isinstance(data["why_frames"], dict) else {}
            read = {side: read_reason(frames[side]) for side in ("moscow", "beijing") if side in frames}
            data = {**data, "why_frames": {side: spec for side, spec in read.items() if spec is not None}}
        return data

    @model_serializer(mode="wrap")
    def _frames_written_only_when_kept(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # (a turn whose plans no agent explained with frames is written as before)
        data = handler(self)
        if not self.why_frames:
            data.pop("why_frames", None)
        return data


ActKind = Literal["inject", "adjust", "annotate", "pause", "resume", "timer", "end", "refused"]


class FacilitatorAct(BaseModel):
    """Something the facilitator of a classroom session did, in the order they did it.

    `inject` and `adjust` change the game: they take effect in the events phase of the turn being
    planned when they were made, so the replay reproduces them. `end` ends the game where it
    stands. The others are the session's record: pauses, timer changes, annotations, and refused
    attempts to open the facilitator's panel."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    turn: int = Field(ge=1, le=MAX_TURNS + 1, description="The turn being planned when it happened.")
    kind: ActKind
    at: Plain = Field("", max_length=40, description="When, as an ISO time (for the record only).")
    event_id: Plain | None = Field(None, max_length=48, description="The injected event.")
    meter: Plain | None = Field(None, max_length=60, description="The adjusted meter.")
    delta: float | None = Field(None, ge=-100, le=100, description="How far the meter was moved.")
    text: Plain = Field("", max_length=2000, description="The reason, the annotation, or what happened.")
    minutes: float | None = Field(None, ge=0, le=180, description="The timer set (0: cleared).")
    term: NotedTermSpec | None = Field(
        None, description="An annotation's term: one agreed at a summit, which the note is beside."
    )
    command: int | None = Field(
        None,
        ge=1,
        le=2**53,
        description="The class server's number for the act, when it came from one: a laptop that "
        "joins the group again takes each of the server's acts once.",
    )

    @model_serializer(mode="wrap")
    def _written_only_with_a_term(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # An act on no term, or not from a class server, is written as it was before either could
        # be: a finished game's replay.json stays the same byte for byte, and an earlier version of
        # the game reads it.
        data = handler(self)
        if self.term is None:
            data.pop("term", None)
        if self.command is None:
            data.pop("command", None)
        return data


class ClassroomSpec(BaseModel):
    """A classroom session's set-up, kept in its log so that a saved session resumes as one."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    group: Plain = Field(
        "", max_length=80, description="The group's name, for the exports and the class report."
    )
    teams: dict[Literal["moscow", "beijing"], Literal["team", "easy", "normal", "hard"]]
    timer_minutes: float = Field(0, ge=0, le=60, description="The planning timer for each turn; 0 for none.")
    session_key: str = Field(
        "",
        pattern=r"^([0-9a-f]{32})?$",
        description="Names this session's passphrase, which is kept in the data folder of the computer "
        "where the session started (game.classroom.keys), never in a save or an export. Not a secret.",
    )
    passphrase: str | None = Field(
        None,
        max_length=300,
        exclude=True,
        description="Read from saves of earlier versions, which kept the passphrase's hash here: never "
        "trusted (anyone could put their own there), never written.",
    )
    started_at: Plain = Field(max_length=40)
    end_after_turn: int | None = Field(
        None,
        ge=1,
        le=MAX_TURNS,
        description="The turn after which the session ends (a pack's last turn, or the level's classroom "
        "cut); none: the level's end.",
    )
    language: Literal["en", "tr", "ru", "zh_CN"] | None = Field(
        None,
        description="The class's language (game.classroom.language): the one the session was started "
        "in, or its pack's; the exports are written in it. None in saves of earlier versions (their "
        "exports are in the language in force).",
    )

    @field_validator("teams")
    @classmethod
    def _both_sides_are_named(cls, teams: dict[str, str]) -> dict[str, str]:
        # A save edited to name one side is refused here, not met later.
        if set(teams) != {"moscow", "beijing"}:
            raise ValueError("name who plays both sides, moscow and beijing")
        return teams


MAX_REASON = 200


def one_line_reason(text: str) -> str:
    """A team's reason for its plan as the record keeps it: one line, trimmed, at most MAX_REASON
    characters (line breaks and control characters become spaces)."""
    flat = "".join(" " if (ch.isspace() or not ch.isprintable()) else ch for ch in text)
    return " ".join(flat.split())[:MAX_REASON].strip()


class ReasonSpec(BaseModel):
    """The one line a team gave for the plan it locked: why it played what it played."""

    model_config = ConfigDict(extra="forbid")
    turn: int = Field(ge=1, le=MAX_TURNS, description="The turn the plan was played in.")
    side: Literal["moscow", "beijing"]
    text: str = Field(max_length=MAX_REASON, description="The reason, in the team's words.")


class PlanningSpec(BaseModel):
    """The plans being made when a game was saved, so that loading it loses no one's work."""

    model_config = ConfigDict(extra="forbid")
    locked: dict[Literal["moscow", "beijing"], list[Plain]] = Field(
        default_factory=dict, description="Plans locked this turn and waiting for the other side's."
    )
    chosen: dict[Literal["moscow", "beijing"], list[Plain]] = Field(
        default_factory=dict, description="Cards chosen but not yet locked."
    )
    reasons: dict[Literal["moscow", "beijing"], str] = Field(
        default_factory=dict,
        description="The reasons given with the plans locked this turn, or typed for plans being made.",
    )
    summit: list[TermSpec] | None = Field(
        None, description="This turn's summit, when it was over before the game was saved."
    )
    table: SittingSummitSpec | None = Field(
        None, description="This turn's summit, when it still sat: the moves made at it so far."
    )
    shown: list[Literal["moscow", "beijing"]] = Field(
        default_factory=list,
        max_length=2,
        description="The sides, of two people at one machine, already shown what this turn's "
        "summit came to (when it was over before the game was saved).",
    )
    table_problem: str = Field(
        "",
        exclude=True,
        description="Why the sitting summit in the file could not be read (never written): the "
        "rest of the save still loads, and the summit sits again from its start.",
    )

    @model_validator(mode="before")
    @classmethod
    def _a_damaged_table_loses_nothing_else(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("table") is not None:
            try:
                SittingSummitSpec.model_validate(data["table"])
            except ValidationError as e:
                first = e.errors(include_url=False)[0]
                where = ".".join(shorten(str(x), 40) for x in first["loc"]) or "the summit"
                why = printable(f"{where}: {first['msg'].removeprefix('Value error, ')}")
                data = {**data, "table": None, "table_problem": why}
        return data

    @model_serializer(mode="wrap")
    def _written_only_with_a_table(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # (as FacilitatorAct's term: a save with no summit sitting is written as before)
        data = handler(self)
        if self.table is None:
            data.pop("table", None)
        if not self.shown:
            data.pop("shown", None)
        return data


class ReplayLog(BaseModel):
    """One game, enough to reproduce it exactly."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["pragmatic-partners/replay"] = FORMAT
    version: Literal[1] = 1
    level_id: Plain = Field(max_length=48)
    level_hash: Plain = Field(max_length=64)
    seed: int = Field(ge=0, le=2**63 - 1)
    turns: list[PlansSpec] = Field(default_factory=list, max_length=MAX_TURNS)
    facilitator: list[FacilitatorAct] = Field(default_factory=list, max_length=MAX_ACTS)
    reasons: list[ReasonSpec] = Field(
        default_factory=list,
        max_length=2 * MAX_TURNS,
        description="The one-line reasons teams gave when they locked their plans (the record "
        "only: a replay does not need them).",
    )
    classroom: ClassroomSpec | None = None
    players: (
        dict[
            Literal["moscow", "beijing"],
            Literal["human", "random", "easy", "normal", "hard", "idle", "own"],
        ]
        | None
    ) = Field(
        None,
        description="Who played each side: a person, or the AI at that level. A saved game "
        "resumes with the same players (`own`, an agent loaded from a file, is not loaded again: "
        "the normal AI plays that side). (Logs from before it was kept have none.)",
    )
    # The AI's reasons for its plans as it gave them in this session, by (turn, side): sentences
    # that keep their frames (game.core.words.Said), so that the debrief can say them in the
    # player's language. The log writes their English and, beside it, their frames (`why_frames`),
    # from which a game loaded from a file says them again.
    _said: dict[tuple[int, str], str] = PrivateAttr(default_factory=dict)

    planning: PlanningSpec | None = Field(
        None,
        description="In a save: the turn's plans as they stood. Not part of the game played, "
        "so a replay ignores it.",
    )

    @field_validator("players")
    @classmethod
    def _both_sides_are_played(cls, players: dict[str, str] | None) -> dict[str, str] | None:
        if players is not None and set(players) != {"moscow", "beijing"}:
            raise ValueError("name who played both sides, moscow and beijing")
        return players

    @model_validator(mode="after")
    def _news_of_a_turn_is_bounded(self) -> ReplayLog:
        count: dict[int, int] = {}
        for act in self.facilitator:
            if act.kind in NEWS_KINDS:
                count[act.turn] = count.get(act.turn, 0) + 1
        crowded = [turn for turn, n in count.items() if n > MAX_TURN_NEWS]
        if crowded:
            raise ValueError(
                f"turn {crowded[0]} holds {count[crowded[0]]} of the facilitator's notes, injections and "
                f"adjustments; a turn holds at most {MAX_TURN_NEWS}"
            )
        return self

    @classmethod
    def start(cls, level: Level, seed: int, players: dict[str, str] | None = None) -> ReplayLog:
        """An empty log of a game of `level` with `seed` (`players`: side -> "human" or an agent)."""
        return cls(level_id=level.id, level_hash=level.content_hash, seed=seed, players=players)

    def record(
        self,
        plans: dict[str, tuple[str, ...]],
        reasons: dict[str, str] | None = None,
        why: dict[str, str] | None = None,
        summit: list[Entry] | None = None,
    ) -> None:
        """Add one resolved turn's plans, with the reasons teams gave for them and the AI's reason
        for each plan it made (kept with its frames, when it has them and the log keeps it whole)."""
        kept = {
            s: without_control(w)[:MAX_AI_REASON]
            for s, w in (why or {}).items()
            if s in ("moscow", "beijing")
        }
        frames = {s: reason_spec(w) for s, w in (why or {}).items() if s in kept and kept[s] == w}
        self.turns.append(
            PlansSpec(
                moscow=list(plans.get("moscow", ())),
                beijing=list(plans.get("beijing", ())),
                why=kept,
                why_frames={s: f for s, f in frames.items() if f is not None},
                summit=[TermSpec.of(e) for e in summit or ()],
            )
        )
        turn = len(self.turns)
        for side, w in (why or {}).items():
            if side in ("moscow", "beijing") and isinstance(w, str) and type(w) is not str:
                self._said[turn, side] = w
        for side in ("moscow", "beijing"):
            text = one_line_reason((reasons or {}).get(side, ""))
            if text:
                self.reasons.append(ReasonSpec(turn=turn, side=side, text=text))

    def ai_reason_of(self, turn: int, side: str) -> str:
        """The AI's reason for `side`'s plan in `turn`: as it gave it in this session (with its
        frames, to be said in the player's language), else as the log keeps it in English ('' for
        a person's plan)."""
        if not 0 < turn <= len(self.turns):
            return ""
        return self._said.get((turn, side)) or self.turns[turn - 1].reason(side)

    def keep_summit_reasons(self, turn: int, entries: Iterable[Entry]) -> None:
        """Keep the AI's reasons at `turn`'s summit as it gave them in this session (see
        `ai_reason_of`)."""
        for e in entries:
            if isinstance(e.why, str) and type(e.why) is not str:
                self._said[turn, "summit " + e.term.key()] = e.why

    def summit_reason_of(self, turn: int, spec: TermSpec) -> str:
        """The AI's reason for its part in a term of `turn`'s summit: as it gave it in this session
        (with its frames), else as the log keeps it in English."""
        return self._said.get((turn, "summit " + spec.term().key())) or spec.reason()

    def reasons_of(self, turn: int) -> dict[str, str]:
        """The reasons given for the plans of `turn`, by side (a side that gave none is left out)."""
        return {r.side: r.text for r in self.reasons if r.turn == turn}

    def acts_of_turn(self, turn: int) -> list[FacilitatorAct]:
        """The facilitator's acts made while `turn` was being planned, in order."""
        return [a for a in self.facilitator if a.turn == turn]

    @property
    def ended_early(self) -> bool:
        """Whether the game ended before its last turn (by the facilitator, or as the session was set)."""
        return any(a.kind == "end" for a in self.facilitator)

    def is_set_end(self, act: FacilitatorAct) -> bool:
        """Whether `act` is the end the session was set to (a pack's `end_after_turn` or the
        classroom cut, recorded as the turn after it began), not an end the facilitator chose:
        the debrief must not credit it to them."""
        spec = self.classroom
        return (
            act.kind == "end"
            and spec is not None
            and spec.end_after_turn is not None
            and act.turn == spec.end_after_turn + 1
        )


def injections(level: Level, acts: Iterable[FacilitatorAct]) -> list[Injected]:
    """The engine's injected items for these acts: ("event", Event) for an injected event, which the
    players see as any other, and ("facilitator", Adjustment) for an adjustment, which they see
    as the facilitator's."""
    out: list[Injected] = []
    for act in acts:
        if act.kind == "inject":
            event = level.event(act.event_id or "")
            if event is None:
                raise ReplayError(
                    f"turn {act.turn}: the facilitator injected '{act.event_id}', "
                    "which is not an event of this level"
                )
            # Told to the players as any event (the debrief reveals whose it was): the log's act,
            # not the turn's report, keeps that it was the facilitator's.
            out.append(("event", event))
        elif act.kind == "adjust":
            # Both are optional in the schema, which every kind of act shares; an adjustment needs them.
            if act.meter is None or act.delta is None:
                raise ReplayError(
                    f"turn {act.turn}: the facilitator's adjustment names no meter or no amount"
                )
            problem = adjustment_problem(None, act.meter, act.delta)
            if problem:
                raise ReplayError(f"turn {act.turn}: the facilitator's adjustment is not possible: {problem}")
            out.append(("facilitator", Adjustment(act.meter, act.delta, act.text)))
    return out


def agree_logged(state: GameState, summit: list[TermSpec] | None, number: int) -> GameState:
    """The state with the terms a logged summit agreed, and those it refused (raises ReplayError
    for one not possible)."""
    from game.session.summit_table import refused_keys

    # (The log keeps an empty list for a turn without a summit: what the last one refused holds.)
    if summit is None or (not summit and not summit_due(state)):
        return state
    try:
        entries = [t.entry() for t in summit]
        return agree(state, [t.term() for t in summit if t.agreed], refused_keys(entries))
    except TermError as e:
        raise ReplayError(f"turn {number}: a term of its summit is not possible here: {e}") from None


class LevelChanged(ReplayError):
    """A log of the level as it was before its files changed (a game saved before an update)."""


def replay(level: Level, log: ReplayLog) -> tuple[GameState, list[TurnReport]]:
    """Play the log's plans again; refuse a log made with another version of the level."""
    if log.level_id != level.id:
        raise ReplayError(f"this log is a game of level '{log.level_id}', not '{level.id}'")
    if log.level_hash != level.content_hash:
        raise LevelChanged(
            f"level '{level.id}' has changed since this game was played (its files differ), "
            "so the game cannot be replayed exactly"
        )
    state, reports, _stopped = _play_again(level, log, as_far_as_it_goes=False)
    return state, reports


def replay_on_changed_level(
    level: Level, log: ReplayLog
) -> tuple[GameState, list[TurnReport], ReplayLog, int]:
    """A game saved before its level changed, played again under the level as it is now, so that
    an update of the game does not lose a game in progress: its turns as far as each can still be
    played (a card since dated to a later year, or gone, stops it there). Returns the state, the
    reports, the log of what was played again (with the level's hash now, so that it saves and
    replays as any other) and the turn it stopped at (0: every turn was played again). The
    figures may differ from those the players saw: the level's numbers are its own now."""
    if log.level_id != level.id:
        raise ReplayError(f"this log is a game of level '{log.level_id}', not '{level.id}'")
    state, reports, stopped = _play_again(level, log, as_far_as_it_goes=True)
    kept = len(reports)
    again = log.model_copy(deep=True)
    again.level_hash = level.content_hash
    if stopped:
        # What came after the turn that cannot be played again goes with it: its plans, the
        # facilitator's acts and reasons of later turns, and the turn being planned.
        again.turns = again.turns[:kept]
        again.facilitator = [a for a in again.facilitator if a.turn <= kept]
        again.reasons = [r for r in again.reasons if r.turn <= kept]
        again.planning = None
    else:
        # The facilitator's injections and adjustments made while the next turn was being planned
        # take effect when it resolves: one the level no longer allows (an event it dropped) goes.
        try:
            injections(level, again.acts_of_turn(kept + 1))
        except ReplayError:
            again.facilitator = [
                a for a in again.facilitator if a.turn != kept + 1 or a.kind not in ("inject", "adjust")
            ]
    return state, reports, again, stopped


def _play_again(
    level: Level, log: ReplayLog, as_far_as_it_goes: bool
) -> tuple[GameState, list[TurnReport], int]:
    """The log's turns played on `level`: (state, reports, the turn that could not be played, or
    0). Unless `as_far_as_it_goes`, a turn that cannot be played raises ReplayError."""
    state = initial_state(level, log.seed)
    reports: list[TurnReport] = []
    for number, plans in enumerate(log.turns, start=1):
        try:
            agreed = agree_logged(state, plans.summit, number)
            chosen = {"moscow": tuple(plans.moscow), "beijing": tuple(plans.beijing)}
            for side, plan in chosen.items():
                problem = plan_problem(agreed, side, plan)
                if problem:
                    raise ReplayError(f"turn {number}: {side}'s plan is not legal here: {problem}")
            acts = injections(level, log.acts_of_turn(number))
        except ReplayError:
            if not as_far_as_it_goes:
                raise
            return state, reports, number
        state, report = resolve_turn(agreed, chosen, acts)
        reports.append(report)
    if log.ended_early:
        state = end_now(state)
    return state, reports, 0
