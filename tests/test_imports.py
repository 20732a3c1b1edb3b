"""Every module of the game imports, and every package's public names exist.

A linter's "unused import" fix once removed a name that a package re-exports (game.core's
Adjustment, imported through engine.py, which does not use it); nothing then imported at all.
"""

import importlib
import pkgutil

import pytest

import game

MODULES = sorted(m.name for m in pkgutil.walk_packages(game.__path__, "game.") if m.name != "game.__main__")


@pytest.mark.parametrize("name", MODULES)
def test_every_module_imports(name):
    module = importlib.import_module(name)
    missing = [n for n in getattr(module, "__all__", ()) if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names what it does not define: {missing}"
