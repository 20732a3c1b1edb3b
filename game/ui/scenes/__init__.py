"""The game's screens, registered by name in one place.

A screen moves on by asking the app for another by name (`app.show("debrief", game=game)`), so
no screen imports another. Each is imported the first time it is shown: the title's first frame
does not wait for the board, the engine or the save format.
"""

from __future__ import annotations

import importlib
from difflib import get_close_matches
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ui.scenes.base import Scene

# A screen's name (its class's `name`) -> "module:class".
SCENES: dict[str, str] = {
    "title": "game.ui.scenes.title:TitleScene",
    "new game": "game.ui.scenes.newgame:NewGameScene",
    "classroom set-up": "game.ui.scenes.classroom:ClassroomSetupScene",
    "join a class": "game.ui.scenes.join:JoinClassScene",
    "load": "game.ui.scenes.load:LoadScene",
    "settings": "game.ui.scenes.settings:SettingsScene",
    "credits": "game.ui.scenes.credits:CreditsScene",
    "help": "game.ui.scenes.help:HelpScene",
    "level problems": "game.ui.scenes.problems:ProblemsScene",
    "board": "game.ui.scenes.board:BoardScene",
    "summit": "game.ui.scenes.summit:SummitScene",
    "hand-over": "game.ui.scenes.handover:HandOverScene",
    "resolution": "game.ui.scenes.resolution:ResolutionScene",
    "menu": "game.ui.scenes.menu:MenuScene",
    "debrief": "game.ui.scenes.debrief:DebriefScene",
    "facilitator login": "game.ui.scenes.facilitator:FacilitatorLoginScene",
    "facilitator": "game.ui.scenes.facilitator:FacilitatorPanelScene",
    "facilitator deals": "game.ui.scenes.facilitator_deals:FacilitatorDealsScene",
}


def scene_class(name: str) -> type[Scene]:
    """The class of the screen registered as `name`, imported on first use."""
    if name not in SCENES:
        near = get_close_matches(name, SCENES, n=1)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        raise KeyError(f"no screen is registered as '{name}'{hint}")
    module, _, cls = SCENES[name].partition(":")
    found: type[Scene] = getattr(importlib.import_module(module), cls)
    return found
