"""The game's colours: a standard dark theme and a colour-blind one, plus the hatch pattern of each power.

Plain data with no pygame import, so rules-side code and tests can read it freely. Colours are RGB
tuples. Colour never carries meaning alone: each power also has a hatch pattern (`PATTERNS`), and
the UI prints the numbers beside the colours.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]

# How each power's influence is hatched on the map and in bars, so a player who cannot tell the
# colours apart still reads who leads: "diagonal" lines, "dots", "horizontal" lines.
PATTERNS: dict[str, str] = {"moscow": "diagonal", "beijing": "dots", "west": "horizontal"}


@dataclass(frozen=True)
class Palette:
    name: str
    background: RGB
    panel: RGB
    panel_border: RGB
    text: RGB
    text_muted: RGB
    accent: RGB
    focus: RGB
    good: RGB
    bad: RGB
    warning: RGB
    moscow: RGB
    beijing: RGB
    west: RGB
    water: RGB
    land: RGB
    land_border: RGB
    corridor_northern: RGB
    corridor_middle: RGB
    series: tuple[RGB, ...]

    def power(self, power: str) -> RGB:
        """The colour of 'moscow', 'beijing' or 'west'."""
        return {"moscow": self.moscow, "beijing": self.beijing, "west": self.west}[power]

    def corridor(self, corridor_id: str) -> RGB:
        """The colour of the 'northern' or 'middle' corridor."""
        return {"northern": self.corridor_northern, "middle": self.corridor_middle}[corridor_id]


def blend(a: RGB, b: RGB, t: float) -> RGB:
    """The colour a fraction t (0..1) of the way from a to b."""
    t = min(1.0, max(0.0, t))
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=False))  # type: ignore[return-value]


def relative_luminance(c: RGB) -> float:
    """WCAG relative luminance, 0 (black) .. 1 (white)."""

    def lin(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = c
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio, 1 (same) .. 21 (black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


STANDARD = Palette(
    name="standard",
    background=(17, 23, 36),
    panel=(27, 35, 52),
    panel_border=(72, 86, 112),
    text=(238, 230, 212),
    text_muted=(150, 156, 168),
    accent=(110, 190, 196),
    focus=(255, 255, 255),
    good=(112, 190, 124),
    bad=(222, 96, 84),
    warning=(232, 168, 64),
    moscow=(206, 72, 72),
    beijing=(232, 184, 64),
    west=(84, 146, 222),
    water=(30, 54, 82),
    land=(62, 66, 72),
    land_border=(108, 112, 118),
    corridor_northern=(226, 122, 168),
    corridor_middle=(86, 204, 170),
    series=(
        (110, 190, 196),  # teal
        (232, 184, 64),  # gold
        (222, 96, 84),  # red
        (152, 200, 104),  # green
        (180, 140, 224),  # violet
        (240, 150, 80),  # orange
        (100, 150, 230),  # blue
        (220, 220, 220),  # light grey
    ),
)

# Okabe & Ito (2008), "Color Universal Design": hues chosen to stay apart under the common forms of
# colour blindness. Moscow, Beijing and the West also differ in luminance (dark, bright, middle),
# which survives every form of colour blindness.
_OI_ORANGE = (230, 159, 0)
_OI_SKY_BLUE = (86, 180, 233)
_OI_GREEN = (0, 158, 115)
_OI_YELLOW = (240, 228, 66)
_OI_BLUE = (0, 114, 178)
_OI_VERMILLION = (213, 94, 0)
_OI_PURPLE = (204, 121, 167)

COLOUR_BLIND = Palette(
    name="colour_blind",
    background=(17, 23, 36),
    panel=(27, 35, 52),
    panel_border=(90, 104, 130),
    text=(240, 236, 224),
    text_muted=(164, 170, 180),
    accent=_OI_SKY_BLUE,
    focus=(255, 255, 255),
    good=_OI_GREEN,
    bad=_OI_VERMILLION,
    warning=_OI_ORANGE,
    moscow=_OI_VERMILLION,
    beijing=_OI_YELLOW,
    west=_OI_SKY_BLUE,
    water=(28, 50, 78),
    land=(62, 66, 72),
    land_border=(116, 120, 126),
    corridor_northern=_OI_PURPLE,
    corridor_middle=_OI_GREEN,
    series=(
        _OI_SKY_BLUE,
        _OI_ORANGE,
        _OI_GREEN,
        _OI_YELLOW,
        _OI_PURPLE,
        _OI_VERMILLION,
        (110, 150, 230),  # Okabe-Ito blue, lightened to read on the dark background
        (220, 220, 220),
    ),
)


# Paper: the light theme of the printed handouts' charts. Dark lines on white, the Okabe-Ito hues
# darkened enough to read when printed in grey (each line also has its own marker and dash).
PRINT = Palette(
    name="print",
    background=(255, 255, 255),
    panel=(255, 255, 255),
    panel_border=(150, 150, 150),
    text=(20, 20, 20),
    text_muted=(90, 90, 90),
    accent=_OI_BLUE,
    focus=(0, 0, 0),
    good=_OI_GREEN,
    bad=_OI_VERMILLION,
    warning=_OI_ORANGE,
    moscow=_OI_VERMILLION,
    beijing=(176, 140, 0),
    west=_OI_BLUE,
    water=(220, 232, 242),
    land=(240, 240, 236),
    land_border=(150, 150, 150),
    corridor_northern=_OI_PURPLE,
    corridor_middle=_OI_GREEN,
    series=(
        _OI_BLUE,
        _OI_VERMILLION,
        _OI_GREEN,
        (40, 40, 40),
        _OI_PURPLE,
        (200, 130, 0),
        (86, 150, 200),
        (120, 120, 120),
    ),
)


def palette_for(colour_blind: bool) -> Palette:
    return COLOUR_BLIND if colour_blind else STANDARD
