"""A level is read and compiled with the cycle collector paused, and left as it was found
(game.levels.collector): its passes during a load freed nothing and cost a fifth of the load."""

import gc

import pytest

from game.levels import Catalogue, clean_parses, parse
from game.levels import compile as level_compile
from game.levels.collector import collector_paused


@pytest.fixture
def collector_seen(monkeypatch):
    """Whether the collector was on, each time a file's TOML was read and a level compiled."""
    clean_parses.forget()
    seen: list[tuple[str, bool]] = []
    loads, compile_ = parse.tomli.loads, level_compile.Compiler.compile

    def reading(text):
        seen.append(("read", gc.isenabled()))
        return loads(text)

    def compiling(self):
        seen.append(("compile", gc.isenabled()))
        return compile_(self)

    monkeypatch.setattr(parse.tomli, "loads", reading)
    monkeypatch.setattr(level_compile.Compiler, "compile", compiling)
    yield seen
    clean_parses.forget()


def test_a_level_is_read_and_compiled_with_the_collector_paused_then_on_again(collector_seen):
    assert gc.isenabled()
    Catalogue.scan([]).load("testing_event")
    assert ("read", False) in collector_seen and ("compile", False) in collector_seen
    assert all(not on for _, on in collector_seen)
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off(collector_seen):
    gc.disable()
    try:
        Catalogue.scan([]).load("testing_event")
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert collector_seen and all(not on for _, on in collector_seen)


def test_the_collector_is_on_again_after_a_load_that_raises(monkeypatch):
    clean_parses.forget()

    def broken(text):
        raise MemoryError("out of memory while reading")

    monkeypatch.setattr(parse.tomli, "loads", broken)
    with pytest.raises(MemoryError):
        Catalogue.scan([])
    assert gc.isenabled()
    clean_parses.forget()


def test_the_pause_nests():
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
