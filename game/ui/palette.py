"""The game's colours, where the screens have always found them.

They live in `game.palette`, below both the UI and the classroom's exports, so that the charts the
exports draw use the same colours without importing the UI.
"""

from game.palette import (
    COLOUR_BLIND,
    PATTERNS,
    RGB,
    STANDARD,
    Palette,
    blend,
    contrast_ratio,
    palette_for,
    relative_luminance,
)

__all__ = [
    "COLOUR_BLIND",
    "PATTERNS",
    "RGB",
    "STANDARD",
    "Palette",
    "blend",
    "contrast_ratio",
    "palette_for",
    "relative_luminance",
]
