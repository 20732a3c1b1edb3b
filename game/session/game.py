"""A game in progress: who plays each side, the plans being made, the turns played, the log.

The UI turns input into calls here and draws what it reads back; nothing here draws or waits.
AI sides plan through `game.ai`; a human side's plan is whatever the UI submits, checked by the
engine before it is locked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from game.ai import Agent, Budget, decide, make_agent
from game.ai.negotiate import Negotiator, negotiator_for
from game.ai.own import is_own_agent
from game.core import (
    end_now,
    initial_state,
    is_terminal,
    plan_problem,
    provisional_scores,
    provisional_winners,
    resolve_turn,
    scores,
    winners,
)
from game.core.engine import Injected
from game.core.level import Level
from game.core.level_text import in_language
from game.core.meters import SIDES
from game.core.report import Change, TurnReport
from game.core.state import GameState
from game.core.summit import Term, TermError, agree, summit_due
from game.core.words import N_, Said
from game.session.replay import (
    MAX_ACTS,
    MAX_TURN_NEWS,
    NEWS_KINDS,
    FacilitatorAct,
    LevelChanged,
    PlanningSpec,
    ReplayError,
    ReplayLog,
    TermSpec,
    agree_logged,
    injections,
    one_line_reason,
    replay,
    replay_on_changed_level,
)
from game.session.summit_record import SittingSummitSpec, SummitRecordError
from game.session.summit_table import Table, play_agents

if TYPE_CHECKING:  # (the classroom builds on the game, not the other way round)
    from game.classroom.session import ClassroomSession
    from game.session.tutorial import TutorialGuide

HUMAN = "human"
# Who a save says played a side that an agent of one's own played. A save never loads the file
# again (loading runs it, which only the user may ask for); the normal AI plays that side instead.
OWN = "own"
# How long the AI thinks about a plan in a game in the window: the hard AI searches for a second.
THINK = Budget(ms=1000)
# In a classroom, a number of iterations instead (about as many as a second gives): every group's
# AI then plays the class seed alike on any laptop, and a session resumed from a save goes on
# exactly as it would have, so the class report compares the groups' choices, not their machines.
CLASSROOM_THINK = Budget(iterations=300)
# Room kept in a full log for the act that ends the session (the replay needs it).
_ACTS_KEPT_FOR_THE_END = 1


# What a player is told of a game saved before its level changed (English Said: the interface says
# it in the player's language, game.speech.reasons.say).
CHANGED_LEVEL = N_(
    "This game was saved before its level changed (an update of the game). Its turns were played "
    "again under the level as it is now, so some figures may differ from those you saw."
)
CHANGED_LEVEL_CUT = N_(
    "This game was saved before its level changed (an update of the game). Its turns were played "
    "again under the level as it is now up to turn {last}; the plans of turn {turn} are not "
    "possible under it, so the game goes on from there. Some figures may differ from those you saw."
)
CHANGED_LEVEL_ENDED = N_(
    "This game was saved before its level changed (an update of the game). Played again under the "
    "level as it is now, it ends sooner, after turn {last}; some figures may differ from those you saw."
)
CHANGED_LEVEL_RESTART = N_(
    "This game was saved before its level changed (an update of the game), and the plans of its "
    "first turn are not possible under the level as it is now: the game starts again from turn 1, "
    "with the same seed."
)


def changed_level_note(played: int, stopped: int, over: bool = False) -> Said:
    """What the player is told of a game played again under its changed level: `played` turns of
    it, stopped at turn `stopped` (0: none stopped it); `over`: the game ended there."""
    if over and stopped:
        values = {"last": played}
        return Said(CHANGED_LEVEL_ENDED.format(**values), CHANGED_LEVEL_ENDED, values)
    if not stopped:
        return Said(CHANGED_LEVEL, CHANGED_LEVEL, {})
    if stopped == 1:
        return Said(CHANGED_LEVEL_RESTART, CHANGED_LEVEL_RESTART, {})
    values = {"last": played, "turn": stopped}
    return Said(CHANGED_LEVEL_CUT.format(**values), CHANGED_LEVEL_CUT, values)


@dataclass
class Seat:
    """Who plays one side: a person at this machine, or an agent."""

    side: str
    controller: str  # "human" or an agent name


@dataclass
class Game:
    """A game in progress: the seats, the state, the plans being made, the turns played, the log."""

    level: Level
    seed: int
    seats: dict[str, Seat]
    state: GameState
    log: ReplayLog
    reports: list[TurnReport] = field(default_factory=list)
    locked: dict[str, tuple[str, ...]] = field(default_factory=dict)
    drafts: dict[str, list[str]] = field(
        default_factory=dict
    )  # cards chosen, not yet locked (the board keeps it)
    agents: dict[str, tuple[int, str, Agent]] = field(default_factory=dict, repr=False)  # (turn, name, AI)
    guides: dict[str, TutorialGuide] = field(default_factory=dict, repr=False)  # the tutorial, per side
    classroom: ClassroomSession | None = field(default=None, repr=False)  # in a classroom
    # How long the AI may think about a plan: a time by default, so that the hard AI's plan can
    # differ from machine to machine; a number of iterations gives the same game everywhere.
    think: Budget = THINK
    # The reasons of the plans locked this turn: a team's one line of why, or the AI's own words.
    reasons: dict[str, str] = field(default_factory=dict)
    # The line of why typed for a plan not yet locked (the board keeps it, as it keeps `drafts`).
    draft_reasons: dict[str, str] = field(default_factory=dict)
    # The game's own autosave (see SaveStore.autosave): given on its first autosave, or by the
    # autosave it was continued from, so that no other game's autosave replaces it.
    autosave_slot: str | None = None
    # This turn's summit (game.core.summit): the table while it sits, then what it came to; None
    # when no summit is due or it has not opened yet.
    table: Table | None = None
    # What loading a save could not keep, said to the player when the game opens (a damaged summit).
    load_notes: list[str] = field(default_factory=list)

    @classmethod
    def new(cls, level: Level, seed: int, controllers: dict[str, str], think: Budget | None = None) -> Game:
        """A game at its first turn; `controllers` maps a side to "human" or an agent's name (or
        FILE.py:NAME, an agent of one's own); `think` is how long the AI may think (None: 1 s)."""
        seats: dict[str, Seat] = {s: Seat(s, controllers.get(s, HUMAN)) for s in SIDES}
        players: dict[str, str] = {
            s: (OWN if is_own_agent(seats[s].controller) else seats[s].controller) for s in SIDES
        }
        return cls(
            level,
            seed,
            seats,
            initial_state(level, seed),
            ReplayLog.start(level, seed, players),
            think=think or THINK,
        )

    @classmethod
    def from_log(
        cls,
        level: Level,
        log: ReplayLog,
        controllers: dict[str, str],
        think: Budget | None = None,
        changed_level_ok: bool = False,
    ) -> Game:
        """Continue a saved game: replay its turns, then carry on (raises ReplayError). With
        `changed_level_ok`, a game saved before its level changed is played again under the level
        as it is now, as far as it goes (replay_on_changed_level), and `load_notes` say so."""
        notes = []
        try:
            state, reports = replay(level, log)
        except LevelChanged:
            if not changed_level_ok:
                raise
            state, reports, log, stopped = replay_on_changed_level(level, log)
            notes.append(changed_level_note(len(reports), stopped, over=state.outcome is not None))
        game = cls.new(level, log.seed, controllers, think)
        game.load_notes[:0] = notes
        players = game.log.players  # who plays now, as new() logged them
        game.state, game.reports, game.log = state, reports, log.model_copy(deep=True)
        game.log.players = players
        game.log.planning = None  # the game's own log holds what was played; the plans come back here:
        planning = log.planning
        if planning is not None and not game.over and planning.summit is not None:
            # The turn's summit was over when the game was saved: what it agreed holds again.
            try:
                game.state = agree_logged(game.state, planning.summit, game.state.turn)
                game.table = Table.closed(game.state.turn, [t.entry() for t in planning.summit])
                # Who read what it came to before the save is not shown it again after loading.
                game.table.shown.update(planning.shown)
            except ReplayError:
                game.table = None  # the summit sits again
        if planning is not None and not game.over:
            game.seat_saved_summit(planning)
            for side, plan in planning.locked.items():
                if (
                    game.seats[side].controller == HUMAN
                    and plan_problem(game.state, side, tuple(plan)) is None
                ):
                    game.locked[side] = tuple(plan)
                    if planning.reasons.get(side):
                        game.reasons[side] = planning.reasons[side]
            for side, chosen in planning.chosen.items():
                mine = [a for a in chosen if a in game.level.actions and game.level.actions[a].side == side]
                if game.seats[side].controller == HUMAN and side not in game.locked and mine:
                    game.drafts[side] = mine
            for side, reason in planning.reasons.items():
                if game.seats[side].controller == HUMAN and side not in game.locked:
                    game.draft_reasons[side] = reason
        return game

    def tell_in(self, lang: str) -> None:
        """Tell the game in `lang` from now on (the player changed the language mid-game): its
        level becomes the same level told in `lang` (game.core.level_text.in_language, from the
        level as its files wrote it), each text falling back to English. The rules, the content
        hash and the log are the same, so the game, its saves and its replays are unchanged. The
        sentences recorded before (the turns' whys, the AI's reasons) keep the names they were
        made with, which the interface says as the new level names them (game.speech.reasons)."""
        level = in_language(self.level, lang)
        self.level = level
        # The same state with the same level in other words: changed in place, so that whatever
        # holds this state (a screen, the summit's table) reads the new words too.
        self.state.level = level
        for guide in self.guides.values():
            guide.steps = level.tutorial

    def own_autosave_slot(self) -> str:
        """The game's own autosave slot, named when it is first asked for (see `autosave_slot`)."""
        if self.autosave_slot is None:
            self.autosave_slot = f"{self.level.id}-{datetime.now():%Y%m%d-%H%M%S}-{self.seed}"
        return self.autosave_slot

    def seat_saved_summit(self, planning: PlanningSpec) -> None:
        """Seat the summit that sat when the game was saved, with every move made at it so far; a
        damaged one is said in `load_notes`, and the summit sits again from its start."""
        problem = planning.table_problem
        if planning.table is not None and self.table is None:
            try:
                self.table = planning.table.seat(self.state)
            except SummitRecordError as e:
                problem = str(e)
            else:
                if self.table.room is not None and len(self.humans()) < len(SIDES):
                    self.table.room = None  # (only two teams in one room enter terms for both)
                self.play_summit_agents()  # (their moves were made: this only catches up a left side)
                if self.table.stage == "done":
                    self.close_summit()
        if problem:
            self.load_notes.append(
                f"The summit in this save could not be read ({problem}), so it sits again from its "
                "start; everything else in the save is kept."
            )

    def log_to_save(self) -> ReplayLog:
        """The log with the turn's plans as they stand (locked, or chosen and not yet locked)."""
        saved = self.log.model_copy(deep=True)
        locked = {s: list(p) for s, p in self.locked.items() if self.seats[s].controller == HUMAN}
        chosen = {s: list(p) for s, p in self.drafts.items() if p and s not in self.locked}
        reasons = {s: r for s, r in self.reasons.items() if s in locked}
        # (and the line typed for a plan still being made: saved with it, as its cards are)
        reasons.update(
            {
                s: r
                for s, r in self.draft_reasons.items()
                if r and s not in locked and self.seats[s].controller == HUMAN
            }
        )
        summit = self.summit_record()
        table = SittingSummitSpec.of(self.table) if self.table is not None and self.summit_open() else None
        if (locked or chosen or reasons or summit or table) and not self.over:
            # (only where two people share the machine: otherwise no summary waits for anyone, and
            # the save stays in the format an earlier version reads)
            humans = self.humans()
            two = summit and self.table is not None and len(humans) > 1
            shown = sorted(self.table.shown & set(humans)) if two and self.table is not None else []
            saved.planning = PlanningSpec(
                locked=locked,
                chosen=chosen,
                reasons=reasons,
                summit=summit if summit else None,
                table=table,
                shown=shown,
            )
        return saved

    # -- the summit ------------------------------------------------------------------------
    def summit_due(self) -> bool:
        """Whether this turn's summit is still to be held before planning."""
        return summit_due(self.state) and (self.table is None or self.table.turn != self.state.turn)

    def summit_open(self) -> bool:
        """Whether this turn's summit is sitting (opened and not yet over)."""
        return self.table is not None and self.table.turn == self.state.turn and not self.table.closed_

    def open_summit(self) -> Table:
        """Open this turn's summit; the agents at the table make their moves at once."""
        self.table = Table(self.state.turn)
        self.play_summit_agents()
        return self.table

    def play_summit_agents(self) -> None:
        """Let the agents seated take their moves at the summit as far as they can."""
        table = self.table
        if table is None:
            return
        negotiators: dict[str, Negotiator | None] = {
            s: negotiator_for(self.agent_for(s), s) for s in SIDES if self.seats[s].controller != HUMAN
        }
        negotiators.update({s: None for s in table.left})  # a side that left passes
        play_agents(table, self.state, negotiators)

    def play_summit_for(self, side: str, name: str) -> None:
        """Make `side`'s moves at this turn's summit with the agent called `name`, as autoplay plays
        a person's side; the summit closes when no one else has a move to make."""
        if self.summit_due():
            self.open_summit()
        if self.table is None or not self.summit_open():
            return
        negotiators: dict[str, Negotiator | None] = {
            s: negotiator_for(self.agent_for(s), s) for s in SIDES if self.seats[s].controller != HUMAN
        }
        negotiators[side] = negotiator_for(self.agent_for(side, name), side)
        play_agents(self.table, self.state, negotiators)
        if self.table.stage == "done":
            self.close_summit()

    def leave_summit(self, side: str) -> str | None:
        """`side` skips the summit: it puts nothing forward and accepts nothing, at this stage and
        every stage after it; returns why not, or None."""
        table = self.table
        if table is None or not self.summit_open():
            return "no summit is sitting"
        table.left.add(side)
        self.play_summit_agents()
        return None

    def summit_move(self, side: str, stage: str, move: Any) -> str | None:
        """A person's move at the summit: its terms (stage 'propose'), its answers to the other
        side's terms ('answer': key -> 'accept', 'reject' or a counter-term), or to the counters
        made to its own ('counter': key -> 'accept' or 'reject'); returns why not, or None."""
        table = self.table
        if table is None or not self.summit_open():
            return "no summit is sitting"
        if stage != table.stage:
            return f"the summit is at its {table.stage} stage"
        if table.room is not None:
            return "the terms agreed in the room are being entered"
        if stage == "propose":
            problem = table.propose(self.state, side, list(move))
        elif stage == "answer":
            problem = table.answer(self.state, side, dict(move))
        else:
            problem = table.answer_counters(side, dict(move))
        if problem is None:
            self.play_summit_agents()
        return problem

    # -- agreed in the room (a classroom's two teams bargain aloud; one player enters it) --------
    def room_problem(self) -> str | None:
        """Why one player cannot enter terms agreed in the room now (None when it can): people play
        both sides, and no move has been made at this turn's sitting summit."""
        if len(self.humans()) < len(SIDES):
            return "only when people play both sides"
        if self.table is None or not self.summit_open():
            return "no summit is sitting"
        return self.table.room_problem()

    def enter_room(self) -> str | None:
        """Start entering the terms agreed in the room (none chosen yet); returns why not, or None."""
        problem = self.room_problem()
        if problem is None and self.table is not None and self.table.room is None:
            self.table.room = []
        return problem

    def leave_room(self) -> None:
        """Put down the terms being entered: the summit sits as it did, side by side."""
        if self.table is not None and self.summit_open():
            self.table.room = None

    def agree_in_room(self, terms: list[Term]) -> str | None:
        """Record `terms` as agreed by both sides in the room, and close the summit: both teams saw
        them entered, so neither is shown the summary again; returns why not, or None."""
        problem, table = self.room_problem(), self.table
        if problem is not None or table is None:
            return problem or "no summit is sitting"
        problem = table.agree_in_room(self.state, list(terms))
        if problem is None:
            self.close_summit()
            table.shown.update(SIDES)
        return problem

    def pass_summit(self) -> None:
        """Hold this turn's summit, if it is due or sitting, with every move not yet made passed
        (nothing put forward, nothing accepted), and close it."""
        if self.summit_due() or self.summit_open():
            if not self.summit_open():
                self.open_summit()
            assert self.table is not None
            self.table.pass_all()
            self.close_summit()

    def close_summit(self) -> list[Term]:
        """End the summit once every move is made: what was agreed binds from this turn on."""
        table = self.table
        if table is None or table.stage != "done":
            raise TermError("the summit has moves still to make")
        agreed = table.agreed()
        self.state = agree(self.state, agreed, table.refused())
        table.closed_ = True
        return agreed

    def summit_unread(self, side: str) -> bool:
        """Whether `side`, one of two people at this machine, has still to be shown what this
        turn's summit came to (the other may have made the last move, and seen it alone)."""
        table, humans = self.table, self.humans()
        return (
            table is not None
            and table.turn == self.state.turn
            and table.closed_
            and len(humans) > 1
            and side in humans
            and side not in table.shown
        )

    def summit_record(self) -> list[TermSpec]:
        """This turn's summit as the record keeps it (empty when none was held, or it still sits)."""
        table = self.table
        if table is None or table.turn != self.state.turn or not table.closed_:
            return []
        return [TermSpec.of(e) for e in table.entries()]

    # -- who plays --------------------------------------------------------------------------
    def humans(self) -> list[str]:
        """The sides people play, in the usual order."""
        return [s for s in SIDES if self.seats[s].controller == HUMAN]

    def agent_for(self, side: str, name: str | None = None) -> Agent:
        """The AI playing `side` this turn: the seat's, or the agent called `name` (autoplay plays
        a person's side with one), seeded the same way. It is made afresh each turn from the
        game's seed and the turn, rather than kept from turn to turn, so that what it chooses
        depends only on where the game stands: a game continued from a save (a lesson spread over
        three periods) goes on exactly as it would have without the break."""
        turn = self.state.turn
        name = name or self.seats[side].controller
        made = self.agents.get(side)
        if made is None or made[:2] != (turn, name):
            seed = (self.seed * 1_000_003 + turn) & ((1 << 63) - 1)
            playing = "normal" if name == OWN else name  # (see OWN)
            made = self.agents[side] = (turn, name, make_agent(playing, side, seed, self.think))
        return made[2]

    # -- planning ---------------------------------------------------------------------------
    def lock(self, side: str, plan: Iterable[str], reason: str = "") -> str | None:
        """Lock `side`'s plan for this turn, with the team's one line of why if it gave one (the
        record, the exports and the worksheet carry it); returns why it cannot be locked, or None."""
        problem = plan_problem(self.state, side, tuple(plan))
        if problem is None:
            self.locked[side] = tuple(plan)
            text = one_line_reason(reason)
            if text:
                self.reasons[side] = text
            else:
                self.reasons.pop(side, None)
        return problem

    def plan_ai_sides(self) -> None:
        """Lock the plan of every side an agent plays that has none yet."""
        for side in SIDES:
            if self.seats[side].controller != HUMAN and side not in self.locked:
                agent = self.agent_for(side)
                self.locked[side] = decide(agent, self.state, side)
                # (a reason is a game.core.words.Said or Lines: kept whole, frames and all, for the
                # debrief to say in the player's language)
                reason = getattr(agent, "reason", "") or ""
                self.reasons[side] = reason if isinstance(reason, str) else str(reason)

    def waiting_for(self) -> list[str]:
        """The sides whose plan is not locked yet."""
        return [s for s in SIDES if s not in self.locked]

    def resolve(self, injected: Iterable[Injected] = ()) -> TurnReport:
        """Resolve the turn once both plans are locked; record it in the log. The facilitator's
        injections and adjustments made during this turn's planning take effect now."""
        if self.classroom is not None:
            self.classroom.before_resolve()  # acts scheduled or sent from the class server join in
        # The screens passed the summit by (or both sides are agents): it sits now, and a person
        # who made no move there put nothing forward and accepted nothing.
        self.pass_summit()
        self.plan_ai_sides()
        plans: dict[str, tuple[str, ...]] = {s: self.locked[s] for s in SIDES}
        acts = injections(self.level, self.log.acts_of_turn(self.state.turn))
        # A person's reason goes into the record for the exports; an AI's into its plan, for the
        # debrief's Decisions tab.
        by_person = {s for s in SIDES if self.seats[s].controller == HUMAN}
        self.log.record(
            plans,
            {s: r for s, r in self.reasons.items() if s in by_person},
            why={s: r for s, r in self.reasons.items() if r and s not in by_person},
        )
        if self.table is not None and self.table.turn == self.state.turn:
            self.log.turns[-1].summit = self.summit_record()
            self.log.keep_summit_reasons(len(self.log.turns), self.table.entries())
        self.state, report = resolve_turn(self.state, plans, [*acts, *injected])
        self.reports.append(report)
        self.locked, self.drafts, self.reasons, self.draft_reasons = {}, {}, {}, {}
        if self.classroom is not None:
            self.classroom.after_resolve(report)  # a pack's last turn; the class server hears of it
        return report

    # -- the facilitator of a classroom session ------------------------------------------------
    def facilitate(self, kind: str, **fields: Any) -> FacilitatorAct:
        """Record a facilitator's act in the log (it is part of the game from now on).

        A log holds at most MAX_ACTS acts, so that every save the game writes is one it reads
        back: once it is full, an act is no longer recorded (a pause still pauses); the session's
        `record_full` lets the panel say so before an injection or an adjustment is refused."""
        act = FacilitatorAct(
            turn=self.state.turn, kind=kind, at=datetime.now().isoformat(timespec="seconds"), **fields
        )
        room = MAX_ACTS - len(self.log.facilitator) - (0 if kind == "end" else _ACTS_KEPT_FOR_THE_END)
        if room > 0 and not (kind in NEWS_KINDS and self.turn_news_full):
            self.log.facilitator.append(act)
        return act

    @property
    def record_full(self) -> bool:
        """Whether the log has no room left for another facilitator's act (but the end)."""
        return len(self.log.facilitator) >= MAX_ACTS - _ACTS_KEPT_FOR_THE_END

    @property
    def turn_news_full(self) -> bool:
        """Whether this turn holds as many notes, injections and adjustments as a turn may."""
        return sum(a.kind in NEWS_KINDS for a in self.pending_acts()) >= MAX_TURN_NEWS

    def end_early(self, reason: str = "") -> None:
        """End the game where it stands, with the outcome the last turn would give now."""
        if not self.over:
            self.facilitate("end", text=reason)
            self.state = end_now(self.state)
            self.locked, self.reasons = {}, {}

    def acts_this_turn(self) -> list[FacilitatorAct]:
        """Every facilitator's act made during this turn's planning (they apply when it resolves)."""
        return self.log.acts_of_turn(self.state.turn)

    def pending_acts(self) -> list[FacilitatorAct]:
        """The facilitator's acts of this turn's planning that the players are told of at once:
        all but an injected event, which happens as any event does and is revealed as the
        facilitator's only in the debrief (docs/classroom.md, section 5), unless the session's
        pack asks for it to be told at once (`reveal = "at_once"`)."""
        acts = self.acts_this_turn()
        if self.tells_injections_at_once:
            return acts
        return [a for a in acts if a.kind != "inject"]

    @property
    def tells_injections_at_once(self) -> bool:
        """Whether the players are told, while they play, that an injected event was the
        facilitator's: only when the session's pack asks for it (`reveal = "at_once"`). Otherwise
        the news, the resolution and the board's recent events tell it as any event, and only the
        debrief and the exports say whose it was."""
        return self.classroom is not None and getattr(self.classroom, "reveal", "") == "at_once"

    def injected_events(self, turn: int) -> set[str]:
        """The events the facilitator put in play in `turn`, as the players may be told of them
        now: none unless the session tells injections at once (the debrief asks the log itself)."""
        if not self.tells_injections_at_once:
            return set()
        return {a.event_id or "" for a in self.log.acts_of_turn(turn) if a.kind == "inject"}

    # -- reading ----------------------------------------------------------------------------
    @property
    def over(self) -> bool:
        """Whether the game has reached an outcome."""
        return is_terminal(self.state)

    @property
    def provisional(self) -> tuple[int, int] | None:
        """(turns played, the level's turns) when the game's score is provisional: a session the
        facilitator (or the session's cut) ended before the level's last turn, scored against
        goals pro-rated to the turns played; None when the score is the game's own."""
        if not self.over or not self.log.ended_early:
            return None
        played = len(self.reports)
        return (played, self.level.turns) if played < self.level.turns else None

    def session_end(self) -> int | None:
        """The turn a classroom session is set to end after, when that is before the level's last
        (its cut, or a pack's last turn); None for a game played to the end."""
        end = getattr(self.classroom, "end_after_turn", None) if self.classroom is not None else None
        return end if end is not None and end < self.level.turns else None

    def scored_now(self) -> tuple[int, int] | None:
        """(turns played, the level's turns) while a session set to end early goes on: the scores
        shown during play are then those it would end with now, provisional, which is what the
        teacher compares at the same turn; else None."""
        if self.session_end() is None or self.over:
            return None
        return (len(self.reports), self.level.turns)

    def scores_now(self) -> dict[str, float]:
        """Each side's score as play shows it: provisional as of the turns played in a session set
        to end early (`scored_now`), else `scores()`."""
        shown = self.scored_now()
        return provisional_scores(self.state, shown[0]) if shown is not None else self.scores()

    def scores(self) -> dict[str, float]:
        """Each side's agenda score now, 0-100 (provisional for a session ended before its end)."""
        if self.provisional is not None:
            return provisional_scores(self.state, self.provisional[0])
        return scores(self.state)

    def winners(self) -> dict[str, bool]:
        """Whether each side's score reaches its agenda's mark for a win."""
        if self.provisional is not None:
            return provisional_winners(self.state, self.provisional[0])
        return winners(self.state)

    def history_of(self, meter: str) -> list[float]:
        """The meter at the start and after each turn played."""
        values = [self.level.start[meter]] if meter in self.level.start else []
        for report in self.reports:
            last = [c.after for c in report.changes if c.meter == meter]
            values.append(last[-1] if last else (values[-1] if values else self.state.meters[meter]))
        return values

    def last_changes(self, meter: str) -> tuple[int | None, list[Change]]:
        """The changes to `meter` in the most recent turn that moved it, with that turn's number."""
        for report in reversed(self.reports):
            found = report.changes_to(meter)
            if found:
                return report.turn, found
        return None, []
