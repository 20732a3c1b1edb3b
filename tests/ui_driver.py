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


def lock(app):
    """Lock the plan with L; an empty plan asks to be locked twice, so L goes twice then."""
    key(app, pygame.K_l)
    if app.scene.name == "board" and getattr(app.scene, "empty_lock_asked", False):
        key(app, pygame.K_l)
