"""A card's preview in words: influence counted as the region's figure, losses shown as well."""

from game.core import initial_state, preview
from game.levels import load_shipped
from game.ui.card_preview import summarise_changes


def test_a_point_in_every_state_reads_as_a_point_and_the_cost_to_the_others_is_shown():
    level = load_shipped("shanghai_five")
    state = initial_state(level, 1)
    words = summarise_changes(preview(state, "moscow", "m_host_summit"), "moscow")
    assert "+1.0 Beijing influence in every Central Asian state" in words
    assert any(w.startswith("−") and "Moscow influence across Central Asia" in w for w in words)
    # The side's own power comes first among the influence lines.
    influence = [w for w in words if "influence" in w]
    assert "Moscow" in influence[0]


def test_a_move_in_one_state_names_the_state():
    from game.core.report import Change

    changes = [
        Change("kazakhstan.beijing", 30.0, 32.0, "actions", "action", "x", "", ""),
        Change("kazakhstan.moscow", 50.0, 48.0, "actions", "action", "x", "", ""),
        Change("beijing.capital", 5.0, 3.0, "actions", "action", "x", "", ""),
    ]
    assert summarise_changes(changes, "beijing") == [
        "+2.0 Beijing influence in Kazakhstan",
        "−2.0 Moscow influence in Kazakhstan",
    ]
