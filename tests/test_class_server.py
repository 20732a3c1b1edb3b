"""The class server end to end: a server in a subprocess on a free local port, three groups
joining with `play --join --autoplay`, the API and the collected exports; one group's connection
cut and restored mid-game; the server killed and restarted mid-session with no turn lost. And the
parts that need no server process: packs, the store, the teacher's auth."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from game.classroom.pack import read_pack
from game.server.auth import TeacherAuth, Throttle
from game.server.store import Store

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "sesame-class"
CODE = "TEST42"

PACK = """
level = "testing_event"
seed = 7
groups = ["Red", "Blue", "Green"]
end_after_turn = {turns}

[sides]
moscow = "team"
beijing = "normal"

[[inject]]
turn = 2
event = "wagner_mutiny"
"""


# -- no server process ---------------------------------------------------------------------------
def test_a_pack_reports_every_problem_with_its_line_and_the_nearest_name(tmp_path):
    path = tmp_path / "pack.toml"
    path.write_text(
        'level = "testing_event"\nseed = 3\ntimr = 5\n[[inject]]\nturn = 2\nevent = "wagner_mutiy"\n'
    )
    pack = read_pack(path)
    assert not pack.ok
    assert [str(p).split(": ", 1)[1] for p in pack.problems] == [
        "error: timr: unknown key 'timr' (did you mean 'timer'?)"
    ]
    path.write_text('level = "testing_event"\nseed = 3\n[[inject]]\nturn = 2\nevent = "wagner_mutiy"\n')
    pack = read_pack(path)
    (problem,) = pack.problems
    assert (problem.line, problem.path) == (5, "inject[1].event")
    assert "did you mean 'wagner_mutiny'" in problem.message
    # A group's name longer than the server keeps could never join: said at its line.
    path.write_text('level = "testing_event"\nseed = 3\ngroups = [\n  "Red",\n  "' + "G" * 61 + '",\n]\n')
    (problem,) = read_pack(path).problems
    assert (problem.line, problem.path) == (3, "groups[2]")  # (the list's line)
    assert "at most 60 characters" in problem.message


@pytest.mark.parametrize(
    "make, says",
    [
        (lambda p: os.mkfifo(p), "not a regular file"),
        (lambda p: p.write_text('level = "testing_event"\nseed = ' + "1" * 5000 + "\n"), "far too long"),
        (lambda p: p.write_text("x = " + "[" * 50_000), "too deeply"),
        (lambda p: p.write_text("x = " + "{a = " * 20_000), "too deeply"),
    ],
    ids=["pipe", "long-number", "deep-arrays", "deep-tables"],
)
def test_a_pack_that_is_no_file_or_past_pythons_limits_is_one_problem_not_a_hang(tmp_path, make, says):
    path = tmp_path / "pack.toml"
    make(path)
    (problem,) = read_pack(path).problems
    assert says in problem.message


def test_a_good_pack_is_read_with_its_schedule(tmp_path):
    path = tmp_path / "pack.toml"
    path.write_text(PACK.format(turns=4))
    pack = read_pack(path)
    assert pack.ok, pack.problems
    assert pack.spec is not None
    assert [(i.turn, i.event) for i in pack.spec.inject] == [(2, "wagner_mutiny")]
    assert pack.spec.groups == ["Red", "Blue", "Green"]


def test_a_second_laptop_cannot_claim_a_playing_group_until_the_teacher_allows_it(tmp_path):
    store = Store(tmp_path)
    token, _ = store.claim("Red", "laptop-1")
    assert token
    refused, why = store.claim("Red", "laptop-2")
    assert refused is None and "already playing" in why
    store.allow_takeover("Red")
    taken, _ = store.claim("Red", "laptop-2")
    assert taken and store.group_by_token(token) is None  # the old laptop's token writes no more
    assert store.group_by_token(taken)["name"] == "Red"


def test_a_turn_sent_twice_is_kept_once(tmp_path):
    store = Store(tmp_path)
    store.claim("Red", "laptop-1")
    group = store.group("Red")
    assert store.add_turn(group["id"], 1, {"turn": 1, "meters": {"partnership": 50}})
    assert not store.add_turn(group["id"], 1, {"turn": 1, "meters": {"partnership": 99}})
    assert store.turns(group["id"])[0]["meters"]["partnership"] == 50


def test_the_teachers_cookie_is_signed_and_wrong_passphrases_wait_longer_each_time():
    auth = TeacherAuth(TeacherAuth.hash(PASSPHRASE), "secret")
    assert auth.check(PASSPHRASE) and not auth.check("guess")
    cookie = auth.cookie()
    assert auth.cookie_ok(cookie)
    assert not auth.cookie_ok(cookie[:-1] + ("0" if cookie[-1] != "0" else "1"))
    assert not auth.cookie_ok(auth.cookie(now=time.time() - 13 * 3600))
    throttle = Throttle()
    assert [throttle.failed("10.0.0.9") for _ in range(4)] == [1.0, 2.0, 4.0, 8.0]
    assert throttle.wait_for("10.0.0.9") > 0 and throttle.wait_for("10.0.0.8") == 0


# -- a server in a subprocess ----------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT),
        PRAGMATIC_PARTNERS_HOME=str(home),
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
    )
    return env


class Server:
    """`python -m game serve` in a subprocess, which the test can kill and start again."""

    def __init__(self, tmp: Path, pack: Path):
        self.port = free_port()
        self.data = tmp / "server-data"
        self.pack = pack
        self.home = tmp / "server-home"
        self.log = tmp / "server.log"
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, first: bool = True) -> None:
        args = [sys.executable, "-m", "game", "serve", "--port", str(self.port), "--data", str(self.data)]
        if first:
            args += ["--pack", str(self.pack), "--passphrase", PASSPHRASE, "--class-code", CODE]
        with open(self.log, "a") as out:
            self.proc = subprocess.Popen(args, cwd=ROOT, env=env_for(self.home), stdout=out, stderr=out)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"the server did not start: {self.log.read_text()}")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)  # no chance to tidy up: what was accepted must be on disk
        self.proc.wait(10)

    def get(self, path: str, token: str | None = PASSPHRASE):
        request = urllib.request.Request(self.url + path)
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def post(self, path: str, body: dict, token: str | None = PASSPHRASE):
        request = urllib.request.Request(self.url + path, data=json.dumps(body).encode(), method="POST")
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    def groups(self) -> dict[str, dict]:
        status, body = self.get("/api/groups")
        assert status == 200
        return {g["name"]: g for g in json.loads(body)["groups"]}

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


class CuttableProxy:
    """A TCP relay to the server that the test can cut (every connection dropped, new ones
    refused) and restore: one group's Wi-Fi going away and coming back."""

    def __init__(self, target_port: int):
        self.target = target_port
        self.port = free_port()
        self.up = threading.Event()
        self.up.set()
        self.conns: list[socket.socket] = []
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target), timeout=5)
            except OSError:
                client.close()
                continue
            self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                with contextlib.suppress(OSError):
                    s.close()

    def cut(self) -> None:
        self.up.clear()
        for s in self.conns:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def restore(self) -> None:
        self.up.set()


def wait_until(check, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
def test_three_laptops_play_a_class_through_a_cut_connection_and_a_killed_server(tmp_path):
    turns = 6
    pack = tmp_path / "pack.toml"
    pack.write_text(PACK.format(turns=turns))
    server = Server(tmp_path, pack)
    server.start()
    proxy = CuttableProxy(server.port)
    clients: dict[str, subprocess.Popen] = {}
    try:
        assert server.get("/api/groups", token=None)[0] == 401
        assert server.get("/api/groups", token="not the passphrase")[0] == 401
        for name in ("Red", "Blue", "Green"):
            url = f"http://127.0.0.1:{proxy.port}/" if name == "Blue" else server.url + "/"
            clients[name] = subprocess.Popen(
                [sys.executable, "-m", "game", "play", "--join", url, "--class-code", CODE, "--group", name]
                + ["--autoplay", "--exit-at-end", "--screenshot-only", "none", "--size", "800x600"],
                cwd=ROOT,
                env=env_for(tmp_path / f"home-{name}"),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
        wait_until(lambda: len(server.groups()) == 3, 60, "three groups to join")
        # The teacher injects an event into every group at its next turn.
        status, _ = server.post("/api/inject", {"event": "oil_price_cap"})
        assert status == 200
        # A second laptop claiming a playing group is refused.
        status, body = server.post(
            "/api/join", {"class_code": CODE, "group": "Red", "client_id": "someone-else"}, token=None
        )
        assert status == 409 and "already playing" in body["error"]
        # Blue's connection goes away for a while, mid-game, and comes back.
        wait_until(lambda: server.groups()["Blue"]["turn"] >= 1, 90, "Blue's first turn")
        proxy.cut()
        time.sleep(4)
        proxy.restore()
        # The server is killed mid-session and started again on the same data.
        wait_until(lambda: max(g["turn"] for g in server.groups().values()) >= 2, 90, "a second turn")
        before = {name: g["turn"] for name, g in server.groups().items()}
        assert max(before.values()) < turns  # mid-session: every group has turns still to send
        server.kill()
        time.sleep(3)
        server.start(first=False)
        after = {name: g["turn"] for name, g in server.groups().items()}
        assert all(after[n] >= before[n] for n in before), (before, after)  # nothing accepted was lost
        for name, proc in clients.items():
            out, _ = proc.communicate(timeout=180)
            assert proc.returncode == 0, f"{name}: {out.decode(errors='replace')[-2000:]}"
        groups = server.groups()
        assert set(groups) == {"Red", "Blue", "Green"}
        for name, g in groups.items():
            assert g["turn"] == turns and g["finished"], (name, g)
            assert g["level"] == "testing_event"
            assert set(g["scores"]) == {"moscow", "beijing"}
            assert 0 <= g["meters"]["partnership"] <= 100
        # Every turn of every group is in the store, once, and each log carries the pack's injection.
        db = sqlite3.connect(server.data / "class.sqlite3")
        for name in groups:
            (gid,) = db.execute("SELECT id FROM groups WHERE name = ?", (name,)).fetchone()
            numbers = [
                t for (t,) in db.execute("SELECT turn FROM turns WHERE group_id = ? ORDER BY turn", (gid,))
            ]
            assert numbers == list(range(1, turns + 1)), (name, numbers)
            (log,) = db.execute("SELECT log FROM groups WHERE id = ?", (gid,)).fetchone()
            acts = json.loads(log)["facilitator"]
            assert {"turn": 2, "event_id": "wagner_mutiny"} in [
                {"turn": a["turn"], "event_id": a["event_id"]} for a in acts if a["kind"] == "inject"
            ]
            assert any(a["kind"] == "inject" and a["event_id"] == "oil_price_cap" for a in acts), name
        db.close()
        # The exports are collected, and `report` reads the server's data folder as it is.
        for name in groups:
            (folder,) = (server.data / "exports").glob(f"*-{name}")
            assert {"replay.json", "session.json", "meters.csv", "debrief.md", "partnership.png"} <= {
                p.name for p in folder.iterdir()
            }
        status, zipped = server.get("/exports.zip")
        assert status == 200 and zipped[:2] == b"PK"
        report = subprocess.run(
            [sys.executable, "-m", "game", "report", str(server.data), "--out", str(tmp_path / "report")],
            cwd=ROOT,
            env=env_for(tmp_path / "report-home"),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert report.returncode == 0, report.stderr
        text = (tmp_path / "report" / "class-report.md").read_text()
        assert all(name in text for name in groups)
        # Once the teacher allows it, another laptop takes a group over and goes on from its log.
        assert server.post("/api/takeover", {"group": "Red"})[0] == 200
        status, body = server.post(
            "/api/join", {"class_code": CODE, "group": "Red", "client_id": "new-laptop"}, token=None
        )
        assert status == 200 and len(body["log"]["turns"]) == turns
    finally:
        for proc in clients.values():
            if proc.poll() is None:
                proc.kill()
        server.stop()


@pytest.mark.slow
def test_an_autoplayed_laptop_waits_while_paused_and_one_shut_offline_sends_its_turns_when_it_joins_again(
    tmp_path,
):
    turns = 6
    pack = tmp_path / "pack.toml"
    pack.write_text(PACK.format(turns=turns).replace('["Red", "Blue", "Green"]', '["Red"]'))
    server = Server(tmp_path, pack)
    server.start()
    proxy = CuttableProxy(server.port)
    home = tmp_path / "home-Red"
    url = f"http://127.0.0.1:{proxy.port}/"

    def laptop() -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "game", "play", "--join", url, "--class-code", CODE, "--group", "Red"]
            + ["--autoplay", "--exit-at-end", "--screenshot-only", "none", "--size", "800x600"],
            cwd=ROOT,
            env=env_for(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )

    def kept_turns() -> list[int]:
        found = list((home / "class-outbox").glob("Red-*.json"))
        if not found:
            return []
        try:
            items = json.loads(found[0].read_text())["items"]
        except (OSError, ValueError):
            return []  # (read between two writes: never half a file, but maybe none yet)
        return [i["message"]["turn"] for i in items if i["kind"] == "turn"]

    first = laptop()
    second = None
    try:
        wait_until(lambda: "Red" in server.groups() and server.groups()["Red"]["turn"] >= 1, 90, "a turn")
        # The teacher pauses the group: its autoplay plays no turn until resumed.
        assert server.post("/api/pause", {"group": "Red"})[0] == 200
        time.sleep(3)  # the laptop hears of it within a second or two; a turn under way may land
        held = server.groups()["Red"]["turn"]
        time.sleep(5)  # long enough for an autoplayed laptop to play two turns
        assert server.groups()["Red"]["turn"] == held and first.poll() is None
        assert server.post("/api/resume", {"group": "Red"})[0] == 200
        wait_until(lambda: server.groups()["Red"]["turn"] > held, 30, "the group to play on")
        # The Wi-Fi goes; the laptop plays on offline, keeps its turns on disk, and is shut.
        proxy.cut()
        wait_until(lambda: len(kept_turns()) >= 2, 60, "two turns kept offline")
        first.kill()  # no chance to send anything
        first.wait(10)
        sent = server.groups()["Red"]["turn"]
        # The first turn kept is the one after the last the server has, or that one itself when the
        # cut came between the server taking it and the laptop hearing so (sent again, taken once).
        assert sent < turns and kept_turns()[0] in (sent, sent + 1)
        # Opened again, with the network back: the same laptop takes its group back, goes on from
        # the last turn it played, and sends what it kept.
        proxy.restore()
        second = laptop()
        out, _ = second.communicate(timeout=180)
        assert second.returncode == 0, out.decode(errors="replace")[-2000:]
        red = server.groups()["Red"]
        assert red["turn"] == turns and red["finished"]
        db = sqlite3.connect(server.data / "class.sqlite3")
        numbers = [t for (t,) in db.execute("SELECT turn FROM turns ORDER BY turn")]
        assert numbers == list(range(1, turns + 1))  # each turn once
        (log,) = db.execute("SELECT log FROM groups WHERE name = 'Red'").fetchone()
        db.close()
        kinds = [a["kind"] for a in json.loads(log)["facilitator"]]
        assert len(json.loads(log)["turns"]) == turns and "pause" in kinds and "resume" in kinds
        assert kept_turns() == []
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
        server.stop()
