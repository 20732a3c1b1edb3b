"""Determinization: one whole game state drawn from what a side can see, for imagining futures.

An agent that looks ahead needs a state the engine can resolve, but its observation leaves out
what only the other side knows. It fills those parts in with draws from its own random stream,
guided by what the observation does show:

- the other side's political capital: between what its income gave it last turn and the cap;
- its freed forces and dependence: near where the rules have been pulling them since the start
  (border trust frees forces, trade makes a side dependent), with some spread;
- its cooldowns and the delayed effects of its actions: read from the past turns' plans when the
  observation has them (the plans are revealed once a turn resolves), else none;
- the game's random state (the event draws): a fresh draw.

Drawing many such states and averaging over them is how `normal` and `hard` judge a plan without
knowing what they cannot see.
"""

from __future__ import annotations

import math

from game.core import rng
from game.core.meters import meter_range, other
from game.core.observe import Observation
from game.core.state import GameState, Scheduled


def _normal(state: int) -> tuple[float, int]:
    """A standard normal draw (Box-Muller) and the next state."""
    u, state = rng.uniform(state)
    v, state = rng.uniform(state)
    return math.sqrt(-2.0 * math.log(1.0 - u)) * math.cos(2.0 * math.pi * v), state


def _settled(start: float, target: float, rate: float, turns: int) -> float:
    """Where a meter that moves `rate` of the way to `target` each turn stands after `turns`."""
    return target + (start - target) * (1.0 - rate) ** max(0, turns)


def seen_cooldowns(state: GameState, side: str) -> dict[str, int]:
    """The first turn each of `side`'s cards may be played again, as the other side can tell from
    the plans it saw played (the engine starts a card's cooldown when it is played, and at no
    other time)."""
    actions = state.level.actions
    ready: dict[str, int] = {}
    for report in state.history:
        for card in report.plans.get(side, ()):
            action = actions.get(card)
            if action is not None and action.cooldown:
                ready[card] = report.turn + 1 + action.cooldown
    return ready


def determinize(observation: Observation, side: str, stream: int) -> tuple[GameState, int]:
    """A whole state consistent with `observation` (what `side` sees), its hidden parts drawn
    from `stream`; returns the state and the stream's next value."""
    state = observation.copy()
    level, m = state.level, state.meters
    rules, start = level.rules, level.start
    partner = other(side)
    turns = state.turn - 1
    spread = min(12.0, 3.0 * math.sqrt(turns))

    # Political capital: its income came in at the end of last turn; what it spent is unknown.
    key = f"{partner}.capital"
    income = int(rules.capital_income + m[f"{partner}.standing"] * rules.capital_per_standing)
    low = float(min(start[key], income)) if turns else start[key]
    high = max(low, rules.capital_cap if turns else start[key])
    u, stream = rng.uniform(stream)
    m[key] = float(int(low + u * (high - low + 1))) if high > low else low
    m[key] = min(m[key], high)

    # Freed forces follow border trust (less what a war commits); dependence follows trade.
    forces = m["military_trust"] * rules.freed_forces_per_trust
    if partner == rules.war_side and state.flags.get(rules.war_flag):
        forces -= rules.war_forces_committed * state.flag_turns.get(rules.war_flag, 0)
    per_tie = rules.trade_dependence_moscow if partner == "moscow" else rules.trade_dependence_beijing
    dependence = start[f"{partner}.dependence"] + per_tie * (m["economic_ties"] - start["economic_ties"])
    if partner == "moscow" and state.flags.get(rules.sanctions_flag):
        dependence += rules.sanctions_dependence
    for name, target, rate in (
        ("freed_forces", forces, rules.freed_forces_rate),
        ("dependence", dependence, rules.dependence_rate),
    ):
        key = f"{partner}.{name}"
        z, stream = _normal(stream)
        low, high = meter_range(key)
        m[key] = round(min(high, max(low, _settled(start[key], target, rate, turns) + spread * z)), 2)

    # Cooldowns and delayed effects of the partner's actions, from the plans it was seen to play.
    ready_at, scheduled = dict(state.ready_at), list(state.scheduled)
    for card, ready in seen_cooldowns(state, partner).items():
        if ready > state.turn:
            ready_at[level.actions[card].ready_key] = ready
    for report in state.history:
        for action_id in report.plans.get(partner, ()):
            action = level.actions.get(action_id)
            if action is None:
                continue
            for d in action.delayed:
                if report.turn + d.after >= state.turn:
                    scheduled.append(
                        Scheduled(
                            report.turn + d.after, d.does, "action", action.id, d.source or action.source
                        )
                    )
    state.ready_at, state.scheduled = ready_at, tuple(scheduled)

    state.rng, stream = rng.next_u64(stream)
    return state, stream
