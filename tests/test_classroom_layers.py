"""The classroom sits below the UI, and the charts below both: no import reaches back up.

The classroom's exports once drew their charts through `game.ui`, whose classroom screen imports
the classroom: a cycle. The charts now live in `game.charts`, a leaf that imports pygame and the
game's colours, and these tests keep it that way.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

GAME = ROOT / "game"


def imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """Every module a file of `package` imports, absolute, with its line, at any depth (an import
    inside a function counts too)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: `from ..ui import palette` in game.classroom is game.ui
                parts = package.split(".")
                parent = parts[: len(parts) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            # `from game import ui` imports game.ui as surely as `import game.ui` does.
            found += [(node.lineno, base)] + [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def reaches(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def offending_imports(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted(folder.rglob("*.py"))
        for line, module in imported_modules(
            path.read_text(encoding="utf-8"), ".".join(path.relative_to(ROOT).parent.parts)
        )
        if any(reaches(module, package) for package in forbidden)
    ]


@pytest.mark.slow
def test_no_classroom_module_imports_the_ui():
    assert offending_imports(GAME / "classroom", ("game.ui",)) == []


def test_the_charts_import_nothing_of_the_ui_or_the_classroom():
    assert offending_imports(GAME / "charts", ("game.ui", "game.classroom")) == []


@pytest.mark.parametrize(
    "source, module",
    [
        ("import game.ui.charts\n", "game.ui.charts"),
        ("from game.ui import charts\n", "game.ui.charts"),
        ("from game.ui.palette import STANDARD\n", "game.ui.palette"),
        ("def later():\n    from ..ui import palette\n", "game.ui.palette"),
    ],
)
def test_the_check_sees_every_way_of_importing_the_ui(source, module):
    assert module in [m for _, m in imported_modules(source, "game.classroom")]


@pytest.mark.slow
def test_writing_a_class_report_and_exports_loads_no_ui_module():
    code = (
        "import sys, game.classroom.report, game.classroom.exports, game.classroom.session; "
        "print(sorted(m for m in sys.modules if m == 'game.ui' or m.startswith('game.ui.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr
