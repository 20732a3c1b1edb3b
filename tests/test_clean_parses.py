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
