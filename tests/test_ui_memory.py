"""Changing screens frees the widgets a scene drops without a full collection each time: the young
generations every time, everything only once resident memory has grown (see game.ui.memory)."""

import gc

import pytest

from game.ui.memory import GROWTH_MB, MemoryKeeper


@pytest.fixture
def collections(monkeypatch):
    """The generation of every gc.collect call made meanwhile."""
    seen = []
    real = gc.collect

    def collect(generation=2):
        seen.append(generation)
        return real(generation)

    monkeypatch.setattr(gc, "collect", collect)
    return seen


class Resident:
    """A resident-memory reading the test sets."""

    def __init__(self, mb=100.0):
        self.mb = mb

    def __call__(self):
        return self.mb


def test_no_full_collection_while_memory_has_not_grown(collections):
    keeper = MemoryKeeper(Resident(), trim=None, growth_mb=GROWTH_MB)
    assert not any(keeper.release() for _ in range(20))
    assert collections == [1] * 20


def test_a_full_collection_and_a_trim_once_memory_has_grown(collections):
    resident, trims = Resident(), []
    keeper = MemoryKeeper(resident, trims.append, growth_mb=GROWTH_MB)
    resident.mb += GROWTH_MB / 2
    assert not keeper.release()
    resident.mb += GROWTH_MB
    assert keeper.release() and collections[-1] == 2 and trims == [0]
    # Measured again after the collection: the next growth counts from there.
    assert not keeper.release() and keeper.full_collections == 1


def test_a_text_swapped_in_place_never_asks_for_a_full_collection(collections):
    resident = Resident()
    keeper = MemoryKeeper(resident, trim=None, growth_mb=GROWTH_MB)
    resident.mb += 10 * GROWTH_MB
    assert not keeper.release(young_only=True)
    assert collections == [1]


def test_without_a_memory_reading_every_eighth_release_is_full(collections):
    keeper = MemoryKeeper(None, trim=None)
    fulls = [keeper.release() for _ in range(16)]
    assert fulls.count(True) == 2 and collections.count(2) == 2


def test_changing_screens_does_not_collect_everything_each_time(app, collections):
    from game.ui.scenes.credits import CreditsScene
    from game.ui.scenes.settings import SettingsScene

    app.memory = MemoryKeeper(Resident(), trim=None, growth_mb=GROWTH_MB)
    for scene in (CreditsScene, SettingsScene, CreditsScene, SettingsScene):
        app.push(scene(app))
        app.step([])
        app.pop()
    assert 2 not in collections and collections.count(1) >= 4
