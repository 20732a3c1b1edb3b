"""`tournament`: a round robin of agents, for a class's AI tournament (docs/agents.md)."""

from __future__ import annotations

import argparse
import sys

from game.commands.arguments import (
    AGENT_HELP,
    MAX_WORKERS,
    add_levels_option,
    add_think_options,
    agent,
    at_least,
    seed,
    think_budget,
)
from game.commands.exit_codes import ExitCode, UsageError

NAME = "tournament"
HELP = "a round robin: every agent against every other, ranked by the games each won"

MAX_AGENTS = 40  # a class of agents; 40 make 780 pairings


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "agents",
        type=agent,
        nargs="+",
        metavar="AGENT",
        help=f"two or more agents, each different: {AGENT_HELP}",
    )
    p.add_argument(
        "--level",
        dest="tournament_levels",
        action="append",
        metavar="ID",
        help="a level to play on (default testing_event); give it again for more levels",
    )
    p.add_argument(
        "--games",
        type=at_least(2, 1000),
        default=20,
        metavar="N",
        help="games each pairing plays on each level, half with each agent as Moscow (default 20)",
    )
    p.add_argument(
        "--seed", type=seed, default=0, metavar="S", help="the first seed (every pairing plays the same)"
    )
    p.add_argument("--workers", type=at_least(1, MAX_WORKERS), default=1, metavar="K")
    p.add_argument("--json", action="store_true", help="the standings as JSON instead of Markdown tables")
    add_think_options(p)
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    import json

    from game.commands.loading import catalogue, load_agents, load_levels
    from game.commands.progress import progress_bar
    from game.sim.tournament import round_robin, standings_markdown

    agents = list(args.agents)
    if len(agents) < 2:
        raise UsageError("a tournament needs two agents or more")
    if len(set(agents)) < len(agents):
        twice = sorted({a for a in agents if agents.count(a) > 1})
        raise UsageError(f"each agent once: {', '.join(twice)} is named more than once")
    if len(agents) > MAX_AGENTS:
        raise UsageError(f"at most {MAX_AGENTS} agents")
    level_ids = list(dict.fromkeys(args.tournament_levels or ["testing_event"]))
    levels = load_levels(catalogue(args.levels), level_ids)
    if levels is None or not load_agents(*agents):
        return ExitCode.FAILED
    if not args.json:
        pairings = len(agents) * (len(agents) - 1) // 2 * len(levels)
        print(f"{pairings} pairings of {args.games} games...", file=sys.stderr)
    result = round_robin(
        levels, agents, args.games, args.seed, args.workers, think_budget(args), progress_bar()
    )
    if args.json:
        print(json.dumps(result.to_json()))
    else:
        sys.stdout.write(standings_markdown(result))
    return ExitCode.OK
