"""The JSON schemas of a level file and of a level's text in another language, for editors
(`#:schema ./level.schema.json`, `#:schema ./level-text.schema.json`)."""

from __future__ import annotations

import json
from typing import Any

from game.levels.spec import LevelSpec, LevelTextSpec


def schema() -> dict[str, Any]:
    """The JSON schema of a level file, from the pydantic models of `game.levels.spec`."""
    s = LevelSpec.model_json_schema()
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "Pragmatic Partners level"
    return s


def schema_text() -> str:
    """The schema as the text of `levels/level.schema.json`."""
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def text_schema() -> dict[str, Any]:
    """The JSON schema of a level's text in another language (`<level>.<lang>.toml`)."""
    s = LevelTextSpec.model_json_schema()
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "Pragmatic Partners level text"
    return s


def text_schema_text() -> str:
    """The schema as the text of `levels/level-text.schema.json`."""
    return json.dumps(text_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
