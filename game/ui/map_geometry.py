"""Where things go on the map, worked out on plain numbers: the projection from degrees to pixels,
where a route leaves the window, and where labels sit so they hide neither each other nor what
they name.

No pygame here, so all of it can be tested without a display. Boxes follow pygame's Rect to the
pixel (how it rounds, clamps and collides), because the map's drawing used Rects before these
moved here and must come out the same.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

Point = tuple[float, float]
Pixel = tuple[int, int]

# The window the map always shows (lon_min, lon_max, lat_min, lat_max): Central Asia, the Caspian
# and the Caucasus as far as Kars, where the Middle Corridor leaves the map. A wider rect shows
# more to east and west; it never shows less.
FOCUS = (42.0, 90.0, 33.6, 56.0)
# Degrees of longitude are this much shorter than degrees of latitude in the middle of the map.
COS_LAT = math.cos(math.radians(48.5))


class Box(NamedTuple):
    """An axis-aligned box in whole pixels: left, top, width, height. A tuple, so pygame takes it
    wherever it takes a Rect."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def topleft(self) -> Pixel:
        return self.x, self.y

    @property
    def size(self) -> Pixel:
        return self.w, self.h

    def contains(self, other: Box) -> bool:
        """Whether other lies wholly inside (as Rect.contains)."""
        return (
            self.x <= other.x
            and self.y <= other.y
            and self.right >= other.right
            and self.bottom >= other.bottom
            and self.right > other.x
            and self.bottom > other.y
        )

    def collidepoint(self, x: float, y: float) -> bool:
        """Whether a point falls inside. Like Rect, a fractional point counts by its whole part."""
        ix, iy = int(x), int(y)
        return self.x <= ix < self.right and self.y <= iy < self.bottom

    def colliderect(self, other: Box) -> bool:
        """Whether the two boxes share any pixel (an empty box shares none)."""
        if not (self.w and self.h and other.w and other.h):
            return False
        return (
            self.x < other.right and self.y < other.bottom and self.right > other.x and self.bottom > other.y
        )

    def overlap(self, other: Box) -> int:
        """The area the two boxes share."""
        # Written out (no min/max, no properties): label placement asks this of every box near
        # every spot it tries.
        x, y, w, h = self
        ox, oy, ow, oh = other
        right, other_right = x + w, ox + ow
        width = (right if right < other_right else other_right) - (x if x > ox else ox)
        if width <= 0:
            return 0
        bottom, other_bottom = y + h, oy + oh
        height = (bottom if bottom < other_bottom else other_bottom) - (y if y > oy else oy)
        return width * height if height > 0 else 0

    def inflate(self, dx: int, dy: int) -> Box:
        """Grown by dx and dy about the same centre (as Rect.inflate, halves rounded toward zero)."""
        return Box(self.x - int(dx / 2), self.y - int(dy / 2), self.w + dx, self.h + dy)

    def clamp(self, inside: Box) -> Box:
        """Moved the least way to lie inside `inside`; centred on it where it is too big to fit."""

        def axis(start: int, length: int, lo: int, room: int) -> int:
            if length >= room:
                return lo + room // 2 - length // 2
            return min(max(start, lo), lo + room - length)

        return Box(
            axis(self.x, self.w, inside.x, inside.w), axis(self.y, self.h, inside.y, inside.h), self.w, self.h
        )

    def nearest(self, pt: Point) -> Point:
        """The point of the box nearest pt (pt itself if inside)."""
        return min(max(pt[0], self.x), self.right - 1), min(max(pt[1], self.y), self.bottom - 1)


# ---- projection ---------------------------------------------------------------------------------
class Projection:
    """Degrees to pixels for a map of one size: the focus window fitted inside a margin, with
    longitude shortened by the cosine of the map's middle latitude."""

    def __init__(self, focus: tuple[float, float, float, float], size: tuple[int, int]):
        self.size = w, h = size
        lon0, lon1, lat0, lat1 = focus
        margin = max(6, min(w, h) // 40)
        self.scale = min((w - 2 * margin) / ((lon1 - lon0) * COS_LAT), (h - 2 * margin) / (lat1 - lat0))
        self.centre = ((lon0 + lon1) / 2, (lat0 + lat1) / 2)

    def project(self, lon: float, lat: float) -> Point:
        """Where lon/lat falls, in pixels from the map's top-left corner."""
        w, h = self.size
        cx, cy = self.centre
        return w / 2 + (lon - cx) * COS_LAT * self.scale, h / 2 - (lat - cy) * self.scale

    def ring(self, ring: Sequence[Sequence[float]]) -> list[Pixel]:
        """A closed outline (last point repeating the first) as whole pixels, dropping the repeat
        and any point that rounds onto the one before it."""
        out: list[Pixel] = []
        for lon, lat in ring[:-1]:
            x, y = self.project(lon, lat)
            pt = (round(x), round(y))
            if not out or out[-1] != pt:
                out.append(pt)
        return out


def in_view(polygons: Iterable[list[Pixel]], view: Box) -> list[list[Pixel]]:
    """The polygons worth drawing: those with at least three corners whose bounds reach into view."""
    return [p for p in polygons if len(p) >= 3 and bbox(p).colliderect(view)]


def clip_exit(p: Point, q: Point, box: Box) -> Point | None:
    """Where the segment p->q leaves box (p inside), or None if p is outside too."""
    if not box.collidepoint(*p):
        return None
    t_exit = 1.0
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    for delta, start, lo, hi in ((dx, x0, box.x, box.right - 1), (dy, y0, box.y, box.bottom - 1)):
        if delta > 0:
            t_exit = min(t_exit, (hi - start) / delta)
        elif delta < 0:
            t_exit = min(t_exit, (lo - start) / delta)
    return x0 + dx * t_exit, y0 + dy * t_exit


# ---- shapes -------------------------------------------------------------------------------------
def bbox(points: Iterable[Pixel]) -> Box:
    """The smallest box holding every point."""
    pts = list(points)
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return Box(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)


def area(ring: Sequence[Point]) -> float:
    """The signed area of a ring (shoelace)."""
    ring = list(ring)
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=False)) / 2


def centroid(ring: Sequence[Point]) -> Point:
    """The centre of mass of a ring (its first point if it has no area)."""
    ring = list(ring)
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=False):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if a == 0:
        return ring[0][0], ring[0][1]
    return cx / (3 * a), cy / (3 * a)


def offset(p: Point, q: Point, d: float) -> tuple[Point, Point]:
    """The segment p->q moved sideways by d (to its left in screen terms for d > 0)."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length * d, dx / length * d
    return (p[0] + nx, p[1] + ny), (q[0] + nx, q[1] + ny)


def dist(p: Point, q: Point) -> float:
    """The straight distance between two points."""
    return math.hypot(q[0] - p[0], q[1] - p[1])


# ---- label placement ----------------------------------------------------------------------------
def around(centre: Point, size: tuple[int, int], rings: int = 6) -> list[Point]:
    """Candidate top-left corners for a label: centred on centre, then circling outward."""
    cx, cy = centre
    w, h = size
    out = [(cx - w / 2, cy - h / 2)]
    for k in range(1, rings + 1):
        dx, dy = k * w * 0.3, k * h * 0.35
        for ax, ay in ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1)):
            out.append((cx - w / 2 + ax * dx, cy - h / 2 + ay * dy))
    return out


class _Filed:
    """Boxes filed by the cells of a coarse grid they touch, so that what a label would cover is
    summed over its neighbours only: a map holds some thousand squares along its lines, and each
    label tries dozens of spots."""

    CELL = 32

    def __init__(self) -> None:
        self.boxes: list[Box] = []
        self.cells: dict[tuple[int, int], list[int]] = {}

    def _cells(self, box: Box) -> Iterable[tuple[int, int]]:
        c = self.CELL
        x0, y0 = box.x // c, box.y // c
        x1, y1 = (box.x + max(box.w, 1) - 1) // c, (box.y + max(box.h, 1) - 1) // c
        return ((cx, cy) for cx in range(x0, x1 + 1) for cy in range(y0, y1 + 1))

    def append(self, box: Box) -> None:
        index = len(self.boxes)
        self.boxes.append(box)
        cells = self.cells
        for cell in self._cells(box):
            cells.setdefault(cell, []).append(index)

    def __len__(self) -> int:
        return len(self.boxes)

    def truncate(self, n: int) -> None:
        """Forget every box filed after the first n."""
        for index in range(n, len(self.boxes)):
            for cell in self._cells(self.boxes[index]):
                self.cells[cell].remove(index)
        del self.boxes[n:]

    def __iter__(self):
        return iter(self.boxes)

    def cover(self, box: Box) -> int:
        """Area of the filed boxes that `box` would hide (each counted once)."""
        if not (box.w and box.h):
            return 0
        near: set[int] = set()
        cells = self.cells
        for cell in self._cells(box):
            near.update(cells.get(cell, ()))
        boxes = self.boxes
        return sum(box.overlap(boxes[i]) for i in near)


class Placer:
    """Greedy label placement: each label takes the first free candidate spot inside the map."""

    def __init__(self, inner: Box, gap: int):
        self.inner = inner
        self.gap = gap
        self.taken = _Filed()
        # Things labels keep off: a required label may cover them if it must, an optional one
        # never covers a dot and covers lines only if allowed.
        self.dots = _Filed()
        self.lines = _Filed()
        self.placed: list[tuple[str, Box]] = []

    def mark(self) -> tuple[int, int, int]:
        """Where the placing stands, to go back to with `back_to` and try another way."""
        return len(self.taken), len(self.lines), len(self.placed)

    def back_to(self, mark: tuple[int, int, int]) -> None:
        """Forget every label placed (and line blocked) since `mark`."""
        taken, lines, placed = mark
        self.taken.truncate(taken)
        self.lines.truncate(lines)
        del self.placed[placed:]

    def edge_spots(self, size: tuple[int, int]) -> list[Point]:
        """Top-left corners along the map's edges (bottom, left, top, right), for a label that
        found no room where it belongs (a route's label, which names its line by a sample of it;
        the map's credit)."""
        w, h = size
        inner = self.inner
        step = max(4, h // 2)
        across = range(inner.right - w, inner.x - 1, -step)
        down = range(inner.bottom - h, inner.y - 1, -step)
        return [
            *((x, inner.bottom - h) for x in across),
            *((inner.x, y) for y in down),
            *((x, inner.y) for x in across),
            *((inner.right - w, y) for y in down),
        ]

    def anywhere(self, size: tuple[int, int], near: Point) -> list[Point]:
        """Top-left corners all over the map, nearest `near` first: the last resort of a label
        that must show and found no room where it belongs."""
        w, h = size
        inner = self.inner
        step = max(4, h // 2)
        spots = [
            (float(x), float(y))
            for y in range(inner.y, inner.bottom - h + 1, step)
            for x in range(inner.x, inner.right - w + 1, step)
        ]
        return sorted(spots, key=lambda p: dist((p[0] + w / 2, p[1] + h / 2), near))

    def take(self, box: Box, what: str) -> None:
        """Hold box for a label put there without asking (the legend, the credit)."""
        self.taken.append(box)
        self.placed.append((what, box))

    def block_dot(self, box: Box) -> None:
        """Keep labels off a city's dot."""
        self.dots.append(box)

    def block_line(self, p: Point, q: Point, width: float) -> None:
        """Keep labels off a line, as a chain of small squares along it."""
        steps = max(1, int(dist(p, q) // 6))
        half = width / 2 + 1
        for k in range(steps + 1):
            x, y = p[0] + (q[0] - p[0]) * k / steps, p[1] + (q[1] - p[1]) * k / steps
            self.lines.append(Box(round(x - half), round(y - half), round(2 * half), round(2 * half)))

    def _fit(self, size: tuple[int, int], pos: Point, clamp: bool) -> Box | None:
        r = Box(round(pos[0]), round(pos[1]), *size)
        if self.inner.contains(r):
            return r
        return r.clamp(self.inner) if clamp else None

    def _clash(self, r: Box) -> int:
        """Area shared with labels already placed (kept a gap apart)."""
        return self.taken.cover(r.inflate(2 * self.gap, 2 * self.gap))

    def place(
        self,
        size: tuple[int, int],
        candidates: Iterable[Point],
        what: str,
        required: bool,
        may_cover: bool = True,
    ) -> Box | None:
        """Take the first candidate that touches nothing, else the least bad one. An optional
        label is dropped rather than laid over another label (or over lines, unless may_cover)."""
        best, best_cost = None, None
        for pos in candidates:
            # A required label is pushed inside the map; an optional one must fit where it is.
            r = self._fit(size, pos, clamp=required)
            if r is None:
                continue
            clash = self._clash(r)
            dots, lines = self.dots.cover(r), self.lines.cover(r)
            if not required and (clash or dots or (lines and not may_cover)):
                continue
            cost = clash * 10 + dots * 3 + lines
            if cost == 0:
                best, best_cost = r, 0
                break
            if best_cost is None or cost < best_cost:
                best, best_cost = r, cost
        if best is None:
            return None
        self.take(best, what)
        return best

    def place_clear(self, size: tuple[int, int], candidates: Iterable[Point], what: str) -> Box | None:
        """Take the first candidate, pushed inside the map, that keeps a gap from every label
        (the least covering of dots and lines among them); None when each would touch a label, so
        that the caller can try a smaller form of the label before settling for a clash."""
        best, best_cost = None, None
        for pos in candidates:
            r = self._fit(size, pos, clamp=True)
            if r is None or self._clash(r):
                continue
            cost = self.dots.cover(r) * 3 + self.lines.cover(r)
            if cost == 0:
                best = r
                break
            if best_cost is None or cost < best_cost:
                best, best_cost = r, cost
        if best is not None:
            self.take(best, what)
        return best

    def place_required(self, size: tuple[int, int], candidates: Iterable[Point], what: str) -> Box:
        """A label that must show: pushed inside the map, over others if there is no free room."""
        r = self.place(size, candidates, what, required=True)
        if r is None:  # only when given no candidates at all: a required label is never dropped
            raise ValueError(f"no place offered for the label '{what}'")
        return r
