"""Where things go on the map, checked without a display: the projection, clipping a route to the
window, and label placement. The geometry imports no pygame; its boxes behave as pygame's Rects
(the map's drawing used Rects before, and must come out pixel for pixel the same)."""

import ast
import math
import subprocess
import sys
from pathlib import Path

import pygame
from hypothesis import given
from hypothesis import strategies as st

from game.ui import map_geometry
from game.ui.map_geometry import COS_LAT, FOCUS, Box, Placer, Projection, around, clip_exit, in_view

SOURCE = Path(map_geometry.__file__)


# ---- no pygame ----------------------------------------------------------------------------------
def test_the_geometry_imports_no_pygame():
    imported = set()
    for node in ast.walk(ast.parse(SOURCE.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    assert imported, "the walk found no imports at all: it is not reading the module"
    assert not {m for m in imported if m == "pygame" or m.startswith("pygame.")}
    # Nor anything of the game's, which might bring pygame in behind it.
    assert not {m for m in imported if m == "game" or m.startswith("game.")}


def test_importing_the_geometry_loads_no_pygame():
    code = "import sys, game.ui.map_geometry; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---- projection ---------------------------------------------------------------------------------
def test_the_focus_fills_a_wide_window_top_to_bottom_within_the_margin():
    proj = Projection(FOCUS, (1280, 720))  # margin: 720 // 40 = 18 px
    lon0, lon1, lat0, lat1 = FOCUS
    centre = proj.project((lon0 + lon1) / 2, (lat0 + lat1) / 2)
    assert centre == (640.0, 360.0)
    assert math.isclose(proj.project(66.0, lat1)[1], 18.0)
    assert math.isclose(proj.project(66.0, lat0)[1], 702.0)
    # The focus's east and west edges fall inside, with room to spare on a wide window.
    assert 18 < proj.project(lon0, 45)[0] < proj.project(lon1, 45)[0] < 1280 - 18


def test_the_focus_fills_a_narrow_window_side_to_side_within_the_margin():
    proj = Projection(FOCUS, (400, 720))  # margin: max(6, 400 // 40) = 10 px
    assert math.isclose(proj.project(42.0, 45.0)[0], 10.0)
    assert math.isclose(proj.project(90.0, 45.0)[0], 390.0)


def test_a_degree_east_is_shorter_than_a_degree_north_by_the_cosine_of_the_middle_latitude():
    proj = Projection(FOCUS, (1280, 720))
    x0, y0 = proj.project(60.0, 40.0)
    x1, _ = proj.project(61.0, 40.0)
    _, y1 = proj.project(60.0, 41.0)
    assert math.isclose((x1 - x0) / (y0 - y1), COS_LAT)
    assert math.isclose(COS_LAT, math.cos(math.radians(48.5)))


def test_an_outline_becomes_whole_pixels_without_its_closing_point_or_repeats():
    proj = Projection((0.0, 10.0, 0.0, 10.0), (200, 200))
    ring = [(0.0, 0.0), (0.0001, 0.0), (5.0, 5.0), (10.0, 0.0), (0.0, 0.0)]
    pixels = proj.ring(ring)
    expected = [proj.project(*pt) for pt in [(0.0, 0.0), (5.0, 5.0), (10.0, 0.0)]]
    assert pixels == [(round(x), round(y)) for x, y in expected]  # (0.0001, 0) fell on (0, 0)'s pixel
    assert all(isinstance(v, int) for pt in pixels for v in pt)


# ---- clipping -----------------------------------------------------------------------------------
def test_a_route_leaving_the_window_is_cut_where_it_crosses_the_edge():
    window = Box(0, 0, 100, 50)
    assert clip_exit((50.0, 25.0), (150.0, 25.0), window) == (99.0, 25.0)
    assert clip_exit((50.0, 25.0), (50.0, -25.0), window) == (50.0, 0.0)
    x, y = clip_exit((50.0, 25.0), (150.0, 75.0), window)  # the corner way: whichever edge comes first
    assert (x, y) == (98.0, 49.0)


def test_a_route_starting_outside_the_window_is_not_drawn():
    assert clip_exit((-10.0, 25.0), (50.0, 25.0), Box(0, 0, 100, 50)) is None


def test_outlines_outside_the_window_or_too_small_to_fill_are_left_out():
    inside = [(10, 10), (20, 10), (15, 20)]
    straddling = [(-10, -10), (5, -10), (5, 5)]
    outside = [(200, 200), (220, 200), (210, 220)]
    a_line = [(10, 10), (20, 20)]
    assert in_view([inside, straddling, outside, a_line], Box(0, 0, 100, 100)) == [inside, straddling]


# ---- label placement ----------------------------------------------------------------------------
def test_two_labels_wanting_the_same_spot_do_not_overlap():
    placer = Placer(Box(0, 0, 400, 300), gap=3)
    first = placer.place_required((80, 30), around((200, 150), (80, 30)), "kazakhstan")
    second = placer.place_required((80, 30), around((200, 150), (80, 30)), "uzbekistan")
    assert first == Box(160, 135, 80, 30)  # the first takes the spot it asked for
    assert not first.colliderect(second)
    assert not first.inflate(6, 6).colliderect(second), "labels keep their gap"
    assert [what for what, _ in placer.placed] == ["kazakhstan", "uzbekistan"]


def test_an_optional_label_is_dropped_rather_than_laid_over_another():
    placer = Placer(Box(0, 0, 400, 300), gap=3)
    placer.take(Box(100, 100, 100, 40), "legend")
    assert placer.place((50, 20), [(120, 110)], "Tashkent", required=False) is None
    assert placer.place((50, 20), [(120, 110), (300, 200)], "Tashkent", required=False) == Box(
        300, 200, 50, 20
    )


def test_labels_keep_off_dots_and_lines_when_they_can():
    placer = Placer(Box(0, 0, 400, 300), gap=3)
    placer.block_dot(Box(96, 96, 9, 9))
    placer.block_line((0.0, 200.0), (400.0, 200.0), 4)
    r = placer.place_required((40, 20), [(80, 90), (80, 190), (300, 50)], "tajikistan")
    assert r == Box(300, 50, 40, 20)
    assert placer.place((40, 20), [(80, 190)], "to Europe", required=False, may_cover=False) is None


def test_a_label_near_the_window_edge_is_pushed_inside():
    inner = Box(10, 10, 380, 280)
    placer = Placer(inner, gap=3)
    r = placer.place_required((60, 20), [(360.0, -15.0)], "corridor:middle")
    assert inner.contains(r)
    assert r == Box(330, 10, 60, 20)  # moved the least way: into the top-right corner


def test_an_optional_label_that_would_cross_the_window_edge_is_left_out():
    placer = Placer(Box(10, 10, 380, 280), gap=3)
    assert placer.place((60, 20), [(360.0, -15.0)], "Aktau", required=False) is None


def test_a_required_label_with_nowhere_offered_is_an_error():
    placer = Placer(Box(0, 0, 100, 100), gap=3)
    try:
        placer.place_required((10, 10), [], "kyrgyzstan")
    except ValueError as e:
        assert "kyrgyzstan" in str(e)
    else:
        raise AssertionError("a required label was silently dropped")


# ---- boxes behave as pygame's Rects ------------------------------------------------------------
coords = st.integers(-50, 50)
sizes = st.integers(0, 60)
boxes = st.builds(Box, coords, coords, sizes, sizes)


@given(boxes, boxes, st.integers(-20, 20), st.integers(-20, 20))
def test_a_box_answers_as_a_pygame_rect_would(a, b, dx, dy):
    ra, rb = pygame.Rect(a), pygame.Rect(b)
    assert a.contains(b) == bool(ra.contains(rb))
    assert a.colliderect(b) == bool(ra.colliderect(rb))
    clipped = ra.clip(rb)
    assert a.overlap(b) == clipped.width * clipped.height
    assert tuple(a.inflate(dx, dy)) == tuple(ra.inflate(dx, dy))
    if b.w and b.h:
        assert tuple(a.clamp(b)) == tuple(ra.clamp(rb))


@given(boxes, st.floats(-60, 120), st.floats(-60, 120))
def test_a_box_holds_a_point_as_a_pygame_rect_would(box, x, y):
    assert box.collidepoint(x, y) == bool(pygame.Rect(box).collidepoint(x, y))
