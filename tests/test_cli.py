import importlib
import json
import pkgutil
import subprocess
import sys

import pytest
from cli_driver import run_game
from conftest import ROOT

from game import cli, commands
from game.commands import balance as balance_command
from game.commands.arguments import AGENT_NAMES
from game.commands.exit_codes import ExitCode


# Real processes: the entry point itself, exit codes and all. The other tests run the commands in
# this process (cli_driver), which says the same about their output for far less.
def run(*args, timeout=60):
    return subprocess.run(
        [sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.slow
def test_validate_exit_codes_clean_broken_and_bad_usage(tmp_path):
    assert run("validate", "levels").returncode == 0
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\nid = "bad"\nextends = "base"\ntitle = 3\n', encoding="utf-8")
    out = run("validate", str(bad))
    assert out.returncode == 1
    assert f"{bad}:4:1: error: title: should be text, not 3" in out.stdout
    assert run("validate").returncode == 2
    assert run_game("validate", "--format", "yaml", "levels").returncode == 2


@pytest.mark.slow
def test_validate_json_lists_located_problems(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\nid = "bad"\nextends = "base"\ntitel = "x"\n', encoding="utf-8")
    out = run_game("validate", "--format", "json", str(bad))
    assert out.returncode == 1
    problems = json.loads(out.stdout)
    assert problems == [
        {
            "file": str(bad),
            "line": 4,
            "column": 1,
            "severity": "error",
            "path": "titel",
            "message": "unknown key 'titel' (did you mean 'title'?)",
        }
    ]
    assert json.loads(run("validate", "--format", "json", "levels").stdout) == []
    # As simulate and bench say it (a modder typed it and was told it was no option).
    assert json.loads(run_game("validate", "--json", str(bad)).stdout) == problems


def test_validate_a_missing_path_is_an_error_not_a_crash(tmp_path):
    out = run_game("validate", str(tmp_path / "nope.toml"))
    assert out.returncode == 1 and "no such file" in out.stdout and "Traceback" not in out.stderr


def test_validate_a_pipe_says_it_is_a_pipe_not_that_it_is_missing(tmp_path):
    import os

    fifo = tmp_path / "level.toml"
    os.mkfifo(fifo)
    from game.levels.validate import validate_paths

    problems = [str(p) for p in validate_paths([fifo])]
    assert problems and "pipe or a device" in problems[0] and "no such file" not in problems[0]


@pytest.mark.slow
def test_levels_lists_the_shipped_levels():
    out = run_game("levels")
    assert out.returncode == 0 and "testing_event" in out.stdout and "base" not in out.stdout.split()


@pytest.mark.slow
def test_bench_prints_its_figures_and_targets_as_json():
    # --quick: every measurement, each on a tiny workload (the figures are rough, the shape is not).
    out = run("bench", "--json", "--quick", timeout=300)
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout)
    targets = figures.pop("targets")
    timed = {
        "turn_us_median",
        "turn_per_baseline_median",
        "level_load_ms_median",
        "level_load_per_baseline_median",
        "startup_ms_median",
        "bare_startup_ms_median",
        "startup_per_bare_median",
        "rss_mb",
    }
    assert timed <= set(figures) and all(figures[name] > 0 for name in timed), figures
    # Every figure a number, none -1 (not measured); presenting a frame, or waiting, can take no
    # measurable time under the dummy video driver.
    assert all(isinstance(v, (int, float)) and v >= 0 for v in figures.values()), figures
    assert set(targets) == {
        "turn_per_baseline_median",
        "level_load_per_baseline_median",
        "startup_per_bare_median",
        "frame_ms_median",
        "idle_cpu_percent",
        "rss_mb",
    }
    for name, target in targets.items():
        assert target["met"] == (figures[name] <= target["at_most"]), name


# -- the commands' modules and the parser -------------------------------------------------------

COMMAND_MODULES = sorted(
    m.name
    for m in pkgutil.iter_modules(commands.__path__)
    if hasattr(importlib.import_module(f"game.commands.{m.name}"), "run")
)


def test_every_command_module_is_registered_once():
    registered = [module.__name__.rsplit(".", 1)[1] for module in cli.COMMANDS]
    assert sorted(registered) == COMMAND_MODULES
    assert len({module.NAME for module in cli.COMMANDS}) == len(cli.COMMANDS)


@pytest.mark.slow
@pytest.mark.parametrize("module", cli.COMMANDS, ids=lambda m: m.NAME)
def test_every_command_has_help(module, capsys):
    assert module.HELP
    assert cli.main([module.NAME, "--help"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert out.startswith(f"usage: python -m game {module.NAME}") and module.HELP in " ".join(out.split())


def test_the_list_of_commands_names_each_and_the_exit_codes(capsys):
    assert cli.main(["--help"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert all(module.NAME in out for module in cli.COMMANDS) and "Exit codes" in out


def test_exit_codes_are_the_documented_numbers():
    assert (ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE) == (0, 1, 2)


def test_the_agents_the_command_line_offers_are_the_games_agents():
    from game.ai import AGENTS

    assert tuple(AGENTS) == AGENT_NAMES


@pytest.mark.parametrize(
    ("args", "option", "words"),
    [
        (["play", "--seed", "-1"], "--seed", "from 0 to 999999999999999999"),
        (["classroom", "--seed", "1234567890123456789"], "--seed", "18 digits"),
        (["transcript", "testing_event", "--seed", "seven"], "--seed", "whole number"),
        (["simulate", "testing_event", "--seed", "-3"], "--seed", "whole number"),
        (["play", "--size", "big"], "--size", "WxH, e.g. 1280x720"),
        (["classroom", "--size", "1280x720x2"], "--size", "WxH"),
        (["simulate", "testing_event", "--games", "0"], "--games", "from 1 to 10,000"),
        (["simulate", "testing_event", "--workers", "none"], "--workers", "from 1 to 64"),
        # duel divided by the number of games and ended in a traceback.
        (["duel", "easy", "hard", "--games", "0"], "--games", "from 1 to 10,000"),
        (["claims", "--games", "-5"], "--games", "from 1 to 10,000"),
        (["balance", "--duel-games", "1"], "--duel-games", "from 2 to"),
        (["bench", "--repeat", "-1"], "--repeat", "from 0 to 1,000"),
        (["simulate", "testing_event", "--moscow", "genius"], "--moscow", "unknown agent 'genius'"),
        (["transcript", "testing_event", "--beijing", "genius"], "--beijing", "choose from random, easy"),
        (["duel", "easy", "genius"], "B", "unknown agent 'genius'"),
        (["play", "--side", "tokyo"], "--side", "'moscow', 'beijing'"),
        (["classroom", "--moscow", "robot"], "--moscow", "'team', 'easy'"),
        (["levels", "--levels", "no/such/mods"], "--levels", "there is no such folder: no/such/mods"),
        # A level's file given where its folder is meant: it was "no such folder", though it is there.
        (
            ["levels", "--levels", str(ROOT / "levels" / "base.toml")],
            "--levels",
            "base.toml is a file: give the folder that holds it",
        ),
        # Every count and size has an upper bound: a few zeros too many are a usage message, not
        # a job list that fills the memory, a thousand processes or a window no screen can show.
        (["simulate", "testing_event", "--games", str(10**12)], "--games", "from 1 to 10,000"),
        (["simulate", "testing_event", "--workers", "100000"], "--workers", "from 1 to 64"),
        (["duel", "easy", "easy", "--workers", "65"], "--workers", "from 1 to 64"),
        (["claims", "--games", "1e3"], "--games", "not '1e3'"),
        (["bench", "--no-ui", "--repeat", "1000000000"], "--repeat", "from 0 to 1,000"),
        (["play", "--size", "100000x100000"], "--size", "at most 7680x4320"),
        (["new-level", "X", "--out", str(ROOT / "pyproject.toml")], "--out", "is a file, not a folder"),
        (["new-level", "X", "--out", str(ROOT / "pyproject.toml" / "x")], "--out", "cannot be written"),
        (["transcript", "testing_event", "--log", str(ROOT)], "--log", "is a folder, not a file"),
        (["balance", "--out", str(ROOT / "README.md" / "x")], "--out", "README.md' is a file"),
        (["play", "--screenshot-dir", str(ROOT / "README.md" / "x")], "--screenshot-dir", "is a file"),
        (["play", "--seed", "\x1b[2J" + "9" * 900], "--seed", "not '?[2J99999"),
    ],
)
def test_a_bad_value_is_a_usage_error_naming_the_option(args, option, words, capsys):
    assert cli.main(args) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert f"python -m game {args[0]}: error: argument {option}: " in err and words in err
    assert err.startswith("usage: ")


def test_options_that_do_not_fit_together_are_a_usage_error(capsys):
    assert cli.main(["classroom", "--moscow", "easy", "--beijing", "hard"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.startswith("usage: python -m game classroom")
    assert "error: at least one side must be played by a team" in err


def test_reading_the_command_line_loads_neither_the_game_nor_pygame():
    # Every command's module is read to build the parser: each must import its work when it runs.
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "game", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0
    imported = {line.rsplit("|", 1)[1].strip() for line in out.stderr.splitlines() if "|" in line}
    game_packages = {m.split(".")[1] for m in imported if m.startswith("game.")}
    assert game_packages == {"cli", "commands"}, sorted(imported)
    assert not {m for m in imported if m.split(".")[0] in ("pygame", "pydantic", "platformdirs")}


# -- balance writes where it is told ------------------------------------------------------------


def test_balance_in_an_installed_game_asks_for_out(monkeypatch, capsys):
    monkeypatch.setattr(balance_command, "checkout_docs", lambda: None)
    assert cli.main(["balance", "testing_event", "--games", "1", "--duel-games", "2"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "error: --out DIR is needed" in err and "installed" in err


def test_balance_in_a_checkout_writes_into_its_docs():
    assert balance_command.report_file(None) == ROOT / "docs" / "balance.md"


@pytest.mark.slow
def test_balance_writes_into_the_folder_given_or_the_file_named(tmp_path, capsys, monkeypatch):
    from game.sim import balance

    # The same level, games and seeds measure the same: the second run takes the first's figures
    # (most of a run is the hard agent's games); where each run writes is what is tested here.
    measured = {}
    real = balance.measure
    monkeypatch.setattr(
        balance,
        "measure",
        lambda level, *a, **k: measured.get(level.id) or measured.setdefault(level.id, real(level, *a, **k)),
    )
    # (hard thinks for 5 iterations: its strength is not what is tested here, and the command
    # line names that budget, as it would any other run's.)
    args = [
        "balance",
        "testing_event",
        "--games",
        "1",
        "--duel-games",
        "2",
        "--think-iterations",
        "5",
        "--json",
    ]
    budgets = []
    real_duel = balance.duel
    monkeypatch.setattr(
        balance, "duel", lambda *a, budget, **k: budgets.append(budget) or real_duel(*a, budget=budget, **k)
    )
    # One game a pairing cannot be inside the bands: the run fails, and still writes its report.
    assert cli.main([*args, "--out", str(tmp_path / "figures")]) == ExitCode.FAILED
    assert (tmp_path / "figures" / "balance.md").is_file() and (
        tmp_path / "figures" / "balance.json"
    ).is_file()
    assert cli.main([*args, "--out", str(tmp_path / "mine.md")]) == ExitCode.FAILED
    assert (tmp_path / "mine.md").is_file() and (tmp_path / "mine.json").is_file()
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["levels"][0]["level"] == "testing_event"
    assert list(measured) == ["testing_event"]
    assert "--think-iterations 5" in (tmp_path / "mine.json").read_text(encoding="utf-8")
    assert [b.iterations for b in budgets] == [5]


def test_think_options_written_into_a_command_line_read_back_the_same():
    """A report's recorded command must run again with the budget it was measured under."""
    import argparse

    from game.commands.arguments import add_think_options, think_budget, think_flags

    parser = argparse.ArgumentParser()
    add_think_options(parser)
    for given in (
        [],
        ["--think-iterations", "7"],
        ["--think-ms", "250"],
        ["--think-ms", "9", "--think-iterations", "3"],
    ):
        args = parser.parse_args(given)
        again = parser.parse_args(think_flags(args).split())
        assert think_budget(again) == think_budget(args)
        assert (think_budget(args).iterations, think_budget(args).ms) == (
            args.think_iterations,
            args.think_ms,
        )


def test_a_full_disk_under_the_output_is_a_message_not_a_traceback(monkeypatch, capsys):
    """`python -m game duel ... > figures.txt` on a full disk: exit 1 with the reason."""
    import errno
    import io

    class Full(io.StringIO):
        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sys, "stdout", Full())
    assert cli.main(["duel", "idle", "easy", "--games", "2"]) == 1
    assert "error: the output could not be written: No space left on device" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdout", Full())
    with pytest.raises(OSError):  # any other failure of the machine's is not hidden
        monkeypatch.setattr(cli, "_FULL", set())
        cli.main(["duel", "idle", "easy", "--games", "2"])


def test_a_level_asked_for_by_its_file_or_from_another_folder_says_how_to_name_it(capsys):
    assert cli.main(["simulate", "my_mods/amur_crossing.toml", "--games", "1"]) == ExitCode.FAILED
    assert "(give the level's id, such as the file's name without .toml, and its folder with --levels)" in (
        capsys.readouterr().err
    )
    assert cli.main(["simulate", "amur_crossing", "--games", "1"]) == ExitCode.FAILED
    assert "no level with id 'amur_crossing' (a level in another folder is found with --levels FOLDER)" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize("command", [["simulate", "--games", "1"], ["transcript"]])
def test_a_level_whose_file_cannot_be_read_says_what_is_wrong_not_that_it_is_missing(
    tmp_path, capsys, command
):
    # A misspelt key made every command but `validate` say "no level with id 'frozen'", which sent
    # a modder looking for the file.
    (tmp_path / "frozen.toml").write_text(
        'schema_version = 1\nid = "frozen"\nextends = "testing_event"\n\n[[action]]\nid = "m_x"\n'
        'side = "moscow"\nname = "X"\ncost = 1\ncooldwon = 4\n',
        encoding="utf-8",
    )
    assert cli.main([command[0], "frozen", "--levels", str(tmp_path), *command[1:]]) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert (
        "frozen.toml:10:1: error: action[1].cooldwon: unknown key 'cooldwon' (did you mean 'cooldown'?)"
        in err
    )
    assert "no level with id" not in err


def test_a_level_file_named_in_capitals_is_told_it_is_not_read(tmp_path, capsys):
    # Saved as FROZEN.TOML (a Windows editor may), it was passed over without a word.
    (tmp_path / "FROZEN.TOML").write_text('schema_version = 1\nid = "frozen"\nextends = "base"\n')
    told = f"{tmp_path / 'FROZEN.TOML'}:1:1: warning: not read: a level file's name ends in '.toml', in small letters"
    assert cli.main(["validate", str(tmp_path)]) == ExitCode.OK
    assert told in capsys.readouterr().out
    assert cli.main(["levels", "--levels", str(tmp_path)]) == ExitCode.OK
    assert told in capsys.readouterr().err


def test_a_level_id_two_folders_give_stops_a_command_with_both_files_named(tmp_path, capsys):
    # The player's levels folder and a --levels folder each held 'twin': `simulate` and
    # `transcript` ran the first found and said nothing, so the modder's edits to the other
    # changed nothing they could see.
    folders = []
    for name in ("first", "second"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "twin.toml").write_text(
            f'schema_version = 1\nid = "twin"\nextends = "testing_event"\ntitle = "Twin {name}"\n',
            encoding="utf-8",
        )
        folders += ["--levels", str(folder)]
    capsys.readouterr()
    assert cli.main(["simulate", "twin", *folders, "--games", "1"]) == 1
    err = capsys.readouterr().err
    assert "second/twin.toml:2:" in err and "two files give the level id 'twin'" in err
    assert cli.main(["transcript", "twin", *folders]) == 1


@pytest.mark.parametrize("command", ["balance", "strength"])
def test_a_mods_balance_or_strength_is_not_written_into_the_games_own_docs(tmp_path, capsys, command):
    # Without --out, a modder's `balance my_level` added its row to docs/balance.md and rewrote
    # the report's header, in the game's own files.
    folder = tmp_path / "mods"
    folder.mkdir()
    (folder / "mine.toml").write_text(
        'schema_version = 1\nid = "mine"\nextends = "testing_event"\ntitle = "Mine"\n', encoding="utf-8"
    )
    before = (ROOT / "docs" / "balance.md").read_bytes()
    assert cli.main([command, "mine", "--levels", str(folder), "--games", "2"]) == ExitCode.USAGE
    assert "give --out DIR" in capsys.readouterr().err
    assert (ROOT / "docs" / "balance.md").read_bytes() == before
