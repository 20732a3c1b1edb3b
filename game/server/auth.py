"""Who may do what on the class server.

The teacher: the passphrase is kept only as a salted scrypt hash (the classroom's own); logging in
gives a session cookie signed with a secret kept in the store, so the passphrase is sent once and
never again. Wrong passphrases slow down: after each failure from an address, the next attempt
from it waits longer (1, 2, 4... up to 60 seconds). Tools may send `Authorization: Bearer
<passphrase>` to the JSON API instead (checked once, then remembered as a hash in memory).

A group: the token it was given when it joined, which lets it write its own group only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field

from game.classroom.session import hash_passphrase, passphrase_matches

COOKIE = "pp_teacher"
COOKIE_HOURS = 12
MAX_WAIT = 60.0


def new_secret() -> str:
    return secrets.token_hex(32)


def new_class_code() -> str:
    """A short code to read out to the class: six letters and digits that cannot be mistaken."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


@dataclass
class Throttle:
    """Failed logins by address: how long the next attempt from it must wait."""

    failures: dict[str, tuple[int, float]] = field(default_factory=dict)  # address -> (count, next allowed)

    def wait_for(self, address: str, now: float | None = None) -> float:
        _, allowed = self.failures.get(address, (0, 0.0))
        return max(0.0, allowed - (time.monotonic() if now is None else now))

    def failed(self, address: str) -> float:
        count, _ = self.failures.get(address, (0, 0.0))
        count += 1
        wait = min(MAX_WAIT, 2.0 ** (count - 1))
        self.failures[address] = (count, time.monotonic() + wait)
        return wait

    def succeeded(self, address: str) -> None:
        self.failures.pop(address, None)


class TeacherAuth:
    """The passphrase's hash, the cookie's secret and the throttle."""

    def __init__(self, passphrase_hash: str, secret: str):
        self.passphrase_hash = passphrase_hash
        self.secret = secret.encode("ascii")
        self.throttle = Throttle()
        self._bearers: set[str] = set()  # sha256 of passphrases already checked against the hash

    @staticmethod
    def hash(passphrase: str) -> str:
        return hash_passphrase(passphrase)

    def check(self, passphrase: str) -> bool:
        return passphrase_matches(passphrase, self.passphrase_hash)

    def check_bearer(self, passphrase: str) -> bool:
        key = hashlib.sha256(passphrase.encode("utf-8")).hexdigest()
        if key in self._bearers:
            return True
        if self.check(passphrase):
            self._bearers.add(key)
            return True
        return False

    def cookie(self, now: float | None = None) -> str:
        expires = int((time.time() if now is None else now) + COOKIE_HOURS * 3600)
        body = f"{expires}.{secrets.token_hex(8)}"
        return f"{body}.{self._sign(body)}"

    def cookie_ok(self, value: str | None, now: float | None = None) -> bool:
        if not value or value.count(".") != 2:
            return False
        body, _, signature = value.rpartition(".")
        if not hmac.compare_digest(signature, self._sign(body)):
            return False
        try:
            return int(body.split(".")[0]) > (time.time() if now is None else now)
        except ValueError:
            return False

    def _sign(self, body: str) -> str:
        return hmac.new(self.secret, body.encode("ascii"), hashlib.sha256).hexdigest()
