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
