"""The modder's tools: warnings, the scaffold, the generated reference, reload inside the game."""

import pygame
import pytest
from cli_driver import run_game
from conftest import ROOT

from game.levels import load_level_file
from game.levels.reference import reference_markdown
from game.levels.scaffold import ScaffoldError, level_id_for, write_new_level
from game.levels.validate import validate_paths

WARNINGS = """schema_version = 1
id = "warn_test"
extends = "base"

[[action]]
id = "too_dear"
side = "moscow"
name = "Too dear"
cost = 25
requires = "turn > 90"

[[event]]
id = "never"
title = "Never"
when = "partnership > 100 or moscow.capital > 50"

[agenda.moscow]
[[agenda.moscow.goal]]
meter = "partnership"
at_least = 120
text = "Beyond the scale"

[[outcome]]
id = "everything"
title = "Anything at all"

[[outcome]]
id = "shadowed"
title = "Never chosen"
when = "partnership > 50"

[[outcome]]
id = "last"
title = "Never chosen either"
"""


def test_warnings_point_at_their_lines_and_do_not_stop_the_level(tmp_path):
    path = tmp_path / "warn_test.toml"
    path.write_text(WARNINGS, encoding="utf-8")
    problems = [str(p) for p in validate_paths([path])]
    assert problems == [
        f"{path}:9:1: warning: action[1].cost: costs 25, but moscow's political capital never goes above 12 "
        "(its start value and rules.capital_cap), so no one can afford it",
        f"{path}:10:1: warning: action[1].requires: 'turn > 90' can never hold, so this action can never be chosen",
        f"{path}:15:1: warning: event[1].when: 'partnership > 100 or moscow.capital > 50' can never hold, "
        "so this event can never happen",
        f"{path}:18:3: warning: agenda.moscow.goal[1]: this goal can never be met: 'partnership' never goes above 100",
        f"{path}:27:3: warning: outcome[2]: outcome 'shadowed' comes after 'everything', which always applies, "
        "so it can never be the outcome",
        f"{path}:32:3: warning: outcome[3]: outcome 'last' comes after 'everything', which always applies, "
        "so it can never be the outcome",
    ]
    assert load_level_file(path).id == "warn_test"
    out = run_game("validate", str(path))
    assert out.returncode == 0 and out.stdout.count("warning:") == 6


INERT = """schema_version = 1
id = "inert_test"
extends = "base"
drop_actions = ["m_host_sumit"]
drop_events = ["no_such_event"]

[flags]
summit_held = false

[[action]]
id = "hold_summit"
side = "moscow"
name = "Hold a summit"
cost = 2

[[action]]
id = "follow_up"
side = "moscow"
name = "Follow up"
cost = 1
requires = "summit_held and turn > 2"

[[event]]
id = "rare"
title = "Rare"
weight = 0
"""


def test_typos_that_leave_a_level_inert_are_warned_about(tmp_path):
    """A drop of an id nothing defines, a flag read but never set, an event that is never drawn:
    each loads, and each is almost always a mistake the modder cannot see in play."""
    path = tmp_path / "inert_test.toml"
    path.write_text(INERT, encoding="utf-8")
    problems = [str(p) for p in validate_paths([path])]
    assert problems == [
        f"{path}:4:1: warning: drop_actions[1]: no inherited action 'm_host_sumit' to drop (did you mean 'm_host_summit'?)",
        f"{path}:5:1: warning: drop_events[1]: no inherited event 'no_such_event' to drop",
        f"{path}:26:1: warning: event[1].weight: with weight 0 this event is never drawn; only a facilitator "
        "or an experiment can put it in play",
        f"{path}:8:1: warning: flags.summit_held: flag 'summit_held' starts false and no action or event sets it, "
        "so the 1 condition reading it can only see it false",
    ]
    assert load_level_file(path).id == "inert_test"
    # Set by the summit, the flag is no longer inert; the rest stays as it was.
    fixed = INERT.replace("cost = 2\n", 'cost = 2\nset_flags = ["summit_held"]\n')
    path.write_text(fixed, encoding="utf-8")
    assert [p.path for p in validate_paths([path])] == [
        "drop_actions[1]",
        "drop_events[1]",
        "event[1].weight",
    ]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("The Caspian Gambit!", "the_caspian_gambit"),
        ("../../etc/passwd", "etc_passwd"),
        ("Ürümqi 2030", "urumqi_2030"),
        ("2030", "level_2030"),
        ("北京", "my_level"),
        ("", "my_level"),
    ],
)
def test_level_ids_from_titles_are_safe_file_names(title, expected):
    assert level_id_for(title) == expected


@pytest.mark.slow
def test_new_level_is_valid_as_written_and_never_overwrites(tmp_path):
    path = write_new_level('A "quoted" \\ title\x00', tmp_path)
    assert path.parent == tmp_path and path.name == "a_quoted_title.toml"
    assert (tmp_path / "level.schema.json").exists()
    assert [p for p in validate_paths([path]) if p.severity == "error"] == []
    level = load_level_file(path)
    assert "a_quoted_title_summit" in level.actions and level.event("a_quoted_title_pipeline_leak")
    with pytest.raises(ScaffoldError, match="already exists"):
        write_new_level('A "quoted" \\ title', tmp_path)


@pytest.mark.slow
def test_a_long_title_gives_card_ids_that_are_still_ids(tmp_path):
    # The id was cut to 48 characters and the example cards added "_summit" to it: the new level
    # did not validate.
    path = write_new_level("Gas, grain and guns on the northern frontier", tmp_path)
    assert [str(p) for p in validate_paths([path]) if p.severity == "error"] == []
    level = load_level_file(path)
    assert len(level.id) > 34 and all(len(a) <= 48 for a in level.actions)


@pytest.mark.slow
def test_titles_with_no_latin_letters_each_get_a_level_of_their_own(tmp_path):
    first = write_new_level("Мост через Амур", tmp_path)
    second = write_new_level("北京之夏", tmp_path)
    assert (first.name, second.name) == ("my_level.toml", "my_level_2.toml")
    assert load_level_file(second).title == "北京之夏"
    assert [p for p in validate_paths([second]) if p.severity == "error"] == []


@pytest.mark.slow
def test_new_level_command_writes_into_the_players_levels_folder(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("PRAGMATIC_PARTNERS_HOME", str(home))
    out = run_game("new-level", "Steppe Summit")
    assert out.returncode == 0, out.stderr
    assert (home / "levels" / "steppe_summit.toml").exists()


def test_the_reference_is_up_to_date_and_covers_every_key():
    shipped = (ROOT / "docs" / "level-reference.md").read_text(encoding="utf-8")
    assert shipped == reference_markdown(), "regenerate: python -m game reference > docs/level-reference.md"
    from game.levels.spec import ActionSpec, LevelSpec, RulesSpec

    for model in (LevelSpec, ActionSpec, RulesSpec):
        for key in model.model_fields:
            assert f"| `{key}` |" in shipped


@pytest.mark.slow
def test_reload_in_the_game_lists_problems_and_keeps_the_last_good_version(tmp_path):
    from game.paths import user_levels_dir
    from game.ui.app import App, PlayOptions
    from game.ui.scenes.newgame import NewGameScene
    from game.ui.scenes.title import TitleScene

    folder = user_levels_dir()
    path = write_new_level("Steppe Summit", folder)
    app = App(PlayOptions(size=(1280, 720)))
    app.push(TitleScene(app))
    app.push(NewGameScene(app))
    ids = [e.id for e in app.scene.entries]
    assert "steppe_summit" in ids and any(e.is_mod for e in app.scene.entries)
    app.scene.pick_level(ids.index("steppe_summit"))
    assert app.scene.level.id == "steppe_summit"
    path.write_text(path.read_text(encoding="utf-8").replace("cost = 2", 'cost = "two"'), encoding="utf-8")
    app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F5, mod=0, unicode="", scancode=0)])
    assert app.scene.name == "level problems"
    assert any("steppe_summit.toml" in p.file and p.severity == "error" for p in app.scene.problems)
    app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0)])
    assert app.scene.name == "new game"
    assert app.scene.level is not None and app.scene.level.id == "steppe_summit", (
        "the last good version stays"
    )
    assert "last good version" in app.scene.problem
    pygame.display.quit()


def test_a_turn_after_the_last_is_seen_by_outcomes_but_never_by_events(tmp_path):
    # Events are drawn while turns are played; outcomes are judged after the last turn too.
    path = tmp_path / "late_test.toml"
    path.write_text(
        """schema_version = 1
id = "late_test"
extends = "testing_event"
turns = 40

[[event]]
id = "too_late"
title = "Too late"
when = "turn > 40"

[[outcome]]
id = "at_the_end"
title = "At the end"
early = true
when = "turn > 40 and partnership > 90"

[[outcome]]
id = "otherwise"
title = "Otherwise"
""",
        encoding="utf-8",
    )
    problems = [str(p) for p in validate_paths([path])]
    assert problems == [
        f"{path}:9:1: warning: event[1].when: 'turn > 40' can never hold, so this event can never happen"
    ]


def test_new_level_refuses_a_name_whose_id_is_taken(tmp_path):
    out = run_game("new-level", "Base", "--out", str(tmp_path))
    assert out.returncode == 1 and "already the id of" in out.stderr and "base.toml" in out.stderr
    assert not list(tmp_path.glob("*.toml"))


def test_a_ruleset_is_not_offered_to_play_or_simulate():
    for command in (["play", "--level", "base"], ["simulate", "base", "--games", "1"]):
        out = run_game(*command)
        assert out.returncode == 1 and "ruleset" in out.stderr and "testing_event" in out.stderr


def test_two_files_with_one_id_is_an_error_as_in_the_game(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.toml").write_text(
            'schema_version = 1\nid = "twin"\nextends = "testing_event"\n', encoding="utf-8"
        )
    out = run_game("validate", str(tmp_path))
    assert out.returncode == 1 and "error: id: level id 'twin' is already used by" in out.stdout


def test_a_level_does_not_take_the_description_of_the_ruleset_it_extends(tmp_path):
    from game.levels import Catalogue

    (tmp_path / "tiny.toml").write_text(
        'schema_version = 1\nid = "tiny"\nextends = "testing_event"\ntitle = "Tiny"\n', encoding="utf-8"
    )
    (tmp_path / "bare.toml").write_text(
        'schema_version = 1\nid = "bare"\nextends = "tiny"\nplayable = true\n', encoding="utf-8"
    )
    (tmp_path / "amur.toml").write_text(
        'schema_version = 1\nid = "amur"\nextends = "base"\ntitle = "Bridges over the Amur"\n',
        encoding="utf-8",
    )
    catalogue = Catalogue.scan([tmp_path])
    assert "Not playable" in catalogue.load("base").description
    assert catalogue.load("amur").description == ""  # the smallest level of docs/modding.md
    assert (
        catalogue.load("tiny").description == catalogue.load("testing_event").description
    )  # a level's, kept
    assert catalogue.load("bare").description == catalogue.load("testing_event").description


def test_text_the_font_cannot_draw_is_warned_about_at_its_line(tmp_path):
    from game.levels.glyphs import undrawable

    assert undrawable("Moscow, Москва, Ωmega, “quoted” – fine, 中俄伙伴关系") == ""
    assert undrawable("Xi 习近平 visits 😀, 𠀀 again") == "😀𠀀"
    path = tmp_path / "cjk_test.toml"
    path.write_text(
        'schema_version = 1\nid = "cjk_test"\nextends = "testing_event"\ntitle = "中俄 😀 Partners"\n',
        encoding="utf-8",
    )
    problems = [str(p) for p in validate_paths([path])]
    assert problems == [
        f"{path}:4:1: warning: title: the game's font cannot draw '😀'; players would see "
        "empty boxes there (it covers Latin, Cyrillic and Greek letters and everyday Chinese)"
    ]


def test_the_new_game_screen_says_when_a_level_file_could_not_be_read(tmp_path, monkeypatch):
    from ui_driver import press

    from game.paths import user_levels_dir
    from game.ui.app import App, PlayOptions
    from game.ui.scenes.title import TitleScene

    folder = user_levels_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.toml").write_text("schema_version = 1\nid = \n", encoding="utf-8")
    app = App(PlayOptions(size=(1280, 720)))
    app.push(TitleScene(app))
    app.step([])
    press(app, "New game")
    assert (
        app.scene.name == "new game"
        and "could not be read" in app.scene.message
        and "F5" in app.scene.message
    )
    pygame.display.quit()


def test_a_partnership_that_starts_above_its_ceiling_is_warned_about(tmp_path):
    """The first turn would pull it down at once, which trust would remember as a shock."""
    path = tmp_path / "too_close.toml"
    path.write_text(
        'schema_version = 1\nid = "too_close"\ntitle = "Too close"\nextends = "base"\n\n[start]\npartnership = 90\n',
        encoding="utf-8",
    )
    problems = [str(p) for p in validate_paths([path])]
    assert any(
        p.startswith(
            f"{path}:7:1: warning: start.partnership: the partnership starts at 90, above the ceiling"
        )
        for p in problems
    ), problems


def test_a_title_that_names_other_years_than_the_turns_is_warned_about_at_its_line(tmp_path):
    # "Arctic route (2030-2035)" over turns that begin in 2024: the level list said one period,
    # the board's dates another.
    path = tmp_path / "arctic.toml"
    path.write_text(
        'schema_version = 1\nid = "arctic"\nextends = "base"\ntitle = "Arctic route (2030-2035)"\n'
        "start_year = 2024\nturns_per_year = 4\nturns = 12\n",
        encoding="utf-8",
    )
    problems = [str(p) for p in validate_paths([path])]
    assert (
        f"{path}:4:1: warning: title: the title names 2030-2035, but the level's turns fall in 2024-2026"
        in (" ".join(problems))
    ), problems
    path.write_text(path.read_text(encoding="utf-8").replace("2024", "2030").replace("= 4", "= 2"))
    assert not [p for p in validate_paths([path]) if "title" in str(p)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "title, years",
    [
        ("Arctic route (2030-2035)", (2030, 2, 12)),
        ("The long thaw (1991–2021)", (1991, 1, 31)),
        ("A winter crisis 2025-2025", (2025, 4, 4)),
        ("Steppe Summit", (2024, 4, 12)),
        ("Old times (1700-1705)", (2024, 4, 12)),
        ("The long century (2020-2099)", (2020, 1, 80)),
    ],
)
def test_a_new_level_plays_the_years_its_title_names_and_validates_clean(tmp_path, title, years):
    from game.levels.scaffold import years_for

    assert years_for(title) == years
    path = write_new_level(title, tmp_path)
    problems = validate_paths([path])
    assert [p for p in problems if p.severity == "error"] == []
    # (years the format cannot hold are left to the modder, and the validator says so)
    assert any("title names" in str(p) for p in problems) == title.startswith("Old times")


def test_an_editors_hidden_settings_file_in_a_levels_folder_is_no_level(tmp_path):
    # docs/editor's Taplo set-up writes .taplo.toml; a modder who opened the levels folder itself
    # as the workspace got "missing key 'schema_version'" for it.
    write_new_level("Steppe Summit", tmp_path)
    (tmp_path / ".taplo.toml").write_text('[[rule]]\ninclude = ["*.toml"]\n', encoding="utf-8")
    assert [str(p) for p in validate_paths([tmp_path]) if p.severity == "error"] == []


def test_a_levels_text_under_a_level_files_name_is_told_so(tmp_path):
    text = tmp_path / "zh.toml"
    text.write_text('language = "zh_CN"\nlevel = "steppe_summit"\n[text]\n', encoding="utf-8")
    problems = validate_paths([text])
    assert len(problems) == 1 and "this is a level's text in another language" in problems[0].message
    assert "LEVEL.LANG.toml" in problems[0].message


def test_a_level_written_in_toml_1_1_loads_and_every_install_reads_it(tmp_path):
    # tomli 2.4 reads TOML 1.1 (a trailing comma in an inline table, one over several lines),
    # 2.1-2.3 do not: a mod that validated on one machine failed to load on another.
    import tomli

    from game.levels.parse import read_level_file

    path = write_new_level("Steppe Summit", tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        'effects = { "central_asia.beijing" = 2, "beijing.standing" = 1, central_asia_rivalry = 2 }',
        'effects = {\n    "central_asia.beijing" = 2,\n    "beijing.standing" = 1,\n    central_asia_rivalry = 2,\n}',
    )
    assert text.count("central_asia_rivalry = 2,\n}") == 1
    path.write_text(text, encoding="utf-8")
    assert [str(p) for p in validate_paths([path]) if p.severity == "error"] == []
    assert read_level_file(path).spec is not None
    with open(ROOT / "pyproject.toml", "rb") as f:
        needs = next(d for d in tomli.load(f)["project"]["dependencies"] if d.startswith("tomli"))
    assert needs == "tomli>=2.4"


def test_a_chain_of_extends_too_long_is_told_at_the_level_that_makes_it_so(tmp_path):
    # It was told at the oldest level reached (d1, fine on its own), and stuck to it: every level
    # through it was then listed as broken.
    from game.levels import Catalogue, LevelError

    for i in range(1, 11):
        parent = "base" if i == 1 else f"d{i - 1}"
        (tmp_path / f"d{i}.toml").write_text(
            f'schema_version = 1\nid = "d{i}"\nextends = "{parent}"\ntitle = "D{i}"\n', encoding="utf-8"
        )
    problems = validate_paths([tmp_path / "d10.toml"])
    assert [(p.file.endswith("d10.toml"), p.line, p.path) for p in problems] == [(True, 3, "extends")]
    assert "more than 8 levels of 'extends': d10 -> d9" in problems[0].message
    catalogue = Catalogue.scan([tmp_path])
    with pytest.raises(LevelError):
        catalogue.load("d10")
    assert [catalogue.load(f"d{i}").id for i in range(1, 9)] == [f"d{i}" for i in range(1, 9)]
    assert validate_paths([tmp_path / "d3.toml"]) == []


def test_a_delayed_effect_after_the_last_turn_and_a_goal_met_in_every_game_are_warned_of(tmp_path):
    # Both loaded without a word: a card's effect due 15 turns after in a level of 12, and a goal
    # of 'at_least = -5' (a sign slip) that every game meets.
    path = tmp_path / "slips.toml"
    path.write_text(
        'schema_version = 1\nid = "slips"\nextends = "testing_event"\n\n[[action]]\nid = "m_x"\n'
        'side = "moscow"\nname = "X"\ncost = 1\n\n[[action.delayed]]\nafter = 15\neffects = { partnership = 2 }\n\n'
        '[[agenda.moscow.goal]]\nmeter = "partnership"\nat_least = -5\ntext = "Keep it going"\n',
        encoding="utf-8",
    )
    assert [p.message for p in validate_paths([path])] == [
        "it falls due 15 turns after, and the level has 12: it never happens",
        "this goal is met in every game: 'partnership' is always from 0 to 100",
    ]


def test_new_level_says_when_the_title_names_years_a_level_cannot_have_and_keeps_its_quotes(tmp_path):
    # It wrote twelve seasons from 2024 for "(1850-1860)" without a word, and turned the title's
    # quotation marks and backslash into others.
    import tomli

    out = run_game("new-level", 'The "Amur" bridge \\ (1850-1860)', "--out", str(tmp_path))
    assert out.returncode == 0
    assert "note: the title names 1850-1860, which a level cannot span" in out.stdout
    (path,) = tmp_path.glob("*.toml")
    assert tomli.loads(path.read_text(encoding="utf-8"))["title"] == 'The "Amur" bridge \\ (1850-1860)'
    assert "note:" not in run_game("new-level", "Arctic route (2030-2035)", "--out", str(tmp_path)).stdout
