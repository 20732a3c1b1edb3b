"""The Central Asia map: who leads in each of the five states, and how China-Europe trade splits
between the Northern and Middle Corridors.

MapView reads assets/map once (`game.ui.map_data`), projects it per rect size (cached; the
arithmetic, and where labels go, is `game.ui.map_geometry`) and draws what it is given; it never
changes game state. Given a year, it draws the map of that year (`game.ui.map_period`): Soviet
republics before 1992, the names places had then, only the crossings and routes that existed. Each state is filled with its leading power's colour *and* hatched with
that power's pattern, and its shares are printed beside it, so colour never carries meaning alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pygame

from game.i18n import N_, _, current_language, format_number
from game.paths import assets_dir
from game.speech.sides import POWER_NAMES, power_letter, power_name
from game.ui.charts import draw_dashed_polyline
from game.ui.fonts import font_path, font_signature, shared_font
from game.ui.map_data import load_map
from game.ui.map_geometry import (
    FOCUS,
    Box,
    Placer,
    Projection,
    area,
    around,
    bbox,
    centroid,
    clip_exit,
    dist,
    in_view,
    offset,
)
from game.ui.map_period import country_name, exists, place_name, place_role, routes_in, state_name
from game.ui.palette import PATTERNS, Palette, blend

# The trade routes' names (assets/map/corridors.toml) as the map's labels say them: whole, then
# short where the map is crowded.
ROUTE_NAMES = {
    "Northern Corridor": (N_("Northern Corridor"), N_("Northern")),
    "Middle Corridor": (N_("Middle Corridor"), N_("Middle")),
}

MAP_CREDITS = "Map data: Natural Earth (public domain), via world-atlas 2.0.2 (c) Mike Bostock, ISC licence."

STATE_ISO = {
    "kazakhstan": "KAZ",
    "uzbekistan": "UZB",
    "kyrgyzstan": "KGZ",
    "tajikistan": "TJK",
    "turkmenistan": "TKM",
}
POWER_NAME = {"moscow": "Moscow", "beijing": "Beijing", "west": "West"}
# The engine's five states and three powers, in its order (a test holds them to game.core.meters).
# Named here rather than imported: importing the engine would cost the title screen, which draws
# the map behind its menu, a sixth of its start.
STATES = tuple(STATE_ISO)
POWERS = tuple(POWER_NAME)

# Where each state's label would like to sit (lon, lat); labels move off it to avoid each other.
LABEL_SPOTS = {
    "kazakhstan": (66.5, 48.6),
    "uzbekistan": (61.0, 42.9),
    "turkmenistan": (58.0, 38.9),
    "kyrgyzstan": (79.5, 40.6),
    "tajikistan": (71.0, 37.2),
}
# Names of neighbours, drawn only where nothing more important is in the way.
# (Their English names are keys; the map shows them translated, spaced out in capitals.)
COUNTRY_SPOTS = {
    N_("RUSSIA"): (57.0, 54.3),
    N_("CHINA"): (86.0, 37.5),
    N_("IRAN"): (53.5, 34.6),
    N_("AFGHANISTAN"): (65.5, 34.4),
    N_("MONGOLIA"): (95.0, 47.5),
}
SEA_SPOTS = {N_("Caspian Sea"): (50.8, 41.7)}

_PATTERN_SPACING = {"diagonal": 8, "dots": 7, "horizontal": 6}
_MAX_LAYOUTS = 4
# Maps drawn, kept for the run whichever MapView drew them (a new window's, a new look's), with
# where their labels went: hovering from state to state and back, or coming back to a screen
# with the same figures, is a blit rather than a new drawing (~50 ms each). The last used are
# kept, up to _KEEP_BYTES of them (a board's map is 1-2 MB, the title's of a 1920x1080 window 8 MB).
_KEEP_BYTES = 24_000_000
_frames: dict[tuple[object, ...], tuple[pygame.Surface, list]] = {}


# Maps projected into a size, kept for the run whichever MapView asked (by its source and the
# size): a new window, or a screen with a map view of its own, finds the outlines projected and the
# places each state's label may go already worked out, rather than working them out again.
_kept_layouts: dict[tuple[object, ...], _Layout] = {}


def forget_drawn_maps() -> None:
    """Drop the maps kept, drawn and projected (for a test that watches a map being drawn)."""
    _frames.clear()
    _kept_layouts.clear()


def _bytes(frame: pygame.Surface) -> int:
    return frame.get_width() * frame.get_height() * frame.get_bytesize()


@dataclass(frozen=True)
class StateStyle:
    """How one state is drawn: who leads and how clearly (0 = tied, 1 = a lead of 40 points or
    more), and each power's share (0..100). In a tie, power is None and `tied` names the powers
    level at the top; the state is then hatched with all their patterns."""

    power: str | None
    strength: float
    shares: dict[str, float]
    tied: tuple[str, ...] = ()

    @property
    def patterns(self) -> tuple[str, ...]:
        """The powers whose hatch covers the state."""
        return (self.power,) if self.power else self.tied


def state_style(meters: dict[str, float], state: str) -> StateStyle:
    raw = {p: max(0.0, float(meters.get(f"{state}.{p}", 0.0))) for p in POWERS}
    total = sum(raw.values())
    if total <= 0:
        return StateStyle(None, 0.0, {p: 0.0 for p in POWERS})
    shares = {p: 100.0 * v / total for p, v in raw.items()}
    ranked = sorted(POWERS, key=lambda p: -shares[p])
    lead = shares[ranked[0]] - shares[ranked[1]]
    if lead < 0.5:  # level at the top (as the labels round): nobody leads
        tied = tuple(p for p in ranked if shares[ranked[0]] - shares[p] < 0.5)
        return StateStyle(None, 0.0, shares, tied)
    return StateStyle(ranked[0], min(1.0, lead / 40.0), shares)


def fill_colour(style: StateStyle, palette: Palette) -> tuple[int, int, int]:
    """The state's fill: land colour, pulled toward the leader's colour by the strength of the lead
    (a contested state: a faint mix of the contenders)."""
    if style.power is None:
        if not style.tied:
            return palette.land
        mix = palette.power(style.tied[0])
        for k, p in enumerate(style.tied[1:], start=2):
            mix = blend(mix, palette.power(p), 1 / k)
        return blend(palette.land, mix, 0.18)
    return blend(palette.land, palette.power(style.power), 0.22 + 0.43 * style.strength)


def hatch_colour(power: str, palette: Palette) -> tuple[int, int, int]:
    """The colour of a power's hatch lines or dots on the map."""
    return palette.power(power)


def draw_pattern(surface: pygame.Surface, pattern: str, colour, origin: tuple[int, int] = (0, 0)) -> None:
    """Cover surface with a hatch pattern, aligned to origin (so neighbouring pieces line up)."""
    w, h = surface.get_size()
    ox, oy = origin
    step = _PATTERN_SPACING[pattern]
    if pattern == "diagonal":
        start = -((ox + oy) % step) - h
        for k in range(start, w + step, step):
            pygame.draw.line(surface, colour, (k, h), (k + h, 0), 2)
    elif pattern == "horizontal":
        for y in range(-(oy % step), h, step):
            pygame.draw.line(surface, colour, (0, y), (w, y), 2)
    elif pattern == "dots":
        row0 = -(oy % step)
        for _r, y in enumerate(range(row0, h + step, step)):
            shift = (step // 2) * (((oy + y) // step) % 2)
            for x in range(-((ox + shift) % step), w + step, step):
                pygame.draw.circle(surface, colour, (x + 1, y + 1), 2)
    else:
        raise ValueError(f"unknown pattern {pattern!r}")


@dataclass
class _StateShape:
    polygons: list[list[tuple[int, int]]]
    bbox: pygame.Rect
    mask: pygame.mask.Mask
    stencil: pygame.Surface  # white where the state is, transparent elsewhere (bbox-sized)
    anchor: tuple[int, int]  # an interior point near the centroid
    pixels: int  # how many pixels of the map the state covers


class _Layout:
    """The map projected into one rect size: everything in rect-local pixels."""

    def __init__(self, view: MapView, size: tuple[int, int]):
        self.size = w, h = size
        self.projection = Projection(view.focus, size)
        self.project = self.projection.project
        bounds = Box(0, 0, w, h)

        self.countries: list[tuple[str, list[list[tuple[int, int]]]]] = []
        self.water: list[list[tuple[int, int]]] = []
        for feature in view.features:
            polys = in_view((self.projection.ring(poly[0]) for poly in feature["coordinates"]), bounds)
            if not polys:
                continue
            if feature["kind"] == "water":
                self.water.extend(polys)
            else:
                self.countries.append((feature["iso_a3"], polys))

        self.states: dict[str, _StateShape] = {}
        for state, iso in STATE_ISO.items():
            polys = next(p for code, p in self.countries if code == iso)
            box = pygame.Rect(bbox(pt for poly in polys for pt in poly)).clip(bounds)
            stencil = pygame.Surface(box.size, pygame.SRCALPHA)
            for poly in polys:
                pygame.draw.polygon(stencil, (255, 255, 255, 255), [(x - box.x, y - box.y) for x, y in poly])
            mask = pygame.mask.from_surface(stencil)
            biggest = max(polys, key=lambda p: abs(area(p)))
            self.states[state] = _StateShape(
                polys, box, mask, stencil, _interior_point(centroid(biggest), box, mask), mask.count()
            )
        # Where a state's label of a given size may go, worked out once per size (see label_spots).
        self.spots: dict[tuple[str, tuple[int, int], Box], list[tuple[int, int]]] = {}

        self.places = {name: self.project(p["lon"], p["lat"]) for name, p in view.places.items()}
        self.base: dict[Palette, pygame.Surface] = {}
        self.hatches: dict[tuple[str, str, tuple[int, int, int]], pygame.Surface] = {}

    def touches_state(self, rect: pygame.Rect) -> bool:
        """Whether rect (local pixels) covers any part of the five states."""
        box = pygame.mask.Mask(rect.size, fill=True)
        for shape in self.states.values():
            offset = (rect.x - shape.bbox.x, rect.y - shape.bbox.y)
            if shape.bbox.colliderect(rect) and shape.mask.overlap(box, offset):
                return True
        return False

    def coverage(self, rect: Box | pygame.Rect) -> dict[str, int]:
        """How many pixels of each of the five states rect (local pixels) covers."""
        x, y, w, h = rect
        box = pygame.mask.Mask((w, h), fill=True)
        out = {}
        for state, shape in self.states.items():
            hit = shape.bbox.colliderect((x, y, w, h))
            out[state] = shape.mask.overlap_area(box, (x - shape.bbox.x, y - shape.bbox.y)) if hit else 0
        return out

    def sits_on(self, state: str, rect: Box | pygame.Rect) -> bool:
        """Whether a label in rect reads as its state's: it covers a fair part of the state (or
        the state a fair part of it) and no other of the five states more than its own."""
        cover = self.coverage(rect)
        own = cover[state]
        fair = 0.2 * min(rect[2] * rect[3], self.states[state].pixels)
        return own >= max(1.0, fair) and all(own >= n for s, n in cover.items() if s != state)

    def label_spots(self, state: str, size: tuple[int, int], spot, inner: Box) -> list[tuple[int, int]]:
        """Top-left corners, inside `inner`, where a label of `size` sits on its state: first
        around its preferred spot, then anywhere over the state, nearest the spot first."""
        key = (state, size, inner)
        if key not in self.spots:
            w, h = size
            shape = self.states[state].bbox
            step = max(4, min(w, h) // 4)
            grid = [
                (x, y)
                for y in range(shape.y - h + step, shape.bottom, step)
                for x in range(shape.x - w + step, shape.right, step)
            ]
            grid.sort(key=lambda p: dist((p[0] + w / 2, p[1] + h / 2), spot))
            seen, out = set(), []
            for pos in [*around(spot, size), *grid]:
                r = Box(round(pos[0]), round(pos[1]), w, h).clamp(inner)
                if r.topleft not in seen:
                    seen.add(r.topleft)
                    if self.sits_on(state, r):
                        out.append(r.topleft)
            self.spots[key] = out
        return self.spots[key]

    def base_layer(self, palette: Palette) -> pygame.Surface:
        """Graticule, neighbours, the Caspian and borders: what no meter changes."""
        if palette not in self.base:
            w, h = self.size
            surf = pygame.Surface(self.size)
            surf.fill(palette.background)
            grid = blend(palette.background, palette.text_muted, 0.12)
            for lon in range(-180, 181, 5):
                x = round(self.project(lon, 0)[0])
                if 0 <= x < w:
                    pygame.draw.line(surf, grid, (x, 0), (x, h), 1)
            for lat in range(0, 90, 5):
                y = round(self.project(0, lat)[1])
                if 0 <= y < h:
                    pygame.draw.line(surf, grid, (0, y), (w, y), 1)
            state_isos = set(STATE_ISO.values())
            for iso, polys in self.countries:
                if iso not in state_isos:
                    for poly in polys:
                        pygame.draw.polygon(surf, palette.land, poly)
            for poly in self.water:
                pygame.draw.polygon(surf, palette.water, poly)
                pygame.draw.lines(surf, blend(palette.water, palette.text, 0.25), True, poly, 1)
            for iso, polys in self.countries:
                if iso not in state_isos:
                    for poly in polys:
                        pygame.draw.aalines(surf, palette.land_border, True, poly)
            self.base[palette] = surf
        return self.base[palette]

    def hatch(self, state: str, pattern: str, colour) -> pygame.Surface:
        """The state's shape covered with the pattern, transparent elsewhere."""
        key = (state, pattern, tuple(colour))
        if key not in self.hatches:
            shape = self.states[state]
            surf = pygame.Surface(shape.bbox.size, pygame.SRCALPHA)
            draw_pattern(surf, pattern, colour, shape.bbox.topleft)
            surf.blit(shape.stencil, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
            self.hatches[key] = surf
        return self.hatches[key]


class MapView:
    """The strategic map. Build once; call draw every frame (a repeat of the last frame is a blit)."""

    def __init__(self, map_dir: Path | None = None, focus: tuple[float, float, float, float] = FOCUS):
        map_dir = Path(map_dir) if map_dir is not None else assets_dir() / "map"
        self.focus = focus
        data = load_map(map_dir)
        # Which map this is, for the maps kept between views: its folder and files as they are now.
        self.source: tuple[object, ...] = (
            str(map_dir.resolve()),
            focus,
            tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in map_dir.iterdir())),
        )
        self.features = data.features
        self.places = data.places
        self.corridors = data.corridors
        self._layouts: dict[tuple[int, int], _Layout] = {}
        # What the frame was drawn for (size, palette, meters, highlight, font): drawn again on a change.
        self._frame_key: tuple[object, ...] | None = None
        self._frame: pygame.Surface | None = None
        self._rect: pygame.Rect | None = None
        self._labels: list[pygame.Rect] = []
        self._label_info: list[tuple[str, Box]] = []

    # ---- geometry -------------------------------------------------------------------------------
    def _layout(self, size: tuple[int, int]) -> _Layout:
        layout = self._layouts.get(size)  # asked on every projection: the view's own first
        if layout is None:
            key = (self.source, size)
            layout = _kept_layouts.get(key)
            if layout is None:
                if len(_kept_layouts) >= _MAX_LAYOUTS:
                    _kept_layouts.pop(next(iter(_kept_layouts)))
                layout = _kept_layouts[key] = _Layout(self, size)
            if len(self._layouts) >= _MAX_LAYOUTS:
                self._layouts.pop(next(iter(self._layouts)))
            self._layouts[size] = layout
        return layout

    def project(self, rect: pygame.Rect, lon: float, lat: float) -> tuple[int, int]:
        """Screen position of a lon/lat point on a map drawn in rect."""
        rect = pygame.Rect(rect)
        x, y = self._layout(rect.size).project(lon, lat)
        return rect.x + round(x), rect.y + round(y)

    def centroid_lonlat(self, state: str) -> tuple[float, float]:
        """The centroid of a state's largest polygon, in degrees (lon, lat)."""
        feature = next(f for f in self.features if f["iso_a3"] == STATE_ISO[state])
        ring = max((poly[0] for poly in feature["coordinates"]), key=lambda r: abs(area(r)))
        return centroid(ring)

    def state_anchor(self, state: str) -> tuple[int, int] | None:
        """A screen point inside the state on the last map drawn (None before the first draw)."""
        if self._rect is None:
            return None
        ax, ay = self._layout(self._rect.size).states[state].anchor
        return self._rect.x + ax, self._rect.y + ay

    def state_at(self, pos: tuple[int, int]) -> str | None:
        """Which of the five states is under a screen point on the last map drawn."""
        if self._rect is None or not self._rect.collidepoint(pos):
            return None
        lx, ly = pos[0] - self._rect.x, pos[1] - self._rect.y
        # Last drawn first: where borders share a pixel, the state on top wins, as on screen.
        for state, shape in reversed(self._layout(self._rect.size).states.items()):
            if shape.bbox.collidepoint(lx, ly) and shape.mask.get_at((lx - shape.bbox.x, ly - shape.bbox.y)):
                return state
        return None

    @property
    def label_rects(self) -> list[tuple[str, pygame.Rect]]:
        """What the last draw labelled and where (screen rects), for tests and tooltips."""
        if self._rect is None:
            return []
        return [(what, pygame.Rect(r).move(self._rect.topleft)) for what, r in self._label_info]

    # ---- drawing --------------------------------------------------------------------------------
    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        meters: dict[str, float],
        palette: Palette,
        font_small: pygame.font.Font,
        highlight: str | None = None,
        year: int | None = None,
        named_at: float | None = None,
    ) -> None:
        """Draw the map into rect (and nowhere else). highlight names a state to outline (hover);
        year asks for the map of that year (None: today's); named_at, the point in it whose names
        the places take (Level.map_date_at: Nur-Sultan in the summer of 2022, Astana in its autumn)."""
        rect = pygame.Rect(rect)
        if rect.width < 64 or rect.height < 48:  # too small to show anything useful
            self._rect = None
            return
        self._rect = rect
        wanted = [f"{s}.{p}" for s in STATES for p in POWERS] + ["middle_corridor"]
        key = (
            rect.size,
            palette,
            tuple(round(float(meters.get(m, 0.0)), 2) for m in wanted),
            highlight,
            font_signature(font_small),
            year,
            named_at,
            current_language(),  # (the states' names)
            self.source,
        )
        if key != self._frame_key or self._frame is None:
            kept = _frames.pop(key, None)
            if kept is None:
                frame = self._render(rect.size, meters, palette, font_small, highlight, year, named_at)
                kept = (frame, self._label_info)  # (where _render put the labels)
            _frames[key] = kept  # last in the order: the least lately used goes first
            while len(_frames) > 1 and sum(_bytes(f) for f, _labels in _frames.values()) > _KEEP_BYTES:
                _frames.pop(next(iter(_frames)))
            self._frame, self._label_info = kept
            self._frame_key = key
        surface.blit(self._frame, rect.topleft)

    def _font(self, size: int, bold: bool = False) -> pygame.font.Font:
        # pygame's own font draws Latin and Cyrillic; Chinese names need the game's font, which
        # has its characters (the map keeps pygame's own font otherwise, as its labels were laid
        # out with it).
        chinese = current_language().startswith("zh")
        return shared_font(font_path(bold) if chinese else None, size, bold and not chinese)

    def _render(
        self, size, meters, palette, font_small, highlight, year=None, named_at=None
    ) -> pygame.Surface:
        layout = self._layout(size)
        cities_at = year if named_at is None else named_at  # (the cities' names and roles then)
        places = {name: p for name, p in self.places.items() if exists(p, year)}
        routes = routes_in(self.corridors, self.places, year)

        def role(name: str) -> str:
            return place_role(places[name], year)

        w, h = size
        frame = layout.base_layer(palette).copy()
        styles = {s: state_style(meters, s) for s in STATES}

        # The five states: fill, hatch, outline.
        for state, shape in layout.states.items():
            style = styles[state]
            for poly in shape.polygons:
                pygame.draw.polygon(frame, fill_colour(style, palette), poly)
            for power in style.patterns:
                frame.blit(
                    layout.hatch(state, PATTERNS[power], hatch_colour(power, palette)), shape.bbox.topleft
                )
        for shape in layout.states.values():
            for poly in shape.polygons:
                pygame.draw.polygon(frame, blend(palette.land_border, palette.text, 0.35), poly, 2)
        if highlight in layout.states:
            for poly in layout.states[highlight].polygons:
                pygame.draw.polygon(frame, palette.background, poly, 5)
                pygame.draw.polygon(frame, palette.focus, poly, 3)

        # Text sizes follow the caller's small font; names a fifth wider, bold. Sized by a word's
        # width, since fonts differ in how much line height they add around their letters.
        small = font_small
        name_size = max(12, round(1.2 * small.size("Kazakhstan")[0] / 4.2))
        if current_language().startswith("zh"):
            # A Chinese name is set in the game's font, whose characters fill their size and whose
            # lines are taller: at the Latin size, a state's label grew over its neighbour's.
            name_size = max(11, round(0.8 * name_size))
        name_font = self._font(name_size, bold=True)
        pad = max(4, small.get_height() // 3)
        inner = Box(0, 0, w, h).inflate(-2 * pad, -2 * pad)
        placer = Placer(inner, gap=3)

        # The legend (top-right) is fixed furniture; the credit goes in a corner once the labels
        # that must show have theirs (at the bottom right where there is room).
        legend = self._legend_surface(palette, small)
        legend_rect = legend.get_rect(topright=(inner.right, inner.y))
        placer.take(Box(*legend_rect), "legend")
        credit_text = (
            _("Map: Natural Earth") if year is None else _("Map of {year}: Natural Earth").format(year=year)
        )
        credit = _halo_text(small, credit_text, palette.text_muted, palette.background)

        # City dots: the capitals of the five states, and the corridors' stops.
        stops = {name for c in routes for name in c["stops"]}
        dots = {}
        for name, place in places.items():
            if name not in stops and place["iso_a3"] not in STATE_ISO.values():
                continue
            x, y = layout.places[name]
            if inner.collidepoint(x, y):
                dots[name] = (round(x), round(y))
        for x, y in dots.values():
            placer.block_dot(Box(x - 4, y - 4, 9, 9))

        # Corridors, wider the more of the trade they carry.
        corridor_labels, onward_labels = self._draw_corridors(
            frame, layout, meters, palette, small, inner, placer, routes
        )

        for name, (x, y) in dots.items():
            if role(name) == "capital":
                pygame.draw.circle(frame, palette.background, (x, y), 5)
                pygame.draw.circle(frame, palette.text, (x, y), 4, 2)
                pygame.draw.circle(frame, palette.text, (x, y), 1)
            else:
                pygame.draw.circle(frame, palette.background, (x, y), 4)
                pygame.draw.circle(frame, palette.text, (x, y), 2)

        # Labels that must appear first (states, corridors), then the optional names where they fit.
        forms = {
            state: [
                self._state_label(
                    styles[state],
                    state,
                    palette,
                    small,
                    name_font,
                    highlighted=(state == highlight),
                    name=state_name(state, year),
                    compact=compact,
                )
                for compact in (False, True)
            ]
            for state in STATES
        }
        # The states' labels, then the routes'; where a route's finds no room of its own, the
        # states' labels all take their compact form to leave it more, and failing that too it
        # goes over another label rather than not at all.
        start = placer.mark()
        for compact_only in (False, True):
            states = self._place_state_labels(layout, placer, forms, compact_only)
            routes_placed = [
                (self._place_corridor_label(placer, img_forms, candidates, what), img_forms, candidates, what)
                for img_forms, candidates, what in corridor_labels
            ]
            if compact_only or all(r is not None for (_img, r), *_rest in routes_placed):
                break
            placer.back_to(start)
        for block, r, anchor in states:
            frame.blit(block, r.topleft)
            if not r.inflate(-4, -4).collidepoint(*anchor):
                end = r.nearest(anchor)
                pygame.draw.line(frame, palette.background, end, anchor, 3)
                pygame.draw.line(frame, palette.text, end, anchor, 1)
                pygame.draw.circle(frame, palette.text, anchor, 2)
        # The corridors' labels must show; the five capitals' names, first of the names that may
        # be left out, take what room is left near their dots.
        capitals = [n for n in dots if role(n) == "capital" and places[n]["iso_a3"] in STATE_ISO.values()]
        for (img, found), img_forms, candidates, what in routes_placed:
            if found is None:
                img = img_forms[0]
                found = placer.place_required(img.get_size(), candidates(img.get_size()), what)
            frame.blit(img, found.topleft)
        for name in capitals:
            self._place_city(frame, placer, name, dots[name], palette, small, cities_at)
        for img, candidates, what in onward_labels:
            onward = placer.place(img.get_size(), candidates, what, required=False, may_cover=True)
            if onward is not None:
                frame.blit(img, onward.topleft)
        # Anywhere along the edges, bottom right first; on a map too crowded for it, left out (the
        # Credits screen names the map's source, and the top bar the year).
        credit_rect = placer.place_clear(credit.get_size(), placer.edge_spots(credit.get_size()), "credit")
        for name in dots:
            if name not in capitals:
                self._place_city(frame, placer, name, dots[name], palette, small, cities_at)
        for name, spot in {**COUNTRY_SPOTS, **SEA_SPOTS}.items():
            colour = blend(palette.text_muted, palette.water if name in SEA_SPOTS else palette.land, 0.25)
            shown = _(country_name(name, year))
            img = _spaced(small, shown, colour) if name.isupper() else small.render(shown, True, colour)
            x, y = layout.project(*spot)
            spot_rect = img.get_rect(center=(round(x), round(y)))
            if layout.touches_state(spot_rect):
                continue
            if placer.place(spot_rect.size, [spot_rect.topleft], name, required=False, may_cover=False):
                frame.blit(img, spot_rect)

        frame.blit(legend, legend_rect)
        if credit_rect is not None:
            frame.blit(credit, credit_rect.topleft)
        self._label_info = placer.placed
        return frame

    @staticmethod
    def _place_state_labels(
        layout, placer, forms, compact_only: bool = False
    ) -> list[tuple[pygame.Surface, Box, tuple[int, int]]]:
        """Each state's label, where it goes and its state's anchor. Each label sits on its own
        state, clear of every other label: the smallest states first (they have the fewest spots),
        each in its full form where it finds room, else compact. When one finds no room, the
        smallest state's label tries its next free spots, then all of them the compact form, which
        leaves the most room; failing all that, a label goes over another rather than not at all
        (a state's label always shows)."""
        order = sorted(STATES, key=lambda s: layout.states[s].pixels)
        inner = placer.inner

        def spots(state: str, block: pygame.Surface) -> list[tuple[int, int]]:
            spot = layout.project(*LABEL_SPOTS[state])
            return layout.label_spots(state, block.get_size(), spot, inner)

        def attempt(tries: slice, skip: int, required: bool) -> list | None:
            placed = []
            for i, state in enumerate(order):
                r = None
                for block in forms[state][tries]:
                    free = spots(state, block)
                    if i == 0 and skip:  # the smallest state's next choices, a label's width apart
                        free = free[skip * 3 :]
                    r = placer.place_clear(block.get_size(), free, state)
                    if r is not None:
                        break
                if r is None:
                    if not required:
                        return None
                    block = forms[state][-1]
                    size = block.get_size()
                    candidates = spots(state, block) or around(layout.project(*LABEL_SPOTS[state]), size)
                    r = placer.place_required(size, candidates, state)
                anchor = layout.states[state].anchor
                placed.append((block, r, anchor))
                if not r.inflate(-4, -4).collidepoint(*anchor):  # a leader line to the state
                    placer.block_line(r.nearest(anchor), anchor, 4)
            return placed

        start = placer.mark()
        for tries in (slice(None), slice(-1, None))[1 if compact_only else 0 :]:
            for skip in range(12):  # both forms, then the compact one alone
                placed = attempt(tries, skip, required=False)
                if placed is not None:
                    return placed
                placer.back_to(start)
        return attempt(slice(-1, None), 0, required=True) or []

    @staticmethod
    def _place_corridor_label(placer, forms, candidates, what) -> tuple[pygame.Surface, Box | None]:
        """A route's label and where it goes: the full name where it has room to itself beside
        its line, else the short one; else the short one nearest its line anywhere, then at an
        edge, as a key to the line; None when it finds no room clear of the other labels."""
        for img in forms:
            r = placer.place_clear(img.get_size(), candidates(img.get_size()), what)
            if r is not None:
                return img, r
        img = forms[-1]
        size = img.get_size()
        beside = candidates(size)
        near = (beside[0][0] + size[0] / 2, beside[0][1] + size[1] / 2) if beside else (0.0, 0.0)
        return img, placer.place_clear(size, [*placer.anywhere(size, near), *placer.edge_spots(size)], what)

    def _place_city(self, frame, placer, name, dot, palette, small, year: float | None = None) -> None:
        """A city's name and role (as it was called, and what it was, at `year`) beside its dot,
        if a spot is free."""
        x, y = dot
        place = self.places[name]
        colour = palette.text if place_role(place, year) == "capital" else palette.text_muted
        img = _halo_text(small, _(place_name(place, year)), colour, palette.background)
        iw, ih = img.get_size()
        cands = [
            (x + 6, y - ih // 2),
            (x - 6 - iw, y - ih // 2),
            (x - iw // 2, y - ih - 4),
            (x - iw // 2, y + 5),
            (x + 5, y - ih),
            (x - 5 - iw, y),
            (x + 5, y),
            (x - 5 - iw, y - ih),
        ]
        r = placer.place((iw, ih), cands, name, required=False)
        if r is not None:
            frame.blit(img, r.topleft)

    def _draw_corridors(self, frame, layout, meters, palette, small, inner, placer, routes=None):
        """Draw the routes (both, unless the map's year had fewer). Returns the labels still to
        place, as (image, candidate spots, what): the routes' own (required) and their "to Europe"
        notes (optional)."""
        middle = min(100.0, max(0.0, float(meters.get("middle_corridor", 0.0))))
        shares = {"middle": middle, "northern": 100.0 - middle}
        grow = min(1.6, max(1.0, layout.size[1] / 420))
        routes = {c["id"]: c for c in (self.corridors if routes is None else routes)}
        # A share is a split between the two routes: with one route on the map it means nothing.
        both = {"northern", "middle"} <= set(routes)
        # Where both routes share a stretch, each keeps to its own side of it.
        legs: dict[str, list[tuple[str, str]]] = {
            cid: list(zip(c["stops"], c["stops"][1:], strict=False)) for cid, c in routes.items()
        }
        shared = set(legs.get("northern", ())) & set(legs.get("middle", ()))
        labels, onward = [], []
        for side, cid in ((-1, "northern"), (1, "middle")):
            if cid not in routes:
                continue
            route = routes[cid]
            share = shares.get(cid, 0.0)
            width = max(2, round((2 + 8 * share / 100) * grow))
            colour = palette.corridor(cid)
            sea = {tuple(leg) for leg in route.get("sea_legs", [])}
            segments = []
            exit_arrow = None
            for a, b in legs[cid]:
                p, q = layout.places[a], layout.places[b]
                if (a, b) in shared:
                    off = side * (width / 2 + 1.5)
                    p, q = offset(p, q, off)
                if not inner.collidepoint(*q):
                    clipped = clip_exit(p, q, inner)
                    if clipped is None:
                        continue
                    q = clipped
                    exit_arrow = (p, q, b)
                segments.append((p, q, (a, b) in sea))
            for p, q, _sea in segments:  # labels keep off the lines
                placer.block_line(p, q, width)
            for p, q, is_sea in segments:  # dark casing first, so lines stand out on any fill
                if not is_sea:
                    pygame.draw.line(frame, palette.background, p, q, width + 3)
            for p, q, is_sea in segments:
                if is_sea:
                    draw_dashed_polyline(frame, colour, [p, q], max(2, width - 1), (10, 7))
                else:
                    pygame.draw.line(frame, colour, p, q, width)
                    pygame.draw.circle(frame, colour, (round(q[0]), round(q[1])), max(1, width // 2))
            if exit_arrow is not None:
                p, q, dest = exit_arrow
                _arrow_head(frame, p, q, colour, palette.background, 7 + width)
                img = _halo_text(
                    small,
                    _("to {place}").format(
                        place=power_name(dest.lower()) if dest.lower() in POWER_NAMES else dest
                    ),
                    palette.text,
                    palette.background,
                )
                iw, ih = img.get_size()
                qx, qy = q
                cands = [
                    (qx + 8, qy + 6),
                    (qx + 8, qy - ih - 6),
                    (qx - iw // 2, qy + 10),
                    (qx - iw // 2, qy - ih - 10),
                    (qx - iw - 8, qy + 6),
                ]
                labels.append(([img], lambda _size, cands=cands: cands, f"exit:{cid}"))
            elif route.get("continues_to") and route["stops"][-1] in layout.places:
                # The route runs on beyond its last stop: a short arrow onward to the west.
                end = layout.places[route["stops"][-1]]
                tip = (end[0] - 16 - width, end[1] + 3)
                if inner.collidepoint(*tip):
                    pygame.draw.line(frame, colour, end, tip, max(2, width - 2))
                    _arrow_head(frame, end, tip, colour, palette.background, 6 + width)
                    placer.block_line(end, tip, 8 + width)
                    img = _halo_text(small, _("to Europe"), palette.text_muted, palette.background)
                    iw, ih = img.get_size()
                    onward.append(
                        (
                            img,
                            [
                                (tip[0] - iw // 2, tip[1] + 8),
                                (tip[0] - iw // 2, tip[1] - ih - 8),
                                (tip[0] - 4, tip[1] + 8),
                                (tip[0] - 4, tip[1] - ih - 8),
                                (tip[0] - iw - 8, tip[1] - ih // 2),
                            ],
                            f"onward:{cid}",
                        )
                    )

            # The label: a line sample in the route's colour, its name and its share; where the
            # map is crowded, the route's name without "Corridor".
            names = [_(ROUTE_NAMES[route["name"]][0]) if route["name"] in ROUTE_NAMES else route["name"]]
            short = route["name"].removesuffix(" Corridor")
            if route["name"] in ROUTE_NAMES:
                names.append(_(ROUTE_NAMES[route["name"]][1]))
            elif short != route["name"]:
                names.append(short)
            forms = [
                _pill(small, f"{n} {share:.0f}%" if both else n, colour, palette, sample_width=width)
                for n in names
            ]
            labels.append((forms, partial(_beside_route, segments, width / 2 + 4), f"corridor:{cid}"))
        return labels, onward

    def _state_label(
        self,
        style: StateStyle,
        state: str,
        palette: Palette,
        small,
        name_font,
        highlighted: bool,
        name: str | None = None,
        compact: bool = False,
    ) -> pygame.Surface:
        """Name, a stacked bar of the three shares (colour and pattern) and the shares as numbers;
        compact, without the bar (the numbers say it all), for a crowded map."""
        title = name_font.render(name or state.capitalize(), True, palette.text)
        parts = []
        for p in POWERS:
            lead = p == style.power or p in style.tied
            txt = f"{power_letter(p)} {format_number(style.shares[p])}"
            parts.append(small.render(txt, True, palette.text if lead else palette.text_muted))
        gap = small.size("  ")[0]
        numbers_w = sum(i.get_width() for i in parts) + gap * (len(parts) - 1)
        pad = 4
        bar_h = 0 if compact else max(6, small.get_height() * 2 // 3)
        inner_w = max(title.get_width(), numbers_w, 60)
        w = inner_w + 2 * pad
        h = pad + title.get_height() + 2 + (bar_h + 3 if bar_h else 0) + small.get_height() + pad
        block = pygame.Surface((w, h), pygame.SRCALPHA)
        block.fill((*palette.panel, 218))
        border = palette.focus if highlighted else palette.panel_border
        pygame.draw.rect(block, border, block.get_rect(), 2 if highlighted else 1)
        block.blit(title, (pad + (inner_w - title.get_width()) // 2, pad))
        # The bar: each share a segment in its power's colour and hatch.
        y = pad + title.get_height() + 2
        x = pad
        total = sum(style.shares.values()) or 1.0
        for k, p in enumerate(POWERS if bar_h else ()):
            seg_w = round(inner_w * style.shares[p] / total) if k < 2 else pad + inner_w - x
            if seg_w <= 0:
                continue
            seg = pygame.Surface((seg_w, bar_h))
            seg.fill(blend(palette.panel, palette.power(p), 0.45))
            draw_pattern(seg, PATTERNS[p], palette.power(p), (x, y))
            block.blit(seg, (x, y))
            x += seg_w
        if bar_h:
            pygame.draw.rect(block, palette.panel_border, (pad, y, inner_w, bar_h), 1)
        # The shares as numbers, the leader's (or the contenders') brighter.
        y += bar_h + 3 if bar_h else 0
        x = pad + (inner_w - numbers_w) // 2
        for img in parts:
            block.blit(img, (x, y))
            x += img.get_width() + gap
        return block

    def _legend_surface(self, palette: Palette, small) -> pygame.Surface:
        rows = [(p, f"{power_name(p)} ({power_letter(p)})") for p in POWERS]
        line = small.get_linesize()
        sw = max(14, line)
        title = small.render(_("Leading power"), True, palette.text_muted)
        width = max(title.get_width(), max(sw + 6 + small.size(t)[0] for _power, t in rows)) + 12
        height = 6 + title.get_height() + 4 + len(rows) * (sw + 3) + 4
        surf = pygame.Surface((width, height), pygame.SRCALPHA)
        surf.fill((*palette.panel, 225))
        pygame.draw.rect(surf, palette.panel_border, surf.get_rect(), 1)
        surf.blit(title, (6, 6))
        y = 6 + title.get_height() + 4
        for p, text in rows:
            swatch = pygame.Surface((sw, sw))
            swatch.fill(blend(palette.land, palette.power(p), 0.5))
            draw_pattern(swatch, PATTERNS[p], palette.power(p))
            pygame.draw.rect(swatch, palette.panel_border, swatch.get_rect(), 1)
            surf.blit(swatch, (6, y))
            img = small.render(text, True, palette.text)
            surf.blit(img, (6 + sw + 6, y + (sw - img.get_height()) // 2))
            y += sw + 3
        return surf


# ---- small drawing helpers ----------------------------------------------------------------------
def _halo_text(font, text, colour, halo) -> pygame.Surface:
    """Text with a one-pixel dark halo, readable on any fill."""
    img = font.render(text, True, colour)
    back = font.render(text, True, halo)
    out = pygame.Surface((img.get_width() + 2, img.get_height() + 2), pygame.SRCALPHA)
    for dx, dy in ((0, 1), (2, 1), (1, 0), (1, 2), (0, 0), (2, 2), (0, 2), (2, 0)):
        out.blit(back, (dx, dy))
    out.blit(img, (1, 1))
    return out


def _spaced(font, text, colour) -> pygame.Surface:
    """Letter-spaced capitals, for the names of neighbouring countries."""
    letters = [font.render(ch, True, colour) for ch in text]
    space = max(2, font.get_height() // 4)
    w = sum(i.get_width() for i in letters) + space * (len(letters) - 1)
    out = pygame.Surface((w, font.get_height()), pygame.SRCALPHA)
    x = 0
    for img in letters:
        out.blit(img, (x, 0))
        x += img.get_width() + space
    return out


def _pill(font, text, colour, palette: Palette, sample_width: int) -> pygame.Surface:
    """A label on a panel, led by a sample of the line it names."""
    img = font.render(text, True, palette.text)
    sample = 22
    h = max(img.get_height(), sample_width) + 6
    w = 6 + sample + 6 + img.get_width() + 6
    out = pygame.Surface((w, h), pygame.SRCALPHA)
    out.fill((*palette.panel, 225))
    pygame.draw.rect(out, palette.panel_border, out.get_rect(), 1)
    pygame.draw.line(out, colour, (6, h // 2), (6 + sample, h // 2), max(2, min(sample_width, h - 4)))
    out.blit(img, (6 + sample + 6, (h - img.get_height()) // 2))
    return out


def _beside_route(segments, gap: float, size: tuple[int, int]) -> list[tuple[float, float]]:
    """Top-left corners for a route's label of `size` beside its line, longest stretches first."""
    iw, ih = size
    cands = []
    for p, q, _sea in sorted(segments, key=lambda seg: -dist(seg[0], seg[1])):
        for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9):
            mx, my = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
            cands += [
                (mx - iw / 2, my + gap),
                (mx - iw / 2, my - gap - ih),
                (mx + gap, my - ih / 2),
                (mx - gap - iw, my - ih / 2),
            ]
    return cands


def _arrow_head(surface, p, q, colour, outline, size: float) -> None:
    """A filled arrowhead at q, pointing away from p."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    tip = (q[0] + ux * size * 0.4, q[1] + uy * size * 0.4)
    back = (q[0] - ux * size * 0.6, q[1] - uy * size * 0.6)
    left = (back[0] - uy * size * 0.55, back[1] + ux * size * 0.55)
    right = (back[0] + uy * size * 0.55, back[1] - ux * size * 0.55)
    pygame.draw.polygon(surface, colour, [tip, left, right])
    pygame.draw.polygon(surface, outline, [tip, left, right], 1)


def _interior_point(centre, bbox: pygame.Rect, mask: pygame.mask.Mask) -> tuple[int, int]:
    """The centre if it is inside the shape, else the nearest inside pixel (searching outward)."""
    cx, cy = round(centre[0]) - bbox.x, round(centre[1]) - bbox.y
    w, h = mask.get_size()
    for r in range(0, max(w, h)):
        for dx in range(-r, r + 1):
            for dy in (-r, r) if abs(dx) != r else range(-r, r + 1):
                x, y = cx + dx, cy + dy
                if 0 <= x < w and 0 <= y < h and mask.get_at((x, y)):
                    # Step a little further in, so the point is not on the border.
                    return bbox.x + x, bbox.y + y
    return bbox.center
