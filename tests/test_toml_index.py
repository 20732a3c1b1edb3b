"""The key index reads a table's keys only when asked, and answers as if it had read every line."""

from __future__ import annotations

import pytest
from conftest import ROOT

from game.levels.toml_index import TomlIndex

SHIPPED = sorted((ROOT / "levels").glob("*.toml"))


def _everything(index: TomlIndex) -> list[tuple]:
    """Every path the index knows once all of it is read, and a child and a value of each."""
    index._read_all()
    paths = sorted({*index.where, *index.value_col}, key=repr)
    return [q for p in paths for q in (p, (*p, "missing"))]


@pytest.mark.slow
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_positions_do_not_depend_on_the_order_they_are_asked_in(path):
    text = path.read_text(encoding="utf-8")
    queries = _everything(TomlIndex(text))
    forward, backward = TomlIndex(text), TomlIndex(text)
    in_order = [(forward.locate(q), forward.locate_value(q, 3)) for q in queries]
    reversed_answers = [(backward.locate(q), backward.locate_value(q, 3)) for q in reversed(queries)]
    assert in_order == reversed_answers[::-1]


@pytest.mark.parametrize(
    "text, path, where, value",
    [
        # The index does not unescape keys, so these two different keys are one path to it.
        ("\"\\u0061\" = 1\n['\\u0061']\nb = 2\n", ("\\u0061",), (2, 2), (2, 13)),
        ("\"\\u0061\".b = 1\n['\\u0061']\nb = 2\n", ("\\u0061", "b"), (3, 1), (3, 6)),
        # A string that looks like another key of an inline table.
        ('w = { s = "a, t = 1", t = 2 }\n', ("w", "t"), (1, 23), (1, 28)),
    ],
)
def test_a_path_given_a_place_twice_keeps_the_later_one_whatever_is_asked_first(text, path, where, value):
    asked_first = TomlIndex(text)
    answers = [asked_first.locate(path), asked_first.locate_value(path)]
    after_others = TomlIndex(text)
    after_others.locate((path[0], "other"))
    after_others.locate(())
    assert answers == [after_others.locate(path), after_others.locate_value(path)] == [where, value]
