import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# Hypothesis profiles. `ci`, the default: a few examples a test, the same ones on every run
# (derandomized, so a failure reproduces and CI never flickers), each test's known nasty cases
# given as @example and run first. `thorough`, for a hunt: many more, new ones each run, and a
# failure kept in the example database. Select with `python -m pytest --hypothesis-profile thorough`.
# A test whose examples are cheap asks for a multiple of `settings.default.max_examples`, so that
# both profiles scale it.
settings.register_profile("ci", max_examples=30, derandomize=True, database=None, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
TEST_LEVELS = ROOT / "tests" / "levels"


@pytest.fixture(autouse=True)
def _user_data(tmp_path, monkeypatch):
    # No test touches the real user's data folder.
    monkeypatch.setenv("PRAGMATIC_PARTNERS_HOME", str(tmp_path / "userdata"))


@pytest.fixture(autouse=True)
def _cheap_passphrase_hashing(monkeypatch):
    # A classroom passphrase's hash is made slow on purpose, against guessing; the tests that
    # start sessions would spend a second on it, and check nothing that depends on the cost.
    monkeypatch.setattr("game.classroom.session.SCRYPT_COST", 2**8)


@pytest.fixture(scope="session")
def catalogue():
    from game.levels import Catalogue

    return Catalogue.scan([TEST_LEVELS])


@pytest.fixture(scope="session")
def mini(catalogue):
    return catalogue.load("mini")


@pytest.fixture(scope="session")
def testing_event(catalogue):
    return catalogue.load("testing_event")


@pytest.fixture
def app():
    """The game's window on its title screen, 1280x720, under the dummy video driver."""
    import pygame

    from game.ui.app import App, PlayOptions
    from game.ui.scenes.title import TitleScene

    app = App(PlayOptions(size=(1280, 720)))
    app.push(TitleScene(app))
    app.step([])
    yield app
    pygame.display.quit()


def pytest_collection_finish(session):
    # What collection leaves (every module, the level schema, Hypothesis' strategies) lives as long
    # as the session: moved out of the cycle collector's sight, a full collection (the game runs
    # one when its memory grows, and Python's own) walks only what the tests make.
    import gc

    gc.collect()
    gc.freeze()
