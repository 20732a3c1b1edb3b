"""The map of a level's years: Soviet republics before 1992, the names places had then, and only
the crossings and trade routes that existed; a level can fix the year its map shows."""

import pygame
import pytest
import tomli

from game.paths import assets_dir
from game.speech import sides
from game.ui import mapview
from game.ui.map_period import place_name, place_role, routes_in, state_name
from game.ui.mapview import MapView
from game.ui.palette import STANDARD

MAP = assets_dir() / "map"
PLACES = {p["name"]: p for p in tomli.loads((MAP / "places.toml").read_text(encoding="utf-8"))["place"]}
CORRIDORS = tomli.loads((MAP / "corridors.toml").read_text(encoding="utf-8"))["corridor"]


def routes(year):
    return {r["id"]: r["stops"] for r in routes_in(CORRIDORS, PLACES, year)}


def test_before_1992_the_five_states_are_soviet_republics():
    assert [state_name(s, 1969) for s in sides.SOVIET_NAMES] == [
        "Kazakh SSR",
        "Uzbek SSR",
        "Kirghiz SSR",
        "Tajik SSR",
        "Turkmen SSR",
    ]
    assert state_name("kazakhstan", 1992) == state_name("kazakhstan", None) == "Kazakhstan"


def test_places_carry_the_names_and_roles_of_the_year():
    astana = PLACES["Astana"]
    assert [place_name(astana, y) for y in (1969, 1996, 2001, 2020, 2024, None)] == [
        "Tselinograd",
        "Akmola",
        "Astana",
        "Nur-Sultan",
        "Astana",
        "Astana",
    ]
    assert place_role(astana, 1996) == "city" and place_role(PLACES["Almaty"], 1996) == "capital"
    assert place_role(astana, 1998) == "capital" and place_role(PLACES["Almaty"], 1998) == "city"
    assert [place_name(PLACES[n], 1969) for n in ("Almaty", "Bishkek", "Ashgabat", "Aktau")] == [
        "Alma-Ata",
        "Frunze",
        "Ashkhabad",
        "Shevchenko",
    ]


def test_routes_and_crossings_appear_only_once_they_existed():
    assert routes(1969) == {}  # no rail link from Xinjiang to Soviet Kazakhstan yet
    assert routes(1996) == {"northern": ["Urumqi", "Astana", "Moscow"]}  # before the Khorgos line
    assert routes(2014)["middle"][-1] == "Tbilisi"  # before the Baku-Tbilisi-Kars railway
    assert routes(2018)["middle"][-1] == "Kars" and "Khorgos" in routes(2018)["northern"]
    assert routes(None) == {c["id"]: c["stops"] for c in CORRIDORS}


@pytest.fixture(scope="module")
def font():
    pygame.init()
    yield pygame.font.Font(None, 18)
    pygame.quit()


def drawn(font, monkeypatch, year):
    """What the map of `year` writes, and the labels it places."""
    mapview.forget_drawn_maps()  # drawn afresh, not taken from the maps kept
    texts = []
    for name in ("_halo_text", "_pill", "_spaced"):
        original = getattr(mapview, name)
        monkeypatch.setattr(
            mapview, name, lambda f, t, *a, _o=original, **k: texts.append(t) or _o(f, t, *a, **k)
        )
    view = MapView()
    meters = {"middle_corridor": 30.0} | {
        f"{s}.{p}": 100 / 3 for s in sides.SOVIET_NAMES for p in ("moscow", "beijing", "west")
    }
    view.draw(pygame.Surface((1280, 720)), pygame.Rect(0, 0, 1280, 720), meters, STANDARD, font, year=year)
    return texts, {what for what, _ in view.label_rects}


@pytest.mark.slow
def test_the_map_of_1969_draws_no_corridor_and_no_khorgos(font, monkeypatch):
    texts, labels = drawn(font, monkeypatch, 1969)
    assert not [w for w in labels if w.startswith(("corridor:", "exit:", "onward:"))]
    assert "Khorgos" not in labels and "Khorgos" not in texts
    assert {"Tselinograd", "Alma-Ata", "Frunze", "Map of 1969: Natural Earth"} <= set(texts)
    assert "Astana" not in texts


@pytest.mark.slow
def test_with_one_route_on_the_map_its_label_gives_no_share(font, monkeypatch):
    texts, _ = drawn(font, monkeypatch, 1996)
    assert "Northern Corridor" in texts and not [t for t in texts if t.startswith("Middle Corridor")]
    texts, _ = drawn(font, monkeypatch, 2023)
    assert "Northern Corridor 70%" in texts and "Middle Corridor 30%" in texts


def test_a_level_can_fix_the_year_of_its_map(tmp_path):
    from game.levels import load_level_file, load_shipped

    nixon = load_shipped("nixon_surprise")
    assert sides.is_soviet(nixon.map_year_at(1)) and sides.is_soviet(nixon.map_year_at(16))
    assert load_shipped("pivot_east").map_year_at(13) == 2020  # the map follows the turn's year
    path = tmp_path / "no_union.toml"
    path.write_text(
        'schema_version = 1\nid = "no_union"\nextends = "base"\nmap_year = 1985\n', encoding="utf-8"
    )
    level = load_level_file(path)
    assert level.start_year == 2020 and level.map_year_at(1) == level.map_year_at(12) == 1985


def test_a_game_of_1970_names_the_five_as_republics_in_its_texts_until_the_title(app):
    # The log, the summit's terms and the debrief name a state as the map beside them does: the
    # map of 1970 showed the Kazakh SSR while every change read "Kazakhstan".
    from game.levels import load_shipped
    from game.session.game import HUMAN, Game
    from game.speech.words import meter_label

    assert meter_label("kazakhstan.moscow") == "Kazakhstan: Moscow influence"
    game = Game.new(load_shipped("nixon_surprise"), 3, {"moscow": HUMAN, "beijing": "easy"})
    app.show_only("board", game=game, perspective="moscow")
    assert meter_label("kazakhstan.moscow") == "Kazakh SSR: Moscow influence"
    assert meter_label("kyrgyzstan.west") == "Kirghiz SSR: West influence"
    app.show_only("title")
    assert meter_label("kazakhstan.moscow") == "Kazakhstan: Moscow influence"
    app.show_only(
        "board", game=Game.new(load_shipped("pivot_east"), 3, {"moscow": HUMAN}), perspective="moscow"
    )
    assert meter_label("kazakhstan.moscow") == "Kazakhstan: Moscow influence"


def test_kazakhstans_capital_is_astana_again_from_the_autumn_of_2022():
    # The Testing Event's map read "Nur-Sultan" in the autumn of 2022: the name went back to
    # Astana on 17 September 2022. (The map is drawn by year; names take the turn's point in it.)
    from game.levels import Catalogue
    from game.ui.map_period import place_name

    capital = PLACES["Astana"]
    testing = Catalogue.scan().load("testing_event")  # seasons from the winter of 2022
    assert [place_name(capital, testing.map_date_at(t)) for t in (1, 2, 3, 4, 5)] == [
        "Nur-Sultan",  # winter
        "Nur-Sultan",  # spring
        "Nur-Sultan",  # summer
        "Astana",  # autumn 2022
        "Astana",
    ]
    pivot = Catalogue.scan().load("pivot_east")  # half-years from 2014
    assert place_name(capital, pivot.map_date_at(10)) == "Astana"  # the second half of 2018
    assert place_name(capital, pivot.map_date_at(11)) == "Nur-Sultan"  # renamed in March 2019
    assert place_name(capital, 2022) == "Nur-Sultan" and place_name(capital, 2023) == "Astana"
