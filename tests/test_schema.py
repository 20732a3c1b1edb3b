import json

import pytest
from cli_driver import run_game
from conftest import ROOT

from game.levels.schema import schema_text

SCHEMA_FILE = ROOT / "levels" / "level.schema.json"


def test_the_shipped_schema_is_up_to_date():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "levels/level.schema.json is out of date: run  python -m game schema > levels/level.schema.json"
    )


@pytest.mark.slow
def test_schema_command_prints_the_schema_with_descriptions():
    out = run_game("schema")
    assert out.returncode == 0
    schema = json.loads(out.stdout)
    assert schema["additionalProperties"] is False
    action = schema["$defs"]["ActionSpec"]
    assert action["additionalProperties"] is False
    assert all("description" in p or "$ref" in p or "anyOf" in p for p in action["properties"].values())
    assert "description" in action["properties"]["cost"]


def test_the_schema_refuses_what_the_validator_refuses_in_flags_and_conditions():
    # A modder's editor passed `SpurX = false` in [flags] and an empty `when`, which the game refuses.
    import re

    schema = json.loads(schema_text())
    flags = schema["properties"]["flags"]["anyOf"][0]
    assert flags["additionalProperties"] is False
    key = re.compile(flags["propertyNames"]["pattern"])
    assert key.search("war_started") and not key.search("SpurX")
    blank = re.compile(schema["$defs"]["EventSpec"]["properties"]["when"]["pattern"])
    assert not blank.search("   ") and blank.search("war")


def test_the_base_ruleset_writes_out_the_engines_defaults():
    """base.toml says its [rules] are the defaults of game.core.level.Rules, written out so that a
    change can point to a file and line; a level that does not extend base gets the same game."""
    import dataclasses

    import tomli

    from game.core.level import Rules

    base = tomli.loads((ROOT / "levels" / "base.toml").read_text(encoding="utf-8-sig"))["rules"]
    defaults = Rules()
    for f in dataclasses.fields(Rules):
        assert f.name in base, f"levels/base.toml [rules] leaves out {f.name}"
        assert base[f.name] == getattr(defaults, f.name), (
            f"{f.name}: base.toml {base[f.name]}, Rules {getattr(defaults, f.name)}"
        )
