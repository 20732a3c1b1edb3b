"""Settings: window, UI scale, colour-blind palette, animation speed, the sounds' volume, the
language, the campaign's chapters and (for level writers) the level files' lines; saved at once,
kept between runs."""

from __future__ import annotations

from functools import partial

import pygame

from game.i18n import AVAILABLE, N_, _, current_language, language_name
from game.speech.words import plain
from game.ui.scenes.base import Scene
from game.ui.widgets import Control, bottom_of, button_height, button_width, fit, fit_rows, row_of_buttons

SIZES = [(1280, 720), (1600, 900), (1920, 1080)]
SCALES = [1.0, 1.25, 1.5, 1.75, 2.0]
SPEEDS = ["off", "fast", "normal", "slow"]
SPEED_NAMES = {"off": N_("Off"), "fast": N_("Fast"), "normal": N_("Normal"), "slow": N_("Slow")}
VOLUMES = [(N_("Mute"), 0), (N_("Quiet"), 25), (N_("Medium"), 50), (N_("Loud"), 100)]


NOTE = N_("Every change applies at once and is saved.")


def window_sizes(current: tuple[int, int]) -> list[tuple[int, int]]:
    """The window sizes offered: those the screen can hold (1600x900 on a screen of 1280x800 put
    Back out of reach), the smallest always, and the one chosen now, whatever it is."""
    try:
        desktop = pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        desktop = (0, 0)
    if desktop[0] <= 0 or desktop[1] <= 0:  # (not known: every size)
        return list(SIZES)
    fits = [size for size in SIZES if size[0] <= desktop[0] and size[1] <= desktop[1]] or SIZES[:1]
    return fits + ([current] if current not in fits and current in SIZES else [])


class SettingsScene(Scene):
    name = "settings"

    def choices(self) -> list:
        """(row label, [(option label, value)], current value, setter) for each setting."""
        app, s = self.app, self.app.settings

        def unlock_all(v: bool) -> None:
            app.remember(unlock_all_levels=v)
            self.rebuild()  # remember() leaves the screen as it is; the row shows the new choice

        def show_sources(v: bool) -> None:
            app.remember(show_sources=v)
            self.rebuild()

        return [
            (
                _("Window"),
                [(f"{a}×{b}", (a, b)) for a, b in window_sizes((s.window_width, s.window_height))],
                (s.window_width, s.window_height),
                lambda v: app.change_settings(window_width=v[0], window_height=v[1]),
            ),
            (
                _("Fullscreen"),
                [(_("Off"), False), (_("On"), True)],
                s.fullscreen,
                lambda v: app.change_settings(fullscreen=v),
            ),
            (
                # The scale wanted may be more than the window allows: the row says the one in use.
                _("UI scale")
                if app.scale == s.ui_scale
                else _("UI scale ({scale}× in use)").format(scale=plain(app.scale)),
                [(f"{plain(x)}×", x) for x in SCALES],  # (1,25× in Russian and Turkish)
                s.ui_scale,
                self.change_scale,
            ),
            (
                _("Colours"),
                [(_("Standard"), False), (_("Colour-blind safe"), True)],
                s.colour_blind,
                lambda v: app.change_settings(colour_blind=v),
            ),
            (
                _("Animations"),
                [(_(SPEED_NAMES[x]), x) for x in SPEEDS],
                s.animation_speed,
                lambda v: app.change_settings(animation_speed=v),
            ),
            (
                _("Sounds"),
                [(_(name), volume) for name, volume in VOLUMES],
                s.sound_volume,
                self.change_volume,
            ),
            (
                _("Projector mode"),
                [(_("Off"), False), (_("On"), True)],
                s.projector_mode,
                lambda v: app.change_settings(projector_mode=v),
            ),
            (
                # Each language in its own name, so a player lost in another one finds theirs.
                _("Language"),
                [(language_name(code), code) for code in AVAILABLE],
                s.language or current_language(),
                self.change_language,
            )
            if not app.options.class_language
            else (
                # A class's language is the teacher's: shown, not changed, while the class plays.
                _("Language (fixed by the class)"),
                [(language_name(app.options.class_language), app.options.class_language)],
                app.options.class_language,
                lambda _code: None,
            ),
            (
                _("Chapters"),
                [(_("In order"), False), (_("All open"), True)],
                s.unlock_all_levels,
                unlock_all,
            ),
            (
                # For a level writer: each change and card says the file and line its numbers are
                # set at; a player has no use for them.
                _("Level file lines"),
                [(_("Hidden"), False), (_("Shown"), True)],
                s.show_sources,
                show_sources,
            ),
        ]

    def change_language(self, code: str) -> None:
        self.app.options.language = None  # (a `--lang` given for this run gives way to the choice)
        self.app.change_settings(language=code)  # every screen is built again in it

    def change_volume(self, value: int) -> None:
        self.app.remember(sound_volume=value)  # the look does not change
        self.app.play_sound("choose")  # how loud it now is
        self.rebuild()

    def change_scale(self, value: float) -> None:
        app = self.app
        app.change_settings(ui_scale=value)
        if app.scale < value:
            app.scene.say(
                _(
                    "This window uses {scale}×: {wanted}× needs a window of at least {width}×{height}, "
                    "and is used when the window is that large."
                ).format(
                    scale=f"{app.scale:g}",
                    wanted=f"{value:g}",
                    width=round(800 * value),
                    height=round(600 * value),
                )
            )

    def build(self) -> None:
        """A column of row labels and, beside it, each setting's options, wrapped when the window
        is narrow; the rows shrink to fit between the title and the Back button."""
        app = self.app
        w, h = app.size
        fonts = app.fonts
        margin = app.px(24)
        choices = self.choices()
        self.title_rect = pygame.Rect(
            margin, app.px(20), fonts.title.size(_("Settings"))[0], fonts.title.get_linesize()
        )
        top = self.title_rect.bottom + app.px(12)
        label_w = max(fonts.heading.size(label)[0] for label, *_rest in choices)
        left = margin + label_w + app.px(20)
        right = w - margin
        gap = app.px(10)
        # Back at the bottom right, the note beside it.
        back_h = button_height(fonts.bold, app.px(44))
        back = pygame.Rect(0, 0, button_width(_("Back"), fonts.bold, app.px(160)), back_h)
        back.bottomright = (right, h - app.px(16))
        bottom = back.top - app.px(12)
        # How many lines each row wraps to, then heights that fit them all.
        lines = [
            len(
                {
                    r.y
                    for r in row_of_buttons(
                        [n for n, _value in options], fonts.bold, left, 0, right, 1, gap, app.px(64), 1
                    )
                }
            )
            for _label, options, *_rest in choices
        ]
        bh, row_gap = fit_rows(
            sum(lines), bottom - top, app.px(42), button_height(fonts.bold, 0), app.px(22), app.px(4)
        )
        y = top
        self.rows = []
        for (label, options, current, setter), _count in zip(choices, lines, strict=False):
            self.rows.append((label, pygame.Rect(margin, y, label_w, bh)))
            rects = row_of_buttons(
                [n for n, _value in options],
                fonts.bold,
                left,
                y,
                right,
                bh,
                gap,
                app.px(64),
                row_gap=app.px(4),
            )
            for rect, (name, value) in zip(rects, options, strict=False):
                self.add(Control(rect, name, partial(setter, value), selected=(value == current)))
            y = bottom_of(rects, y) + row_gap
        self.add(Control(back, _("Back"), self.back))
        # As wide as its words (no wider: a passing message may sit beside it, clear of it).
        note_w = min(fonts.small.size(_(NOTE))[0], back.left - margin - app.px(12))
        self.note_rect = pygame.Rect(
            margin, back.centery - fonts.small.get_linesize() // 2, note_w, fonts.small.get_linesize()
        )
        self.captions = [("title", self.title_rect), ("note", self.note_rect)]
        self.captions += [
            (label, pygame.Rect(r.x, r.y, r.width, min(r.height, fonts.heading.get_linesize())))
            for label, r in self.rows
        ]

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        surface.blit(app.fonts.title.render(_("Settings"), True, p.text), self.title_rect)
        for label, r in self.rows:
            img = app.fonts.heading.render(label, True, p.text)
            surface.blit(img, img.get_rect(midleft=r.midleft))
        surface.blit(
            app.fonts.small.render(fit(_(NOTE), app.fonts.small, self.note_rect.width), True, p.text_muted),
            self.note_rect,
        )
        self.draw_controls(surface)
