"""The map, the charts and the palettes draw headless, only where told, and never by colour alone."""

import functools
import itertools

import pygame
import pytest

from game.core.meters import POWERS, STATES
from game.ui import charts, mapview
from game.ui.charts import MARKERS, draw_line_chart, save_chart_png, series_style, sparkline
from game.ui.mapview import MapView, hatch_colour, state_style
from game.ui.palette import COLOUR_BLIND, PATTERNS, STANDARD, Palette, contrast_ratio, palette_for

SENTINEL = (255, 0, 255)
SCREEN = (1280, 720)
MAP_RECTS = [pygame.Rect(20, 60, 620, 420), pygame.Rect(100, 50, 900, 600), pygame.Rect(0, 0, 1280, 720)]
BANDS = [
    (0, 20, "estrangement"),
    (20, 40, "wary"),
    (40, 60, "pragmatic"),
    (60, 80, "strategic"),
    (80, 100, "alliance"),
]


def influence(**shares):
    """Meters from state=(moscow, beijing, west) shares; middle_corridor=share."""
    meters = {"middle_corridor": shares.pop("middle_corridor", 20.0)}
    for state in STATES:
        m, b, w = shares.get(state, (34, 33, 33))
        meters.update({f"{state}.moscow": m, f"{state}.beijing": b, f"{state}.west": w})
    return meters


# Each power leads somewhere, and by different margins.
SAMPLE = influence(
    kazakhstan=(45, 35, 20),
    uzbekistan=(25, 30, 45),
    kyrgyzstan=(55, 35, 10),
    tajikistan=(60, 30, 10),
    turkmenistan=(30, 50, 20),
    middle_corridor=22,
)
LEADERS = {
    "kazakhstan": "moscow",
    "uzbekistan": "west",
    "kyrgyzstan": "moscow",
    "tajikistan": "moscow",
    "turkmenistan": "beijing",
}
OTHER = influence(
    kazakhstan=(20, 70, 10),
    uzbekistan=(40, 35, 25),
    kyrgyzstan=(40, 40, 20),
    tajikistan=(10, 30, 60),
    turkmenistan=(30, 55, 15),
    middle_corridor=65,
)


@pytest.fixture(scope="module")
def pg():
    pygame.init()
    yield
    pygame.quit()


@pytest.fixture(scope="module")
def view(pg):
    return MapView()


@pytest.fixture(scope="module")
def font(pg):
    return pygame.font.Font(None, 18)


def blank_screen():
    screen = pygame.Surface(SCREEN)
    screen.fill(SENTINEL)
    return screen


def outside_unchanged(screen: pygame.Surface, rect: pygame.Rect) -> bool:
    """Whether every pixel outside rect still has the sentinel colour."""
    sentinel = pygame.mask.from_threshold(screen, SENTINEL, (1, 1, 1, 255))
    outside = pygame.mask.Mask(screen.get_size(), fill=True)
    outside.erase(pygame.mask.Mask(rect.size, fill=True), rect.topleft)
    return sentinel.overlap_area(outside, (0, 0)) == outside.count()


_INNER: dict[tuple, dict[str, list[tuple[int, int]]]] = {}


def inner_points(view: MapView, rect: pygame.Rect, step: int = 2) -> dict[str, list[tuple[int, int]]]:
    """For each state, its pixels (sampled) away from its borders, labels and the legend: those
    whose neighbours three pixels away on every side are in the state too. (Some hundred thousand
    questions to the map: kept for a map drawn again in the same place with the same labels, as
    in another palette.)"""
    key = (
        id(view),
        tuple(view._rect or ()),
        tuple(rect),
        step,
        tuple((w, tuple(r)) for w, r in view.label_rects),
    )
    if key not in _INNER:
        _INNER[key] = _inner_points(view, rect, step)
    return _INNER[key]


def _inner_points(view: MapView, rect: pygame.Rect, step: int) -> dict[str, list[tuple[int, int]]]:
    covered = [r.inflate(6, 6) for _, r in view.label_rects]
    owner = functools.cache(view.state_at)  # a neighbour is asked about again as a sample
    found: dict[str, list[tuple[int, int]]] = {}
    for x in range(rect.left, rect.right, step):
        for y in range(rect.top, rect.bottom, step):
            state = owner((x, y))
            if state is None:
                continue
            around = ((3, 0), (-3, 0), (0, 3), (0, -3))
            inside = all(owner((x + dx, y + dy)) == state for dx, dy in around)
            if inside and pygame.Rect(x, y, 1, 1).collidelist(covered) < 0:
                found.setdefault(state, []).append((x, y))
    return found


def state_pixels(
    view: MapView, screen: pygame.Surface, state: str, rect: pygame.Rect, step: int = 2, points=None
):
    """Colours of the state's inner pixels (see inner_points; pass them when asking for several)."""
    points = inner_points(view, rect, step) if points is None else points
    return [tuple(screen.get_at(p))[:3] for p in points.get(state, [])]


# ---- the map ---------------------------------------------------------------------------------------
def test_the_map_names_the_engines_states_and_powers_in_its_order():
    assert (mapview.STATES, mapview.POWERS) == (STATES, POWERS)


def test_map_loads_the_five_states_the_places_and_both_corridors(view):
    assert set(mapview.STATE_ISO.values()) <= {f["iso_a3"] for f in view.features}
    assert {"Astana", "Tashkent", "Bishkek", "Dushanbe", "Ashgabat", "Moscow"} <= set(view.places)
    assert {c["id"] for c in view.corridors} == {"northern", "middle"}
    for corridor in view.corridors:
        assert all(stop in view.places for stop in corridor["stops"])


@pytest.mark.slow
@pytest.mark.parametrize("rect", MAP_RECTS, ids=lambda r: f"{r.w}x{r.h}")
@pytest.mark.parametrize("palette", [STANDARD, COLOUR_BLIND], ids=lambda p: p.name)
def test_map_draws_inside_its_rect_and_nowhere_else(view, font, rect, palette):
    screen = blank_screen()
    view.draw(screen, rect, SAMPLE, palette, font, highlight="uzbekistan")
    assert outside_unchanged(screen, rect)
    # ... and it did draw: no sentinel pixel is left inside.
    sentinel = pygame.mask.from_threshold(screen, SENTINEL, (1, 1, 1, 255))
    assert sentinel.count() == SCREEN[0] * SCREEN[1] - rect.w * rect.h


@pytest.mark.slow
@pytest.mark.parametrize("palette", [STANDARD, COLOUR_BLIND], ids=lambda p: p.name)
def test_each_state_shows_its_leaders_colour_and_hatch_and_no_rivals_hatch(view, font, palette):
    rect = MAP_RECTS[0]
    screen = blank_screen()
    view.draw(screen, rect, SAMPLE, palette, font)
    points = inner_points(view, rect)
    for state, leader in LEADERS.items():
        assert state_style(SAMPLE, state).power == leader
        colours = state_pixels(view, screen, state, rect, points=points)
        assert len(colours) > 20, state
        fill = mapview.fill_colour(state_style(SAMPLE, state), palette)
        assert colours.count(hatch_colour(leader, palette)) >= 3, (state, "no hatch")
        assert colours.count(fill) >= 3, (state, "no fill")
        for rival in POWERS:
            if rival != leader:
                assert hatch_colour(rival, palette) not in colours, (state, rival)


def test_the_hatch_is_the_leaders_pattern_not_only_its_colour(view, font):
    """Dots, diagonals and horizontals differ in shape: check the hatch pixels' arrangement."""
    rect = MAP_RECTS[1]
    screen = blank_screen()
    view.draw(screen, rect, SAMPLE, STANDARD, font)

    def runs(state, power):
        """Longest horizontal and vertical runs of hatch pixels inside the state."""
        colour = hatch_colour(power, STANDARD)
        x0, y0 = view.state_anchor(state)
        best_h = best_v = 0
        for dx in range(-20, 21):
            for dy in range(-20, 21):
                x, y = x0 + dx, y0 + dy
                if view.state_at((x, y)) != state or tuple(screen.get_at((x, y)))[:3] != colour:
                    continue
                h = v = 0
                while view.state_at((x + h, y)) == state and tuple(screen.get_at((x + h, y)))[:3] == colour:
                    h += 1
                while view.state_at((x, y + v)) == state and tuple(screen.get_at((x, y + v)))[:3] == colour:
                    v += 1
                best_h, best_v = max(best_h, h), max(best_v, v)
        return best_h, best_v

    # Keep the labels away from the anchors by using a state whose label sits off it.
    h, v = runs("turkmenistan", "beijing")  # dots: short runs both ways
    assert h <= 5 and v <= 5
    h, v = runs("uzbekistan", "west")  # horizontal lines: long across, thin down
    assert h >= 12 and v <= 3


@pytest.mark.slow
def test_a_tied_state_shows_both_contenders_hatches(view, font):
    rect = MAP_RECTS[0]
    screen = blank_screen()
    view.draw(screen, rect, OTHER, STANDARD, font)
    style = state_style(OTHER, "kyrgyzstan")
    assert style.power is None and set(style.tied) == {"moscow", "beijing"}
    # Every pixel, where the sampled ones found the state (a pixel-by-pixel look at the whole map
    # would ask about a quarter of a million points).
    xs, ys = zip(*inner_points(view, rect)["kyrgyzstan"], strict=True)
    around = pygame.Rect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1).inflate(8, 8)
    colours = state_pixels(view, screen, "kyrgyzstan", around.clip(rect), step=1)
    assert colours.count(hatch_colour("moscow", STANDARD)) >= 3
    assert colours.count(hatch_colour("beijing", STANDARD)) >= 3


def test_state_at_finds_kazakhstan_at_its_centroid_and_nothing_over_the_caspian(view, font):
    for rect in MAP_RECTS:
        view.draw(blank_screen(), rect, SAMPLE, STANDARD, font)
        assert view.state_at(view.project(rect, *view.centroid_lonlat("kazakhstan"))) == "kazakhstan"
        assert view.state_at(view.project(rect, 50.8, 41.7)) is None  # the middle of the Caspian
        assert view.state_at(view.project(rect, 85.0, 37.0)) is None  # China
        assert view.state_at((rect.left - 1, rect.top)) is None  # off the map
        for state in STATES:
            assert view.state_at(view.state_anchor(state)) == state


@pytest.mark.slow
@pytest.mark.parametrize("rect", MAP_RECTS, ids=lambda r: f"{r.w}x{r.h}")
@pytest.mark.parametrize("meters", [SAMPLE, OTHER], ids=["sample", "other"])
@pytest.mark.parametrize("size", [16, 18, 22])
def test_map_labels_never_overlap_and_stay_inside_the_map(view, rect, meters, size, pg):
    font = pygame.font.Font(None, size)
    view.draw(blank_screen(), rect, meters, STANDARD, font, highlight="kazakhstan")
    labels = view.label_rects
    names = [what for what, _ in labels]
    assert set(STATES) <= set(names)
    assert {"corridor:northern", "corridor:middle", "legend"} <= set(names)
    for what, r in labels:
        assert rect.contains(r), what
    for (a, ra), (b, rb) in itertools.combinations(labels, 2):
        assert not ra.colliderect(rb), (a, b)


def test_corridor_labels_give_each_routes_share(view, font, monkeypatch):
    mapview.forget_drawn_maps()  # drawn afresh, not taken from the maps kept
    texts = []
    original = mapview._pill
    monkeypatch.setattr(
        mapview, "_pill", lambda f, text, *a, **k: texts.append(text) or original(f, text, *a, **k)
    )
    view.draw(blank_screen(), MAP_RECTS[0], influence(middle_corridor=30), STANDARD, font)
    assert "Northern Corridor 70%" in texts and "Middle Corridor 30%" in texts


def test_the_wider_line_is_the_route_with_more_trade(view, font):
    """Line width tracks the share: count corridor-coloured pixels as the share moves."""
    rect = MAP_RECTS[0]

    def ink(meters, cid):
        screen = blank_screen()
        view.draw(screen, rect, meters, STANDARD, font)
        return pygame.mask.from_threshold(screen, STANDARD.corridor(cid), (1, 1, 1, 255)).count()

    assert ink(influence(middle_corridor=80), "middle") > ink(influence(middle_corridor=10), "middle")
    assert ink(influence(middle_corridor=10), "northern") > ink(influence(middle_corridor=80), "northern")


def test_highlight_outlines_the_hovered_state_in_the_focus_colour(view, font):
    rect = MAP_RECTS[0]
    plain, lit = blank_screen(), blank_screen()
    view.draw(plain, rect, SAMPLE, STANDARD, font)
    view.draw(lit, rect, SAMPLE, STANDARD, font, highlight="tajikistan")
    focus = lambda s: pygame.mask.from_threshold(s, STANDARD.focus, (1, 1, 1, 255)).count()  # noqa: E731
    assert focus(plain) == 0 and focus(lit) > 50


def test_drawing_leaves_the_meters_alone(view, font):
    meters = dict(SAMPLE)
    view.draw(blank_screen(), MAP_RECTS[0], meters, STANDARD, font, highlight="kyrgyzstan")
    assert meters == SAMPLE


@pytest.mark.slow
def test_redrawing_at_the_same_size_does_not_project_the_map_again_even_in_a_new_view(font, monkeypatch, pg):
    built = []
    original = mapview._Layout.__init__

    def counting(self, *args):
        built.append(args[-1])
        original(self, *args)

    monkeypatch.setattr(mapview._Layout, "__init__", counting)
    mapview.forget_drawn_maps()  # drawn afresh, not taken from the maps kept
    view = MapView()
    screen = blank_screen()
    for meters in (SAMPLE, OTHER, SAMPLE):
        view.draw(screen, pygame.Rect(20, 60, 620, 420), meters, STANDARD, font)
        view.draw(screen, pygame.Rect(40, 80, 620, 420), meters, COLOUR_BLIND, font, highlight="tajikistan")
    assert built == [(620, 420)]
    view.draw(screen, pygame.Rect(0, 0, 900, 600), SAMPLE, STANDARD, font)
    assert built == [(620, 420), (900, 600)]
    # A new window's map view finds the map projected at that size already.
    MapView().draw(screen, pygame.Rect(0, 0, 900, 600), OTHER, STANDARD, font)
    assert built == [(620, 420), (900, 600)]


def test_moscow_off_the_map_gets_an_arrow_label_at_the_edge(view, font):
    rect = MAP_RECTS[0]
    view.draw(blank_screen(), rect, SAMPLE, STANDARD, font)
    assert not rect.collidepoint(view.project(rect, 37.62, 55.76))
    assert "exit:northern" in [what for what, _ in view.label_rects]


# ---- palettes --------------------------------------------------------------------------------------
# Machado, Oliveira & Fernandes (2009), severity 1, applied to linear RGB.
CVD = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def simulate(colour, kind):
    def lin(v):
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    def enc(v):
        v = min(1.0, max(0.0, v))
        return 255 * (12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055)

    linear = [lin(c) for c in colour]
    return tuple(enc(sum(m * c for m, c in zip(row, linear, strict=False))) for row in CVD[kind])


def test_the_two_palettes_differ_and_palette_for_picks_them():
    assert STANDARD != COLOUR_BLIND
    assert palette_for(False) is STANDARD and palette_for(True) is COLOUR_BLIND
    assert any(STANDARD.power(p) != COLOUR_BLIND.power(p) for p in POWERS)


@pytest.mark.parametrize("palette", [STANDARD, COLOUR_BLIND], ids=lambda p: p.name)
def test_every_palette_is_complete_readable_and_has_distinct_series(palette: Palette):
    assert len(palette.series) >= 8 and len(set(palette.series)) == len(palette.series)
    assert contrast_ratio(palette.text, palette.background) >= 7
    assert contrast_ratio(palette.text_muted, palette.panel) >= 4.5
    assert contrast_ratio(palette.focus, palette.background) >= 7
    assert len({palette.moscow, palette.beijing, palette.west, palette.land}) == 4


def test_colour_blind_powers_differ_in_luminance_and_under_simulated_colour_blindness():
    powers = [COLOUR_BLIND.power(p) for p in POWERS]
    for a, b in itertools.combinations(powers, 2):
        assert contrast_ratio(a, b) >= 1.5, (a, b)
    for kind in CVD:
        for pa, pb in itertools.combinations(POWERS, 2):
            a, b = simulate(COLOUR_BLIND.power(pa), kind), simulate(COLOUR_BLIND.power(pb), kind)
            assert sum((x - y) ** 2 for x, y in zip(a, b, strict=False)) ** 0.5 >= 120, (kind, pa, pb)


def test_each_power_has_its_own_hatch_pattern():
    assert PATTERNS == {"moscow": "diagonal", "beijing": "dots", "west": "horizontal"}


# ---- charts ----------------------------------------------------------------------------------------
def wavy(n, base):
    return [base + 10 * ((i * 7) % 5 - 2) for i in range(n)]


SERIES = {
    "Partnership": wavy(24, 50),
    "Military trust": wavy(24, 60),
    "Economic ties": wavy(24, 40),
    "Central Asian rivalry": wavy(24, 30),
}


@pytest.mark.png
def test_save_chart_png_writes_that_png_and_nothing_else(tmp_path, pg):
    out = tmp_path / "partnership.png"
    returned = save_chart_png(
        out, SERIES, "Partnership", size=(900, 500), bands=BANDS, x_labels=[f"T{i + 1}" for i in range(24)]
    )
    assert returned == out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["partnership.png"]
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert pygame.image.load(str(out)).get_size() == (900, 500)


@pytest.mark.png
def test_save_chart_png_makes_a_png_whatever_the_file_is_called(tmp_path, pg):
    out = tmp_path / "chart.data"
    save_chart_png(out, SERIES, "Pillars", palette=COLOUR_BLIND)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert pygame.image.load(str(out)).get_size() == (1200, 700)


@pytest.mark.parametrize(
    "series",
    [{}, {"Partnership": []}, {"Partnership": [55.0]}, {"A": [1.0], "B": [], "C": [150.0, -20.0]}],
    ids=["no series", "empty series", "one point", "ragged, out of range"],
)
def test_a_chart_with_little_or_no_data_draws_inside_its_rect(series, font):
    screen = blank_screen()
    rect = pygame.Rect(50, 40, 600, 360)
    layout = draw_line_chart(screen, rect, series, STANDARD, font, "Sparse", bands=BANDS)
    assert layout is not None and rect.contains(layout.plot)
    assert outside_unchanged(screen, rect)


@pytest.mark.parametrize(
    "rect",
    [pygame.Rect(10, 10, 1100, 600), pygame.Rect(10, 10, 460, 330)],
    ids=["legend beside", "legend below"],
)
def test_the_legend_sits_inside_the_chart_and_clear_of_the_plot(rect, font):
    screen = blank_screen()
    layout = draw_line_chart(screen, rect, SERIES, STANDARD, font, "Pillars", bands=BANDS)
    assert layout.legend is not None
    assert rect.contains(layout.legend) and rect.contains(layout.plot)
    assert not layout.legend.colliderect(layout.plot)
    assert outside_unchanged(screen, rect)


def test_series_differ_by_marker_and_dash_not_only_colour():
    styles = [series_style(i, STANDARD) for i in range(len(MARKERS))]
    assert len({marker for _, marker, _ in styles}) == len(MARKERS)
    assert len({(marker, dash) for _, marker, dash in styles}) == len(styles)
    assert len({dash for _, _, dash in styles}) >= 4


def test_the_class_meters_chart_gives_every_series_a_style_of_its_own():
    # meters.png drew ten lines in eight styles: "US thaw with Moscow" looked like "Partnership".
    from game.classroom.exports import CHART_METERS

    styles = [series_style(i, STANDARD) for i in range(len(CHART_METERS))]
    assert len({marker for _, marker, _ in styles}) == len(CHART_METERS)


@pytest.mark.parametrize("shape", ["hexagon", "star"])
def test_the_new_markers_draw_inside_their_size(shape, pg):
    from game.charts.lines import draw_marker

    screen = blank_screen()
    draw_marker(screen, (255, 0, 0), (50, 50), shape, 4)
    drawn = pygame.mask.from_threshold(screen, (255, 0, 0), (1, 1, 1, 255))
    assert drawn.count() > 10
    box = drawn.get_bounding_rects()[0]
    assert pygame.Rect(43, 43, 15, 15).contains(box)


def test_a_chart_draws_each_series_in_its_colour(font):
    screen = blank_screen()
    draw_line_chart(screen, pygame.Rect(0, 0, 800, 500), SERIES, COLOUR_BLIND, font, "Pillars")
    for i in range(len(SERIES)):
        colour = series_style(i, COLOUR_BLIND)[0]
        assert pygame.mask.from_threshold(screen, colour, (1, 1, 1, 255)).count() > 100


@pytest.mark.parametrize("values", [[], [5.0], [3.0, 3.0, 3.0], [1.0, 4.0, 2.0, 8.0]])
def test_sparkline_stays_in_its_rect(values, pg):
    screen = blank_screen()
    rect = pygame.Rect(30, 30, 60, 18)
    sparkline(screen, rect, values, STANDARD.accent)
    assert outside_unchanged(screen, rect)
    drawn = pygame.mask.from_threshold(screen, STANDARD.accent, (1, 1, 1, 255)).count()
    assert (drawn > 0) == bool(values)


def test_charts_module_draws_dashes_that_leave_gaps(pg):
    surface = pygame.Surface((200, 10))
    surface.fill((0, 0, 0))
    charts.draw_dashed_polyline(surface, (255, 255, 255), [(0, 5), (199, 5)], 1, (10, 10))
    lit = sum(1 for x in range(200) if surface.get_at((x, 5))[0] == 255)
    assert 80 <= lit <= 120


def test_a_map_rect_too_small_to_use_draws_nothing_and_finds_no_state(view, font):
    screen = blank_screen()
    view.draw(screen, pygame.Rect(10, 10, 30, 20), SAMPLE, STANDARD, font)
    assert outside_unchanged(screen, pygame.Rect(0, 0, 0, 0))
    assert view.state_at((20, 20)) is None and view.state_anchor("kazakhstan") is None


@pytest.mark.slow
def test_a_map_drawn_once_is_kept_for_any_view_and_redrawn_for_another_font(font, monkeypatch, pg):
    mapview.forget_drawn_maps()
    rendered = []
    original = MapView._render
    monkeypatch.setattr(MapView, "_render", lambda self, *a: rendered.append(a[0]) or original(self, *a))
    rect = pygame.Rect(10, 20, 620, 420)
    first, again = blank_screen(), blank_screen()
    drawer = MapView()
    drawer.draw(first, rect, SAMPLE, STANDARD, font)
    drawer.draw(blank_screen(), rect, SAMPLE, STANDARD, font, highlight="tajikistan")  # hovered
    other = MapView()  # (a new window's, or a new look's)
    other.draw(again, rect, SAMPLE, STANDARD, pygame.font.Font(None, 18))
    assert len(rendered) == 2, "the same map, in a font alike, is the one kept"
    assert pygame.image.tobytes(again, "RGB") == pygame.image.tobytes(first, "RGB")
    assert other.label_rects == drawer.label_rects and other.label_rects
    other.draw(blank_screen(), rect, SAMPLE, STANDARD, pygame.font.Font(None, 24))
    assert len(rendered) == 3, "another size of type lays the labels out again"


def test_a_keyboard_focus_tooltip_sits_beside_its_card_not_over_the_cards_below(app, testing_event):
    # Below the focused card, the tooltip hid the next cards (among them the card a player had
    # promised at the summit, which they then could not find).
    import pygame

    from game.session.game import HUMAN, Game
    from game.ui import app as app_module

    drawn = []
    real = app_module.draw_tooltip

    def spy(*args, **kwargs):
        drawn.append(real(*args, **kwargs))
        return drawn[-1]

    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    game.pass_summit()
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    cards = [c for c in app.controls() if c.kind == "card"]
    app.focus_index = app.controls().index(cards[0])
    app.keyboard = True
    app.hover = None
    app_module.draw_tooltip = spy
    try:
        app.render_frame()
    finally:
        app_module.draw_tooltip = real
    (tip,) = drawn
    assert not any(tip.colliderect(c.rect) for c in cards), "the tooltip covers a card"
    assert tip.right <= cards[0].rect.left and pygame.Rect((0, 0), app.size).contains(tip)


def test_only_moving_the_focus_shows_the_focused_controls_tooltip(app, testing_event):
    # A player who pressed Enter on the last turn's Continue, or a hotkey, met every summit with
    # the first term's tooltip over the rules of the table: only Tab and the arrows make a keyboard
    # player, whose focused control tells its tooltip.
    from ui_driver import key

    from game.session.game import HUMAN, Game

    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    game.pass_summit()
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    for hotkey in (pygame.K_u, pygame.K_RETURN):
        key(app, hotkey)
        assert not app.keyboard
    key(app, pygame.K_TAB)
    assert app.keyboard
