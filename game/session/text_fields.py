"""The text fields that the files kept for the player share: saves, replay logs, settings and the
classroom's records. None holds control characters but tabs and line breaks (`game.text`): a NUL in
a save's name once stopped the Load screen drawing it. Kept apart from the replay log's format so
that reading the settings at the start does not load the rules engine."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

from game.text import refuse_control

Plain = Annotated[str, AfterValidator(refuse_control)]
"""Text from a file, refused (with its location) when it holds a control character."""
