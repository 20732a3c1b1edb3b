"""A level's text in other languages: the catalogue files beside a level, how the compiled level
carries them, how a text falls back to English, and what the validator says about them.

The broken catalogues are in tests/broken_text/, each beside the small level it translates, with
the lines the validator must print in its leading comment (`# expect: ...`), as in tests/broken/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from cli_driver import run_game
from conftest import ROOT

from game.commands.arguments import LEVEL_LANGUAGES
from game.core import initial_state, is_terminal, legal_plans, resolve_turn
from game.core.level_text import LANGUAGES, english_texts, in_language, text_of
from game.levels.level_text import catalogue_path, is_catalogue, own_texts, read_text_file
from game.levels.loader import Catalogue, load_level_file
from game.levels.parse import read_level_file
from game.levels.schema import text_schema_text
from game.levels.spec import MAX_TEXT_FILE_BYTES
from game.levels.validate import validate_paths

BROKEN_TEXT = ROOT / "tests" / "broken_text"
CATALOGUES = sorted(p for p in BROKEN_TEXT.glob("*.toml") if is_catalogue(p))


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def _expected(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8", errors="replace")
    return [line[len("# expect: ") :] for line in text.splitlines() if line.startswith("# expect: ")]


CHILD = """schema_version = 1
id = "tiny_child"
extends = "shanghai_five"
title = "A tiny child of the tutorial"

[[event]]
id = "tajik_peace"
title = "Peace in Tajikistan, told again"
text = "A new English text for an inherited event."
"""

CHILD_RU = """schema_version = 1
level = "tiny_child"
language = "ru"

[text."title"]
english = "A tiny child of the tutorial"
text = "Маленький потомок обучения"
"""


def _child(tmp_path: Path, catalogue: str | None = CHILD_RU) -> Path:
    folder = tmp_path / "mod"
    folder.mkdir(exist_ok=True)
    level = folder / "tiny_child.toml"
    level.write_text(CHILD, encoding="utf-8")
    if catalogue is not None:
        (folder / "tiny_child.ru.toml").write_text(catalogue, encoding="utf-8")
    return level


def _play(level, seed: int = 5) -> str:
    """Every turn's changes and meters of a game with fixed choices, as text (the changes'
    numbers only: their causes are told in the level's language)."""
    state = initial_state(level, seed)
    out = []
    while not is_terminal(state):
        plans = {}
        for side in ("moscow", "beijing"):
            options = legal_plans(state, side)
            plans[side] = options[(state.turn * 3 + (side == "beijing")) % len(options)]
        state, report = resolve_turn(state, plans)
        out.append(repr([[x for x in r if isinstance(x, (int, float))] for r in report.records]))
        out.append(repr(sorted(state.meters.items())))
    out.append(repr(state.outcome))
    return "\n".join(out)


# -- the format ---------------------------------------------------------------------------------


def test_the_command_line_knows_the_same_languages_as_the_engine():
    from game.commands.arguments import LANGUAGES as INTERFACE_LANGUAGES

    assert LEVEL_LANGUAGES == LANGUAGES
    # A level's text comes in the interface's languages, English being the level file's own.
    assert ("en", *LANGUAGES) == INTERFACE_LANGUAGES


def test_the_shipped_text_schema_is_up_to_date():
    shipped = (ROOT / "levels" / "level-text.schema.json").read_text(encoding="utf-8")
    assert shipped == text_schema_text(), (
        "levels/level-text.schema.json is out of date: "
        "run  python -m game schema --text > levels/level-text.schema.json"
    )


def test_a_catalogue_is_no_level_of_the_folder_it_sits_in():
    assert is_catalogue(Path("levels/shanghai_five.ru.toml"))
    assert is_catalogue(Path("x/level.zh_CN.toml"))
    assert not is_catalogue(Path("levels/shanghai_five.toml"))
    assert "shanghai_five.ru" not in {e.path.stem for e in Catalogue.scan().entries.values()}


def test_the_russian_tutorial_parses_and_translates_every_text_of_its_level():
    tf = read_text_file(ROOT / "levels" / "shanghai_five.ru.toml")
    assert tf.file.problems == [] and tf.spec is not None
    spec = read_level_file(ROOT / "levels" / "shanghai_five.toml").loaded_spec
    own = own_texts(spec)
    assert set(tf.spec.text) == set(own)
    assert all(e.text and e.english == own[k] for k, e in tf.spec.text.items())


def test_the_keys_of_a_levels_own_texts_are_those_of_the_compiled_level():
    cat = Catalogue.scan()
    spec = cat.entries["base"].parsed.loaded_spec
    assert own_texts(spec) == english_texts(cat.load("base"))
    tutorial = english_texts(cat.load("shanghai_five"))
    for key, text in own_texts(cat.entries["shanghai_five"].parsed.loaded_spec).items():
        assert tutorial[key] == text, key


def test_a_catalogue_larger_than_the_limit_is_an_error_not_a_read(tmp_path):
    path = tmp_path / "big.ru.toml"
    path.write_bytes(b"# " + b"x" * MAX_TEXT_FILE_BYTES + b"\n")
    problems = read_text_file(path).file.problems
    assert [(p.line, p.severity) for p in problems] == [(1, "error")]
    assert "larger than" in problems[0].message


# -- the compiled level and the fallback --------------------------------------------------------


def test_the_tutorial_in_russian_replaces_each_text_and_keeps_the_rules():
    english = Catalogue.scan().load("shanghai_five")
    russian = in_language(english, "ru")
    assert russian.title == "Обучение: «Шанхайская пятёрка» (1996–2001)"
    assert russian.actions["m_shanghai_agreement"].name == "Подписать Шанхайское соглашение о границе"
    assert russian.actions["m_shanghai_agreement"].why == "Moscow: Подписать Шанхайское соглашение о границе"
    assert russian.briefing["beijing"].startswith("Вы правите из Пекина")
    assert [a.cost for a in russian.actions.values()] == [a.cost for a in english.actions.values()]
    assert russian.content_hash == english.content_hash
    assert _play(russian) == _play(english)


def test_a_text_without_a_translation_falls_back_to_english(tmp_path):
    english = load_level_file(_child(tmp_path))
    russian = in_language(english, "ru")
    # The child's catalogue translates its title only: its own event stays in English.
    peace = next(e for e in russian.events if e.id == "tajik_peace")
    assert (peace.title, peace.text) == (
        "Peace in Tajikistan, told again",
        "A new English text for an inherited event.",
    )
    assert text_of(english, "event.tajik_peace.text", "ru") == "A new English text for an inherited event."
    assert text_of(english, "title", "ru") == russian.title == "Маленький потомок обучения"
    assert in_language(english, "en") is english
    mini = load_level_file(ROOT / "tests" / "levels" / "mini.toml")  # no text in any other language
    assert mini.texts == {}
    assert text_of(mini, "title", "tr") == mini.title
    assert in_language(mini, "tr") is mini


def test_an_inheriting_level_takes_its_parents_translations_but_not_for_text_it_rewrites(tmp_path):
    level = load_level_file(_child(tmp_path))
    russian = in_language(level, "ru")
    assert russian.title == "Маленький потомок обучения"
    # Inherited from the tutorial, translated beside the tutorial:
    assert russian.actions["m_shanghai_agreement"].name == "Подписать Шанхайское соглашение о границе"
    # Rewritten by the child: the tutorial's Russian of the old English would be wrong here.
    peace = next(e for e in russian.events if e.id == "tajik_peace")
    assert peace.title == "Peace in Tajikistan, told again"


def test_a_catalogue_changes_neither_the_content_hash_nor_the_game(tmp_path):
    with_text = load_level_file(_child(tmp_path))
    shutil.rmtree(tmp_path / "mod")
    without = load_level_file(_child(tmp_path, catalogue=None))
    assert with_text.texts["ru"]["title"] and "title" not in without.texts.get("ru", {})
    assert with_text.content_hash == without.content_hash
    assert with_text == without  # the texts are not compared: no rule depends on them
    assert _play(with_text) == _play(without)


# -- the validator ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_validator_prints_exactly_the_expected_lines_for_a_broken_catalogue(path):
    expected = _expected(path)
    assert expected, f"{path.name} has no '# expect:' line"
    problems = validate_paths([path.relative_to(ROOT).as_posix()])
    assert [str(p) for p in problems] == expected


def test_the_shipped_levels_and_their_text_validate_clean():
    assert validate_paths(["levels"]) == []


def test_validate_checks_only_the_language_asked_for():
    path = "tests/broken_text/stale.toml"
    assert any("stale" in p.message for p in validate_paths([path], languages=("ru",)))
    assert not any(p.file.endswith(".ru.toml") for p in validate_paths([path], languages=("tr",)))
    result = run_game("validate", path, "--lang", "tr")
    assert result.returncode == 0 and ".ru.toml" not in result.stdout
    result = run_game("validate", path, "--lang", "ru")
    assert result.returncode == 0 and "stale:" in result.stdout


def test_validate_warns_about_a_translation_once_the_english_changes(tmp_path):
    folder = tmp_path / "levels"
    folder.mkdir()
    for name in ("shanghai_five.toml", "shanghai_five.ru.toml"):
        shutil.copy(ROOT / "levels" / name, folder / name)
    level = folder / "shanghai_five.toml"
    level.write_text(
        level.read_text(encoding="utf-8").replace(
            'title = "Missiles in the Taiwan Strait"', 'title = "Missiles over the Taiwan Strait"'
        ),
        encoding="utf-8",
    )
    problems = [p for p in validate_paths([level]) if p.file.endswith(".ru.toml")]
    assert len(problems) == 1
    (stale,) = problems
    lines = (folder / "shanghai_five.ru.toml").read_text(encoding="utf-8").splitlines()
    assert lines[stale.line - 1] == '[text."event.taiwan_strait_crisis.title"]'
    assert "stale" in stale.message and "Missiles over the Taiwan Strait" in stale.message


# -- the commands -------------------------------------------------------------------------------


def test_transcript_in_russian_tells_the_same_game_in_russian():
    english = run_game("transcript", "shanghai_five", "--seed", "3")
    russian = run_game("transcript", "shanghai_five", "--seed", "3", "--lang", "ru")
    assert english.returncode == russian.returncode == 0
    assert "Шанхайская пятёрка" in russian.stdout and "Шанхайская пятёрка" not in english.stdout
    numbers = re.compile(r"-?\d+\.\d\d")
    assert numbers.findall(russian.stdout) == numbers.findall(english.stdout)
    assert len(russian.stdout.splitlines()) == len(english.stdout.splitlines())


def test_transcript_refuses_a_language_the_game_does_not_have():
    result = run_game("transcript", "shanghai_five", "--lang", "de")
    assert result.returncode == 2 and "--lang" in result.stderr


def test_new_text_writes_every_english_text_and_never_overwrites_without_force(tmp_path):
    level = _child(tmp_path, catalogue=None)
    out = catalogue_path(level, "tr")
    result = run_game("new-text", str(level), "--lang", "tr")
    assert result.returncode == 0, result.stderr
    assert (level.parent / "level-text.schema.json").read_text(encoding="utf-8") == text_schema_text()
    tf = read_text_file(out)
    assert tf.spec is not None and tf.file.problems == []
    own = own_texts(read_level_file(level).loaded_spec)
    assert {k: e.english for k, e in tf.spec.text.items()} == own
    assert all(e.text == "" for e in tf.spec.text.values())
    problems = validate_paths([level], languages=("tr",))
    assert [p.message.split(":")[0] for p in problems] == [
        "3 of the level's 3 texts have no Turkish translation yet (the game shows them in English)"
    ]
    # A translator's work is never lost: without --force nothing is written ...
    out.write_text(
        out.read_text(encoding="utf-8").replace('text = ""', 'text = "Küçük"', 1), encoding="utf-8"
    )
    before = out.read_bytes()
    result = run_game("new-text", str(level), "--lang", "tr")
    assert result.returncode == 1 and "--force" in result.stderr
    assert out.read_bytes() == before
    # ... and with it, the translations there are kept.
    assert run_game("new-text", str(level), "--lang", "tr", "--force").returncode == 0
    assert read_text_file(out).translations() == {"title": "Küçük"}


def test_new_text_keeps_paragraphs_as_the_level_writes_them():
    spec = read_level_file(ROOT / "levels" / "shanghai_five.toml").loaded_spec
    from game.levels.level_text import new_text_file

    text = new_text_file(spec, "zh_CN", "shanghai_five.zh_CN.toml")
    assert 'english = """\nYou govern from Moscow in the spring of 1996.' in text
    import tomli

    entries = tomli.loads(text)["text"]
    assert {k: e["english"] for k, e in entries.items()} == own_texts(spec)


def test_new_text_for_an_unknown_level_says_so():
    result = run_game("new-text", "shanghai_fiv", "--lang", "ru")
    assert result.returncode == 1 and "shanghai_five" in result.stderr


def test_a_text_without_its_level_is_a_warning(tmp_path):
    stray = tmp_path / "renamed.ru.toml"
    shutil.copy(BROKEN_TEXT / "stale.ru.toml", stray)
    expected = (
        f"{stray}:1:1: warning: no level file 'renamed.toml' beside this text, so the game never reads it"
    )
    assert [str(p) for p in validate_paths([stray])] == [expected]
    assert expected in [str(p) for p in validate_paths([tmp_path])]


def test_a_text_in_a_language_the_game_does_not_have_is_a_warning(tmp_path):
    shutil.copy(BROKEN_TEXT / "stale.toml", tmp_path / "stale.toml")
    german = tmp_path / "stale.de.toml"
    shutil.copy(BROKEN_TEXT / "stale.ru.toml", german)
    (problem,) = validate_paths([german])
    assert (problem.file, problem.line, problem.severity) == (str(german), 1, "warning")
    assert problem.message.startswith("the game has no language 'de', so it never reads this text")
    assert str(problem) in [str(p) for p in validate_paths([tmp_path])]


def test_a_translation_edited_on_disk_is_read_at_the_next_load(tmp_path):
    level = _child(tmp_path)
    first = load_level_file(level)
    assert load_level_file(level).texts is first.texts  # unchanged: worked out once
    (tmp_path / "mod" / "tiny_child.ru.toml").write_text(
        CHILD_RU.replace("Маленький потомок обучения", "Крошечный потомок обучения"), encoding="utf-8"
    )
    assert in_language(load_level_file(level), "ru").title == "Крошечный потомок обучения"
