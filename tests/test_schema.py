import json

from cli_driver import run_game
from conftest import ROOT

from game.levels.schema import schema_text

SCHEMA_FILE = ROOT / "levels" / "level.schema.json"


def test_the_shipped_schema_is_up_to_date():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "levels/level.schema.json is out of date: run  python -m game schema > levels/level.schema.json"
    )


def test_schema_command_prints_the_schema_with_descriptions():
    out = run_game("schema")
    assert out.returncode == 0
    schema = json.loads(out.stdout)
    assert schema["additionalProperties"] is False
    action = schema["$defs"]["ActionSpec"]
    assert action["additionalProperties"] is False
    assert all("description" in p or "$ref" in p or "anyOf" in p for p in action["properties"].values())
    assert "description" in action["properties"]["cost"]
