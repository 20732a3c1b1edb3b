"""A greedy agent: an example of bringing your own agent to Pragmatic Partners.

It looks at its side's agenda, sees which goals are not met yet, and plays the cards whose own
effects push hardest toward them, as many as its political capital allows. It looks no further
ahead than the cards' printed effects, so the rules' own movements (the ceiling, Washington,
events) surprise it: a first step to improve on.

Play it:

    python -m game duel examples/agents/greedy.py:Greedy normal --level testing_event --games 20
    python -m game simulate pivot_east --moscow examples/agents/greedy.py:Greedy --beijing easy
    python -m game play --beijing examples/agents/greedy.py:Greedy      (you play Moscow)

docs/agents.md describes what `choose` is given and what it must return.
"""

from game.core.engine import goal_value
from game.core.meters import STATES


class Greedy:
    """Plays the legal plan whose cards push hardest toward the agenda's unmet goals."""

    name = "greedy"

    def __init__(self, side, seed, budget):
        # side: "moscow" or "beijing"; seed: for a random stream of its own (this agent needs
        # none); budget: how long it may think (it needs a few milliseconds).
        self.side = side
        self.reason = ""

    def wants(self, observation):
        """How much a point of each meter is worth now: the weight of each unmet goal on it, with
        its sign (+ for "at least", - for "at most")."""
        wants = {}
        for goal in observation.level.agendas[self.side].goals:
            value = goal_value(observation, goal.meter)
            if goal.met(value):
                continue  # met already: more of it earns nothing
            sign = 1.0 if goal.at_least is not None else -1.0
            if goal.meter.startswith("central_asia."):
                # The average share of a power: a card moves it state by state, or the region.
                power = goal.meter.split(".")[1]
                wants[goal.meter] = wants.get(goal.meter, 0.0) + sign * goal.weight
                for state in STATES:
                    key = f"{state}.{power}"
                    wants[key] = wants.get(key, 0.0) + sign * goal.weight / len(STATES)
            else:
                wants[goal.meter] = wants.get(goal.meter, 0.0) + sign * goal.weight
        return wants

    def choose(self, observation, legal):
        """The legal plan with the most push toward unmet goals (the cheaper one on a tie)."""
        wants = self.wants(observation)
        actions = observation.level.actions

        def push(card):
            return sum(wants.get(meter, 0.0) * delta for meter, delta in actions[card].does.effects)

        def value(plan):
            return (sum(push(card) for card in plan), -sum(actions[card].cost for card in plan))

        best = max(legal, key=value)
        if best:
            names = ", ".join(actions[card].name for card in best)
            self.reason = f"{names}: the cards that push hardest toward the goals not met yet"
        else:
            self.reason = "no card pushes toward a goal not met yet"
        return best
