"""The class server's web application (Starlette): the groups' API, the teacher's API and
dashboard, the live feed over a WebSocket, and the collected exports.

Groups: `POST /api/join` (class code and group name -> a token and the session's set-up),
`POST /api/turn` (a turn played), `GET /api/commands` (the facilitator's acts since the last
one), `POST /api/exports` (the exports, as a zip). The teacher: `POST /api/login`, `GET
/api/groups`, `GET /api/session`, `GET /api/acts` (the teacher's record), `POST
/api/pause|resume|inject|adjust|end|takeover`, `GET /exports.zip` (with the record as
`teacher-acts.csv`), `WS /ws`, and the dashboard at `/`.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import time
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from game.classroom.pack import GROUP_NAME_MOST
from game.core.engine import ADJUSTABLE
from game.core.meters import SHARED, WASHINGTON, label
from game.i18n import language_name
from game.server.answers import MAX_ID, MAX_PLANNING_SECONDS
from game.server.auth import COOKIE, COOKIE_HOURS, TeacherAuth
from game.server.messages import read_turn
from game.server.store import Store
from game.server.words import ADJUSTABLE_SHOWN
from game.text import spreadsheet_safe, without_control

STATIC = Path(__file__).resolve().parent / "static"
ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
ONLINE_SECONDS = 15  # a group heard from this recently shows as connected
MAX_EXPORT_BYTES = 20_000_000
# A turn carries the game's log so far: tens of kilobytes for a whole level, so this is ample.
MAX_MESSAGE_BYTES = 2_000_000
ACTS_SHOWN = 200  # the teacher's latest acts on the dashboard (the API and the exports hold all)
ACT_NAMES = {
    "pause": "Pause",
    "resume": "Resume",
    "inject": "Inject",
    "schedule": "Schedule",
    "adjust": "Adjust",
    "end": "End",
    "takeover": "Takeover",
}


@dataclass
class ClassSession:
    """What the server serves: the session's set-up (sent to every group that joins), the level's
    events (for the dashboard's inject list) and outcomes (for a finished group), and the class
    code."""

    config: dict[str, Any]
    events: list[dict[str, str]]
    turns: int
    class_code: str
    data: Path
    outcomes: dict[str, str] = field(default_factory=dict)  # id -> title, in the class's language
    title: str = ""  # the level's, in the class's language (the dashboard named it by its id)
    sockets: set[WebSocket] = field(default_factory=set)
    # Each group's planning timer as its laptop last told it (group id -> (turn, seconds left)):
    # a laptop that joins the group again goes on with it. Kept in memory only: a server started
    # again forgets it, and its groups' timers start afresh, as every timer did before.
    planning: dict[int, tuple[int, float]] = field(default_factory=dict)


def planning_told(turn: str, left: str) -> tuple[int, float] | None:
    """(turn, seconds left) from a poll's `turn` and `left`, or None when they are not both
    numbers in range (a laptop of an earlier version sends neither)."""
    try:
        number, seconds = int(turn[:6]), float(left[:8])
    except ValueError:
        return None
    if not (1 <= number <= 10_000 and 0 <= seconds <= MAX_PLANNING_SECONDS):  # (NaN is not in range)
        return None
    return number, seconds


async def capped(request: Request, limit: int) -> bytes | None:
    """The request's body, read no further than `limit` bytes: None when it is longer (a message
    of any size would otherwise be held in memory whole before it could be refused)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _slug(text: str) -> str:
    # Letters and digits of any script, as the laptops' own export folders keep them
    # (game.classroom.exports.folder_name): "Группа А" and "Группа Б" were both "group".
    return re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", text)).strip("-")[:40] or "group"


def group_view(row, turns: int) -> dict[str, Any]:
    summary = json.loads(row["summary"] or "{}")
    meters = summary.get("meters") or {}
    washington = max(meters.get("washington.thaw_moscow", 0.0), meters.get("washington.thaw_beijing", 0.0))
    return {
        "name": row["name"],
        "level": summary.get("level"),
        "turn": row["turn"],
        "turns": turns,
        "finished": bool(row["finished"]),
        "paused": bool(row["paused"]),
        "connected": time.time() - row["last_seen"] < ONLINE_SECONDS,
        "takeover_allowed": bool(row["takeover_allowed"]),
        "scores": summary.get("scores") or {},
        "scored": str(summary.get("scored") or ""),  # "provisional (6 of 12 turns)", or "" for final
        # The same as [6, 12], for the page to say in the class's language (None: final).
        "scored_turns": summary.get("scored_turns"),
        "outcome": summary.get("outcome"),
        "band": summary.get("band"),
        "meters": {m: meters[m] for m in (*SHARED, *WASHINGTON) if m in meters},
        "limits": {
            "identity_gap": meters.get("identity_gap"),
            "method_divergence": meters.get("method_divergence"),
            "central_asia_rivalry": meters.get("central_asia_rivalry"),
            "washington_thaw": washington if meters else None,
        },
    }


def acts_csv(acts: list[dict[str, Any]]) -> bytes:
    """The teacher's record as a spreadsheet reads it: time (the server's clock), act, group,
    details; UTF-8 with a byte-order mark, as the groups' own CSV files."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["time", "act", "group", "details"])
    for a in acts:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(a["at"]))
        # (the group's name and the reasons were typed by people)
        writer.writerow(
            [
                when,
                ACT_NAMES.get(a["kind"], a["kind"]),
                spreadsheet_safe(a["group"] or "every group"),
                spreadsheet_safe(without_control(a["details"] or "")),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def create_app(store: Store, session: ClassSession, auth: TeacherAuth) -> Starlette:
    """The server's application over `store`."""

    def snapshot() -> dict[str, Any]:
        return {
            "groups": [group_view(r, session.turns) for r in store.groups()],
            "ended": store.meta("ended") == "1",
            "paused_all": store.meta("paused_all") == "1",
            "acts": store.acts(last=ACTS_SHOWN),
        }

    async def broadcast() -> None:
        if not session.sockets:
            return
        message = json.dumps(snapshot())
        for ws in list(session.sockets):
            try:
                await ws.send_text(message)
            except Exception:  # a closed page: forget it
                session.sockets.discard(ws)

    def timer_left(row) -> dict[str, Any]:
        # The planning time the group's laptop last had, for the turn the group is planning now.
        told = session.planning.get(row["id"])
        if told is None or told[0] != row["turn"] + 1:
            return {}
        return {"timer": {"turn": told[0], "left": told[1]}}

    # -- who is asking ------------------------------------------------------------------------------
    def teacher(request: Request) -> bool:
        if auth.cookie_ok(request.cookies.get(COOKIE)):
            return True
        header = request.headers.get("authorization", "")
        return header.startswith("Bearer ") and auth.check_bearer(header[7:])

    def the_group(request: Request):
        header = request.headers.get("authorization", "")
        return store.group_by_token(header[7:]) if header.startswith("Bearer ") else None

    def refused(status: int, why: str) -> JSONResponse:
        return JSONResponse({"error": why}, status_code=status)

    async def body(request: Request) -> dict[str, Any]:
        raw = await capped(request, MAX_MESSAGE_BYTES)
        try:
            data = json.loads(raw) if raw else {}
        except (ValueError, RecursionError):  # (not JSON, or nested deeper than Python recurses)
            return {}
        return data if isinstance(data, dict) else {}

    # -- the groups -------------------------------------------------------------------------------
    async def join(request: Request) -> Response:
        data = await body(request)
        if str(data.get("class_code", "")).strip().upper() != session.class_code:
            return refused(403, "the class code is not this class's")
        name = str(data.get("group", "")).strip()[:GROUP_NAME_MOST]
        client_id = str(data.get("client_id", ""))[:80]
        if store.meta("ended") == "1":
            # Only a group's own laptop comes back after the end: to send the turns it kept offline.
            row = store.group(name)
            if row is None or not client_id or row["client_id"] != client_id:
                return refused(409, "the session has ended")
        if not name:
            return refused(400, "a group needs a name")
        allowed = session.config.get("groups") or []
        if allowed and name not in allowed:
            return refused(403, f"no group '{name}' in this class (the groups: {', '.join(allowed)})")
        token, why = store.claim(name, client_id)
        if token is None:
            return refused(409, why)
        row = store.group(name)
        assert row is not None
        await broadcast()
        return JSONResponse(
            {
                "token": token,
                "group": name,
                "session": session.config,
                "log": json.loads(row["log"]) if row["log"] else None,
                "turn": row["turn"],
                "paused": bool(row["paused"]),
                # The teacher's newest act for the group so far: its pauses and resumes are in
                # `paused` already (the others the laptop takes as its game lacks them).
                "latest": max((c["id"] for c in store.commands_for(row["id"], 0)), default=0),
                **timer_left(row),
            }
        )

    async def turn(request: Request) -> Response:
        row = the_group(request)
        if row is None:
            return refused(401, "this group's token is not known here (join again)")
        raw = await capped(request, MAX_MESSAGE_BYTES)
        if raw is None:
            return refused(413, "the turn is too large")
        try:
            sent = json.loads(raw)
        except (ValueError, RecursionError):
            return refused(400, "a turn is sent as JSON")
        data, problem = read_turn(sent)
        if data is None:
            return refused(400, f"the turn is not in the form this server keeps: {problem}")
        number = data["turn"]
        last = store.last_turn(row["id"])
        if number > last + 1:
            return JSONResponse({"error": "a turn is missing", "last": last}, status_code=409)
        fresh = store.add_turn(row["id"], number, data)
        await broadcast()
        return JSONResponse({"accepted": number, "fresh": fresh})

    async def commands(request: Request) -> Response:
        row = the_group(request)
        if row is None:
            return refused(401, "this group's token is not known here (join again)")
        try:
            after = int(request.query_params.get("after", "0")[:20])
        except ValueError:
            after = 0
        after = min(max(after, 0), MAX_ID)  # (SQLite keeps integers of 64 bits)
        told = planning_told(request.query_params.get("turn", ""), request.query_params.get("left", ""))
        if told is not None:
            session.planning[row["id"]] = told
        quiet = time.time() - row["last_seen"]
        was_connected = quiet < ONLINE_SECONDS
        if quiet > 5 or after > row["acked"]:  # a write a second per group would be wasted
            store.seen(row["id"], after)
        if not was_connected:
            await broadcast()
        return JSONResponse(
            {
                "commands": store.commands_for(row["id"], after),
                "paused": bool(row["paused"]),
                "ended": store.meta("ended") == "1",
            }
        )

    async def exports_in(request: Request) -> Response:
        row = the_group(request)
        if row is None:
            return refused(401, "this group's token is not known here (join again)")
        data = await capped(request, MAX_EXPORT_BYTES)
        if data is None:
            return refused(413, "the exports are too large")
        # The group's number keeps apart two names that make the same folder name.
        folder = session.data / "exports" / f"{row['id']:02d}-{_slug(row['name'])}"
        files: dict[str, bytes] = {}
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                infos = [i for i in z.infolist() if not i.is_dir()]
                if sum(i.file_size for i in infos) > MAX_EXPORT_BYTES or len(infos) > 50:
                    return refused(413, "the exports are too large")
                # The game's own zips are deflated and never encrypted: any other entry is one
                # zipfile may not undo, and is refused before a byte of it is read.
                if any(i.compress_type not in ZIP_METHODS or i.flag_bits & 0x1 for i in infos):
                    return refused(400, "the exports are not a zip file the game wrote")
                for info in infos:
                    name = Path(info.filename).name  # plain names only: nothing written outside
                    if name and not name.startswith(".") and len(name.encode("utf-8")) <= 120:
                        files[name] = z.read(info)
        # (not a zip, or one cut short or lying about its entries: all of it is read before any
        # is written, so none is half kept)
        except (zipfile.BadZipFile, EOFError, ValueError, zlib.error):
            return refused(400, "the exports are not a zip file the game wrote")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name, content in files.items():
                (folder / name).write_bytes(content)
        except OSError as e:
            return refused(507, f"the exports could not be kept on the server: {e.strerror or e}")
        return JSONResponse({"kept": str(folder.name)})

    # -- the teacher ------------------------------------------------------------------------------
    async def login(request: Request) -> Response:
        address = request.client.host if request.client else "?"
        wait = auth.throttle.wait_for(address)
        if wait > 0:
            return JSONResponse(
                {"error": f"too many wrong passphrases; try again in {wait:.0f} s", "wait": wait},
                status_code=429,
            )
        data = await body(request)
        passphrase = str(data.get("passphrase", ""))
        ok = await asyncio.get_running_loop().run_in_executor(None, auth.check, passphrase)
        if not ok:
            wait = auth.throttle.failed(address)
            return JSONResponse(
                {"error": "that is not the passphrase", "wait": wait},
                status_code=401,
            )
        auth.throttle.succeeded(address)
        response = JSONResponse({"ok": True})
        response.set_cookie(
            COOKIE, auth.cookie(), max_age=COOKIE_HOURS * 3600, httponly=True, samesite="strict"
        )
        return response

    async def logout(request: Request) -> Response:
        response = JSONResponse({"ok": True})
        response.delete_cookie(COOKIE)
        return response

    async def groups(request: Request) -> Response:
        if not teacher(request):
            return refused(401, "the passphrase is needed (Authorization: Bearer <passphrase>)")
        out = []
        for row in store.groups():
            view = group_view(row, session.turns)
            out.append(
                {
                    k: view[k]
                    for k in (
                        "name",
                        "level",
                        "turn",
                        "finished",
                        "scores",
                        "scored",
                        "scored_turns",
                        "meters",
                    )
                }
            )
        return JSONResponse({"groups": out})

    async def session_info(request: Request) -> Response:
        if not teacher(request):
            return refused(401, "log in first")
        return JSONResponse(
            {
                "config": session.config,
                "title": session.title or session.config.get("level", ""),
                # The class's language by its own name ("Русский"): the code read "язык ru".
                "language_name": language_name(session.config["language"])
                if session.config.get("language")
                else "",
                "class_code": session.class_code,
                "events": session.events,
                "outcomes": session.outcomes,
                "meters": list(ADJUSTABLE_SHOWN),
                # Their names as players read them (the page says each in the class's language).
                "meter_labels": {m: label(m) for m in ADJUSTABLE_SHOWN},
                "turns": session.turns,
                "commands": store.all_commands(),
                **snapshot(),
            }
        )

    async def acts(request: Request) -> Response:
        if not teacher(request):
            return refused(401, "the passphrase is needed (Authorization: Bearer <passphrase>)")
        return JSONResponse({"acts": store.acts()})

    def target(data: dict[str, Any]):
        """(group id or None for every group, error response or None)."""
        name = data.get("group")
        if not name:
            return None, None
        row = store.group(str(name))
        if row is None:
            return None, refused(404, f"no group '{name}'")
        return row["id"], None

    async def act(request: Request) -> Response:
        if not teacher(request):
            return refused(401, "log in first")
        kind = request.path_params["kind"]
        data = await body(request)
        group_id, error = target(data)
        if error is not None:
            return error
        payload: dict[str, Any] = {}
        logged, details = kind, ""
        if kind in ("pause", "resume"):
            store.set_paused(group_id, kind == "pause")
            if group_id is None:
                store.set_meta("paused_all", "1" if kind == "pause" else "0")
        elif kind == "inject":
            event = str(data.get("event", ""))
            if event not in {e["id"] for e in session.events}:
                return refused(400, f"no event '{event}' in this level")
            payload = {"event": event}
            details = next(e["title"] for e in session.events if e["id"] == event)
            if data.get("turn") not in (None, ""):
                turn = data["turn"]
                written = isinstance(turn, str) and turn.strip().isdecimal() and len(turn.strip()) <= 6
                if not (type(turn) is int or written):
                    return refused(400, "the turn is a whole number")
                if not 1 <= int(turn) <= session.turns:
                    return refused(400, f"the turn is one of the session's, 1 to {session.turns}")
                payload["turn"] = int(turn)
                logged, details = "schedule", f"{details}, at turn {payload['turn']}"
            else:
                details += ", as the turn being played resolves"
        elif kind == "adjust":
            try:
                delta = float(data.get("delta", 0))
            except (TypeError, ValueError):
                return refused(400, "the amount is a number")
            meter, reason = str(data.get("meter", "")), without_control(str(data.get("reason", ""))).strip()
            if meter not in ADJUSTABLE:
                return refused(400, f"'{meter}' is not a meter that can be adjusted")
            if not reason:
                return refused(400, "give the class a reason for the adjustment")
            if delta == 0 or not -100 <= delta <= 100:
                return refused(400, "move the meter by -100 to +100, not 0")
            payload = {"meter": meter, "delta": delta, "reason": reason[:500]}
            details = f"{label(meter)} {delta:+g}: {payload['reason']}"
        elif kind == "end":
            payload = {"reason": without_control(str(data.get("reason", ""))).strip()[:500]}
            details = payload["reason"]
            if group_id is None:
                store.set_meta("ended", "1")
        elif kind == "takeover":
            if group_id is None:
                return refused(400, "name the group whose laptop is changing")
            store.allow_takeover(str(data["group"]))
            store.log_act("takeover", str(data["group"]), "another laptop may take the group over")
            await broadcast()
            return JSONResponse({"ok": True})
        else:
            return refused(404, f"no act '{kind}'")
        command = store.add_command(group_id, kind, payload)
        store.log_act(logged, str(data["group"]) if group_id is not None else None, details)
        await broadcast()
        answer: dict[str, Any] = {"ok": True, "command": command}
        if kind == "inject" and "turn" in payload:
            # Groups already planning a later turn take it in the one they are planning: said, for
            # "at turn 2" with every group at turn 4 was taken silently, and the event then came
            # in turn 4 and, scheduled again for turn 5, twice.
            answer["past"] = [
                row["name"]
                for row in store.groups()
                if (group_id is None or row["id"] == group_id) and row["turn"] + 1 > payload["turn"]
            ]
        return JSONResponse(answer)

    async def exports_zip(request: Request) -> Response:
        if not teacher(request):
            return refused(401, "log in first")
        root = session.data / "exports"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("teacher-acts.csv", acts_csv(store.acts()))
            if root.is_dir():
                for path in sorted(root.rglob("*")):
                    if path.is_file():
                        z.write(path, path.relative_to(root).as_posix())
        return Response(
            buffer.getvalue(),
            media_type="application/zip",
            headers={"Content-Disposition": 'attachment; filename="class-exports.zip"'},
        )

    async def feed(websocket: WebSocket) -> None:
        if not auth.cookie_ok(websocket.cookies.get(COOKIE)):
            await websocket.close(code=4401)
            return
        await websocket.accept()
        session.sockets.add(websocket)
        try:
            await websocket.send_text(json.dumps(snapshot()))
            while True:
                # The page sends nothing; a receive with a timeout keeps "connected" fresh.
                try:
                    await asyncio.wait_for(websocket.receive_text(), timeout=5)
                except asyncio.TimeoutError:
                    await websocket.send_text(json.dumps(snapshot()))
        except (WebSocketDisconnect, RuntimeError):
            pass
        finally:
            session.sockets.discard(websocket)

    async def words(request: Request) -> Response:
        # The dashboard's words in the class's language (nothing secret: the login page needs them).
        from game.server.words import dashboard_words

        return JSONResponse(
            {
                "language": session.config.get("language") or "en",
                "words": dashboard_words(session.config.get("language")),
            }
        )

    def static(name: str, media: str):
        async def serve(request: Request) -> Response:
            return FileResponse(STATIC / name, media_type=media, headers={"Cache-Control": "no-cache"})

        return serve

    routes = [
        Route("/", static("index.html", "text/html")),
        Route("/dashboard.js", static("dashboard.js", "text/javascript")),
        Route("/dashboard.css", static("dashboard.css", "text/css")),
        Route("/words.json", words),
        Route("/api/join", join, methods=["POST"]),
        Route("/api/turn", turn, methods=["POST"]),
        Route("/api/commands", commands),
        Route("/api/exports", exports_in, methods=["POST"]),
        Route("/api/login", login, methods=["POST"]),
        Route("/api/logout", logout, methods=["POST"]),
        Route("/api/groups", groups),
        Route("/api/session", session_info),
        Route("/api/acts", acts),
        Route("/api/{kind}", act, methods=["POST"]),
        Route("/exports.zip", exports_zip),
        WebSocketRoute("/ws", feed),
    ]
    return Starlette(routes=routes)
