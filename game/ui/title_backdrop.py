"""The title screen's backdrop: the region the game is about, dimmed behind the menu.

Drawing the map is most of the title's first frame, and the picture depends only on the window
size, the palette, the UI scale and what it is drawn from. So it is drawn once and kept: in
memory for the rest of the run (each return to the title), and as a PNG in the data folder's
cache/ for the next start. The file is named by a digest of everything the picture depends on
(the map's data, the code that draws it, the pygame and SDL versions and the font that render
it), so a change to any of them draws it afresh; a cache that cannot be read or written is
drawn around.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pygame

from game.files import read_bounded
from game.i18n import current_language
from game.paths import assets_dir, ui_font_file, user_data_dir

# Influence shares for the backdrop: a region between the two powers, as in the 2020s.
SHARES = {
    "kazakhstan": (45, 35, 20),
    "uzbekistan": (36, 39, 25),
    "kyrgyzstan": (50, 40, 10),
    "tajikistan": (50, 40, 10),
    "turkmenistan": (26, 59, 15),
}
MIDDLE_CORRIDOR = 40.0
SHADE_ALPHA = 215  # how much of the background lies over the map
MAX_CACHED_BYTES = 64_000_000  # a picture of the largest window is a few MB

_UI = Path(__file__).resolve().parent
# What the picture is drawn by and from.
SOURCES = [
    _UI / "title_backdrop.py",
    _UI / "mapview.py",
    _UI / "map_data.py",
    _UI / "map_geometry.py",
    _UI / "map_period.py",
    _UI / "charts.py",
    _UI / "palette.py",
    _UI.parent / "speech" / "sides.py",
]
MAP_FILES = ("eurasia.geojson", "places.toml", "corridors.toml")
KEEP = 6  # pictures kept in memory, the last used (window sizes, palettes, scales)

_drawn: dict[tuple, pygame.Surface] = {}


def backdrop(app) -> pygame.Surface | None:
    """The backdrop for the app's window, palette and scale (None if the map cannot be drawn)."""
    # (The map names its states in the language in force: a picture for each language.)
    key = (app.size, app.palette.name, app.fonts.scale, current_language())
    art = _drawn.pop(key, None)
    if art is None:
        path = _cached_file(key)
        art = _load(path) if path is not None else None
        if art is None:
            art = _draw(app)
            if art is None:
                return None
            _save(art, path)
    _drawn[key] = art  # last in the order: the least lately used goes first
    while len(_drawn) > KEEP:
        _drawn.pop(next(iter(_drawn)))
    return art


def _draw(app) -> pygame.Surface | None:
    view = app.map_view
    if view is None:
        return None
    art = pygame.Surface(app.size).convert()
    art.fill(app.palette.background)
    meters: dict[str, float] = {
        f"{state}.{power}": share
        for state, shares in SHARES.items()
        for power, share in zip(("moscow", "beijing", "west"), shares, strict=True)
    }
    meters["middle_corridor"] = MIDDLE_CORRIDOR
    view.draw(art, art.get_rect(), meters, app.palette, app.fonts.tiny)
    shade = pygame.Surface(app.size, pygame.SRCALPHA)
    shade.fill((*app.palette.background[:3], SHADE_ALPHA))
    art.blit(shade, (0, 0))
    return art


def _cached_file(key: tuple) -> Path | None:
    """Where the picture for `key` is kept between runs, or None if what it depends on cannot be
    read (then it is drawn every run)."""
    renderer = (pygame.version.ver, pygame.get_sdl_version(), pygame.font.get_sdl_ttf_version())
    digest = hashlib.sha256(repr((key, renderer)).encode())
    try:
        font = ui_font_file()
        if font is not None:
            digest.update(repr((font.name, font.stat().st_size, font.stat().st_mtime_ns)).encode())
        for path in [*SOURCES, *(assets_dir() / "map" / name for name in MAP_FILES)]:
            digest.update(path.read_bytes())
    except OSError:
        return None
    (w, h), palette, scale, language = key
    return (
        user_data_dir()
        / "cache"
        / f"title-{w}x{h}-{palette}-{scale:g}-{language}-{digest.hexdigest()[:16]}.png"
    )


def _load(path: Path) -> pygame.Surface | None:
    try:
        # Read as any file of the data folder is: a regular file of sane size, without blocking.
        data = read_bounded(path, MAX_CACHED_BYTES)
        return pygame.image.load(io.BytesIO(data), path.name).convert()
    except (OSError, pygame.error):
        return None


def _save(art: pygame.Surface, path: Path | None) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.png"):
            old.unlink()  # a picture of this window and palette drawn by an older version
        temp = path.with_name(f".{path.name}.tmp.png")
        pygame.image.save(art, str(temp))
        temp.replace(path)
    except (OSError, pygame.error):
        pass  # drawn again next time
