"""The sides' names as the interface says them, in the language in force. No pygame here."""

from __future__ import annotations

from game.i18n import N_, _, p_

SIDE_NAMES = {"moscow": N_("Moscow"), "beijing": N_("Beijing")}


def side_name(side: str) -> str:
    """A side's name to show ("Moscow", "Москва"); a side no level of ours has, capitalised."""
    return _(SIDE_NAMES[side]) if side in SIDE_NAMES else side.capitalize()


POWER_NAMES = {"moscow": N_("Moscow"), "beijing": N_("Beijing"), "west": N_("West")}


def power_name(power: str) -> str:
    """A power's name to show (the two sides, and the West on the map)."""
    return _(POWER_NAMES[power]) if power in POWER_NAMES else power.capitalize()


def power_letter(power: str) -> str:
    """The letter a power goes by in the map's labels and legend ("M 50  B 40  W 10"), in the
    language in force: a Russian map read "B 40" for Beijing, a letter that names nothing there."""
    if power == "moscow":
        return p_("the map's letter for Moscow", "M")
    if power == "beijing":
        return p_("the map's letter for Beijing", "B")
    if power == "west":
        return p_("the map's letter for the West", "W")
    return power[:1].upper()


# The five states of Central Asia as the interface names them (their meters' keys capitalised).
STATE_NAMES = {
    "kazakhstan": N_("Kazakhstan"),
    "uzbekistan": N_("Uzbekistan"),
    "kyrgyzstan": N_("Kyrgyzstan"),
    "tajikistan": N_("Tajikistan"),
    "turkmenistan": N_("Turkmenistan"),
}
# The five became independent as the Soviet Union came apart in the second half of 1991: until
# then they were Soviet republics, and are named as such.
LAST_SOVIET_YEAR = 1991
SOVIET_NAMES = {
    "kazakhstan": N_("Kazakh SSR"),
    "uzbekistan": N_("Uzbek SSR"),
    "kyrgyzstan": N_("Kirghiz SSR"),
    "tajikistan": N_("Tajik SSR"),
    "turkmenistan": N_("Turkmen SSR"),
}

# The year of the game being shown, set by the window as a game's screen opens (None: today). In
# a game of 1970 the log, the summit's terms and the debrief name the five as the map does: a
# change to "Kazakhstan: Moscow influence" beside a map of the Kazakh SSR read as a slip.
_naming_year: int | None = None


def set_naming_year(year: int | None) -> None:
    """Name the five states as they were in `year` from now on (None: by today's names)."""
    global _naming_year
    _naming_year = year


def is_soviet(year: int | None) -> bool:
    """Whether `year` is one in which the five were Soviet republics."""
    return year is not None and year <= LAST_SOVIET_YEAR


def state_name(place: str) -> str:
    """A Central Asian state's name to show, as it was in the year of the game being shown; a
    place the interface does not know, capitalised."""
    return state_name_in(place, _naming_year)


def state_name_in(place: str, year: int | None) -> str:
    """A Central Asian state's name in `year` ('Kazakh SSR' in 1970; None: today's, 'Kazakhstan')."""
    if place in SOVIET_NAMES and is_soviet(year):
        return _(SOVIET_NAMES[place])
    return _(STATE_NAMES[place]) if place in STATE_NAMES else place.capitalize()
