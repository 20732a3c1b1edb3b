"""What the map shows in a given year: the five states as Soviet republics until the Soviet Union
dissolved, the names places had then, and only the crossings and trade routes that existed.

Plain data and functions, no pygame: `game.ui.mapview` draws with them and tests read them
without a display. The dates of places and routes are in `assets/map/places.toml` and
`corridors.toml` (`from_year`, `until_year`, and `names`/`roles` lists of `{ until, ... }`); the
republics' names are in game.speech.sides, which every text names them through. A year of None
means the map of today.
"""

from __future__ import annotations

from game.i18n import N_
from game.speech.sides import is_soviet, state_name_in

# Neighbours whose name on the map changed with the Soviet Union's end.
SOVIET_COUNTRY_NAMES = {"RUSSIA": N_("RUSSIAN SFSR")}


def state_name(state: str, year: int | None) -> str:
    """'Kazakhstan', or 'Kazakh SSR' on a map of the Soviet years."""
    return state_name_in(state, year)


def country_name(name: str, year: int | None) -> str:
    return SOVIET_COUNTRY_NAMES.get(name, name) if is_soviet(year) else name


def exists(item: dict, year: int | None) -> bool:
    """Whether a place or route with `from_year`/`until_year` is on the map of `year`."""
    if year is None:
        return "until_year" not in item
    return item.get("from_year", year) <= year <= item.get("until_year", year)


def _in_period(item: dict, key: str, field: str, year: float | None):
    """The value of `field` in the first of item[key] ({until, field} entries, oldest first) whose
    `until` is not before `year`; None when the year is later than all of them. A whole `until`
    is the whole of that year; a fraction a point in it (Nur-Sultan until 2022.6: Astana again
    from September 2022), met by a `year` with its turn's share of the year (Level.map_date_at)."""
    if year is None:
        return None
    for entry in item.get(key, ()):
        until = entry["until"]
        if (year <= until) if isinstance(until, float) else (int(year) <= until):
            return entry[field]
    return None


# The names of assets/map/places.toml, marked for the catalogues: the map shows a city in the
# language's usual name for it (Тбилиси, 第比利斯). A test holds this list to the file.
PLACE_NAMES = (
    N_("Akmolinsk"),
    N_("Tselinograd"),
    N_("Akmola"),
    N_("Astana"),
    N_("Nur-Sultan"),
    N_("Aktau"),
    N_("Shevchenko"),
    N_("Almaty"),
    N_("Alma-Ata"),
    N_("Ashgabat"),
    N_("Ashkhabad"),
    N_("Baku"),
    N_("Beijing"),
    N_("Bishkek"),
    N_("Frunze"),
    N_("Dushanbe"),
    N_("Stalinabad"),
    N_("Harbin"),
    N_("Kars"),
    N_("Khorgos"),
    N_("Moscow"),
    N_("Novosibirsk"),
    N_("Tashkent"),
    N_("Tbilisi"),
    N_("Ulaanbaatar"),
    N_("Urumqi"),
    N_("Vladivostok"),
)


def place_name(place: dict, year: float | None) -> str:
    """A place's name in `year`: 'Tselinograd' in 1969, 'Astana' today."""
    return _in_period(place, "names", "name", year) or place["name"]


def place_role(place: dict, year: float | None) -> str:
    """'capital', 'city', 'port' or 'border_crossing' in `year` (Almaty was Kazakhstan's capital
    until 1997)."""
    return _in_period(place, "roles", "role", year) or place["role"]


def routes_in(corridors: list[dict], places: dict[str, dict], year: int | None) -> list[dict]:
    """The trade routes of `year`, each with only the stops that existed then."""
    out = []
    for route in corridors:
        if not exists(route, year):
            continue
        stops = [s for s in route["stops"] if s in places and exists(places[s], year)]
        if len(stops) >= 2:
            out.append({**route, "stops": stops})
    return out
