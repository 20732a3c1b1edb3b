"""The class server's store: one SQLite file in the data folder, in WAL mode, committed after every
accepted turn and every facilitator's act, so that a server killed at any moment loses nothing it
has answered "accepted" to.

Tables: `meta` (the passphrase's scrypt hash, the class code, the cookie secret, the pack), `groups`
(each group's claim and its latest figures), `turns` (one row a group's turn, as the client sent
it), `commands` (the facilitator's acts, for one group or all, picked up by the clients), `acts` (the
teacher's own record of what was done and when, pauses, takeovers and the end included, for the
dashboard's list and the collected exports).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL,
    client_id TEXT NOT NULL,
    takeover_allowed INTEGER NOT NULL DEFAULT 0,
    paused INTEGER NOT NULL DEFAULT 0,
    joined_at REAL NOT NULL,
    last_seen REAL NOT NULL,
    turn INTEGER NOT NULL DEFAULT 0,
    finished INTEGER NOT NULL DEFAULT 0,
    acked INTEGER NOT NULL DEFAULT 0,
    summary TEXT NOT NULL DEFAULT '{}',
    log TEXT
);
CREATE TABLE IF NOT EXISTS turns (
    group_id INTEGER NOT NULL REFERENCES groups(id),
    turn INTEGER NOT NULL,
    body TEXT NOT NULL,
    received_at REAL NOT NULL,
    PRIMARY KEY (group_id, turn)
);
CREATE TABLE IF NOT EXISTS commands (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id INTEGER REFERENCES groups(id),
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS acts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    kind TEXT NOT NULL,
    group_name TEXT,
    details TEXT NOT NULL DEFAULT ''
);
"""

DB_NAME = "class.sqlite3"


def token_hash(token: str) -> str:
    # A group's token is 32 random bytes: a plain hash is enough (nothing to guess from it).
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Store:
    """The server's SQLite file. One connection, used under a lock by the server's threads."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.path = folder / DB_NAME
        self.lock = threading.RLock()
        self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit is on disk before the client hears "accepted", even if the machine stops.
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # -- meta -------------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        with self.lock:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def meta_or(self, key: str, make) -> str:
        """The value kept under `key`, made and kept on first use."""
        with self.lock:
            value = self.meta(key)
            if value is None:
                value = make()
                self.set_meta(key, value)
            return value

    # -- groups -----------------------------------------------------------------------------------
    def group(self, name: str) -> sqlite3.Row | None:
        with self.lock:
            return self.db.execute("SELECT * FROM groups WHERE name = ?", (name,)).fetchone()

    def group_by_token(self, token: str) -> sqlite3.Row | None:
        with self.lock:
            return self.db.execute(
                "SELECT * FROM groups WHERE token_hash = ?", (token_hash(token),)
            ).fetchone()

    def groups(self) -> list[sqlite3.Row]:
        with self.lock:
            return list(self.db.execute("SELECT * FROM groups ORDER BY id"))

    def claim(self, name: str, client_id: str) -> tuple[str | None, str]:
        """(token, "") for a group now claimed by `client_id`, or (None, why not)."""
        token = secrets.token_urlsafe(32)
        now = time.time()
        with self.lock:
            row = self.group(name)
            if row is None:
                # A group that joins while the whole class is paused waits with the others: the
                # teacher's "Pause all" held only the groups there when it was pressed.
                paused = int(self.meta("paused_all") == "1")
                self.db.execute(
                    "INSERT INTO groups (name, token_hash, client_id, joined_at, last_seen, paused) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (name, token_hash(token), client_id, now, now, paused),
                )
                return token, ""
            if row["client_id"] != client_id and not row["takeover_allowed"]:
                return None, (
                    f"the group '{name}' is already playing on another laptop; "
                    "the teacher can allow a takeover from the dashboard"
                )
            self.db.execute(
                "UPDATE groups SET token_hash = ?, client_id = ?, takeover_allowed = 0, last_seen = ? WHERE id = ?",
                (token_hash(token), client_id, now, row["id"]),
            )
            return token, ""

    def allow_takeover(self, name: str) -> bool:
        with self.lock:
            cur = self.db.execute("UPDATE groups SET takeover_allowed = 1 WHERE name = ?", (name,))
            return cur.rowcount > 0

    def seen(self, group_id: int, acked: int | None = None) -> None:
        with self.lock:
            if acked is None:
                self.db.execute("UPDATE groups SET last_seen = ? WHERE id = ?", (time.time(), group_id))
            else:
                self.db.execute(
                    "UPDATE groups SET last_seen = ?, acked = MAX(acked, ?) WHERE id = ?",
                    (time.time(), acked, group_id),
                )

    def set_paused(self, group_id: int | None, paused: bool) -> None:
        with self.lock:
            if group_id is None:
                self.db.execute("UPDATE groups SET paused = ?", (int(paused),))
            else:
                self.db.execute("UPDATE groups SET paused = ? WHERE id = ?", (int(paused), group_id))

    # -- turns ------------------------------------------------------------------------------------
    def last_turn(self, group_id: int) -> int:
        with self.lock:
            row = self.db.execute(
                "SELECT MAX(turn) AS t FROM turns WHERE group_id = ?", (group_id,)
            ).fetchone()
        return int(row["t"] or 0)

    def add_turn(self, group_id: int, turn: int, body: dict[str, Any]) -> bool:
        """Keep a turn a group played (and its figures as the group's latest), in one commit.
        A turn already kept is accepted again unchanged (a client resending after a lost answer)."""
        now = time.time()
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO turns (group_id, turn, body, received_at) VALUES (?, ?, ?, ?)",
                    (group_id, turn, json.dumps(body), now),
                )
                fresh = cur.rowcount > 0
                # A turn sent again as the game's last (the facilitator ended it) updates the figures.
                if fresh or body.get("finished"):
                    summary = {
                        k: body.get(k)
                        for k in ("level", "meters", "scores", "scored", "scored_turns", "outcome", "band")
                    }
                    self.db.execute(
                        "UPDATE groups SET turn = MAX(turn, ?), finished = ?, summary = ?, log = ?, "
                        "last_seen = ?, acked = MAX(acked, ?) WHERE id = ?",
                        (
                            turn,
                            int(bool(body.get("finished"))),
                            json.dumps(summary),
                            json.dumps(body.get("log")) if body.get("log") is not None else None,
                            now,
                            int(body.get("acked") or 0),
                            group_id,
                        ),
                    )
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        return fresh

    def turns(self, group_id: int) -> list[dict[str, Any]]:
        with self.lock:
            rows = self.db.execute(
                "SELECT body FROM turns WHERE group_id = ? ORDER BY turn", (group_id,)
            ).fetchall()
        return [json.loads(r["body"]) for r in rows]

    # -- the facilitator's acts -------------------------------------------------------------------
    def add_command(self, group_id: int | None, kind: str, payload: dict[str, Any]) -> int:
        with self.lock:
            cur = self.db.execute(
                "INSERT INTO commands (group_id, kind, payload, created) VALUES (?, ?, ?, ?)",
                (group_id, kind, json.dumps(payload), time.time()),
            )
            return int(cur.lastrowid or 0)

    def commands_for(self, group_id: int, after: int) -> list[dict[str, Any]]:
        with self.lock:
            rows = self.db.execute(
                "SELECT * FROM commands WHERE id > ? AND (group_id IS NULL OR group_id = ?) ORDER BY id",
                (after, group_id),
            ).fetchall()
        return [{"id": r["id"], "kind": r["kind"], **json.loads(r["payload"])} for r in rows]

    def all_commands(self) -> list[dict[str, Any]]:
        with self.lock:
            rows = self.db.execute("SELECT * FROM commands ORDER BY id").fetchall()
        return [
            {"id": r["id"], "group_id": r["group_id"], "kind": r["kind"], **json.loads(r["payload"])}
            for r in rows
        ]

    # -- the teacher's record ---------------------------------------------------------------------
    def log_act(
        self, kind: str, group: str | None, details: str = "", at: float | None = None
    ) -> dict[str, Any]:
        """Keep one of the teacher's acts (committed before the dashboard hears it was done)."""
        when = time.time() if at is None else at
        with self.lock:
            cur = self.db.execute(
                "INSERT INTO acts (at, kind, group_name, details) VALUES (?, ?, ?, ?)",
                (when, kind, group, details),
            )
            number = int(cur.lastrowid or 0)
        return {"id": number, "at": when, "kind": kind, "group": group, "details": details}

    def acts(self, last: int | None = None) -> list[dict[str, Any]]:
        """The teacher's acts, oldest first (only the `last` ones when given)."""
        with self.lock:
            if last is None:
                rows = self.db.execute("SELECT * FROM acts ORDER BY id").fetchall()
            else:
                rows = self.db.execute("SELECT * FROM acts ORDER BY id DESC LIMIT ?", (last,)).fetchall()[
                    ::-1
                ]
        return [
            {
                "id": r["id"],
                "at": r["at"],
                "kind": r["kind"],
                "group": r["group_name"],
                "details": r["details"],
            }
            for r in rows
        ]
