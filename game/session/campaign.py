"""The campaign: the shipped levels in chapter order, and which of them the player has opened.

The order and the unlocks are level data (`[campaign]` in each file); the player's progress is the
list of finished levels in their settings. A level opens when every level in its `unlocked_by` has
been played to the end, from either side, or when the player has chosen to open them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from game.levels.spec import LevelSpec


class CampaignEntry(Protocol):
    """What `chapters` reads of a level on offer (a catalogue's `Entry` has it)."""

    @property
    def id(self) -> str:
        """The level's id."""
        ...

    @property
    def title(self) -> str:
        """The level's title."""
        ...

    @property
    def chapter(self) -> int | None:
        """Its chapter, or None outside the campaign."""
        ...

    @property
    def unlocked_by(self) -> Sequence[str]:
        """The levels to finish before it opens."""
        ...


@dataclass(frozen=True)
class Chapter:
    """A level as the campaign list shows it: its place, and whether the player may start it."""

    level_id: str
    title: str
    chapter: int | None  # None: not part of the campaign (a mod, a standalone level)
    unlocked_by: tuple[str, ...]
    finished: bool
    is_open: bool

    def waiting_for(self, titles: dict[str, str], finished: Iterable[str]) -> list[str]:
        """The titles of the levels still to finish before this one opens."""
        done = set(finished)
        return [titles.get(i, i) for i in self.unlocked_by if i not in done]


def campaign_of(spec: LevelSpec | None) -> tuple[int | None, tuple[str, ...]]:
    """A parsed level's chapter and unlocks (from its LevelSpec)."""
    if spec is None or spec.campaign is None:
        return None, ()
    return spec.campaign.chapter, tuple(spec.campaign.unlocked_by)


def chapters(
    entries: Iterable[CampaignEntry], finished: Iterable[str], unlock_all: bool = False
) -> list[Chapter]:
    """Every playable entry as a chapter: campaign levels first, by chapter, then the others by title.

    `entries` need `id`, `title` and `chapter`/`unlocked_by` (see `campaign_of`); levels outside
    the campaign, and campaign levels whose unlocking levels are not installed, are always open
    (a missing level must not lock the player out for ever)."""
    entries = list(entries)
    done = set(finished)
    known = {e.id for e in entries}
    out = []
    for e in entries:
        chapter, unlocked_by = e.chapter, tuple(e.unlocked_by)
        needed = [i for i in unlocked_by if i in known]
        is_open = unlock_all or chapter is None or all(i in done for i in needed)
        out.append(Chapter(e.id, e.title, chapter, unlocked_by, e.id in done, is_open))
    out.sort(key=lambda c: (c.chapter is None, c.chapter if c.chapter is not None else 0, c.title.lower()))
    return out


def with_finished(finished: Iterable[str], level_id: str) -> list[str]:
    """The finished list with one more level (kept in the order they were finished)."""
    done = list(finished)
    return done if level_id in done else [*done, level_id]
