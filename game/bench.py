"""`python -m game bench`: speed figures, printed, never asserted in tests.

Each figure is a median over samples. `baseline_us_median` times a fixed piece of plain Python in
the same run, so a figure can be read against how fast this machine is right now.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator

from game.core import GameState, Level, Plan, initial_state, is_terminal, legal_plans, resolve_turn
from game.levels.loader import Catalogue, chain_of

BENCH_LEVEL = "testing_event"


def _median_us(fn, samples: int, inner: int) -> float:
    times = []
    for _ in range(samples):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        times.append((time.perf_counter() - t0) / inner * 1e6)
    return statistics.median(times)


def _baseline() -> None:
    d = {f"k{i}": float(i) for i in range(40)}
    for _ in range(20):
        d = {k: v + 1.0 for k, v in d.items()}


def _full_plan_turns(level: Level, games: int = 6) -> list[tuple[GameState, dict[str, Plan]]]:
    """(state, plans) pairs from seeded games in which both sides lock their largest plans."""
    pairs = []
    for seed in range(games):
        state = initial_state(level, seed)
        while not is_terminal(state):
            plans: dict[str, Plan] = {}
            for side in ("moscow", "beijing"):
                options = legal_plans(state, side)
                longest = max(len(p) for p in options)
                full = [p for p in options if len(p) == longest]
                plans[side] = full[(seed + state.turn) % len(full)]
            pairs.append((state, plans))
            state, _ = resolve_turn(state, plans)
    return pairs


def bench_turn(level, repeat: int) -> tuple[float, float]:
    """Median microseconds to resolve one turn with full plans, and the median ratio of that to
    the baseline, each sample of turns timed right after a sample of the baseline: a shared
    machine's speed swings by half within a minute, and the ratio is steadier than either."""
    pairs = _full_plan_turns(level)
    it: Iterator[tuple[GameState, dict[str, Plan]]] = iter(())

    def one():
        nonlocal it
        try:
            state, plans = next(it)
        except StopIteration:
            it = iter(pairs)
            state, plans = next(it)
        resolve_turn(state, plans)

    turns, ratios = [], []
    for _ in range(repeat):
        base = _median_us(_baseline, 1, 200)
        turn = _median_us(one, 1, max(50, len(pairs)))
        turns.append(turn)
        ratios.append(turn / base)
    return statistics.median(turns), statistics.median(ratios)


def bench_load(catalogue: Catalogue, level_id: str, repeat: int) -> float:
    """Parse, validate and compile the level and its ancestors from their files."""
    chain, _ = chain_of(catalogue.entries[level_id].parsed, catalogue)
    files = [(pf.path, pf.name) for pf in chain]

    def one():
        fresh = Catalogue()
        for path, name in files:
            fresh.add_file(path, name, is_mod=False)
        fresh.load(level_id)

    return _median_us(one, repeat, 3) / 1000.0


def _decision_states(level, games: int = 3):
    """States from a few seeded easy-vs-easy games, where agents will be asked to decide."""
    from game.ai import make_agent

    states = []
    for seed in range(games):
        agents = {s: make_agent("easy", s, seed) for s in ("moscow", "beijing")}
        state = initial_state(level, seed)
        while not is_terminal(state):
            states.append(state)
            state, _ = resolve_turn(state, {s: a.choose(state) for s, a in agents.items()})
    return states


def bench_agent(level, name: str, samples: int) -> float:
    """Median milliseconds for one decision by agent `name`, over varied game states."""
    from game.ai import make_agent

    states = _decision_states(level)
    times = []
    for i in range(samples):
        state = states[(i * 7) % len(states)]
        side = ("moscow", "beijing")[i % 2]
        agent = make_agent(name, side, i)
        t0 = time.perf_counter()
        agent.choose(state)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def bench_simulate(level, samples: int) -> float:
    """Easy-against-easy games a second in one process (median over batches of 20 games)."""
    from game.sim.batch import run_games

    rates = []
    for i in range(samples):
        t0 = time.perf_counter()
        run_games(level, range(i * 20, i * 20 + 20), "easy", "easy")
        rates.append(20 / (time.perf_counter() - t0))
    return statistics.median(rates)


def _probe(args: list[str], timeout: float = 120.0) -> tuple[dict, float]:
    """Run the game in a child process with a probe; return its JSON line and the wall time from
    starting the child to reading that line."""
    import json
    import subprocess
    import sys

    env = dict(__import__("os").environ, PYGAME_HIDE_SUPPORT_PROMPT="1")
    if not env.get("DISPLAY"):
        env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    t0 = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "game", "play", "--size", "1280x720", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        line = ""
        assert child.stdout is not None  # (stdout=PIPE)
        for line in child.stdout:
            if line.startswith("{"):
                break
        elapsed = time.perf_counter() - t0
        child.wait(timeout)
    finally:
        if child.poll() is None:
            child.kill()
    return json.loads(line or "{}"), elapsed


def bench_frame(samples: int) -> tuple[float, float]:
    """Milliseconds to draw the board at 1280x720, and to present it (flip), in this process on
    the current display. Each sample moves the mouse over a different card, so the board's tooltip
    and hover change as they do in play."""
    import os

    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.session.game import HUMAN, Game
    from game.ui.app import App, PlayOptions
    from game.ui.scenes.board import BoardScene

    app = App(PlayOptions(size=(1280, 720)))
    level = app.catalogue.load(BENCH_LEVEL)
    app.push(BoardScene(app, Game.new(level, level.seed, {"moscow": HUMAN, "beijing": "easy"}), "moscow"))
    app.step([])
    import pygame

    cards = [c for c in app.scene.controls if c.kind in ("card", "meter")]
    times, flips = [], []
    for i in range(samples):
        target = cards[i % len(cards)]
        app.handle(
            pygame.event.Event(pygame.MOUSEMOTION, pos=target.rect.center, rel=(0, 0), buttons=(0, 0, 0))
        )
        t0 = time.perf_counter()
        app.render_frame()
        t1 = time.perf_counter()
        pygame.display.flip()
        times.append((t1 - t0) * 1000)
        flips.append((time.perf_counter() - t1) * 1000)
    pygame.quit()
    return statistics.median(times), statistics.median(flips)


def run_ui_bench(repeat: int = 0) -> dict:
    startups = [_probe(["--probe", "startup"])[1] * 1000 for _ in range(repeat or 5)]
    idle = _probe(["--probe", "idle:10"])[0].get("idle_cpu_percent", -1.0)
    rss = _probe(["--probe", "rss", "--level", BENCH_LEVEL], timeout=600)[0].get("rss_mb", -1.0)
    frame, flip = bench_frame(repeat or 60)
    return {
        "startup_ms_median": round(statistics.median(startups), 1),
        "frame_ms_median": round(frame, 2),
        "flip_ms_median": round(flip, 2),
        "idle_cpu_percent": round(idle, 2),
        "rss_mb": round(rss, 1),
    }


def run_bench(repeat: int = 0, level_id: str = BENCH_LEVEL, mod_dirs=()) -> dict:
    catalogue = Catalogue.scan(mod_dirs)
    level = catalogue.load(level_id)
    turn, per_baseline = bench_turn(level, repeat or 15)
    figures = {
        "baseline_us_median": round(_median_us(_baseline, repeat or 15, 200), 2),
        "turn_us_median": round(turn, 2),
        "turn_per_baseline_median": round(per_baseline, 2),
        "level_load_ms_median": round(bench_load(catalogue, level_id, repeat or 15), 2),
        "ai_normal_ms_median": round(bench_agent(level, "normal", repeat or 40), 2),
        "ai_hard_ms_median": round(bench_agent(level, "hard", repeat or 20), 2),
        "simulate_easy_games_per_s": round(bench_simulate(level, repeat or 7), 1),
    }
    return figures
