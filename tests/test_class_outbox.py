"""A group's outbox kept in the laptop's data folder: a laptop closed while offline sends its turns
when the group joins again, and goes on from the last turn it played; the server keeps each turn
once; an outbox file that cannot be read is set aside with a message, and a data folder that cannot
be written is said while the turns wait in memory. A real server in a thread on a free port."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque

import pytest

from game.classroom.session import ClassroomSession
from game.paths import user_data_dir
from game.server.app import ClassSession, create_app
from game.server.auth import TeacherAuth
from game.server.client import ClassLink, join_class, turn_message
from game.server.outbox import Outbox, outbox_path
from game.server.store import Store
from game.session.game import Game
from game.session.replay import ReplayLog

CODE = "K7QMPA"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture
def live_server(tmp_path, testing_event):
    import uvicorn

    store = Store(tmp_path / "server")
    config = {
        "level": "testing_event",
        "seed": 3,
        "sides": {"moscow": "easy", "beijing": "normal"},
        "timer": 0,
        "groups": [],
        "end_after_turn": None,
        "reveal": "at_once",
        "inject": [],
    }
    events = [{"id": e.id, "title": e.title} for e in testing_event.events]
    session = ClassSession(config, events, 12, CODE, tmp_path / "server")
    app = create_app(store, session, TeacherAuth(TeacherAuth.hash("owls at dawn"), "secret"))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="websockets-sansio")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started)
    yield f"http://127.0.0.1:{port}", store
    server.should_exit = True
    thread.join(10)
    store.close()


def start_game(level, link, joined) -> Game:
    """The group's game from where the join left it (its log, or a new game), linked to the server."""
    controllers = {"moscow": "easy", "beijing": "normal"}
    if joined.log:
        game = Game.from_log(level, ReplayLog.model_validate(joined.log), controllers)
    else:
        game = Game.new(level, int(joined.session["seed"]), controllers)
    session = ClassroomSession.start(game, dict(joined.session["sides"]), "local", 0, joined.group)
    session.link = link
    return game


def stored_turns(store: Store, group: str) -> list[int]:
    return [t["turn"] for t in store.turns(store.group(group)["id"])]


@pytest.mark.slow
def test_a_laptop_closed_while_offline_sends_its_turns_when_the_group_joins_again(live_server, testing_event):
    url, store = live_server
    link, joined = join_class(url, CODE, "Red")
    link.poll_seconds = 0.05
    game = start_game(testing_event, link, joined)
    game.resolve()
    wait_until(lambda: stored_turns(store, "Red") == [1])
    # The Wi-Fi goes away; the group plays two more turns; the laptop is shut before it is back.
    link.base = "http://127.0.0.1:9"  # nobody there
    game.resolve()
    game.resolve()
    assert not link.close(wait_seconds=0.3)
    kept = json.loads(outbox_path(user_data_dir(), url, CODE, "Red").read_text())
    assert kept["client_id"] == link.client_id
    assert [item["message"]["turn"] for item in kept["items"]] == [2, 3]
    assert stored_turns(store, "Red") == [1]

    # Opened again, on the network: the same laptop is the group's (no takeover), its game goes on
    # from the last turn it played, and the kept turns reach the server, once each.
    again, rejoined = join_class(url, CODE, "Red")
    again.poll_seconds = 0.05
    resumed = start_game(testing_event, again, rejoined)
    assert resumed.state.turn == 4 and resumed.state.meters == game.state.meters
    wait_until(lambda: stored_turns(store, "Red") == [1, 2, 3] and again.pending() == 0)
    assert json.loads(outbox_path(user_data_dir(), url, CODE, "Red").read_text())["items"] == []
    # A turn sent twice (an answer lost on the way back) is kept once, as it first came.
    first = store.turns(store.group("Red")["id"])[2]
    again.send_turn(turn_message(game, game.reports[-1]) | {"meters": {"partnership": 1.0}})
    wait_until(lambda: again.pending() == 0)
    assert stored_turns(store, "Red") == [1, 2, 3] and store.turns(store.group("Red")["id"])[2] == first
    resumed.resolve()
    wait_until(lambda: stored_turns(store, "Red") == [1, 2, 3, 4])
    assert store.group("Red")["turn"] == 4
    assert again.close(5)


@pytest.mark.slow
def test_a_damaged_outbox_is_set_aside_with_a_message_and_the_group_joins_from_the_servers_record(
    live_server,
):
    url, _ = live_server
    path = outbox_path(user_data_dir(), url, CODE, "Blue")
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"version": 1, "items": [{"kind": "turn"')  # cut short
    link, joined = join_class(url, CODE, "Blue")
    try:
        aside = path.with_name(path.stem + ".damaged-1.json")
        assert link.problem is not None
        assert "could not be read" in link.problem and str(aside) in link.problem
        assert "nothing in it is deleted" in link.problem
        assert aside.read_bytes() == b'{"version": 1, "items": [{"kind": "turn"'  # nothing lost
        assert joined.log is None and link.pending() == 0
        assert json.loads(path.read_text())["client_id"] == link.client_id  # a fresh outbox
    finally:
        link.close(1)


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"version": 1, "client_id": "x", "items": [{"kind": "virus"}]}),
        '{"version": 1, "client_id": "x", "items": ' + "[" * 100_000,  # (a traceback once)
    ],
    ids=["another-shape", "nested-deeply"],
)
def test_an_outbox_of_another_shape_is_set_aside_too(tmp_path, content):
    outbox = Outbox(tmp_path, "http://127.0.0.1:9", CODE, "Red")
    outbox.path.parent.mkdir(parents=True)
    outbox.path.write_text(content)
    link = ClassLink("http://127.0.0.1:9", CODE, "Red", kept=outbox)
    assert "could not be read" in (link.problem or "") and not outbox.path.exists()
    assert link.outbox == deque() and link.client_id != "x"


def test_a_data_folder_that_cannot_be_written_is_said_and_the_turns_wait_in_memory(tmp_path, testing_event):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    link = ClassLink(
        "http://127.0.0.1:9", CODE, "Red", kept=Outbox(blocked, "http://127.0.0.1:9", CODE, "Red")
    )
    game = Game.new(testing_event, 5, {"moscow": "easy", "beijing": "normal"})
    link.send_turn(turn_message(game, game.resolve()))
    assert link.problem is not None and "could not be kept" in link.problem and str(blocked) in link.problem
    assert [item["turn"] for kind, item in link.outbox] == [1]


@pytest.mark.slow
def test_an_address_without_http_joins_from_the_command_line_too(live_server, tmp_path):
    # `play --join localhost:8799` failed with "unknown url type"; the window's form added http://.
    url, store = live_server
    link, joined = join_class(url.removeprefix("http://"), CODE, "Blue", data=tmp_path)
    try:
        assert joined.group == "Blue" and store.group("Blue") is not None
    finally:
        link.close(1.0)


@pytest.mark.slow
def test_a_group_joined_again_from_another_window_tells_the_first_window(
    live_server, tmp_path, testing_event, monkeypatch
):
    # The same laptop started twice: both windows joined; the first sat at turn 1, sending nothing
    # that was kept, and said nothing.
    import pygame

    from game.ui.app import App, PlayOptions
    from game.ui.scenes.base import Scene

    url, _store = live_server
    first, joined = join_class(url, CODE, "Twice", data=tmp_path)
    first.poll_seconds = 0.05
    second, _ = join_class(url, CODE, "Twice", data=tmp_path)  # (the same laptop: its data folder)
    try:
        for _ in range(100):
            if first.replaced:
                break
            time.sleep(0.05)
        assert first.replaced and not second.replaced
        app = App(PlayOptions(size=(1280, 720)))
        game = start_game(testing_event, first, joined)
        said: list[str] = []
        monkeypatch.setattr(Scene, "say", lambda scene, message: said.append(message))
        app.show_only("board", game=game, perspective="moscow")  # (its summit first, on this level)
        for _ in range(3):
            app.step([])
        assert any("joined again from another window or laptop" in s for s in said)
        # And it stays covered, taking no input: a laptop taken over played on, its turns lost.
        from game.ui.classroom_overlay import held

        summit = app.scene  # (the game begins at its summit)
        assert summit.name == "summit" and held(game)
        for key in (pygame.K_k, pygame.K_RETURN, pygame.K_p):  # skip it, confirm, or put nothing forward
            app.step([pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="")])
        assert app.scene is summit and game.reports == []
        pygame.display.quit()
    finally:
        first.close(1.0)
        second.close(1.0)


@pytest.mark.slow
@pytest.mark.parametrize("reveal", ["at_once", "at_debrief"])
def test_a_laptop_that_quits_and_joins_again_keeps_the_teachers_acts_of_the_turn_it_was_planning(
    live_server, testing_event, reveal
):
    # The teacher injected an event for a group during turn 2, and the laptop showed it; the laptop
    # was quit and started again, and went on from the server's record of turn 1 without it: the
    # join had said the act was taken already. Each act comes again, and is taken once.
    url, store = live_server
    link, joined = join_class(url, CODE, "Blue")
    link.poll_seconds = 0.05
    game = start_game(testing_event, link, joined)
    session = ClassroomSession.start(game, dict(joined.session["sides"]), "local", 0, joined.group)
    session.link, session.reveal = link, reveal
    group = store.group("Blue")["id"]
    store.add_command(group, "adjust", {"meter": "trust", "delta": -4.0, "reason": "a leak"})

    def synced(count: int) -> bool:
        # (revealed at the debrief, an act waits for its turn to resolve: taken all the same)
        session.sync()
        return len(game.log.facilitator) + len(session.waiting) == count

    wait_until(lambda: synced(1))
    session.before_resolve()
    game.resolve()
    session.after_resolve(game.reports[-1])
    wait_until(lambda: stored_turns(store, "Blue") == [1] and link.pending() == 0)
    store.add_command(group, "inject", {"event": "wagner_mutiny"})
    wait_until(lambda: synced(2))
    shown = [(a.turn, a.kind) for a in game.log.facilitator]
    assert shown == [(1, "adjust")] + ([(2, "inject")] if reveal == "at_once" else [])
    # More polls, each telling the server what this laptop has had: then it quits, before turn 2
    # resolves.
    time.sleep(0.3)
    assert link.close(1.0)

    again, rejoined = join_class(url, CODE, "Blue")
    again.poll_seconds = 0.05
    resumed = start_game(testing_event, again, rejoined)
    second = ClassroomSession.start(resumed, dict(rejoined.session["sides"]), "local", 0, rejoined.group)
    second.link, second.reveal = again, reveal
    assert resumed.state.turn == 2 and len(resumed.log.facilitator) == 1

    def synced_again() -> bool:
        second.sync()
        return len(resumed.log.facilitator) + len(second.waiting) == 2

    wait_until(synced_again)
    time.sleep(0.3)  # (more polls: nothing more is taken)
    second.sync()
    second.before_resolve()
    assert [(a.turn, a.kind, a.event_id or a.meter) for a in resumed.log.facilitator] == [
        (1, "adjust", "trust"),
        (2, "inject", "wagner_mutiny"),
    ]
    report = resumed.resolve()
    assert "wagner_mutiny" in report.events
    assert again.close(5)


@pytest.mark.slow
def test_a_group_that_joins_after_a_pause_and_a_resume_does_not_record_them_as_its_own(
    live_server, testing_event
):
    # A group that joined late had "turn 1: the facilitator paused the session, resumed" in its
    # debrief: acts made before it joined, taken again as its own. A pause after the join is.
    url, store = live_server
    store.add_command(None, "pause", {})
    store.add_command(None, "resume", {})
    store.add_command(None, "inject", {"event": "oil_price_cap"})
    link, joined = join_class(url, CODE, "Late")
    link.poll_seconds = 0.05
    game = start_game(testing_event, link, joined)
    session = game.classroom
    session.reveal = "at_once"

    def kinds() -> list[str]:
        session.sync()
        return [a.kind for a in game.log.facilitator]

    wait_until(lambda: kinds() == ["inject"])
    store.add_command(None, "pause", {})
    wait_until(lambda: kinds() == ["inject", "pause"] and session.paused)
    assert link.close(1.0)


@pytest.mark.slow
def test_a_laptop_that_joins_again_goes_on_with_the_planning_time_its_group_had_left(
    live_server, testing_event
):
    # A group with a 5-minute timer planned turn 2 for two minutes and its laptop was quit: it
    # joined again with the whole five minutes (the timer lived in the window only). It goes on
    # with the three that were left; the minutes the group had no laptop are not counted.
    url, store = live_server
    now = [1000.0]
    link, joined = join_class(url, CODE, "Blue")
    link.poll_seconds = 0.05
    game = start_game(testing_event, link, joined)
    session = ClassroomSession.start(
        game, dict(joined.session["sides"]), "local", 5, joined.group, clock=lambda: now[0]
    )
    session.link = link
    link.start()
    session.start_turn_timer()
    game.resolve()  # turn 1, played and sent
    session.after_resolve(game.reports[-1])
    wait_until(lambda: stored_turns(store, "Blue") == [1] and link.pending() == 0)
    session.start_turn_timer()  # the board of turn 2
    now[0] += 120
    assert session.seconds_left(sync=False) == 180
    time.sleep(0.3)  # (polls, each telling the server the time left)
    assert link.close(1.0)

    now[0] += 600  # the laptop is started again ten minutes later
    again, rejoined = join_class(url, CODE, "Blue")
    assert rejoined.timer is not None and (rejoined.timer.turn, rejoined.timer.left) == (2, 180)
    resumed = start_game(testing_event, again, rejoined)
    second = ClassroomSession.start(
        resumed, dict(rejoined.session["sides"]), "local", 5, rejoined.group, clock=lambda: now[0]
    )
    second.link = again
    second.take_timer(rejoined.timer.turn, rejoined.timer.left)
    second.start_turn_timer()  # the board shown again: it does not start the turn's timer afresh
    now[0] += 30
    assert resumed.state.turn == 2 and second.seconds_left(sync=False) == 150
    # A time told for a turn the group is past is not given: the next turn has its whole time.
    second.take_timer(1, 20.0)
    assert second.seconds_left(sync=False) == 150
    again.close(1.0)
