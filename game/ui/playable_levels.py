"""The levels a player can start, in campaign order, for the New game and classroom set-up
screens: those that load now, and those whose files broke since but loaded once this run."""

from __future__ import annotations

from dataclasses import dataclass

from game.i18n import current_language
from game.levels.level_text import title_in
from game.session.campaign import chapters


@dataclass
class KeptEntry:
    """A level whose file no longer loads, offered in its last good version."""

    id: str
    title: str
    is_mod: bool = True
    chapter: int | None = None
    unlocked_by: tuple[str, ...] = ()


def playable_entries(app) -> list:
    """The playable levels in campaign order (chapters first, then mods and standalone levels)."""
    entries = list(app.catalogue.playable())
    known = {e.id for e in entries}
    for level_id, level in app.good_levels.items():
        if level_id not in known and level.playable:
            campaign = level.campaign
            entries.append(
                KeptEntry(
                    level_id,
                    level.title,
                    True,
                    campaign.chapter if campaign else None,
                    campaign.unlocked_by if campaign else (),
                )
            )
    order = {c.level_id: i for i, c in enumerate(chapters(entries, ()))}
    return sorted(entries, key=lambda e: order[e.id])


def title_of(entry) -> str:
    """A level's title (a catalogue entry's) in the language in force, where its translation has
    one; the English otherwise."""
    path = getattr(entry, "path", None)  # (a level kept in its last good version has no file now)
    return title_in(path, entry.title, current_language()) if path is not None else entry.title
