"""`report`: one class report comparing several classroom sessions' exports."""

from __future__ import annotations

import argparse
import sys

from game.commands.arguments import language
from game.commands.exit_codes import ExitCode

NAME = "report"
HELP = "compare several classroom sessions' exports in one report"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "folders",
        nargs="+",
        metavar="DIR",
        help="export folders (one per group), or folders that hold them (such as the class server's data folder)",
    )
    p.add_argument(
        "--out",
        metavar="DIR",
        help="where to write it (default: exports/class-report-<date> in your data folder)",
    )
    p.add_argument(
        "--lang",
        type=language,
        metavar="CODE",
        help="the report's language: en, tr, ru or zh_CN (default: the class's, when every group's "
        "export was written in the same one, else English)",
    )


def run(args: argparse.Namespace) -> ExitCode:
    from datetime import datetime
    from pathlib import Path

    from game.classroom.read_exports import export_folders
    from game.classroom.report import ReportError, write_report
    from game.paths import user_data_dir
    from game.text import printable

    out = (
        Path(args.out)
        if args.out
        else user_data_dir() / "exports" / f"class-report-{datetime.now():%Y-%m-%d_%H%M}"
    )
    try:
        result = write_report(export_folders([Path(f) for f in args.folders]), out, args.lang)
    except ReportError as e:
        print("\n".join(printable(line) for line in f"no report written: {e}".splitlines()), file=sys.stderr)
        return ExitCode.FAILED
    for folder, reason in result.skipped:
        print(printable(f"skipped {folder}: {reason}"), file=sys.stderr)
    print(f"wrote {result.markdown_path}")
    print(f"wrote {result.chart_path}")
    return ExitCode.OK
