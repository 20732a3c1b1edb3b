"""What a side can see of the game: the state as it stands, less what only the other side knows.

The board shows a player this view and every agent decides from it (DESIGN §1, "The AI"), so the
AI sees no more than a person would. Hidden from a side: the other side's own political capital,
freed forces and dependence (a side sees its partner's economy, security and standing, as the
news would), the other side's cooldowns and the delayed effects of its actions, and the game's
random state and seed (an agent imagines its draws from a stream of its own). The turns already
played stay in view, both sides' plans included (they were revealed), less the changes to the
meters the side cannot see.
"""

from __future__ import annotations

from game.core.meters import SIDE_METERS, other
from game.core.report import TurnReport
from game.core.state import GameState

# What a side can see of the other's own meters.
PUBLIC_OF_OTHER = ("economy", "security", "standing")
HIDDEN_OF_OTHER = tuple(name for name in SIDE_METERS if name not in PUBLIC_OF_OTHER)

# A side's view of the game. It is a whole game state, so that an agent can imagine turns from it
# with the engine; what the side cannot see reads as described in `observe`.
Observation = GameState


def observe(state: GameState, side: str) -> Observation:
    """A copy of `state` as `side` sees it.

    The other side's hidden meters read as the level's start gave them, which both sides were
    told; its cooldowns and the delayed effects of its actions are left out; the random state and
    the seed are 0; the reports of past turns leave out the changes to the hidden meters. The copy
    is a whole game state, so an agent can imagine turns from it with the engine. Observing an
    observation again gives the same view.
    """
    seen = state.copy()
    partner = other(side)
    start = state.level.start
    hidden = {f"{partner}.{name}" for name in HIDDEN_OF_OTHER}
    for key in hidden:
        seen.meters[key] = start[key]
    prefix = f"{partner}:"
    seen.ready_at = {k: turn for k, turn in state.ready_at.items() if not k.startswith(prefix)}
    actions = state.level.actions
    seen.scheduled = tuple(
        s
        for s in state.scheduled
        if not (s.cause_kind == "action" and s.cause_id in actions and actions[s.cause_id].side == partner)
    )
    seen.rng = 0
    seen.seed = 0  # the seed and the plans played would give the game's draws away
    seen.history = tuple(_without(report, hidden) for report in state.history)
    return seen


def _without(report: TurnReport, hidden: set[str]) -> TurnReport:
    """A turn's report less its changes to the `hidden` meters."""
    if not any(record[0] in hidden for record in report.records):
        return report  # (reports are never changed once made, so one can be shared)
    seen = TurnReport(report.turn, report.date, dict(report.plans))
    seen.records = [record for record in report.records if record[0] not in hidden]
    seen.events, seen.flags_set, seen.flags_cleared = report.events, report.flags_set, report.flags_cleared
    seen.flag_phases = report.flag_phases
    seen.notes, seen.outcome, seen.ceiling_cause = report.notes, report.outcome, report.ceiling_cause
    seen.settled = report.settled
    return seen
