"""The class report: several groups' exports read, compared, and written as one Markdown file and
one chart.

The work is done in steps, each in its own module: `read_exports` reads the untrusted folders,
`compare` sets the groups side by side, `report_markdown` says it in words and `report_chart` draws
the partnership. This module runs them and writes the two files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.classroom.compare import compare
from game.classroom.language import speaking
from game.classroom.read_exports import GroupExport, load_exports
from game.classroom.report_chart import write_class_chart
from game.classroom.report_markdown import report_markdown
from game.i18n import DEFAULT
from game.session.atomic import write_atomic

REPORT_NAME = "class-report.md"
CHART_NAME = "class-partnership.png"


class ReportError(Exception):
    """No report was written; the message says why (and `skipped` which exports failed, and how)."""

    def __init__(self, message: str, skipped: list[tuple[Path, str]] | None = None):
        super().__init__(message)
        self.skipped = list(skipped or [])


@dataclass
class ReportResult:
    """What `write_report` wrote, and which exports it read or skipped (with the reasons)."""

    markdown_path: Path
    chart_path: Path
    included: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def write_report(folders: list[Path], out_dir: Path, language: str | None = None) -> ReportResult:
    """Read the groups' export folders and write `class-report.md` and `class-partnership.png` into
    `out_dir` (created if need be). Exports that cannot be read are skipped and named; ReportError
    if none can be read (nothing is written then) or the files cannot be written. The report is
    in `language`; none: the class's, when every group's export has the same, else English."""
    groups, skipped = load_exports(list(folders))
    if language is None:
        found = {g.record.language or DEFAULT for g in groups}
        language = found.pop() if len(found) == 1 else DEFAULT
    with speaking(language):
        return _write_report(groups, skipped, Path(out_dir))


def _write_report(groups: list[GroupExport], skipped: list[tuple[Path, str]], out_dir: Path) -> ReportResult:
    if not groups:
        if not skipped:
            raise ReportError("no export folders were given")
        reasons = "\n".join(f"- {folder}: {reason}" for folder, reason in skipped)
        raise ReportError(f"none of the exports could be read:\n{reasons}", skipped)

    markdown_path, chart_path = out_dir / REPORT_NAME, out_dir / CHART_NAME
    markdown = report_markdown(groups, compare(groups), skipped, CHART_NAME)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        # The chart goes first, so the report never points at a chart that is not there.
        temp = out_dir / f".{CHART_NAME}.draft.tmp"
        try:
            write_class_chart(temp, groups)
            write_atomic(chart_path, temp.read_bytes())
        finally:
            temp.unlink(missing_ok=True)
        write_atomic(markdown_path, markdown.encode("utf-8"))
    except OSError as e:
        raise ReportError(f"the report cannot be written to {out_dir}: {e.strerror or e}", skipped) from None
    return ReportResult(markdown_path, chart_path, [g.folder for g in groups], skipped)
