"""The class report: several groups' exports read and compared in one Markdown file and one chart.

Each group's `session.json` (see `game.classroom.exports`) is read with a bounded read and checked
against `SessionRecord`. An export that cannot be read is skipped and named with the reason in
plain words, and the report is written from the others. Groups that played the same level with the
same seed can be followed turn by turn, so the report finds where their decisions parted; groups
on different levels or seeds are compared only by outcome and meters.

Everything read from the exports is untrusted text: it is escaped before it goes into Markdown.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from pathlib import Path

from pydantic import ValidationError

from game.classroom.exports import BANDS, SessionRecord, TurnRecord
from game.core.meters import label
from game.session.atomic import NotAFile, TooBig, read_bounded, write_atomic

MAX_SESSION_BYTES = 5 * 1024 * 1024
REPORT_NAME = "class-report.md"
CHART_NAME = "class-partnership.png"
CHART_SIZE = (1400, 800)
SIDES = ("moscow", "beijing")
FINAL_METERS = (
    "partnership",
    "partnership_ceiling",
    "military_trust",
    "economic_ties",
    "shared_stance",
    "identity_gap",
    "method_divergence",
    "central_asia_rivalry",
    "middle_corridor",
    "moscow.economy",
    "moscow.standing",
    "beijing.economy",
    "beijing.standing",
    "washington.thaw_moscow",
    "washington.thaw_beijing",
)
# Past this many groups on one level and seed, the pair-by-pair list would be longer than useful.
MAX_PAIRS_GROUPS = 8
_LEGEND_CHARS = 60


class ReportError(Exception):
    """No report was written; the message says why (and `skipped` which exports failed, and how)."""

    def __init__(self, message: str, skipped: list[tuple[Path, str]] | None = None):
        super().__init__(message)
        self.skipped = list(skipped or [])


class UnreadableExport(Exception):
    """One export folder cannot be used; the message is the reason, in plain words."""


@dataclass
class ReportResult:
    markdown_path: Path
    chart_path: Path
    included: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


@dataclass(frozen=True)
class GroupExport:
    """One group's export as the report uses it: where it came from, what it holds, what to call it."""

    folder: Path
    record: SessionRecord
    name: str  # unique among the groups of one report


# -- reading -------------------------------------------------------------------------------------


def read_session(folder: Path) -> SessionRecord:
    """The session record of one export folder; UnreadableExport says why not."""
    folder = Path(folder)
    if not folder.exists():
        raise UnreadableExport("this folder does not exist")
    if not folder.is_dir():
        raise UnreadableExport(
            "this is a file, not an export folder (give the folder that holds session.json)"
        )
    path = folder / "session.json"
    try:
        data = read_bounded(path, MAX_SESSION_BYTES)
    except FileNotFoundError:
        raise UnreadableExport("no session.json in this folder") from None
    except TooBig:
        raise UnreadableExport(
            f"session.json is larger than {MAX_SESSION_BYTES // (1024 * 1024)} MB, "
            "far more than the game ever writes, so it was not read"
        ) from None
    except NotAFile:
        raise UnreadableExport("session.json is not a regular file") from None
    except PermissionError:
        raise UnreadableExport("session.json cannot be read (permission denied)") from None
    except OSError as e:
        raise UnreadableExport(f"session.json cannot be read ({e.strerror or e})") from None
    return parse_session(data)


def parse_session(data: bytes) -> SessionRecord:
    """A session record from the bytes of a session.json; UnreadableExport says what is wrong."""
    data = data.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark from an editor is harmless
    if not data.strip():
        raise UnreadableExport("session.json is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableExport("session.json is not text (it is not UTF-8)") from None
    try:
        return SessionRecord.model_validate_json(data)
    except ValidationError as e:
        raise UnreadableExport(_validation_reason(e, text)) from None


def _validation_reason(error: ValidationError, text: str) -> str:
    errors = error.errors(include_url=False)
    first = errors[0]
    if first["type"] == "json_invalid":
        # Python's parser gives the line and column where the text stops being JSON.
        try:
            json.loads(text)
        except json.JSONDecodeError as e:
            return f"session.json is not valid JSON (line {e.lineno}, column {e.colno})"
        except RecursionError:
            return "session.json is not valid JSON (it is nested too deeply)"
        return "session.json is not valid JSON"
    loc = tuple(first["loc"])
    if first["type"] == "model_type" and not loc:
        return "session.json does not hold a session record (it should be a JSON object)"
    if loc == ("format",):
        return 'session.json is not a session record of this game (its "format" is not pragmatic-partners/session)'
    if loc == ("version",):
        return 'session.json was written by another version of the game (its "version" is not 1)'
    where = _where(loc)
    more = len(errors) - 1
    tail = f", and {more} more problem{'s' if more != 1 else ''}" if more else ""
    return f"session.json does not match the session format: {where}: {first['msg'].lower()}{tail}"


def _where(loc: tuple) -> str:
    """A pydantic location in the file's own words: `"turns", item 3, "moscow"`."""
    parts = [f"item {p + 1}" if isinstance(p, int) else f'"{p}"' for p in loc]
    return ", ".join(parts) if parts else "the whole file"


def load_exports(folders: list[Path]) -> tuple[list[GroupExport], list[tuple[Path, str]]]:
    """Read every folder: the groups that could be read (named uniquely) and the skipped ones."""
    read: list[tuple[Path, SessionRecord]] = []
    skipped: list[tuple[Path, str]] = []
    seen: dict[Path, Path] = {}
    for folder in folders:
        folder = Path(folder)
        key = _resolved(folder)
        if key in seen:
            skipped.append((folder, "this folder was given more than once; it is in the report once"))
            continue
        seen[key] = folder
        try:
            read.append((folder, read_session(folder)))
        except UnreadableExport as e:
            skipped.append((folder, str(e)))
        except OSError as e:  # even looking at the folder failed (permissions, a broken mount)
            skipped.append((folder, f"this folder cannot be read ({e.strerror or e})"))
    names = unique_names([(_plain(r.group) or _plain(f.name) or "group", f) for f, r in read])
    return [GroupExport(f, r, n) for (f, r), n in zip(read, names, strict=False)], skipped


def _resolved(folder: Path) -> Path:
    try:
        return folder.resolve()
    except (OSError, RuntimeError):
        return folder.absolute()


def unique_names(named: list[tuple[str, Path]]) -> list[str]:
    """The names, with the folder's name added to any that two groups share (then a number)."""
    counts: dict[str, int] = {}
    for name, _ in named:
        counts[name] = counts.get(name, 0) + 1
    first = [
        f"{name} ({_plain(folder.name)})" if counts[name] > 1 and _plain(folder.name) != name else name
        for name, folder in named
    ]
    out: list[str] = []
    taken: set[str] = set()
    for name in first:
        candidate, n = name, 2
        while candidate in taken:
            candidate, n = f"{name} #{n}", n + 1
        taken.add(candidate)
        out.append(candidate)
    return out


# -- text ----------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Backslash-escaped, these are always literal in CommonMark: a `|` cannot end a table cell, a `<`
# cannot open HTML, `[` cannot start a link, and `*` or `` ` `` cannot start emphasis or code.
_MARKDOWN = re.compile(r"([\\|<>\[\]*`])")


def _plain(text: object) -> str:
    """Text from a file, on one line, without control or direction-changing characters."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def md(text: object) -> str:
    """Untrusted text made safe in a Markdown line or table cell."""
    return _MARKDOWN.sub(r"\\\1", _plain(text))


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _shown(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


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


def final_partnership(record: SessionRecord) -> float | None:
    if "partnership" in record.final:
        return record.final["partnership"]
    return record.partnership[-1] if record.partnership else None


# -- comparing decisions -------------------------------------------------------------------------


def _plan(turn: TurnRecord, side: str) -> frozenset[str]:
    # A plan is a set: the engine resolves the chosen actions in the level's order, whatever
    # order they were clicked in.
    return frozenset(getattr(turn, side))


def _plan_words(turn: TurnRecord, side: str) -> str:
    ids = getattr(turn, side)
    names = getattr(turn, f"{side}_names")
    shown = names if len(names) == len(ids) else ids
    return ", ".join(md(n) for n in shown) or "nothing"


def common_turns(records: list[SessionRecord]) -> int:
    """How many turns every one of these groups played (and recorded)."""
    return min((len(r.turns) for r in records), default=0)


def first_divergence(records: list[SessionRecord], sides: tuple[str, ...] = SIDES) -> int | None:
    """The index (0 for the first turn) of the first turn in which the groups' plans for any of
    `sides` were not all the same; None if they agreed in every turn all of them played."""
    for i in range(common_turns(records)):
        for side in sides:
            if len({_plan(r.turns[i], side) for r in records}) > 1:
                return i
    return None


# "adjusted <meter> by <delta>: <reason>": the reason changes nothing in the game.
_ADJUSTED = re.compile(r"(adjusted .*? by [-+]?[0-9.e+-]+)(?:: .*)?", re.S)


def _happenings(turn: TurnRecord) -> tuple:
    # What the players did not choose: the events, and the facilitator's acts that changed the
    # game (an adjustment by its meter and size, whatever words the facilitator gave for it).
    acts = []
    for act in turn.facilitator:
        if act.startswith("injected"):
            acts.append(act)
        elif act.startswith("adjusted"):
            found = _ADJUSTED.fullmatch(act)
            acts.append(found.group(1) if found else act)
    return tuple(turn.events), tuple(acts)


def first_drift(records: list[SessionRecord]) -> int | None:
    """The index of the first turn in which the events or the facilitator's changes differed."""
    for i in range(common_turns(records)):
        if len({_happenings(r.turns[i]) for r in records}) > 1:
            return i
    return None


def _names_list(names: list[str]) -> str:
    names = [f"**{md(n)}**" for n in names]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _turn_title(groups: list[GroupExport], i: int) -> str:
    turn = groups[0].record.turns[i]
    return f"Turn {turn.turn} ({md(turn.date)})" if turn.date else f"Turn {turn.turn}"


def _side_at_turn(groups: list[GroupExport], i: int, side: str) -> str:
    by_plan: dict[frozenset[str], list[GroupExport]] = {}
    for g in groups:
        by_plan.setdefault(_plan(g.record.turns[i], side), []).append(g)
    title = side.capitalize()
    if len(by_plan) == 1:
        everyone = "both" if len(groups) == 2 else "all"
        return f"{title}: {everyone} played {_plan_words(groups[0].record.turns[i], side)}"
    parts = [
        f"{'group ' if len(members) == 1 else 'groups '}{_names_list([m.name for m in members])} played "
        f"{_plan_words(members[0].record.turns[i], side)}"
        for members in by_plan.values()
    ]
    return f"{title}: " + "; ".join(parts)


def _divergence_lines(groups: list[GroupExport]) -> list[str]:
    records = [g.record for g in groups]
    played = common_turns(records)
    lines = []
    i = first_divergence(records)
    if i is None:
        if played:
            lines.append(f"- Their plans were the same in every one of the {played} turn(s) they all played.")
        else:
            lines.append("- Not all of them recorded a turn, so there is nothing to compare turn by turn.")
    else:
        lines.append(f"- Their decisions first diverged in **{_turn_title(groups, i)}**:")
        lines += [f"  - {_side_at_turn(groups, i, side)}" for side in SIDES]
        per_side = []
        for side in SIDES:
            j = first_divergence(records, (side,))
            per_side.append(
                f"{side.capitalize()}'s plans first differed in turn {records[0].turns[j].turn}"
                if j is not None
                else f"{side.capitalize()}'s plans never differed"
            )
        lines.append(f"  - {'; '.join(per_side)}.")
    drift = first_drift(records)
    if drift is not None and (i is None or drift < i):
        lead = (
            "- Their games still drifted apart" if i is None else "  - Their games had already drifted apart"
        )
        lines.append(
            f"{lead} in {_turn_title(groups, drift)}, through what happened to them rather than what "
            "they chose: "
            + "; ".join(f"{md(g.name)}: {_happening_words(g.record.turns[drift])}" for g in groups)
            + "."
        )
    lengths = {len(r.turns) for r in records}
    if len(lengths) > 1:
        lines.append(
            "- They did not play the same number of turns: "
            + ", ".join(f"{md(g.name)} {len(g.record.turns)}" for g in groups)
            + "."
        )
    # Rounded as shown, so that the gap is the difference of the figures the reader sees.
    ends = [(g, _shown(final_partnership(g.record))) for g in groups]
    known = [v for _, v in ends if v is not None]
    if len(known) >= 2:
        spread = max(known) - min(known)
        lines.append(
            "- Partnership at the end: "
            + ", ".join(f"{md(g.name)} {_number(v)}" for g, v in ends)
            + f"; {_number(spread)} point(s) apart"
            + (" at most." if len(known) > 2 else ".")
        )
    if 2 < len(groups) <= MAX_PAIRS_GROUPS:
        lines += [
            "",
            "Pair by pair:",
            "",
            "| groups | decisions first diverged | events or facilitator first differed | partnership at the end, apart by |",
            "|---|---|---|---:|",
        ]
        for a, b in combinations(groups, 2):
            j = first_divergence([a.record, b.record])
            when = _turn_title([a], j) if j is not None else "never"
            k = first_drift([a.record, b.record])
            drifted = _turn_title([a], k) if k is not None else "never"
            pa, pb = _shown(final_partnership(a.record)), _shown(final_partnership(b.record))
            apart = _number(abs(pa - pb)) if pa is not None and pb is not None else "–"
            lines.append(f"| {md(a.name)} / {md(b.name)} | {when} | {drifted} | {apart} |")
    elif len(groups) > MAX_PAIRS_GROUPS:
        lines.append(f"- With more than {MAX_PAIRS_GROUPS} groups, the pairs are not listed one by one.")
    return lines


def _happening_words(turn: TurnRecord) -> str:
    events, acts = _happenings(turn)
    words = ", ".join(md(e) for e in events) or "no event"
    if acts:
        words += " (facilitator: " + ", ".join(md(a) for a in acts) + ")"
    return words


def same_game_clusters(groups: list[GroupExport]) -> list[list[GroupExport]]:
    """The groups grouped by level and seed, in the order they first appear."""
    clusters: dict[tuple[str, int], list[GroupExport]] = {}
    for g in groups:
        clusters.setdefault((g.record.level_id, g.record.seed), []).append(g)
    return list(clusters.values())


# -- the report ----------------------------------------------------------------------------------


def report_markdown(
    groups: list[GroupExport],
    skipped: list[tuple[Path, str]],
    chart_name: str = CHART_NAME,
    made_at: datetime | None = None,
) -> str:
    made_at = made_at or datetime.now()
    clusters = same_game_clusters(groups)
    lines = ["# Class report", ""]
    if len(clusters) == 1:
        r = groups[0].record
        lines += [f"All groups played **{md(r.level_title)}** with the class seed **{r.seed}**.", ""]
    lines += [
        (
            f"Made {made_at:%Y-%m-%d %H:%M} from {len(groups) + len(skipped)} export(s): "
            f"{len(groups)} read, {len(skipped)} skipped."
        ),
        "",
    ]

    lines += ["## Groups", ""]
    for g in groups:
        r = g.record
        team_of: dict[str, str] = {side: team for side, team in r.teams.items()}
        teams = ", ".join(f"{side.capitalize()}: {_controller(team_of.get(side))}" for side in SIDES)
        lines.append(
            f"- **{md(g.name)}**: {md(r.level_title)} (`{_code(r.level_id)}`), seed {r.seed}; {teams}; "
            f"started {_when(r.started_at)}; folder `{_code(g.folder.name)}`"
        )
    lines.append("")

    lines += ["## Exports that could not be read", ""]
    if skipped:
        lines += [f"- `{_code(folder)}`: {md(reason)}" for folder, reason in skipped]
    else:
        lines.append("None: every export was read.")
    lines.append("")

    lines += [
        "## Outcomes and scores",
        "",
        "| group | level | seed | outcome | Moscow score | won? | Beijing score | won? | turns played | ended early? |",
        "|---|---|---:|---|---:|---|---:|---|---:|---|",
    ]
    for g in groups:
        r = g.record
        outcome = md(r.outcome_title) or ("not finished" if not r.finished else md(r.outcome or "–"))
        cells = [
            md(g.name),
            md(r.level_title),
            str(r.seed),
            outcome,
            _number(r.scores.get("moscow")),
            _yes(r.won.get("moscow")),
            _number(r.scores.get("beijing")),
            _yes(r.won.get("beijing")),
            str(r.turns_played),
            _yes(r.ended_early),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")

    lines += [
        "## The meters at the end",
        "",
        "| meter | " + " | ".join(md(g.name) for g in groups) + " |",
        "|---|" + "---:|" * len(groups),
    ]
    for meter in FINAL_METERS:
        lines.append(
            f"| {label(meter)} | " + " | ".join(_number(g.record.final.get(meter)) for g in groups) + " |"
        )
    lines.append("")

    lines += ["## Where the groups' decisions diverged", ""]
    compared = [c for c in clusters if len(c) > 1]
    alone = [c[0] for c in clusters if len(c) == 1]
    for cluster in compared:
        r = cluster[0].record
        lines += [f"### {md(r.level_title)}, seed {r.seed}: {_names_list([g.name for g in cluster])}", ""]
        if len({g.record.level_hash for g in cluster}) > 1:
            lines += [
                (
                    "Careful: these groups played different versions of this level (its files changed "
                    "between sessions), so the same decisions need not have had the same effects."
                ),
                "",
            ]
        lines += _divergence_lines(cluster) + [""]
    if not compared:
        lines += [
            (
                "No two groups played the same level with the same seed, so their decisions cannot be "
                "followed turn by turn."
            ),
            "",
        ]
    if len(clusters) > 1:
        lines += [
            (
                "Groups on different levels or seeds are compared only by their outcome and their meters at "
                "the end (the tables above): their turns do not line up, so their decisions are not "
                "compared turn by turn."
            ),
            "",
        ]
    if alone:
        lines += [
            "No other group played the same level and seed as "
            + "; ".join(f"{md(g.name)} ({md(g.record.level_title)}, seed {g.record.seed})" for g in alone)
            + ".",
            "",
        ]

    lines += [
        "## Partnership over the turns",
        "",
        (
            f"The chart `{chart_name}` (beside this file) draws every group's partnership from the start "
            "to the last turn, over the bands estrangement, wary, pragmatic, strategic and alliance."
        ),
        "",
        f"![Partnership over the turns, one line per group]({chart_name})",
        "",
    ]
    return "\n".join(lines)


def _code(text: object) -> str:
    # Inside a code span backslashes are literal, so a backtick or a `|` is replaced, not escaped.
    return _plain(text).replace("`", "'").replace("|", "/")


def chart_series(groups: list[GroupExport]) -> tuple[dict[str, list[float]], list[str]]:
    """One partnership series per group, under a short unique legend name, and the x labels.

    Series of different lengths are drawn as they are: turn i sits at the same x in every series,
    and a group that played fewer turns simply ends earlier."""
    series: dict[str, list[float]] = {}
    for g in groups:
        name = base = _shorten(g.name)
        n = 2
        while name in series:  # two long names may shorten to the same
            name, n = f"{base} ({n})", n + 1
        series[name] = list(g.record.partnership)
    longest = max((len(v) for v in series.values()), default=0)
    return series, ["start", *(str(i) for i in range(1, longest))]


def _shorten(name: str) -> str:
    # Cut from the middle: the end often holds what tells two groups apart (the folder's name).
    if len(name) <= _LEGEND_CHARS:
        return name
    head = (_LEGEND_CHARS - 1) // 2
    return name[:head] + "…" + name[len(name) - (_LEGEND_CHARS - 1 - head) :]


def _chart_title(groups: list[GroupExport]) -> str:
    clusters = same_game_clusters(groups)
    if len(clusters) == 1:
        r = groups[0].record
        return _plain(f"{r.level_title[:80]}, seed {r.seed}: partnership, group by group")
    return "Partnership, group by group"


def write_report(folders: list[Path], out_dir: Path) -> ReportResult:
    """Read the groups' export folders and write `class-report.md` and `class-partnership.png` into
    `out_dir` (created if need be). Exports that cannot be read are skipped and named; ReportError
    if none can be read (nothing is written then) or the files cannot be written."""
    groups, skipped = load_exports(list(folders))
    if not groups:
        if not skipped:
            raise ReportError("no export folders were given")
        reasons = "\n".join(f"- {folder}: {reason}" for folder, reason in skipped)
        raise ReportError(f"none of the exports could be read:\n{reasons}", skipped)

    from game.ui.charts import save_chart_png
    from game.ui.palette import STANDARD

    out_dir = Path(out_dir)
    markdown_path, chart_path = out_dir / REPORT_NAME, out_dir / CHART_NAME
    series, x_labels = chart_series(groups)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        # The chart goes first, so the report never points at a chart that is not there.
        temp = out_dir / f".{CHART_NAME}.draft.tmp"
        try:
            save_chart_png(
                temp,
                series,
                _chart_title(groups),
                size=CHART_SIZE,
                palette=STANDARD,
                x_labels=x_labels,
                bands=BANDS,
                y_range=(0, 100),
            )
            write_atomic(chart_path, temp.read_bytes())
        finally:
            temp.unlink(missing_ok=True)
        write_atomic(markdown_path, report_markdown(groups, skipped, CHART_NAME).encode("utf-8"))
    except OSError as e:
        raise ReportError(f"the report cannot be written to {out_dir}: {e.strerror or e}", skipped) from None
    return ReportResult(markdown_path, chart_path, [g.folder for g in groups], skipped)
