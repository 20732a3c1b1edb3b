"""What a classroom session adds on top of the board: the planning timer in the top bar and,
while the facilitator has paused the session, a cover over the whole board."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.i18n import N_, _
from game.ui.scenes.base import Scene
from game.ui.widgets import text

if TYPE_CHECKING:
    from game.session.game import Game


REPLACED = N_(
    "This group was joined again from another window or laptop, which now plays it: this window's "
    "turns are no longer sent. Close it and go on there."
)


def timer_labels(left: float) -> tuple[str, str]:
    """(what the timer says with `left` seconds to go, what it says when the time is up)."""
    running = _("Time left {minutes}:{seconds}").format(
        minutes=int(left) // 60, seconds=f"{int(left) % 60:02d}"
    )
    return running, _("Time is up!")


def draw_classroom_overlay(app, surface, session, bar_h: int, at: tuple[int, int] | None = None) -> None:
    """The timer, centred on `at` (the place the top bar keeps for it), and the pause's cover."""
    p = app.palette
    w, _h = surface.get_size()
    left = session.seconds_left(sync=False)  # drawing changes nothing
    if left is not None:
        running, up = timer_labels(left)
        label = up if left == 0 else running
        font = app.fonts.heading
        img = font.render(label, True, p.background if left <= 30 else p.text)
        box = img.get_rect(center=at or (int(w * 0.6), bar_h // 2)).inflate(app.px(20), app.px(8))
        if left <= 30:
            pygame.draw.rect(surface, p.warning, box, border_radius=6)
        else:
            pygame.draw.rect(surface, p.panel, box, border_radius=6)
            pygame.draw.rect(surface, p.panel_border, box, width=1, border_radius=6)
        surface.blit(img, img.get_rect(center=box.center))
    if session.paused or replaced(session):
        draw_pause_cover(app, surface, session)


def replaced(session) -> bool:
    """Whether the class server now takes this group's turns from another laptop (the teacher
    allowed a takeover, or the group was joined again from a second window): this window's turns
    are no longer kept, and it would never hear of a pause or of the session's end."""
    link = getattr(session, "link", None)
    return link is not None and bool(getattr(link, "replaced", False))


def draw_pause_cover(app, surface, session=None) -> None:
    """The cover over every screen of play while the facilitator has paused the session, or for
    good once another laptop plays the group (a laptop taken over played on, its turns lost)."""
    p = app.palette
    w, h = surface.get_size()
    cover = pygame.Surface((w, h), pygame.SRCALPHA)
    cover.fill((*p.background[:3], 235))
    surface.blit(cover, (0, 0))
    gone = replaced(session)
    heading = _("Played on another laptop") if gone else _("Paused by the facilitator")
    img = app.fonts.huge.render(heading, True, p.text)
    if img.get_width() > w - app.px(40):
        img = app.fonts.title.render(heading, True, p.text)
    surface.blit(img, img.get_rect(center=(w // 2, int(h * 0.42))))
    note = _("Play stops while the class talks. The facilitator resumes from the panel (F9).")
    if gone:
        note = _(REPLACED)
    elif getattr(session, "link", None) is not None:
        note = _("Play stops while the class talks. The teacher resumes it from the class dashboard.")
    text(
        surface,
        note,
        app.fonts.body,
        p.text_muted,
        (w // 2 - app.px(320), int(h * 0.42) + app.px(60)),
        app.px(640),
    )


def held(game) -> bool:
    """True while the facilitator (or the class server's teacher) has paused the session: the
    players' input is held, and so is autoplay, which plays no turn and steps no resolution until
    the session is resumed."""
    session = getattr(game, "classroom", None)
    return session is not None and (session.paused or replaced(session))


def held_by_pause(game, event) -> bool:
    """True when the facilitator's pause swallows this input: every key, click and scroll but F9,
    on the board, the hand-over and the resolution screens alike (and all of them once another
    laptop plays the group)."""
    if not held(game):
        return False
    if event.type == pygame.KEYDOWN and event.key == pygame.K_F9 and not replaced(game.classroom):
        return False
    return event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.KEYDOWN, pygame.MOUSEWHEEL)


class HeldByPause(Scene):
    """Mixed into a screen of play other than the board (the hand-over, the resolution): while
    the facilitator has paused the session, it takes no input but F9 and is covered."""

    game: Game  # the screens it is mixed into show this game

    def handle(self, event) -> bool:
        return held_by_pause(self.game, event)

    def ticking(self) -> bool:
        # The board asks for the timer every frame, which is when a classroom session takes what
        # the class server sent (a pause, the end); these screens take it here.
        session = getattr(self.game, "classroom", None)
        if session is not None:
            session.sync()
        return super().ticking()

    def draw_over(self, surface) -> None:
        if held(self.game):
            draw_pause_cover(self.app, surface, self.game.classroom)
        super().draw_over(surface)


def teachers_news(game) -> int:
    """How many of the facilitator's acts this turn's planning tells the players of (an injection,
    an adjustment, a note): the board's news opens on them (on Commitments, after a summit, a
    class missed the teacher's injection)."""
    from game.session.replay import NEWS_KINDS

    return sum(a.kind in NEWS_KINDS for a in game.pending_acts()) if game.classroom is not None else 0
