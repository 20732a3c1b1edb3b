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


def _real_fit_pdf():
    from game.classroom import printdoc

    return printdoc.fit_pdf


REAL_FIT_PDF = _real_fit_pdf()
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


@pytest.fixture(autouse=True, scope="session")
def _stand_in_pdfs():
    # Every classroom export sets the students' worksheet as a PDF, a few tenths of a second each
    # (the fonts are cut down to the letters used). The tests get a stand-in, as the passphrase's
    # hash is made cheap above, unless they check PDFs and ask for real ones (@pytest.mark.pdf).
    from game.classroom import printdoc

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(printdoc, "fit_pdf", lambda handout, paper="a4": (b"%PDF-1.4\n% stand-in\n", 1.0))
        yield printdoc


@pytest.fixture(autouse=True)
def _real_pdfs_where_asked(request, monkeypatch, _stand_in_pdfs):
    if request.node.get_closest_marker("pdf") is not None:
        monkeypatch.setattr(_stand_in_pdfs, "fit_pdf", REAL_FIT_PDF)


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
