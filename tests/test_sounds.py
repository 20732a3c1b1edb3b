"""The interface's sounds: made by the game (no audio file), played at the volume of Settings,
never under the test drivers."""

from array import array

import pygame
import pytest

from game.ui.sounds import SOUNDS, Sounds, synthesize


class FakeMixer:
    """A mixer that opens at once and remembers what it was asked to play."""

    def __init__(self, channels=2):
        self.opened = None
        self.channels = channels
        self.played: list[tuple[bytes, float]] = []

    def get_init(self):
        return self.opened

    def init(self, **kwargs):
        self.opened = (44100, -16, self.channels)

    def Sound(self, buffer):
        mixer = self

        class Sound:
            volume = 1.0

            def set_volume(self, volume):
                self.volume = volume

            def play(self):
                mixer.played.append((buffer, self.volume))

        return Sound()


def test_every_sound_is_made_by_the_game_quiet_and_of_its_length():
    for name, notes in SOUNDS.items():
        data = synthesize(notes, 22050, channels=2)
        samples = array("h", data)
        assert len(samples) == 2 * sum(22050 * ms // 1000 for _, ms in notes), name
        assert 0 < max(abs(v) for v in samples) < 32767 * 0.4, name  # audible, and under the peak
        assert abs(samples[0]) < 500 and abs(samples[-1]) < 500, name  # no click in or out


def test_sounds_play_at_the_volume_chosen_and_not_at_all_when_off():
    mixer = FakeMixer()
    sounds = Sounds(50, mixer=mixer)
    sounds.play("choose")
    assert len(mixer.played) == 1 and mixer.played[0][1] == 0.5
    assert len(mixer.played[0][0]) == 2 * 2 * (44100 * 55 // 1000)  # the mixer's rate and channels
    sounds.set_volume(0)
    sounds.play("lock")
    assert len(mixer.played) == 1


def test_no_sound_under_the_test_drivers(app):
    assert not app.sounds.enabled  # SDL_AUDIODRIVER=dummy: the device is never opened
    app.play_sound("choose")
    assert not pygame.mixer.get_init()


def test_settings_choose_the_sounds_volume_and_mute_silences_them(app):
    from ui_driver import press

    mixer = FakeMixer()
    app._sounds = Sounds(app.settings.sound_volume, mixer=mixer)
    press(app, "Settings")
    press(app, "Loud")
    assert app.settings.sound_volume == 100 and mixer.played[-1][1] == 1.0  # a sample of how loud
    press(app, "Mute")
    count = len(mixer.played)
    app.play_sound("choose")
    assert app.settings.sound_volume == 0 and len(mixer.played) == count
    assert next(c for c in app.scene.controls if c.label == "Mute" and c.selected)


@pytest.mark.slow
def test_choosing_and_locking_on_the_board_sound(app, testing_event):
    from ui_driver import lock

    from game.session.game import HUMAN, Game

    mixer = FakeMixer()
    app._sounds = Sounds(25, mixer=mixer)
    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "easy"})
    game.pass_summit()  # (the summit has its own tests)
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    board = app.scene
    card = next(a for a in board.model.ordered_actions() if board.model.why_not(a) is None)
    board.toggle(card.id)
    board.toggle(card.id)
    board.undo()
    lock(app)
    sounds = [
        next(n for n, notes in SOUNDS.items() if synthesize(notes, 44100, 2) == data)
        for data, _ in mixer.played
    ]
    assert sounds == ["choose", "unchoose", "undo", "turn"]


def test_opening_the_device_prints_nothing_in_the_players_terminal(capfd):
    import os

    class NoisyMixer(FakeMixer):
        def init(self, **kwargs):
            os.write(2, b"ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default\n")
            super().init(**kwargs)

    mixer = NoisyMixer()
    Sounds(25, mixer=mixer).play("choose")
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "after\n" and mixer.played
