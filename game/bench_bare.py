"""A bare pygame_gui window with one button: what `python -m game bench` measures the game's start
against (startup_per_bare_median). Started as `python -m game.bench_bare [--size WxH]`, the same
way as the game; it prints one JSON line once its first frame is on the screen, and closes.

It does what any pygame_gui program must before its first frame, and nothing of the game's."""

from __future__ import annotations

import json
import os
import sys


def main(argv: list[str]) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")  # as the game sets it
    import pygame
    import pygame_gui

    size = (1280, 720)
    if len(argv) == 2 and argv[0] == "--size":
        w, h = (int(x) for x in argv[1].lower().split("x"))
        size = (w, h)
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_caption("bench")
    screen = pygame.display.set_mode(size, pygame.RESIZABLE)
    manager = pygame_gui.UIManager(size)
    pygame_gui.elements.UIButton(
        pygame.Rect(size[0] // 2 - 100, size[1] // 2 - 30, 200, 60), "Start", manager
    )
    manager.update(0.0)
    screen.fill((24, 26, 32))
    manager.draw_ui(screen)
    pygame.display.flip()
    print(json.dumps({"first_frame": True}), flush=True)
    pygame.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
