"""The game's text fields draw their placeholder as a hint, in the muted colour, and what is typed
in the colour of text (pygame_gui drew both alike, so an empty field looked filled in)."""

import pygame
from ui_driver import key, press, type_into


def colours_in(entry) -> set[tuple[int, int, int]]:
    image = entry.image
    return {
        tuple(image.get_at((x, y)))[:3] for x in range(image.get_width()) for y in range(image.get_height())
    }


def test_a_fields_placeholder_is_drawn_muted_and_typed_text_is_not(app):
    from game.ui.text_entry import TextEntry

    palette = app.palette
    entry = TextEntry(pygame.Rect(0, 0, 300, 40), app.manager, placeholder_text="Name for this save")
    app.step([])
    assert entry.hinting()
    drawn = colours_in(entry)
    assert tuple(palette.text_muted)[:3] in drawn and tuple(palette.text)[:3] not in drawn

    app.manager.set_focus_set(entry)  # typing into it: no placeholder, and the typed colour
    assert not entry.hinting() and entry.text_colour == pygame.Color(palette.text)
    entry.set_text("Kazan")
    app.manager.set_focus_set(None)
    app.step([])
    assert not entry.hinting() and tuple(palette.text)[:3] in colours_in(entry)

    entry.set_text("")  # cleared: the hint again
    app.step([])
    assert entry.hinting() and tuple(palette.text)[:3] not in colours_in(entry)


def test_the_boards_why_field_shows_its_hint_muted_and_keys_typed_into_it_stay_text(app, testing_event):
    from game.session.game import HUMAN, Game
    from game.ui.text_entry import TextEntry

    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    game.pass_summit()
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    field = app.scene.reason.entry
    assert isinstance(field, TextEntry) and field.hinting()
    type_into(app, "Why this plan", "Hold")
    assert app.scene.text_input_active()  # (so L is a letter typed, not Lock plan)
    key(app, pygame.K_l, text="l")
    assert app.scene.name == "board" and "moscow" not in game.locked
    assert app.scene.reason.text() == "Hold" and not field.hinting()


def test_a_save_name_typed_as_the_keyboard_types_it_reads_forwards(app, testing_event):
    # A key typed comes as a press and then the text it makes. With the fields made a subclass of
    # pygame_gui's, a screen that asked for the class by its name took each press for one of its
    # own keys, the field lost its place, and a save's name read backwards ("6t noxin").
    from game.session.game import HUMAN, Game

    game = Game.new(testing_event, 7, {"moscow": HUMAN, "beijing": "normal"})
    game.pass_summit()
    app.show_only("board", game=game, perspective="moscow")
    app.step([])
    app.show_over("menu", game=game)
    app.step([])
    press(app, "Name for this save")
    for ch in "nixon t6":
        k = pygame.key.key_code(ch) if ch != " " else pygame.K_SPACE
        app.step([pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=ch, scancode=0)])
        app.step([pygame.event.Event(pygame.TEXTINPUT, text=ch)])
        app.step([pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode=ch, scancode=0)])
    assert app.scene.name == "menu" and app.scene.name_entry.get_text() == "nixon t6"
