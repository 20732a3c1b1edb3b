"""The class report in words: the groups, the exports that could not be read, the comparison's
tables and where the groups' decisions diverged, as Markdown.

Everything that came from the exports goes through `md` (see `game.classroom.escape`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from game.classroom.compare import (
    MAX_PAIRS_GROUPS,
    ClassComparison,
    GroupOutcome,
    Happenings,
    PlanChoice,
    SameGame,
    TurnMark,
)
from game.classroom.escape import md
from game.classroom.read_exports import GroupExport
from game.core.meters import SIDES, band_spans, label


def report_markdown(
    groups: list[GroupExport],
    comparison: ClassComparison,
    skipped: list[tuple[Path, str]],
    chart_name: str,
    made_at: datetime | None = None,
) -> str:
    """The whole report: `groups` as read, `comparison` of them, the `skipped` exports with their
    reasons, and the chart `chart_name` beside the file."""
    made_at = made_at or datetime.now()
    lines = ["# Class report", ""]
    if comparison.games == 1:
        r = groups[0].record
        lines += [f"All groups played **{md(r.level_title)}** with the class seed **{r.seed}**.", ""]
    lines += [
        (
            f"Made {made_at:%Y-%m-%d %H:%M} from {len(groups) + len(skipped)} export(s): "
            f"{len(groups)} read, {len(skipped)} skipped."
        ),
        "",
    ]
    lines += _groups(groups)
    lines += _skipped(skipped)
    lines += _outcomes(comparison.outcomes)
    lines += _end_meters(comparison)
    lines += _divergences(comparison)
    lines += _chart(chart_name)
    return "\n".join(lines)


def _groups(groups: list[GroupExport]) -> list[str]:
    lines = ["## Groups", ""]
    for g in groups:
        r = g.record
        team_of: dict[str, str] = {side: team for side, team in r.teams.items()}
        teams = ", ".join(f"{side.capitalize()}: {_controller(team_of.get(side))}" for side in SIDES)
        lines.append(
            f"- **{md(g.name)}**: {md(r.level_title)} (`{md(r.level_id, code=True)}`), seed {r.seed}; "
            f"{teams}; started {_when(r.started_at)}; folder `{md(g.folder.name, code=True)}`"
        )
    return lines + [""]


def _skipped(skipped: list[tuple[Path, str]]) -> list[str]:
    lines = ["## Exports that could not be read", ""]
    if skipped:
        lines += [f"- `{md(folder, code=True)}`: {md(reason)}" for folder, reason in skipped]
    else:
        lines.append("None: every export was read.")
    return lines + [""]


def _outcomes(outcomes: tuple[GroupOutcome, ...]) -> list[str]:
    lines = [
        "## Outcomes and scores",
        "",
        "| group | level | seed | outcome | Moscow score | won? | Beijing score | won? | turns played | ended early? | scored |",
        "|---|---|---:|---|---:|---|---:|---|---:|---|---|",
    ]
    for o in outcomes:
        outcome = md(o.outcome_title) or ("not finished" if not o.finished else md(o.outcome or "–"))
        cells = [
            md(o.name),
            md(o.level_title),
            str(o.seed),
            outcome,
            _number(o.scores["moscow"]),
            _yes(o.won["moscow"]),
            _number(o.scores["beijing"]),
            _yes(o.won["beijing"]),
            str(o.turns_played),
            _yes(o.ended_early),
            md(o.scored) or ("final" if o.finished else "so far"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if any(o.scored for o in outcomes):
        lines += [
            "",
            "A provisional score is not a final score: the group's session ended before the level's "
            "last turn, and each goal was judged as pro-rated to the turns played. Compare it with "
            "other groups' scores of the same number of turns.",
        ]
    return lines + [""]


def _end_meters(comparison: ClassComparison) -> list[str]:
    lines = [
        "## The meters at the end",
        "",
        "| meter | " + " | ".join(md(o.name) for o in comparison.outcomes) + " |",
        "|---|" + "---:|" * len(comparison.outcomes),
    ]
    for meter, values in comparison.end_meters:
        lines.append(f"| {label(meter)} | " + " | ".join(_number(v) for v in values) + " |")
    return lines + [""]


def _divergences(comparison: ClassComparison) -> list[str]:
    lines = ["## Where the groups' decisions diverged", ""]
    for game in comparison.same_games:
        lines += [f"### {md(game.level_title)}, seed {game.seed}: {_names_list(game.groups)}", ""]
        if game.versions_differ:
            lines += [
                (
                    "Careful: these groups played different versions of this level (its files changed "
                    "between sessions), so the same decisions need not have had the same effects."
                ),
                "",
            ]
        lines += _same_game(game) + [""]
    if not comparison.same_games:
        lines += [
            (
                "No two groups played the same level with the same seed, so their decisions cannot be "
                "followed turn by turn."
            ),
            "",
        ]
    if comparison.games > 1:
        lines += [
            (
                "Groups on different levels or seeds are compared only by their outcome and their meters at "
                "the end (the tables above): their turns do not line up, so their decisions are not "
                "compared turn by turn."
            ),
            "",
        ]
    if comparison.alone:
        lines += [
            "No other group played the same level and seed as "
            + "; ".join(f"{md(o.name)} ({md(o.level_title)}, seed {o.seed})" for o in comparison.alone)
            + ".",
            "",
        ]
    return lines


def _same_game(game: SameGame) -> list[str]:
    lines = []
    if game.diverged is None:
        if game.turns_in_common:
            lines.append(
                f"- Their plans were the same in every one of the {game.turns_in_common} turn(s) they all played."
            )
        else:
            lines.append("- Not all of them recorded a turn, so there is nothing to compare turn by turn.")
    else:
        lines.append(f"- Their decisions first diverged in **{_turn(game.diverged)}**:")
        lines += [f"  - {_side_choices(side, game.choices[side], len(game.groups))}" for side in SIDES]
        per_side = [
            f"{side.capitalize()}'s plans first differed in turn {turn}"
            if turn is not None
            else f"{side.capitalize()}'s plans never differed"
            for side, turn in game.side_first_differed.items()
        ]
        lines.append(f"  - {'; '.join(per_side)}.")
    if game.drifted is not None:
        lead = (
            "- Their games still drifted apart"
            if game.diverged is None
            else "  - Their games had already drifted apart"
        )
        lines.append(
            f"{lead} in {_turn(game.drifted)}, through what happened to them rather than what "
            "they chose: " + "; ".join(f"{md(h.group)}: {_happening_words(h)}" for h in game.happenings) + "."
        )
    if game.turns_played is not None:
        lines.append(
            "- They did not play the same number of turns: "
            + ", ".join(f"{md(name)} {n}" for name, n in zip(game.groups, game.turns_played, strict=True))
            + "."
        )
    spread = game.spread
    if spread is not None:
        known = sum(v is not None for v in game.end_partnership)
        lines.append(
            "- Partnership at the end: "
            + ", ".join(
                f"{md(name)} {_number(v)}" for name, v in zip(game.groups, game.end_partnership, strict=True)
            )
            + f"; {_number(spread)} point(s) apart"
            + (" at most." if known > 2 else ".")
        )
    if game.pairs:
        lines += [
            "",
            "Pair by pair:",
            "",
            "| groups | decisions first diverged | events or facilitator first differed | partnership at the end, apart by |",
            "|---|---|---|---:|",
        ]
        for p in game.pairs:
            diverged = _turn(p.diverged) if p.diverged else "never"
            drifted = _turn(p.drifted) if p.drifted else "never"
            lines.append(f"| {md(p.first)} / {md(p.second)} | {diverged} | {drifted} | {_number(p.apart)} |")
    elif len(game.groups) > MAX_PAIRS_GROUPS:
        lines.append(f"- With more than {MAX_PAIRS_GROUPS} groups, the pairs are not listed one by one.")
    return lines


def _side_choices(side: str, choices: tuple[PlanChoice, ...], groups: int) -> str:
    title = side.capitalize()
    if len(choices) == 1:
        everyone = "both" if groups == 2 else "all"
        return f"{title}: {everyone} played {_actions(choices[0])}"
    parts = [
        f"{'group ' if len(c.groups) == 1 else 'groups '}{_names_list(c.groups)} played {_actions(c)}"
        for c in choices
    ]
    return f"{title}: " + "; ".join(parts)


def _actions(choice: PlanChoice) -> str:
    return ", ".join(md(a) for a in choice.actions) or "nothing"


def _happening_words(h: Happenings) -> str:
    words = ", ".join(md(e) for e in h.events) or "no event"
    if h.acts:
        words += " (facilitator: " + ", ".join(md(a) for a in h.acts) + ")"
    return words


def _chart(chart_name: str) -> list[str]:
    names = [name for _, _, name in band_spans(short=True)]
    return [
        "## Partnership over the turns",
        "",
        (
            f"The chart `{chart_name}` (beside this file) draws every group's partnership from the start "
            f"to the last turn, over the bands {', '.join(names[:-1])} and {names[-1]}."
        ),
        "",
        f"![Partnership over the turns, one line per group]({chart_name})",
        "",
    ]


def _names_list(names: tuple[str, ...]) -> str:
    bold = [f"**{md(n)}**" for n in names]
    if len(bold) <= 2:
        return " and ".join(bold)
    return ", ".join(bold[:-1]) + " and " + bold[-1]


def _turn(mark: TurnMark) -> str:
    return f"Turn {mark.number} ({md(mark.date)})" if mark.date else f"Turn {mark.number}"


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _yes(value: bool | None) -> str:
    return "–" if value is None else ("yes" if value else "no")


def _when(started_at: str) -> str:
    try:
        return f"{datetime.fromisoformat(started_at):%Y-%m-%d %H:%M}"
    except ValueError:
        return md(started_at) or "unknown"


def _controller(kind: str | None) -> str:
    if kind is None:
        return "not recorded"
    if kind in ("team", "human"):
        return "a team"
    return f"{md(kind).capitalize()} AI"
