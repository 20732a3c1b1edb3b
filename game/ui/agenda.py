"""A side's agenda as the player reads it, in the New game briefing and the board's Agenda tab."""

from __future__ import annotations

import html

from game.core.engine import goal_value


def agenda_html(level, side: str, state=None) -> str:
    """The side's agenda: the goals it is scored on (met or not, when a game's `state` is given)
    and the score it needs to win. Read from the level and the engine, never worked out here."""
    agenda = level.agendas.get(side)
    if agenda is None:
        return ""
    total = sum(g.weight for g in agenda.goals) or 1
    out = [f"<b>Your agenda</b>: score {agenda.win_at:g} of 100 to win. {html.escape(agenda.summary)}"]
    for g in agenda.goals:
        share = f"{100 * g.weight / total:.0f} points"
        if state is None:
            out.append(f"• {html.escape(g.text)} ({share})")
        else:
            met = g.met(goal_value(state, g.meter))
            out.append(f"• {'MET' if met else 'not yet'}: {html.escape(g.text)} ({share})")
    return "<br>".join(out)
