"""Text from outside the game (group names, facilitators' notes, level titles) goes into the
classroom's Markdown through one function, and comes out as the same words and nothing more."""

from __future__ import annotations

import re

import pytest

from game.classroom.escape import md, plain
from game.classroom.exports import debrief_markdown
from game.classroom.session import ClassroomSession
from game.session.game import Game

HOSTILE = [
    "Room 4 | group A",
    "`rm -rf` group",
    "``` fenced",
    "[click](http://evil.example)",
    "![img](x.png)",
    "<script>alert(1)</script>",
    "<b>bold</b> & <i>",
    "line one\nline two",
    "# Heading group",
    "### deeper",
    "- list group",
    "+ plus list",
    "1. first group",
    "12) twelfth",
    "---",
    "===",
    "~~~ fence",
    "~~struck~~",
    "_em_ and *strong* and __both__",
    "&lt;script&gt; &#60; &#x3c;",
    "\\back\\slash \\| and \\`",
    "> quoted",
    "a\u202eb\u2066c\u200fd",
    "第一组 | 第二组",
    "Группа <А>",
]
# The characters that do something in Markdown's running text; each must come escaped.
ACTIVE = set("\\`*_~[]<>|")


def unescaped(text: str) -> str:
    """The text with every backslash escape taken out, as a Markdown viewer reads it."""
    return re.sub(r"\\(.)", r"\1", text)


def leftover(text: str) -> str:
    """What is left of the text once its escaped characters are taken out."""
    return re.sub(r"\\.", "", text)


# What opens a block at the start of a line (a heading, a list, a rule, a quote, a fence).
BLOCK_START = re.compile(r"^(#{1,6}(\s|$)|[-+*](\s|$)|\d{1,9}[.)](\s|$)|[-=_*]{2,}|>|`{3}|~{3})")


@pytest.mark.parametrize("name", HOSTILE)
def test_escaped_text_reads_as_the_same_words(name):
    assert unescaped(md(name)) == plain(name)


@pytest.mark.parametrize("name", HOSTILE)
def test_escaped_text_leaves_no_markdown_active(name):
    text = md(name)
    assert "\n" not in text
    assert not (set(leftover(text)) & ACTIVE - {"_"}), text
    # An underscore between two letters never starts emphasis; any other must be escaped.
    assert not re.search(r"(?<![^\W_])_|_(?![^\W_])", leftover(text)), text
    assert not re.search(r"&#?\w+;", leftover(text)), text  # no character reference is read as one
    assert not BLOCK_START.match(text), text


@pytest.mark.parametrize("name", HOSTILE)
def test_text_in_a_code_span_cannot_end_it_or_a_table_cell(name):
    text = md(name, code=True)
    assert "`" not in text and "|" not in text and "\n" not in text


def test_a_name_that_is_plain_words_is_left_as_it_is():
    for name in ("Room 4, group B", "2026-03-02_0910_testing_event_seed7", "Группа А", "第一组", "-5 points"):
        assert md(name) == name


def test_control_and_direction_characters_are_taken_out():
    assert plain("a\u202eb\u2066c\u200fd\x00e\tf") == "a b c d e f"


@pytest.fixture
def session(testing_event):
    game = Game.new(testing_event, 3, {"moscow": "easy", "beijing": "easy"})
    return ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42", timer_minutes=0)


def test_the_debrief_sheet_escapes_the_facilitators_notes_and_the_groups_name(session):
    for note in HOSTILE:
        session.annotate(note)
    session.game.resolve()
    group = "<b>Room 4</b> | # A"
    sheet = debrief_markdown(session.game, session.spec.teams, session.started_at, group)
    assert "<script>" not in sheet and "<b>" not in sheet
    assert f"Group: **{md(group)}**" in sheet
    acts = sheet.split("## The facilitator's acts")[1].split("\n## ")[0]
    for note in HOSTILE:
        assert f"the facilitator {md('noted: ' + note)}\n" in acts
    table = sheet.split("## Decisions, turn by turn")[1].split("\n## ")[0]
    rows = [line for line in table.splitlines() if line.startswith("|")]
    cells = {len(re.split(r"(?<!\\)\|", line)) for line in rows}
    assert len(cells) == 1, rows  # no note split a row into more cells
    headings = [line for line in sheet.splitlines() if line.startswith("#")]
    assert all(h.startswith(("# ", "## ", "### ")) and "Room 4" not in h for h in headings)
    assert not any(line.startswith(("<", "```", "~~~")) for line in sheet.splitlines())
