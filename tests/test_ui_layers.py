"""The screens do not know each other: each moves on by asking the app for another by name, and
the UI's modules import one another without a cycle.

Screens once imported each other to move on (the board imported the hand-over, which imported the
board), twelve modules in one cycle. The registry in `game.ui.scenes` names every screen once.
"""

import functools
import inspect

import pytest
from conftest import ROOT
from test_classroom_layers import imported_modules

from game.ui.scenes import SCENES, scene_class
from game.ui.scenes.base import Scene

UI = ROOT / "game" / "ui"


def module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def ui_import_graph() -> dict[str, set[str]]:
    """game.ui's modules -> the modules of game.ui each imports, at any depth of its file (an
    import inside a function counts too), with the packages an import runs on the way (importing
    game.ui.scenes.base runs game/ui/scenes/__init__.py first)."""
    paths = {module_name(p): p for p in sorted(UI.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges = set()
        for _, imported in imported_modules(path.read_text(encoding="utf-8"), package):
            parts = imported.split(".")
            edges |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)} & paths.keys()
        graph[name] = edges - {name}
    return graph


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle, as the modules along it (first and last the same), or [] when there is none."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = "done"
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


SCENE_MODULES = sorted({entry.partition(":")[0] for entry in SCENES.values()})


@pytest.mark.slow
def test_the_ui_has_no_import_cycle():
    assert cycle_in(ui_import_graph()) == []


def test_the_cycle_check_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycle_in(graph) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("module", SCENE_MODULES)
def test_no_screen_imports_another_screen(module):
    others = set(SCENE_MODULES) - {module}
    assert reachable(ui_import_graph(), module) & others == set()


def test_the_graph_sees_an_import_inside_a_function():
    # (the moves between screens were such imports: `def lock(self): from ...resolution import ...`)
    graph = ui_import_graph()
    assert "game.ui.saved_game" in graph["game.ui.scenes.title"]  # imported when Continue is pressed
    assert "game.ui.scenes" in graph["game.ui.scenes.board"]  # the package, run before base


def test_every_screen_is_registered_under_its_own_name():
    for name in SCENES:
        cls = scene_class(name)
        assert issubclass(cls, Scene) and cls.name == name
    for module in SCENE_MODULES:
        found = __import__(module, fromlist=["_"])
        screens = [
            c
            for _, c in inspect.getmembers(found, inspect.isclass)
            if issubclass(c, Scene) and c.__module__ == module
        ]
        assert screens and all(SCENES.get(c.name, "").endswith(f":{c.__name__}") for c in screens)


def test_a_screen_is_shown_by_name(app):
    app.show_over("credits")
    assert app.scene.name == "credits" and [s.name for s in app.scenes] == ["title", "credits"]
    app.show("settings")
    assert [s.name for s in app.scenes] == ["title", "settings"]
    app.show_only("title")
    assert [s.name for s in app.scenes] == ["title"]


def test_a_misspelt_screen_name_says_which_was_meant():
    with pytest.raises(KeyError, match="did you mean 'hand-over'"):
        scene_class("handover")
