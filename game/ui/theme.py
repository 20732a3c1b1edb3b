"""The pygame_gui theme, built from the palette and the UI scale (so the colour-blind palette and
projector scale reach the widgets too)."""

from __future__ import annotations


def _hex(colour) -> str:
    r, g, b = colour[:3]
    return f"#{r:02x}{g:02x}{b:02x}"


# The name pygame_gui knows the game's font by (game.paths.ui_font_file): Noto Sans with the
# everyday Chinese characters added, so that every widget draws every language of the game.
FONT_NAME = "partners_sans"


# Languages whose script the italic faces lack (Noto Sans Italic has no Chinese characters): their
# <i> is set upright, in the faces that have them, rather than as empty boxes.
UPRIGHT_ITALIC = frozenset({"zh_CN"})


def font_files(language: str | None = None) -> dict[str, str]:
    """The theme's paths to the game's font, in its four styles (for `language`, the one in force
    when not given)."""
    from game.i18n import current_language
    from game.paths import ui_font_file, ui_italic_font_file

    upright = (language or current_language()) in UPRIGHT_ITALIC
    files = {
        "regular_path": ui_font_file(False),
        "bold_path": ui_font_file(True),
        "italic_path": ui_font_file(False) if upright else ui_italic_font_file(False),
        "bold_italic_path": ui_font_file(True) if upright else ui_italic_font_file(True),
    }
    return {key: str(path) for key, path in files.items() if path is not None}


def build_theme(palette, scale: float) -> dict:
    font = {
        "name": FONT_NAME,
        "size": str(max(8, round(16 * scale))),
        "bold": "0",
        "italic": "0",
        **font_files(),
    }
    colours = {
        "normal_bg": _hex(palette.panel),
        "hovered_bg": _hex(palette.panel_border),
        "disabled_bg": _hex(palette.background),
        "selected_bg": _hex(palette.accent),
        "active_bg": _hex(palette.accent),
        "dark_bg": _hex(palette.panel),
        "normal_text": _hex(palette.text),
        "hovered_text": _hex(palette.text),
        "selected_text": _hex(palette.background),
        "active_text": _hex(palette.background),
        "disabled_text": _hex(palette.text_muted),
        "normal_border": _hex(palette.panel_border),
        "hovered_border": _hex(palette.accent),
        "disabled_border": _hex(palette.panel_border),
        "selected_border": _hex(palette.accent),
        "active_border": _hex(palette.accent),
        "text_cursor": _hex(palette.accent),
        "link_text": _hex(palette.accent),
        "link_hover": _hex(palette.focus),
        "link_selected": _hex(palette.focus),
        "filled_bar": _hex(palette.accent),
        "unfilled_bar": _hex(palette.background),
    }
    # Plain rectangles: pygame_gui's rounded shapes are supersampled and cached per size, which
    # cost some 20 MB for every text box built (the board rebuilds its news box often).
    misc = {"shape": "rectangle", "border_width": "1", "shadow_width": "0", "tool_tip_delay": "0.4"}
    return {
        "defaults": {"colours": colours, "font": font, "misc": misc},
        "button": {"colours": colours, "font": {**font, "bold": "1"}, "misc": misc},
        "text_box": {
            "colours": {**colours, "dark_bg": _hex(palette.panel)},
            "font": font,
            "misc": {**misc, "padding": f"{round(10 * scale)},{round(8 * scale)}"},
        },
        "tool_tip": {
            "colours": {**colours, "dark_bg": _hex(palette.background)},
            "font": {**font, "size": str(max(8, round(14 * scale)))},
        },
        "text_entry_line": {"colours": colours, "font": font, "misc": misc},
    }
