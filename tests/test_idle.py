"""Waiting for input: events as soon as they come, nothing at the timeout, and next to no
processor time in between (game.ui.idle)."""

import time

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


def test_waiting_costs_next_to_no_processor_time(window):
    # pygame's own event.wait looks every millisecond and costs 2-3 % of a core doing it.
    cpu, wall = time.process_time(), time.perf_counter()
    while time.perf_counter() - wall < 1.0:
        wait_for_events(250)
    share = (time.process_time() - cpu) / (time.perf_counter() - wall)
    assert share < 0.015, f"{share:.1%} of a core while waiting"
