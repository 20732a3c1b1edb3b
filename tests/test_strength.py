"""The strength table (issue 16): how the levels of play fare against each other and against fixed
card priorities, and how it is written into the balance report."""

import json

import pytest
from cli_driver import run_game

from game.ai import Budget, decide, make_agent
from game.ai.priority import priority_spec
from game.ai.protocol import PLAY
from game.core import initial_state, is_legal_plan, legal_actions
from game.sim.strength import from_json, interval, markdown, measure, priorities, to_json, version_of


def test_a_fixed_priority_plays_the_first_cards_of_its_list_it_can_use(testing_event):
    state = initial_state(testing_event, 1)
    cards = [a.id for a in testing_event.side_actions("moscow")][::-1]
    usable = [c for c in cards if c in legal_actions(state, "moscow")]
    agent = make_agent(priority_spec(["b_un_abstain", *cards]), "moscow", 1)
    plan = decide(agent, state, "moscow")
    assert is_legal_plan(state, "moscow", plan) and plan[0] == usable[0] and len(plan) > 1
    assert decide(make_agent("priority:nothing_known", "moscow", 1), state, "moscow") == ()


def test_the_idle_agent_does_nothing(testing_event):
    state = initial_state(testing_event, 1)
    assert decide(make_agent("idle", "beijing", 1), state, "beijing") == ()


def test_an_interval_stays_inside_nought_and_one():
    assert interval(0.0, 30)[0] == 0.0 and interval(1.0, 30)[1] == 1.0
    low, high = interval(0.5, 36)
    assert 0.33 < low < 0.5 < high < 0.67


@pytest.mark.slow
def test_the_table_has_every_pairing_and_reads_back(mini):
    rows = measure(mini, games=2, budget=Budget(iterations=4), favourite_games=1)
    assert [(r.a, r.b) for r in rows] == [
        ("hard", "normal"),
        ("normal", "easy"),
        ("idle", "normal"),
        ("greedy", "hard"),
        ("favourites", "hard"),
        ("favourite three", "hard"),
    ]
    assert all(r.games == 2 and set(r.a_wins_as) == {"moscow", "beijing"} for r in rows)
    assert from_json(json.loads(json.dumps(to_json(rows, "x")))) == rows
    lines = markdown(rows, {mini.id: "Mini"}, "python -m game strength")
    assert lines[0] == "## Strength of the levels of play"
    assert any(line.startswith("| Mini | ") for line in lines)
    assert "Missed: " in lines[-1] or lines[-1] == "Every target met."


@pytest.mark.slow
def test_the_priorities_list_both_sides_cards(testing_event):
    found = priorities(testing_event, favourite_games=1)
    assert set(found) == {"greedy", "favourites", "favourite three"}
    for spec in found.values():
        cards = spec.removeprefix("priority:").split(",")
        assert {testing_event.actions[c].side for c in cards} == {"moscow", "beijing"}


@pytest.mark.slow
def test_the_strength_command_writes_its_table_into_the_balance_report(tmp_path):
    out = run_game(
        "strength",
        "testing_event",
        "--games",
        "2",
        "--think-iterations",
        "4",
        "--out",
        str(tmp_path),
        "--json",
    )
    assert out.returncode in (0, 1), out.stderr
    assert json.loads(out.stdout)["pairings"][0]["level"] == "testing_event"
    assert (tmp_path / "strength.json").is_file()
    assert "## Strength of the levels of play" in (tmp_path / "balance.md").read_text(encoding="utf-8")


def test_the_report_says_which_levels_changed_since_their_rows_were_measured(catalogue, tmp_path):
    from game.commands.balance import strength_section
    from game.sim.strength import Pairing

    def row(level):
        return Pairing(level, "hard", "normal", 32, 0.7, 0.0, {"moscow": 0.6, "beijing": 0.8}, 0.65, True)

    rows = [row("testing_event"), row("pivot_east")]
    kept = version_of(catalogue.load("testing_event"))
    table = tmp_path / "strength.json"
    table.write_text(json.dumps(to_json(rows, "x", {"testing_event": kept, "pivot_east": "an older one"})))
    said = "\n".join(strength_section(tmp_path / "balance.md", catalogue))
    assert "**Measured on an earlier version of Pivot east (2014-2021).**" in said
    assert "`python -m game strength pivot_east` measures them again" in said
    # A table written before the versions were kept cannot tell: every level counts as changed.
    table.write_text(json.dumps({"command": "x", "pairings": json.loads(table.read_text())["pairings"]}))
    said = "\n".join(strength_section(tmp_path / "balance.md", catalogue))
    assert "`python -m game strength pivot_east testing_event` measures them again" in said
    # Measured as it is now: nothing to say.
    versions = {level: version_of(catalogue.load(level)) for level in ("testing_event", "pivot_east")}
    table.write_text(json.dumps(to_json(rows, "x", versions)))
    assert "earlier version" not in "\n".join(strength_section(tmp_path / "balance.md", catalogue))
    # The same levels measured with agents that played otherwise: every row is flagged.
    older = {level: version.replace(PLAY, "an older way of playing") for level, version in versions.items()}
    table.write_text(json.dumps(to_json(rows, "x", older)))
    said = "\n".join(strength_section(tmp_path / "balance.md", catalogue))
    assert "`python -m game strength pivot_east testing_event` measures them again" in said
    assert "or the game's own agents" in said


def test_measuring_one_level_again_keeps_the_table_in_campaign_order(catalogue):
    from game.commands.strength import merged

    def rows(level, a_wins):
        return [{"level": level, "a": a, "b": "normal", "a_wins": a_wins} for a in ("hard", "idle")]

    kept = {
        "command": "python -m game strength --games 64",
        "versions": {"shanghai_five": "v1", "testing_event": "v1", "middle_corridor": "v1"},
        "pairings": rows("shanghai_five", 0.7) + rows("testing_event", 0.6) + rows("middle_corridor", 0.5),
    }
    fresh = {"command": "again", "versions": {"testing_event": "v2"}, "pairings": rows("testing_event", 0.9)}
    table = merged(kept, fresh, catalogue)
    assert [(r["level"], r["a"]) for r in table["pairings"]] == [
        (level, a)
        for level in ("shanghai_five", "testing_event", "middle_corridor")
        for a in ("hard", "idle")
    ]
    assert [r["a_wins"] for r in table["pairings"] if r["level"] == "testing_event"] == [0.9, 0.9]
    assert table["versions"] == {"shanghai_five": "v1", "testing_event": "v2", "middle_corridor": "v1"}
    assert list(table["versions"]) == ["shanghai_five", "testing_event", "middle_corridor"]


def _one_row(monkeypatch):
    """The strength command with its duels stood in for by one measured row."""
    import game.sim.strength as strength
    from game.sim.strength import Pairing

    row = Pairing("testing_event", "hard", "normal", 2, 1.0, 0.0, {"moscow": 1.0, "beijing": 1.0}, 0.65, True)
    monkeypatch.setattr(strength, "measure", lambda *a, **k: [row])


@pytest.mark.parametrize("kept", ["[]", '{"pairings": "rows"}', "{not json", '{"versions": [1, 2]}'])
def test_an_unreadable_table_beside_the_report_is_replaced_not_merged(monkeypatch, tmp_path, kept):
    from game.cli import main

    _one_row(monkeypatch)
    (tmp_path / "strength.json").write_text(kept, encoding="utf-8")
    assert main(["strength", "testing_event", "--out", str(tmp_path)]) == 0
    table = json.loads((tmp_path / "strength.json").read_text(encoding="utf-8"))
    assert [r["level"] for r in table["pairings"]] == ["testing_event"]


def test_a_table_that_cannot_be_written_says_why_and_fails(monkeypatch, tmp_path, capsys):
    import errno
    from pathlib import Path

    from game.cli import main

    _one_row(monkeypatch)
    real = Path.write_text

    def full_disk(self, *args, **kwargs):
        if self.name == "strength.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_disk)
    assert main(["strength", "testing_event", "--out", str(tmp_path)]) == 1
    said = capsys.readouterr().err
    assert "cannot write" in said and "No space left on device" in said
