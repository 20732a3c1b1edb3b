#!/usr/bin/env python3
"""The table of docs/classroom.md, "Short sessions": both sides' shares of wins at every shipped
level's classroom cut, with normal agents on both sides, scored provisionally.

    python scripts/cut_table.py [GAMES]        (default 100, seeds 0 to GAMES-1, one process)

A program that prints figures, not a test: it plays hundreds of games (about ten minutes).
"""

from __future__ import annotations

import sys

from game.levels import Catalogue
from game.sim.cut import cut_balance, cut_table


def main(argv: list[str]) -> int:
    games = int(argv[0]) if argv else 100
    catalogue = Catalogue.scan()
    rows = []
    for entry in catalogue.playable():
        row = cut_balance(catalogue.load(entry.id), games=games)
        rows.append(row)
        print(f"{entry.id}: cut {row.cut}, {row.games} games, wins {row.wins}", file=sys.stderr)
        for seed, why in row.failed:
            print(f"  left out seed {seed}: {why}", file=sys.stderr)
    print(cut_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
