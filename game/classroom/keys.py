"""The facilitator's passphrases, kept in the teacher's data folder: never in a save or an export.

A classroom session's log (its autosave, its named saves, the exported `replay.json`) names its
passphrase only by a random key id. The salted hash sits in `facilitator/<key id>.json` in the data
folder of the computer where the session was started, together with a fingerprint of the session
it belongs to (its key id, level, seed, start time, group and teams). So:

- a save edited by hand, or made on another computer and opened here, cannot bring a passphrase
  of its own: the game only trusts what it wrote into this folder when the session started;
- it cannot borrow the passphrase of another session on this computer either (a student's own
  session): the fingerprint would have to be that session's, and then it is that session;
- an export carries nothing to guess the passphrase from, offline, at leisure.

What it cannot do: keep out someone who can change the files of this computer's account (they can
write a key of their own here, or change the game). docs/classroom.md says so to teachers.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.files import read_bounded
from game.paths import user_data_dir
from game.session.atomic import write_atomic
from game.session.data_folder import writing
from game.session.replay import ClassroomSpec

MAX_KEY_BYTES = 4096
_KEY_ID = re.compile(r"[0-9a-f]{32}")


class FacilitatorKey(BaseModel):
    """`facilitator/<key id>.json`: one session's passphrase, as a salted hash."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["pragmatic-partners/facilitator-key"] = "pragmatic-partners/facilitator-key"
    version: Literal[1] = 1
    session: str = Field(max_length=64, description="The fingerprint of the session it opens.")
    passphrase: str = Field(max_length=300, description="The passphrase, salted and hashed (scrypt).")


def keys_dir() -> Path:
    """Where this computer keeps the facilitators' passphrases."""
    return user_data_dir() / "facilitator"


def new_key_id() -> str:
    """A fresh key id: random, not a secret (it is written into the session's saves)."""
    return os.urandom(16).hex()


def fingerprint(spec: ClassroomSpec, level_id: str, seed: int) -> str:
    """What a key is bound to: the session as its log describes it."""
    described = json.dumps(
        [spec.session_key, level_id, seed, spec.started_at, spec.group, sorted(spec.teams.items())],
        ensure_ascii=True,
    )
    return hashlib.sha256(described.encode("ascii")).hexdigest()


def store(
    spec: ClassroomSpec, level_id: str, seed: int, passphrase_hash: str, folder: Path | None = None
) -> None:
    """Keep the passphrase's hash for this session; DataFolderError when it cannot be written."""
    folder = folder or keys_dir()
    key = FacilitatorKey(session=fingerprint(spec, level_id, seed), passphrase=passphrase_hash)
    with writing(folder, "the facilitator's panel opens until the game is closed"):
        write_atomic(folder / f"{spec.session_key}.json", key.model_dump_json().encode("ascii"))


def stored(spec: ClassroomSpec, level_id: str, seed: int, folder: Path | None = None) -> str | None:
    """The passphrase's hash kept here for this very session, or None (not started here, unreadable,
    or kept for another session)."""
    if not _KEY_ID.fullmatch(spec.session_key):
        return None
    try:
        data = read_bounded((folder or keys_dir()) / f"{spec.session_key}.json", MAX_KEY_BYTES)
        key = FacilitatorKey.model_validate_json(data)
    except (OSError, ValidationError):
        return None
    return key.passphrase if key.session == fingerprint(spec, level_id, seed) else None
