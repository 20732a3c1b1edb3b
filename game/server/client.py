"""A group's link to the class server: join with the class code, send each turn played, pick up
the facilitator's acts, send the exports at the end.

The game runs on the laptop whether or not the server answers: what is to be sent waits in order
in an outbox, and a thread sends it when the server can be reached again (a laptop that lost the
Wi-Fi catches up when it is back). The outbox is kept in the game's data folder as well
(`game.server.outbox`), so a laptop closed while offline sends its turns when it next joins, and
goes on from the last turn it played. The facilitator's acts arrive in an inbox that the classroom
session empties on the window's own thread (`ClassroomSession.sync`). Only the standard library
and the game's file helpers: the client needs no web framework.
"""

from __future__ import annotations

import io
import json
import threading
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.server.answers import CommandsAnswer, JoinAnswer, PlanningLeft
from game.server.outbox import DataFolderError, Kept, Outbox, OutboxDamaged

TIMEOUT = 5.0
# A group's log over a whole level is tens of kilobytes; an answer longer than this is no class
# server's, and is not read into memory.
MAX_ANSWER = 16 * 1024 * 1024
NOT_A_CLASS_SERVER = "the answer is not a class server's (check the address)"


class JoinRefused(Exception):
    """The server answered and said no (a wrong class code, a group already playing...)."""


class Unreachable(Exception):
    """The server could not be reached."""


@dataclass
class Joined:
    """What the server gave a group that joined: its token and the session's set-up."""

    token: str
    group: str
    session: dict[str, Any]
    log: dict[str, Any] | None
    paused: bool
    # The planning timer as this group's laptop last told the server (a laptop that quit and
    # joined again, or another that took the group over, goes on with the time that was left).
    timer: PlanningLeft | None = None


def _request(
    url: str, data: bytes | None = None, token: str | None = None, kind: str = "application/json"
) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    if data is not None:
        request.add_header("Content-Type", kind)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body = response.read(MAX_ANSWER + 1)
            if len(body) > MAX_ANSWER:
                raise Unreachable(NOT_A_CLASS_SERVER)
            return response.status, json.loads(body or b"{}")
    except urllib.error.HTTPError as e:
        try:
            said = json.loads(e.read(MAX_ANSWER) or b"{}")
        except (ValueError, RecursionError):
            said = {}
        return e.code, said if isinstance(said, dict) else {}
    except (urllib.error.URLError, OSError, ValueError, RecursionError) as e:
        raise Unreachable(
            NOT_A_CLASS_SERVER if isinstance(e, (ValueError, RecursionError)) else str(e)
        ) from None


class ClassLink:
    """One group's connection to the class server (see the module's docstring)."""

    def __init__(
        self, url: str, class_code: str, group: str, poll_seconds: float = 1.0, kept: Outbox | None = None
    ):
        self.base = url.rstrip("/")
        self.class_code = class_code
        self.group = group
        self.poll_seconds = poll_seconds
        self.token: str | None = None
        self.after = 0  # the last facilitator's act received
        # What the data folder kept from the last time this group joined from this laptop (see
        # game.server.outbox); `problem` says, for the screen, why it could not be read or written.
        self.kept = kept
        self.problem: str | None = None
        found = Kept()
        if kept is not None:
            try:
                found = kept.load()
            except OutboxDamaged as e:
                self.problem = str(e)
        self.client_id = found.client_id or uuid.uuid4().hex
        self.outbox: deque[tuple[str, Any]] = deque(found.items)
        self.sent_turns: dict[int, dict[str, Any]] = {int(m["turn"]): m for m in found.turns()}
        self.inbox: deque[dict[str, Any]] = deque()
        self.online = False
        self.replaced = False  # (the server refused this window's token: see _poll)
        self.joined_through = 0  # the teacher's newest act when the group joined (see join)
        self.paused = False
        self.ended = False
        # The planning timer of the turn being planned, (turn, seconds left), as the session last
        # ran it: told to the server with each poll (see ClassroomSession.take_timer).
        self.planning: tuple[int, float] | None = None
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.stopping = False
        self.thread: threading.Thread | None = None

    # -- joining ----------------------------------------------------------------------------------
    def join(self) -> Joined:
        """Claim the group; raises JoinRefused or Unreachable."""
        body = json.dumps({"class_code": self.class_code, "group": self.group, "client_id": self.client_id})
        status, said = _request(f"{self.base}/api/join", body.encode("utf-8"))
        if status != 200:
            error = said.get("error") if isinstance(said, dict) else None
            raise JoinRefused(str(error)[:300] if error else f"the server answered {status}")
        try:
            answer = JoinAnswer.model_validate(said)
        except ValidationError:
            raise JoinRefused(NOT_A_CLASS_SERVER) from None
        self.token = answer.token
        # Every act of the teacher's is asked for again: the game goes on from the server's record
        # of the group's last turn, which lacks the acts a laptop had taken for the turn it was
        # planning (a laptop that quit and joined again lost an injection it had shown). The game
        # knows those it has by their numbers (ClassroomSession.taken).
        self.after = 0
        # Pauses and resumes made before the join are in `paused` already: taken again they went
        # into the group's record as its own ("turn 1: paused, resumed", before it had joined).
        self.joined_through = answer.latest
        self.paused = answer.paused
        self.online = True
        self._keep()  # the laptop's id for the group, from now on
        log = answer.log
        # Turns played here that the server has not had yet (the laptop was closed while offline):
        # the game goes on from the last of them, and they are sent first.
        with self.lock:
            ahead = [m for m in self.sent_turns.values() if m["turn"] > answer.turn]
        newest = max(ahead, key=lambda m: m["turn"], default=None)
        if newest is not None and isinstance(newest.get("log"), dict):
            log = newest["log"]
        session = answer.session.model_dump()
        return Joined(answer.token, answer.group, session, log, self.paused, answer.timer)

    def start(self) -> None:
        """Send and poll in the background from now on."""
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="class-link", daemon=True)
            self.thread.start()

    # -- what the game hands over ---------------------------------------------------------------
    def send_turn(self, message: dict[str, Any]) -> None:
        """Queue a turn played (sent in order, retried until the server has it)."""
        with self.lock:
            self.sent_turns[int(message["turn"])] = message
            self.outbox.append(("turn", message))
            self._keep()
        self.wake.set()

    def send_exports(self, folder: Path) -> None:
        """Queue the session's export folder, sent as one zip (made as it is sent)."""
        with self.lock:
            self.outbox.append(("exports", str(folder)))
            self._keep()
        self.wake.set()

    def _keep(self) -> None:
        # The outbox as it stands now, in the data folder (under the lock, or before the thread runs).
        if self.kept is None:
            return
        try:
            self.kept.save(self.client_id, list(self.outbox))
        except DataFolderError as e:
            self.problem = f"the turns to send could not be kept on this laptop: {e}"

    def take_commands(self) -> list[dict[str, Any]]:
        """The facilitator's acts received since the last call (on the window's thread)."""
        with self.lock:
            taken = list(self.inbox)
            self.inbox.clear()
        return taken

    def pending(self) -> int:
        with self.lock:
            return len(self.outbox)

    def close(self, wait_seconds: float = 20.0) -> bool:
        """Stop, after sending what waits if it can within `wait_seconds`; True if all was sent."""
        deadline = time.monotonic() + wait_seconds
        while self.thread is not None and self.pending() and time.monotonic() < deadline:
            self.wake.set()
            time.sleep(0.1)
        self.stopping = True
        self.wake.set()
        if self.thread is not None:
            self.thread.join(timeout=TIMEOUT + 1)
        return not self.pending()

    # -- the thread ---------------------------------------------------------------------------------
    def _run(self) -> None:
        delay = self.poll_seconds
        while not self.stopping:
            try:
                self._flush()
                self._poll()
                self.online, delay = True, self.poll_seconds
            except Unreachable:
                self.online = False
                delay = min(5.0, delay * 2)  # back off while the network is away
            self.wake.wait(delay)
            self.wake.clear()

    def _flush(self) -> None:
        while True:
            with self.lock:
                if not self.outbox:
                    return
                kind, item = self.outbox[0]
            if kind == "turn":
                status, answer = _request(
                    f"{self.base}/api/turn",
                    json.dumps({**item, "acked": self.after}).encode("utf-8"),
                    self.token,
                )
                if status == 409 and "last" in answer:
                    self._resend_from(int(answer["last"]) + 1)
                    continue
            else:
                zipped = _zipped(Path(item))
                if zipped is None:
                    status = 200  # the folder has gone: nothing left to send
                else:
                    status, answer = _request(
                        f"{self.base}/api/exports", zipped, self.token, "application/zip"
                    )
            if status == 401 or status >= 500:
                raise Unreachable(f"the server answered {status}; trying again later")
            with self.lock:
                if self.outbox and self.outbox[0] == (kind, item):
                    self.outbox.popleft()  # accepted, or refused for good (a bad message is not retried)
                    self._keep()

    def _resend_from(self, turn: int) -> None:
        # The server lacks turns before the first one waiting (it lost them, or never had them):
        # send them first, from what this laptop sent before. Nothing waiting is dropped; when this
        # laptop no longer has the turn the server needs, it tries again later.
        with self.lock:
            turns = {t: m for t, m in self.sent_turns.items() if t >= turn}
            turns.update({int(m["turn"]): m for kind, m in self.outbox if kind == "turn"})
            queued = [x for x in self.outbox if x[0] != "turn"]
            self.outbox = deque([("turn", turns[t]) for t in sorted(turns)] + queued)
            self._keep()
            if turn not in turns:
                raise Unreachable(f"the server needs turn {turn}, which this laptop does not have")

    def _poll(self) -> None:
        query = f"after={self.after}"
        planning = self.planning
        if planning is not None:
            query += f"&turn={planning[0]}&left={planning[1]:.0f}"
        status, said = _request(f"{self.base}/api/commands?{query}", token=self.token)
        # A refused token: the group was joined again from another window or laptop (each join
        # gives a new one), and this window's turns are no longer taken.
        self.replaced = status == 401
        if status != 200:
            if status == 401:
                raise Unreachable("the server no longer knows this group's token")
            return
        try:
            answer = CommandsAnswer.model_validate(said)
        except ValidationError:
            return  # not the class server's: as if it had not answered
        with self.lock:
            for command in answer.commands:
                if not (command.kind in ("pause", "resume") and command.id <= self.joined_through):
                    self.inbox.append(command.model_dump(exclude_none=True))
                self.after = max(self.after, command.id)
            self.paused = answer.paused
            self.ended = answer.ended


def _zipped(folder: Path) -> bytes | None:
    """An export folder's files as one zip, or None when the folder is gone."""
    if not folder.is_dir():
        return None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.iterdir()):
            if path.is_file():
                z.write(path, path.name)
    return buffer.getvalue()


def join_class(url: str, class_code: str, group: str, data: Path | None = None) -> tuple[ClassLink, Joined]:
    """Join and start the link's thread, with the outbox kept in the data folder `data` (the
    game's own by default); raises JoinRefused or Unreachable. `link.problem` says when what this
    laptop kept could not be read (the game goes on from the server's record)."""
    from game.paths import user_data_dir

    url = url.strip().rstrip("/")
    if "://" not in url:  # "localhost:8799", as a teacher writes it on the board
        url = f"http://{url}"
    link = ClassLink(url, class_code, group, kept=Outbox(data or user_data_dir(), url, class_code, group))
    joined = link.join()
    link.start()
    return link, joined


def turn_message(game, report, acked: int = 0) -> dict[str, Any]:
    """What the server keeps of a turn: its plans, the facilitator's acts, the meters after it, the
    scores, and the log so far (from which a laptop taking over the group goes on)."""
    from game.core.meters import SHARED, WASHINGTON
    from game.session.story import provisional_note

    meters = game.state.meters
    return {
        "turn": report.turn,
        "level": game.level.id,
        "plans": game.log.turns[report.turn - 1].model_dump() if len(game.log.turns) >= report.turn else {},
        "acts": [a.model_dump(mode="json") for a in game.log.acts_of_turn(report.turn)],
        "meters": {m: round(float(meters[m]), 2) for m in (*SHARED, *WASHINGTON) if m in meters},
        # In a session set to end early, the scores it would end with now (provisional), as the
        # group's board shows them: what the teacher compares between groups at the same turn.
        "scores": {s: round(v, 1) for s, v in game.scores_now().items()},
        # "provisional (6 of 12 turns)" for a session ended before the level's last turn, else "".
        "scored": provisional_note(game),
        "scored_turns": list(scored) if (scored := game.provisional or game.scored_now()) else None,
        "finished": game.over,
        "outcome": game.state.outcome,
        "log": game.log.model_dump(mode="json"),
        "acked": acked,
    }
