"""Bringing your own agent (docs/agents.md): FILE.py:NAME loads, and an agent that raises, returns
an illegal plan or thinks past its budget loses its turn with a message, and the game goes on."""

import io
import json
import subprocess
import sys
import textwrap

import pytest
from cli_driver import run_game
from conftest import ROOT

from game.ai import Budget, decide, make_agent, own
from game.ai.own import OwnAgentError, is_own_agent
from game.core import initial_state, is_legal_plan, resolve_turn
from game.session.game import THINK
from game.sim.batch import play_one

EXAMPLE = str(ROOT / "examples" / "agents" / "greedy.py") + ":Greedy"


def agent_file(tmp_path, body, name="mine.py"):
    """A file with an agent class `Mine` whose choose runs `body` (observation and legal in scope)."""
    path = tmp_path / name
    path.write_text(
        "import time\n\n\nclass Mine:\n"
        "    def __init__(self, side, seed, budget):\n        self.side = side\n\n"
        "    def choose(self, observation, legal):\n" + textwrap.indent(textwrap.dedent(body), " " * 8),
        encoding="utf-8",
    )
    return f"{path}:Mine"


def test_an_agent_is_named_by_its_file_and_class():
    assert is_own_agent("examples/agents/greedy.py:Greedy") and is_own_agent(r"C:\x\a.py:Mine")
    assert not is_own_agent("hard") and not is_own_agent("greedy.py") and not is_own_agent("a.py:1x")


def test_the_example_agent_loads_and_chooses_a_legal_plan(testing_event):
    state = initial_state(testing_event, 5)
    for side in ("moscow", "beijing"):
        agent = make_agent(EXAMPLE, side, 5)
        plan = decide(agent, state, side)
        assert plan and is_legal_plan(state, side, plan)
        assert agent.reason and "goals" in agent.reason


@pytest.mark.slow
def test_the_example_agent_plays_a_whole_game_against_each_side(testing_event, capsys):
    for moscow, beijing in ((EXAMPLE, "normal"), ("easy", EXAMPLE)):
        result = play_one(testing_event, 3, moscow, beijing)
        assert len(result.plans) == testing_event.turns
        side = "moscow" if moscow == EXAMPLE else "beijing"
        assert sum(bool(p[side]) for p in result.plans) >= testing_event.turns // 2
    assert capsys.readouterr().err == "", "the example never loses a turn"


def test_a_file_that_is_missing_does_not_run_or_lacks_the_name_is_a_clear_error(tmp_path):
    with pytest.raises(OwnAgentError, match="there is no agent file"):
        make_agent(f"{tmp_path}/none.py:Mine", "moscow", 1)
    broken = tmp_path / "broken.py"
    broken.write_text("x = 1\ny = (\n", encoding="utf-8")
    with pytest.raises(OwnAgentError, match=r"broken.py:\d+: loading the agent file failed: SyntaxError"):
        make_agent(f"{broken}:Mine", "moscow", 1)
    spec = agent_file(tmp_path, "return ()\n")
    with pytest.raises(OwnAgentError, match="has no 'Mien' \\(did you mean 'Mine'\\?\\)"):
        make_agent(spec.replace(":Mine", ":Mien"), "moscow", 1)


def test_an_agent_that_raises_loses_its_turn_and_the_game_goes_on(tmp_path, testing_event, capsys):
    spec = agent_file(tmp_path, "return legal[1] if observation.turn % 2 else {}['boom']\n")
    result = play_one(testing_event, 2, spec, "easy")
    assert len(result.plans) == testing_event.turns
    assert all(p["moscow"] == () for p in result.plans[1::2]) and result.plans[0]["moscow"]
    err = capsys.readouterr().err
    assert f"turn 2: moscow's agent {spec} raised KeyError: 'boom' (at mine.py:9)" in err
    assert "it loses its turn (an empty plan)" in err


def test_an_agent_that_returns_an_illegal_plan_loses_its_turn(tmp_path, testing_event, capsys):
    spec = agent_file(tmp_path, "return (legal.actions[0], legal.actions[0])\n")
    state = initial_state(testing_event, 1)
    agent = make_agent(spec, "beijing", 1)
    assert decide(agent, state, "beijing") == ()
    err = capsys.readouterr().err
    assert "beijing's agent" in err and "which is not a legal plan: an action can be used once a turn" in err
    spec = agent_file(tmp_path, "return 'nothing'\n", "words.py")
    assert decide(make_agent(spec, "beijing", 1), state, "beijing") == ()
    assert "returned 'nothing', which is not a plan (a tuple of action ids)" in capsys.readouterr().err
    spec = agent_file(tmp_path, "return (1, 2)\n", "numbers.py")
    assert decide(make_agent(spec, "beijing", 1), state, "beijing") == ()
    assert "returned (1, 2), which is not a plan (a tuple of action ids)" in capsys.readouterr().err


def test_an_agent_past_its_budget_loses_its_turn_and_the_game_goes_on(tmp_path, testing_event, capsys):
    spec = agent_file(tmp_path, "time.sleep(0.3 if observation.turn == 1 else 0)\nreturn legal[-1]\n")
    state = initial_state(testing_event, 1)
    agent = make_agent(spec, "moscow", 1, Budget(ms=30))
    assert decide(agent, state, "moscow") == ()
    assert "took longer than its budget of 30 ms; it loses its turn" in capsys.readouterr().err
    # The game goes on; while the first call is still asleep, the agent is still thinking.
    state, _ = resolve_turn(state, {"moscow": (), "beijing": ()})
    assert decide(agent, state, "moscow") == ()
    assert "is still thinking about an earlier turn" in capsys.readouterr().err


@pytest.mark.slow
def test_an_agent_that_changes_what_it_is_given_changes_nothing_in_the_game(tmp_path, testing_event):
    """The level is shared by both sides and the game: an agent that clears its cards, or rewrites
    the meters and the reports it was shown, must not crash the game or change the other side's."""
    plain = agent_file(tmp_path, "return legal[-1]\n", "plain.py")
    vandal = agent_file(
        tmp_path,
        """\
        plan = legal[-1]
        observation.meters["partnership"] = 100.0
        observation.flags.clear()
        observation.level.actions.clear()
        observation.level.start.clear()
        for report in observation.history:
            report.records.clear()
        return plan
        """,
        "vandal.py",
    )
    cards = dict(testing_event.actions)
    played = {spec: play_one(testing_event, 6, spec, "normal") for spec in (plain, vandal)}
    assert played[vandal].plans == played[plain].plans
    assert played[vandal].final == played[plain].final
    assert testing_event.actions == cards
    # In the window, the reports of past turns are kept, and shown to the agent.
    state = initial_state(testing_event, 6)
    state, _ = resolve_turn(state, {"moscow": (), "beijing": ()})
    records = list(state.history[0].records)
    assert records and decide(make_agent(vandal, "moscow", 6), state, "moscow")
    assert state.history[0].records == records and state.level.actions == cards


def test_an_agents_name_reason_and_plan_are_read_so_that_nothing_it_does_stops_the_game(
    tmp_path, testing_event, capsys
):
    """Properties that raise, a tuple of its own whose iteration raises, an exception that cannot
    be shown and a huge answer: each is a lost turn at worst, never an exception in the game."""
    path = tmp_path / "odd.py"
    path.write_text(
        """\
class Odd:
    def __init__(self, side, seed, budget):
        self.turns = 0

    @property
    def name(self):
        raise ValueError("no name")

    @property
    def reason(self):
        raise ValueError("no reason")

    def choose(self, observation, legal):
        self.turns += 1

        class Sly(tuple):
            def __iter__(self):
                raise ValueError("sly")

        class Mute(Exception):
            def __str__(self):
                raise ValueError("mute")

        if self.turns == 1:
            return Sly(legal[-1])
        if self.turns == 2:
            raise Mute()
        if self.turns == 3:
            return "x" * 100000
        return legal[-1]
""",
        encoding="utf-8",
    )
    result = play_one(testing_event, 1, f"{path}:Odd", "easy")
    assert len(result.plans) == testing_event.turns
    assert [bool(p["moscow"]) for p in result.plans[:4]] == [False, False, False, True]
    err = capsys.readouterr().err
    assert "turn 1: moscow's agent" in err and "which is not a plan (a tuple of action ids)" in err
    assert "turn 2: moscow's agent" in err and "raised Mute: a Mute that cannot be shown (at odd.py:" in err
    assert "turn 3: moscow's agent" in err and "'xxx" in err and max(map(len, err.splitlines())) < 600
    agent = make_agent(f"{path}:Odd", "moscow", 1)
    assert agent.name == "Odd"


@pytest.mark.slow
def test_duel_and_simulate_take_an_agent_of_ones_own(capsys):
    out = run_game("duel", EXAMPLE, "idle", "--games", "2", "--json")
    assert out.returncode == 0, out.stderr
    assert '"a_wins": 1.0' in out.stdout
    out = run_game("simulate", "testing_event", "--games", "1", "--moscow", EXAMPLE, "--json")
    assert out.returncode == 0, out.stderr


def test_an_agent_file_that_will_not_load_stops_the_command_before_the_games(tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("raise RuntimeError('no')\n", encoding="utf-8")
    out = run_game("duel", f"{broken}:Mine", "easy", "--games", "2")
    assert out.returncode == 1
    assert "broken.py:1: loading the agent file failed: RuntimeError: no" in out.stderr
    out = run_game("simulate", "testing_event", "--beijing", f"{tmp_path}/none.py:Mine")
    assert out.returncode == 2 and "there is no agent file" in out.stderr


def test_an_agent_whose_class_cannot_be_made_stops_the_command_before_the_games(tmp_path):
    """A class that takes the wrong arguments, or raises (even SystemExit) when made, is an error
    message and exit code 1 before any game, never a traceback."""
    path = tmp_path / "made.py"
    path.write_text(
        "class NoArguments:\n    def choose(self, observation, legal):\n        return ()\n\n\n"
        "class Quits:\n    def __init__(self, side, seed, budget):\n        raise SystemExit(3)\n",
        encoding="utf-8",
    )
    out = run_game("duel", f"{path}:NoArguments", "easy", "--games", "2")
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert "making the agent for moscow failed: TypeError" in out.stderr
    out = run_game("simulate", "testing_event", "--games", "1", "--beijing", f"{path}:Quits")
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert "making the agent for moscow failed: SystemExit: 3" in out.stderr
    out = run_game("transcript", "testing_event", "--moscow", f"{path}:NoArguments")
    assert out.returncode == 1 and out.stdout == ""
    assert "making the agent for moscow failed: TypeError" in out.stderr


def test_an_agent_that_cannot_be_made_for_one_game_loses_its_turns_and_the_game_goes_on(
    tmp_path, testing_event, capsys
):
    path = tmp_path / "picky.py"
    path.write_text(
        "class Picky:\n    def __init__(self, side, seed, budget):\n"
        "        if side == 'beijing':\n            raise ValueError('Moscow only')\n\n"
        "    def choose(self, observation, legal):\n        return legal[-1]\n",
        encoding="utf-8",
    )
    result = play_one(testing_event, 4, "easy", f"{path}:Picky")
    assert len(result.plans) == testing_event.turns
    assert all(p["beijing"] == () for p in result.plans)
    err = capsys.readouterr().err
    assert (
        f"turn 1: beijing's agent {path}:Picky could not be made (making the agent for beijing failed: ValueError: Moscow only)"
        in err
    )
    assert "it loses its turn (an empty plan)" in err


@pytest.mark.slow
def test_what_an_agent_prints_goes_to_stderr_so_the_json_stays_whole(tmp_path):
    path = tmp_path / "chatty.py"
    path.write_text(
        'print("loading")\n\n\nclass Chatty:\n    def __init__(self, side, seed, budget):\n'
        '        print("made for", side)\n\n    def choose(self, observation, legal):\n'
        '        print("turn", observation.turn)\n        return legal[-1]\n',
        encoding="utf-8",
    )
    args = ["duel", f"{path}:Chatty", "easy", "--games", "2", "--json"]
    out = run_game(*args, "--workers", "1")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["games"] == 2
    assert "loading" in out.stderr and "made for beijing" in out.stderr and "turn 12" in out.stderr
    # In worker processes too (a process of its own: the workers write to the real stderr).
    out = subprocess.run(
        [sys.executable, "-m", "game", *args, "--workers", "2"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["games"] == 2 and out.stderr.count("turn 12") == 2


def test_an_agents_print_reaches_stderr_as_whole_lines_each_in_one_write(monkeypatch):
    # Worker processes share one stderr: `print` writes its words and its newline apart, and two
    # agents' lines interleaved ("turn 9turn\n 12") until each line went out in one write.
    writes: list[str] = []

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            writes.append(text)
            return len(text)

    monkeypatch.setattr(sys, "stderr", Recorder())
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    with own.agent_code():
        print("turn", 9)
        print("two", "lines\nat once", end="")
        print(" ended")
        print("left open", end="")
    assert writes == ["turn 9\n", "two lines\n", "at once ended\n", "left open"]
    print("the game's own")
    assert writes[-1] == "left open" and "the game's own" in sys.stdout.getvalue()


def test_an_agent_file_that_exits_as_it_loads_is_an_error_not_an_exit(tmp_path):
    path = tmp_path / "quits.py"
    path.write_text("import sys\nsys.exit(0)\n", encoding="utf-8")
    out = run_game("duel", f"{path}:Mine", "easy", "--games", "2")
    assert out.returncode == 1 and "quits.py:2: loading the agent file failed: SystemExit: 0" in out.stderr


def test_play_seats_an_agent_of_ones_own_on_one_side(monkeypatch):
    import game.ui.app

    seen = []
    monkeypatch.setattr(game.ui.app, "play", lambda options: seen.append(options) or 0)
    assert run_game("play", "--moscow", EXAMPLE, "--think-ms", "200").returncode == 0
    options = seen[-1]
    assert (options.side, options.opponent, options.think) == ("beijing", EXAMPLE, Budget(ms=200))
    assert run_game("play", "--opponent", "hard", "--think-iterations", "50").returncode == 0
    assert seen[-1].think == Budget(iterations=50) and seen[-1].opponent == "hard"
    # No budget named: the game's own, a second a plan (the title starts without importing the AI).
    assert run_game("play").returncode == 0 and seen[-1].think is None and Budget(ms=1000) == THINK
    out = run_game("play", "--moscow", EXAMPLE, "--beijing", "hard")
    assert out.returncode == 2 and "give --moscow or --beijing, not both" in out.stderr
    out = run_game("play", "--beijing", "priority:m_host_summit")
    assert out.returncode == 2 and "not in the window" in out.stderr
    assert run_game("play", "--beijing", "idle").returncode == 0 and seen[-1].opponent == "idle"


def test_a_game_with_an_agent_of_ones_own_saves_it_as_own_and_reopens_with_normal(testing_event):
    from game.session.game import Game
    from game.session.replay import ReplayLog

    game = Game.new(testing_event, 4, {"moscow": "human", "beijing": EXAMPLE}, Budget(iterations=20))
    game.lock("moscow", ())
    game.resolve()
    assert game.log.players == {"moscow": "human", "beijing": "own"}
    assert "goals" in game.log.turns[0].why["beijing"]
    saved = ReplayLog.model_validate_json(game.log.model_dump_json())
    again = Game.from_log(testing_event, saved, dict(saved.players), Budget(iterations=20))
    assert again.agent_for("beijing").name == "normal"
