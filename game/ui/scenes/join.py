"""Join a class: the class server's address, the class code and the group's name, typed by a
group on its laptop (the window's `play --join`). The server's answer starts its session at once;
a refusal (a wrong code, a group already playing) or an unreachable server is said here."""

from __future__ import annotations

import atexit

import pygame

from game.i18n import N_, _
from game.ui.scenes.base import Scene
from game.ui.text_entry import TextEntry
from game.ui.widgets import Control, button_height, button_width

FIELDS = (
    ("url", N_("Address"), N_("e.g. http://192.168.1.20:8765/")),
    ("code", N_("Class code"), N_("the code on the teacher's screen")),
    ("group", N_("Group"), N_("your group's name, e.g. Room 4 A")),
)


class JoinClassScene(Scene):
    name = "join a class"

    def __init__(self, app):
        super().__init__(app)
        self.texts = {name: "" for name, _label, _hint in FIELDS}
        self.entries_by_name: dict = {}

    def build(self) -> None:
        app, fonts = self.app, self.app.fonts
        w, h = app.size
        pad = app.px(24)
        self.title_rect = pygame.Rect(pad, app.px(20), w - 2 * pad, fonts.title.get_linesize())
        label_w = max(fonts.bold.size(_(label))[0] for _name, label, _hint in FIELDS)
        field_x = pad + label_w + app.px(20)
        bh = button_height(fonts.bold, app.px(38))
        y = self.title_rect.bottom + app.px(60)
        self.rows = []
        for name, field_label, hint in FIELDS:
            label = _(field_label)
            self.rows.append((label, y))
            entry = self.element(
                TextEntry(
                    pygame.Rect(field_x, y, min(app.px(420), w - pad - field_x), bh),
                    app.manager,
                    placeholder_text=_(hint),
                )
            )
            entry.set_text_length_limit(120 if name == "url" else 60)
            if self.texts[name]:
                entry.set_text(self.texts[name])
            self.text_field(entry, label)
            self.entries_by_name[name] = entry
            y += bh + app.px(10)
        self.label_x, self.row_h = pad, bh
        bh = button_height(fonts.bold, app.px(46))
        join = pygame.Rect(0, 0, button_width(_("Join"), fonts.bold, app.px(200)), bh)
        join.bottomright = (w - pad, h - app.px(16))
        back = pygame.Rect(0, 0, button_width(_("Back"), fonts.bold, app.px(160)), bh)
        back.bottomright = (join.left - app.px(12), join.bottom)
        self.add(Control(join, _("Join"), self.join))
        self.add(Control(back, _("Back"), self.back))

    def text(self, name: str) -> str:
        entry = self.entries_by_name.get(name)
        return (entry.get_text() if entry else self.texts[name]).strip()

    def join(self) -> None:
        from game.server.client import JoinRefused, Unreachable, join_class

        for name in self.texts:
            self.texts[name] = self.text(name)
        url, code, group = self.texts["url"], self.texts["code"], self.texts["group"]
        if not (url and code and group):
            self.say(_("Type the address, the class code and your group's name."))
            return
        try:
            link, joined = join_class(url, code, group)
        except JoinRefused as e:
            self.say(_("The class server said no: {problem}").format(problem=e))
            return
        except Unreachable:
            self.say(_("The class server cannot be reached: check the address and the network."))
            return
        # What is still to be sent when the window closes gets a few seconds to go.
        atexit.register(link.close, 10.0)
        self.app.show_over("classroom set-up", join=(link, joined))

    def draw(self, surface) -> None:
        app, p, fonts = self.app, self.app.palette, self.app.fonts
        surface.blit(fonts.title.render(_("Join a class"), True, p.text), self.title_rect)
        note = _("For a class on several laptops: the teacher's class server shows these three.")
        surface.blit(
            fonts.body.render(note, True, p.text_muted),
            (self.title_rect.x, self.title_rect.bottom + app.px(12)),
        )
        for label, y in self.rows:
            img = fonts.bold.render(label, True, p.text)
            surface.blit(img, img.get_rect(midleft=(self.label_x, y + self.row_h // 2)))
        self.draw_controls(surface)
