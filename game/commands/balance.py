"""`balance`: each campaign level's win rates by agent and outcome shares, written as balance.md
and balance.json (which the tests check) into `--out DIR`, by default the checkout's docs/."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from game.commands.arguments import (
    MAX_WORKERS,
    add_levels_option,
    add_think_options,
    at_least,
    out_path,
    think_budget,
    think_flags,
)
from game.commands.exit_codes import ExitCode, UsageError

# typing.TYPE_CHECKING without importing typing or pathlib: `--help` reads every command's module.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

NAME = "balance"
HELP = "measure each campaign level's balance and write balance.md (default: docs/ of a checkout)"
MAX_REPORT_BYTES = 20_000_000  # a kept balance.json; the shipped one is a few hundred KB

GAMES, DUEL_GAMES = 500, 100


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "levels_to_check", nargs="*", metavar="LEVEL", help="level ids (default: every level in the campaign)"
    )
    p.add_argument(
        "--games",
        type=at_least(1),
        default=GAMES,
        metavar="N",
        help="normal-vs-normal and easy-vs-easy games per level",
    )
    # hard meets easy from each side in turn: two games are the fewest with a figure for each side.
    p.add_argument(
        "--duel-games", type=at_least(2), default=DUEL_GAMES, metavar="N", help="hard-vs-easy games per level"
    )
    p.add_argument("--workers", type=at_least(1, MAX_WORKERS), default=1, metavar="K")
    p.add_argument(
        "--out",
        type=out_path,
        metavar="DIR",
        help="the folder to write balance.md and balance.json into (a path ending in .md names the "
        "report's file, its JSON twin beside it); default: docs/ in a checkout, required otherwise",
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON instead of a summary")
    add_think_options(p)
    add_levels_option(p)


def run(args: argparse.Namespace) -> ExitCode:
    import json

    from game.commands.loading import catalogue, load_levels
    from game.commands.progress import progress_bar
    from game.sim.balance import markdown, measure, to_json

    out = report_file(args.out)  # before the games: a usage error should not wait for them
    cat = catalogue(args.levels)
    ids = args.levels_to_check or [
        e.id for e in sorted(cat.playable(), key=lambda e: e.chapter or 0) if e.chapter is not None
    ]
    no_mod_into_docs(args.out, cat, ids)
    levels = load_levels(cat, ids)
    if levels is None:
        return ExitCode.FAILED
    budget = think_budget(args)
    results = []
    for level in levels:
        if not args.json:
            print(f"{level.title}: {args.games} games a pairing...", file=sys.stderr)
        results.append(
            measure(
                level,
                args.games,
                args.duel_games,
                workers=args.workers,
                progress=progress_bar(),
                budget=budget,
            )
        )
    command = (
        "python -m game balance"
        + (f" --games {args.games}" if args.games != GAMES else "")
        + (f" --duel-games {args.duel_games}" if args.duel_games != DUEL_GAMES else "")
        + think_flags(args)
    )
    written = results
    if args.levels_to_check and out.with_suffix(".json").is_file():
        # Measuring some levels again keeps the others' figures in the report.
        written = _merged(out.with_suffix(".json"), results, cat)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(markdown(written, command, strength_section(out, cat)), encoding="utf-8")
        out.with_suffix(".json").write_text(
            json.dumps(to_json(written, command), indent=1) + "\n", encoding="utf-8"
        )
    except OSError as e:  # a full disk, a folder that may not be written: hours of games, said why
        print(f"cannot write {out}: {e.strerror or e}", file=sys.stderr)
        return ExitCode.FAILED
    print(f"wrote {out} and {out.with_suffix('.json')}", file=sys.stderr)
    problems = [p for r in results for p in r.problems()]
    if args.json:
        print(json.dumps(to_json(results, command)))
    else:
        for r in results:
            print(
                f"{r.level:24} normal vs normal: Moscow wins {r.normal_wins['moscow']:.1%}, Beijing "
                f"{r.normal_wins['beijing']:.1%}; hard beats easy as Moscow {r.hard_beats_easy['moscow']:.0%}, "
                f"as Beijing {r.hard_beats_easy['beijing']:.0%}"
            )
        for p in problems:
            print(f"out of band: {p}")
    # Out of band is the balance check failing, as an error is for `validate`.
    return ExitCode.FAILED if problems else ExitCode.OK


def strength_section(out: Path, cat) -> list[str]:
    """The strength table's section of the report, from strength.json beside it (none without)."""
    import json

    from game.sim.strength import from_json
    from game.sim.strength import markdown as strength_markdown

    kept = out.with_name("strength.json")
    try:
        data = json.loads(kept.read_text(encoding="utf-8"))
        rows = from_json(data)
    except (OSError, ValueError, KeyError, TypeError):
        return []
    titles = {e.id: e.title for e in cat.entries.values()}
    in_order = campaign_order(cat)
    rows.sort(key=lambda r: in_order(r.level))
    measured = data.get("versions") if isinstance(data.get("versions"), dict) else {}
    return strength_markdown(
        rows, titles, data.get("command", "python -m game strength"), _changed_since(rows, measured, cat)
    )


def _changed_since(rows: list, measured: dict, cat) -> list[str]:
    """The levels of `rows` whose content, or whose agents' way of playing, is no longer what was
    measured (a table written before the versions were kept counts every level as changed: it
    cannot tell)."""
    from game.levels import LevelError
    from game.sim.strength import version_of

    changed = []
    for level_id in dict.fromkeys(r.level for r in rows):
        try:
            now = version_of(cat.load(level_id))
        except LevelError:  # a level that no longer loads is not what was measured either
            now = None
        if now is None or measured.get(level_id) != now:
            changed.append(level_id)
    return changed


def rewrite_report(out: Path, cat) -> None:
    """Write the report again from the JSON beside it, with the strength table as it is now
    (the strength command's way of putting its table in; no game is played)."""
    import json

    from game.sim.balance import from_json, markdown

    try:
        data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
        results = from_json(data)
    except (OSError, ValueError, KeyError, TypeError):
        results, data = [], {}
    out.write_text(
        markdown(results, data.get("command", "python -m game balance"), strength_section(out, cat)),
        encoding="utf-8",
    )


def report_file(out: str | None) -> Path:
    """Where balance.md goes: into --out DIR (or --out FILE.md, as the option once took), else into
    a checkout's docs/. An installed game has no docs/ of its own to write into by surprise."""
    from pathlib import Path

    if out is not None:
        path = Path(out)
        return path if path.suffix == ".md" else path / "balance.md"
    docs = checkout_docs()
    if docs is None:
        raise UsageError(
            "--out DIR is needed: this game is installed, not run from a checkout, so there is no "
            "docs/ folder to write balance.md into"
        )
    return docs / "balance.md"


def no_mod_into_docs(out_given: str | None, cat, ids: list[str]) -> None:
    """A UsageError when a mod's figures would go into the game's own docs/: a modder who left out
    --out found their level's row written into the shipped report, and its header rewritten."""
    mods = [i for i in ids if i in cat.entries and cat.entries[i].is_mod]
    if out_given is None and mods:
        raise UsageError(
            f"{', '.join(mods)} is a level of your own: give --out DIR for its report (without it, the "
            "figures would go into the game's own docs/balance.md)"
        )


def checkout_docs() -> Path | None:
    """The docs folder of a source checkout (None in an installed game, which has no docs)."""
    from pathlib import Path

    import game

    docs = Path(game.__file__).resolve().parent.parent / "docs"
    return docs if (docs.parent / "pyproject.toml").is_file() and docs.is_dir() else None


def campaign_order(cat) -> Callable[[str], int]:
    """A sort key for level ids: their chapter in the campaign, levels outside it last. The
    reports list levels in this order, however many of them were measured again."""
    chapters = {e.id: e.chapter for e in cat.entries.values() if e.chapter is not None}
    return lambda level_id: chapters.get(level_id, 99)


def _merged(kept_json: Path, results: list, cat) -> list:
    """The fresh results with the kept report's other levels, in campaign order."""
    import json

    from game.files import read_bounded
    from game.sim.balance import from_json

    try:
        kept = {r.level: r for r in from_json(json.loads(read_bounded(kept_json, MAX_REPORT_BYTES)))}
    except (OSError, ValueError, KeyError, TypeError):
        kept = {}  # an unreadable report is replaced, not merged
    kept.update({r.level: r for r in results})
    in_order = campaign_order(cat)
    return sorted(kept.values(), key=lambda r: in_order(r.level))
