"""What a side can see of the game: the state as it stands, less what only the other side knows.

The board shows a player this view and every agent decides from it (DESIGN §1, "The AI"), so the
AI sees no more than a person would. Hidden from a side: the other side's own political capital,
freed forces and dependence (a side sees its partner's economy, security and standing, as the
news would), the other side's cooldowns and the delayed effects of its actions, and the game's
random state (an agent imagines its draws from a stream of its own).
"""

from __future__ import annotations

from game.core.meters import SIDE_METERS, other
from game.core.state import GameState

# What a side can see of the other's own meters.
PUBLIC_OF_OTHER = ("economy", "security", "standing")
HIDDEN_OF_OTHER = tuple(name for name in SIDE_METERS if name not in PUBLIC_OF_OTHER)


def observe(state: GameState, side: str) -> GameState:
    """A copy of `state` as `side` sees it.

    The other side's hidden meters read as the level's start gave them, which both sides were
    told; its cooldowns and the delayed effects of its actions are left out; the random state is
    0. The copy is a whole game state, so an agent can imagine turns from it with the engine.
    """
    seen = state.copy()
    partner = other(side)
    start = state.level.start
    for name in HIDDEN_OF_OTHER:
        key = f"{partner}.{name}"
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
    return seen
