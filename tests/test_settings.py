"""Settings: round trips, range checks, and a damaged settings file never stops the game."""

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pydantic import ValidationError

from game.paths import user_data_dir
from game.session import atomic
from game.session.settings import MAX_SETTINGS_BYTES, Settings, load_settings, save_settings


def settings_file() -> Path:
    return user_data_dir() / "settings.json"


def test_no_settings_file_means_defaults_and_no_message():
    assert load_settings() == (Settings(), None)
    assert not settings_file().exists()


def test_defaults_are_the_documented_ones():
    s = Settings()
    assert (s.window_width, s.window_height, s.fullscreen, s.ui_scale) == (1280, 720, False, 1.0)
    assert (s.colour_blind, s.animation_speed, s.projector_mode) == (False, "normal", False)
    assert (s.last_level, s.last_side) == (None, None)


def test_every_setting_has_a_description():
    assert all(f.description for f in Settings.model_fields.values())


def test_settings_survive_a_save_and_load():
    chosen = Settings(
        window_width=1920,
        window_height=1080,
        fullscreen=True,
        ui_scale=1.5,
        colour_blind=True,
        animation_speed="off",
        projector_mode=True,
        last_level="testing_event",
        last_side="beijing",
    )
    save_settings(chosen)
    assert settings_file().is_file()
    assert load_settings() == (chosen, None)


def test_an_explicit_path_is_used_for_both_ways(tmp_path):
    path = tmp_path / "elsewhere" / "prefs.json"
    save_settings(Settings(ui_scale=2.0), path)
    assert load_settings(path) == (Settings(ui_scale=2.0), None)
    assert not settings_file().exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("window_width", 799),
        ("window_width", 7681),
        ("window_height", 599),
        ("window_height", 4321),
        ("ui_scale", 0.99),
        ("ui_scale", 2.01),
        ("ui_scale", float("nan")),
        ("ui_scale", float("inf")),
        ("animation_speed", "ludicrous"),
        ("last_side", "washington"),
        ("fullscreen", "perhaps"),
        ("last_level", "x" * 49),
    ],
)
def test_out_of_range_values_are_rejected(field, value):
    with pytest.raises(ValidationError):
        Settings(**{field: value})


def test_changing_a_setting_is_checked_too():
    chosen = Settings()
    with pytest.raises(ValidationError):
        chosen.window_width = 100
    assert chosen.window_width == 1280


def test_unknown_settings_are_rejected():
    with pytest.raises(ValidationError, match="colour_blnd"):
        Settings(colour_blnd=True)


def test_a_crash_while_saving_leaves_the_old_settings(monkeypatch):
    save_settings(Settings(window_width=1600))
    before = settings_file().read_bytes()

    def crash(*args):
        raise OSError(28, "No space left on device")

    # A context, not monkeypatch.undo(): undo would also drop conftest's data-folder override.
    with monkeypatch.context() as patched:
        patched.setattr(atomic.os, "replace", crash)
        with pytest.raises(OSError):
            save_settings(Settings(window_width=2000))
    assert settings_file().read_bytes() == before
    assert sorted(p.name for p in settings_file().parent.iterdir()) == ["settings.json"]


@pytest.mark.parametrize(
    "content, says",
    [
        (b'{"window_width": 1600,\n"fullscreen": tru', "line 2"),
        (b"\xff\xfe\x00garbage", "not text"),
        (b"[1280, 720]", "not a table of settings"),
        (b"null", "not a table of settings"),
        (b"", "line 1"),
        (b"[" * 60_000, "data no settings file contains"),
        (b'{"window_width": ' + b"1" * 5000 + b"}", "data no settings file contains"),
        (b" " * (MAX_SETTINGS_BYTES + 1), "far larger than any settings"),
    ],
)
def test_a_damaged_settings_file_gives_defaults_a_message_and_is_kept_aside(content, says):
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    loaded, message = load_settings()
    assert loaded == Settings()
    assert says in message and "settings.damaged-1.json" in message
    assert (path.parent / "settings.damaged-1.json").read_bytes() == content
    # The repaired file is written back, so the message is shown once, not at every start.
    assert load_settings() == (Settings(), None)


def test_only_the_bad_settings_are_reset_and_misspellings_get_a_suggestion():
    path = settings_file()
    path.parent.mkdir(parents=True)
    original = {"window_width": 1920, "window_height": 50, "colour_blnd": True, "animation_speed": "slow"}
    path.write_text(json.dumps(original))
    loaded, message = load_settings()
    assert loaded == Settings(window_width=1920, animation_speed="slow")
    assert "window_height" in message and "did you mean colour_blind?" in message
    assert "window_width" not in message
    assert json.loads((path.parent / "settings.damaged-1.json").read_text()) == original
    assert load_settings() == (loaded, None)


def test_a_folder_named_settings_json_is_set_aside_not_deleted():
    path = settings_file()
    path.mkdir(parents=True)
    (path / "keep.txt").write_text("mine")
    loaded, message = load_settings()
    assert loaded == Settings() and "not a file" in message
    assert (path.parent / "settings.damaged-1.json" / "keep.txt").read_text() == "mine"


@pytest.mark.slow
def test_thousands_of_bad_keys_give_a_short_message():
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({f"junk{i}": i for i in range(2000)}))
    loaded, message = load_settings()
    assert loaded == Settings() and "and 1995 more" in message and len(message) < 600


# Each example writes, sets aside and rewrites files: four times the profile's examples (120 in
# CI), the known nasty ones first.
@pytest.mark.slow
@hypothesis_settings(max_examples=4 * hypothesis_settings.default.max_examples, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.dictionaries(
            st.sampled_from(sorted(Settings.model_fields) + ["extra"]),
            st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=60)),
        ).map(lambda d: json.dumps(d).encode()),
    )
)
@example(b"\xef\xbb\xbf" + b'{"ui_scale": 1.5}')  # a byte-order mark
@example(b'{"window_width": 1e999, "ui_scale": NaN}')  # numbers JSON allows Python to read
@example(b"[" * 5000 + b"]" * 5000)  # nested too deep to read
@example(b'{"window_width": ' + b"9" * 5000 + b"}")  # a number of thousands of digits
@example(b'{"window_width": true, "fullscreen": 1, "colour_blind": "yes", "ui_scale": "1.5"}')
def test_any_bytes_as_a_settings_file_give_settings_never_an_exception(content):
    from game.session.look import DEFAULT, read_look

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.json"
        path.write_bytes(content)
        quick = read_look(path)
        loaded, message = load_settings(path)
        assert isinstance(loaded, Settings)
        # What the quick read before the first frame took, the full read took too.
        assert all(q in (getattr(loaded, f), getattr(DEFAULT, f)) for f, q in quick._asdict().items())
        if message is None:
            # Accepted as it was: nothing set aside, and the file really says these settings.
            assert sorted(p.name for p in Path(folder).iterdir()) == ["settings.json"]
            assert Settings.model_validate_json(content.decode("utf-8-sig")) == loaded
        else:
            assert (Path(folder) / "settings.damaged-1.json").read_bytes() == content
            assert load_settings(path) == (loaded, None)


# -- the quick read of the window's look, before the first frame (game.session.look) ------------


def test_the_quick_look_has_the_settings_defaults_and_ranges():
    from game.session import look

    assert look.look_of(Settings()) == look.DEFAULT
    assert look.MAX_SETTINGS_BYTES == MAX_SETTINGS_BYTES
    for name, (lo, hi) in look.RANGES.items():
        bounds = {type(m).__name__: m for m in Settings.model_fields[name].metadata}
        assert (bounds["Ge"].ge, bounds["Le"].le) == (lo, hi)


@pytest.mark.parametrize(
    "content",
    [
        '{"window_width": 1920, "window_height": 1080, "ui_scale": 1.5, "colour_blind": true}',
        '{"fullscreen": true, "projector_mode": true, "ui_scale": 2}',
        '{"window_width": 100, "ui_scale": 9.5, "colour_blind": "blue"}',  # out of range, wrong type
        '{"window_width": true, "window_height": 700.5, "ui_scale": null, "fullscreen": 3}',
        '{"windw_width": 1920, "animation_speed": "sideways", "ui_scale": 1.2}',  # misspelt, bad other
        "[1280, 720]",  # not a table
        '{"window_width": 1920',  # not JSON
        "\ufeff" + '{"window_height": 1000}',  # with a byte-order mark
    ],
)
def test_the_quick_look_is_what_the_full_read_gives(content):
    from game.session.look import look_of, read_look

    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(content, encoding="utf-8")
    quick = read_look()
    assert settings_file().read_text(encoding="utf-8") == content  # the quick read changes nothing
    assert quick == look_of(load_settings()[0])


def test_the_quick_look_of_no_file_or_a_folder_is_the_default():
    from game.session.look import DEFAULT, read_look

    assert read_look() == DEFAULT
    settings_file().mkdir(parents=True)
    assert read_look() == DEFAULT
