"""A side's agenda as the player reads it, in the New game briefing and the board's Agenda tab."""

from __future__ import annotations

import html

from game.core.engine import goal_value
from game.core.meters import AGGREGATES, aggregate_value
from game.i18n import _
from game.ui.numbers import goal_points, shown


def known_agendas(game) -> tuple[str, ...]:
    """The sides whose agendas the people at this screen know: one person's own; none when two
    share it (each keeps theirs from the other); both when agents play and someone watches."""
    humans = game.humans()
    return tuple(humans) if len(humans) == 1 else () if humans else ("moscow", "beijing")


def goal_thresholds(level, meter: str, sides: tuple[str, ...] = ("moscow", "beijing")) -> list[float]:
    """The values the goals of `sides`' agendas on `meter` name (and Washington's line for a thaw,
    which every player knows): a figure of `meter` shown anywhere must not seem to reach one it
    does not. Only the agendas the viewer knows: Beijing's standing shown as 74.99 told Moscow's
    player that Beijing's agenda asks for 75."""
    out = [
        t
        for side, agenda in level.agendas.items()
        if side in sides
        for g in agenda.goals
        if g.meter == meter
        for t in (g.at_least, g.at_most)
        if t is not None
    ]
    if meter.startswith("washington.thaw_"):
        out.append(level.washington.threshold)
    return out


def goals_met_before(game, side: str) -> set[int]:
    """The side's goals (by their place in its agenda) met at the end of some turn already played,
    before the one just played: a goal met then and not now has been lost, not "not yet" met."""
    agenda = game.level.agendas.get(side)
    if agenda is None or len(game.reports) < 2:
        return set()
    # The meters at the end of each earlier turn, undone from where the game stands.
    meters = dict(game.state.meters)
    ends = []
    for report in reversed(game.reports[1:]):
        for c in reversed(report.changes):
            meters[c.meter] = c.before
        ends.append(dict(meters))

    def value(meters: dict[str, float], meter: str) -> float:
        return aggregate_value(meters, meter) if meter in AGGREGATES else meters[meter]

    return {i for i, g in enumerate(agenda.goals) if any(g.met(value(m, g.meter)) for m in ends)}


def agenda_html(level, side: str, state=None, met_before: set[int] | frozenset[int] = frozenset()) -> str:
    """The side's agenda: the goals it is scored on (met or not, when a game's `state` is given,
    and no longer met, where a goal `met_before` is not met now) and the score it needs to win. Read from
    the level and the engine, never worked out here."""
    agenda = level.agendas.get(side)
    if agenda is None:
        return ""
    points = goal_points([g.weight for g in agenda.goals])
    out = [
        _("<b>Your agenda</b>: score {win_at} of 100 to win. {summary}").format(
            win_at=f"{agenda.win_at:g}", summary=html.escape(agenda.summary)
        )
    ]
    for i, (g, share) in enumerate(zip(agenda.goals, points, strict=True)):
        if state is None:
            out.append("• " + _("{goal} ({points} points)").format(goal=html.escape(g.text), points=share))
        else:
            value = goal_value(state, g.meter)
            now = shown(value, [t for t in (g.at_least, g.at_most) if t is not None])
            # A goal met before and missed now is "no longer met", not "lost": a player read
            # "lost" as gone for good and gave up a goal the next turn could meet again.
            word = _("MET") if g.met(value) else _("no longer met") if i in met_before else _("not yet")
            out.append(
                "• "
                + _("{mark}: {goal} (now {now}; {points} points)").format(
                    mark=word, goal=html.escape(g.text), now=now, points=share
                )
            )
    return "<br>".join(out)
