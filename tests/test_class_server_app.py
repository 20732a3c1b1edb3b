"""The class server's web application in process (Starlette's test client): who may do what,
and what each answer says."""

from __future__ import annotations

import io
import json
import os
import zipfile

import pytest
from starlette.testclient import TestClient

from game.server.app import ClassSession, create_app
from game.server.auth import TeacherAuth
from game.server.store import Store

PASSPHRASE = "owls at dawn"


@pytest.fixture
def server(tmp_path, testing_event):
    store = Store(tmp_path)
    config = {
        "level": "testing_event",
        "seed": 3,
        "sides": {"moscow": "team", "beijing": "normal"},
        "timer": 0,
        "groups": ["Red", "Blue"],
        "end_after_turn": None,
        "reveal": "at_once",
        "inject": [],
    }
    session = ClassSession(
        config, [{"id": e.id, "title": e.title} for e in testing_event.events], 12, "K7QMPA", tmp_path
    )
    auth = TeacherAuth(TeacherAuth.hash(PASSPHRASE), "secret")
    with TestClient(create_app(store, session, auth)) as client:
        yield client, store


def join(client, group="Red", code="K7QMPA", laptop="laptop-1"):
    return client.post("/api/join", json={"class_code": code, "group": group, "client_id": laptop})


def test_groups_need_the_passphrase_and_tools_get_each_groups_figures(server):
    client, _ = server
    assert client.get("/api/groups").status_code == 401
    assert client.get("/api/groups", headers={"Authorization": "Bearer wrong"}).status_code == 401
    token = join(client).json()["token"]
    turn = {"turn": 1, "level": "testing_event", "meters": {"partnership": 51.5}, "scores": {"moscow": 40}}
    assert (
        client.post("/api/turn", json=turn, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    )
    answer = client.get("/api/groups", headers={"Authorization": f"Bearer {PASSPHRASE}"})
    assert answer.status_code == 200
    (red,) = answer.json()["groups"]
    assert red == {
        "name": "Red",
        "level": "testing_event",
        "turn": 1,
        "finished": False,
        "scores": {"moscow": 40},
        "scored": "",
        "scored_turns": None,
        "meters": {"partnership": 51.5},
    }
    # A session ended before its last turn says its scores are provisional.
    ended = {
        **turn,
        "turn": 2,
        "finished": True,
        "scored": "provisional (2 of 12 turns)",
        "scored_turns": [2, 12],
    }
    assert (
        client.post("/api/turn", json=ended, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    )
    answer = client.get("/api/groups", headers={"Authorization": f"Bearer {PASSPHRASE}"})
    group = answer.json()["groups"][0]
    # (the page says the same in the class's language from the figures)
    assert group["scored"] == "provisional (2 of 12 turns)" and group["scored_turns"] == [2, 12]


def test_joining_takes_the_class_code_a_listed_name_and_a_free_group(server):
    client, _ = server
    assert join(client, code="WRONG").status_code == 403
    assert "the groups: Red, Blue" in join(client, group="Green").json()["error"]
    answer = join(client)
    assert answer.status_code == 200 and answer.json()["session"]["seed"] == 3
    assert join(client, laptop="laptop-2").status_code == 409


def test_a_groups_token_writes_its_own_group_only_and_turns_come_in_order(server):
    client, store = server
    red = {"Authorization": f"Bearer {join(client).json()['token']}"}
    blue = {"Authorization": f"Bearer {join(client, 'Blue').json()['token']}"}
    assert (
        client.post("/api/turn", json={"turn": 1}, headers={"Authorization": "Bearer forged"}).status_code
        == 401
    )
    assert client.post("/api/turn", json={"turn": 1}, headers=red).status_code == 200
    gap = client.post("/api/turn", json={"turn": 3}, headers=red)
    assert gap.status_code == 409 and gap.json()["last"] == 1
    assert client.post("/api/turn", json={"turn": 1}, headers=blue).status_code == 200
    assert [store.last_turn(store.group(n)["id"]) for n in ("Red", "Blue")] == [1, 1]


@pytest.mark.slow
def test_a_turn_not_in_the_servers_form_is_refused_and_the_dashboard_goes_on(server):
    """A group's token posts turns, so a turn is untrusted: one that is malformed (by a bug or
    by hand) is refused with what is wrong, nothing of it is kept, and the teacher's views of
    every group still answer."""
    client, store = server
    red = {"Authorization": f"Bearer {join(client).json()['token']}"}
    teacher = {"Authorization": f"Bearer {PASSPHRASE}"}
    for bad, why in (
        ({"turn": 1, "meters": [1, 2]}, "meters: Input should be a valid dictionary"),
        (
            {"turn": 1, "meters": {"washington.thaw_moscow": "warm"}},
            "meters.washington.thaw_moscow: Input should be a valid number, unable to parse string as a number",
        ),
        ({"turn": 1, "scores": {"moscow": float("inf")}}, "scores.moscow: Input should be a finite number"),
        ({"turn": "1"}, "turn: Input should be a valid integer"),
        ({"turn": True}, "turn: Input should be a valid integer"),
        ({"turn": 1, "log": 5}, "log: Input should be a valid dictionary"),
        ({"turn": 1, "outcome": "x" * 500}, "outcome: String should have at most 80 characters"),
    ):
        answer = client.post(
            "/api/turn", content=json.dumps(bad), headers={**red, "Content-Type": "application/json"}
        )
        assert answer.status_code == 400, bad
        assert answer.json()["error"] == f"the turn is not in the form this server keeps: {why}"
        assert client.get("/api/groups", headers=teacher).status_code == 200
    assert store.last_turn(store.group("Red")["id"]) == 0
    huge = {"turn": 1, "plans": {"note": "x" * 3_000_000}}
    assert client.post("/api/turn", json=huge, headers=red).status_code == 413
    assert client.post("/api/turn", content=b"{not json", headers=red).status_code == 400
    deep = b"[" * 200_000 + b"]" * 200_000  # (under the limit, deeper than Python recurses)
    assert client.post("/api/turn", content=deep, headers=red).status_code == 400
    assert client.post("/api/join", content=deep).status_code == 403  # (no class code in it)
    good = {"turn": 1, "meters": {"partnership": 51.5}, "scores": {"moscow": 40}, "extra": "dropped"}
    assert client.post("/api/turn", json=good, headers=red).status_code == 200
    (red_view,) = client.get("/api/groups", headers=teacher).json()["groups"]
    assert red_view["meters"] == {"partnership": 51.5} and red_view["turn"] == 1


def test_the_teacher_logs_in_once_and_the_acts_reach_the_groups(server):
    client, _ = server
    red = {"Authorization": f"Bearer {join(client).json()['token']}"}
    assert client.post("/api/pause", json={}).status_code == 401
    assert client.post("/api/login", json={"passphrase": PASSPHRASE}).status_code == 200
    assert PASSPHRASE not in client.cookies.get("pp_teacher", "")
    assert client.post("/api/inject", json={"event": "no_such_event"}).status_code == 400
    assert client.post("/api/inject", json={"event": "oil_price_cap", "turn": 4}).status_code == 200
    assert client.post("/api/adjust", json={"meter": "trust", "delta": -3, "reason": ""}).status_code == 400
    assert (
        client.post("/api/adjust", json={"meter": "trust", "delta": -3, "reason": "a leak"}).status_code
        == 200
    )
    assert client.post("/api/pause", json={"group": "Red"}).status_code == 200
    acts = client.get("/api/commands?after=0", headers=red).json()
    assert [(c["kind"], c.get("event") or c.get("meter")) for c in acts["commands"]] == [
        ("inject", "oil_price_cap"),
        ("adjust", "trust"),
        ("pause", None),
    ]
    assert acts["paused"] and acts["commands"][0]["turn"] == 4
    assert (
        client.get(f"/api/commands?after={acts['commands'][-1]['id']}", headers=red).json()["commands"] == []
    )
    assert client.post("/api/end", json={"reason": "the bell"}).status_code == 200
    assert join(client, "Blue").status_code == 409  # no one joins an ended session...
    assert join(client, laptop="laptop-2").status_code == 409
    assert join(client).status_code == 200  # ...but a group's own laptop, with the turns it kept


def test_wrong_passphrases_make_the_next_try_wait(server):
    client, _ = server
    first = client.post("/api/login", json={"passphrase": "guess"})
    assert first.status_code == 401 and first.json()["wait"] == 1.0
    again = client.post("/api/login", json={"passphrase": PASSPHRASE})
    assert again.status_code == 429 and "try again" in again.json()["error"]


def test_the_exports_are_kept_by_group_and_given_back_as_one_zip(server, tmp_path):
    client, _ = server
    red = {"Authorization": f"Bearer {join(client).json()['token']}"}
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as z:
        z.writestr("session.json", json.dumps({"group": "Red"}))
        z.writestr("../../escape.txt", "no")
    answer = client.post("/api/exports", content=packed.getvalue(), headers=red)
    assert answer.status_code == 200
    assert not (tmp_path.parent / "escape.txt").exists()
    assert client.get("/exports.zip").status_code == 401
    client.post("/api/login", json={"passphrase": PASSPHRASE})
    with zipfile.ZipFile(io.BytesIO(client.get("/exports.zip").content)) as z:
        assert sorted(z.namelist()) == ["01-Red/escape.txt", "01-Red/session.json", "teacher-acts.csv"]


def test_the_dashboard_is_served_without_anything_from_elsewhere(server):
    client, _ = server
    page = client.get("/").text
    assert "dashboard.js" in page and "http" not in page.replace("http-equiv", "")
    assert client.get("/dashboard.js").status_code == 200 and client.get("/dashboard.css").status_code == 200


def test_a_group_that_joins_while_the_class_is_paused_waits_with_the_others(server):
    # "Pause all" held only the groups there when it was pressed: a laptop joining after it
    # played four turns in fifteen seconds while the dashboard said the class was paused.
    client, _ = server
    client.post("/api/login", json={"passphrase": PASSPHRASE})
    assert client.post("/api/pause", json={}).status_code == 200
    blue = {"Authorization": f"Bearer {join(client, 'Blue').json()['token']}"}
    assert client.get("/api/commands?after=0", headers=blue).json()["paused"]
    assert client.post("/api/resume", json={}).status_code == 200
    assert not client.get("/api/commands?after=0", headers=blue).json()["paused"]
    red = {"Authorization": f"Bearer {join(client, 'Red').json()['token']}"}
    assert not client.get("/api/commands?after=0", headers=red).json()["paused"]


def test_the_teachers_acts_are_kept_listed_and_exported_with_their_group_and_details(server, tmp_path):
    client, _ = server
    join(client)
    assert client.get("/api/acts").status_code == 401
    client.post("/api/login", json={"passphrase": PASSPHRASE})
    client.post("/api/pause", json={})
    client.post("/api/resume", json={"group": "Red"})
    client.post("/api/inject", json={"event": "oil_price_cap"})
    client.post("/api/inject", json={"event": "wagner_mutiny", "turn": 5, "group": "Red"})
    client.post("/api/adjust", json={"meter": "trust", "delta": -3, "reason": "a leak", "group": "Red"})
    client.post("/api/adjust", json={"meter": "trust", "delta": -3, "reason": ""})  # refused: not an act
    client.post("/api/takeover", json={"group": "Red"})
    client.post("/api/end", json={"reason": "the bell"})
    answer = client.get("/api/acts", headers={"Authorization": f"Bearer {PASSPHRASE}"})
    assert answer.status_code == 200
    acts = [(a["kind"], a["group"], a["details"]) for a in answer.json()["acts"]]
    assert acts == [
        ("pause", None, ""),
        ("resume", "Red", ""),
        ("inject", None, "The West caps the price of Russian oil, as the turn being played resolves"),
        ("schedule", "Red", "A mercenary column marches on Moscow, at turn 5"),
        ("adjust", "Red", "Trust -3: a leak"),
        ("takeover", "Red", "another laptop may take the group over"),
        ("end", None, "the bell"),
    ]
    assert all(isinstance(a["at"], float) for a in answer.json()["acts"])
    # The dashboard's feed and its first load carry them too.
    assert [a["kind"] for a in client.get("/api/session").json()["acts"]][-1] == "end"
    # They are in the SQLite file, not only in memory: a server started again lists them.
    assert [(a["kind"], a["group"], a["details"]) for a in Store(tmp_path).acts()] == acts
    with zipfile.ZipFile(io.BytesIO(client.get("/exports.zip").content)) as z:
        table = z.read("teacher-acts.csv").decode("utf-8-sig").splitlines()
    assert table[0] == "time,act,group,details"
    assert table[4].endswith(',Schedule,Red,"A mercenary column marches on Moscow, at turn 5"')
    assert table[-1].endswith(",End,every group,the bell") and len(table) == 8


def test_groups_named_in_any_alphabet_get_export_folders_of_their_own():
    # "Группа А" and "Группа Б" were both "01-group" and "02-group" in the zip: a teacher could not
    # tell them apart. A name's letters and digits stay; nothing else can make a path.
    from game.server.app import _slug

    assert (_slug("Группа А"), _slug("Группа Б"), _slug("第一组")) == ("Группа-А", "Группа-Б", "第一组")
    assert _slug("../../etc/passwd") == "etc-passwd" and _slug("///") == "group"


def test_a_server_open_to_the_room_gives_the_students_its_address_on_the_network(
    tmp_path, monkeypatch, capsys
):
    # With --host 0.0.0.0 the students' line read "--join http://0.0.0.0:8765/", which no other
    # laptop can reach.
    import uvicorn

    from game.server import run

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    monkeypatch.setattr(run, "room_address", lambda: "192.168.1.20")
    options = run.ServeOptions(host="0.0.0.0", port=8797, data=tmp_path / "server", passphrase="owls at dawn")
    assert run.serve(options) == 0
    printed = capsys.readouterr().out
    assert "dashboard:  http://192.168.1.20:8797/" in printed
    assert "--join http://192.168.1.20:8797/ --class-code" in printed and "0.0.0.0:8797" not in printed


def test_another_pack_in_a_folder_whose_class_has_begun_is_refused_and_the_class_kept(tmp_path):
    # A second class started in the first one's folder met its ended session: every laptop was
    # told "the session has ended", and the dashboard showed the old groups.
    from game.server.run import ServeError, ServeOptions, prepare

    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    first.write_text('level = "testing_event"\nseed = 7\n', encoding="utf-8")
    second.write_text('level = "testing_event"\nseed = 8\n', encoding="utf-8")
    data = tmp_path / "server"
    store, _session, _auth = prepare(ServeOptions(data=data, pack=first, passphrase="owl-42"))
    store.claim("Red", "laptop-1")
    store.close()
    with pytest.raises(ServeError, match="--data NEW_FOLDER"):
        prepare(ServeOptions(data=data, pack=second))
    store, session, _auth = prepare(ServeOptions(data=data, pack=first))  # (its own pack: its exports)
    assert session.config["seed"] == 7 and [g["name"] for g in store.groups()] == ["Red"]
    store.close()
    store, session, _auth = prepare(ServeOptions(data=tmp_path / "next", pack=second, passphrase="owl-42"))
    assert session.config["seed"] == 8 and store.groups() == []
    store.close()


@pytest.mark.parametrize(
    "spoil, says",
    [
        (lambda data: data.write_text("not a folder", encoding="utf-8"), "is a file, not a folder"),
        (
            lambda data: (data.mkdir(), (data / "class.sqlite3").write_bytes(os.urandom(4096))),
            "cannot be read",
        ),
        (
            lambda data: (Store(data).set_meta("config", json.dumps({"level": 5})), None),
            "the set-up kept in",
        ),
    ],
    ids=["a-file", "not-a-database", "damaged-set-up"],
)
def test_a_class_folder_that_cannot_be_the_classs_is_said_in_a_line(tmp_path, spoil, says):
    from game.server.run import ServeError, ServeOptions, prepare

    data = tmp_path / "server"
    spoil(data)
    with pytest.raises(ServeError, match=says) as refused:
        prepare(ServeOptions(data=data, passphrase="owl-42"))
    assert "\n" not in str(refused.value)


@pytest.mark.slow
def test_the_dashboard_offers_the_meters_the_facilitators_panel_offers(server):
    # The dashboard offered 8 meters (none of a side's, Washington's or Central Asia's, which the
    # guide lists); the panel on a laptop offered 14 and not trust. One list for both now.
    from game.ui.scenes.facilitator import ADJUSTABLE

    client, _ = server
    assert client.post("/api/login", json={"passphrase": PASSPHRASE}).status_code == 200
    info = client.get("/api/session").json()
    assert info["meters"] == list(ADJUSTABLE)
    assert {"trust", "moscow.economy", "beijing.capital", "washington.thaw_moscow", "middle_corridor"} <= set(
        info["meters"]
    )
    assert info["meter_labels"]["moscow.economy"] == "Moscow economy"
    # Each is one the server lets the teacher adjust.
    join(client)
    for meter in info["meters"]:
        answer = client.post(
            "/api/adjust", json={"meter": meter, "delta": 1, "reason": "a test", "group": "Red"}
        )
        assert answer.status_code == 200, (meter, answer.json())


def test_an_injection_scheduled_for_a_turn_a_group_has_passed_names_that_group(server):
    # "At turn 2" with every group at turn 4 was taken without a word: the event came in the turn
    # each was planning, and scheduled again for turn 5 it came twice.
    client, _ = server
    red = join(client, "Red", laptop="red").json()["token"]
    join(client, "Blue", laptop="blue")
    for number in (1, 2, 3):
        turn = {"turn": number, "level": "testing_event", "meters": {}, "scores": {}}
        client.post("/api/turn", json=turn, headers={"Authorization": f"Bearer {red}"})
    assert client.post("/api/login", json={"passphrase": PASSPHRASE}).status_code == 200
    answer = client.post("/api/inject", json={"event": "oil_price_cap", "turn": 2}).json()
    assert answer["ok"] and answer["past"] == ["Red"]  # Red plans turn 4; Blue has yet to play turn 1
    answer = client.post("/api/inject", json={"event": "oil_price_cap", "turn": 6}).json()
    assert answer["past"] == []
    assert "past" not in client.post("/api/inject", json={"event": "oil_price_cap"}).json()
