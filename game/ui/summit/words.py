"""What the screens say of the summit (game.core.summit), in words read from the game: the terms
running, how many terms each side may put forward and why, what a term binds and what breaking it
costs, what became of each term at resolution, and a summit's record with the AI's reasons.

No pygame here: the summit screen, the board's Commitments tab, the resolution and the debrief
draw these words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core.meters import other
from game.core.summit import Term, deed_words, power_lead, term_words, terms_allowed
from game.ui.rule_words import why_not_in_words

if TYPE_CHECKING:
    from game.core.level import Action, Level
    from game.core.summit import Commitment, Settled
    from game.session.game import Game
    from game.session.summit_table import Entry

# What a side did with its part of a term, as the resolution and the debrief say it.
RESULT_WORDS = {
    "kept": "kept its word",
    "broken": "broke its word",
    "heeded": "heeded the warning",
    "defied": "defied the warning",
    "carried out": "carried out its warning",
    "empty": "did not carry out its warning",
}
GOOD_RESULTS = frozenset({"kept", "heeded", "carried out"})
# Promises and deals are made in public: breaking one costs standing abroad too (core.phases).
PUBLIC_KINDS = frozenset({"promise", "deal"})


def name(side: str) -> str:
    """A side's name as the screens write it."""
    return side.capitalize()


def power_note(game: Game, side: str, room: bool = False) -> str:
    """How many terms each side may put forward, and why the stronger side gets more (the identity
    gap at the table); in the `room`, where both teams read it, each side by its name."""
    state = game.state
    mine, theirs = terms_allowed(state, side), terms_allowed(state, other(side))
    lead = power_lead(state)
    base = state.level.rules.summit_terms
    you = name(side) if room else "You"
    if lead is None:
        return (
            f"{you} may put forward {mine} terms, and {name(other(side))} {theirs}: the two are about "
            "as strong as each other (economy and security), so neither side gets more."
        )
    gap = state.level.rules.power_gap_per_term
    more = ("You have" if not room else f"{name(side)} has") if lead == side else f"{name(lead)} has"
    return (
        f"{you} may put forward {mine} terms, and {name(other(side))} {theirs}. {more} more power "
        f"(economy and security), and the side with more power asks more: one term beyond the "
        f"{base} each side has for every {gap:g} points of the gap. That is the identity gap at the table."
    )


def short_words(level: Level, term: Term) -> str:
    """A term in the list of its kind, where the kind and who makes it go without saying: 'to play
    Power of Siberia 2', 'not to use force', 'if Beijing courts Washington, Moscow will court
    Washington'."""
    if term.kind == "deal" or term.kind == "warning":
        words = term_words(level, term)
        return words.split(": ", 1)[1] if term.kind == "warning" and ": " in words else words
    return deed_words(level, term.deed)


def kind_words(level: Level, kind: str, side: str, room: bool = False) -> str:
    """What a kind of term binds, as the list of that kind says it to `side` (in the `room`, where
    one player enters both sides' terms, of `side` by its name)."""
    partner = name(other(side))
    turns = level.rules.promise_turns
    you, you_must = (name(side), f"{name(side)} must") if room else ("you", "you must")
    return {
        "offer": f"Offers bind {you}, for this turn.",
        "request": f"Requests bind {partner}, for this turn.",
        "promise": f"Promises bind {you} for {turns} turns, and are made in public.",
        "warning": f"Warnings bind no one at once: if {partner} does it within {turns} turns, {you_must} "
        "answer the next turn, or the threat was empty.",
        "deal": "The level's deals bind both sides, each to its part.",
    }.get(kind, "")


def bound_words(level: Level, term: Term) -> str:
    """Whom the term binds, and for how long."""
    if term.kind == "warning":
        turns = level.rules.promise_turns
        return (
            f"Binds no one at once. If {name(other(term.by))} does it within {turns} turns, "
            f"{name(term.by)} must answer the next turn, or its threat was empty."
        )
    sides = " and ".join(name(s) for s, _ in term.bound())
    turns = term_turns(level, term)
    return f"Binds {sides} " + ("this turn." if turns == 1 else f"for {turns} turns, this one included.")


def term_turns(level: Level, term: Term) -> int:
    """How many turns an agreed term covers, its first included."""
    if term.kind in ("promise", "warning"):
        return level.rules.promise_turns
    if term.kind == "deal":
        deal = level.deal(term.deal)
        return deal.turns if deal else 1
    return 1


def cost_words(level: Level, term: Term) -> str:
    """What keeping and breaking the term do, as the level's rules set them."""
    r = level.rules
    if term.kind == "warning":
        return (
            f"Defied: trust −{r.warning_defied_trust:g}. A threat not carried out: the warner's "
            f"standing −{r.term_standing_broken:g}."
        )
    broken = f"trust −{r.term_trust_broken:g}, partnership −{r.term_partnership_broken:g}"
    if term.kind in PUBLIC_KINDS:
        broken += f", the breaker's standing −{r.term_standing_broken:g} (a pledge made in public)"
    return f"Kept: trust +{r.term_trust_kept:g}. Broken: {broken}; trust mends only slowly."


def term_tip(game: Game, term: Term, viewer: str = "") -> tuple[str, list[str]]:
    """A term's tooltip: its words, whom it binds, what keeping and breaking it do, and the cards
    it names (for `viewer`'s own cards, whether it may play them this turn)."""
    level = game.level
    lines = [bound_words(level, term), cost_words(level, term)]
    deal = level.deal(term.deal) if term.kind == "deal" else None
    if deal is not None and term.answer is not None:
        partner = other(term.by)
        lines[:0] = [deal.text] if deal.text else []
        lines.append(
            f"{name(partner)}'s part: {deed_words(level, term.deed)}; "
            f"{name(term.by)}'s part: {deed_words(level, term.answer)}."
        )
    for deed in (term.deed, term.answer):
        action = level.actions.get(deed.subject) if deed is not None and deed.kind == "play" else None
        if action is None:
            continue
        lines.append(f"{action.name} (cost {action.cost}): {action.description}")
        if action.side == viewer:
            why = why_not_in_words(game.state, viewer, action.id)
            if why:
                lines.append(f"You cannot play it this turn: {why}.")
    return term_words(level, term), lines


def unplayable(game: Game, side: str, term: Term) -> str:
    """Why `side` could not keep a term of its own this turn: a card it binds itself to play that
    it cannot play now ('' when it can, or the term binds it to no card)."""
    for bound, deed in term.bound():
        if bound == side and deed.kind == "play" and not deed.restraint:
            why = why_not_in_words(game.state, side, deed.subject)
            if why:
                return why
    return ""


def commitment_line(game: Game, c: Commitment) -> str:
    """A running commitment: its words, the turns it still covers, and how far it is settled."""
    level = game.level
    words = term_words(level, c.term)
    if c.term.kind == "warning" and c.set_off:
        return f"{words}. {name(other(c.term.by))} defied it: {name(c.term.by)} answers this turn."
    until = min(c.until, level.turns)
    runs = "this turn" if until <= game.state.turn else f"until turn {until} ({level.date_of(until)})"
    done = [name(s) for s in sorted(c.done)]
    tail = f"; {' and '.join(done)} did its part already" if done else ""
    return f"{words}: runs {runs}{tail}."


def running_lines(game: Game) -> list[str]:
    """Every commitment that runs now, in words."""
    return [commitment_line(game, c) for c in game.state.commitments]


def whose_word(c: Commitment, side: str) -> str:
    """Whose word a running commitment holds, as `side` reads it: 'yours' (it binds `side`, or
    `side` must answer its own warning now), 'theirs', 'both' (a deal), or 'warning' (a threat
    not yet set off)."""
    term = c.term
    if term.kind == "warning":
        if not c.set_off:
            return "warning"
        return "yours" if term.by == side else "theirs"
    sides = {s for s, _ in term.bound()}
    if len(sides) > 1:
        return "both"
    return "yours" if side in sides else "theirs"


def running_by_whose_word(game: Game, side: str) -> list[tuple[str, list[str]]]:
    """The commitments running, grouped for `side`: (heading, lines) for each group that has any."""
    groups: dict[str, list[str]] = {"yours": [], "both": [], "theirs": [], "warning": []}
    for c in game.state.commitments:
        groups[whose_word(c, side)].append(commitment_line(game, c))
    partner = name(other(side))
    titles = {
        "yours": "Your word",
        "both": "Deals binding both sides",
        "theirs": f"{partner}'s word",
        "warning": "Warnings standing",
    }
    return [(titles[k], lines) for k, lines in groups.items() if lines]


def settled_words(level: Level, s: Settled) -> str:
    """What became of one side's part of a term: 'Moscow kept its word: Moscow promises ...'."""
    return f"{name(s.side)} {RESULT_WORDS.get(s.result, s.result)}: {term_words(level, s.term)}"


def card_terms(game: Game, side: str, action: Action) -> list[tuple[bool, str]]:
    """The running terms a card would keep or break if `side` played it: (keeps, words) each."""
    out: list[tuple[bool, str]] = []
    level = game.level
    for c in game.state.commitments:
        term = c.term
        words = term_words(level, term)
        if term.kind == "warning":
            if c.set_off and term.by == side and term.answer and term.answer.done_by((action,)):
                out.append((True, f"carries out your warning: {words}"))
            elif not c.set_off and term.by != side and term.deed.done_by((action,)):
                out.append((False, f"defies the warning: {words}"))
            continue
        for bound, deed in term.bound():
            if bound != side or bound in c.done or not deed.done_by((action,)):
                continue
            if deed.restraint:
                out.append((False, f"breaks your word: {words}"))
            else:
                out.append((True, f"keeps your word: {words}"))
    return out


def entry_lines(level: Level, entries: list[Entry]) -> list[tuple[bool, str, str]]:
    """A summit's record, term by term: (agreed, what happened to the term, the AI's reason or '')."""
    out = []
    countered = {e.counter_to for e in entries if e.counter_to}
    for e in entries:
        term = e.term
        words = term_words(level, term)
        if e.counter_to:
            head = f"{name(term.by)}'s counter, " + ("agreed" if e.agreed else "refused")
        elif e.agreed:
            head = "Agreed in the room" if e.in_room else "Agreed"
        elif term.key() in countered:
            head = "Countered"
        else:
            head = "Refused"
        why = ""
        if e.why:
            # The reason is the proposer's when it proposed the term, else the answering side's.
            speaker = term.by if e.why.startswith("proposed") and not e.counter_to else other(term.by)
            why = f"{name(speaker)}'s reason: {e.why}"
        out.append((e.agreed, f"{head}: {words}", why))
    return out


def fates(game: Game, turn: int, term: Term) -> list[str]:
    """What became of a term agreed at turn `turn`'s summit, turn by turn, from the reports."""
    last = turn + term_turns(game.level, term) + (1 if term.kind == "warning" else 0) - 1
    key = term.key()
    return [
        f"turn {r.turn}: {name(s.side)} {RESULT_WORDS.get(s.result, s.result)}"
        for r in game.reports
        if turn <= r.turn <= last
        for s in r.settled
        if s.term.key() == key
    ]
