"""The player's records: the best result on each level from each side, kept as records.json in
their data folder beside the settings, and read and written the settings' way.

A result is recorded when a game is played to the end; the best is the highest score (a win over
a loss at the same score, the earlier at a tie), and every game to the end is counted. Writing
is a merge under the settings' lock: the file is read as it is now and the new result added, so
two windows keep each other's records. A damaged file is set aside as `records.damaged-<n>.json`
(never deleted), the entries that could still be read are kept, and the player is told so once.
"""

from __future__ import annotations

import contextlib
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.core.meters import other
from game.paths import user_data_dir
from game.session.atomic import NotAFile, TooBig, read_bounded, set_aside, write_atomic
from game.session.data_folder import DataFolderError, writing
from game.session.game import HUMAN
from game.session.settings import file_lock
from game.session.text_fields import Plain

if TYPE_CHECKING:
    from game.session.game import Game

FORMAT: Final = "pragmatic-partners/records"
MAX_RECORDS_BYTES = 256_000
MAX_RECORDS = 1000

# "strategic_partnership/moscow": a level's id and a side.
RecordKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,47}/(moscow|beijing)$")]


class BestResult(BaseModel):
    """The best result of one side on one level, and how many games there were played to the end."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    score: float = Field(ge=0, le=100, description="The agenda's score, 0 to 100.")
    won: bool = Field(description="Whether the score reached the agenda's mark for a win.")
    outcome: Plain = Field(max_length=120, description="The level's outcome, by its title.")
    opponent: Plain = Field(
        max_length=40, description="Who played the other side: 'normal AI', 'a second player'."
    )
    when: Plain = Field(max_length=32, description="The day of the game, YYYY-MM-DD.")
    games: int = Field(1, ge=1, le=1_000_000, description="Games played to the end on this level and side.")


class Records(BaseModel):
    """What records.json holds."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["pragmatic-partners/records"] = FORMAT
    version: Literal[1] = 1
    best: dict[RecordKey, BestResult] = Field(default_factory=dict, max_length=MAX_RECORDS)

    def best_of(self, level_id: str, side: str) -> BestResult | None:
        """The best result on `level_id` from `side` (None before a game played to the end)."""
        return self.best.get(f"{level_id}/{side}")


def result_of(game: Game, side: str, when: date) -> BestResult:
    """How a game played to the end went for `side`, as a record keeps it."""
    level = game.level
    outcome = next((o.title for o in level.outcomes if o.id == game.state.outcome), game.state.outcome or "")
    who = game.seats[other(side)].controller
    return BestResult(
        score=game.scores()[side],
        won=game.winners()[side],
        outcome=outcome[:120],
        opponent="a second player" if who == HUMAN else f"{who} AI"[:40],
        when=when.isoformat(),
    )


def records_path() -> Path:
    """Where the records are kept, in the user data folder."""
    return user_data_dir() / "records.json"


def better(new: BestResult, old: BestResult | None) -> bool:
    """Whether `new` beats `old`: a higher score, or a win over a loss at the same score."""
    return old is None or (new.score, new.won) > (old.score, old.won)


def merged(records: Records, key: str, result: BestResult) -> tuple[Records, bool]:
    """`records` with one more game to the end; True when it is the best of its level and side."""
    old = records.best.get(key)
    best = better(result, old)
    kept = result if best else old
    assert kept is not None  # (better() is True when there is no old result)
    games = (old.games if old else 0) + 1
    return records.model_copy(
        update={"best": {**records.best, key: kept.model_copy(update={"games": games})}}
    ), best


def record_result(
    level_id: str, side: str, result: BestResult, path: Path | None = None
) -> tuple[Records, bool, str | None]:
    """Add a game played to the end to the file as it is now: the records, whether it is a new
    best, and a message for the player (None when all was well). A damaged file is set aside
    first, as `load_records` does; one that cannot be read at all is left alone, unwritten."""
    path = path or records_path()
    with file_lock(path):
        current, problem = _read(path)
        if problem is not None and current is None:
            return Records(), False, f"{problem} This game's result was not kept."
        new, best = merged(current or Records(), f"{level_id}/{side}", result)
        if problem is not None:
            moved = _set_aside(path)
            if moved is None:
                return (
                    new,
                    best,
                    f"{problem} It could not be moved aside, so this game's result was not kept.",
                )
            problem = f"{problem} The old file was kept as {moved.name}."
        try:
            _write(path, new)
        except DataFolderError as e:
            return new, best, f"Your record could not be saved: {e}"
    return new, best, problem


def load_records(path: Path | None = None) -> tuple[Records, str | None]:
    """The records and a message for the player (None when all was well, or there was no file).
    A damaged file is set aside, what could be read of it is kept and written back."""
    path = path or records_path()
    with file_lock(path):
        records, problem = _read(path)
        if problem is None:
            return records or Records(), None
        if records is None:  # unreadable, not damaged: left for the player to fix
            return Records(), problem
        moved = _set_aside(path)
        if moved is None:
            return records, f"{problem} The file could not be moved aside."
        with contextlib.suppress(DataFolderError):  # (then the next start finds no file)
            _write(path, records)
    return records, f"{problem} The old file was kept as {moved.name}."


def _set_aside(path: Path) -> Path | None:
    """Move a damaged file aside (records.damaged-<n>.json); None when it could not be moved."""
    try:
        return set_aside(path)
    except OSError:
        return None


def _write(path: Path, records: Records) -> None:
    with writing(path.parent, "your records as they were are untouched"):
        write_atomic(path, records.model_dump_json(indent=1).encode("utf-8") + b"\n")


def _read(path: Path) -> tuple[Records | None, str | None]:
    """(records, problem): the records in the file (None when there are none to keep), and what
    was wrong with it. Each entry is checked on its own, so one bad entry costs only itself."""
    try:
        data = read_bounded(path, MAX_RECORDS_BYTES)
    except (FileNotFoundError, NotADirectoryError):  # (no file, or no folder to hold one)
        return None, None
    except (NotAFile, TooBig) as e:
        return Records(), f"Your records file is damaged ({e}); the game starts a new one."
    except OSError as e:
        return None, f"Your records could not be read ({e.strerror or e}); they are left as they are."
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError) as e:  # (UnicodeDecodeError and JSONDecodeError too)
        return Records(), f"Your records file is damaged ({_why(e)}); the game starts a new one."
    try:
        return Records.model_validate(raw), None
    except ValidationError:
        pass
    best = raw.get("best") if isinstance(raw, dict) else None
    kept: dict[str, Any] = {}
    dropped = 0
    for key, value in best.items() if isinstance(best, dict) else ():
        try:
            kept.update(Records.model_validate({"best": {key: value}}).best)
        except ValidationError:
            dropped += 1
    records = Records(best=kept)
    if not dropped:
        return records, "Your records file is damaged (it is not a records file); the game starts a new one."
    lost = f"{dropped} record{'s' if dropped != 1 else ''} could not be read"
    return records, f"Your records file is damaged ({lost}); the {len(kept)} others are kept."


def _why(e: Exception) -> str:
    if isinstance(e, UnicodeDecodeError):
        return "it is not text"
    if isinstance(e, json.JSONDecodeError):
        return f"not valid JSON at line {e.lineno}, column {e.colno}"
    return "it holds data no records file contains"
