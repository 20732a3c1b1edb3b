"""The teacher's guide in Turkish, Russian and Chinese follows the English one (docs/classroom.md):
the same sections at the same depths, and every command, option and file example as the English
has it (only their comments are translated). A change to the English guide that adds a section
or changes a command fails here until the translations follow."""

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
ENGLISH = DOCS / "classroom.md"
FENCE = re.compile(r"^```.*?\n(.*?)^```", re.S | re.M)


def headings(text: str) -> list[int]:
    outside = FENCE.sub("", text)
    return [len(m.group(1)) for m in re.finditer(r"^(#+) ", outside, re.M)]


def code(text: str) -> list[list[str]]:
    """Each fenced block's lines with comments taken off (what a user types or a file holds)."""
    blocks = []
    for block in FENCE.findall(text):
        # (a comment: after "# "; or a note in brackets set apart by spaces at the end of a line)
        lines = [re.split(r"\s+#\s|^#\s?|\s{2,}\(", line)[0].rstrip() for line in block.splitlines()]
        blocks.append([line for line in lines if line])
    return blocks


@pytest.mark.parametrize("lang", ["tr", "ru", "zh_CN"])
def test_a_translated_guide_has_the_english_sections_and_commands(lang):
    english = ENGLISH.read_text(encoding="utf-8")
    translated = (DOCS / lang / "classroom.md").read_text(encoding="utf-8")
    assert headings(translated) == headings(english)
    assert code(translated) == code(english)
