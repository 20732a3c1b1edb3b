"""`play --join URL --class-code CODE --group NAME`: a group joins the class server's session and
plays it in the window; the link sends each turn and the exports, and whatever could not be sent
before the window closed is sent before the command returns (as long as the server answers)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.exit_codes import ExitCode, UsageError

FLUSH_SECONDS = 30.0


def play_joined(args: argparse.Namespace) -> ExitCode:
    from game.classroom.language import class_language
    from game.server.client import JoinRefused, Unreachable, join_class
    from game.ui.app import PlayOptions, play

    if not args.class_code or not args.group:
        raise UsageError("--join needs --class-code CODE and --group NAME")
    try:
        link, joined = join_class(args.join, args.class_code, args.group)
    except JoinRefused as e:
        print(f"the class server refused to let this laptop join: {e}", file=sys.stderr)
        return ExitCode.FAILED
    except Unreachable as e:
        print(f"the class server at {args.join} cannot be reached: {e}", file=sys.stderr)
        return ExitCode.FAILED
    print(f"joined the class as '{joined.group}': {joined.session['level']}, seed {joined.session['seed']}")
    if link.problem:
        print(f"note: {link.problem}", file=sys.stderr)
    sys.stdout.flush()
    options = PlayOptions(
        autoplay=args.autoplay,
        screenshot_dir=Path(args.screenshot_dir) if args.screenshot_dir else None,
        screenshot_only=tuple(args.screenshot_only),
        exit_at_end=args.exit_at_end,
        level_dirs=[Path(d) for d in args.levels],
        size=args.size,
        classroom={"join": (link, joined)},
        # The class's language, if the teacher's pack fixed one: this laptop shows the game in it.
        class_language=class_language(joined.session.get("language")),
    )
    code = play(options)
    if not link.close(FLUSH_SECONDS):
        where = (
            f"kept on this laptop ({link.kept.path})" if link.kept is not None else "in this laptop's memory"
        )
        print(
            f"{link.pending()} turn(s) or exports could not be sent to the class server; they are "
            f"{where} and are sent when this group joins the class again from this laptop",
            file=sys.stderr,
        )
    if link.problem:
        print(f"note: {link.problem}", file=sys.stderr)
    return ExitCode(code)
