"""How to play: the aim, a turn, reading the board, and the keys, on one screen that scrolls.

Opened with F1 from any screen, from the title and from the game's menu; Esc or Back closes it and
the screen under it comes back as it was. The words are the game's own, in every language.
"""

from __future__ import annotations

from game.i18n import N_
from game.ui.scenes.base import SectionsPage

HELP = [
    (
        N_("The aim"),
        N_(
            "You govern from Moscow or from Beijing. Each side has an agenda of goals, scored out of "
            "100, and both sides can win. The partnership between the two is useful and real, but "
            "four limits hold it back: the identity gap, divergent methods, rivalry in Central Asia, "
            "and Washington's thaw with either side. The ceiling on the board is as high as the "
            "limits let the partnership rise; while the partnership stands at it, the board names "
            "the limit that holds it down."
        ),
    ),
    (
        N_("A turn"),
        N_(
            "On the turns the level sets, the two capitals first meet at a summit: put terms forward "
            "(offers, requests, promises, warnings, the level's deals), then accept, reject or counter "
            "the other side's. Then choose up to three cards your political capital can pay for and "
            "lock the plan. The turn resolves step by step, each change with its cause. A word given "
            "at the summit binds: kept, it builds trust; broken, it costs trust for years."
        ),
    ),
    (
        N_("Reading the board"),
        N_(
            'Every meter, card and state answers "why?": point at it, or reach it with Tab and the '
            "arrow keys, to see its history and the causes of its last change. Pointing at a card "
            "shows its forecast: what your plan would do at once, were your partner to do nothing, "
            "before the turn's events. The news tells what happened; the Commitments tab, the words "
            "that still run."
        ),
    ),
    (
        N_("Keys"),
        N_(
            "Tab and the arrow keys move the focus; Enter or Space chooses; Esc opens the menu or goes "
            "back. On the board: L locks the plan, U or Ctrl+Z undoes, F filters the cards, PgUp and "
            "PgDn turn their pages, C shows the commitments. At the summit: K skips it. While a turn "
            "resolves: N goes on, B goes back a step, S skips to the end, W switches between the event "
            "cards and the written log. In the debrief: 1 to 4 choose the tab. F1 opens this page."
        ),
    ),
]


class HelpScene(SectionsPage):
    name = "help"
    heading = N_("How to play")
    sections = HELP
