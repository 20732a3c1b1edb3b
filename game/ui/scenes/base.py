"""What every scene shares: its controls, its pygame_gui elements, messages, and layout helpers."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import ClassVar

import pygame

from game.i18n import _, current_language
from game.text import nest_quotes
from game.ui.widgets import Control, button, toast

# A space between a Chinese character and a Latin letter or a figure ("提出 2 项"): a text box of
# pygame_gui breaks lines only at spaces, so Chinese text broke there, leaving "2" or "55）" to
# start the next line and its line short. Made a no-break space in Chinese text boxes; the runs of
# Chinese between them are broken between characters, as they are without spaces.
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
CJK_SPACE = re.compile(f"(?<=[{_CJK}]) (?=[0-9A-Za-z+\\-])|(?<=[0-9A-Za-z%)]) (?=[{_CJK}])")


# A mark of punctuation right after the end of a bold or italic run. pygame_gui may break a line
# between two runs in different styles, and did: a row began ", Winter 2022." after a title in
# bold that filled the row above.
_MARK_AFTER_RUN = re.compile(r"((?:</(?:b|i|u|font)>)+)([,.;:!?)\]»”’。，、；：！？）])")


def box_html(html_text: str) -> str:
    """`html_text` as a text box is given it: quotes within quotes written as the language writes
    them, a mark after a bold or italic run taken into it (so no row begins with the mark), and in
    Chinese the spaces between Chinese and a figure or a Latin word made no-break."""
    language = current_language()
    html_text = nest_quotes(html_text, language)
    html_text = _MARK_AFTER_RUN.sub(r"\2\1", html_text)
    return CJK_SPACE.sub("\u00a0", html_text) if language.startswith("zh") else html_text


def reading_time(message: str) -> float:
    """Seconds a passing message stays: four at least, and about three words a second beyond the
    first (a Chinese or Japanese character counts as half a word), so that a long one, such as what
    became of a saved game, can be read to its end."""
    words = len(message.split()) + sum(1 for ch in message if "\u3040" <= ch <= "\u9fff") / 2
    return max(4.0, 1.0 + words / 3.0)


def is_text_field(element) -> bool:
    """Whether a pygame_gui element is a one-line text field (the game's TextEntry, or
    pygame_gui's own): asked of its classes by name, so that the title screen, which has none,
    starts without importing pygame_gui."""
    return any(cls.__name__ == "UITextEntryLine" for cls in type(element).__mro__)


class Scene:
    name = "scene"
    show_focus = True

    def __init__(self, app):
        self.app = app
        self.controls: list[Control] = []
        self.elements: list = []
        self._retired: list = []  # the elements of the last build, while the next one may reuse them
        self.message = ""
        self.message_time = 0.0
        self.message_box: pygame.Rect | None = None  # where the last passing message was drawn
        self.offset = 0  # for scrolling scenes

    # -- life cycle ------------------------------------------------------------------------------
    def rebuild(self) -> None:
        self._retired += self.elements
        self.elements = []
        self.controls = []
        self.app.hover = None
        self.app.dirty = True
        try:
            self.build()
        finally:
            # What the new build did not take back (see text_box) goes.
            for element in self._retired:
                element.kill()
            self._retired = []

    def build(self) -> None:
        pass

    def language_changed(self) -> None:
        """The player changed the language: work out again what this screen made from the level's
        texts when it was made (the level itself is told in the new language already); the
        screen is rebuilt after this."""

    def entered(self) -> None:
        """Called once when the scene is shown (after its first build)."""

    def focus_chosen_item(self) -> None:
        """Put the keyboard on the chosen item of the screen's list (a level chosen for the player
        before they came), not on the list's first: Enter there would undo the choice."""
        for i, control in enumerate(self.controls):
            if control.kind == "item" and control.selected:
                self.app.focus_index = i
                return

    def cover(self) -> None:
        """Another scene goes on top: this one's widgets are hidden, and kept for its rebuild when
        it comes back, which takes back those that still show the same (see text_box)."""
        for element in self.elements:
            element.hide()
        self._retired += self.elements
        self.elements = []

    def leave(self) -> None:
        for element in self.elements + self._retired:
            element.kill()
        self.elements = []
        self._retired = []

    # -- input ----------------------------------------------------------------------------------
    def handle(self, event) -> bool:
        return False

    def ticking(self) -> bool:
        """True while something on screen changes with time alone (a timer): the window then
        redraws at each idle wake-up (twice a second), not only on input."""
        return False

    def key(self, event) -> None:
        pass

    def back(self) -> None:
        self.app.pop()

    def scroll(self, amount: int) -> None:
        pass

    def page_key(self, amount: int) -> None:
        """Page Up (-1) or Page Down (1): as the wheel does, unless the screen says otherwise."""
        self.scroll(amount)

    def page_text(self, amount: int) -> bool:
        """Scroll the screen's longest text that scrolls (a briefing, the credits) by most of what
        it shows, up (-1) or down (1), as its scroll bar would; False when no text scrolls. For
        the keyboard: pygame_gui scrolls a text box by the wheel and the mouse only."""
        import pygame_gui

        bars = [
            e.scroll_bar
            for e in self.elements
            if isinstance(e, pygame_gui.elements.UITextBox) and e.alive() and e.scroll_bar is not None
        ]
        if not bars:
            return False
        bar = max(bars, key=lambda b: b.scrollable_height)
        step = 0.9 * bar.visible_percentage
        bar.set_scroll_from_start_percentage(
            min(1.0 - bar.visible_percentage, bar.start_percentage + amount * step)
        )
        return True

    def text_input_active(self) -> bool:
        return any(is_text_field(e) and e.is_focused for e in self.elements)

    def leave_text_input(self) -> None:
        for e in self.elements:
            if is_text_field(e) and e.is_focused:
                e.unfocus()
        self.app.manager.set_focus_set(None)

    def text_field(self, entry, label: str) -> Control:
        """A pygame_gui text field that the keyboard can reach: Enter on it starts typing."""

        def start_typing():
            self.app.manager.set_focus_set(entry)
            entry.focus()

        return self.add(Control(entry.rect.copy(), label, start_typing, kind="entry"))

    def say(self, message: str) -> None:
        """Show `message` at the screen's foot for as long as it takes to read (a click on it
        puts it away sooner)."""
        self.message = message
        self.message_time = reading_time(message)

    # -- frames ---------------------------------------------------------------------------------
    def busy(self) -> bool:
        return self.message_time > 0

    def update(self, dt: float) -> None:
        if getattr(self.app, "notice", None) and not self.message_time:
            # Something the player must hear of that happened on the way here (settings or progress
            # that could not be saved, a passphrase that could not be kept): whichever screen is up.
            self.say(self.app.notice)
            self.app.notice = None
        if self.message_time > 0:
            self.message_time = max(0.0, self.message_time - dt)

    def catch_up(self) -> None:
        """Bring what a frame shows up to date before one is drawn: an unwatched autoplay
        (PlayOptions.unwatched) leaves work that only a frame shows until then."""

    def draw(self, surface) -> None:
        self.draw_controls(surface)

    def message_area(self) -> pygame.Rect:
        """Where a passing message shows, at its foot: the whole window unless a scene has a place
        that covers none of its buttons."""
        return self.app.screen.get_rect()

    def message_avoids(self) -> list[pygame.Rect]:
        """What a passing message must not cover: whatever the area, a button (the debrief's sit
        at the foot) and the scene's captions."""
        avoid = [c.rect for c in self.controls if c.kind in ("button", "tab", "item", "term", "answer")]
        return avoid + [rect for _name, rect in getattr(self, "captions", [])]

    def draw_over(self, surface) -> None:
        self.draw_message(surface)

    def draw_message(self, surface) -> None:
        """The passing message, if one is showing."""
        if self.message and self.message_time > 0:
            self.message_box = toast(
                surface, self.app, self.message, self.message_area(), self.message_avoids()
            )

    def draw_controls(self, surface, kinds=("button", "tab", "item")) -> None:
        app = self.app
        for c in self.controls:
            if c.kind in kinds:
                button(
                    surface,
                    c,
                    app.palette,
                    app.fonts.bold if c.kind != "item" else app.fonts.body,
                    c is app.hover,
                )

    # -- helpers ----------------------------------------------------------------------------------
    def add(self, control: Control) -> Control:
        self.controls.append(control)
        return control

    def element(self, element):
        self.elements.append(element)
        return element

    def text_box(self, html_text: str, rect: pygame.Rect):
        """A pygame_gui text box showing `html_text` in `rect`. During a rebuild, the box the last
        build made is taken back if it shows the same text in the same place: laying out text is
        most of what a rebuild costs, and closing the menu or choosing an opponent changes none
        of it (the player's place in a long text is kept, too)."""
        import pygame_gui  # (here: the title has no text box, and its first frame does not wait for it)

        app = self.app
        html_text = box_html(html_text)
        for i, old in enumerate(self._retired):
            if (
                isinstance(old, pygame_gui.elements.UITextBox)
                and old.alive()
                and old.ui_manager is app.manager
                and old.relative_rect == rect
                and old.html_text == html_text
                and not old.should_html_unescape_input_text
            ):
                del self._retired[i]
                old.show()
                return self.element(old)
        app.load_text_fonts()
        # Chinese has no spaces, so pygame_gui breaks its long runs inside them: without the
        # hyphen it would add to mark a word broken, which Chinese does not use.
        dashes = not current_language().startswith("zh")
        return self.element(
            pygame_gui.elements.UITextBox(html_text, rect, app.manager, allow_split_dashes=dashes)
        )

    def column_of_buttons(self, labels_actions, center_x: int, top: int, width: int) -> None:
        app = self.app
        h, gap = app.px(46), app.px(12)
        for i, item in enumerate(labels_actions):
            label, action = item[0], item[1]
            enabled = item[2] if len(item) > 2 else True
            why = item[3] if len(item) > 3 else ""
            rect = pygame.Rect(0, 0, width, h)
            rect.midtop = (center_x, top + i * (h + gap))
            self.add(Control(rect, label, action, enabled=enabled, why_disabled=why))


def sections_html(sections: Sequence[tuple[str, str]], accent) -> str:
    """(heading, text) sections, each marked for the catalogue, as a text box shows them in the
    language in force, each heading in the look's `accent` colour (the credits, how to play)."""
    colour = "#{:02x}{:02x}{:02x}".format(*accent[:3])
    return "<br><br>".join(
        f"<font color='{colour}'><b>{html.escape(_(head))}</b></font><br>{html.escape(_(body))}"
        for head, body in sections
    )


class SectionsPage(Scene):
    """A page of headed sections to read, in a text box that scrolls (by the wheel, or Page Up and
    Page Down), with Back under it: the credits, how to play. A page names its `heading` and its
    `sections`, each marked for the catalogue."""

    heading = ""
    sections: ClassVar[Sequence[tuple[str, str]]] = ()

    def build(self) -> None:
        app = self.app
        w, h = app.size
        back = pygame.Rect(0, 0, app.px(200), app.px(44))
        back.midbottom = (w // 2, h - app.px(24))
        self.add(Control(back, _("Back"), self.back))
        # In a text box that scrolls: a small window in a long language (Russian at 800x600) has
        # more to say than room to say it, and drawn straight they ran under Back.
        x, top = self.left(), app.px(50) + app.fonts.title.get_linesize() + app.px(12)
        self.box = pygame.Rect(x, top, w - 2 * x, back.top - app.px(12) - top)
        self.text_box(sections_html(self.sections, app.palette.accent), self.box)

    def page_key(self, amount: int) -> None:
        self.page_text(amount)  # (Page Up and Page Down read on, as the wheel does)

    def left(self) -> int:
        return min(self.app.px(80), self.app.size[0] // 12)

    def draw(self, surface) -> None:
        app, p = self.app, self.app.palette
        surface.blit(app.fonts.title.render(_(self.heading), True, p.text), (self.left(), app.px(50)))
        self.draw_controls(surface)
