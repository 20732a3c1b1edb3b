"""`duel`: agent against agent, head to head, half the games on each side."""

from __future__ import annotations

import argparse

from game.commands.arguments import (
    AGENT_HELP,
    MAX_WORKERS,
    SIDES,
    add_levels_option,
    add_think_options,
    agent,
    at_least,
    seed,
    think_budget,
)
from game.commands.exit_codes import ExitCode

NAME = "duel"
HELP = "head to head: how often agent A's agenda score beats agent B's"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("a", type=agent, metavar="A", help=f"an agent: {AGENT_HELP}")
    p.add_argument("b", type=agent, metavar="B", help="the agent it plays against")
    p.add_argument("--level", default="testing_event", metavar="ID")
    p.add_argument(
        "--games", type=at_least(1), default=200, metavar="N", help="half with A as Moscow, half as Beijing"
    )
    p.add_argument("--seed", type=seed, default=0, metavar="S")
    p.add_argument("--workers", type=at_least(1, MAX_WORKERS), default=1, metavar="K")
    p.add_argument("--json", action="store_true")
    add_think_options(p)
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    import json

    from game.commands.loading import load_agents, load_level
    from game.sim.duel import duel

    level = load_level(args.level, args.levels)
    if level is None or not load_agents(args.a, args.b):
        return ExitCode.FAILED
    budget = think_budget(args)
    result = duel(level, args.a, args.b, args.games, args.seed, args.workers, budget)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{level.title}: {args.a} against {args.b}, {result['games']} games (half on each side)")
        print(
            f"  {args.a} scored higher in {result['a_wins']:.1%}, lower in {result['b_wins']:.1%}, "
            f"tied in {result['ties']:.1%}"
        )
        for side in SIDES:
            print(f"  as {side}: {args.a} scored higher in {result['a_wins_as'][side]:.1%}")
    return ExitCode.OK
