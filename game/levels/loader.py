"""Load levels: one file and its `extends` chain, and the catalogue of every level on offer."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from game.core.level import Level
from game.files import resolved
from game.levels import clean_parses
from game.levels.compile import Compiler
from game.levels.level_text import is_level_file, misnamed_level_files, translations
from game.levels.merge import merge
from game.levels.parse import ParsedFile, read_level_file
from game.levels.problems import LevelError, Problem, did_you_mean
from game.levels.spec import MAX_FOLDER_FILES
from game.paths import levels_dir
from game.text import quote

MAX_EXTENDS = 8
# The id a file gives, found in its text when the file as a whole cannot be read (so that a level
# extending it is shown what is wrong with it, not told that it does not exist).
_ID_LINE = re.compile(r"""^[ \t]*id[ \t]*=[ \t]*["']([a-z][a-z0-9_]{0,47})["']""", re.MULTILINE)


def display_name(path: Path) -> str:
    """A file's name for messages: relative to the working folder when it is inside it."""
    try:
        return str(resolved(path).relative_to(resolved(Path.cwd())))
    except (ValueError, OSError):
        return str(path)


@dataclass
class Entry:
    """A level on offer: its id, file and title, and the file as read."""

    id: str
    path: Path
    name: str
    title: str
    playable: bool
    is_mod: bool
    parsed: ParsedFile

    @property
    def essay_era(self) -> bool:
        """Whether the level is set in the essay's own years (the claims are measured on these)."""
        return bool(self.parsed.spec and self.parsed.spec.essay_era)

    @property
    def chapter(self) -> int | None:
        """Its chapter in the campaign, or None when it is not part of the campaign."""
        campaign = self.parsed.spec.campaign if self.parsed.spec else None
        return campaign.chapter if campaign else None

    @property
    def unlocked_by(self) -> tuple[str, ...]:
        """The levels whose finishing opens this one."""
        campaign = self.parsed.spec.campaign if self.parsed.spec else None
        return tuple(campaign.unlocked_by) if campaign else ()


@dataclass
class Catalogue:
    """Every level file found in the shipped folder and any mod folders, by id."""

    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # files that could not be read at all
    already_read: dict[Path, ParsedFile] = field(default_factory=dict, repr=False)
    # Files that could not be read, by the id they give, for the levels that extend them.
    broken: dict[str, ParsedFile] = field(default_factory=dict, repr=False)
    # Ids given by more than one file -> the problems saying so (the first file found keeps it).
    clashes: dict[str, list[Problem]] = field(default_factory=dict, repr=False)

    @classmethod
    def scan(
        cls,
        mod_dirs: Iterable[str | Path] = (),
        shipped: Path | None = None,
        already_read: Mapping[Path, ParsedFile] | None = None,
    ) -> Catalogue:
        """`already_read` maps resolved paths to files parsed already, so that none is read twice."""
        cat = cls(already_read=dict(already_read or {}))
        shipped = levels_dir() if shipped is None else shipped
        cat.add_folder(shipped, is_mod=False, prefix="levels")
        for folder in mod_dirs:
            cat.add_folder(Path(folder), is_mod=True)
        return cat

    def add_folder(self, folder: Path, is_mod: bool, prefix: str | None = None) -> None:
        """Add every *.toml of `folder`, named `prefix/<file>` or by `display_name`."""
        try:
            if not folder.is_dir():
                return
            # A level's text in another language (`x.ru.toml`) sits beside it but is no level.
            paths = sorted(p for p in folder.glob("*.toml") if is_level_file(p))
            if is_mod:
                self.problems.extend(misnamed_level_files(folder))
        except OSError as e:  # a folder that cannot be listed (permissions, a broken mount)
            self.problems.append(
                Problem(str(folder), 1, 1, "error", "", f"cannot read the folder: {e.strerror or e}")
            )
            return
        if len(paths) > MAX_FOLDER_FILES:
            self.problems.append(
                Problem(
                    str(folder),
                    1,
                    1,
                    "error",
                    "",
                    f"{len(paths):,} level files; only the first {MAX_FOLDER_FILES} (by name) are read",
                )
            )
            paths = paths[:MAX_FOLDER_FILES]
        for path in paths:
            name = f"{prefix}/{path.name}" if prefix else display_name(path)
            self.add_file(path, name, is_mod)

    def add_file(self, path: Path, name: str, is_mod: bool) -> ParsedFile:
        """Read one file and add its level, unless it cannot be read or its id is taken."""
        pf = self.already_read.get(resolved(path)) or read_level_file(path, name)
        if pf.spec is None:
            self.problems.extend(pf.problems)
            claimed = _ID_LINE.search(pf.text)
            if claimed is not None:
                self.broken.setdefault(claimed.group(1), pf)
            return pf
        spec = pf.spec
        if spec.id in self.entries and resolved(self.entries[spec.id].path) != resolved(path):
            first = self.entries[spec.id]
            pf.problem(("id",), f"level id '{spec.id}' is already used by {first.name}")
            self.problems.extend(pf.problems)
            self.clashes.setdefault(spec.id, []).append(pf.problems[-1])
            return pf
        self.entries[spec.id] = Entry(spec.id, path, name, spec.title or spec.id, spec.playable, is_mod, pf)
        return pf

    def playable(self) -> list[Entry]:
        """The levels a player can choose (not the rulesets others extend)."""
        return [e for e in self.entries.values() if e.playable]

    def load(self, level_id: str) -> Level:
        """The compiled level, or LevelError with every problem found."""
        entry = self.entries.get(level_id)
        if entry is None and level_id in self.broken:
            # Its file is there but could not be read as a level (a misspelt key, a value out of
            # range, broken TOML): its own problems, located, rather than "no level with id",
            # which sent a modder looking for the file.
            raise LevelError(list(self.broken[level_id].problems))
        if entry is None:
            hint = did_you_mean(level_id, self.entries) or (
                " (a level in another folder is found with --levels FOLDER)" if self.entries else ""
            )
            if level_id.endswith(".toml"):
                hint = " (give the level's id, such as the file's name without .toml, and its folder with --levels)"
            raise LevelError([Problem("", 1, 1, "error", "", f"no level with id {quote(level_id)}{hint}")])
        return compile_file(entry.parsed, self)


def chain_of(pf: ParsedFile, catalogue: Catalogue) -> tuple[list[ParsedFile], list[Problem]]:
    """The file and its ancestors, base first; problems for a missing parent or a cycle."""
    chain = [pf]
    seen = {pf.loaded_spec.id}
    current = pf
    while parent_id := current.loaded_spec.extends:
        names = " -> ".join([*(c.loaded_spec.id for c in chain), parent_id])
        if parent_id in seen:
            return chain, [current.problem(("extends",), f"'extends' makes a cycle: {names}")]
        if len(chain) > MAX_EXTENDS:
            # Told at the level being loaded, whose chain is too long; its ancestors are fine on
            # their own and must stay so for the shorter chains through them.
            return chain, [
                pf.problem(
                    ("extends",), f"more than {MAX_EXTENDS} levels of 'extends': {names}", record=False
                )
            ]
        entry = catalogue.entries.get(parent_id)
        if entry is None and parent_id in catalogue.broken:
            parent = catalogue.broken[parent_id]
            problem = current.problem(
                ("extends",),
                f"level '{parent_id}' ({parent.name}) has errors, so this level cannot load until they are fixed:",
            )
            return chain, [problem, *parent.problems]
        if entry is None:
            hint = did_you_mean(parent_id, catalogue.entries)
            problem = current.problem(("extends",), f"no level with id '{parent_id}' to extend{hint}")
            return chain, [problem]
        chain.append(entry.parsed)
        seen.add(parent_id)
        current = entry.parsed
    chain.reverse()
    return chain, []


def compile_with_warnings(
    pf: ParsedFile, catalogue: Catalogue, warnings: bool = True
) -> tuple[Level | None, list[Problem]]:
    """The compiled level (or None) and every problem found: errors, and warnings that do not stop
    the level from loading (with `warnings` False, only those of a level that does not load)."""
    if pf.spec is None:
        return None, list(pf.problems)
    chain, problems = chain_of(pf, catalogue)
    if problems:
        return None, problems
    broken = [
        p
        for c in chain[:-1]
        if c.spec is None or any(q.severity == "error" for q in c.problems)
        for p in c.problems
    ]
    if broken:
        return None, broken
    # Files read unchanged give the same level: compiled once (see clean_parses).
    keys = tuple(c.key for c in chain if c.key is not None and not c.problems)
    memo = (keys, warnings) if len(keys) == len(chain) else None  # (None: a file with problems)
    kept = clean_parses.recall_compiled(memo) if memo else None
    if kept is not None:
        return with_translations(kept[0], chain), list(kept[1])
    before = {id(c): len(c.problems) for c in chain}
    level = Compiler(merge(chain), chain, warnings).compile()
    found = [p for c in chain for p in c.problems[before[id(c)] :]]
    # Problems stay on the parsed files too; clear them so a second load reports them once.
    for c in chain:
        del c.problems[before[id(c)] :]
    if level is None and not any(p.severity == "error" for p in found):
        found.append(Problem(pf.name, 1, 1, "error", "", "the level is incomplete"))
    if memo:
        clean_parses.keep_compiled(memo, (level, tuple(found)))
    return with_translations(level, chain), found


def with_translations(level: Level | None, chain: list[ParsedFile]) -> Level | None:
    """`level` with the translations found beside its files (read afresh when they change)."""
    if level is None:
        return None
    texts = translations(chain)
    if texts is level.texts or texts == level.texts:
        return level
    # The same level with the same translations is the same object on every load, as a level
    # without any is: its worked-out tables (decks) stay warm.
    kept = _translated.get(id(level))
    if kept is not None and kept[0] is level and kept[1].texts is texts:
        return kept[1]
    if len(_translated) > 64:
        _translated.pop(next(iter(_translated)))
    out = dataclasses.replace(level, texts=texts)
    _translated[id(level)] = (level, out)
    return out


_translated: dict[int, tuple[Level, Level]] = {}  # id of an English level -> (it, with its texts)
clean_parses.also_forget(_translated.clear)


def compile_file(pf: ParsedFile, catalogue: Catalogue) -> Level:
    """The compiled level, or LevelError with its errors."""
    # The warnings of a level that loads would be thrown away here: they are not looked for.
    level, problems = compile_with_warnings(pf, catalogue, warnings=False)
    if level is None:
        raise LevelError(problems)
    return level


def load_level_file(path: Path, mod_dirs: Iterable[str | Path] = (), name: str | None = None) -> Level:
    """Load one level file, finding its parents among the shipped levels, the file's own folder
    and any mod folders."""
    path = Path(path)
    pf = read_level_file(path, name or str(path))
    catalogue = Catalogue.scan([*mod_dirs, path.parent], already_read={resolved(path): pf})
    if pf.spec is not None:
        catalogue.entries.setdefault(
            pf.spec.id, Entry(pf.spec.id, path, pf.name, pf.spec.title or "", pf.spec.playable, True, pf)
        )
        if resolved(catalogue.entries[pf.spec.id].path) == resolved(path):
            catalogue.entries[pf.spec.id].parsed = pf
    return compile_file(pf, catalogue)


def load_shipped(level_id: str) -> Level:
    """One of the levels that ship with the game, by id."""
    return Catalogue.scan().load(level_id)
