"""The JSON schema of a level file, for editors (`#:schema ./level.schema.json`)."""

from __future__ import annotations

import json
from typing import Any

from game.levels.spec import LevelSpec


def schema() -> dict[str, Any]:
    """The JSON schema of a level file, from the pydantic models of `game.levels.spec`."""
    s = LevelSpec.model_json_schema()
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "Pragmatic Partners level"
    return s


def schema_text() -> str:
    """The schema as the text of `levels/level.schema.json`."""
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
