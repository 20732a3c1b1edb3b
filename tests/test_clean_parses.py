"""A level file read again unchanged is not parsed again; anything else is (game.levels.clean_parses)."""

import pytest

from game.levels import clean_parses, parse
from game.levels.parse import read_level_file

LEVEL = 'schema_version = 1\nid = "tiny"\ntitle = "Tiny"\nplayable = false\n'


@pytest.fixture
def parses(monkeypatch):
    """How many times TOML text was parsed meanwhile, from an empty memo."""
    clean_parses.forget()
    count = []
    real = parse.tomli.loads
    monkeypatch.setattr(parse.tomli, "loads", lambda text: count.append(1) or real(text))
    yield count
    clean_parses.forget()


def test_an_unchanged_file_is_parsed_once(tmp_path, parses):
    path = tmp_path / "tiny.toml"
    path.write_text(LEVEL, encoding="utf-8")
    first, again = read_level_file(path, "tiny.toml"), read_level_file(path, "tiny.toml")
    assert len(parses) == 1
    assert again.spec == first.spec and again.spec.id == "tiny" and again.raw == first.raw
    # Each reader gets its own list of problems: one found on the first copy stays there.
    first.problem(("title",), "a problem found while compiling")
    assert again.problems == [] and read_level_file(path, "tiny.toml").problems == []


def test_a_changed_file_or_another_name_is_parsed_again(tmp_path, parses):
    path = tmp_path / "tiny.toml"
    path.write_text(LEVEL, encoding="utf-8")
    read_level_file(path, "tiny.toml")
    path.write_text(LEVEL.replace("Tiny", "Small"), encoding="utf-8")
    assert read_level_file(path, "tiny.toml").spec.title == "Small"
    assert read_level_file(path, "levels/tiny.toml").name == "levels/tiny.toml"
    assert len(parses) == 3


def test_a_file_with_problems_is_parsed_afresh_each_time(tmp_path, parses):
    path = tmp_path / "broken.toml"
    path.write_text(LEVEL + "turns = 'many'\n", encoding="utf-8")
    first, again = read_level_file(path, "broken.toml"), read_level_file(path, "broken.toml")
    assert first.problems and again.problems == first.problems and again.problems is not first.problems
    assert len(parses) == 2


@pytest.fixture
def compiles(monkeypatch):
    """How many times a level was compiled meanwhile, from an empty memo."""
    from game.levels import loader

    clean_parses.forget()
    count = []
    real = loader.Compiler.compile
    monkeypatch.setattr(loader.Compiler, "compile", lambda self: count.append(1) or real(self))
    yield count
    clean_parses.forget()


@pytest.mark.slow
def test_a_level_whose_files_are_unchanged_is_compiled_once_and_shared(compiles):
    from game.levels import Catalogue

    first = Catalogue.scan(()).load("testing_event")
    again = Catalogue.scan(()).load("testing_event")
    assert again is first and len(compiles) == 1
    clean_parses.forget()
    fresh = Catalogue.scan(()).load("testing_event")
    assert fresh is not first and fresh.content_hash == first.content_hash and len(compiles) == 2


def test_a_changed_ancestor_compiles_its_level_again(tmp_path, compiles):
    from pathlib import Path

    from game.levels import Catalogue

    # A copy of the shipped base as a mod's ruleset, and The Testing Event extending it.
    shipped = Path(__file__).resolve().parent.parent / "levels"
    base_text = (
        (shipped / "base.toml").read_text(encoding="utf-8").replace('id = "base"', 'id = "my_base"', 1)
    )
    (tmp_path / "my_base.toml").write_text(base_text, encoding="utf-8")
    child = (shipped / "testing_event.toml").read_text(encoding="utf-8")
    child = child.replace('id = "testing_event"', 'id = "my_event"', 1).replace(
        'extends = "base"', 'extends = "my_base"'
    )
    (tmp_path / "my_event.toml").write_text(child, encoding="utf-8")
    first = Catalogue.scan([tmp_path]).load("my_event")
    assert Catalogue.scan([tmp_path]).load("my_event") is first and len(compiles) == 1
    (tmp_path / "my_base.toml").write_text(base_text + "# changed by the modder\n", encoding="utf-8")
    again = Catalogue.scan([tmp_path]).load("my_event")
    assert again is not first and len(compiles) == 2


@pytest.mark.slow
def test_forgetting_the_parses_forgets_what_was_worked_out_from_them_too():
    """A memo keyed by a level's identity (its translated copy, its chain's translations) would
    keep every level it saw once its parse is forgotten, though no later load could find it."""
    from game.levels import Catalogue, level_text, loader

    clean_parses.forget()
    level = Catalogue.scan([]).load("testing_event")
    assert level.texts, "the shipped level has translations beside it"
    assert loader._translated and level_text._worked_out
    clean_parses.forget()
    assert not loader._translated and not level_text._worked_out
    # And a level loads as before after it.
    assert Catalogue.scan([]).load("testing_event").texts == level.texts
