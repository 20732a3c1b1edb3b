"""The interface's sounds, made by the game itself: short tones synthesized when first wanted (no
audio file is shipped or downloaded), played at the volume chosen in Settings.

Nothing is opened until a sound is asked for with the volume above zero: the game has no other
use for an audio device, and opening one fails noisily on machines without. Under the test
drivers (`SDL_AUDIODRIVER=dummy`) the sounds are off.
"""

from __future__ import annotations

import contextlib
import math
import os
from array import array
from collections.abc import Iterator
from typing import Any

# Each sound: notes played one after the other, (frequency in Hz, length in ms); 0 Hz is a rest.
SOUNDS: dict[str, tuple[tuple[float, int], ...]] = {
    "choose": ((660.0, 55),),  # a card into the plan
    "unchoose": ((440.0, 55),),  # a card out of it
    "undo": ((587.0, 45), (440.0, 60)),
    "lock": ((523.0, 70), (0.0, 15), (784.0, 120)),  # the plan locked
    "refuse": ((196.0, 110),),  # what cannot be done now
    "turn": ((392.0, 80), (494.0, 80), (587.0, 160)),  # a turn resolved
}
PEAK = 0.35  # of full scale: interface sounds are quiet under the player's own volume


def synthesize(notes: tuple[tuple[float, int], ...], rate: int, channels: int = 1) -> bytes:
    """Signed 16-bit samples (native byte order) of `notes` at `rate` Hz: each a sine with its
    first harmonic, a quick attack and a soft decay, so that it clicks neither in nor out."""
    samples = array("h")
    for freq, ms in notes:
        count = rate * ms // 1000
        attack = max(1, rate // 500)  # 2 ms
        for i in range(count):
            envelope = min(1.0, i / attack) * (1.0 - i / count) ** 2
            t = i / rate
            wave = math.sin(2 * math.pi * freq * t) + 0.25 * math.sin(4 * math.pi * freq * t) if freq else 0.0
            value = int(32767 * PEAK * envelope * wave / 1.25)
            samples.extend([value] * channels)
    return samples.tobytes()


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """The process's standard error sent nowhere for a moment: the sound libraries under SDL
    (ALSA) print their search for a device there, which on a machine without one is a page of
    noise in the player's terminal. A device that does not open is said by the mixer itself."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "w") as nowhere:
            os.dup2(nowhere.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class Sounds:
    """The interface's sounds at `volume` (0 to 100; 0 is mute). `mixer` is pygame's (a test may
    give another with `get_init`, `init` and `Sound`)."""

    def __init__(self, volume: int, mixer=None):
        self.volume = volume
        self._mixer = mixer
        self._sounds: dict[str, Any] = {}  # a mixer's Sound each
        self._ready: bool | None = None  # None: the device is not opened yet

    @property
    def enabled(self) -> bool:
        """Whether sounds are played: a volume above zero, and a device that opened."""
        return self.volume > 0 and self._open()

    def set_volume(self, volume: int) -> None:
        self.volume = volume

    def play(self, name: str) -> None:
        """Play the sound `name` (see SOUNDS) at the volume chosen; nothing when sounds are off."""
        if not self.enabled:
            return
        sound = self._sounds.get(name)
        if sound is None:
            sound = self._sounds[name] = self._make(name)
        sound.set_volume(self.volume / 100)
        sound.play()

    def _open(self) -> bool:
        if self._ready is None:
            self._ready = False
            if os.environ.get("SDL_AUDIODRIVER", "").lower() == "dummy" and self._mixer is None:
                return False  # the test drivers: no sound
            mixer = self._mixer
            if mixer is None:
                import pygame

                mixer = self._mixer = pygame.mixer
            try:
                if not mixer.get_init():
                    with quiet_stderr():
                        mixer.init(frequency=22050, size=-16, channels=1, buffer=512)
                got = mixer.get_init()
            except (RuntimeError, OSError):  # (pygame.error) no device: the game goes on silent
                return False
            self._ready = bool(got) and got[1] == -16
        return self._ready

    def _make(self, name: str):
        frequency, _size, channels = self._mixer.get_init()
        return self._mixer.Sound(buffer=synthesize(SOUNDS[name], frequency, channels))
