"""A level's text in other languages: the catalogue files beside a level, read and checked.

`shanghai_five.ru.toml` beside `shanghai_five.toml` holds the Russian of the texts that level file
writes, each entry keyed by where its English is (see `game.core.level_text`) and keeping the
English it was made from, so that a translation the English has moved on from is found. A level
that extends another takes the parent's translations for what it inherits. The translations are
read here and handed to the compiled `Level` as plain data; they are no part of its rules nor of
its content hash, so a catalogue never changes a game, a save or a balance report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from game.core.level import Level
from game.core.level_text import LANGUAGES, english_texts, named_texts, placeholders, source_texts
from game.files import NotAFile, TooBig, read_bounded
from game.levels import clean_parses
from game.levels.glyphs import undrawable
from game.levels.parse import ParsedFile, read_toml, validate_into
from game.levels.problems import Problem, did_you_mean
from game.levels.spec import MAX_TEXT_FILE_BYTES, LevelSpec, LevelTextSpec, PromptsSpec
from game.text import quote, shorten

LANGUAGE_NAMES = {"tr": "Turkish", "ru": "Russian", "zh_CN": "Chinese"}
# `name.ru.toml`, `name.zh_CN.toml`: a catalogue, not a level (level files are never named so).
_CATALOGUE_NAME = re.compile(r"^(?P<level>.+)\.(?P<lang>[a-z]{2,3}(?:_[A-Z]{2})?)\.toml$")
MISSING_SHOWN = 5  # keys a "missing translations" warning names before "and N more"


def catalogue_name(path: Path) -> tuple[str, str] | None:
    """(level file stem, language) when `path` is named like a catalogue, else None."""
    m = _CATALOGUE_NAME.match(path.name)
    return (m["level"], m["lang"]) if m else None


def is_catalogue(path: Path) -> bool:
    """Whether `path` is a level's text in another language rather than a level."""
    return catalogue_name(path) is not None


def is_level_file(path: Path) -> bool:
    """Whether a *.toml in a levels folder is one to read as a level: not a level's text in another
    language, and not hidden (an editor's settings, such as Taplo's `.taplo.toml`, may sit there)."""
    return not path.name.startswith(".") and not is_catalogue(path)


def misnamed_level_files(folder: Path) -> list[Problem]:
    """A warning for each file of `folder` whose name ends in '.toml' in other letters ('.TOML',
    as a Windows editor may save it): the game reads only '.toml', so it was passed over without
    a word."""
    out = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() == ".toml" and path.suffix != ".toml" and not path.name.startswith("."):
            out.append(
                Problem(
                    str(path),
                    1,
                    1,
                    "warning",
                    "",
                    f"not read: a level file's name ends in '.toml', in small letters (rename it "
                    f"{path.stem}.toml)",
                )
            )
    return out


def catalogue_path(level_path: Path, lang: str) -> Path:
    """Where the text of the level file at `level_path` in `lang` is kept."""
    return level_path.with_name(f"{level_path.stem}.{lang}.toml")


def own_texts(spec: LevelSpec) -> dict[str, str]:
    """The player-facing texts one level file writes itself, by key (the keys of
    `game.core.level_text.english_texts`)."""
    out: dict[str, str] = {}
    if spec.title:
        out["title"] = spec.title
    if spec.description:
        out["description"] = spec.description
    if spec.briefing:
        for side in ("moscow", "beijing"):
            if text := getattr(spec.briefing, side):
                out[f"briefing.{side}"] = text
    if spec.agenda:
        for side in ("moscow", "beijing"):
            agenda = getattr(spec.agenda, side)
            if agenda is None:
                continue
            if agenda.summary:
                out[f"agenda.{side}.summary"] = agenda.summary
            for i, goal in enumerate(agenda.goal, start=1):
                out[f"agenda.{side}.goal.{i}"] = goal.text
    named_texts(out, "action", spec.action)
    named_texts(out, "event", spec.event)
    named_texts(out, "outcome", spec.outcome)
    named_texts(out, "deal", spec.deal)
    if spec.prompts:
        for group in PromptsSpec.model_fields:
            for i, q in enumerate(getattr(spec.prompts, group) or (), start=1):
                out[f"prompts.{group}.{i}"] = q
    for i, step in enumerate(spec.tutorial, start=1):
        out[f"tutorial.{i}"] = step.text
    if spec.what_happened:
        out["what_happened"] = spec.what_happened
    source_texts(out, spec.source)
    return out


@dataclass
class TextFile:
    """One catalogue file as far as it could be read."""

    file: ParsedFile  # its bytes, text, line index and problems
    spec: LevelTextSpec | None = None
    lang: str = ""
    # Worked out on the first call: a catalogue is kept while unchanged on disk, and every load of
    # a level it translates asks for its translations again (built each time, nearly a hundredth
    # of the load of The Testing Event).
    _translated: Mapping[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    def translations(self) -> Mapping[str, str]:
        """Key -> translation, for the entries translated already (shared: read it, do not change it)."""
        if self._translated is None:
            texts = {} if self.spec is None else {k: e.text for k, e in self.spec.text.items() if e.text}
            self._translated = MappingProxyType(texts)
        return self._translated


@dataclass
class _Kept:
    stamp: tuple[int, int]
    text_file: TextFile = field(repr=False)


_kept: dict[Path, _Kept] = {}  # catalogues read already, by path, while unchanged on disk
# (ids of a chain's specs, languages, its catalogues' stamps) -> (the specs, their translations)
_worked_out: dict[tuple[object, ...], tuple[tuple[object, ...], dict[str, dict[str, str]]]] = {}
clean_parses.also_forget(_worked_out.clear)


def read_text_file(path: Path, name: str | None = None) -> TextFile:
    """Read and check one catalogue file; never raises for a bad file."""
    named = catalogue_name(path)
    pf = ParsedFile(Path(path), name or str(path))
    tf = TextFile(pf, lang=named[1] if named else "")
    try:
        data = read_bounded(path, MAX_TEXT_FILE_BYTES)
    except TooBig:
        pf.problems.append(
            Problem(
                pf.name,
                1,
                1,
                "error",
                "",
                f"the file is larger than {MAX_TEXT_FILE_BYTES / 1e6:g} MB; a level's text must be smaller",
            )
        )
        return tf
    except NotAFile:
        pf.problems.append(
            Problem(pf.name, 1, 1, "error", "", "cannot read the file: it is a folder, a pipe or a device")
        )
        return tf
    except OSError as e:
        pf.problems.append(Problem(pf.name, 1, 1, "error", "", f"cannot read the file: {e.strerror or e}"))
        return tf
    raw = read_toml(pf, data)
    if raw is None:
        return tf
    tf.spec = validate_into(pf, LevelTextSpec, raw)
    if tf.spec is not None and named and tf.spec.language != named[1]:
        pf.problem(
            ("language",),
            f"the file's name says {quote(named[1])} but 'language' says {quote(tf.spec.language)}",
        )
        tf.spec = None
    elif named and named[1] not in LANGUAGES and tf.spec is None and not pf.problems:
        pf.problem(("language",), f"the game has no language {quote(named[1])}")
    return tf


def _stamp(path: Path) -> tuple[int, int] | None:
    """When the file at `path` last changed, and its size; None where there is none."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def text_file_at(path: Path, stamp: tuple[int, int] | None = None) -> TextFile | None:
    """The catalogue at `path` (last changed at `stamp`, when known), read once while it stays
    unchanged; None where there is none."""
    stamp = stamp or _stamp(path)
    if stamp is None:
        return None
    kept = _kept.get(path)
    if kept is None or kept.stamp != stamp:
        if len(_kept) > 256:  # a long session with many mods: forget the oldest
            _kept.pop(next(iter(_kept)))
        kept = _Kept(stamp, read_text_file(path, _display(path)))
        _kept[path] = kept
    return kept.text_file


def title_in(level_path: Path, english: str, lang: str) -> str:
    """A level's title in `lang` from the catalogue beside its file, without compiling the level
    (the level chooser lists every title); the English where there is no translation."""
    if lang == "en":
        return english
    tf = text_file_at(catalogue_path(level_path, lang))
    return (tf.translations().get("title") if tf is not None else None) or english


def _display(path: Path) -> str:
    named = path.parent.name
    return f"{named}/{path.name}" if named else path.name


def translations(
    chain: list[ParsedFile], languages: tuple[str, ...] = LANGUAGES
) -> dict[str, dict[str, str]]:
    """Language -> key -> text for a level made of `chain` (base first): each text is taken
    from the catalogue beside the file that writes its English, or from a later file's catalogue
    (a level may translate an inherited text its own way). The same files, unchanged on disk,
    give the same dict (a level is loaded often; its translations are worked out once)."""
    paths = [[catalogue_path(pf.path, lang) for lang in languages] for pf in chain]
    stamps = tuple(_stamp(path) for row in paths for path in row)
    specs = tuple(pf.spec for pf in chain)
    memo = (tuple(map(id, specs)), languages, stamps)
    kept = _worked_out.get(memo)
    if kept is not None and all(a is b for a, b in zip(kept[0], specs, strict=True)):
        return kept[1]
    owner: dict[str, int] = {}
    for i, pf in enumerate(chain):
        if pf.spec is not None:
            for key in own_texts(pf.spec):
                owner[key] = i
    out: dict[str, dict[str, str]] = {}
    for lang in languages:
        found: dict[str, str] = {}
        for i, _ in enumerate(chain):
            j = languages.index(lang)
            tf = text_file_at(paths[i][j], stamps[i * len(languages) + j])
            if tf is None:
                continue
            for key, text in tf.translations().items():
                if owner.get(key, -1) <= i:
                    found[key] = text
        if found:
            out[lang] = found
    if len(_worked_out) > 64:
        _worked_out.pop(next(iter(_worked_out)))
    _worked_out[memo] = (specs, out)
    return out


def _warn(f: ParsedFile, loc: tuple[str, ...], message: str) -> None:
    """A warning at an entry, its key written as the file writes it: `text."event.x.title"`."""
    line, col = f.index.locate(loc) if f.index else (1, 1)
    shown = ".".join(f'"{part}"' if "." in part else part for part in loc)
    f.problems.append(Problem(f.name, line, col, "warning", shown, message))


def text_problems(
    pf: ParsedFile, level: Level | None, languages: tuple[str, ...] = LANGUAGES
) -> list[Problem]:
    """Every problem of the catalogues beside the level file `pf` (compiled as `level`, or None
    when it does not load): files that cannot be read, entries naming no text, stale and missing
    translations, placeholders lost, characters the game's font cannot draw."""
    spec = pf.spec
    if spec is None:
        return []
    own = own_texts(spec)
    known = {**(english_texts(level) if level is not None else {}), **own}
    out: list[Problem] = []
    for lang in languages:
        path = catalogue_path(pf.path, lang)
        if not path.exists():
            continue
        tf = read_text_file(path, pf.name.removesuffix(pf.path.name) + path.name)
        f = tf.file
        if tf.spec is None:
            out.extend(f.problems)
            continue
        if tf.spec.level != spec.id:
            f.problem(
                ("level",), f"this is the text of level {quote(tf.spec.level)}, not of {quote(spec.id)}"
            )
        language = LANGUAGE_NAMES.get(lang, lang)
        for key, entry in tf.spec.text.items():
            loc = ("text", key)
            english = known.get(key)
            if english is None:
                _warn(
                    f,
                    loc,
                    f"no text of the level is at {quote(key)}; this entry is never shown{did_you_mean(key, known)}",
                )
                continue
            if not entry.text:
                continue
            if entry.english != english:
                _warn(
                    f,
                    loc,
                    "stale: the English has changed since this was translated; it now reads "
                    f"{quote(shorten(english, 80))} (update the translation, then 'english')",
                )
            if placeholders(entry.text) != placeholders(english):
                _warn(
                    f,
                    (*loc, "text"),
                    f"the placeholders differ from the English: {', '.join(placeholders(english)) or 'none'} "
                    f"in English, {', '.join(placeholders(entry.text)) or 'none'} here",
                )
            missing = undrawable(entry.text)
            if missing:
                shown = "".join(missing[:8]) + ("…" if len(missing) > 8 else "")
                _warn(
                    f,
                    (*loc, "text"),
                    f"the game's font cannot draw '{shown}'; players would see empty boxes there",
                )
        untranslated = [k for k in own if not (k in tf.spec.text and tf.spec.text[k].text)]
        if untranslated:
            first = ", ".join(untranslated[:MISSING_SHOWN])
            more = (
                f" and {len(untranslated) - MISSING_SHOWN} more" if len(untranslated) > MISSING_SHOWN else ""
            )
            line, col = f.index.locate(("language",)) if f.index else (1, 1)
            f.problems.append(
                Problem(
                    f.name,
                    line,
                    col,
                    "warning",
                    "language",
                    f"{len(untranslated)} of the level's {len(own)} texts have no {language} translation "
                    f"yet (the game shows them in English): {first}{more}",
                )
            )
        out.extend(f.problems)
    return out


def _toml_string(text: str) -> str:
    if "\n" in text and "\r" not in text:
        # Paragraphs over several lines, as the level file writes them (the first line break,
        # straight after the quotes, is not part of the text).
        return '"""\n' + text.replace("\\", "\\\\").replace('"""', '""\\"') + '"""'
    # JSON's string escapes are all TOML's too; non-ASCII letters stay as they are.
    return json.dumps(text, ensure_ascii=False)


def new_text_file(spec: LevelSpec, lang: str, file_name: str, kept: LevelTextSpec | None = None) -> str:
    """A catalogue for the level file `spec` in `lang`: every text it writes with its English and
    an empty translation (or the translation `kept` has for it, with the English it was made from,
    so that one the English has moved on from is still found stale)."""
    language = LANGUAGE_NAMES.get(lang, lang)
    lines = [
        "#:schema ./level-text.schema.json",
        f"# {file_name}: the {language} text of level '{spec.id}' ({spec.title or spec.id}).",
        "#",
        "# Each entry is one text of the level: `english` is the English it translates, `text` the",
        "# translation. Leave `text` empty for one not done yet: the game shows the English there.",
        "# When the level's English changes, the validator reports the translation as stale; update",
        "# the translation, then copy the new English into `english`. Check the file with",
        f"#     python -m game validate {file_name} --lang {lang}",
        "",
        "schema_version = 1",
        f'level = "{spec.id}"',
        f'language = "{lang}"',
    ]
    old = kept.text if kept is not None and kept.language == lang else {}
    for key, english in own_texts(spec).items():
        entry = old.get(key)
        lines += [
            "",
            f'[text."{key}"]',
            f"english = {_toml_string(entry.english if entry and entry.text else english)}",
            f"text = {_toml_string(entry.text if entry else '')}",
        ]
    return "\n".join(lines) + "\n"
