"""A group's outbox on its laptop, kept in the game's data folder: the turns (and the exports) not
yet sent to the class server, and the laptop's own id for the group.

The link keeps it in memory and writes it through here whenever it changes (`write_atomic`: a
laptop closed or crashing at any moment leaves the last whole outbox, never half of one). When the
same group joins the same class again (a laptop shut while the Wi-Fi was away, and opened again),
the link starts from it: the laptop is known as the group's (no takeover needed), its game goes on
from the last turn it played, and what waited is sent, in order. The server keeps a turn once by
group and number, so a turn sent twice is harmless.

A file that cannot be read (damaged, or not an outbox) is set aside beside itself, never deleted,
and the message says where; the game then goes on from the server's record. Plain Python and the
game's file helpers: no pygame, no web framework.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.session.atomic import read_bounded, set_aside, write_atomic
from game.session.data_folder import DataFolderError, why, writing

FOLDER = "class-outbox"
VERSION = 1
MAX_BYTES = 64_000_000  # a whole game's turns, each with its log, fit many times over


@dataclass
class Kept:
    """What an outbox file held: the laptop's id for the group and what waits to be sent, in order
    (("turn", message) and ("exports", folder))."""

    client_id: str | None = None
    items: list[tuple[str, Any]] = field(default_factory=list)

    def turns(self) -> list[dict[str, Any]]:
        return [item for kind, item in self.items if kind == "turn"]


class OutboxDamaged(Exception):
    """The outbox file could not be read; str() says why, and where the file was set aside."""


def outbox_path(root: Path, url: str, class_code: str, group: str) -> Path:
    """The file of one group of one class on one server, in the data folder `root`."""
    key = f"{url.rstrip('/')}\n{class_code.strip().upper()}\n{group}".encode()
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", group).strip("-")[:30] or "group"
    return root / FOLDER / f"{slug}-{hashlib.sha256(key).hexdigest()[:16]}.json"


class Outbox:
    """One group's outbox file (see the module's docstring)."""

    def __init__(self, root: Path, url: str, class_code: str, group: str):
        self.folder = root / FOLDER
        self.path = outbox_path(root, url, class_code, group)
        self.header = {"server": url.rstrip("/"), "class_code": class_code.strip().upper(), "group": group}

    def load(self) -> Kept:
        """What the file holds (nothing when there is none); raises OutboxDamaged, after setting a
        file that cannot be read aside."""
        try:
            data = read_bounded(self.path, MAX_BYTES)
        except FileNotFoundError:
            return Kept()
        except OSError as e:
            raise self._set_aside(why(e)) from None
        try:
            return self._parse(json.loads(data.decode("utf-8")))
        except (ValueError, TypeError, KeyError, RecursionError) as e:
            raise self._set_aside(f"it is damaged ({e})") from None

    def _parse(self, found: Any) -> Kept:
        if not isinstance(found, dict) or found.get("version") != VERSION:
            raise ValueError("it is not an outbox of this version of the game")
        client_id = found.get("client_id")
        if client_id is not None and not isinstance(client_id, str):
            raise ValueError("the laptop's id is not text")
        items: list[tuple[str, Any]] = []
        for entry in found["items"]:
            kind = entry["kind"]
            if (
                kind == "turn"
                and isinstance(entry["message"], dict)
                and isinstance(entry["message"]["turn"], int)
            ):
                items.append(("turn", entry["message"]))
            elif kind == "exports" and isinstance(entry["folder"], str):
                items.append(("exports", entry["folder"]))
            else:
                raise ValueError(f"an item of kind {kind!r} is not one the game sends")
        return Kept(client_id, items)

    def _set_aside(self, reason: str) -> OutboxDamaged:
        try:
            kept = set_aside(self.path)
            where = f"it is kept as {kept}"
        except OSError as e:
            where = f"it stays at {self.path} ({why(e)})"
        return OutboxDamaged(
            f"the turns this laptop kept for the class server could not be read from {self.path}: "
            f"{reason}; {where}, and nothing in it is deleted. The game goes on from the server's record."
        )

    def save(self, client_id: str, items: list[tuple[str, Any]]) -> None:
        """Write what waits to be sent; raises DataFolderError (a full disk, a folder the game may
        not write) with the folder named."""
        entries = [
            {"kind": "turn", "message": item} if kind == "turn" else {"kind": "exports", "folder": str(item)}
            for kind, item in items
        ]
        body = {"version": VERSION, **self.header, "client_id": client_id, "items": entries}
        with writing(self.folder, "the turns wait in the game's memory and are sent while it runs"):
            write_atomic(self.path, json.dumps(body, ensure_ascii=False).encode("utf-8"))


__all__ = ["DataFolderError", "Kept", "Outbox", "OutboxDamaged", "outbox_path"]
