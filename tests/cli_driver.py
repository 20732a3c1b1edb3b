"""Running `python -m game COMMAND` from tests, in this process.

A child Python costs half a second of processor time before it does anything (the interpreter,
pydantic, the level schema); `game.cli.main` with the output captured tells the same story about
a command's output and exit status for next to nothing. tests/test_cli.py still starts real
processes, so the entry point itself stays tested.
"""

from __future__ import annotations

import io
import os
import subprocess
from contextlib import redirect_stderr, redirect_stdout

from conftest import ROOT


def run_game(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    """`python -m game *args` run from `cwd`: its exit status, output and error output."""
    from game.cli import main

    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as e:  # argparse's way of refusing bad usage
                code = e.code if isinstance(e.code, int) else 1
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(["python", "-m", "game", *args], code, out.getvalue(), err.getvalue())
