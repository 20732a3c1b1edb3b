import json
import subprocess
import sys

import pytest
from cli_driver import run_game
from conftest import ROOT


# Real processes: the entry point itself, exit codes and all. The other tests run the commands in
# this process (cli_driver), which says the same about their output for far less.
def run(*args, timeout=60):
    return subprocess.run(
        [sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def test_validate_exit_codes_clean_broken_and_bad_usage(tmp_path):
    assert run("validate", "levels").returncode == 0
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\nid = "bad"\nextends = "base"\ntitle = 3\n', encoding="utf-8")
    out = run("validate", str(bad))
    assert out.returncode == 1
    assert f"{bad}:4:1: error: title: should be text, not 3" in out.stdout
    assert run("validate").returncode == 2
    assert run_game("validate", "--format", "yaml", "levels").returncode == 2


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


def test_validate_a_missing_path_is_an_error_not_a_crash(tmp_path):
    out = run_game("validate", str(tmp_path / "nope.toml"))
    assert out.returncode == 1 and "no such file" in out.stdout and "Traceback" not in out.stderr


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
    assert {"turn_per_baseline_median", "level_load_per_baseline_median", "startup_per_bare_median"} <= set(
        figures
    )
    assert {"turn_us_median", "level_load_ms_median", "startup_ms_median", "bare_startup_ms_median"} <= set(
        figures
    )
    assert all(isinstance(v, (int, float)) and v > 0 for v in figures.values())
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
