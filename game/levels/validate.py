"""`validate`: check level files and folders, returning every problem found."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from game.core.level_text import LANGUAGES
from game.files import resolved
from game.levels.level_text import catalogue_name, is_level_file, misnamed_level_files, text_problems
from game.levels.loader import Catalogue, Entry, compile_with_warnings
from game.levels.parse import ParsedFile, read_level_file
from game.levels.problems import Problem, did_you_mean
from game.levels.spec import MAX_FOLDER_FILES


def level_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The level files among `paths` (a folder gives its *.toml), and a problem for each path
    that is neither a file nor a folder with levels in it."""
    files: list[Path] = []
    problems: list[Problem] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(q for q in p.glob("*.toml") if is_level_file(q))
            problems.extend(orphan_text_files(p))
            problems.extend(misnamed_level_files(p))
            if not found:
                problems.append(
                    Problem(str(p), 1, 1, "warning", "", "no level files (*.toml) in this folder")
                )
            if len(found) > MAX_FOLDER_FILES:
                problems.append(
                    Problem(
                        str(p),
                        1,
                        1,
                        "error",
                        "",
                        f"{len(found):,} level files; only the first {MAX_FOLDER_FILES} (by name) are read",
                    )
                )
                found = found[:MAX_FOLDER_FILES]
            files.extend(found)
        elif p.is_file():
            files.append(p)
        elif p.exists():  # (a pipe or a device: "no such file" sent the modder looking for a typo)
            problems.append(Problem(str(p), 1, 1, "error", "", "not a level file: it is a pipe or a device"))
        else:
            problems.append(Problem(str(p), 1, 1, "error", "", "no such file or folder"))
    return files, problems


def orphan_text_files(folder: Path) -> list[Problem]:
    """A warning for each level text in `folder` with no level file of its name beside it: the
    game never reads it (a level renamed, or the text's file misnamed)."""
    out = []
    for path in sorted(folder.glob("*.toml")):
        named = catalogue_name(path)
        if named is not None and named[1] not in LANGUAGES:
            out.append(
                Problem(
                    str(path),
                    1,
                    1,
                    "warning",
                    "",
                    f"the game has no language '{named[1]}', so it never reads this text "
                    f"(its levels' languages: {', '.join(LANGUAGES)})",
                )
            )
        elif named is not None and not path.with_name(f"{named[0]}.toml").is_file():
            out.append(
                Problem(
                    str(path),
                    1,
                    1,
                    "warning",
                    "",
                    f"no level file '{named[0]}.toml' beside this text, so the game never reads it",
                )
            )
    return out


def campaign_problems(pf: ParsedFile, catalogue: Catalogue) -> list[Problem]:
    """A campaign that names a level the game cannot find would stay locked for ever."""
    out = []
    spec = pf.loaded_spec
    campaign = spec.campaign
    for i, level_id in enumerate(campaign.unlocked_by if campaign else ()):
        if level_id == spec.id:
            out.append(
                pf.problem(("campaign", "unlocked_by", i), "a level cannot unlock itself", severity="warning")
            )
        elif level_id not in catalogue.entries:
            hint = did_you_mean(level_id, catalogue.entries)
            out.append(
                pf.problem(
                    ("campaign", "unlocked_by", i),
                    f"no level with id '{level_id}'{hint}: a level that is not there locks nothing, so this one opens without it",
                    severity="warning",
                )
            )
    return out


def validate_paths(
    paths: Iterable[str | Path],
    mod_dirs: Iterable[str | Path] = (),
    languages: tuple[str, ...] = LANGUAGES,
) -> list[Problem]:
    """Every problem in the level files and folders of `paths`, parents found among the shipped
    levels, the files' own folders and `mod_dirs`, and in the levels' text in `languages` (a
    level's text file among `paths` stands for its level, checked in that language)."""
    paths = list(paths)
    for i, p in enumerate(paths):
        named = catalogue_name(Path(p))
        if named is not None and Path(p).is_file():
            level_file = Path(p).with_name(f"{named[0]}.toml")
            if not level_file.is_file() or named[1] not in LANGUAGES:
                return [q for q in orphan_text_files(Path(p).parent) if Path(q.file) == Path(p)]
            paths[i] = level_file
            languages = tuple(lang for lang in languages if lang == named[1]) or (named[1],)
    files, problems = level_files(paths)
    folders = {f.parent for f in files}
    # Each file is read once: a big file costs its parse a single time.
    parsed = {resolved(path): read_level_file(path, str(path)) for path in files}
    catalogue = Catalogue.scan([*mod_dirs, *sorted(folders)], already_read=parsed)
    for path in files:
        pf = parsed[resolved(path)]
        spec = pf.spec
        if spec is None:
            problems.extend(pf.problems)
            continue
        # Check this very file, even when another file in the catalogue has the same id.
        entry = catalogue.entries.get(spec.id)
        if entry is None or resolved(entry.path) != resolved(path):
            if entry is not None and resolved(entry.path) != resolved(path):
                # The game drops a level whose id another file has taken, so this is an error here too.
                problems.append(pf.problem(("id",), f"level id '{spec.id}' is already used by {entry.name}"))
            catalogue.entries[spec.id] = Entry(
                spec.id, path, pf.name, spec.title or "", spec.playable, True, pf
            )
        else:
            entry.parsed = pf
        problems.extend(campaign_problems(pf, catalogue))
        try:
            level, found = compile_with_warnings(pf, catalogue)
            problems.extend(found)
            problems.extend(text_problems(pf, level, languages))
        finally:
            if entry is not None:
                catalogue.entries[spec.id] = entry
    # A parent's problems are shown with each level that extends it, and with itself: once each.
    return list(dict.fromkeys(problems))
