"""The build hook: compile the interface's catalogues (game/locale/*/LC_MESSAGES/*.po) into .mo files.

Compiled catalogues are never committed: a wheel gets them made here, with Babel, when it is built
(`pip install .`, `python -m build`). An editable install (`pip install -e .`) reads the checkout,
where game.i18n compiles a .po into the user's cache folder the first time it is needed; this hook
only checks there that every catalogue compiles, so a broken one fails the install, not the game.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DOMAIN = "pragmatic_partners"


class CatalogueHook(BuildHookInterface):
    """Compile each .po into a .mo inside the wheel's game/locale."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale_dir = Path(self.root) / "game" / "locale"
        self._out = tempfile.TemporaryDirectory(prefix="pp-catalogues-")
        for po in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            lang = po.parent.parent.name
            with po.open("rb") as f:
                catalog = read_po(f, locale=lang)
            mo = Path(self._out.name) / lang / f"{DOMAIN}.mo"
            mo.parent.mkdir(parents=True, exist_ok=True)
            with mo.open("wb") as f:
                write_mo(f, catalog)
            if version != "editable":
                build_data["force_include"][str(mo)] = f"game/locale/{lang}/LC_MESSAGES/{DOMAIN}.mo"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            out.cleanup()
