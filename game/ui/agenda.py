"""A side's agenda as the player reads it, in the New game briefing and the board's Agenda tab."""

from __future__ import annotations

import html

from game.core.engine import goal_value
from game.i18n import _
from game.ui.numbers import goal_points, shown


def goal_thresholds(level, meter: str) -> list[float]:
    """The values the agendas' goals on `meter` name (and Washington's line for a thaw): a figure
    of `meter` shown anywhere must not seem to reach one it does not."""
    out = [
        t
        for agenda in level.agendas.values()
        for g in agenda.goals
        if g.meter == meter
        for t in (g.at_least, g.at_most)
        if t is not None
    ]
    if meter.startswith("washington.thaw_"):
        out.append(level.washington.threshold)
    return out


def agenda_html(level, side: str, state=None) -> str:
    """The side's agenda: the goals it is scored on (met or not, when a game's `state` is given)
    and the score it needs to win. Read from the level and the engine, never worked out here."""
    agenda = level.agendas.get(side)
    if agenda is None:
        return ""
    points = goal_points([g.weight for g in agenda.goals])
    out = [
        _("<b>Your agenda</b>: score {win_at} of 100 to win. {summary}").format(
            win_at=f"{agenda.win_at:g}", summary=html.escape(agenda.summary)
        )
    ]
    for g, share in zip(agenda.goals, points, strict=True):
        if state is None:
            out.append("• " + _("{goal} ({points} points)").format(goal=html.escape(g.text), points=share))
        else:
            value = goal_value(state, g.meter)
            now = shown(value, [t for t in (g.at_least, g.at_most) if t is not None])
            word = _("MET") if g.met(value) else _("not yet")
            out.append(
                "• "
                + _("{mark}: {goal} (now {now}; {points} points)").format(
                    mark=word, goal=html.escape(g.text), now=now, points=share
                )
            )
    return "<br>".join(out)
