import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parent.parent
TEST_LEVELS = ROOT / "tests" / "levels"


@pytest.fixture(autouse=True)
def _user_data(tmp_path, monkeypatch):
    # No test touches the real user's data folder.
    monkeypatch.setenv("PRAGMATIC_PARTNERS_HOME", str(tmp_path / "userdata"))


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
