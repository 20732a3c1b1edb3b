"""`tournament`: a round robin of agents for a class's AI tournament."""

from __future__ import annotations

import json

import pytest
from cli_driver import run_game
from conftest import ROOT

from game.sim.tournament import Record, Tournament, round_robin, standings_markdown

GREEDY = str(ROOT / "examples" / "agents" / "greedy.py") + ":Greedy"


@pytest.mark.slow
def test_every_agent_meets_every_other_and_the_points_add_up(testing_event):
    agents = ["idle", "easy", GREEDY]
    seen = []
    t = round_robin([testing_event], agents, 2, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 6) for n in range(1, 7)]  # after each game
    by_name = {r.agent: r for r in t.standings}
    assert all(r.played == 4 for r in t.standings)  # two opponents, two games each
    assert sum(r.won for r in t.standings) == sum(r.lost for r in t.standings)
    for a in agents:
        for b in agents:
            if a != b:  # what one took from a pairing, the other did not
                assert by_name[a].against[b] + by_name[b].against[a] == 2
    assert abs(sum(r.margin for r in t.standings)) < 1e-6
    assert t.standings[-1].agent == "idle" and t.standings[-1].points == 0
    # Best first: share of points, then the mean margin.
    keys = [(-r.share, -r.mean_margin) for r in t.standings]
    assert keys == sorted(keys)
    figures = t.to_json()
    assert [s["rank"] for s in figures["standings"]] == [1, 2, 3]
    assert figures["standings"][0]["against"]["idle"] == 1.0


def test_the_tables_name_each_agent_in_a_cell_of_its_own():
    odd = "my|agents.py:Mine"  # (a path may hold the mark that splits a table's cells)
    records = [
        Record(odd, won=2, margin=10.0, against={"idle": 2.0}),
        Record("idle", lost=2, margin=-10.0, against={odd: 0.0}),
    ]
    text = standings_markdown(Tournament(["testing_event"], 2, records))
    assert "| 1 | `my\\|agents.py:Mine` | 2 | 2 | 0 | 0 | 2 | 100% | +5.0 |" in text
    assert "| `idle` | 0% |  |" in text


def test_the_command_ranks_the_agents_and_refuses_a_field_that_is_not_one(tmp_path):
    out = run_game("tournament", "idle", "easy", "--games", "2", "--json")
    assert out.returncode == 0, out.stderr
    standings = json.loads(out.stdout)["standings"]
    assert [s["agent"] for s in standings] == ["easy", "idle"] and standings[0]["share"] == 1.0
    out = run_game("tournament", "easy", "--games", "2")
    assert out.returncode == 2 and "a tournament needs two agents or more" in out.stderr
    out = run_game("tournament", "easy", "idle", "easy", "--games", "2")
    assert out.returncode == 2 and "each agent once: easy is named more than once" in out.stderr
    broken = tmp_path / "broken.py"
    broken.write_text("class Mine:\n    pass\n", encoding="utf-8")
    out = run_game("tournament", "easy", f"{broken}:Mine", "--games", "2")
    assert out.returncode == 1 and "Mine() takes no arguments" in out.stderr
    out = run_game("tournament", "easy", "idle", "--level", "no_such_level")
    assert out.returncode == 1
