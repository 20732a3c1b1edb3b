"""Waiting for input without spinning.

pygame-ce's `event.wait` looks for events every millisecond (it sleeps one millisecond between
looks), which alone keeps 2-3 % of a core busy: a game waiting for a click would cost as much
as that. The idle wait looks every POLL_S seconds instead and sleeps in between, so a key or a
click is seen at most POLL_S late, well within one frame at 60 frames a second.
"""

from __future__ import annotations

import time

import pygame

POLL_S = 0.01
# How long the window waits for input before it looks again (a timer on screen redraws then).
IDLE_WAIT_MS = 500


def wait_for_events(timeout_ms: int, clock=time.monotonic, sleep=time.sleep) -> list:
    """The events that came, as soon as there are any, or [] once `timeout_ms` has passed."""
    end = clock() + timeout_ms / 1000
    while True:
        events = pygame.event.get()
        if events:
            return events
        left = end - clock()
        if left <= 0:
            return []
        sleep(min(POLL_S, left))
