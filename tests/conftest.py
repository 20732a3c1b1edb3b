import itertools
import os
import sys
import tempfile
from pathlib import Path

# Compiled byte-code, kept out of the checkout. Where PYTHONDONTWRITEBYTECODE is set (so that no
# __pycache__ folder appears in the source tree), every run would compile the whole game and
# rewrite every test module's asserts afresh, and so would each `python -m game` a test starts: a
# tenth of the inner loop. Python keeps it in a folder of the temporary directory instead, as
# `bench` does for the game it starts; it checks each file's time stamp, so it never goes stale.
if os.environ.get("PYTHONDONTWRITEBYTECODE"):
    _PYCACHE = str(Path(tempfile.gettempdir()) / "pragmatic-partners-test-pycache")
    sys.pycache_prefix, sys.dont_write_bytecode = _PYCACHE, False
    os.environ["PYTHONPYCACHEPREFIX"] = _PYCACHE
    del os.environ["PYTHONDONTWRITEBYTECODE"]

import pytest  # (after the byte-code's folder is chosen)
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


def _real_write_png():
    from game.charts import png

    return png.write_png


REAL_WRITE_PNG = _real_write_png()
TEST_LEVELS = ROOT / "tests" / "levels"


@pytest.fixture(scope="session")
def _user_data_folders(tmp_path_factory):
    return tmp_path_factory.mktemp("userdata"), itertools.count(1)


@pytest.fixture(autouse=True)
def _user_data(_user_data_folders, monkeypatch):
    # No test touches the real user's data folder: each has one of its own, made only when the game
    # writes into it. (Most tests never do; a temporary folder made for each of them, numbered
    # by listing all the others, and removed by a later session, was a second of the inner loop.)
    root, numbers = _user_data_folders
    monkeypatch.setenv("PRAGMATIC_PARTNERS_HOME", str(root / str(next(numbers))))


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    # The tests read the interface's English whatever the machine's language is; a test that
    # puts another language in force has it taken back after it.
    monkeypatch.setenv("LANGUAGE", "en")
    yield
    from game import i18n

    if i18n.current_language() != i18n.DEFAULT:
        i18n.set_language(i18n.DEFAULT)


@pytest.fixture(autouse=True)
def _todays_names():
    # A window that opened a game of 1970 names Central Asia's states as they were then until it
    # shows the title again; the next test starts with today's names, as a new window does.
    yield
    from game.speech import sides

    sides.set_naming_year(None)


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
        stand_in = printdoc.Fitted(b"%PDF-1.4\n% stand-in\n", 1.0, ())
        patch.setattr(printdoc, "fit_pdf", lambda handout, paper="a4": stand_in)
        yield printdoc


@pytest.fixture(autouse=True)
def _real_pdfs_where_asked(request, monkeypatch, _stand_in_pdfs):
    if request.node.get_closest_marker("pdf") is not None:
        monkeypatch.setattr(_stand_in_pdfs, "fit_pdf", REAL_FIT_PDF)


@pytest.fixture(autouse=True, scope="session")
def _stand_in_chart_pngs():
    # Every classroom export and class report draws its charts and writes them as PNGs, whose
    # compression is most of a chart's cost. The tests get the same picture written as a bitmap
    # (a third of the time; pygame reads either by its content), unless they look at the file
    # as a PNG and ask for one (@pytest.mark.png).
    import pygame

    from game.charts import png

    def write_bitmap(image, out):
        pygame.image.save(image, out, "chart.bmp")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(png, "write_png", write_bitmap)
        yield png


@pytest.fixture(autouse=True)
def _real_pngs_where_asked(request, monkeypatch, _stand_in_chart_pngs):
    if request.node.get_closest_marker("png") is not None:
        monkeypatch.setattr(_stand_in_chart_pngs, "write_png", REAL_WRITE_PNG)


@pytest.fixture(autouse=True, scope="session")
def _no_fsync():
    # Every save, export and setting is written with fsync, so that a power cut cannot leave it
    # empty; the tests' files live in a temporary folder no power cut matters to, and two thousand
    # fsyncs were five seconds of the inner loop. The tests of failing writes put their own back.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda fd: None)
        yield


@pytest.fixture(autouse=True, scope="session")
def _full_collections_by_the_tests_growth():
    # The game runs a full collection when its memory has grown by GROWTH_MB since the last one.
    # The test session is one process that grows by everything it loads, so every window a test
    # opened paid for one (56 ms each, twelve seconds of the inner loop) for growth that was not the
    # window's. tests/test_ui_memory.py gives its keepers their own figures.
    from game.ui import memory

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(memory, "GROWTH_MB", 512.0)
        yield


class SteadyClock:
    """A frame clock that never sleeps and says each frame took a sixtieth of a second."""

    def tick(self, framerate: float = 0) -> int:
        return 16

    def get_fps(self) -> float:
        return 60.0


@pytest.fixture(autouse=True, scope="session")
def _frames_without_waiting():
    # A window that is busy (autoplay, an animation) holds itself to 60 frames a second, sleeping
    # out the rest of each frame; the tests step windows by hand and would sleep through seconds
    # of autoplay. Their windows get a clock that reports a steady 60 frames a second and never
    # waits: the same frames, each as long as the game's own cap makes it, at once.
    import pygame

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pygame.time, "Clock", SteadyClock)
        yield


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


_module_frozen: list[object] = [None]


def pytest_runtest_setup(item):
    # What the tests before this module left alive (levels read once, fonts, measured text: the
    # session's caches) lives on too: collected and then moved out of the cycle collector's sight
    # once a module, each of Python's own full collections walks only what the module makes. They
    # had walked the whole session's heap, a tenth of a second each and a tenth of the inner loop.
    import gc

    if item.module is not _module_frozen[0]:
        _module_frozen[0] = item.module
        gc.collect()
        gc.freeze()
