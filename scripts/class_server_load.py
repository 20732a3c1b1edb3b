#!/usr/bin/env python3
"""Figures for the class server under a class's load: GROUPS simulated groups (the game's own
link, sending a played game's turns, polling for the facilitator's acts every second) against a
server in a subprocess, with the teacher's dashboard feed open. Prints the latency from a group's
turn to the dashboard's WebSocket (median and 95th percentile) and the server's memory and CPU.

    python scripts/class_server_load.py [GROUPS] [TURN_SECONDS]

A program that prints figures, not a test: the figures depend on the machine.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.levels import load_shipped  # noqa: E402
from game.server.client import ClassLink, turn_message  # noqa: E402
from game.session.game import Game  # noqa: E402

PASSPHRASE, CODE = "load-test", "LOAD42"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_figures(pid: int) -> tuple[float, float]:
    """(resident MB, CPU seconds used so far) of a process, from /proc."""
    with open(f"/proc/{pid}/status") as f:
        rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return rss, (int(fields[11]) + int(fields[12])) / ticks


def main() -> None:
    groups = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    pace = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    level = load_shipped("testing_event")
    game = Game.new(level, 7, {"moscow": "normal", "beijing": "normal"})
    messages = []
    while not game.over:
        messages.append(turn_message(game, game.resolve()))
    port = free_port()
    data = Path(tempfile.mkdtemp(prefix="pp-load-"))
    env = dict(os.environ, PYTHONPATH=str(ROOT), PRAGMATIC_PARTNERS_HOME=str(data / "home"))
    server = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "--port", str(port), "--data", str(data)]
        + ["--passphrase", PASSPHRASE, "--class-code", CODE],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    request = urllib.request.Request(
        base + "/api/login", json.dumps({"passphrase": PASSPHRASE}).encode(), method="POST"
    )
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        cookie = response.headers["Set-Cookie"].split(";")[0]
    sent: dict[tuple[str, int], float] = {}
    seen: dict[tuple[str, int], float] = {}
    done = threading.Event()

    def watch() -> None:
        with connect(f"ws://127.0.0.1:{port}/ws", additional_headers={"Cookie": cookie}) as ws:
            while not done.is_set():
                try:
                    snapshot = json.loads(ws.recv(timeout=1))
                except TimeoutError:
                    continue
                except ConnectionClosed:  # the server stopping at the end
                    return
                now = time.perf_counter()
                for g in snapshot["groups"]:
                    for turn in range(1, g["turn"] + 1):
                        seen.setdefault((g["name"], turn), now)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    links = []
    for i in range(groups):
        link = ClassLink(base, CODE, f"Group {i + 1:02d}", poll_seconds=1.0)
        link.join()
        link.start()
        links.append(link)
    rss0, cpu0 = proc_figures(server.pid)
    started = time.perf_counter()
    peak = rss0
    # Groups are not in step: within each period of `pace` seconds, each sends its turn at its own moment.
    for turn, message in enumerate(messages, start=1):
        for link in links:
            sent[(link.group, turn)] = time.perf_counter()
            link.send_turn(message)
            time.sleep(pace / groups)
        peak = max(peak, proc_figures(server.pid)[0])
    for link in links:
        link.close(10)
    time.sleep(1.5)
    done.set()
    elapsed = time.perf_counter() - started
    rss1, cpu1 = proc_figures(server.pid)
    server.terminate()
    server.wait(10)
    latencies = sorted((seen[k] - t) * 1000 for k, t in sent.items() if k in seen)
    print(
        f"{groups} groups, {len(messages)} turns each, one turn a group every {pace:g} s "
        "(the groups out of step), each polling every 1 s"
    )
    print(f"turns seen on the dashboard: {len(latencies)} of {len(sent)}")
    print(
        f"latency from a group's turn to the dashboard: median {statistics.median(latencies):.0f} ms, "
        f"95th percentile {latencies[int(len(latencies) * 0.95) - 1]:.0f} ms"
    )
    print(f"server memory: {rss0:.0f} MB at the start, {peak:.0f} MB at the peak, {rss1:.0f} MB at the end")
    print(
        f"server CPU: {cpu1 - cpu0:.2f} s over {elapsed:.1f} s "
        f"({100 * (cpu1 - cpu0) / elapsed:.1f} % of one core)"
    )


if __name__ == "__main__":
    main()
