"""Bring your own agent: a class in a Python file, named on the command line as `FILE.py:NAME`.

Loading the file runs it, as running any Python program does; so the game loads one only when the
user names it (`--moscow FILE.py:NAME` or `--beijing FILE.py:NAME`), never from a save or a level.
The agent is seated behind a guard: when it raises, returns a plan that is not legal, or thinks
past its budget, it loses its turn (an empty plan), a message on stderr says why, and the game
goes on. It sees a copy of its own of the game (level included), so that nothing it changes
reaches the game or the other side, and what it prints goes to stderr, so that a command's own
output on stdout stays whole. docs/agents.md describes the protocol, with an example in
examples/agents/.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import importlib.util
import pickle
import sys
import threading
import time
import traceback
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import TextIO

from game.ai.protocol import Agent, Budget, LegalPlans, Observation, Plan, seen
from game.core.level import Level

# The time an agent of one's own gets for a plan when the budget names none.
DEFAULT_MS = 1000.0

_LOADED: dict[Path, ModuleType] = {}


class OwnAgentError(Exception):
    """An agent that cannot be loaded: no such file, a file that does not run, or no such name."""


def is_own_agent(spec: str) -> bool:
    """Whether `spec` names an agent in a file (`FILE.py:NAME`) rather than one of the game's."""
    path, colon, name = spec.rpartition(":")
    return bool(colon) and path.endswith(".py") and name.isidentifier()


# What an agent prints goes to stderr: stdout is the command's own (`duel --json` prints its figures
# there, for a script to read whole), and a debugging print in an agent must not break it.
_IN_AGENT = threading.local()  # .on: this thread is running an agent's own code


class _AgentsPrintToStderr:
    """sys.stdout while agents of one's own are about: writes from an agent's code go to stderr
    (or nowhere, when there is none, as in a windowed build), everything else to stdout."""

    def __init__(self, stdout: TextIO) -> None:
        self.stdout = stdout
        self._unended = threading.local()  # .text: what this thread's agent printed since its last newline

    def write(self, text: str) -> int:
        if not getattr(_IN_AGENT, "on", False):
            return self.stdout.write(text)
        # Whole lines only, each in one write: `print` writes its words and the newline apart, and
        # the agents in several worker processes share one stderr, so their lines would interleave.
        pending = getattr(self._unended, "text", "") + text
        whole, newline, rest = pending.rpartition("\n")
        self._unended.text = rest
        if newline:
            self._to_stderr(whole + newline)
        return len(text)

    def flush(self) -> None:
        if not getattr(_IN_AGENT, "on", False):
            self.stdout.flush()
            return
        pending, self._unended.text = getattr(self._unended, "text", ""), ""
        self._to_stderr(pending)

    @staticmethod
    def _to_stderr(text: str) -> None:
        if sys.stderr is not None and text:
            sys.stderr.write(text)
            sys.stderr.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self.stdout, name)


@contextlib.contextmanager
def agent_code() -> Iterator[None]:
    """Run an agent's own code (its file, its class) in this thread: what it prints goes to stderr."""
    if sys.stdout is not None and not isinstance(sys.stdout, _AgentsPrintToStderr):
        sys.stdout = _AgentsPrintToStderr(sys.stdout)
    was = getattr(_IN_AGENT, "on", False)
    _IN_AGENT.on = True
    try:
        yield
    finally:
        if not was and isinstance(sys.stdout, _AgentsPrintToStderr):
            sys.stdout.flush()  # a last line the agent left without its newline
        _IN_AGENT.on = was


def split_spec(spec: str) -> tuple[Path, str]:
    """(the file, the name) of `FILE.py:NAME`."""
    path, _, name = spec.rpartition(":")
    return Path(path), name


def _module(path: Path) -> ModuleType:
    """The file run as a module, once a process (a second agent from it shares the module)."""
    path = path.resolve()
    if path in _LOADED:
        return _LOADED[path]
    if not path.is_file():
        raise OwnAgentError(f"there is no agent file {path}")
    # A name of its own, so that it never shadows or replaces a module of the game's.
    module_name = f"pragmatic_partners_own_agent_{zlib.crc32(str(path).encode()):08x}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise OwnAgentError(f"{path} cannot be loaded as a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # (dataclasses and pickling look a module up by name)
    try:
        with agent_code():
            spec.loader.exec_module(module)
    except (Exception, SystemExit) as e:
        del sys.modules[module_name]
        where = traceback.extract_tb(e.__traceback__)[-1]
        line = getattr(e, "lineno", None) or where.lineno
        raise OwnAgentError(
            f"{path}:{line}: loading the agent file failed: {type(e).__name__}: {e}"
        ) from None
    _LOADED[path] = module
    return module


def load_factory(spec: str) -> Callable[[str, int, Budget], Agent]:
    """The class (or other callable) that `FILE.py:NAME` names; raises OwnAgentError."""
    if not is_own_agent(spec):
        raise OwnAgentError(f"'{spec}' does not name an agent in a file; write FILE.py:NAME")
    path, name = split_spec(spec)
    module = _module(path)
    factory = getattr(module, name, None)
    if factory is None:
        names = [n for n, v in vars(module).items() if callable(v) and not n.startswith("_")]
        close = difflib.get_close_matches(name, names, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise OwnAgentError(f"{path} has no '{name}'{hint}")
    if not callable(factory):
        raise OwnAgentError(f"'{name}' in {path} is not a class: the game calls NAME(side, seed, budget)")
    return factory  # (its result is checked on use)


def build_own_agent(spec: str, side: str, seed: int, budget: Budget) -> Agent:
    """`NAME(side, seed, budget)` from `FILE.py:NAME`, unguarded; raises OwnAgentError when the
    file does not load, the call raises or what it gives has no choose method."""
    factory = load_factory(spec)
    try:
        with agent_code():
            agent = factory(side, seed, budget)
    except (Exception, SystemExit) as e:  # (not KeyboardInterrupt: the user's own stop)
        raise OwnAgentError(f"{spec}: making the agent for {side} failed: {type(e).__name__}: {e}") from None
    if not callable(getattr(agent, "choose", None)):
        raise OwnAgentError(
            f"{spec}: what {split_spec(spec)[1]}(side, seed, budget) gives has no choose method"
        )
    return agent


def make_own_agent(
    spec: str, side: str, seed: int, budget: Budget | None, warn: Callable[[str], None] | None = None
) -> GuardedAgent:
    """The agent `FILE.py:NAME` for `side`, seated behind its guard; raises OwnAgentError when the
    file does not load. An agent that cannot be made (its class raises for this side or seed)
    loses every turn, with the reason, and the game goes on: the commands make each agent once
    before their games (`game.commands.loading.load_agents`), so this is the rare agent that
    fails only for some seeds, or the file changed while the games ran."""
    load_factory(spec)
    budget = budget or Budget()
    ms = budget.ms if budget.ms is not None else DEFAULT_MS
    try:
        agent = build_own_agent(spec, side, seed, budget)
    except OwnAgentError as e:
        return GuardedAgent(None, spec, side, ms, warn, unmade=str(e).removeprefix(f"{spec}: "))
    return GuardedAgent(agent, spec, side, ms, warn)


def shown(thing: object, how: Callable[[object], str]) -> str:
    """`how(thing)` (repr or str) of something an agent gave, for a message: cut to a sane
    length, and never an exception, whatever the agent's own class does."""
    try:
        text = how(thing)
    except Exception:
        return f"a {type(thing).__name__} that cannot be shown"
    return text if len(text) <= 200 else text[:200] + "..."


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class GuardedAgent:
    """An agent of one's own, seated so that nothing it does stops the game: a plan that raises,
    is not legal, or comes after `ms` milliseconds is replaced by the empty plan, with a message."""

    def __init__(
        self,
        agent: Agent | None,
        spec: str,
        side: str,
        ms: float,
        warn: Callable[[str], None] | None = None,
        unmade: str = "",
    ):
        self.agent, self.spec, self.side, self.ms = agent, spec, side, ms
        self.unmade = unmade  # why there is no agent (`agent` is None), said each turn it loses
        self.name = split_spec(spec)[1]
        with contextlib.suppress(Exception):  # (a name that cannot be read: the class's will do)
            self.name = str(getattr(agent, "name", self.name))[:80]
        self.warn = warn or _to_stderr
        self.reason = ""
        self.failures = 0
        self._busy: threading.Thread | None = None  # a call that has not come back yet
        self._level: tuple[Level, Level] | None = None  # the game's level, and the agent's copy

    def private(self, observation: Observation) -> Observation:
        """A copy of `observation` for the agent alone. It may change anything in it, by mistake
        or to cheat, and the game is untouched: the level both sides play (its cards, agendas and
        rules are shared with the game, and with the other side) and the reports of past turns.
        The level is copied once for each level the agent meets (tens of milliseconds), the
        rest each turn; the copying is not counted against the agent's time."""
        level = observation.level
        if self._level is None or self._level[0] is not level:
            self._level = (level, pickle.loads(pickle.dumps(level)))
        return copy.deepcopy(observation, {id(level): self._level[1]})

    def lose_turn(self, observation: Observation, why: str) -> Plan:
        """The empty plan, and a message saying why the agent lost its turn."""
        self.failures += 1
        self.reason = f"lost its turn: {why}"
        self.warn(
            f"turn {observation.turn}: {self.side}'s agent {self.spec} {why}; it loses its turn (an empty plan)"
        )
        return ()

    def choose(self, observation: Observation, legal: Sequence[Plan] | None = None) -> Plan:
        """The agent's plan, or the empty plan when it fails."""
        observation, plans = seen(observation, self.side, legal)
        if self.agent is None:
            return self.lose_turn(observation, f"could not be made ({self.unmade})")
        agent = self.agent
        if self._busy is not None and self._busy.is_alive():
            return self.lose_turn(observation, "is still thinking about an earlier turn")
        private = self.private(observation)
        answer: list[tuple[Plan | None, object]] = []  # (the plan, or None when it is not one; what came)
        failure: list[BaseException] = []
        reason: list[str] = []

        def call() -> None:
            # Everything the agent's own code does runs here, its plan and its reason read too
            # (either may be a property that raises, or a class of its own), so that nothing it
            # does can raise in the game's thread.
            with agent_code():
                try:
                    returned = agent.choose(private, LegalPlans(private, self.side))
                    # A plan is a plain tuple or list of plain strings, copied before it is read.
                    is_plan = type(returned) in (tuple, list) and all(type(a) is str for a in returned)
                    answer.append((tuple(returned) if is_plan else None, returned))
                except BaseException as e:  # (whatever it raises, the game goes on)
                    failure.append(e)
                    return
                try:
                    reason.append(str(getattr(agent, "reason", "") or "")[:2000])
                except BaseException:  # (a reason that cannot be read is no reason)
                    reason.append("")

        # In a thread of its own, so that a slow agent is left behind rather than waited for.
        worker = threading.Thread(target=call, name=f"agent {self.spec} ({self.side})", daemon=True)
        started = time.perf_counter()
        worker.start()
        worker.join(self.ms / 1000.0)
        elapsed = (time.perf_counter() - started) * 1000.0
        if worker.is_alive():
            self._busy = worker
            return self.lose_turn(observation, f"took longer than its budget of {self.ms:g} ms")
        if failure:
            e = failure[0]
            where = traceback.extract_tb(e.__traceback__)[-1]
            return self.lose_turn(
                observation,
                f"raised {type(e).__name__}: {shown(e, str)} (at {Path(where.filename).name}:{where.lineno})",
            )
        if elapsed > self.ms:
            return self.lose_turn(observation, f"took {elapsed:.0f} ms, past its budget of {self.ms:g} ms")
        plan, returned = answer[0]
        if plan is None:
            return self.lose_turn(
                observation, f"returned {shown(returned, repr)}, which is not a plan (a tuple of action ids)"
            )
        problem = plans.problem(plan)
        if problem:
            return self.lose_turn(
                observation, f"returned {shown(plan, repr)}, which is not a legal plan: {problem}"
            )
        self.reason = reason[0] if reason else ""
        return plan
