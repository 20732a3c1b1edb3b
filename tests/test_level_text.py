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

from game.classroom.language import speaking
from game.commands.arguments import LEVEL_LANGUAGES
from game.core import initial_state, is_terminal, legal_plans, resolve_turn
from game.core.level_text import LANGUAGES, english_texts, in_language, text_of
from game.levels.level_text import catalogue_path, is_catalogue, own_texts, read_text_file
from game.levels.loader import Catalogue, load_level_file
from game.levels.parse import read_level_file
from game.levels.schema import text_schema_text
from game.levels.spec import MAX_TEXT_FILE_BYTES
from game.levels.validate import validate_paths
from game.speech.sources import source_line

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


@pytest.mark.slow
@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_validator_prints_exactly_the_expected_lines_for_a_broken_catalogue(path):
    expected = _expected(path)
    assert expected, f"{path.name} has no '# expect:' line"
    problems = validate_paths([path.relative_to(ROOT).as_posix()])
    assert [str(p) for p in problems] == expected


@pytest.mark.slow
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


# -- sources ------------------------------------------------------------------------------------

SOURCES_CHILD = """schema_version = 1
id = "sources_child"
extends = "testing_event"
title = "Sources of a child level"

[[source]]
id = "border_report_2005"
author = "Border Commission"
title = "Report on the Eastern Section"
year = 2005
published = "Khabarovsk, May 2005"
kind = "report"
perspective = "official: the border commission"
note = "How the last islands on the Amur were divided."

[[source]]
author = "Anonymous"
title = "A Source Without an Id"
year = 2006
kind = "article"
perspective = "nobody's view"
note = "Shown as the level writes it."
"""

SOURCES_CHILD_RU = """schema_version = 1
level = "sources_child"
language = "ru"

[text."source.border_report_2005.perspective"]
english = "official: the border commission"
text = "официальный документ: пограничная комиссия"
"""


def _source(level, source_id: str):
    return next(s for s in level.sources if s.id == source_id)


@pytest.mark.parametrize(
    ("lang", "cited"),
    [
        (
            "ru",
            "Global Sustainable Development» (Пекин, 4 февраля 2022 г.). Официальный документ: Россия и Китай. "
            "Заявление о «дружбе без границ», подписанное за три недели до вторжения в Украину.",
        ),
        (
            "zh_CN",
            "Global Sustainable Development》（北京，2022年2月4日）。官方文件：俄罗斯和中国。"
            "在入侵乌克兰前三周签署的“友好没有止境”声明。",
        ),
    ],
)
def test_a_sources_own_words_are_in_the_language_and_its_author_and_title_as_published(lang, cited):
    level = in_language(Catalogue.scan().load("testing_event"), lang)
    with speaking(lang):
        line = source_line(_source(level, "joint_statement_2022"))
    assert line.startswith("Russian Federation and People's Republic of China")
    assert "Joint Statement of the Russian Federation and the People's Republic of China" in line
    assert line.endswith(cited)  # (the year in the date, not again after it)


def test_a_source_inherited_from_the_base_is_translated_beside_the_base():
    cat = Catalogue.scan()
    key = "source.ozan_cooperation_limits.note"
    base_ru = read_text_file(ROOT / "levels" / "base.ru.toml").translations()
    assert key not in read_text_file(ROOT / "levels" / "testing_event.ru.toml").translations()
    assert english_texts(cat.load("base"))[key] == english_texts(cat.load("testing_event"))[key]
    for level_id in ("base", "testing_event"):
        essay = _source(in_language(cat.load(level_id), "ru"), "ozan_cooperation_limits")
        assert essay.note == base_ru[key] and essay.note.startswith("Довод, который моделирует игра")
        assert essay.title == "Russian-Chinese Cooperation Limits"


def test_a_source_without_a_translation_or_an_id_stays_in_english(tmp_path):
    folder = tmp_path / "mod"
    folder.mkdir()
    (folder / "sources_child.toml").write_text(SOURCES_CHILD, encoding="utf-8")
    (folder / "sources_child.ru.toml").write_text(SOURCES_CHILD_RU, encoding="utf-8")
    english = load_level_file(folder / "sources_child.toml")
    russian = in_language(english, "ru")
    report = _source(russian, "border_report_2005")
    assert report.perspective == "официальный документ: пограничная комиссия"
    # Not translated yet: the English, field by field.
    assert (report.note, report.published) == (
        "How the last islands on the Amur were divided.",
        "Khabarovsk, May 2005",
    )
    # No id, no key: as the level writes it in every language.
    plain = next(s for s in russian.sources if s.title == "A Source Without an Id")
    assert plain == next(s for s in english.sources if s.title == "A Source Without an Id")
    assert not any(text == "nobody's view" for text in english_texts(english).values())
    # Inherited from testing_event, translated beside it, in the child too.
    assert _source(russian, "joint_statement_2022").published == "Пекин, 4 февраля 2022 г."


def test_a_source_id_a_parent_gives_another_work_is_an_error(tmp_path):
    path = tmp_path / "clash.toml"
    path.write_text(
        SOURCES_CHILD.replace('"border_report_2005"', '"joint_statement_2022"').replace(
            '"sources_child"', '"clash"'
        ),
        encoding="utf-8",
    )
    problems = validate_paths([path])
    line = path.read_text(encoding="utf-8").splitlines().index('id = "joint_statement_2022"') + 1
    assert [(p.severity, p.path, p.line) for p in problems] == [("error", "source[1].id", line)]
    assert "duplicate source id 'joint_statement_2022'" in problems[0].message
    assert "levels/testing_event.toml:" in problems[0].message
    # The parent's own work listed again, under its id, is no clash: it is cited once.
    again = tmp_path / "again.toml"
    parent = (ROOT / "levels" / "testing_event.toml").read_text(encoding="utf-8")
    table = parent[parent.index("[[source]]") :].split("\n\n")[0]
    again.write_text(
        f'schema_version = 1\nid = "again"\nextends = "testing_event"\n\n{table}\n', encoding="utf-8"
    )
    # (Only the warning of a work listed twice.)
    assert [p.path for p in validate_paths([again])] == ["source[1].title"]


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
    # The command it suggests finds the level outside the game's folders (it said no --levels).
    suggested = result.stdout.split("read it:")[1].split()
    assert suggested[:3] == ["python", "-m", "game"] and f"--levels {level.parent}" in " ".join(suggested)
    shown = run_game(*suggested[3:])
    assert shown.returncode == 0, shown.stderr
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
