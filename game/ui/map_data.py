"""The map's assets as read from assets/map: the outlines of countries and seas, the places, and the
trade routes between them.

Read once, as plain data. A missing file raises OSError and a damaged one ValueError naming the
file, the two the app catches to go on without a map rather than stop the game.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli

OUTLINES = "eurasia.geojson"
PLACES = "places.toml"
ROUTES = "corridors.toml"


@dataclass(frozen=True)
class MapData:
    """Everything the map is drawn from. features: each country or sea with its name, iso_a3, kind
    ("water" or land) and coordinates (polygons of rings of [lon, lat]); places by name; corridors
    (the routes) in file order."""

    features: list[dict[str, Any]]
    places: dict[str, dict[str, Any]]
    corridors: list[dict[str, Any]]


def load_map(map_dir: Path) -> MapData:
    """Read the three map files from map_dir."""
    map_dir = Path(map_dir)
    geo = _read(map_dir / OUTLINES, json.loads)
    features = _fields(
        map_dir / OUTLINES,
        lambda: [
            {
                "name": f["properties"]["name"],
                "iso_a3": f["properties"]["iso_a3"],
                "kind": f["properties"]["kind"],
                "coordinates": f["geometry"]["coordinates"],
            }
            for f in geo["features"]
        ],
    )
    places_doc = _read(map_dir / PLACES, tomli.loads)
    places = _fields(map_dir / PLACES, lambda: {p["name"]: p for p in places_doc["place"]})
    routes_doc = _read(map_dir / ROUTES, tomli.loads)
    corridors = _fields(map_dir / ROUTES, lambda: list(routes_doc["corridor"]))
    return MapData(features, places, corridors)


def _read(path: Path, parse: Callable[[str], Any]) -> Any:
    # json's and tomli's errors are ValueErrors already; they just do not say which file.
    text = path.read_text(encoding="utf-8")
    try:
        return parse(text)
    except ValueError as e:
        raise ValueError(f"{path.name} is damaged: {e}") from e


def _fields(path: Path, pick: Callable[[], Any]) -> Any:
    """pick()'s result, a missing or mistyped field reported as damage to path (as a ValueError,
    which the app catches; a bare KeyError would stop the game)."""
    try:
        return pick()
    except (KeyError, TypeError, IndexError) as e:
        raise ValueError(f"{path.name} is damaged: a field is missing or of the wrong kind ({e!r})") from e
