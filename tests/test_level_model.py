"""The shipped levels use the model's mechanisms where the design puts them (DESIGN §1)."""

import pytest

from game.levels import Catalogue

PLAYABLE = [e.id for e in Catalogue.scan().playable()]


@pytest.mark.parametrize("level_id", PLAYABLE)
def test_nato_enlargement_moves_moscows_pull_to_the_west(level_id):
    """NATO's enlargement moves Russia's half of the identity gap (its wish for a seat at the
    Western table), which the gap then follows slowly; it does not move the gap itself."""
    level = Catalogue.scan().load(level_id)
    event = level.event("nato_enlargement")
    if event is None:
        pytest.skip(f"{level_id} has no NATO enlargement")
    moved = {e.meter for e in event.does.effects}
    assert "western_pull" in moved and "identity_gap" not in moved
