"""The wheel carries the shipped levels and assets, and the installed game finds them."""

import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT

pytest.importorskip("hatchling")
pytestmark = pytest.mark.slow  # a wheel is built, and installed in a child process


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    return next(out.glob("pragmatic_partners-*.whl"))


def test_wheel_holds_levels_schema_and_assets(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "game/_data/levels/base.toml",
        "game/_data/levels/testing_event.toml",
        "game/_data/levels/level.schema.json",
        "game/_data/assets/map/eurasia.geojson",
        "game/core/engine.py",
    ):
        assert name in names
    assert not any(n.startswith("tests/") for n in names)


def test_an_installed_wheel_finds_its_own_levels(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from game.paths import levels_dir; from game.levels import load_shipped; "
        "print(levels_dir()); print(load_shipped('testing_event').title)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    where, title = out.stdout.splitlines()
    assert where.startswith(str(site)) and title == "The Testing Event (2022-2024)"


def test_an_installed_game_asks_where_to_write_the_balance_report(wheel, tmp_path):
    # An installed game has no docs/ of its own: balance must not write one beside the package.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    out = subprocess.run(
        [sys.executable, "-m", "game", "balance", "testing_event", "--games", "1", "--duel-games", "2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert out.returncode == 2 and "--out DIR is needed" in out.stderr, out.stderr
    assert not (site / "docs").exists()


def test_wheel_holds_the_catalogues_compiled_and_the_installed_game_reads_them(wheel, tmp_path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for lang in ("tr", "ru", "zh_CN"):
        assert f"game/locale/{lang}/LC_MESSAGES/pragmatic_partners.mo" in names  # made by hatch_build.py
    assert not any(n.endswith((".po", ".pot")) for n in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from game import i18n; i18n.set_language('ru'); "
        "print(i18n._translation.__class__.__name__, i18n._('Settings'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["GNUTranslations", "Настройки"], out.stdout
    assert not (tmp_path / ".cache").exists(), "an installed game compiles nothing"
