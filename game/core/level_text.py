"""A level's player-facing text by key, and the level told in another language.

Every text a player reads has a key that says where its English is written in the level file:
`title`, `briefing.moscow`, `action.m_border_talks.name`, `event.x.text`, `outcome.y.epilogue`,
`agenda.beijing.goal.2` (goals, prompts and tutorial steps count from 1, like a reader),
`source.joint_statement_2022.note` (a source's own words, under the id it is given). A
level's translations (`Level.texts`, language -> key -> text, read from its catalogue files by
`game.levels.level_text`) replace the English entry by entry; a text without a translation stays
in English. Nothing here changes a rule: the level in another language plays the same game.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from typing import Any

from game.core.level import Agenda, Level

ENGLISH = "en"
# The languages the game's levels may be translated into, beside English.
LANGUAGES = ("tr", "ru", "zh_CN")

# Placeholders a text may hold, such as "{side}": a translation must keep the same ones.
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


# The texts of a card, event, outcome or deal: (its name's field, its longer text's field), the
# same in a compiled level and in a level file's spec.
NAMED_FIELDS = {
    "action": ("name", "description"),
    "event": ("title", "text"),
    "outcome": ("title", "epilogue"),
    "deal": ("name", "text"),
}


def named_texts(out: dict[str, str], kind: str, items: Iterable[Any]) -> None:
    """Add each item's name and (when it has one) longer text to `out`, keyed `kind.ID.FIELD`."""
    short, long = NAMED_FIELDS[kind]
    for item in items:
        out[f"{kind}.{item.id}.{short}"] = getattr(item, short)
        if text := getattr(item, long):
            out[f"{kind}.{item.id}.{long}"] = text


# A source's words that a reader may want in their language: whose view it gives, why to read it,
# and where it appeared (a place and a date, or a publisher's name, copied as it is). Its author
# and title are not among them: a citation names a work as it was published.
SOURCE_FIELDS = ("perspective", "note", "published")


def source_texts(out: dict[str, str], sources: Iterable[Any]) -> None:
    """Add the words of each source that has an id to `out`, keyed `source.ID.FIELD`. The key is
    the id the level file gives the source, never its place in the list, so that a source keeps
    its translation wherever it is listed and in every level that inherits it. A source without
    an id has no key: it is shown as the level writes it in every language."""
    for s in sources:
        if s.id:
            for name in SOURCE_FIELDS:
                if text := getattr(s, name):
                    out[f"source.{s.id}.{name}"] = text


def english_texts(level: Level) -> dict[str, str]:
    """Every player-facing text of `level` by its key, in the order a reader meets them."""
    out: dict[str, str] = {"title": level.title}
    if level.description:
        out["description"] = level.description
    for side, text in level.briefing.items():
        out[f"briefing.{side}"] = text
    for side, agenda in level.agendas.items():
        if agenda.summary:
            out[f"agenda.{side}.summary"] = agenda.summary
        for i, goal in enumerate(agenda.goals, start=1):
            out[f"agenda.{side}.goal.{i}"] = goal.text
    named_texts(out, "action", level.actions.values())
    named_texts(out, "event", level.events)
    named_texts(out, "outcome", level.outcomes)
    named_texts(out, "deal", level.deals)
    for group, questions in level.prompts.items():
        for i, q in enumerate(questions, start=1):
            out[f"prompts.{group}.{i}"] = q
    for i, step in enumerate(level.tutorial, start=1):
        out[f"tutorial.{i}"] = step.text
    if level.what_happened:
        out["what_happened"] = level.what_happened
    source_texts(out, level.sources)
    return out


def placeholders(text: str) -> list[str]:
    """The placeholders of `text`, sorted: two texts that agree on them keep them all."""
    return sorted(PLACEHOLDER.findall(text))


def text_of(level: Level, key: str, lang: str) -> str:
    """The text at `key` in `lang`: its translation, or the English where there is none."""
    translated = level.texts.get(lang, {}).get(key)
    if translated:
        return translated
    return english_texts(level).get(key, "")


def original_of(level: Level) -> Level:
    """The level as its files wrote it: `level` itself, or what `level` is a translation of."""
    return level.original or level


def in_language(level: Level, lang: str) -> Level:
    """A copy of `level` whose player-facing texts are in `lang`, each falling back to English
    where it has no translation. English, or a language the level has no text for, gives the
    level as its files wrote it. A level already told in a language is told again from its
    original (`Level.original`), never from the translation: the same rules, another language."""
    level = original_of(level)
    texts: Mapping[str, str] = level.texts.get(lang, {})
    if lang == ENGLISH or not texts:
        return level

    def t(key: str, english: str) -> str:
        return texts.get(key) or english

    agendas = {
        side: Agenda(
            t(f"agenda.{side}.summary", agenda.summary),
            tuple(
                dataclasses.replace(g, text=t(f"agenda.{side}.goal.{i}", g.text))
                for i, g in enumerate(agenda.goals, start=1)
            ),
            agenda.win_at,
        )
        for side, agenda in level.agendas.items()
    }
    told = dataclasses.replace(
        level,
        title=t("title", level.title),
        description=t("description", level.description),
        what_happened=t("what_happened", level.what_happened),
        briefing={side: t(f"briefing.{side}", text) for side, text in level.briefing.items()},
        agendas=agendas,
        actions={
            k: dataclasses.replace(
                a,
                name=t(f"action.{a.id}.name", a.name),
                description=t(f"action.{a.id}.description", a.description),
            )
            for k, a in level.actions.items()
        },
        events=tuple(
            dataclasses.replace(
                e, title=t(f"event.{e.id}.title", e.title), text=t(f"event.{e.id}.text", e.text)
            )
            for e in level.events
        ),
        outcomes=tuple(
            dataclasses.replace(
                o,
                title=t(f"outcome.{o.id}.title", o.title),
                epilogue=t(f"outcome.{o.id}.epilogue", o.epilogue),
            )
            for o in level.outcomes
        ),
        deals=tuple(
            dataclasses.replace(d, name=t(f"deal.{d.id}.name", d.name), text=t(f"deal.{d.id}.text", d.text))
            for d in level.deals
        ),
        prompts={
            group: tuple(t(f"prompts.{group}.{i}", q) for i, q in enumerate(questions, start=1))
            for group, questions in level.prompts.items()
        },
        tutorial=tuple(
            dataclasses.replace(s, text=t(f"tutorial.{i}", s.text))
            for i, s in enumerate(level.tutorial, start=1)
        ),
        sources=tuple(
            dataclasses.replace(
                s,
                perspective=t(f"source.{s.id}.perspective", s.perspective),
                note=t(f"source.{s.id}.note", s.note),
                published=t(f"source.{s.id}.published", s.published),
            )
            if s.id
            else s
            for s in level.sources
        ),
    )
    object.__setattr__(told, "original", level)  # (frozen: set once, here, as it is made)
    return told


# The keys of the texts that name something (a card, an event, an outcome, a deal, a goal of an
# agenda): what a name kept in a sentence made earlier is looked up by (see name_in).
_NAME_KEY = re.compile(r"(action|event|outcome|deal)\.[^.]+\.(name|title)|agenda\.[^.]+\.goal\.\d+")


def name_in(level: Level, name: str) -> str:
    """`name`, a name of one of `level`'s cards, events, outcomes, deals or goals as a sentence made
    earlier kept it (in English or any of the level's languages: the one the level was told in
    then), as `level` names it now; anything else as it is."""
    names = level.names_now
    if not names:  # worked out on first use, and kept with the level (Level.names_now)
        original, now = original_of(level), english_texts(level)
        for key, text in english_texts(original).items():
            if _NAME_KEY.fullmatch(key):
                names.setdefault(text, now.get(key) or text)
        for texts in original.texts.values():
            for key, text in texts.items():
                if text and _NAME_KEY.fullmatch(key):
                    names.setdefault(text, now.get(key) or text)
    return names.get(name, name)
