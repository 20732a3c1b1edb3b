"""`python -m game bench`: speed and memory figures, printed, never asserted in tests.

A shared machine's speed swings by half within a minute, so a time in microseconds cannot meet or
miss a target honestly. Each timed figure with a target is therefore a ratio to a reference timed
in the same run, sample by sample, the two interleaved so that both see the same machine; the
figure is the median of the ratios, and the absolute medians are printed beside it for
information:

- turn_per_baseline_median: resolving one turn of The Testing Event with full plans, against a
  fixed piece of plain Python (the baseline loop);
- level_load_per_baseline_median: reading, checking and compiling The Testing Event and its base
  from their files, against the same baseline;
- ai_hard_iterations_per_baseline: the hard AI's search iterations (one imagined game each) in the
  time of one baseline loop, beside `ai_hard_iterations_per_s`, its iterations a second;
- startup_per_bare_median: from starting the process to the title screen's first frame, against
  a bare pygame_gui window with one button (`game.bench_bare`), started the same way, the two
  launched in turn.

The window's frame time, its idle processor use and its resident memory keep absolute targets:
they are about the game, not about how busy the machine is. `--quick` runs every measurement
on a tiny workload (for the test suite: the figures are then rough).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from game.core import GameState, Plan, initial_state, is_terminal, legal_plans, resolve_turn
from game.levels import clean_parses
from game.levels.loader import Catalogue, chain_of

BENCH_LEVEL = "testing_event"
HARD_ITERATIONS = 200  # a hard decision's budget when its iterations a second are timed

# Upper bounds; each figure is met when it is at most its target.
TARGETS = {
    "turn_per_baseline_median": 1.0,
    "level_load_per_baseline_median": 250.0,
    "startup_per_bare_median": 1.5,
    "frame_ms_median": 4.0,
    "idle_cpu_percent": 3.0,
    "rss_mb": 200.0,
}


@dataclass(frozen=True)
class Workload:
    """How much each measurement does."""

    samples: int = 15  # interleaved pairs for the turn and level-load ratios
    games: int = 6  # seeded games whose turns are timed
    agent_normal: int = 40  # decisions timed
    agent_hard: int = 20
    simulate_batches: int = 7
    simulate_games: int = 20  # games a batch
    startups: int = 7  # pairs of launches, game and bare window
    warm_up: bool = True  # one launch of each first, not counted (see child_env)
    idle_seconds: float = 10.0
    rss_turns: int = 0  # turns autoplayed before memory is read; 0: the whole level
    frames: int = 60

    @classmethod
    def chosen(cls, repeat: int = 0, quick: bool = False) -> Workload:
        if quick:
            w = cls(
                samples=3,
                games=1,
                agent_normal=2,
                agent_hard=1,
                simulate_batches=1,
                simulate_games=4,
                startups=1,
                idle_seconds=1.0,
                rss_turns=2,
                frames=5,
            )
        else:
            w = cls()
        if repeat:
            w = cls(**{**w.__dict__, "samples": repeat, "startups": repeat, "frames": repeat})
        return w


def _median_us(fn, samples: int, inner: int) -> float:
    times = []
    for _ in range(samples):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        times.append((time.perf_counter() - t0) / inner * 1e6)
    return statistics.median(times)


def baseline_loop() -> None:
    """The reference every speed figure is a ratio to: a fixed piece of plain Python, timed in the
    same run as what it measures, so that a busy machine slows both alike (the tests' time
    limits use it too: tests/time_limits.py)."""
    d = {f"k{i}": float(i) for i in range(40)}
    for _ in range(20):
        d = {k: v + 1.0 for k, v in d.items()}


def _interleaved(measured, inner: int, samples: int) -> tuple[float, float, float]:
    """(median µs of `measured`, median µs of the baseline, median ratio of the two), each sample
    of `measured` timed right after a sample of the baseline."""
    ours, bases, ratios = [], [], []
    for _ in range(samples):
        base = _median_us(baseline_loop, 1, 200)
        mine = _median_us(measured, 1, inner)
        ours.append(mine)
        bases.append(base)
        ratios.append(mine / base)
    return statistics.median(ours), statistics.median(bases), statistics.median(ratios)


def _full_plan_turns(level, games: int):
    """(state, plans) pairs from seeded games in which both sides lock their largest plans."""
    pairs = []
    for seed in range(games):
        state = initial_state(level, seed)
        while not is_terminal(state):
            plans = {}
            for side in ("moscow", "beijing"):
                options = legal_plans(state, side)
                longest = max(len(p) for p in options)
                full = [p for p in options if len(p) == longest]
                plans[side] = full[(seed + state.turn) % len(full)]
            pairs.append((state, plans))
            state, _ = resolve_turn(state, plans)
    return pairs


def bench_turn(level, work: Workload) -> tuple[float, float, float]:
    """(median µs to resolve one turn with full plans, median baseline µs, median ratio)."""
    pairs = _full_plan_turns(level, work.games)
    it: Iterator[tuple[GameState, dict[str, Plan]]] = iter(())

    def one():
        nonlocal it
        try:
            state, plans = next(it)
        except StopIteration:
            it = iter(pairs)
            state, plans = next(it)
        resolve_turn(state, plans)

    return _interleaved(one, max(50, len(pairs)), work.samples)


def bench_load(catalogue: Catalogue, level_id: str, work: Workload) -> tuple[float, float, float]:
    """(median µs to parse, check and compile the level and its ancestors from their files, median
    baseline µs, median ratio). Files already read are forgotten first: this times the reading."""
    chain, _ = chain_of(catalogue.entries[level_id].parsed, catalogue)
    files = [(pf.path, pf.name) for pf in chain]

    def one():
        clean_parses.forget()
        fresh = Catalogue()
        for path, name in files:
            fresh.add_file(path, name, is_mod=False)
        fresh.load(level_id)

    return _interleaved(one, 3, work.samples)


def _decision_states(level, games: int):
    """States from a few seeded easy-vs-easy games, where agents will be asked to decide."""
    from game.ai import decide, make_agent

    states = []
    for seed in range(games):
        agents = {s: make_agent("easy", s, seed) for s in ("moscow", "beijing")}
        state = initial_state(level, seed)
        while not is_terminal(state):
            states.append(state)
            state, _ = resolve_turn(state, {s: decide(a, state, s) for s, a in agents.items()})
    return states


def bench_agent(level, name: str, samples: int, games: int) -> float:
    """Median milliseconds for one decision by agent `name`, over varied game states."""
    from game.ai import decide, make_agent

    states = _decision_states(level, games)
    times = []
    for i in range(samples):
        state = states[(i * 7) % len(states)]
        side = ("moscow", "beijing")[i % 2]
        agent = make_agent(name, side, i)
        t0 = time.perf_counter()
        decide(agent, state, side)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def bench_hard_search(level, samples: int, games: int) -> tuple[float, float]:
    """(search iterations a second of the hard AI, median iterations in the time of one baseline
    loop), over varied game states, each decision timed right after a baseline sample."""
    from game.ai import Budget, decide
    from game.ai.hard import HardAgent

    states = _decision_states(level, games)
    done, spent, per_baseline = 0, 0.0, []
    for i in range(samples):
        state = states[(i * 5) % len(states)]
        side = ("moscow", "beijing")[i % 2]
        base = _median_us(baseline_loop, 1, 200)
        agent = HardAgent(side, i, Budget(iterations=HARD_ITERATIONS))
        decide(agent, state, side)
        last = agent.last
        if last is None or not last.iterations:
            continue
        done += last.iterations
        spent += last.search_ms / 1000
        per_baseline.append(last.iterations / last.search_ms * 1000 * base / 1e6)
    rate = done / spent if spent else 0.0
    return rate, statistics.median(per_baseline) if per_baseline else 0.0


def bench_simulate(level, work: Workload) -> float:
    """Easy-against-easy games a second in one process (median over batches)."""
    from game.sim.batch import run_games

    n = work.simulate_games
    rates = []
    for i in range(work.simulate_batches):
        t0 = time.perf_counter()
        run_games(level, range(i * n, i * n + n), "easy", "easy")
        rates.append(n / (time.perf_counter() - t0))
    return statistics.median(rates)


# ---- the window, in child processes ---------------------------------------------------------------


PYCACHE = Path(tempfile.gettempdir()) / "pragmatic-partners-bench-pycache"


def child_env(pycache: Path = PYCACHE) -> dict:
    """The environment the game and the bare window start in. Both keep their compiled byte-code
    in `pycache` (outside the source tree), as an installed game has it (pip compiles it on
    install), even where PYTHONDONTWRITEBYTECODE is set for development: the start measured is a
    player's, not a first compile's. (Python checks each file's time stamp, so the folder never
    goes stale; the warm-up launches fill it.)"""
    env = dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1", PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not env.get("DISPLAY"):
        env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    return env


def _first_line(argv: list[str], env: dict, timeout: float = 120.0) -> tuple[dict, float]:
    """Start `python argv...`; return its first JSON line and the wall time from starting the
    child to reading that line."""
    t0 = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *argv], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
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


SIZE = "1280x720"
GAME_STARTUP = ["-m", "game", "play", "--size", SIZE, "--probe", "startup"]
BARE_STARTUP = ["-m", "game.bench_bare", "--size", SIZE]


def bench_startup(env: dict, work: Workload) -> tuple[float, float, float]:
    """(median ms from process start to the title's first frame, the same for the bare window,
    median ratio of the two), the two launched in turn."""
    if work.warm_up:
        _first_line(BARE_STARTUP, env)
        _first_line(GAME_STARTUP, env)
    games, bares, ratios = [], [], []
    for _ in range(work.startups):
        bare = _first_line(BARE_STARTUP, env)[1] * 1000
        mine = _first_line(GAME_STARTUP, env)[1] * 1000
        games.append(mine)
        bares.append(bare)
        ratios.append(mine / bare)
    return statistics.median(games), statistics.median(bares), statistics.median(ratios)


def bench_frame(samples: int) -> tuple[float, float]:
    """Milliseconds to draw the board at 1280x720, and to present it (flip), in this process on
    the current display. Each sample moves the mouse over a different card, so the board's tooltip
    and hover change as they do in play."""
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.session.game import HUMAN, Game
    from game.ui.app import App, PlayOptions

    app = App(PlayOptions(size=(1280, 720)))
    level = app.catalogue.load(BENCH_LEVEL)
    game = Game.new(level, level.seed, {"moscow": HUMAN, "beijing": "easy"})
    game.pass_summit()  # (the frame measured is the board's, not the summit's)
    app.show_over("board", game=game, perspective="moscow")
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


def run_ui_bench(repeat: int = 0, quick: bool = False) -> dict:
    work = Workload.chosen(repeat, quick)
    env = child_env()
    game_ms, bare_ms, per_bare = bench_startup(env, work)
    play = ["-m", "game", "play", "--size", SIZE]
    idle = _first_line([*play, "--probe", f"idle:{work.idle_seconds:g}"], env)[0]
    rss_probe = f"rss:{work.rss_turns}" if work.rss_turns else "rss"
    rss = _first_line([*play, "--probe", rss_probe, "--level", BENCH_LEVEL], env, timeout=600)[0]
    frame, flip = bench_frame(work.frames)
    return {
        "startup_ms_median": round(game_ms, 1),
        "bare_startup_ms_median": round(bare_ms, 1),
        "startup_per_bare_median": round(per_bare, 2),
        "frame_ms_median": round(frame, 2),
        "flip_ms_median": round(flip, 2),
        "idle_cpu_percent": round(idle.get("idle_cpu_percent", -1.0), 2),
        "rss_mb": round(rss.get("rss_mb", -1.0), 1),
    }


def run_bench(repeat: int = 0, level_id: str = BENCH_LEVEL, mod_dirs=(), quick: bool = False) -> dict:
    work = Workload.chosen(repeat, quick)
    catalogue = Catalogue.scan(mod_dirs)
    level = catalogue.load(level_id)
    turn, base, per_baseline = bench_turn(level, work)
    load, load_base, load_per_baseline = bench_load(catalogue, level_id, work)
    return {
        "baseline_us_median": round(statistics.median([base, load_base]), 2),
        "turn_us_median": round(turn, 2),
        "turn_per_baseline_median": round(per_baseline, 2),
        "level_load_ms_median": round(load / 1000, 2),
        "level_load_per_baseline_median": round(load_per_baseline, 1),
        "ai_normal_ms_median": round(
            bench_agent(level, "normal", work.agent_normal, max(1, work.games // 2)), 2
        ),
        "ai_hard_ms_median": round(bench_agent(level, "hard", work.agent_hard, max(1, work.games // 2)), 2),
        **dict(
            zip(
                ("ai_hard_iterations_per_s", "ai_hard_iterations_per_baseline"),
                (round(x, 3) for x in bench_hard_search(level, work.agent_hard, max(1, work.games // 2))),
                strict=True,
            )
        ),
        "simulate_easy_games_per_s": round(bench_simulate(level, work), 1),
    }


def targets(figures: dict) -> dict:
    """Each target whose figure was measured: its bound, and whether the figure is within it."""
    return {
        name: {"at_most": bound, "met": 0 <= figures[name] <= bound}
        for name, bound in TARGETS.items()
        if name in figures
    }


def report_lines(figures: dict) -> list[str]:
    """The figures as lines for a terminal, each target beside its figure."""
    marks = targets(figures)
    lines = []
    for name, value in figures.items():
        mark = marks.get(name)
        note = f"  (target at most {mark['at_most']:g}: {'met' if mark['met'] else 'MISSED'})" if mark else ""
        lines.append(f"{name:32} {value}{note}")
    return lines
