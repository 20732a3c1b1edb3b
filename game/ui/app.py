"""The desktop game: window, scene stack, input, focus and the frame loop.

The loop waits for input when nothing moves (`game.ui.idle`), so a game waiting for a click uses
next to no CPU; it runs at 60 frames a second only while something animates or autoplays.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.i18n import _, choose_language, current_language, set_language
from game.paths import user_data_dir, user_levels_dir
from game.session.data_folder import tidy as tidy_data_folder
from game.session.look import Look, look_of, read_look
from game.session.save_folder import autosave_present, saves_dir
from game.speech.sides import set_naming_year
from game.ui.fonts import Fonts
from game.ui.idle import IDLE_WAIT_MS, wait_for_events
from game.ui.memory import MemoryKeeper
from game.ui.palette import palette_for
from game.ui.scenes import scene_class
from game.ui.theme import FONT_NAME, build_theme
from game.ui.widgets import draw_tooltip, focus_ring

if TYPE_CHECKING:
    import pygame_gui

    from game.ai import Budget
    from game.session.records import Records
    from game.session.saves import SaveStore
    from game.session.settings import Settings
    from game.ui.mapview import MapView
    from game.ui.scenes.base import Scene
    from game.ui.sounds import Sounds


@dataclass
class PlayOptions:
    level: str | None = None
    side: str = "moscow"
    opponent: str = "normal"
    seed: int | None = None
    autoplay: bool = False
    screenshot_dir: Path | None = None
    # Which screens to save (fnmatch patterns of their names, e.g. "turn*-resolved"); none: all.
    # A picture costs a redraw and a PNG, so a test asks only for those it looks at.
    screenshot_only: tuple[str, ...] = ()
    # Autoplay with nobody at the window (the tests): each kind of screen is drawn the first time
    # it shows (the first board, the first resolution) and whenever it is saved as a picture, not
    # on every frame of every turn, and what only a frame shows (a step's text laid out in its
    # box) waits for the next frame drawn. The game, its screens and their order are the same;
    # only pictures nobody looks at are left undrawn.
    unwatched: bool = False
    exit_at_end: bool = False
    level_dirs: list[Path] = field(default_factory=list)
    size: tuple[int, int] | None = None  # overrides the settings (tests, screenshots)
    probe: str | None = None  # for `bench`: "startup", "idle:SECONDS" or "rss"
    classroom: dict | None = None  # `classroom` command: the set-up screen's first values
    think: Budget | None = None  # how long the AI thinks about a plan (None: the game's 1 s)
    language: str | None = None  # `--lang`: over the settings' language for this run
    # A class's language (a session pack's, the class server's): over `--lang` and the settings,
    # and not changed in Settings while the class plays (game.classroom.language).
    class_language: str | None = None


def forget_repeated_translation_folders() -> None:
    """Keep each folder once in the list python-i18n searches for pygame_gui's own words.

    Every UIManager adds pygame_gui's translations folder to that list again, and every text
    a widget is given that is not one of pygame_gui's keys (all of ours: they come translated)
    lists each folder in it anew, so each new look made every text box and button slower to
    build: after a hundred windows, a hundred listings of the same folder per text. Searching
    a folder twice finds nothing the first search did not."""
    import i18n  # type: ignore[import-untyped]  # (pygame_gui's dependency, python-i18n: no types)

    i18n.load_path[:] = list(dict.fromkeys(i18n.load_path))


def scale_for(wanted: float, size: tuple[int, int]) -> float:
    """The UI scale a window of `size` can take: the one wanted, but never so large that less than
    800x600 of the unscaled layout fits, the smallest window every screen is laid out for (2x
    wants 1600x1200; a 1280x720 projector gets 1.2x)."""
    w, h = size
    return round(max(1.0, min(wanted, w / 800, h / 600)), 2)


def covered(scene) -> bool:
    """Whether a classroom's pause, or another laptop's takeover, covers this screen of play."""
    game = getattr(scene, "game", None)
    if getattr(game, "classroom", None) is None:
        return False
    from game.ui.classroom_overlay import held  # (a classroom's: not on the title's path)

    return held(game)


class App:
    def __init__(self, options: PlayOptions | None = None):
        self.options = options or PlayOptions()
        self.told_replaced = False  # (see tell_if_replaced)
        # Display and fonts only: the audio device is opened when the first sound is played (see
        # game.ui.sounds), as opening it fails noisily on machines without one.
        # Every frame is drawn in software onto the window's surface, so SDL needs no OpenGL to
        # present it; without this hint it loads the system's GL stack (over 50 MB under Mesa).
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Pragmatic Partners")
        # The window's size and look from a quick read of the settings file: pydantic, which
        # reads the whole file, takes a good part of the start to import, so the whole file is
        # read just after the title's first frame (settle()), or when something asks for it.
        self.look: Look = read_look()
        self._settings: Settings | None = None
        self.notice: str | None = None
        # `play --level ID` opens New game on that level once, at the start; the title after that.
        self.level_to_open = self.options.level
        self._records: Records | None = None  # the best results, read on first use (see `records`)
        self._sounds: Sounds | None = None  # made when the first sound is asked for
        tidy_data_folder()  # what a save cut short by a kill left behind
        self._saves: SaveStore | None = (
            None  # the save format (pydantic) is read on first use, not before the title
        )
        self._catalogue = None  # read on first use: the title screen does not need the levels
        self._map_view: MapView | bool | None = False  # built on first use (False: not yet)
        self.good_levels: dict = {}  # the last version of each level that loaded, kept across reloads
        self.running = True
        self.scenes: list = []
        self.focus_index = 0
        self.hover = None
        self.keyboard = False
        self.dirty = True
        self.mouse = (0, 0)
        self.shots = 0
        self.drawn_kinds: set[str] = set()  # the kinds of screen drawn so far (PlayOptions.unwatched)
        self.clock = pygame.time.Clock()
        self.memory = MemoryKeeper.for_this_process()  # frees what scenes drop (see game.ui.memory)
        self.open_window()

    # -- set-up --------------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        """The player's settings, read in full (with pydantic) on first use."""
        if self._settings is None:
            self.settle()
        assert self._settings is not None  # (settle() reads them)
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._settings = value
        self.look = look_of(value)

    def settle(self) -> None:
        """Read the settings file in full, as the game does just after the title's first frame:
        a damaged file is set aside and repaired and the player told, as before the quick read
        existed, and where the full read gives the window another look than the quick one did,
        the window takes it."""
        from game.session.settings import load_settings

        first = self.look
        self.settings, notice = load_settings()
        if notice:
            self.notice = notice  # (the screen that is up says it on its next frame)
            self.dirty = True
        if self.look != first:
            if self.look[:3] != first[:3]:  # size or full screen
                self.open_window()
            else:
                self.apply_look()

    def scan_levels(self):
        from game.levels import Catalogue

        return Catalogue.scan([user_levels_dir(), *self.options.level_dirs])

    @property
    def saves(self) -> SaveStore:
        """The saves folder's store, opened on first use."""
        if self._saves is None:
            from game.session.saves import SaveStore

            self._saves = SaveStore()
        return self._saves

    @property
    def records(self) -> Records:
        """The player's best results (game.session.records), read on first use; a damaged file
        is a notice on the next screen."""
        if self._records is None:
            from game.session.records import load_records

            self._records, problem = load_records()
            self.notice = problem or self.notice
        return self._records

    def record_game(self, game) -> list[str]:
        """Keep how a game played to the end went for each side a person played; returns the
        sides for which it is a new best. A write that fails is a notice; the game goes on."""
        from datetime import date

        from game.session.records import record_result, result_of

        bests = []
        for side in game.humans():
            self._records, best, problem = record_result(
                game.level.id, side, result_of(game, side, date.today())
            )
            self.notice = problem or self.notice
            if best:
                bests.append(side)
        return bests

    def has_autosave(self) -> bool:
        """Whether there is an autosave to continue, asked without reading the save format."""
        return self._saves.has_autosave() if self._saves is not None else autosave_present(saves_dir())

    @property
    def map_view(self) -> MapView | None:
        """The map, built once per window (it parses the outlines and keeps fonts of this run)."""
        if self._map_view is False:
            try:
                from game.ui.mapview import MapView

                self._map_view = MapView()
            except (OSError, ValueError) as e:  # a missing or damaged map file must not stop the game
                self.notice = _("The map could not be drawn: {problem}").format(problem=e)
                self._map_view = None
        return self._map_view if not isinstance(self._map_view, bool) else None

    @property
    def catalogue(self):
        if self._catalogue is None:
            self._catalogue = self.scan_levels()
        return self._catalogue

    @catalogue.setter
    def catalogue(self, value) -> None:
        self._catalogue = value

    def load_level(self, level_id: str):
        """(level, problems): the level as its files are now, or its last good version with the
        problems that stop the new one; (None, problems) if it never loaded."""
        from game.core.level_text import in_language
        from game.i18n import current_language
        from game.levels import LevelError

        try:
            # In the player's language where the level has a translation (each text falling back
            # to English): the same rules and content hash, so saves and replays are unchanged.
            level = in_language(self.catalogue.load(level_id), current_language())
        except LevelError as e:
            return self.good_levels.get(level_id), e.problems
        self.good_levels[level_id] = level
        return level, []

    def reload_levels(self) -> None:
        """Read every level file again (F5); list what is wrong, in the game, without stopping it."""
        from game.levels.loader import compile_with_warnings

        self.catalogue = self.scan_levels()
        problems = list(self.catalogue.problems)
        for entry in self.catalogue.entries.values():
            level, found = compile_with_warnings(entry.parsed, self.catalogue)
            problems.extend(p for p in found if p not in problems)
            if level is not None:
                self.good_levels[entry.id] = level
        if self.scene:
            self.scene.rebuild()
        if problems:
            self.show_over("level problems", problems=problems)
        elif self.scene:
            self.scene.say(
                _("Levels reloaded: {n} playable, no problems.").format(n=len(self.catalogue.playable()))
            )

    def open_window(self) -> None:
        s = self.look
        size = self.options.size or (s.window_width, s.window_height)
        flags = pygame.RESIZABLE | (pygame.FULLSCREEN if s.fullscreen and not self.options.size else 0)
        self.screen = pygame.display.set_mode(size, flags)
        self.apply_look()

    def wanted_scale(self) -> float:
        """The UI scale the settings ask for (projector mode enlarges the type to 1.5 at least)."""
        s = self.look
        return max(s.ui_scale, 1.5) if s.projector_mode else s.ui_scale

    def apply_look(self) -> None:
        """Palette, fonts and widget theme from the settings (projector mode enlarges the type)."""
        s = self.look
        # The language first: every screen built below says its words in it. (`--lang` holds for
        # the run; otherwise the settings', else the system's.)
        before = current_language()
        set_language(self.options.class_language or choose_language(self.options.language, s.language))
        if current_language() != before:
            self.tell_in(current_language())
        scale = scale_for(self.wanted_scale(), self.screen.get_size())
        self.palette = palette_for(s.colour_blind)
        self.fonts = Fonts(scale)
        self._manager: pygame_gui.UIManager | None = None  # made on first use, for this look
        self.text_fonts_loaded = False
        # Only the screen on top is built again now: a screen under it is rebuilt when it comes
        # back (`pop`). Built now, its widgets (the news box, the save name) would be drawn over
        # the screen on top, as the new manager knows nothing of the cover.
        for scene in self.scenes[:-1]:
            scene.cover()
        if self.scene:
            self.scene.rebuild()

    def tell_in(self, lang: str) -> None:
        """The player changed the language: the games on the screens go on with their levels told
        in `lang` (Game.tell_in), and so do the levels kept here and on the screens; each screen
        then says in it what it worked out before (rebuilt after this, by apply_look or pop)."""
        from game.core.level_text import in_language

        games = {id(g): g for g in (getattr(scene, "game", None) for scene in self.scenes) if g is not None}
        for game in games.values():
            game.tell_in(lang)
        self.good_levels = {k: in_language(level, lang) for k, level in self.good_levels.items()}
        for scene in self.scenes:
            scene.language_changed()

    @property
    def manager(self) -> pygame_gui.UIManager:
        """pygame_gui's manager of widgets (text boxes, text fields), made when the first is built:
        the title screen draws its own buttons and has none, so its first frame does not wait for
        the theme to be read."""
        if self._manager is None:
            # (Imported here: the title draws its own buttons, and its first frame does not wait
            # for pygame_gui to load.)
            import pygame_gui

            from game.ui.gui_fonts import reuse_opened_fonts
            from game.ui.text_breaks import break_chinese_lines
            from game.ui.text_measure import remember_measurements

            remember_measurements()
            reuse_opened_fonts()
            break_chinese_lines()
            scale = self.fonts.scale
            self._manager = pygame_gui.UIManager(self.screen.get_size(), build_theme(self.palette, scale))
            forget_repeated_translation_folders()
        manager: pygame_gui.UIManager = self._manager
        return manager

    def load_text_fonts(self) -> None:
        """Load the fonts text boxes use, before the first text box of this look is built.

        Text boxes use bold and italic (<b>, <i>) at these sizes; loading them before the first
        one keeps pygame_gui from warning and from stalling halfway through laying it out. The
        title screen has no text box, so its first frame does not wait for them.
        The resolution screen sets its story in 14 or 18 px (times the scale), in regular,
        bold and italic; the theme loads its own regular and bold sizes itself."""
        if self.text_fonts_loaded:
            return
        self.text_fonts_loaded = True
        scale = self.fonts.scale
        base = max(8, round(16 * scale))
        # (18 px unscaled too: the debrief's outcome title is <font size=5>, which pygame_gui sets in 18.)
        sizes = sorted(({max(8, round(px * scale)) for px in (14, 18)} | {18}) - {base})
        fonts: list[dict[str, str | int | float]] = [
            {"name": FONT_NAME, "point_size": size, "style": style}
            for size in sizes
            for style in ("bold", "italic")
        ]
        story = max(8, round(18 * scale))  # (the 14 px regular is a theme font already)
        if story != base:
            fonts.append({"name": FONT_NAME, "point_size": story, "style": "regular"})
        fonts.append({"name": FONT_NAME, "point_size": base, "style": "italic"})
        self.manager.preload_fonts(fonts)

    def remember(self, **changes) -> None:
        """Save settings that do not change the look (progress, the last game) without re-theming."""
        # Merged into the file as it is now (another window may have written it); a write that
        # fails is a message on the next screen, and the game goes on.
        from game.session.settings import update_settings

        self.settings, problem = update_settings(self.settings, changes)
        self.notice = problem or self.notice

    @property
    def sounds(self) -> Sounds:
        """The interface's sounds (game.ui.sounds), at the volume the settings give."""
        if self._sounds is None:
            from game.ui.sounds import Sounds

            self._sounds = Sounds(self.settings.sound_volume)
        return self._sounds

    def play_sound(self, name: str) -> None:
        """Play one of the interface's sounds (none while autoplaying: a run is watched, not played)."""
        if not self.options.autoplay:
            self.sounds.set_volume(self.settings.sound_volume)  # as the settings say now
            self.sounds.play(name)

    def change_settings(self, **changes) -> None:
        from game.session.settings import update_settings

        resize = any(k in changes for k in ("window_width", "window_height", "fullscreen"))
        self.settings, problem = update_settings(self.settings, changes)
        self.notice = problem or self.notice
        if resize:
            # The size chosen here wins over `--size` for the rest of the run: with it kept, the
            # choice was saved and highlighted, and the window stayed as it was.
            self.options.size = None
            self.open_window()
        else:
            self.apply_look()

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    @property
    def scale(self) -> float:
        return self.fonts.scale

    def px(self, value: float) -> int:
        return round(value * self.fonts.scale)

    # -- scenes --------------------------------------------------------------------------------
    @property
    def scene(self):
        return self.scenes[-1] if self.scenes else None

    def push(self, scene) -> None:
        if self.scene:
            self.scene.cover()
        self.memory.release()
        self.scenes.append(scene)
        self.dirty = True
        self.focus_index = 0
        self.hover = None
        self.keyboard = False
        scene.rebuild()
        scene.entered()

    def replace(self, scene) -> None:
        if self.scenes:
            self.scenes.pop().leave()
        self.push(scene)

    def pop(self) -> None:
        if self.scenes:
            self.scenes.pop().leave()
        self.focus_index = 0
        self.hover = None
        if self.scene:
            self.scene.rebuild()
        else:
            self.running = False

    def reset_to(self, scene) -> None:
        while self.scenes:
            self.scenes.pop().leave()
        self.push(scene)

    # Screens by name (the registry is game.ui.scenes.SCENES): a screen moves on with one of these
    # and never imports another screen's module.
    def make_scene(self, name: str, /, **kwargs) -> Scene:
        """A new screen of the kind registered as `name`, made for this app with `kwargs`."""
        game = kwargs.get("game")
        if game is not None:
            # Its texts name Central Asia's states as they were in its year, as its map does; the
            # title, which shows no game, names them as they are today.
            level = game.level
            set_naming_year(level.map_year_at(min(game.state.turn, level.turns)))
        elif name == "title":
            set_naming_year(None)
        return scene_class(name)(self, **kwargs)

    def show(self, name: str, /, **kwargs) -> None:
        """Show the screen `name` in place of the current one (the board gives way to the turn's
        resolution)."""
        self.replace(self.make_scene(name, **kwargs))

    def show_over(self, name: str, /, **kwargs) -> None:
        """Show the screen `name` over the current one, which comes back when it closes (the menu,
        the settings)."""
        self.push(self.make_scene(name, **kwargs))

    def show_only(self, name: str, /, **kwargs) -> None:
        """Show the screen `name` alone: every screen under it goes (quitting to the title, opening
        a saved game)."""
        self.reset_to(self.make_scene(name, **kwargs))

    # -- focus ---------------------------------------------------------------------------------
    def controls(self):
        return self.scene.controls if self.scene else []

    def focused(self):
        controls = self.controls()
        if not controls:
            return None
        self.focus_index %= len(controls)
        return controls[self.focus_index]

    def move_focus(self, dx: int, dy: int) -> None:
        controls = self.controls()
        current = self.focused()
        if current is None:
            return
        cx, cy = current.rect.center
        best, best_score = None, None
        for i, c in enumerate(controls):
            x, y = c.rect.center
            ddx, ddy = x - cx, y - cy
            along = ddx * dx + ddy * dy
            # Wholly beyond the focus's middle in the direction asked: a button a little to the
            # right but in the row above is not "right" (Right from Easy AI went up to Moscow).
            r = c.rect
            beyond = (
                r.left >= cx
                if dx > 0
                else r.right <= cx
                if dx < 0
                else r.top >= cy
                if dy > 0
                else r.bottom <= cy
            )
            if along <= 0 or not beyond:
                continue
            # How far off the line of travel: to the control's nearest side, not its middle (Down
            # from a filter passed over the wide rows under it for the narrow button below them).
            across = max(0, r.left - cx, cx - r.right) if dy else max(0, r.top - cy, cy - r.bottom)
            score = along + 2 * across
            if best_score is None or score < best_score:
                best, best_score = i, score
        if best is not None:
            self.focus_index = best

    def activate(self, control) -> None:
        if control.enabled and control.action:
            control.action()
        elif not control.enabled and control.why_disabled:
            self.play_sound("refuse")
            self.scene.say(control.why_disabled)

    # -- input ---------------------------------------------------------------------------------
    def handle(self, event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE and not (self.screen.get_flags() & pygame.FULLSCREEN):
            size = (max(800, event.w), max(600, event.h))
            self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
            if scale_for(self.wanted_scale(), size) != self.fonts.scale:
                self.apply_look()  # the scale the new size allows differs: new fonts, every scene rebuilt
                return
            if self._manager is not None:
                self._manager.set_window_resolution(size)
            if self.scene:
                self.scene.rebuild()
            return
        if self._manager is not None:
            self._manager.process_events(event)
        scene = self.scene
        if scene is None:
            return
        if (
            event.type == pygame.MOUSEBUTTONDOWN
            and event.button == 1
            and scene.message_time > 0
            and scene.message_box is not None
            and scene.message_box.collidepoint(event.pos)
        ):
            scene.message_time = 0.0  # read: a click puts a passing message away (it covers no button)
            return
        if scene.handle(event):
            return
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            self.keyboard = False
            self.hover = next((c for c in self.controls() if c.rect.collidepoint(event.pos)), None)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, c in enumerate(self.controls()):
                if c.rect.collidepoint(event.pos):
                    self.focus_index = i
                    self.activate(c)
                    break
        elif event.type == pygame.MOUSEWHEEL:
            scene.scroll(-event.y)
        elif event.type == pygame.KEYDOWN:
            self.key(event)

    def key(self, event) -> None:
        scene = self.scene
        if scene.text_input_active():
            # Typing goes to the text field; Tab, Enter or Esc leave it for the other controls.
            if event.key not in (pygame.K_TAB, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE):
                return
            scene.leave_text_input()
            if event.key != pygame.K_TAB:
                return
        k = event.key
        control = self.focused()
        text = getattr(event, "unicode", "")
        if control is not None and control.kind == "entry" and text.isprintable() and text.strip():
            # Typing on a text field that has the focus ring types into it: the field takes the
            # keyboard now, and the TEXTINPUT that follows this key puts the character in.
            self.activate(control)
            return
        if k in (pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN):
            # Moving the focus makes a keyboard player, whose focused control tells its tooltip; a
            # hotkey or Enter does not (a player who pressed Enter on the last turn's Continue met
            # every summit with the first term's tooltip over the rules of the table).
            self.keyboard = True
        if k == pygame.K_TAB:
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            if self.controls():
                self.focus_index = (self.focus_index + step) % len(self.controls())
            self.hover = None
        elif k in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN):
            dx = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1}.get(k, 0)
            dy = {pygame.K_UP: -1, pygame.K_DOWN: 1}.get(k, 0)
            self.move_focus(dx, dy)
            self.hover = None
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            control = self.focused()
            if control:
                self.activate(control)
        elif k == pygame.K_ESCAPE:
            scene.back()
        elif k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            scene.page_key(-1 if k == pygame.K_PAGEUP else 1)
        elif k == pygame.K_F1 and scene.name != "help":
            self.show_over("help")
        elif k == pygame.K_F5 and scene.name in ("title", "new game", "level problems"):
            self.reload_levels()
        elif k == pygame.K_F9 and getattr(getattr(scene, "game", None), "classroom", None) is not None:
            if getattr(scene.game.classroom, "link", None) is not None:
                # A group's laptop in a class on the class server: its panel's passphrase is none
                # the teacher knows, and a try at it was noted as a student's wrong guess.
                scene.say(
                    _(
                        "This class is run from the teacher's dashboard: the facilitator's panel is not on the groups' laptops."
                    )
                )
            elif scene.name not in ("facilitator", "facilitator login", "facilitator deals"):
                self.show_over("facilitator login", game=scene.game)
        else:
            for i, c in enumerate(self.controls()):
                if c.hotkey == k:
                    self.focus_index = i
                    self.activate(c)
                    break
            else:
                scene.key(event)

    # -- frames --------------------------------------------------------------------------------
    def tell_if_replaced(self) -> None:
        """Say once, on whatever screen of play is up, that the class server now takes this
        group's turns from another window or laptop (the same group joined again: a launcher
        clicked twice); this window sat at its turn and said nothing."""
        game = getattr(self.scene, "game", None)
        session = getattr(game, "classroom", None)
        link = getattr(session, "link", None)
        if link is not None and getattr(link, "replaced", False) and not self.told_replaced:
            self.told_replaced = True
            assert self.scene is not None
            from game.ui.classroom_overlay import REPLACED  # (a classroom's: not on the title's path)

            self.scene.say(_(REPLACED))
            self.dirty = True

    def busy(self) -> bool:
        return bool(self.scene and self.scene.busy()) or self.options.autoplay

    def step(self, events) -> None:
        """Handle `events`, update and draw one frame (the loop's body; tests call it directly)."""
        real = [e for e in events if e.type != pygame.NOEVENT]
        for event in real:
            self.handle(event)
            if not self.running:
                return
        self.tell_if_replaced()
        busy = self.busy()
        dt = self.clock.tick(60 if busy else 0) / 1000.0
        ticking = bool(self.scene and self.scene.ticking())
        if not real and not busy and not self.dirty and not ticking:
            return  # nothing happened and nothing moves: do not redraw a still picture
        if self._manager is not None:
            self._manager.update(min(dt, 0.1))
        if self.scene:
            self.scene.update(min(dt, 0.1))
        # Cleared before drawing: something drawn may ask for another frame (a tooltip that moves
        # the tutorial on), and that request must not be lost.
        self.dirty = False
        if self.options.unwatched and (self.scene is None or self.scene.name in self.drawn_kinds):
            return  # a frame nobody sees, of a kind of screen drawn once already
        self.draw()

    def draw(self) -> None:
        if self.scene:
            self.scene.catch_up()
            self.drawn_kinds.add(self.scene.name)
        self.render_frame()
        pygame.display.flip()

    def render_frame(self) -> None:
        """Draw the whole frame into the window's surface (without presenting it)."""
        surface = self.screen
        surface.fill(self.palette.background)
        scene = self.scene
        if scene:
            scene.draw(surface)
        if self._manager is not None:
            self._manager.draw_ui(surface)
        if scene:
            scene.draw_over(surface)
            if covered(scene):
                # A pause (or a takeover) covers the screen and takes no input: a tooltip or a
                # focus ring drawn over "Paused by the facilitator" pointed at what cannot be used.
                return
            control = self.focused()
            if control and scene.show_focus:
                focus_ring(surface, control.rect, self.palette)
            # The focused control's tooltip shows only for keyboard players; mouse players get the
            # tooltip of what they point at.
            shown = self.hover or (control if (scene.show_focus and self.keyboard) else None)
            if shown and shown.tooltip:
                tip = shown.tooltip()
                if tip:
                    from game.ui.charts import sparkline

                    hovered = shown is self.hover
                    anchor = self.mouse if hovered else shown.rect.bottomleft
                    beside = None if hovered else shown.rect
                    box = draw_tooltip(surface, tip, anchor, self.palette, self.fonts, sparkline, beside)
                    # A passing message stays readable: a tooltip follows the pointer and can be
                    # had again, the message goes (a joined laptop's "run from the dashboard"
                    # was hidden under the map's tooltip).
                    if scene.message_time > 0 and scene.message_box and box.colliderect(scene.message_box):
                        scene.draw_message(surface)

    def capture(self, name: str) -> Path | None:
        """Save the screen as a PNG in the screenshot folder, if one was asked for."""
        folder = self.options.screenshot_dir
        wanted = self.options.screenshot_only
        if folder is None or (wanted and not any(fnmatch(name, w) for w in wanted)):
            return None
        folder.mkdir(parents=True, exist_ok=True)
        if self._manager is not None:
            self._manager.update(0.001)  # let new widgets render before the picture is taken
        self.draw()
        self.shots += 1
        path = folder / f"{self.shots:03d}-{name}.png"
        pygame.image.save(self.screen, str(path))
        return path

    def run(self) -> int:
        self.show_over("title")
        if self.options.probe:
            from game.ui.probe import run_probe

            return run_probe(self, self.options.probe)
        self.step([])  # the first frame, at once
        self.settle()
        while self.running:
            self.step(pygame.event.get() if self.busy() else wait_for_events(IDLE_WAIT_MS))
        for scene in reversed(self.scenes):
            scene.leave()
        pygame.quit()
        return 0

    def exports_dir(self) -> Path:
        return user_data_dir() / "exports"


def play(options: PlayOptions) -> int:
    if (
        options.screenshot_dir is not None
        and "SDL_VIDEODRIVER" not in os.environ
        and not os.environ.get("DISPLAY")
    ):
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    return App(options).run()
