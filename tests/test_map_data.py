"""Reading the map's assets: the shipped files load, and a missing or damaged one is an error the
app can catch (OSError or ValueError), naming the file."""

import shutil

import pytest

from game.paths import assets_dir
from game.ui.map_data import OUTLINES, PLACES, ROUTES, load_map


@pytest.fixture
def map_copy(tmp_path):
    for name in (OUTLINES, PLACES, ROUTES):
        shutil.copy(assets_dir() / "map" / name, tmp_path / name)
    return tmp_path


def test_the_shipped_map_loads_with_the_five_states_and_both_routes():
    data = load_map(assets_dir() / "map")
    assert {"KAZ", "UZB", "KGZ", "TJK", "TKM"} <= {f["iso_a3"] for f in data.features}
    assert {"northern", "middle"} <= {c["id"] for c in data.corridors}
    assert all(name == place["name"] for name, place in data.places.items())


@pytest.mark.parametrize("name", [OUTLINES, PLACES, ROUTES])
def test_a_missing_map_file_is_an_os_error(map_copy, name):
    (map_copy / name).unlink()
    with pytest.raises(OSError):
        load_map(map_copy)


@pytest.mark.parametrize("name", [OUTLINES, PLACES, ROUTES])
def test_a_map_file_that_does_not_parse_is_a_value_error_naming_it(map_copy, name):
    (map_copy / name).write_text("{ this is [ not", encoding="utf-8")
    with pytest.raises(ValueError, match=name):
        load_map(map_copy)


@pytest.mark.parametrize(
    ("name", "text"), [(OUTLINES, '{"features": [{}]}'), (PLACES, "x = 1"), (ROUTES, "x = 1")]
)
def test_a_map_file_lacking_its_fields_is_a_value_error_naming_it(map_copy, name, text):
    # A KeyError here would get past the app's guard and stop the game.
    (map_copy / name).write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=name):
        load_map(map_copy)
