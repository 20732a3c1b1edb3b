"""The sides' names as the interface says them, in the language in force. No pygame here."""

from __future__ import annotations

from game.i18n import N_, _

SIDE_NAMES = {"moscow": N_("Moscow"), "beijing": N_("Beijing")}


def side_name(side: str) -> str:
    """A side's name to show ("Moscow", "Москва"); a side no level of ours has, capitalised."""
    return _(SIDE_NAMES[side]) if side in SIDE_NAMES else side.capitalize()


POWER_NAMES = {"moscow": N_("Moscow"), "beijing": N_("Beijing"), "west": N_("West")}


def power_name(power: str) -> str:
    """A power's name to show (the two sides, and the West on the map)."""
    return _(POWER_NAMES[power]) if power in POWER_NAMES else power.capitalize()


# The five states of Central Asia as the interface names them (their meters' keys capitalised).
STATE_NAMES = {
    "kazakhstan": N_("Kazakhstan"),
    "uzbekistan": N_("Uzbekistan"),
    "kyrgyzstan": N_("Kyrgyzstan"),
    "tajikistan": N_("Tajikistan"),
    "turkmenistan": N_("Turkmenistan"),
}


def state_name(place: str) -> str:
    """A Central Asian state's name to show; a place the interface does not know, capitalised."""
    return _(STATE_NAMES[place]) if place in STATE_NAMES else place.capitalize()
