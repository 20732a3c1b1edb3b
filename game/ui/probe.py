"""Measurements of the running game for `python -m game bench`: each prints one JSON line.

startup: the first title frame is drawn (the parent process times from its own start);
idle:S:  the board waits for input for S seconds; CPU used by this process meanwhile;
rss:N:   resident memory after autoplaying N turns of a level (without N, the whole level).
"""

from __future__ import annotations

import json
import sys
import time

import pygame


def _rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_probe(app, probe: str) -> int:
    kind, _, arg = probe.partition(":")
    if kind == "startup":
        app.step([])
        print(json.dumps({"first_frame": True}), flush=True)
    elif kind == "idle":
        from game.session.game import HUMAN, Game
        from game.ui.idle import IDLE_WAIT_MS, wait_for_events

        level = app.catalogue.load("testing_event")
        players = {"moscow": HUMAN, "beijing": "easy"}
        app.show_over("board", game=Game.new(level, level.seed, players), perspective="moscow")
        app.step([])
        seconds = float(arg or 10)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        while time.perf_counter() - wall0 < seconds:
            # The real loop's idle wait: until an event or the timeout.
            app.step(wait_for_events(IDLE_WAIT_MS))
        cpu = time.process_time() - cpu0
        print(json.dumps({"idle_cpu_percent": 100.0 * cpu / (time.perf_counter() - wall0)}), flush=True)
    elif kind == "rss":
        app.options.autoplay = True
        app.options.exit_at_end = True
        app.options.level = app.options.level or "testing_event"
        app.show_only("new game")
        turns = int(arg) if arg else None
        while app.running:
            app.step(pygame.event.get())
            game = getattr(app.scene, "game", None)
            if turns is not None and game is not None and game.state.turn > turns:
                break
        print(json.dumps({"rss_mb": _rss_mb()}), flush=True)
    else:
        print(f"unknown probe '{probe}'", file=sys.stderr)
        return 2
    pygame.quit()
    return 0
