"""`handouts`: the printable handouts of a level (each side's briefing and role cards, the rubric),
or the debrief worksheet of a classroom session's exports, as HTML and one-page PDFs."""

from __future__ import annotations

import argparse
import sys

from game.commands.arguments import add_levels_option, language
from game.commands.exit_codes import ExitCode

NAME = "handouts"
HELP = "write the printable handouts of a level (or a session's worksheet) as HTML and PDF"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("level", metavar="LEVEL", nargs="?", help="a level id (not needed with --worksheet)")
    p.add_argument("--out", metavar="DIR", help="where to write them (default: handouts-LEVEL here)")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="the paper size (default: a4)")
    p.add_argument(
        "--worksheet",
        metavar="EXPORT_DIR",
        help="write the debrief worksheet of this session's export folder instead (for example on "
        "Letter paper); it goes into --out, or into the export folder beside the exported one "
        "(worksheet-letter.pdf, worksheet-ru.pdf: the exported worksheet.pdf is kept)",
    )
    p.add_argument(
        "--lang",
        type=language,
        metavar="CODE",
        help="the handouts' language: en, tr, ru or zh_CN (default: English; a worksheet: the "
        "class's language, in which its session was played); the level's own text too, where the "
        "level is translated",
    )
    p.add_argument(
        "--cut",
        nargs="?",
        const=0,
        type=_turn,
        metavar="TURN",
        help="for a session that ends early: each goal on the briefings as it is judged after that "
        "turn (without TURN, the level's classroom cut), beside the goal itself",
    )
    add_levels_option(p)


def _turn(text: str) -> int:
    if not text.isdecimal() or not 1 <= int(text) <= 500:
        raise argparse.ArgumentTypeError(f"a turn is a whole number from 1, not '{text}'")
    return int(text)


def run(args: argparse.Namespace) -> ExitCode:
    from pathlib import Path

    from game.classroom.printdoc import write_handouts

    if args.worksheet:
        return _worksheet(args)
    if not args.level:
        print("name a level (or give --worksheet EXPORT_DIR)", file=sys.stderr)
        return ExitCode.USAGE
    from game.classroom.handouts import level_handouts
    from game.classroom.language import speaking
    from game.commands.loading import load_level
    from game.core.level_text import in_language

    level = load_level(args.level, args.levels)
    if level is None:
        return ExitCode.FAILED
    # The level's own text (briefings, goals, cards) in the handouts' language where it is
    # translated: a Russian sheet with an English briefing is no Russian sheet.
    level = in_language(level, args.lang or "en")
    cut = None
    if args.cut is not None:
        cut = args.cut or level.cut
        if cut is None:
            print(
                f"{level.id} has no classroom cut: give the turn the session ends after (--cut TURN)",
                file=sys.stderr,
            )
            return ExitCode.USAGE
        if cut >= level.turns:
            print(
                f"{level.id} has {level.turns} turns: a session cut after turn {cut} is the whole game",
                file=sys.stderr,
            )
            return ExitCode.USAGE
    out = Path(args.out or f"handouts-{level.id}")
    try:
        with speaking(args.lang or "en"):
            written = write_handouts(level_handouts(level, cut), out, args.paper, warn=_warn)
    except OSError as e:
        print(f"the handouts could not be written: {e}", file=sys.stderr)
        return ExitCode.FAILED
    for path in written:
        print(path)
    return ExitCode.OK


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _beside_the_exported(paper: str, lang: str, exported_in: str) -> str:
    """The name of a worksheet written again into its export folder: the exported one (A4, in the
    class's language) keeps its name and its files, and one on other paper or in another language
    is named for what differs (`worksheet-letter`, `worksheet-ru`, `worksheet-letter-ru`)."""
    parts = ["worksheet"]
    if paper != "a4":
        parts.append(paper)
    if lang != exported_in:
        parts.append(lang)
    return "-".join(parts)


def _worksheet(args: argparse.Namespace) -> ExitCode:
    from datetime import datetime
    from pathlib import Path

    from game.classroom.exports import write_worksheet
    from game.classroom.read_exports import UnreadableExport, read_session
    from game.commands.loading import load_level, read_log
    from game.session.game import Game
    from game.session.replay import ReplayError
    from game.speech.reasons import say
    from game.text import printable

    folder = Path(args.worksheet)
    # An export folder may come from a student's laptop: both files are read as untrusted input
    # (bounded, regular files only, checked), as the class report reads them.
    try:
        record = read_session(folder)
    except UnreadableExport as e:
        print(printable(f"{folder} is not a session's export folder: {e}"), file=sys.stderr)
        return ExitCode.FAILED
    log = read_log(folder / "replay.json")
    if log is None:
        return ExitCode.FAILED
    from game.core.level_text import in_language

    level = load_level(log.level_id, args.levels)
    if level is None:
        return ExitCode.FAILED
    # The class's language (kept in the session's record), unless another is asked for: the
    # worksheet's words and the level's own text alike.
    lang = args.lang or (log.classroom.language if log.classroom is not None else None) or record.language
    level = in_language(level, lang or "en")
    try:
        # A session played before an update changed its level is played again under the level as
        # it is now (as a save is), and the teacher is told that its figures may differ.
        game = Game.from_log(level, log, {s: "human" for s in ("moscow", "beijing")}, changed_level_ok=True)
    except ReplayError as e:
        print(f"the session cannot be replayed: {e}", file=sys.stderr)
        return ExitCode.FAILED
    for note in game.load_notes:
        print(f"warning: {say(note)}", file=sys.stderr)
    try:
        started = datetime.fromisoformat(record.started_at)
    except ValueError:
        started = datetime.now()
    out = Path(args.out) if args.out else folder
    exported_in = (log.classroom.language if log.classroom is not None else None) or record.language or "en"
    name = "worksheet" if args.out else _beside_the_exported(args.paper, lang or "en", exported_in)
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = write_worksheet(
            game, out, started, record.group, args.paper, lang or "en", warn=_warn, name=name
        )
    except OSError as e:
        print(f"the worksheet cannot be written in {out}: {e.strerror or e}", file=sys.stderr)
        return ExitCode.FAILED
    for path in written:
        print(path)
    return ExitCode.OK
