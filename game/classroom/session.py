"""A classroom session in progress: the facilitator's passphrase, the pause, the planning timer,
and the facilitator's acts on the game.

The game itself stays a `Game`; this object holds what only a classroom has, and writes every act
into the game's replay log (marked as the facilitator's) so that exports and replays carry them.
The passphrase is kept only as a salted scrypt hash, and only in the data folder of the computer
where the session started (`game.classroom.keys`), never in the log.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from game.classroom import keys
from game.classroom.deals import agreed_terms
from game.classroom.language import class_language
from game.core import adjustment_problem
from game.i18n import current_language
from game.paths import user_data_dir
from game.session.data_folder import DataFolderError, writing
from game.session.replay import MAX_ACTS, MAX_TURN_NEWS, ClassroomSpec
from game.session.summit_record import NotedTermSpec
from game.text import without_control

if TYPE_CHECKING:  # (the class server's client is handed in; the classroom does not start one)
    from game.server.client import ClassLink

TIMER_CHOICES = (0, 3, 5, 8, 10)
TEAM = "team"
MIN_PASSPHRASE = 4
# scrypt's cost: the memory and time every guess at a passphrase takes (16 MB, tens of
# milliseconds). The tests lower it (tests/conftest.py): nothing they check depends on it.
SCRYPT_COST = 2**14
MAX_GROUP = 80
MAX_NOTE = 2000
FULL = f"the session's record is full (it holds {MAX_ACTS:,} acts); end the session and start a new one"
TURN_FULL = (
    f"this turn holds {MAX_TURN_NEWS} notes, injections and adjustments already, as many as a turn may"
)
REFUSED = "a wrong passphrase was typed for the facilitator's panel"
NOT_HERE = (
    "This session's passphrase is kept on the computer where the session started, so the "
    "facilitator's panel cannot be opened here. The game plays on, and its exports are written at the end."
)


def hash_passphrase(passphrase: str, salt: bytes | None = None) -> str:
    salt = os.urandom(16) if salt is None else salt
    digest = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=SCRYPT_COST, r=8, p=1, dklen=32)
    return f"scrypt${salt.hex()}${digest.hex()}"


def passphrase_matches(passphrase: str, stored: str) -> bool:
    try:
        kind, salt, digest = stored.split("$")
        expected = bytes.fromhex(digest)
        salt_bytes = bytes.fromhex(salt)
    except ValueError:
        return False
    if kind != "scrypt":
        return False
    found = hash_passphrase(passphrase, salt_bytes).split("$")[2]
    return hmac.compare_digest(bytes.fromhex(found), expected)


def _typed(text: str) -> str:
    """A note or a reason as the record keeps it (what was pasted may hold anything)."""
    return without_control(text).strip()[:MAX_NOTE]


def exports_root() -> Path:
    return user_data_dir() / "exports"


class ClassroomSession:
    def __init__(self, game, spec: ClassroomSpec, clock=time.monotonic, passphrase_hash: str | None = None):
        self.game = game
        self.clock = clock
        self.spec = spec
        # The passphrase's hash: given when the session starts here, else looked up in this
        # computer's keys when the panel is first asked for. Never read from the log.
        self._passphrase_hash = passphrase_hash
        self.notice: str | None = None  # for the screen: the passphrase could not be kept
        game.log.classroom = spec
        game.classroom = self
        self.paused = False
        self.timer_left: float | None = None
        self.timer_since = clock()
        self.timer_turn: int | None = None
        self.export_folder: Path | None = None
        # A session pack's or the class server's part (see game.classroom.pack, game.server.client):
        # injections scheduled by turn, the turn after which the session ends, the link to the
        # server, the facilitator's acts it brought that wait for their turn, and what the window
        # does when the server ends the session.
        self.scheduled: list[tuple[int, str]] = []
        self.link: ClassLink | None = None
        self.waiting: list[dict] = []
        # "at_once": the group reads the facilitator's injection in its news while it plans;
        # "at_debrief": it joins the turn as it resolves and is told as the facilitator's only
        # in the debrief and the exports.
        self.reveal = "at_debrief"  # the guide's way (a pack may ask for "at_once")
        self.on_end = None
        self.on_change = None  # what the window does when the server's acts change what it shows
        # The timer starts when the first board is shown (see start_turn_timer), not now: a class
        # set up before the lesson waits on the hand-over screen with its full time.

    @classmethod
    def start(
        cls,
        game,
        teams: dict[str, str],
        passphrase: str,
        timer_minutes: float = 0,
        group: str = "",
        clock=time.monotonic,
        language: str | None = None,
    ):
        spec = ClassroomSpec(
            # A name from the command line may hold anything; the record keeps what can be shown.
            group=without_control(group).strip()[:MAX_GROUP].strip(),
            teams=teams,
            timer_minutes=timer_minutes,
            session_key=keys.new_key_id(),
            started_at=datetime.now().isoformat(timespec="seconds"),
            # The class's language: its pack's or the server's, else the one the session starts in.
            language=class_language(language) or class_language(current_language()),
        )
        stored = hash_passphrase(passphrase.strip())
        session = cls(game, spec, clock, passphrase_hash=stored)
        try:
            keys.store(spec, game.level.id, game.seed, stored)
        except DataFolderError as e:
            session.notice = f"The facilitator's passphrase could not be kept for later: {e}"
        return session

    @property
    def language(self) -> str | None:
        """The class's language, fixed when the session started (None: a save of an earlier
        version, whose exports are in English)."""
        return self.spec.language

    @property
    def end_after_turn(self) -> int | None:
        """The turn after which the session ends (a pack's last turn, or the level's classroom
        cut); None: the level's end. Kept in the log, so that a saved session resumes with it."""
        return self.spec.end_after_turn

    @end_after_turn.setter
    def end_after_turn(self, turn: int | None) -> None:
        self.spec.end_after_turn = turn

    def end_at_cut(self) -> None:
        """End the session after the level's classroom cut; its scores are then provisional."""
        cut = self.game.level.cut
        if cut is None:
            raise ValueError(f"level '{self.game.level.id}' has no classroom cut")
        self.end_after_turn = cut

    @property
    def at_cut(self) -> bool:
        """Whether the session ends at the level's classroom cut."""
        return self.end_after_turn is not None and self.end_after_turn == self.game.level.cut

    @property
    def started_at(self) -> datetime:
        try:
            return datetime.fromisoformat(self.spec.started_at)
        except ValueError:
            return datetime.now()

    # -- the facilitator's panel is behind the passphrase ---------------------------------------
    def passphrase_hash(self) -> str | None:
        """The hash the panel's passphrase is checked against, or None when this computer has none
        for this session (see `NOT_HERE`)."""
        if self._passphrase_hash is None:
            self._passphrase_hash = keys.stored(self.spec, self.game.level.id, self.game.seed)
        return self._passphrase_hash

    def closed_here(self) -> str | None:
        """Why the panel cannot be opened on this computer, or None when it can."""
        return NOT_HERE if self.passphrase_hash() is None else None

    def unlock(self, passphrase: str) -> bool:
        """True for the right passphrase; a wrong one is refused and written in the record."""
        stored = self.passphrase_hash()
        if stored is None:
            return False
        # The set-up screen trims the passphrase it keeps; trim what is typed here the same way.
        if passphrase_matches(passphrase.strip(), stored):
            return True
        self._note_refusal()
        return False

    def _note_refusal(self) -> None:
        # One record a turn, counting the attempts: a class typing at the prompt for a whole lesson
        # must not fill the log, which holds at most MAX_ACTS acts (a save holding more would be
        # refused as damaged).
        turn = self.game.state.turn
        for act in reversed(self.game.log.facilitator):
            if act.turn != turn:
                break
            if act.kind == "refused":
                counted = re.search(r"\((\d+) times\)$", act.text)
                times = (int(counted.group(1)) if counted else 1) + 1
                act.text = f"{REFUSED} ({times} times)"
                return
        self.game.facilitate("refused", text=REFUSED)

    # -- pace -----------------------------------------------------------------------------------
    def pause(self) -> None:
        if not self.paused:
            self._run_clock()
            self.paused = True
            self.game.facilitate("pause")

    def resume(self) -> None:
        if self.paused:
            self._run_clock()
            self.paused = False
            self.game.facilitate("resume")

    def set_timer(self, minutes: float) -> None:
        """Set the planning timer (0 clears it); it restarts now and on every later turn."""
        self.spec.timer_minutes = minutes
        self.game.facilitate("timer", minutes=minutes)
        self.timer_turn = None
        self.start_turn_timer()

    def start_turn_timer(self) -> None:
        """A fresh timer for the turn being planned (called whenever a board is shown)."""
        turn = self.game.state.turn
        if self.timer_turn == turn:
            return
        self.timer_turn = turn
        self.timer_left = self.spec.timer_minutes * 60 if self.spec.timer_minutes else None
        self.timer_since = self.clock()

    def take_timer(self, turn: int, left: float) -> None:
        """Go on with the planning timer the group's laptop had for `turn` (the class server's
        record, given to a laptop that joins the group again): a laptop quit and started again
        gave its group the whole time again. The time the group had no laptop is not counted."""
        if turn != self.game.state.turn or not self.spec.timer_minutes:
            return
        self.timer_turn = turn
        self.timer_left = min(max(left, 0.0), self.spec.timer_minutes * 60)
        self.timer_since = self.clock()

    def _run_clock(self) -> None:
        # The timer runs on the wall clock (a window left alone does not redraw every frame).
        now = self.clock()
        if self.timer_left is not None and not self.paused:
            self.timer_left = max(0.0, self.timer_left - (now - self.timer_since))
        self.timer_since = now
        if self.link is not None and self.timer_left is not None and self.timer_turn is not None:
            self.link.planning = (self.timer_turn, self.timer_left)  # (told to the server as it polls)

    def seconds_left(self, sync: bool = True) -> float | None:
        # The board asks on every frame before it is drawn: then is when the class server's acts
        # are taken (sync=False while drawing, which must change nothing).
        if sync:
            self.sync()
        self._run_clock()
        return self.timer_left

    @property
    def time_up(self) -> bool:
        return self.seconds_left() == 0.0

    # -- acts on the game -----------------------------------------------------------------------
    def inject(self, event_id: str, command: int | None = None) -> str | None:
        """Inject an event into this turn's events phase (`command`: the class server's number for
        the act, when it came from one); returns why not, or None."""
        if self.game.level.event(event_id) is None:
            raise ValueError(f"no event '{event_id}' in this level")
        if self.game.over:
            return "the game is over"
        if any(a.kind == "inject" and a.event_id == event_id for a in self.game.acts_this_turn()):
            return "it is already injected into this turn"  # a second click, not a second event
        if self.game.record_full:
            return FULL
        if self.game.turn_news_full:
            return TURN_FULL
        self.game.facilitate("inject", event_id=event_id, command=command)
        return None

    def adjust(self, meter: str, delta: float, reason: str, command: int | None = None) -> str | None:
        """Adjust a meter when the turn resolves (`command` as for inject); returns why not, or
        None."""
        if self.game.over:
            return "the game is over"
        problem = adjustment_problem(self.game.state, meter, delta)
        if problem is None and not reason.strip():
            problem = "give the class a reason for the adjustment"
        if problem is None and delta == 0:
            problem = "choose how far to move the meter"
        if problem is None and self.game.record_full:
            problem = FULL
        if problem is None and self.game.turn_news_full:
            problem = TURN_FULL
        if problem is None:
            self.game.facilitate("adjust", meter=meter, delta=delta, text=_typed(reason), command=command)
        return problem

    def annotate(self, text: str, term: NotedTermSpec | None = None) -> str | None:
        """Note `text` on this turn, or beside `term`, one agreed at a summit (the debrief sheet
        and the exports give it with the term); returns why not, or None."""
        if not text.strip():
            return "write the note first"
        if term is not None and (term.summit, term.term()) not in agreed_terms(self.game):
            return "that term was not agreed at a summit of this game"
        if self.game.record_full:
            return FULL
        if self.game.turn_news_full:
            return TURN_FULL
        self.game.facilitate("annotate", text=_typed(text), term=term)
        return None

    def end(self, reason: str = "") -> None:
        self.paused = False
        self.game.end_early(reason)

    # -- a pack's schedule and the class server ----------------------------------------------------
    def sync(self) -> None:
        """Apply what the class server sent since the last look: a pause, a resume or the end at
        once; injections and adjustments (the server's and the pack's) as soon as their turn is
        being planned, or, revealed at the debrief, only as it resolves. Called on the window's
        thread (every frame asks for the time left, see seconds_left)."""
        commands: list[dict] = self.link.take_commands() if self.link is not None else []
        changed = False
        for command in commands:
            kind = command.get("kind")
            if kind == "pause":
                self.pause()
                changed = True
            elif kind == "resume":
                self.resume()
                changed = True
            elif kind == "end" and not self.game.over:
                # (typed on the dashboard: what was pasted there may hold anything)
                # (no reason typed: none is given; the record says the facilitator ended it, and a
                # stand-in reason read "ended the session early: the facilitator ended the session")
                self.end(_typed(str(command.get("reason") or "")))
                if self.link is not None and self.game.reports:  # the server hears the game is over
                    from game.server.client import turn_message

                    self.link.send_turn(turn_message(self.game, self.game.reports[-1], self.link.after))
                if self.on_end is not None:
                    self.on_end()
            elif kind in ("inject", "adjust") and not self.taken(command):
                self.waiting.append(command)
        if self.reveal == "at_once" and not self.game.over:
            changed = self.apply_due() or changed
        if changed and self.on_change is not None:
            self.on_change()

    def taken(self, command: dict) -> bool:
        """Whether a server's injection or adjustment is in the game already, or waits for its turn:
        a laptop that joins the group again is sent every act again (its game goes on from the
        server's record of its last turn, which lacks those of the turn it was planning), and
        takes each once."""
        number = command.get("id")
        return any(a.command == number for a in self.game.log.facilitator) or any(
            c.get("id") == number for c in self.waiting
        )

    def before_resolve(self) -> None:
        """The injections and adjustments due this turn join it (the pack's and the server's, as
        `sync` last took them: not here, where the server's end would end a turn being resolved)."""
        self.apply_due()

    def apply_due(self) -> bool:
        """The pack's and the server's injections and adjustments whose turn has come join this
        turn (a second look in the same turn adds nothing: an event is injected once a turn);
        True if any did."""
        turn = self.game.state.turn
        before = len(self.game.log.facilitator)
        for at, event_id in self.scheduled:
            if at == turn and self.game.level.event(event_id) is not None:
                self.inject(event_id)
        due = [c for c in self.waiting if int(c.get("turn") or 0) <= turn]
        self.waiting = [c for c in self.waiting if c not in due]
        for command in due:
            number = command.get("id") if isinstance(command.get("id"), int) else None
            if command["kind"] == "inject" and self.game.level.event(command.get("event", "")) is not None:
                self.inject(command["event"], number)
            elif command["kind"] == "adjust":
                self.adjust(
                    command.get("meter", ""),
                    float(command.get("delta", 0)),
                    command.get("reason", ""),
                    number,
                )
        return len(self.game.log.facilitator) > before

    def after_resolve(self, report) -> None:
        """A pack's last turn ends the session; the class server is sent the turn."""
        if self.end_after_turn is not None and report.turn >= self.end_after_turn and not self.game.over:
            if self.at_cut:
                self.end(
                    f"the session ends at the level's classroom cut, after turn {self.end_after_turn} "
                    f"of {self.game.level.turns}"
                )
            else:
                self.end(f"the session ends after turn {self.end_after_turn}")
        if self.link is not None:
            from game.server.client import turn_message

            self.link.send_turn(turn_message(self.game, report, self.link.after))

    def export(self, root: Path | None = None, palette=None) -> Path:
        from game.classroom.exports import write_exports

        teams: dict[str, str] = {side: team for side, team in self.spec.teams.items()}
        root = root or exports_root()
        # A full disk or a folder that cannot be written is said in the player's words, with where.
        with writing(root, "the game goes on, and its saves are untouched"):
            self.export_folder = write_exports(
                self.game,
                teams,
                root,
                self.started_at,
                self.spec.group,
                palette,
                folder=self.export_folder,
                language=self.language,
            )
        if self.link is not None:
            self.link.send_exports(self.export_folder)
        return self.export_folder
