"""Broken level files and the exact lines the validator must print for them.

Every file in tests/broken/ starts with a comment block:

    # What is wrong with this file, in a sentence.
    # xfail: why the validator's output is not yet what it should be   (optional)
    # expect: tests/broken/name.toml:LINE:COL: error: key.path: message   (one per problem)

`# expect: no problems` marks a file that must load cleanly. The expected lines are what the
validator prints when run from the repository root with `--levels tests/levels`; for a case marked
`xfail` they are what it *should* print (the test is a strict xfail, so a fix shows up as XPASS:
then drop the `# xfail:` line). A few files go through `python -m game validate` as a subprocess
(exit codes, JSON output), run in this process (see cli_driver.py); the rest through
`validate_paths`, which is what the command runs.

Files too big or too deep to commit (5 MB, 100 000 nested arrays, a 10 000-parenthesis condition)
are generated into tmp_path.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from cli_driver import run_game
from time_limits import TWO_SECONDS, in_baselines

from game.levels.problems import Problem
from game.levels.validate import validate_paths

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "broken"
MOD_DIRS = ["tests/levels"]
# For one validation: 2 s on a quiet machine, kept as baseline loops timed in the same run.
TIME_LIMIT = TWO_SECONDS

# The cases the folder must hold (more may be added).
REQUIRED = {
    "toml_syntax",
    "not_utf8",
    "wrong_type",
    "unknown_key",
    "unknown_meter",
    "expr_unknown_name",
    "expr_call",
    "expr_attribute",
    "expr_type",
    "expr_type_and",
    "duplicate_id",
    "duplicate_source_id",
    "missing_parent",
    "cycle_a",
    "cycle_b",
    "influence_sum",
    "unknown_flag",
    "derived_effect",
    "last_outcome_when",
    "bad_id",
    "bad_side",
    "several_errors",
    "bom",
}
MUST_LOAD = {"bom"}


def _header(path: Path) -> tuple[list[str], str | None]:
    """(expected lines, xfail reason or None) from the file's leading comment block."""
    text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    expected, reason = [], None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# expect: "):
            expected.append(line[len("# expect: ") :])
        elif line.startswith("# xfail: "):
            reason = line[len("# xfail: ") :]
    if expected == ["no problems"]:
        expected = []
    return expected, reason


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _case(path: Path):
    expected, reason = _header(path)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(_rel(path), expected, marks=marks, id=path.stem)


CASE_FILES = sorted(BROKEN.glob("*.toml"))
CASES = [_case(p) for p in CASE_FILES]
# The same without the xfail marks, for checks that hold even where the wording is still wrong.
UNMARKED = [pytest.param(_rel(p), _header(p)[0], id=p.stem) for p in CASE_FILES]
# The cases also run through the command line (only a few: the rest add nothing there).
CLI_CASES = [
    _case(BROKEN / f"{name}.toml")
    for name in ("toml_syntax", "not_utf8", "expr_call", "cycle_a", "several_errors", "bom")
]


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def _validate(path: str) -> tuple[list[Problem], float]:
    """The problems found in `path`, and the processor time it took in baseline loops."""
    start = time.process_time()
    problems = validate_paths([path], mod_dirs=MOD_DIRS)
    return problems, in_baselines(time.process_time() - start)


def _run_cli(*args: str) -> subprocess.CompletedProcess:
    return run_game("validate", *args, "--levels", *MOD_DIRS)


# -- the folder itself --------------------------------------------------------------------------


def test_the_folder_holds_every_case_and_each_says_what_it_expects():
    stems = {p.stem for p in CASE_FILES}
    assert stems >= REQUIRED, f"missing cases: {sorted(REQUIRED - stems)}"
    for path in CASE_FILES:
        raw = path.read_bytes()
        assert b"# expect: " in raw, f"{_rel(path)} has no '# expect:' line"
        expected, _ = _header(path)
        assert bool(expected) == (path.stem not in MUST_LOAD), _rel(path)


# -- exact output, through validate_paths -------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("path", "expected"), CASES)
def test_validator_prints_exactly_the_expected_lines(path, expected):
    problems, elapsed = _validate(path)
    assert [str(p) for p in problems] == expected
    assert elapsed < TIME_LIMIT, f"validating {path} took {elapsed:.0f} baseline loops"


@pytest.mark.slow
@pytest.mark.parametrize(("path", "expected"), UNMARKED)
def test_broken_files_give_errors_and_the_good_one_none(path, expected):
    problems, _ = _validate(path)
    has_error = any(p.severity == "error" for p in problems)
    assert has_error == (Path(path).stem not in MUST_LOAD)


def test_a_condition_is_never_run(monkeypatch):
    calls = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    problems, _ = _validate("tests/broken/expr_call.toml")
    assert problems and calls == []


def test_validating_the_whole_folder_reports_every_case():
    start = time.process_time()
    lines = {str(p) for p in validate_paths(["tests/broken"], mod_dirs=MOD_DIRS)}
    elapsed = in_baselines(time.process_time() - start)
    for path in CASE_FILES:
        expected, reason = _header(path)
        if reason is None:
            missing = set(expected) - lines
            assert not missing, f"{_rel(path)}: {sorted(missing)}"
        if path.stem in MUST_LOAD:
            assert not any(line.startswith(f"{_rel(path)}:") for line in lines), _rel(path)
    assert elapsed < TIME_LIMIT * 5, f"validating the folder took {elapsed:.0f} baseline loops"


# -- the command line ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("path", "expected"), CLI_CASES)
def test_command_line_output_and_exit_code(path, expected):
    result = _run_cli(path)
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines() == expected
    assert result.returncode == (0 if Path(path).stem in MUST_LOAD else 1)
    if Path(path).stem == "expr_call":
        assert "hi" not in result.stdout.split()  # `echo hi` never ran


@pytest.mark.slow
@pytest.mark.parametrize(("path", "expected"), CLI_CASES)
def test_command_line_json(path, expected):
    result = _run_cli(path, "--format", "json")
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    for item in data:
        assert set(item) == {"file", "line", "column", "severity", "path", "message"}
        assert isinstance(item["line"], int) and isinstance(item["column"], int)
        assert item["severity"] in ("error", "warning")
    assert [str(Problem(**item)) for item in data] == expected
    assert result.returncode == (0 if Path(path).stem in MUST_LOAD else 1)


# -- generated files: too big or too deep to commit ---------------------------------------------


def _head(level_id: str) -> str:
    return f'schema_version = 1\nid = "{level_id}"\nextends = "mini"\n'


def _action_with(requires: str) -> str:
    return f'\n[[action]]\nid = "talks"\nside = "moscow"\nname = "Talks"\ncost = 2\nrequires = "{requires}"\n'


DEEP = 100_000
GENERATED = {
    # name: (file text, expected line with {path}, xfail reason or None)
    "huge": (
        _head("huge") + 'description = "' + "x" * 5_000_000 + '"\n',
        "{path}:1:1: error: the file is larger than 1 MB; a level must be smaller",
        None,
    ),
    "deep_array": (
        _head("deep_array") + "a = " + "[" * DEEP + "]" * DEEP + "\n",
        "{path}:4:5: error: the file nests arrays or tables too deeply",
        None,
    ),
    "deep_table": (
        _head("deep_table") + "a = " + "{ b = " * DEEP + "1" + " }" * DEEP + "\n",
        "{path}:4:5: error: the file nests arrays or tables too deeply",
        None,
    ),
    "deep_condition": (
        _head("deep_condition") + _action_with("(" * 10_000 + "partnership > 1" + ")" * 10_000),
        "{path}:10:1: error: action[1].requires: text should have at most 500 characters (this one has 20015)",
        None,
    ),
}
# What each generated file's single error must say, wherever it is placed.
GENERATED_MESSAGE = {
    "huge": "larger than",
    "deep_array": "too deeply",
    "deep_table": "too deeply",
    "deep_condition": "at most 500 characters",
}


def _generate(tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.toml"
    path.write_text(GENERATED[name][0], encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("name", list(GENERATED))
def test_generated_file_gives_one_error_fast_and_no_traceback(tmp_path, name):
    path = _generate(tmp_path, name)
    problems, elapsed = _validate(path)
    assert elapsed < TIME_LIMIT, f"{name} took {elapsed:.0f} baseline loops"
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert problem.severity == "error" and problem.file == path
    assert GENERATED_MESSAGE[name] in problem.message


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=[pytest.mark.xfail(reason=reason, strict=True)] if reason else [], id=name)
        for name, (_, _, reason) in GENERATED.items()
    ],
)
def test_generated_file_error_is_placed_right(tmp_path, name):
    path = _generate(tmp_path, name)
    problems, _ = _validate(path)
    assert [str(p) for p in problems] == [GENERATED[name][1].format(path=path)]


@pytest.mark.parametrize("name", ["huge", "deep_array"])
def test_generated_file_through_the_command_line(tmp_path, name):
    path = _generate(tmp_path, name)
    result = _run_cli(path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:") and GENERATED_MESSAGE[name] in lines[0]
