"""News told before it happened: the validator warns of an event that can be drawn in a year
before the latest year its text names (Strategic partnership told of NATO's enlargement of March
2004 in 2003, and of Kyrgyzstan's revolution of 2005 in 2003)."""

import pytest

from game.core.expr import compile_condition, first_turn_it_could_hold
from game.levels.dated_news import years_named
from game.levels.validate import validate_paths


@pytest.mark.parametrize(
    ("condition", "first"),
    [
        ("true", 1),
        ("partnership > 50", 1),
        ("turn >= 4 and war", 4),
        ("war and turn > 6", 7),
        ("not (turn < 3)", 3),
        ("turn == 9 or turn == 5", 5),
        ("turn >= 3 and turn <= 2", None),
        ("partnership > 200", None),
    ],
)
def test_the_first_turn_a_condition_could_hold(condition, first):
    assert first_turn_it_could_hold(compile_condition(condition, {"war"}, turns=12, after_end=False)) == first


def test_a_year_is_four_digits_of_their_own_and_a_decade_names_its_first():
    text = (
        "Montenegro joins in 2017 and North Macedonia in 2020, over 1,100 km and 20,2015 troops; the 2010s."
    )
    assert years_named(text, 2000, 2030) == [2017, 2020, 2010]
    assert years_named("In 1972 and in 2031.", 2000, 2030) == []


def test_an_event_drawn_before_the_year_its_text_names_is_warned_about(tmp_path):
    # The Testing Event begins in 2022, four turns a year: turn 2 is 2022, turn 5 the first of 2023.
    path = tmp_path / "early_news.toml"
    path.write_text(
        """schema_version = 1
id = "early_news"
extends = "testing_event"

[[event]]
id = "too_soon"
title = "Too soon"
text = "Finland joins in April 2023, and Sweden in March 2024."
when = "turn >= 2"

[[event]]
id = "held_by_its_year"
title = "Held back by its year"
text = "In May 2023 a summit is held."
when = "turn >= 2"
from_year = 2023

[[event]]
id = "held_by_its_turn"
title = "Held back by its turn"
text = "In May 2023 a summit is held, 1,100 km away."
when = "turn >= 5"

[[event]]
id = "no_year"
title = "No year"
text = "A summit is held."
""",
        encoding="utf-8",
    )
    problems = [str(p) for p in validate_paths([path])]
    assert problems == [
        f"{path}:8:1: warning: event[1].text: its text dates it to 2024, but it can be drawn in 2022 "
        "(turn 2), before it happened: hold it back with 'from_year = 2024' or a later turn in 'when'"
    ]


def test_the_shipped_levels_tell_no_news_before_it_happened():
    assert not [p for p in validate_paths(["levels"]) if "before it happened" in p.message]


def test_a_file_of_many_dated_events_over_many_turns_is_checked_quickly(tmp_path):
    # Asked turn by turn, 300 long conditions over 80 turns took the validator 7.5 s.
    import time

    from time_limits import TWO_SECONDS, in_baselines

    condition = " and ".join(["turn >= 40"] + [f"partnership > {i}" for i in range(22)])
    events = "".join(
        f'[[event]]\nid = "e{i}"\ntitle = "E {i}"\ntext = "In 2079, and in 2078."\nwhen = "{condition}"\n\n'
        for i in range(300)
    )
    path = tmp_path / "many_news.toml"
    path.write_text(
        'schema_version = 1\nid = "many_news"\nextends = "testing_event"\nstart_year = 2000\n'
        f"turns_per_year = 1\nturns = 80\n\n{events}",
        encoding="utf-8",
    )
    start = time.process_time()
    problems = validate_paths([path])
    elapsed = in_baselines(time.process_time() - start)
    assert len(problems) == 300 and all("can be drawn in 2039 (turn 40)" in p.message for p in problems)
    assert elapsed < TWO_SECONDS, f"{elapsed:.0f} baseline loops"
