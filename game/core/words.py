"""A marker for the engine's words that the interface shows: meters', bands', limits', tags' and
phases' names, and the calendar's. `N_` gives its argument back unchanged, so the engine, its
transcripts and its exports stay in English; pybabel collects the marked strings into the
interface's catalogue (babel.cfg), and game.speech.words translates them where they are drawn.
No gettext here: the engine is pure.

The engine's sentences (the "why" of each change, the AI's reasons) are `Said`: the English
sentence itself, a `str` equal to it in every way (a transcript, an export, a comparison or a hash
sees only the English), which also carries the marked frame it was made from and the values put
into it, so that the interface can say the same sentence in the player's language
(game.speech.reasons). The values are kept as the engine has them: a side's key, a limit's key, a
number, a summit's term, a name the level wrote, or another `Said`; the placeholders' names say
which (SIDE_PLACEHOLDERS, LIMIT_PLACEHOLDERS, METER_PLACEHOLDERS).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# Placeholders whose value is a side's or a power's key ('moscow'), said as its name.
SIDE_PLACEHOLDERS = frozenset({"side", "partner", "other", "who"})
# Placeholders whose value is one of the four limits' keys ('identity_gap'), said as its label.
LIMIT_PLACEHOLDERS = frozenset({"limit"})
# Placeholders whose value is a meter's key ('moscow.standing'), said as its name.
METER_PLACEHOLDERS = frozenset({"meter"})
# Placeholders whose value is a name the level wrote (a card's, an event's), in the language the
# level was told in when the sentence was made: said again as the level in force names it
# (a goal's too, as the AI's reasons name the goals a card moves toward).
LEVEL_NAME_PLACEHOLDERS = frozenset({"card", "title", "name", "goal"})


def N_(message: str) -> str:
    """Mark `message` for the catalogue; it is returned as it is."""
    return message


def n_(singular: str, plural: str, n: int) -> Said:
    """Mark a frame with a count `n` for the catalogue, as the interface's `n_` does: the English
    form for the count (the singular for 1, else the plural) as a `Said` that keeps both forms and
    the count; fill it with `counted`."""
    return Said(singular if n == 1 else plural, singular, {"n": n}, plural)


class Said(str):
    """An engine sentence in English, with the frame (marked with `N_`) and the values it was made
    from. It is the English string for everything but the interface, which reads `frame` and
    `values` to say it again in the player's language."""

    __slots__ = ("frame", "plural", "values")
    frame: str
    values: Mapping[str, object]
    plural: str

    def __new__(cls, english: str, frame: str, values: Mapping[str, object], plural: str = "") -> Said:
        """The sentence `english`, made from `frame` with `values`; `plural`: the frame's plural,
        for a frame marked with `n_`, whose count is the value `n`."""
        said = super().__new__(cls, english)
        said.frame = frame
        said.values = values
        said.plural = plural
        return said

    def __reduce__(self) -> tuple[object, tuple[str, str, Mapping[str, object], str]]:
        """Pickled (a batch run's worker, a copy) with its frame and values."""
        return (Said, (str(self), self.frame, dict(self.values), self.plural))


_new_str = str.__new__


def made(english: str, frame: str, values: Mapping[str, object], plural: str = "") -> Said:
    """Said(english, frame, values, plural), in half its time (no Python-level __new__): for the
    turn's whys, made on every recorded turn."""
    said: Said = _new_str(Said, english)
    said.frame, said.values, said.plural = frame, values, plural
    return said


class Lines(str):
    """Sentences said one after the other (the AI's reason for a plan: its outlook, then a line a
    card), joined by `sep`; each part a `Said` or a plain English string."""

    __slots__ = ("parts", "sep")
    parts: tuple[str, ...]
    sep: str

    def __new__(cls, parts: Sequence[str], sep: str = "\n") -> Lines:
        """The `parts` joined by `sep`."""
        lines = super().__new__(cls, sep.join(parts))
        lines.parts = tuple(parts)
        lines.sep = sep
        return lines

    def __reduce__(self) -> tuple[object, tuple[tuple[str, ...], str]]:
        """Pickled with its parts."""
        return (Lines, (self.parts, self.sep))


def counted(frame: Said, **values: object) -> Said:
    """A frame made by `n_`, filled with its count and `values` (which read in English as they
    are: numbers, names the level wrote, other `Said`)."""
    both = {**frame.values, **values}
    return Said(frame.format(**both), frame.frame, both, frame.plural)


def word(message: str) -> Said:
    """A word or sentence with no values (marked with `N_` by the caller's constant) as a `Said`,
    for a value of another sentence that the interface should translate ('a little')."""
    return Said(message, message, {})
