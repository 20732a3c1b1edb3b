"""A game as text, turn by turn: the golden-file format and what `replay` prints."""

from __future__ import annotations

from collections.abc import Sequence

from game.core import provisional_scores, scores
from game.core.level import Level
from game.core.meters import label
from game.core.report import PHASE_TITLES, TurnReport
from game.core.state import GameState
from game.core.summit import term_words
from game.session.replay import FacilitatorAct, ReasonSpec, TermSpec
from game.session.story import describe_act, provisional_words


def _num(x: float) -> str:
    return f"{x:.2f}"


def turn_text(
    level: Level,
    report: TurnReport,
    acts: Sequence[FacilitatorAct] = (),
    reasons: dict[str, str] | None = None,
    summit: Sequence[TermSpec] = (),
) -> str:
    """One turn as text: its summit's terms, the plans (with the `reasons` teams gave), the
    facilitator's `acts`, every change with its cause, and what became of the terms."""
    lines = [f"== Turn {report.turn} ({report.date}) =="]
    for t in summit:
        if t.agreed:
            said = "agreed in the room" if t.in_room else "agreed"
        else:
            said = "not answered (the summit was skipped)" if t.unanswered else "refused"
        lines.append(
            f"Summit, {said}: {term_words(level, t.term())}" + (" (a counter)" if t.counter_to else "")
        )
    for side in ("moscow", "beijing"):
        names = [level.actions[a].name for a in report.plans.get(side, ())]
        lines.append(f"{side.capitalize()} plan: {', '.join(names) if names else '(nothing)'}")
        if reasons and reasons.get(side):
            lines.append(f"  why: {reasons[side]}")
    for act in acts:
        lines.append(f"Facilitator: {describe_act(level, act)}")
    for event_id in report.events:
        event = level.event(event_id)
        lines.append(f"Event: {event.title if event else event_id}")
    for note in report.notes:
        lines.append(f"Note: {note}")
    phase = None
    for c in report.changes:
        if c.phase != phase:
            phase = c.phase
            lines.append(f"  [{PHASE_TITLES.get(phase, phase)}]")
        lines.append(
            f"    {c.meter} {_num(c.before)} -> {_num(c.after)} ({c.delta:+.2f})"
            f"  {c.cause_kind}:{c.cause_id}  {c.why}  [{c.source}]"
        )
    for settled in report.settled:
        lines.append(f"  term {settled.result} by {settled.side}: {term_words(level, settled.term)}")
    for flag in report.flags_set:
        lines.append(f"  flag set: {flag}")
    for flag in report.flags_cleared:
        lines.append(f"  flag cleared: {flag}")
    return "\n".join(lines)


def transcript(
    state: GameState,
    reports: list[TurnReport],
    acts: Sequence[FacilitatorAct] = (),
    reasons: Sequence[ReasonSpec] = (),
    summits: Sequence[Sequence[TermSpec]] = (),
) -> str:
    """The game as text; `acts` are a classroom facilitator's acts, `reasons` the teams' reasons
    for their plans and `summits` each turn's summit (in turn order), each shown in its turn."""
    level = state.level
    out = [f"# {level.title} ({level.id}), seed {state.seed}, level hash {level.content_hash[:12]}"]
    for report in reports:
        why: dict[str, str] = {r.side: r.text for r in reasons if r.turn == report.turn}
        summit = summits[report.turn - 1] if report.turn <= len(summits) else ()
        out.append(turn_text(level, report, [a for a in acts if a.turn == report.turn], why, summit))
    out.append("== End ==")
    for act in acts:
        if act.turn > len(reports):
            out.append(f"Facilitator: {describe_act(level, act)}")
    if state.outcome:
        o = next((o for o in level.outcomes if o.id == state.outcome), None)
        out.append(f"Outcome: {o.title if o else state.outcome}")
    # A session the facilitator (or its cut) ended before the level's last turn is scored provisionally.
    cut_short = (
        state.outcome is not None and any(a.kind == "end" for a in acts) and len(reports) < level.turns
    )
    s = provisional_scores(state, len(reports)) if cut_short else scores(state)
    scored = f", {provisional_words(len(reports), level.turns)}" if cut_short else ""
    out.append(f"Scores: Moscow {s.get('moscow', 0):.2f}, Beijing {s.get('beijing', 0):.2f}{scored}")
    for meter in sorted(state.meters):
        out.append(f"  {meter} = {_num(state.meters[meter])}  ({label(meter)})")
    return "\n".join(out) + "\n"
