"""`serve`: the class server, for a class on several laptops (groups join it; the teacher watches
and steers every group from a browser)."""

from __future__ import annotations

import argparse

from game.commands.arguments import add_levels_option
from game.commands.exit_codes import ExitCode

NAME = "serve"
HELP = "run a class server: groups join from their laptops, the teacher's dashboard is in a browser"


def port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is a whole number from 0 to 65535, not {text!r}")
    return value


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: the room's network)",
    )
    p.add_argument("--port", type=port, default=8765, help="the port (default 8765)")
    p.add_argument(
        "--data",
        metavar="DIR",
        help="where the store and the exports go (default: class-server in your data folder)",
    )
    p.add_argument(
        "--pack", metavar="FILE", help="a session pack (TOML) that fixes the level, seed, groups..."
    )
    p.add_argument(
        "--passphrase",
        metavar="TEXT",
        help="the teacher's passphrase for the dashboard (kept only as a hash; asked for on the first run "
        "when not given)",
    )
    p.add_argument("--class-code", metavar="CODE", help="the code groups type to join (default: a new one)")
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    from pathlib import Path

    from game.server.run import ServeOptions, serve

    options = ServeOptions(
        host=args.host,
        port=args.port,
        data=Path(args.data) if args.data else None,
        pack=Path(args.pack) if args.pack else None,
        passphrase=args.passphrase,
        class_code=args.class_code,
        level_dirs=tuple(Path(d) for d in args.levels),
    )
    return ExitCode(serve(options))
