#!/usr/bin/env python3
"""Build the portable game (PyInstaller, one folder) and smoke-test it.

    python -m pip install ".[build]"
    python scripts/build_portable.py [--dist DIR] [--no-marker] [--skip-build]

Runs packaging/pragmatic-partners.spec, writes `portable.txt` beside the executable (so the folder
keeps its data beside itself wherever it is copied; --no-marker leaves it out), then runs the
built executable headless: `--version`, `validate` on the shipped levels, and `handouts` (fonts and
PDFs), and a whole game in the window (autoplay; with portable.txt, it must autosave into `data/`
beside the executable); a portable run must write nothing outside its own folder. Exits 0 when all of
it works. Builds for the system it runs on: run it on Windows for Windows, on macOS for macOS.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "pragmatic-partners.spec"
NAME = "pragmatic-partners"


def build(dist: Path, work: Path) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit('PyInstaller is missing: python -m pip install ".[build]"')
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    started = time.monotonic()
    subprocess.run(command, check=True, cwd=ROOT)
    print(f"built in {time.monotonic() - started:.0f} s: {dist / NAME}")
    return dist / NAME


def executable(folder: Path) -> Path:
    return folder / (NAME + (".exe" if os.name == "nt" else ""))


def smoke_test(folder: Path) -> list[str]:
    """Run the built game headless; the problems found (none: it works)."""
    exe = executable(folder)
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        env = {
            **{k: v for k, v in os.environ.items() if k != "PRAGMATIC_PARTNERS_HOME"},
            "SDL_VIDEODRIVER": "dummy",
            "SDL_AUDIODRIVER": "dummy",
            # Where an installed game would keep its data: a portable run must leave it alone.
            "HOME": str(home),
            "APPDATA": str(home),
            "LOCALAPPDATA": str(home),
            "XDG_DATA_HOME": str(home / "share"),
        }
        out = Path(scratch) / "handouts"
        runs = [
            ["--version"],
            ["validate", str(folder / "_internal" / "game" / "_data" / "levels")],
            ["--portable", "handouts", "testing_event", "--out", str(out)],
            ["--portable", "report", str(Path(scratch) / "nothing-here")],  # writes no report; exit 1
        ]
        marked = (folder / "portable.txt").exists()
        if marked:  # the marker alone: a whole game in the window, autosaved into data/ beside it
            runs.append(
                ["play", "--level", "testing_event", "--autoplay", "--exit-at-end", "--size", "800x600"]
            )
        for args in runs:
            started = time.monotonic()
            done = subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=300)
            expected = 1 if args[1:2] == ["report"] else 0
            took = time.monotonic() - started
            shown = " ".join(args[:2])
            print(f"  {shown}: exit {done.returncode} in {took:.1f} s")
            if done.returncode != expected:
                problems.append(f"{shown} exited {done.returncode}: {done.stderr.strip()[-800:]}")
        if not (out / "briefing-moscow.pdf").exists():
            problems.append("handouts wrote no PDF")
        # (each game keeps its own autosave, autosave-<game>.json)
        if marked and not any((folder / "data" / "saves").glob("autosave*.json")):
            problems.append("with portable.txt beside it, the game did not autosave into data/ beside itself")
        if home.exists() and any(home.rglob("*")):
            problems.append(f"a portable run wrote into the user's folders: {sorted(home.rglob('*'))[:5]}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="where the build goes (default: dist)"
    )
    parser.add_argument("--no-marker", action="store_true", help="leave out portable.txt")
    parser.add_argument("--skip-build", action="store_true", help="only smoke-test a build made before")
    args = parser.parse_args()
    folder = args.dist / NAME
    if not args.skip_build:
        with tempfile.TemporaryDirectory() as work:
            folder = build(args.dist, Path(work))
    if not executable(folder).exists():
        print(f"no build at {folder}", file=sys.stderr)
        return 1
    marker = folder / "portable.txt"
    if args.no_marker:
        marker.unlink(missing_ok=True)
    else:
        marker.write_text(
            "This file keeps Pragmatic Partners portable: its saves, settings and exports go into the\n"
            "'data' folder beside it. Delete this file to keep them in your user folder instead.\n",
            encoding="utf-8",
        )
    problems = smoke_test(folder)
    shutil.rmtree(folder / "data", ignore_errors=True)  # what the smoke test wrote
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    if not problems:
        print(f"the portable build works: {folder}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
