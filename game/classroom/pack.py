"""A session pack: one TOML file that fixes a class's session (level, seed, who plays each side,
the timer, the groups, the injections scheduled by turn, when it ends, when injected events are
revealed), read by the class server (`serve --pack`) and by a laptop without a network
(`classroom --pack`), so that both give the same session.

Read like a level: every problem at once, each with its line and column and, for a misspelt name,
the nearest valid one. Nothing here imports pygame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import tomli
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.files import NotAFile, TooBig, read_bounded
from game.i18n import AVAILABLE, nearest
from game.levels.problems import Problem, did_you_mean, key_path
from game.levels.toml_index import TomlIndex

MAX_PACK_BYTES = 200_000
TIMER_CHOICES = (0, 3, 5, 8, 10)
# The longest name of a group the class server keeps (it cuts what a laptop sends to this): a pack
# naming a longer group would refuse every laptop that typed it in full.
GROUP_NAME_MOST = 60


class InjectionSpec(BaseModel):
    """An event the facilitator injects into every group when it plans this turn."""

    model_config = ConfigDict(extra="forbid")
    turn: int = Field(ge=1, le=200, description="The turn (from 1) whose events phase gets the event.")
    event: str = Field(max_length=48, description="The id of one of the level's events.")


class SidesSpec(BaseModel):
    """Who plays each side: a team of students, or the AI at a difficulty."""

    model_config = ConfigDict(extra="forbid")
    moscow: Literal["team", "easy", "normal", "hard"] = "team"
    beijing: Literal["team", "easy", "normal", "hard"] = "normal"


class SessionPackSpec(BaseModel):
    """The whole pack file."""

    model_config = ConfigDict(extra="forbid")
    level: str = Field(max_length=48, description="The level every group plays.")
    seed: int = Field(ge=0, le=10**18 - 1, description="The class seed: every group plays the same world.")
    sides: SidesSpec = Field(default_factory=SidesSpec)
    timer: Literal[0, 3, 5, 8, 10] = Field(0, description="Planning minutes a turn (0: no timer).")
    groups: list[Annotated[str, Field(min_length=1, max_length=GROUP_NAME_MOST)]] = Field(
        default_factory=list, max_length=60, description="The groups' names; empty: any name may join."
    )
    end_after_turn: int | None = Field(
        None,
        ge=1,
        le=200,
        description="The session ends for every group after this turn (none: the level's end).",
    )
    cut: bool = Field(
        False,
        description="End every group's session at the level's classroom cut (about half its turns), "
        "scored provisionally against goals pro-rated to the turns played.",
    )
    reveal: Literal["at_once", "at_debrief"] = Field(
        "at_once", description="Whether groups see an injected event when it happens or only at the debrief."
    )
    inject: list[InjectionSpec] = Field(default_factory=list, max_length=200)
    language: str | None = Field(
        None,
        max_length=16,
        description="The class's language: every laptop that joins shows the game in it, and the "
        "exports and handouts are written in it: en, tr, ru or zh_CN (none: each laptop's own; "
        "the exports in the language the session starts in).",
    )


@dataclass
class SessionPack:
    """A pack that was read: its spec (None if it could not be), where it came from, its problems."""

    path: Path
    spec: SessionPackSpec | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.spec is not None and not any(p.severity == "error" for p in self.problems)


class PackError(Exception):
    """A pack that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def read_pack(path: Path, level_dirs: list[Path] | None = None, check_level: bool = True) -> SessionPack:
    """Read and check a pack file; never raises for a bad file (its problems say what is wrong)."""
    pack = SessionPack(Path(path))
    name = str(path)

    def problem(line: int, col: int, where: str, message: str) -> None:
        pack.problems.append(Problem(name, line, col, "error", where, message))

    try:
        # (a regular file only, never waiting: a pipe given as the pack would hang the class)
        data = read_bounded(path, MAX_PACK_BYTES)
    except TooBig:
        problem(1, 1, "", "the file is too large to be a session pack")
        return pack
    except NotAFile as e:
        problem(1, 1, "", f"cannot read the file: {e}")
        return pack
    except OSError as e:
        problem(1, 1, "", f"cannot read the file: {e.strerror or e}")
        return pack
    try:
        text = data.decode("utf-8-sig")
        raw = tomli.loads(text)
    except UnicodeDecodeError:
        problem(1, 1, "", "the file is not UTF-8 text; save it as UTF-8")
        return pack
    except tomli.TOMLDecodeError as e:
        problem(getattr(e, "lineno", 1) or 1, getattr(e, "colno", 1) or 1, "", f"TOML syntax: {e.msg}")
        return pack
    except RecursionError:
        problem(1, 1, "", "the file nests arrays or tables too deeply to be a session pack")
        return pack
    except (ValueError, OverflowError):  # Python's own limits, such as a number of thousands of digits
        problem(1, 1, "", "a number in the file is far too long to be a session pack's")
        return pack
    index = TomlIndex(text)
    try:
        spec = SessionPackSpec.model_validate(raw)
    except ValidationError as e:
        for err in e.errors(include_url=False):
            loc = tuple(err["loc"])
            line, col = index.locate(loc)
            problem(line, col, key_path(loc), _message(err, loc))
        # Every problem at once, as far as a table that does not read as a pack allows: the
        # language needs nothing else, the level only its id.
        _check_language(raw.get("language"), index, problem)
        level_id = raw.get("level")
        if check_level and isinstance(level_id, str):
            _check_level_id(level_id, index, level_dirs or [], problem)
        return pack
    pack.spec = spec
    _check_language(spec.language, index, problem)
    if check_level:
        _check_against_level(pack, index, level_dirs or [])
    names = [g.strip() for g in spec.groups]
    for i, g in enumerate(names):
        if not g:
            problem(*index.locate(("groups", i)), f"groups[{i + 1}]", "a group needs a name")
        elif names.index(g) != i:
            problem(*index.locate(("groups", i)), f"groups[{i + 1}]", f"the group '{g}' is named twice")
    return pack


def _check_language(language: object, index: TomlIndex, problem) -> None:
    if isinstance(language, str) and language not in AVAILABLE:
        near = nearest(language)
        hint = f" (did you mean '{near}'?)" if near else f" (the languages: {', '.join(AVAILABLE)})"
        problem(*index.locate(("language",)), "language", f"no language {language!r}{hint}")


def _check_level_id(level_id: str, index: TomlIndex, level_dirs: list[Path], problem):
    """The catalogue the pack's level is in, or None (and a problem) when it has no such level."""
    from game.levels import Catalogue
    from game.paths import user_levels_dir

    catalogue = Catalogue.scan([user_levels_dir(), *level_dirs])
    playable = sorted(e.id for e in catalogue.playable())
    if level_id not in playable:
        hint = did_you_mean(level_id, playable) or f" (the levels: {', '.join(playable)})"
        problem(*index.locate(("level",)), "level", f"no level '{level_id}'{hint}")
        return None
    return catalogue


def _check_against_level(pack: SessionPack, index: TomlIndex, level_dirs: list[Path]) -> None:
    from game.levels import LevelError

    spec = pack.spec
    assert spec is not None

    def problem(line: int, col: int, where: str, message: str, severity: str = "error") -> None:
        pack.problems.append(Problem(str(pack.path), line, col, severity, where, message))

    def add(loc: tuple, where: str, message: str, severity: str = "error") -> None:
        problem(*index.locate(loc), where, message, severity)

    catalogue = _check_level_id(spec.level, index, level_dirs, problem)
    if catalogue is None:
        return
    try:
        level = catalogue.load(spec.level)
    except LevelError as e:
        pack.problems.extend(e.problems)
        return
    if "team" not in (spec.sides.moscow, spec.sides.beijing):
        add(("sides",), "sides", "at least one side must be played by a team")
    events = sorted(e.id for e in level.events)
    last = spec.end_after_turn or (level.cut if spec.cut else None)
    for i, inj in enumerate(spec.inject):
        where = f"inject[{i + 1}]"
        if level.event(inj.event) is None:
            hint = did_you_mean(inj.event, events)
            add(
                ("inject", i, "event"),
                f"{where}.event",
                f"no event '{inj.event}' in level '{level.id}'{hint}",
            )
        if last is not None and last < inj.turn <= level.turns:
            # Legal, and never played: the session is over before this turn resolves.
            add(
                ("inject", i, "turn"),
                f"{where}.turn",
                f"the session ends after turn {last}, so this event would never happen",
                "warning",
            )
        if inj.turn > level.turns:
            add(
                ("inject", i, "turn"),
                f"{where}.turn",
                f"turn {inj.turn} is past the level's last turn ({level.turns})",
            )
    if spec.cut and level.cut is None:
        add(("cut",), "cut", f"level '{level.id}' has no classroom cut")
    if spec.cut and spec.end_after_turn is not None:
        add(
            ("end_after_turn",),
            "end_after_turn",
            "give either a last turn or the level's cut (cut = true), not both",
        )
    if spec.end_after_turn is not None and spec.end_after_turn > level.turns:
        add(
            ("end_after_turn",),
            "end_after_turn",
            f"the level ends after turn {level.turns} anyway",
            "warning",
        )


def load_pack(path: Path, level_dirs: list[Path] | None = None, warn=None) -> SessionPackSpec:
    """The pack's spec, or PackError with every problem; `warn` is given each warning of a pack
    that can be used (a last turn past the level's end, an injection after the session's end)."""
    pack = read_pack(path, level_dirs)
    if not pack.ok or pack.spec is None:
        raise PackError([p for p in pack.problems if p.severity == "error"])
    for p in pack.problems:
        if p.severity == "warning" and warn is not None:
            warn(p)
    return pack.spec


def _message(err, loc) -> str:
    kind = err["type"]
    key = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        model: type[BaseModel] = SessionPackSpec
        if len(loc) > 1 and loc[0] == "sides":
            model = SidesSpec
        elif len(loc) > 2 and loc[0] == "inject":
            model = InjectionSpec
        return f"unknown key '{key}'{did_you_mean(str(key), list(model.model_fields))}"
    if kind == "missing":
        return f"missing key '{key}'"
    msg = err["msg"].replace("Input should be", "should be")
    value = err.get("input")
    if kind == "literal_error" and isinstance(value, (str, int)):
        msg += f", not {value!r}"
    return msg.replace("a valid integer", "a whole number").replace("a valid string", "text")
