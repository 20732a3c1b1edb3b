"""News told before it happened, or years after: the validator warns of an event that can be drawn
in a year before the latest year its text names (Strategic partnership told of NATO's enlargement
of March 2004 in 2003, and of Kyrgyzstan's revolution of 2005 in 2003), or two years or more after
it (the tariffs of July 2018 as Pivot east's news of 2021)."""

from pathlib import Path

import pytest

from game.core.expr import compile_condition, first_turn_it_could_hold, last_turn_it_could_hold
from game.levels.dated_news import years_named
from game.levels.validate import validate_paths


def level_with(tmp_path: Path, level_id: str, parent: str, tables: str) -> tuple[Path, list[str]]:
    """A level file `level_id` extending `parent` with `tables` (its cards and events, from its
    fifth line), and the validator's lines for it."""
    path = tmp_path / f"{level_id}.toml"
    path.write_text(
        f'schema_version = 1\nid = "{level_id}"\nextends = "{parent}"\n\n{tables}', encoding="utf-8"
    )
    return path, [str(p) for p in validate_paths([path])]


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
    path, problems = level_with(
        tmp_path,
        "early_news",
        "testing_event",
        """[[event]]
id = "too_soon"
title = "Too soon"
text = "Finland joins in April 2023, and Sweden in March 2024."
when = "turn >= 2"

[[event]]
id = "held_by_its_year"
title = "Held back by its year"
text = "In February 2023 a summit is held."
when = "turn >= 2"
from_year = 2023

[[event]]
id = "held_by_its_turn"
title = "Held back by its turn"
text = "In February 2023 a summit is held, 1,100 km away."
when = "turn >= 5"

[[event]]
id = "no_year"
title = "No year"
text = "A summit is held."
""",
    )
    assert problems == [
        f"{path}:8:1: warning: event[1].text: its text dates it to 2024, but it can be drawn in 2022 "
        "(turn 2), before it happened: hold it back with 'from_year = 2024' or a later turn in 'when'"
    ]


@pytest.mark.slow
def test_the_shipped_levels_tell_no_news_before_it_happened():
    assert not [p for p in validate_paths(["levels"]) if "before it happened" in p.message]


@pytest.mark.parametrize(
    ("condition", "last"),
    [
        ("true", 12),
        ("turn <= 9 and war", 9),
        ("war and turn < 6", 5),
        ("turn == 9 or turn == 5", 9),
        ("turn >= 3 and turn <= 2", None),
    ],
)
def test_the_last_turn_a_condition_could_hold(condition, last):
    assert last_turn_it_could_hold(compile_condition(condition, {"war"}, turns=12, after_end=False)) == last


def test_an_event_drawn_two_years_after_the_year_its_text_names_is_warned_about(tmp_path):
    # Strategic partnership told "On 1 January 2011 oil starts to flow" as the news of 2013, and
    # Pivot east the tariffs of July 2018 as the news of 2021. A year late is let be (a deck with a
    # window of a few years draws some of its news so). The Testing Event: 2022-2024, four turns a
    # year; turn 9 is the first of 2024.
    path, problems = level_with(
        tmp_path,
        "late_news",
        "testing_event",
        """[[event]]
id = "too_late"
title = "Too late"
text = "In January 2022 a summit is held."
when = "turn >= 1"

[[event]]
id = "a_year_late"
title = "A year late"
text = "In January 2022 a summit is held."
when = "turn <= 8"

[[event]]
id = "closed_by_its_year"
title = "Closed by its year"
text = "In January 2022 a summit is held."
until_year = 2023

[[event]]
id = "no_year"
title = "No year"
text = "A summit is held."
""",
    )
    assert problems == [
        f"{path}:8:1: warning: event[1].text: its text dates it to 2022, but it can be drawn as late as "
        "2024 (turn 12), 2 years on, as the turn's news: close its window with 'until_year = 2023' or "
        "a last turn in 'when', or tell it without the year"
    ]


@pytest.mark.slow
def test_the_shipped_levels_tell_no_news_two_years_late():
    assert not [p for p in validate_paths(["levels"]) if "years on, as the turn's news" in p.message]


def test_a_file_of_many_dated_events_over_many_turns_is_checked_quickly(tmp_path):
    # Asked turn by turn, 300 long conditions over 80 turns took the validator 7.5 s; found by
    # halving, 0.8 s, near the limit on a slow run; asked once for a condition the events share
    # (the analysis is kept by the condition's text), a tenth of a second.
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


def test_a_card_playable_before_the_year_its_description_names_is_warned_about(tmp_path):
    # The Testing Event's China-Central Asia summit said "as at Xi'an in 2023" from its first
    # turn, in 2022: the player read of a summit a year ahead.
    path, problems = level_with(
        tmp_path,
        "early_card",
        "testing_event",
        """[[action]]
id = "b_too_soon"
side = "beijing"
name = "Too soon"
description = "Hold a summit, as at Xi'an in 2023."
cost = 1

[[action]]
id = "b_held_by_its_year"
side = "beijing"
name = "Held back by its year"
description = "Hold a summit, as at Xi'an in 2023."
cost = 1
from_year = 2023

[[action]]
id = "b_earlier_precedent"
side = "beijing"
name = "An earlier precedent"
description = "Hold a summit, as first held online in January 2022."
cost = 1
""",
    )
    assert problems == [
        f"{path}:9:1: warning: action[1].description: its description names 2023, but it can be "
        "played in 2022 (turn 1), before then: say it without the year, or hold the card back with "
        "'from_year = 2023' or a later turn in 'requires'"
    ]


@pytest.mark.slow
def test_the_shipped_cards_name_no_year_before_they_can_be_played():
    assert not [p for p in validate_paths(["levels"]) if "before then" in p.message]


def test_in_a_level_of_halves_or_seasons_the_month_counts(tmp_path):
    # Pivot east (two turns a year) told of MH17, "In July 2014", in the first half of 2014.
    path, problems = level_with(
        tmp_path,
        "months",
        "pivot_east",
        """[[event]]
id = "too_soon"
title = "Too soon"
text = "In July 2014 an airliner is shot down."
when = "turn <= 2"

[[event]]
id = "in_its_half"
title = "In its half"
text = "In May 2014 a contract is signed."
when = "turn <= 2"

[[event]]
id = "held_to_its_half"
title = "Held to its half"
text = "On 30 September 2014 something happens."
when = "turn == 2"
""",
    )
    assert problems == [
        f"{path}:8:1: warning: event[1].text: its text dates it to July 2014, but it can be drawn at "
        "turn 1, before it happened: turn 2 is the first of that part of the year; hold it back "
        "with 'turn >= 2' in 'when'"
    ]
    from game.levels.dated_news import part_of_year

    assert [part_of_year(m, 4) for m in range(1, 13)] == [1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4]
    assert [part_of_year(m, 2) for m in (1, 6, 7, 12)] == [1, 1, 2, 2]
