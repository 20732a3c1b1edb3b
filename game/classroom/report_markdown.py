"""The class report in words: the groups, the exports that could not be read, the comparison's
tables and where the groups' decisions diverged, as Markdown.

Everything that came from the exports goes through `md` (see `game.classroom.escape`). The
report's own words are in the language in force (`report --lang`); the groups' names, the levels'
titles and what the exports recorded are as they were written.
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
from game.classroom.language import side_name
from game.classroom.read_exports import GroupExport
from game.core.meters import SIDES
from game.i18n import _, n_
from game.speech.words import band_spans_shown, date_said, meter_label


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
    lines = ["# " + _("Class report"), ""]
    if comparison.games == 1:
        r = groups[0].record
        lines += [
            _("All groups played **{level}** with the class seed **{seed}**.").format(
                level=md(r.level_title), seed=r.seed
            ),
            "",
        ]
    lines += [
        n_(
            "Made {made} from {n} export(s): {read} read, {skipped} skipped.",
            "Made {made} from {n} export(s): {read} read, {skipped} skipped.",
            len(groups) + len(skipped),
        ).format(
            made=f"{made_at:%Y-%m-%d %H:%M}",
            n=len(groups) + len(skipped),
            read=len(groups),
            skipped=len(skipped),
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
    lines = ["## " + _("Groups"), ""]
    for g in groups:
        r = g.record
        team_of: dict[str, str] = {side: team for side, team in r.teams.items()}
        teams = ", ".join(f"{side_name(side)}: {_controller(team_of.get(side))}" for side in SIDES)
        lines.append(
            f"- **{md(g.name)}**: "
            + _("{level} ({level_id}), seed {seed}; {teams}; started {started}; folder {folder}").format(
                level=md(r.level_title),
                level_id=f"`{md(r.level_id, code=True)}`",
                seed=r.seed,
                teams=teams,
                started=_when(r.started_at),
                folder=f"`{md(g.folder.name, code=True)}`",
            )
        )
    return lines + [""]


def _skipped(skipped: list[tuple[Path, str]]) -> list[str]:
    lines = ["## " + _("Exports that could not be read"), ""]
    if skipped:
        lines += [f"- `{md(folder, code=True)}`: {md(reason)}" for folder, reason in skipped]
    else:
        lines.append(_("None: every export was read."))
    return lines + [""]


def _outcomes(outcomes: tuple[GroupOutcome, ...]) -> list[str]:
    header = (
        _("group"),
        _("level"),
        _("seed"),
        _("outcome"),
        _("{side} score").format(side=side_name("moscow")),
        _("won?"),
        _("{side} score").format(side=side_name("beijing")),
        _("won?"),
        _("turns played"),
        _("ended early?"),
        _("scored"),
    )
    lines = [
        "## " + _("Outcomes and scores"),
        "",
        "| " + " | ".join(header) + " |",
        "|---|---|---:|---|---:|---|---:|---|---:|---|---|",
    ]
    for o in outcomes:
        outcome = md(o.outcome_title) or (_("not finished") if not o.finished else md(o.outcome or "–"))
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
            # Reaching the cut the session was set to is not the teacher ending it: say which.
            md(o.ending) or _yes(o.ended_early),
            md(o.scored) or (_("final") if o.finished else _("so far")),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if any(o.scored for o in outcomes):
        lines += [
            "",
            _(
                "A provisional score is not a final score: the group's session ended before the level's "
                "last turn, and each goal was judged as pro-rated to the turns played. Compare it with "
                "other groups' scores of the same number of turns."
            ),
        ]
    return lines + [""]


def _end_meters(comparison: ClassComparison) -> list[str]:
    lines = [
        "## " + _("The meters at the end"),
        "",
        f"| {_('meter')} | " + " | ".join(md(o.name) for o in comparison.outcomes) + " |",
        "|---|" + "---:|" * len(comparison.outcomes),
    ]
    for meter, values in comparison.end_meters:
        lines.append(f"| {md(meter_label(meter))} | " + " | ".join(_number(v) for v in values) + " |")
    return lines + [""]


def _divergences(comparison: ClassComparison) -> list[str]:
    lines = ["## " + _("Where the groups' decisions diverged"), ""]
    for game in comparison.same_games:
        lines += [
            "### "
            + _("{level}, seed {seed}: {groups}").format(
                level=md(game.level_title), seed=game.seed, groups=_names_list(game.groups)
            ),
            "",
        ]
        if game.versions_differ:
            lines += [
                _(
                    "Careful: these groups played different versions of this level (its files changed "
                    "between sessions), so the same decisions need not have had the same effects."
                ),
                "",
            ]
        lines += _same_game(game) + [""]
    if not comparison.same_games:
        lines += [
            _(
                "No two groups played the same level with the same seed, so their decisions cannot be "
                "followed turn by turn."
            ),
            "",
        ]
    if comparison.games > 1:
        lines += [
            _(
                "Groups on different levels or seeds are compared only by their outcome and their meters at "
                "the end (the tables above): their turns do not line up, so their decisions are not "
                "compared turn by turn."
            ),
            "",
        ]
    if comparison.alone:
        lines += [
            _("No other group played the same level and seed as {groups}.").format(
                groups="; ".join(
                    _("{group} ({level}, seed {seed})").format(
                        group=md(o.name), level=md(o.level_title), seed=o.seed
                    )
                    for o in comparison.alone
                )
            ),
            "",
        ]
    return lines


def _same_game(game: SameGame) -> list[str]:
    lines = []
    if game.diverged is None:
        if game.turns_in_common:
            lines.append(
                "- "
                + n_(
                    "Their plans were the same in every one of the {n} turn(s) they all played.",
                    "Their plans were the same in every one of the {n} turn(s) they all played.",
                    game.turns_in_common,
                ).format(n=game.turns_in_common)
            )
        else:
            lines.append(
                "- " + _("Not all of them recorded a turn, so there is nothing to compare turn by turn.")
            )
    else:
        lines.append(
            "- " + _("Their decisions first diverged in **{turn}**:").format(turn=_turn(game.diverged))
        )
        lines += [f"  - {_side_choices(side, game.choices[side], len(game.groups))}" for side in SIDES]
        per_side = [
            _("{side}'s plans first differed in turn {turn}").format(side=side_name(side), turn=turn)
            if turn is not None
            else _("{side}'s plans never differed").format(side=side_name(side))
            for side, turn in game.side_first_differed.items()
        ]
        lines.append(f"  - {'; '.join(per_side)}.")
    if game.drifted is not None:
        happenings = "; ".join(f"{md(h.group)}: {_happening_words(h)}" for h in game.happenings)
        if game.diverged is None:
            said = _(
                "Their games still drifted apart in {turn}, through what happened to them rather than "
                "what they chose: {happenings}."
            )
        else:
            said = _(
                "Their games had already drifted apart in {turn}, through what happened to them rather "
                "than what they chose: {happenings}."
            )
        lead = "- " if game.diverged is None else "  - "
        lines.append(lead + said.format(turn=_turn(game.drifted), happenings=happenings))
    if game.turns_played is not None:
        lines.append(
            "- "
            + _("They did not play the same number of turns: {turns}.").format(
                turns=", ".join(
                    f"{md(name)} {n}" for name, n in zip(game.groups, game.turns_played, strict=True)
                )
            )
        )
    spread = game.spread
    if spread is not None:
        known = sum(v is not None for v in game.end_partnership)
        values = ", ".join(
            f"{md(name)} {_number(v)}" for name, v in zip(game.groups, game.end_partnership, strict=True)
        )
        said = (
            _("Partnership at the end: {values}; {spread} point(s) apart at most.")
            if known > 2
            else _("Partnership at the end: {values}; {spread} point(s) apart.")
        )
        lines.append("- " + said.format(values=values, spread=_number(spread)))
    if game.pairs:
        header = (
            _("groups"),
            _("decisions first diverged"),
            _("events or facilitator first differed"),
            _("partnership at the end, apart by"),
        )
        lines += [
            "",
            _("Pair by pair:"),
            "",
            "| " + " | ".join(header) + " |",
            "|---|---|---|---:|",
        ]
        for p in game.pairs:
            diverged = _turn(p.diverged) if p.diverged else _("never")
            drifted = _turn(p.drifted) if p.drifted else _("never")
            lines.append(f"| {md(p.first)} / {md(p.second)} | {diverged} | {drifted} | {_number(p.apart)} |")
    elif len(game.groups) > MAX_PAIRS_GROUPS:
        lines.append(
            "- "
            + _("With more than {n} groups, the pairs are not listed one by one.").format(n=MAX_PAIRS_GROUPS)
        )
    return lines


def _side_choices(side: str, choices: tuple[PlanChoice, ...], groups: int) -> str:
    title = side_name(side)
    if len(choices) == 1:
        said = _("{side}: both played {actions}") if groups == 2 else _("{side}: all played {actions}")
        return said.format(side=title, actions=_actions(choices[0]))
    parts = [
        (
            _("group {groups} played {actions}")
            if len(c.groups) == 1
            else _("groups {groups} played {actions}")
        ).format(groups=_names_list(c.groups), actions=_actions(c))
        for c in choices
    ]
    return f"{title}: " + "; ".join(parts)


def _actions(choice: PlanChoice) -> str:
    return ", ".join(md(a) for a in choice.actions) or _("nothing")


def _happening_words(h: Happenings) -> str:
    words = ", ".join(md(e) for e in h.events) or _("no event")
    if h.acts:
        words += " " + _("(facilitator: {acts})").format(acts=", ".join(md(a) for a in h.acts))
    return words


def _chart(chart_name: str) -> list[str]:
    names = [name for _start, _end, name in band_spans_shown(short=True)]  # (as the chart names them)
    return [
        "## " + _("Partnership over the turns"),
        "",
        _(
            "The chart `{chart}` (beside this file) draws every group's partnership from the start "
            "to the last turn, over the bands {bands} and {last}."
        ).format(chart=chart_name, bands=", ".join(names[:-1]), last=names[-1]),
        "",
        "![{alt}]({chart})".format(alt=_("Partnership over the turns, one line per group"), chart=chart_name),
        "",
    ]


def _names_list(names: tuple[str, ...]) -> str:
    bold = [f"**{md(n)}**" for n in names]
    if len(bold) <= 2:
        return _(" and ").join(bold)
    return ", ".join(bold[:-1]) + _(" and ") + bold[-1]


def _turn(mark: TurnMark) -> str:
    if mark.date:
        # (the exports keep the English date; the report says it in its own language)
        return _("Turn {turn} ({date})").format(turn=mark.number, date=md(date_said(mark.date)))
    return _("Turn {turn}").format(turn=mark.number)


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _yes(value: bool | None) -> str:
    return "–" if value is None else (_("yes") if value else _("no"))


def _when(started_at: str) -> str:
    try:
        return f"{datetime.fromisoformat(started_at):%Y-%m-%d %H:%M}"
    except ValueError:
        return md(started_at) or _("unknown")


def _controller(kind: str | None) -> str:
    if kind is None:
        return _("not recorded")
    if kind in ("team", "human"):
        return _("a team")
    return _("{difficulty} AI").format(difficulty=md(kind).capitalize())
