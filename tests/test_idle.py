"""Waiting for input: events as soon as they come, nothing at the timeout, and next to no
processor time in between (game.ui.idle)."""

import pygame
import pytest

from game.ui.idle import POLL_S, wait_for_events


@pytest.fixture
def window():
    pygame.display.init()
    pygame.display.set_mode((200, 100))
    pygame.event.clear()
    yield
    pygame.display.quit()


class Clock:
    """Time that passes only when the wait sleeps."""

    def __init__(self):
        self.now, self.sleeps = 0.0, []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def test_an_event_that_is_there_comes_back_at_once(window):
    clock = Clock()
    pygame.event.post(pygame.event.Event(pygame.USEREVENT, tag="click"))
    events = wait_for_events(500, clock, clock.sleep)
    assert [e.tag for e in events if e.type == pygame.USEREVENT] == ["click"] and clock.sleeps == []


def test_with_no_event_the_wait_ends_at_its_timeout_looking_every_poll(window):
    clock = Clock()
    assert wait_for_events(500, clock, clock.sleep) == []
    assert clock.now == pytest.approx(0.5) and max(clock.sleeps) <= POLL_S


def test_a_second_of_waiting_looks_a_hundred_times_not_a_thousand(window, monkeypatch):
    # pygame's own event.wait looks every millisecond (1000 looks a second, 2-3 % of a core).
    # What the idle wait costs in processor time is measured by `python -m game bench`
    # (idle_cpu_percent); a timed test would swing with the machine's load, so this counts looks.
    clock, looks = Clock(), []
    real_get = pygame.event.get
    monkeypatch.setattr(pygame.event, "get", lambda: looks.append(1) or real_get())
    for _ in range(4):
        assert wait_for_events(250, clock, clock.sleep) == []
    assert clock.now == pytest.approx(1.0)
    # One look a poll, and one more at the end of each of the four waits.
    assert len(looks) <= 1 / POLL_S + 4 and len(looks) < 1000 / 8, f"{len(looks)} looks in a second"
