"""What the screens say of the summit (game.core.summit), in words read from the game: the terms
running, how many terms each side may put forward and why, what a term binds and what breaking it
costs, what became of each term at resolution, and a summit's record with the AI's reasons.

No pygame here: the summit screen, the board's Commitments tab, the resolution and the debrief
draw these words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core.meters import other
from game.core.summit import (
    WORD_BROKEN,
    Term,
    power_lead,
    repeated_words,
    term_span,
    terms_allowed,
)
from game.core.summit import first_giving as first_giving_of
from game.i18n import N_, _, n_
from game.session.summit_table import agreed_terms
from game.speech.reasons import frame_of, say
from game.speech.sides import side_name
from game.speech.terms import deed_words, term_words, warning_words
from game.speech.words import date_of, tag_name
from game.ui.rule_words import why_not_in_words

if TYPE_CHECKING:
    from game.core.level import Action, Level
    from game.core.summit import Commitment, Settled
    from game.session.game import Game
    from game.session.summit_table import Entry

# What a side did with its part of a term, as the resolution and the debrief say it.
RESULT_WORDS = {
    "kept": N_("kept its word"),
    "broken": N_("broke its word"),
    "heeded": N_("heeded the warning"),
    "defied": N_("defied the warning"),
    "carried out": N_("carried out its warning"),
    "empty": N_("did not carry out its warning"),
}
GOOD_RESULTS = frozenset({"kept", "heeded", "carried out"})
# Promises and deals are made in public: breaking one costs standing abroad too (core.phases).
PUBLIC_KINDS = frozenset({"promise", "deal"})


def name(side: str) -> str:
    """A side's name as the screens write it."""
    return side_name(side)


def result_words(result: str) -> str:
    """What a side did with its part of a term, in the language in force."""
    return _(RESULT_WORDS[result]) if result in RESULT_WORDS else result


def power_note(game: Game, side: str, room: bool = False) -> str:
    """How many terms each side may put forward, and why the stronger side gets more (the identity
    gap at the table); in the `room`, where both teams read it, each side by its name."""
    state = game.state
    mine, theirs = terms_allowed(state, side), terms_allowed(state, other(side))
    lead = power_lead(state)
    base = state.level.rules.summit_terms
    partner = name(other(side))
    if room:
        allowed = n_(
            "{side} may put forward {mine} term, and {partner} {theirs}",
            "{side} may put forward {mine} terms, and {partner} {theirs}",
            mine,
        ).format(side=name(side), mine=mine, partner=partner, theirs=theirs)
    else:
        allowed = n_(
            "You may put forward {mine} term, and {partner} {theirs}",
            "You may put forward {mine} terms, and {partner} {theirs}",
            mine,
        ).format(mine=mine, partner=partner, theirs=theirs)
    if lead is None:
        return _(
            "{allowed}: the two are about as strong as each other (economy and security), so neither "
            "side gets more."
        ).format(allowed=allowed)
    gap = state.level.rules.power_gap_per_term
    more = (
        _("You have more power")
        if lead == side and not room
        else _("{side} has more power").format(side=name(lead))
    )
    return _(
        "{allowed}. {more} (economy and security), and the side with more power asks more: one term "
        "beyond the {base} each side has for every {gap} points of the gap in power (a gap of power, "
        "not the identity gap on the board)."
    ).format(allowed=allowed, more=more, base=base, gap=f"{gap:g}")


def short_words(level: Level, term: Term) -> str:
    """A term in the list of its kind, where the kind and who makes it go without saying: 'to play
    Power of Siberia 2', 'not to use force', 'if Beijing courts Washington, Moscow will court
    Washington'."""
    if term.kind == "warning":
        return warning_words(level, term)
    if term.kind == "deal":
        return term_words(level, term)
    return deed_words(level, term.deed)


def kind_words(level: Level, kind: str, side: str, room: bool = False, turns_left: int | None = None) -> str:
    """What a kind of term binds, as the list of that kind says it to `side` (in the `room`, where
    one player enters both sides' terms, of `side` by its name), for as long as the game has
    `turns_left` (this one included) to bind it."""
    partner = name(other(side))
    turns = running(level.rules.promise_turns, turns_left)
    if kind == "offer":
        return (
            _("Offers bind {side}, for this turn.").format(side=name(side))
            if room
            else _("Offers bind you, for this turn.")
        )
    if kind == "request":
        return _("Requests bind {partner}, for this turn.").format(partner=partner)
    if kind == "promise":
        if room:
            return n_(
                "Promises bind {side} for {n} turn, and are made in public.",
                "Promises bind {side} for {n} turns, and are made in public.",
                turns,
            ).format(side=name(side), n=turns)
        return n_(
            "Promises bind you for {n} turn, and are made in public.",
            "Promises bind you for {n} turns, and are made in public.",
            turns,
        ).format(n=turns)
    if kind == "warning":
        if room:
            return n_(
                "Warnings bind no one at once: if {partner} does it within {n} turn, {side} must answer the "
                "next turn, or the threat was empty.",
                "Warnings bind no one at once: if {partner} does it within {n} turns, {side} must answer the "
                "next turn, or the threat was empty.",
                turns,
            ).format(partner=partner, n=turns, side=name(side))
        return n_(
            "Warnings bind no one at once: if {partner} does it within {n} turn, you must answer the "
            "next turn, or the threat was empty.",
            "Warnings bind no one at once: if {partner} does it within {n} turns, you must answer the "
            "next turn, or the threat was empty.",
            turns,
        ).format(partner=partner, n=turns)
    if kind == "deal":
        return _("The level's deals bind both sides, each to its part.")
    return ""


def running(turns: int, turns_left: int | None) -> int:
    """How many turns a word runs for when the game has `turns_left` (this one included): a
    promise of four turns made on the last turn binds for that turn ("bind you for 4 turns" was
    said on turn 13 of 13)."""
    return turns if turns_left is None else max(1, min(turns, turns_left))


def bound_words(level: Level, term: Term, turns_left: int | None = None) -> str:
    """Whom the term binds, and for how long (no longer than the game's `turns_left`)."""
    if term.kind == "warning":
        turns = running(level.rules.promise_turns, turns_left)
        return n_(
            "Binds no one at once. If {partner} does it within {n} turn, "
            "{side} must answer the next turn, or its threat was empty.",
            "Binds no one at once. If {partner} does it within {n} turns, "
            "{side} must answer the next turn, or its threat was empty.",
            turns,
        ).format(partner=name(other(term.by)), n=turns, side=name(term.by))
    sides = _(" and ").join(name(s) for s, _deed in term.bound())
    turns = running(term_span(level, term), turns_left)
    if turns == 1:
        return _("Binds {sides} this turn.").format(sides=sides)
    return n_(
        "Binds {sides} for {n} turn, this one included.",
        "Binds {sides} for {n} turns, this one included.",
        turns,
    ).format(sides=sides, n=turns)


def cost_words(level: Level, term: Term) -> str:
    """What keeping and breaking the term do, as the level's rules set them."""
    r = level.rules
    if term.kind == "warning":
        return _(
            "Defied: trust −{trust}. A threat not carried out: the warner's standing −{standing}."
        ).format(trust=f"{r.warning_defied_trust:g}", standing=f"{r.term_standing_broken:g}")
    broken = _("trust −{trust}, partnership −{partnership}").format(
        trust=f"{r.term_trust_broken:g}", partnership=f"{r.term_partnership_broken:g}"
    )
    if term.kind in PUBLIC_KINDS:
        broken += _(", the breaker's standing −{standing} (a pledge made in public)").format(
            standing=f"{r.term_standing_broken:g}"
        )
    return _("Kept: trust +{trust}. Broken: {broken}; trust mends only slowly.").format(
        trust=f"{r.term_trust_kept:g}", broken=broken
    )


def term_tip(game: Game, term: Term, viewer: str = "") -> tuple[str, list[str]]:
    """A term's tooltip: its words, whom it binds, what keeping and breaking it do, and the cards
    it names (for `viewer`'s own cards, whether it may play them this turn)."""
    level = game.level
    turns_left = level.turns - game.state.turn + 1
    lines = [bound_words(level, term, turns_left), cost_words(level, term)]
    deal = level.deal(term.deal) if term.kind == "deal" else None
    if deal is not None and term.answer is not None:
        partner = other(term.by)
        lines[:0] = [deal.text] if deal.text else []
        lines.append(
            _("{partner}'s part: {deed}; {side}'s part: {answer}.").format(
                partner=name(partner),
                deed=deed_words(level, term.deed),
                side=name(term.by),
                answer=deed_words(level, term.answer),
            )
        )
    # A word about a method counts cards, not the news: Moscow "heeded" a warning against force in
    # the year the news told of its war in Georgia, and nothing said why.
    watched = term.bound() if term.kind != "warning" else ((other(term.by), term.deed),)
    for side, method in watched:
        if method.kind in ("some", "no"):
            lines.append(
                _(
                    "It counts the cards {side} plays that are marked '{tag}'; what the news tells, a "
                    "war among it, is no one's card."
                ).format(side=name(side), tag=tag_name(method.subject))
            )
    for deed in (term.deed, term.answer):
        action = level.actions.get(deed.subject) if deed is not None and deed.kind == "play" else None
        if action is None:
            continue
        lines.append(
            _("{card} (cost {cost}): {description}").format(
                card=action.name, cost=action.cost, description=action.description
            )
        )
        if action.side == viewer:
            why = why_not_in_words(game.state, viewer, action.id)
            if why:
                lines.append(_("You cannot play it this turn: {why}.").format(why=why))
    return term_words(level, term), lines


def commitment_line(game: Game, c: Commitment, reading: int | None = None) -> str:
    """A running commitment: its words, the turns it still covers, and how far it is settled.
    `reading` is the turn the reader is on (None: the game's); the resolution of turn 5 is read
    while the game stands at turn 6, and its "this turn" meant turn 6 to the game, 5 to the reader."""
    level = game.level
    words = term_words(level, c.term)
    if c.term.kind == "warning" and c.set_off:
        return _("{term}. {partner} defied it: {side} answers this turn.").format(
            term=words, partner=name(other(c.term.by)), side=name(c.term.by)
        )
    until = min(c.until, level.turns)
    runs = (
        _("this turn")
        if until <= (game.state.turn if reading is None else reading)
        else _("until turn {turn} ({date})").format(turn=until, date=date_of(level, until))
    )
    # A side's part is settled once it is done, or once it is broken (a restraint broken at once):
    # which of the two, the turn's record says ("did its part already" was said of a part broken).
    broke = {s: turn for s, turn in broken_parts(game, c).items() if s in c.done}
    kept = [name(s) for s in sorted(c.done) if s not in broke]
    tail = _("; {sides} did its part already").format(sides=_(" and ").join(kept)) if kept else ""
    for side, turn in sorted(broke.items()):
        tail += _("; {side} broke its part (turn {turn})").format(side=name(side), turn=turn)
    return _("{term}: runs {runs}{done}.").format(term=words, runs=runs, done=tail)


def broken_parts(game: Game, c: Commitment) -> dict[str, int]:
    """The sides that broke their part of a running commitment, with the turn they broke it in."""
    out: dict[str, int] = {}
    key = c.term.key()
    for report in game.reports:
        if report.turn < c.since:
            continue
        for s in report.settled:
            if s.term.key() == key and s.result in WORD_BROKEN:
                out.setdefault(s.side, report.turn)
    return out


def running_lines(game: Game, reading: int | None = None) -> list[str]:
    """Every commitment that runs now, in words (`reading`: as `commitment_line`)."""
    return [commitment_line(game, c, reading) for c in game.state.commitments]


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
        "yours": _("Your word"),
        "both": _("Deals binding both sides"),
        "theirs": _("{partner}'s word").format(partner=partner),
        "warning": _("Warnings standing"),
    }
    return [(titles[k], lines) for k, lines in groups.items() if lines]


def settled_words(level: Level, s: Settled) -> str:
    """What became of one side's part of a term: 'Moscow kept its word: Moscow promises ...'."""
    return _("{side} {result}: {term}").format(
        side=name(s.side), result=result_words(s.result), term=term_words(level, s.term)
    )


def card_terms(game: Game, side: str, action: Action) -> list[tuple[bool, str]]:
    """The running terms a card would keep or break if `side` played it: (keeps, words) each."""
    out: list[tuple[bool, str]] = []
    level = game.level
    for c in game.state.commitments:
        term = c.term
        words = term_words(level, term)
        if term.kind == "warning":
            if c.set_off and term.by == side and term.answer and term.answer.done_by((action,)):
                out.append((True, _("carries out your warning: {term}").format(term=words)))
            elif not c.set_off and term.by != side and term.deed.done_by((action,)):
                out.append((False, _("defies the warning: {term}").format(term=words)))
            continue
        for bound, deed in term.bound():
            if bound != side or bound in c.done or not deed.done_by((action,)):
                continue
            if deed.restraint:
                out.append((False, _("breaks your word: {term}").format(term=words)))
            else:
                out.append((True, _("keeps your word: {term}").format(term=words)))
    return out


def entry_lines(level: Level, entries: list[Entry]) -> list[tuple[bool, str, str]]:
    """A summit's record, term by term: (agreed, what happened to the term, the AI's reason or '').
    A term put to a side that left the table (skipped the summit) went unanswered, not refused:
    its player never saw it."""
    out = []
    countered = {e.counter_to for e in entries if e.counter_to}
    # A term agreed that repeats the word of one agreed before it binds nothing more, and says so.
    terms = agreed_terms(entries)
    repeated = {t.key() for t, again in zip(terms, repeated_words(level, terms), strict=True) if again}
    for e in entries:
        term = e.term
        words = term_words(level, term)
        if e.agreed and term.key() in repeated:
            head = _("Agreed (the same word as another term agreed here, so it binds once)")
        elif e.counter_to:
            if e.agreed:
                head = _("{side}'s counter, agreed").format(side=name(term.by))
            elif e.unanswered:
                head = _("{side}'s counter, not answered (the summit was skipped)").format(side=name(term.by))
            else:
                head = _("{side}'s counter, refused").format(side=name(term.by))
        elif e.agreed:
            head = _("Agreed in the room") if e.in_room else _("Agreed")
        elif term.key() in countered:
            head = _("Countered")
        elif e.unanswered:
            head = _("Not answered (the summit was skipped)")
        elif term.kind == "warning":
            # A warning binds no one at once, so "Refused" read as nonsense: what a refusal does is
            # keep the warning from standing.
            head = _("Refused (the warning does not stand)")
        else:
            head = _("Refused")
        why = ""
        if e.why:
            # The reason is the proposer's when it proposed the term, else the answering side's.
            speaker = (
                term.by if frame_of(e.why).startswith("proposed") and not e.counter_to else other(term.by)
            )
            why = _("{side}'s reason: {why}").format(side=name(speaker), why=say(e.why, level))
        # TRANSLATORS: what became of a term at the summit, then the term ("Agreed: Moscow promises …")
        out.append((e.agreed, _("{outcome}: {term}").format(outcome=head, term=words), why))
    return out


def first_giving(level: Level, entries: list[Entry]) -> dict[str, Term]:
    """For each agreed term that repeats a word agreed before it at the same summit (by key), the
    term that gave that word first: a word binds once, so what became of it is told there, and
    the repeat shares that fate (it was told "still running" long after the game ended)."""
    return first_giving_of(level, agreed_terms(entries))


def fates(game: Game, turn: int, term: Term) -> list[str]:
    """What became of a term agreed at turn `turn`'s summit, turn by turn, from the reports."""
    last = turn + term_span(game.level, term) + (1 if term.kind == "warning" else 0) - 1
    key = term.key()
    return [
        _("turn {turn}: {side} {result}").format(
            turn=r.turn, side=name(s.side), result=result_words(s.result)
        )
        for r in game.reports
        if turn <= r.turn <= last
        for s in r.settled
        if s.term.key() == key
    ]
