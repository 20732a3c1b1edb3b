"""The golden transcript of one seeded game of "The Testing Event".

When a rule or the level changes on purpose, regenerate it and read the diff:

    python -m game transcript testing_event --seed 7 > tests/golden/testing_event_seed7.txt
"""

from cli_driver import run_game
from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "testing_event_seed7.txt"


def test_transcript_matches_the_golden_file():
    out = run_game("transcript", "testing_event", "--seed", "7")
    assert out.returncode == 0, out.stderr
    expected = GOLDEN.read_text(encoding="utf-8")
    if out.stdout != expected:
        import difflib

        diff = "".join(
            difflib.unified_diff(expected.splitlines(True), out.stdout.splitlines(True), "golden", "now", n=1)
        )
        raise AssertionError(
            "transcript differs from the golden file; if intended, regenerate it "
            "(see this test's docstring):\n" + diff[:4000]
        )


# The golden game's level hash (its files and the engine's RULES) and a digest of its numbers, as
# they were last written. The numbers may move with the level or with RULES; if they move with
# neither, the engine's rules changed without a new RULES, and saves made before would replay
# silently under the new rules.
GOLDEN_LEVEL = "4e4c7fbe94c5eb32"
GOLDEN_NUMBERS = "fc5ddf5a6b1f3290"


def golden_numbers(transcript: str) -> str:
    """A digest of the transcript's numbers below its heading, less the lines of the level files
    that it cites: they move when a rule does, not when a sentence is reworded."""
    import hashlib
    import re

    body = re.sub(r"\[[^\]]*:\d+\]", "", transcript.split("\n", 1)[1])
    return hashlib.sha256(" ".join(re.findall(r"-?\d+(?:\.\d+)?", body)).encode()).hexdigest()[:16]


def test_the_golden_games_numbers_move_only_with_its_level_or_new_rules(testing_event):
    numbers = golden_numbers(GOLDEN.read_text(encoding="utf-8"))
    level = testing_event.content_hash[:16]
    if numbers != GOLDEN_NUMBERS and level == GOLDEN_LEVEL:
        raise AssertionError(
            "the golden game's numbers moved, but neither its level nor the engine's RULES did: "
            "change RULES in game/core/level.py (saves and reports must see new rules), then "
            "write GOLDEN_LEVEL and GOLDEN_NUMBERS in tests/test_golden.py again"
        )
    assert (level, numbers) == (GOLDEN_LEVEL, GOLDEN_NUMBERS), (
        f"the golden game was written again: write GOLDEN_LEVEL = {level!r} and "
        f"GOLDEN_NUMBERS = {numbers!r} in tests/test_golden.py"
    )
