"""Driving the real UI from tests: synthetic key presses, clicks and typing (dummy video driver)."""

import pygame


def key(app, k, mod=0, text=""):
    app.step([pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=text, scancode=0)])


def press(app, label):
    """Click the control with this label."""
    control = next(c for c in app.scene.controls if c.label == label)
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=control.rect.center, button=1)])


def pump(app):
    """Handle the events pygame_gui posted itself (text changed, entry finished)."""
    app.step(pygame.event.get())


def type_into(app, label, text):
    press(app, label)  # the text field's control gives it the keyboard
    for ch in text:
        app.step([pygame.event.Event(pygame.TEXTINPUT, text=ch)])
    pump(app)


def past_the_summit(app):
    """Skip the turn's summit when it comes before the board (K), then go on to the board (Enter).
    In hot-seat, each player's skip hands the keyboard over, as it does in play."""
    for _ in range(6):
        if app.scene.name == "hand-over" and app.scene.note:
            key(app, pygame.K_RETURN)  # the other player's move at the summit
        elif app.scene.name == "summit":
            key(app, pygame.K_k if app.scene.model.stage != "done" else pygame.K_RETURN)
        else:
            return


def lock(app):
    """Lock the plan with L; an empty plan asks to be locked twice, so L goes twice then. A summit
    that comes before the board is skipped first."""
    past_the_summit(app)
    key(app, pygame.K_l)
    if app.scene.name == "board" and getattr(app.scene, "empty_lock_asked", False):
        key(app, pygame.K_l)
