"""The AI explains itself: a plan's reason in plain words, from the figures its search worked out.

What a reason says: how the agent expected the game to end for its agenda with this plan and with
none (its search's own means), and for each card what it expected the card to do one turn ahead:
its worth to the agenda, and the goals whose meters it moves. The debrief's Decisions tab shows
it; no rule syntax, only the level's own words for its goals and the meters' names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from game.ai.lookahead import imagine
from game.core import GameState, Plan
from game.core.engine import goal_value
from game.core.level import Goal
from game.core.meters import STATES, label, other
from game.core.summit import settle, term_words
from game.core.words import N_, Lines, Said, word

PROPER = {
    "Moscow",
    "Beijing",
    "West",
    "US",
    "Central",
    "Middle",
    "Northern",
    *(s.capitalize() for s in STATES),
}
LEAST_MOVE = 0.05  # a goal's meter moved less than this by a card is not worth a mention


def of_100(value: float) -> str:
    """An outlook (about 0-100, a little more for goals met with room to spare) as a reader
    takes it: a whole number from 0 to 100."""
    return f"{within_100(value):.0f}"


def within_100(value: float) -> float:
    """An outlook held between 0 and 100, as `of_100` says it (for a reason's values)."""
    return min(100.0, max(0.0, value))


def meter_name(meter: str) -> str:
    """A meter's name in the middle of a sentence: 'partnership', but 'Moscow standing'."""
    name = label(meter)
    first = name.split()[0].removesuffix("'s").rstrip(":")
    return name if first in PROPER else name[:1].lower() + name[1:]


def standing(goal: Goal, value: float) -> float:
    """How far `value` is inside the goal's bounds (negative: how far outside)."""
    room = []
    if goal.at_least is not None:
        room.append(value - goal.at_least)
    if goal.at_most is not None:
        room.append(goal.at_most - value)
    return min(room) if room else 0.0


def goal_moves(state: GameState, side: str, card: str, opponent_plan: Plan) -> list[tuple[Goal, float, bool]]:
    """(goal, how far the card moves its meter toward the goal, whether the goal is met with the
    card and without it) one turn ahead, with the other side's guessed plan and the same draws:
    largest first by the goal's weight; negative when it moves away."""
    without = imagine(state, side, (), opponent_plan, state.rng)
    with_card = imagine(state, side, (card,), opponent_plan, state.rng)
    moves = []
    for goal in state.level.agendas[side].goals:
        after = standing(goal, goal_value(with_card, goal.meter))
        before = standing(goal, goal_value(without, goal.meter))
        toward = after - before
        if abs(toward) >= LEAST_MOVE:
            moves.append((goal, toward, after >= 0 and before >= 0))
    moves.sort(key=lambda m: -abs(m[0].weight * m[1]))
    return moves


# The reasons' frames, said in the player's language by the interface (game.speech.reasons): {card}
# and {goal} as the level writes them, {meter} a meter's key, numbers with their format.
CARD_LINE = N_("{card}: {reasons}.")
WORTH = N_("worth {gain:+.1f} to its agenda one turn ahead")
MOVES_TOWARD = N_("moves {meter} {amount:.1f} toward “{goal}”")
MOVES_AWAY = N_("moves {meter} {amount:.1f} away from “{goal}”")
# A goal met either way (partnership 50 in "40 to 70"): the card moves the meter within it, not
# toward it ("0.9 toward" a goal already met read as a misreading of the goal).
MOVES_WITHIN = N_("moves {meter} {amount:.1f} further inside “{goal}”")
MOVES_TO_EDGE = N_("moves {meter} {amount:.1f} nearer the edge of “{goal}”")
NO_MOVE = word(N_("no goal's meter moves by itself at once; it counts on what follows"))
# The search's words (game.ai.hard): how far it looked, and the other side by name.
TO_THE_END = word(N_("to the end"))
NO_CARD = word(N_("it had no card it could use"))
DOING_NOTHING = N_("; doing nothing, about {nothing:.0f}")
PARTNER_NAMES = {"moscow": word(N_("Moscow")), "beijing": word(N_("Beijing"))}
NOTHING_BETTER = word(N_("Every card it could afford looked worse than keeping its capital."))


def card_reason(name: str, gain: float | None, moves: Sequence[tuple[Goal, float, bool]]) -> str:
    """One card's line: its worth one turn ahead and what it does for which goals."""
    parts: list[str] = []
    if gain is not None:
        parts.append(Said(f"worth {gain:+.1f} to its agenda one turn ahead", WORTH, {"gain": gain}))
    for goal, toward, within in moves[:2]:
        if within:
            frame = MOVES_WITHIN if toward > 0 else MOVES_TO_EDGE
        else:
            frame = MOVES_TOWARD if toward > 0 else MOVES_AWAY
        values = {"meter": goal.meter, "amount": abs(toward), "goal": goal.text}
        english = frame.format(meter=meter_name(goal.meter), amount=abs(toward), goal=goal.text)
        parts.append(Said(english, frame, values))
    if not moves:
        parts.append(NO_MOVE)
    reasons = Lines(parts, "; ")
    return Said(f"{name}: {reasons}.", CARD_LINE, {"card": name, "reasons": reasons})


# What a plan did with the side's word, and why the plan was chosen all the same: the search and
# the lookahead play the turn through the rules, so a broken word's cost (trust, partnership,
# standing) was in the figures the plan won on.
WORD_LINES = {
    "kept": N_("It kept its word: “{term}”."),
    "broken": N_(
        "It broke its word: “{term}”. The cost of breaking it was counted, and the plan "
        "still came out ahead of the ones that kept it."
    ),
    "defied": N_("It defied the warning “{term}”, expecting the plan to be worth the answer."),
    "carried out": N_("It carried out its warning: “{term}”."),
    "empty": N_(
        "It did not carry out its warning “{term}”: the answer looked dearer than the standing "
        "an empty threat costs."
    ),
}


def word_lines(state: GameState, side: str, plan: Plan) -> list[str]:
    """What `plan` does with the terms that bind `side` this turn, in words (the debrief's answer
    to "why did it break its word?")."""
    if not state.commitments:
        return []
    actions = state.level.actions
    chosen = {side: tuple(actions[a] for a in plan), other(side): ()}
    _, settled = settle(state.commitments, state.turn, chosen)
    return [
        Said(
            WORD_LINES[s.result].format(term=term_words(state.level, s.term)),
            WORD_LINES[s.result],
            {"term": s.term},
        )
        for s in settled
        if s.side == side and s.result in WORD_LINES
    ]


def plan_reason(
    state: GameState,
    side: str,
    plan: Plan,
    opponent_plan: Plan,
    gains: Mapping[str, float],
    outlook: str,
) -> str:
    """The whole reason for `plan`: the `outlook` sentence, then one line a card."""
    actions = state.level.actions
    words = word_lines(state, side, plan)
    if not plan:
        return Lines([Lines([outlook, NOTHING_BETTER], " "), *words])
    lines = [outlook]
    for card in plan:
        lines.append(
            card_reason(actions[card].name, gains.get(card), goal_moves(state, side, card, opponent_plan))
        )
    return Lines([*lines, *words])
