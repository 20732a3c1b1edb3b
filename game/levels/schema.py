"""The JSON schemas of a level file and of a level's text in another language, for editors
(`#:schema ./level.schema.json`, `#:schema ./level-text.schema.json`)."""

from __future__ import annotations

import json
from typing import Any

from game.levels.spec import LevelSpec, LevelTextSpec


def _keys_as_validated(node: Any) -> None:
    """Hold the keys of a table of ids (`[flags]`) to the id's pattern in the schema, as the
    validator does: pydantic writes the pattern for the values' sake only, so an editor let
    `SpurX = false` pass that the game refuses."""
    if isinstance(node, dict):
        patterns = node.get("patternProperties")
        names = node.get("propertyNames")
        if (
            isinstance(patterns, dict)
            and len(patterns) == 1
            and isinstance(names, dict)
            and "pattern" not in names
        ):
            names["pattern"] = next(iter(patterns))
            node["additionalProperties"] = False
        for value in node.values():
            _keys_as_validated(value)
    elif isinstance(node, list):
        for value in node:
            _keys_as_validated(value)


def schema() -> dict[str, Any]:
    """The JSON schema of a level file, from the pydantic models of `game.levels.spec`."""
    s = LevelSpec.model_json_schema()
    _keys_as_validated(s)
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
