"""The engine stays pure: no pygame, no files, no global random in game/core."""

import ast
import subprocess
import sys

import pytest
from conftest import ROOT

CORE = ROOT / "game" / "core"
FORBIDDEN_MODULES = {"pygame", "pygame_gui", "random", "os", "io", "pathlib", "tomli", "time", "socket"}
FORBIDDEN_CALLS = {"open", "eval", "exec", "input", "compile", "__import__"}


# Kept in the inner loop though it takes a tenth of a second: the engine's purity is the rule
# every change must keep.
def test_core_source_imports_nothing_impure():
    for path in CORE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [(node.module or "").split(".")[0]]
            else:
                names = []
            bad = set(names) & FORBIDDEN_MODULES
            assert not bad, f"{path.name}:{node.lineno} imports {bad}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno} calls {node.func.id}"


@pytest.mark.slow
def test_importing_the_engine_loads_no_pygame():
    code = "import sys, game.core; print(any(m.startswith('pygame') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
