"""The command line: `python -m game COMMAND`. The flags here are a contract other tools rely on."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

# pygame prints a banner on import; the command line's output is for the player and for tools.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def _levels_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--levels",
        action="append",
        default=[],
        metavar="DIR",
        help="an extra folder of levels (mods); may be given more than once",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m game",
        description="Pragmatic Partners: keep a useful Russian-Chinese partnership alive while four limits pull it apart.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("play", help="open the game's window (the default command)")
    p.add_argument("--level", metavar="ID", help="start this level at once")
    p.add_argument("--side", choices=("moscow", "beijing"), default="moscow")
    p.add_argument("--opponent", choices=("easy", "normal", "hard", "human"), default="normal")
    p.add_argument("--seed", type=int, default=None, metavar="N")
    p.add_argument(
        "--autoplay", action="store_true", help="agents choose for every side; the UI steps on by itself"
    )
    p.add_argument("--screenshot-dir", metavar="DIR", help="save a PNG of each screen and each turn here")
    p.add_argument(
        "--screenshot-only",
        action="append",
        default=[],
        metavar="NAME",
        help="save only the screens so named (a pattern such as 'turn*-resolved'); may be given more than once",
    )
    p.add_argument("--exit-at-end", action="store_true", help="close the window at the debrief")
    p.add_argument("--size", metavar="WxH", help="window size for this run, e.g. 1920x1080")
    p.add_argument("--probe", help=argparse.SUPPRESS)  # used by `bench`
    _levels_arg(p)

    p = sub.add_parser("classroom", help="open the classroom session set-up, filled in with these values")
    p.add_argument("--level", metavar="ID", help="the level the class plays")
    p.add_argument(
        "--seed", type=int, default=None, metavar="N", help="the class seed (every group types the same)"
    )
    for side in ("moscow", "beijing"):
        p.add_argument(
            f"--{side}",
            choices=("team", "easy", "normal", "hard"),
            default="team",
            help=f"who plays {side.capitalize()}: a team of students or an AI",
        )
    p.add_argument(
        "--timer",
        type=int,
        choices=(0, 3, 5, 8, 10),
        default=0,
        metavar="MIN",
        help="planning timer in minutes for each turn (0, 3, 5, 8 or 10; 0: none)",
    )
    p.add_argument(
        "--group", default="", metavar="NAME", help="the group's name, for the exports and the class report"
    )
    p.add_argument("--size", metavar="WxH", help="window size for this run, e.g. 1920x1080")
    _levels_arg(p)

    p = sub.add_parser("report", help="compare several classroom sessions' exports in one report")
    p.add_argument("folders", nargs="+", metavar="DIR", help="export folders (one per group)")
    p.add_argument(
        "--out",
        metavar="DIR",
        help="where to write it (default: exports/class-report-<date> in your data folder)",
    )

    p = sub.add_parser("validate", help="check level files; exit 0 clean, 1 on errors, 2 on bad usage")
    p.add_argument("paths", nargs="+", metavar="PATH", help="level files or folders of them")
    p.add_argument("--format", choices=("human", "json"), default="human")
    _levels_arg(p)

    sub.add_parser("schema", help="print the JSON schema of a level file")
    sub.add_parser("reference", help="print the level format's reference (Markdown, from the schema)")

    p = sub.add_parser(
        "new-level", help="write a new level that extends the base, with comments, ready to edit"
    )
    p.add_argument("name", metavar="NAME", help="the level's title; its id and file name are made from it")
    p.add_argument("--out", metavar="DIR", help="where to write it (default: your levels folder)")
    p.add_argument("--force", action="store_true", help="replace a file of the same name")

    p = sub.add_parser("levels", help="list the levels on offer")
    _levels_arg(p)

    p = sub.add_parser("replay", help="print a saved game's transcript, turn by turn")
    p.add_argument("log", metavar="LOG", help="a replay log (JSON)")
    _levels_arg(p)

    p = sub.add_parser("transcript", help="play a level with agents and print the transcript (golden files)")
    p.add_argument("level", metavar="LEVEL", help="a level id")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--moscow", default="random", metavar="AGENT")
    p.add_argument("--beijing", default="random", metavar="AGENT")
    p.add_argument("--log", metavar="FILE", help="also write the replay log here")
    _levels_arg(p)

    p = sub.add_parser("simulate", help="play many seeded games with agents and sum them up")
    p.add_argument("level", metavar="LEVEL", help="a level id")
    p.add_argument("--games", type=int, default=100, metavar="N")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="games use seeds S, S+1, ...")
    p.add_argument("--moscow", default="easy", metavar="AGENT")
    p.add_argument("--beijing", default="easy", metavar="AGENT")
    p.add_argument(
        "--workers", type=int, default=1, metavar="K", help="processes; results are the same whatever K"
    )
    p.add_argument(
        "--vary",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a paired experiment: play the same seeds again with this changed (see docs/claims.md)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    _levels_arg(p)

    p = sub.add_parser("duel", help="head to head: how often agent A's agenda score beats agent B's")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--level", default="testing_event", metavar="ID")
    p.add_argument(
        "--games", type=int, default=200, metavar="N", help="half with A as Moscow, half as Beijing"
    )
    p.add_argument("--seed", type=int, default=0, metavar="S")
    p.add_argument("--workers", type=int, default=1, metavar="K")
    p.add_argument("--json", action="store_true")
    _levels_arg(p)

    p = sub.add_parser("claims", help="measure the essay's claims F1-F9 on the essay-era levels")
    p.add_argument(
        "levels_to_check", nargs="*", metavar="LEVEL", help="level ids (default: every essay-era level)"
    )
    p.add_argument("--games", type=int, default=100, metavar="N")
    p.add_argument("--workers", type=int, default=1, metavar="K")
    p.add_argument("--json", action="store_true")
    _levels_arg(p)

    p = sub.add_parser("balance", help="measure each campaign level's balance and write docs/balance.md")
    p.add_argument(
        "levels_to_check", nargs="*", metavar="LEVEL", help="level ids (default: every level in the campaign)"
    )
    p.add_argument(
        "--games",
        type=int,
        default=500,
        metavar="N",
        help="normal-vs-normal and easy-vs-easy games per level",
    )
    p.add_argument("--duel-games", type=int, default=100, metavar="N", help="hard-vs-easy games per level")
    p.add_argument("--workers", type=int, default=1, metavar="K")
    p.add_argument(
        "--out",
        metavar="FILE.md",
        help="where to write the report (its JSON twin goes beside it); "
        "default: docs/balance.md in a checkout, else print only",
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON instead of a summary")
    _levels_arg(p)

    p = sub.add_parser("bench", help="measure speed; prints figures against their targets")
    p.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: the figures and, under 'targets', each target",
    )
    p.add_argument("--repeat", type=int, default=0, help="samples per figure (0: the default)")
    p.add_argument(
        "--quick", action="store_true", help="a tiny workload: checks that bench runs, figures rough"
    )
    p.add_argument("--level", default="testing_event", metavar="ID", help="the level to measure")
    p.add_argument("--no-ui", action="store_true", help="skip the figures that open the game's window")
    _levels_arg(p)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command
    if command is None:
        args = parser.parse_args(["play", *(argv or [])])
        command = "play"
    handler = {
        "play": cmd_play,
        "classroom": cmd_classroom,
        "report": cmd_report,
        "validate": cmd_validate,
        "schema": cmd_schema,
        "levels": cmd_levels,
        "replay": cmd_replay,
        "transcript": cmd_transcript,
        "bench": cmd_bench,
        "simulate": cmd_simulate,
        "duel": cmd_duel,
        "claims": cmd_claims,
        "balance": cmd_balance,
        "reference": cmd_reference,
        "new-level": cmd_new_level,
    }[command]
    _check_level_dirs(getattr(args, "levels", ()))  # every command that reads levels takes --levels
    try:
        return handler(args)
    except BrokenPipeError:
        return 0


def cmd_validate(args) -> int:
    from game.levels.validate import validate_paths

    problems = validate_paths(args.paths, args.levels)
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False))
    else:
        for p in problems:
            print(p)
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        print(
            f"{errors} error(s), {warnings} warning(s)" if problems else "no problems found", file=sys.stderr
        )
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_schema(args) -> int:
    from game.levels.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def cmd_levels(args) -> int:
    from game.levels.loader import compile_with_warnings

    cat = _catalogue(args.levels)
    for e in cat.playable():
        mark = " [mod]" if e.is_mod else ""
        level, problems = compile_with_warnings(e.parsed, cat)
        errors = sum(p.severity == "error" for p in problems)
        state = f"  ({errors} error(s): python -m game validate {e.path})" if level is None else ""
        print(f"{e.id:24} {e.title}{mark}{state}")
    _print_problems(cat.problems)
    return 0


def _catalogue(mod_dirs):
    """The levels the window offers: shipped, the player's levels folder, and any --levels DIR."""
    from game.levels import Catalogue
    from game.paths import user_levels_dir

    return Catalogue.scan([user_levels_dir(), *mod_dirs])


def _check_level_dirs(mod_dirs) -> None:
    for folder in mod_dirs:
        if not Path(folder).is_dir():
            print(
                f"warning: --levels {folder}: there is no such folder; its levels are not offered",
                file=sys.stderr,
            )


def _print_problems(problems) -> None:
    for p in problems:
        print(p if p.file else f"error: {p.message}", file=sys.stderr)


def _load(level_id: str, mod_dirs) -> object:
    catalogue = _catalogue(mod_dirs)
    entry = catalogue.entries.get(level_id)
    if entry is not None and not entry.playable:
        # A ruleset such as `base` has no outcomes or agendas of its own: nothing to play.
        playable = ", ".join(sorted(e.id for e in catalogue.playable()))
        print(
            f"'{level_id}' is a ruleset that other levels extend (playable = false), not a level to play; "
            f"choose one of: {playable}",
            file=sys.stderr,
        )
        return None
    levels = _load_all(catalogue, [level_id])
    return levels[0] if levels else None


def _load_all(catalogue, ids) -> list | None:
    """The levels, compiled; None (with every problem printed) when one of them cannot load."""
    from game.levels import LevelError

    levels = []
    for level_id in ids:
        try:
            levels.append(catalogue.load(level_id))
        except LevelError as e:
            _print_problems(e.problems)
            return None
    return levels


def cmd_replay(args) -> int:
    from pydantic import ValidationError

    from game.session.replay import ReplayError, ReplayLog, replay
    from game.session.transcript import transcript

    try:
        data = Path(args.log).read_bytes()[:20_000_000]
        log = ReplayLog.model_validate_json(data)
    except OSError as e:
        print(f"{args.log}: cannot read: {e.strerror or e}", file=sys.stderr)
        return 1
    except ValidationError as e:
        first = e.errors(include_url=False)[0]
        where = ".".join(str(x) for x in first["loc"])
        print(f"{args.log}: not a replay log of this game ({where}: {first['msg']})", file=sys.stderr)
        return 1
    level = _load(log.level_id, args.levels)
    if level is None:
        return 1
    try:
        state, reports = replay(level, log)
    except ReplayError as e:
        print(f"{args.log}: {e}", file=sys.stderr)
        return 1
    sys.stdout.write(transcript(state, reports, log.facilitator))
    return 0


def cmd_transcript(args) -> int:
    from game.session.play import play_game
    from game.session.transcript import transcript

    level = _load(args.level, args.levels)
    if level is None:
        return 1
    seed = level.seed if args.seed is None else args.seed
    try:
        state, reports, log = play_game(level, seed, args.moscow, args.beijing)
    except ValueError as e:
        print(e, file=sys.stderr)
        return 2
    if args.log:
        Path(args.log).write_text(log.model_dump_json(indent=1), encoding="utf-8")
    sys.stdout.write(transcript(state, reports))
    return 0


def cmd_bench(args) -> int:
    from game.bench import report_lines, run_bench, targets

    figures = run_bench(repeat=args.repeat, level_id=args.level, mod_dirs=args.levels, quick=args.quick)
    if not args.no_ui:
        from game.bench import run_ui_bench

        figures.update(run_ui_bench(args.repeat, quick=args.quick))
    if args.json:
        print(json.dumps({**figures, "targets": targets(figures)}))
    else:
        print("\n".join(report_lines(figures)))
    return 0


def _progress():
    """A one-line progress bar on a terminal; nothing when output goes to a file."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} games")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def _check_agents(*names) -> bool:
    from game.ai import AGENTS

    for name in names:
        if name not in AGENTS:
            print(f"unknown agent '{name}'; choose from {', '.join(AGENTS)}", file=sys.stderr)
            return False
    return True


def _print_summary(title: str, s: dict) -> None:
    print(title)
    print(f"  games: {s['games']}")
    for name, count in s["outcomes"].items():
        print(f"  outcome {name:28} {count:6}  {count / s['games']:6.1%}")
    for side in ("moscow", "beijing"):
        print(f"  {side:8} wins {s['wins'][side]:6.1%}   mean score {s['mean_score'][side]:6.2f}")
    print("  mean at the end:")
    for meter, value in s["mean_final"].items():
        print(f"    {meter:32} {value:7.2f}")


def cmd_simulate(args) -> int:
    from game.sim.batch import paired_difference, run_games, summary
    from game.sim.variation import VariationError, parse_variation

    if args.games < 1 or args.workers < 1:
        print("--games and --workers must be at least 1", file=sys.stderr)
        return 2
    if not _check_agents(args.moscow, args.beijing):
        return 2
    level = _load(args.level, args.levels)
    if level is None:
        return 1
    try:
        variation = parse_variation(args.vary, level)
    except VariationError as e:
        print(f"--vary {e}", file=sys.stderr)
        return 2
    seeds = range(args.seed, args.seed + args.games)
    base = run_games(level, seeds, args.moscow, args.beijing, workers=args.workers, progress=_progress())
    result = summary(base)
    if not args.vary:
        if args.json:
            print(json.dumps(result))
        else:
            _print_summary(
                f"{level.title}: {args.games} games, Moscow {args.moscow}, Beijing {args.beijing}", result
            )
        return 0
    varied = run_games(
        level, seeds, args.moscow, args.beijing, variation, workers=args.workers, progress=_progress()
    )
    diff = {m: paired_difference(base, varied, m).__dict__ for m in sorted(base[0].final)}
    for d in diff.values():
        d.pop("meter"), d.pop("turn")
    if args.json:
        print(
            json.dumps(
                {
                    "baseline": result,
                    "varied": summary(varied),
                    "variation": list(args.vary),
                    "difference": diff,
                }
            )
        )
        return 0
    _print_summary(f"{level.title}, as written: {args.games} games", result)
    _print_summary(f"{level.title}, with {variation.label}: the same {args.games} seeds", summary(varied))
    print("difference at the end (varied minus as written, mean over paired games, 95% interval):")
    for meter, d in diff.items():
        if d["mean"] or d["low"] or d["high"]:
            print(
                f"  {meter:32} {d['mean']:+8.2f}  [{d['low']:+.2f}, {d['high']:+.2f}]  higher in {d['share_up']:.0%}"
            )
    return 0


def cmd_duel(args) -> int:
    from game.sim.duel import duel

    if not _check_agents(args.a, args.b):
        return 2
    level = _load(args.level, args.levels)
    if level is None:
        return 1
    result = duel(level, args.a, args.b, args.games, args.seed, args.workers)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{level.title}: {args.a} against {args.b}, {result['games']} games (half on each side)")
        print(
            f"  {args.a} scored higher in {result['a_wins']:.1%}, lower in {result['b_wins']:.1%}, "
            f"tied in {result['ties']:.1%}"
        )
        for side in ("moscow", "beijing"):
            print(f"  as {side}: {args.a} scored higher in {result['a_wins_as'][side]:.1%}")
    return 0


def cmd_balance(args) -> int:
    from game.sim.balance import markdown, measure, to_json

    if args.games < 1 or args.duel_games < 2 or args.workers < 1:
        print("--games, --duel-games (at least 2) and --workers must be positive", file=sys.stderr)
        return 2
    cat = _catalogue(args.levels)
    ids = args.levels_to_check or [
        e.id for e in sorted(cat.playable(), key=lambda e: e.chapter or 0) if e.chapter is not None
    ]
    levels = _load_all(cat, ids)
    if levels is None:
        return 1
    results = []
    for level in levels:
        if not args.json:
            print(f"{level.title}: {args.games} games a pairing...", file=sys.stderr)
        results.append(
            measure(level, args.games, args.duel_games, workers=args.workers, progress=_progress())
        )
    command = (
        "python -m game balance"
        + (f" --games {args.games}" if args.games != 500 else "")
        + (f" --duel-games {args.duel_games}" if args.duel_games != 100 else "")
    )
    out = Path(args.out) if args.out else (_checkout_docs() / "balance.md" if _checkout_docs() else None)
    if out is not None:
        written = results
        if args.levels_to_check and out.with_suffix(".json").is_file():
            # Measuring some levels again keeps the others' figures in the report.
            from game.sim.balance import from_json

            try:
                kept = {
                    r.level: r
                    for r in from_json(json.loads(out.with_suffix(".json").read_text(encoding="utf-8")))
                }
            except (ValueError, KeyError, TypeError):
                kept = {}
            kept.update({r.level: r for r in results})
            order = {e.id: (e.chapter if e.chapter is not None else 99) for e in cat.entries.values()}
            written = sorted(kept.values(), key=lambda r: order.get(r.level, 99))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(markdown(written, command), encoding="utf-8")
        out.with_suffix(".json").write_text(
            json.dumps(to_json(written, command), indent=1) + "\n", encoding="utf-8"
        )
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
    return 1 if problems else 0


def _checkout_docs() -> Path | None:
    """The docs folder of a source checkout (None in an installed game, which has no docs)."""
    docs = Path(__file__).resolve().parent.parent / "docs"
    return docs if (docs.parent / "pyproject.toml").is_file() and docs.is_dir() else None


def cmd_claims(args) -> int:
    from game.sim.claims import check_all

    cat = _catalogue(args.levels)
    ids = args.levels_to_check or [e.id for e in cat.playable() if e.essay_era]
    levels = _load_all(cat, ids)
    if levels is None:
        return 1
    report, failed = [], False
    for level in levels:
        level_id = level.id
        for r in check_all(level, args.games, args.workers):
            failed |= not r.holds
            report.append({"level": level_id, **r.__dict__})
            if not args.json:
                print(f"{level_id} {r.id} {'holds' if r.holds else 'DOES NOT HOLD'}: {r.claim}")
                print(f"    measured: {r.measured}")
                print(f"    margin:   {r.margin}")
    if args.json:
        print(json.dumps(report, indent=1))
    return 1 if failed else 0


def cmd_play(args) -> int:
    from game.ui.app import PlayOptions, play

    size = None
    if args.size:
        try:
            w, h = (int(x) for x in args.size.lower().split("x"))
            size = (max(800, w), max(600, h))
        except ValueError:
            print("--size takes WxH, e.g. 1280x720", file=sys.stderr)
            return 2
    if args.seed is not None and not 0 <= args.seed <= MAX_TYPED_SEED:
        print(f"--seed must be a whole number from 0 to {MAX_TYPED_SEED}", file=sys.stderr)
        return 2
    if args.level and _load(args.level, args.levels) is None:
        return 1
    options = PlayOptions(
        level=args.level,
        side=args.side,
        opponent=args.opponent,
        seed=args.seed,
        autoplay=args.autoplay,
        screenshot_dir=Path(args.screenshot_dir) if args.screenshot_dir else None,
        screenshot_only=tuple(args.screenshot_only),
        exit_at_end=args.exit_at_end,
        level_dirs=[Path(d) for d in args.levels],
        size=size,
        probe=args.probe,
    )
    return play(options)


# The largest seed the window's seed fields take (18 digits): a seed given on the command line is
# shown there, and a class reads it out for other machines to type.
MAX_TYPED_SEED = 10**18 - 1


def _window_size(text: str | None):
    if not text:
        return None
    w, h = (int(x) for x in text.lower().split("x"))
    return (max(800, w), max(600, h))


def cmd_classroom(args) -> int:
    from game.ui.app import PlayOptions, play

    try:
        size = _window_size(args.size)
    except ValueError:
        print("--size takes WxH, e.g. 1280x720", file=sys.stderr)
        return 2
    if args.level and _load(args.level, args.levels) is None:
        return 1
    if args.seed is not None and not 0 <= args.seed <= MAX_TYPED_SEED:
        print(
            f"--seed must be a whole number from 0 to {MAX_TYPED_SEED} (the set-up's seed field holds 18 digits)",
            file=sys.stderr,
        )
        return 2
    if "team" not in (args.moscow, args.beijing):
        print("at least one side must be played by a team (--moscow team or --beijing team)", file=sys.stderr)
        return 2
    setup = {
        "level_id": args.level,
        "seed": args.seed,
        "teams": {"moscow": args.moscow, "beijing": args.beijing},
        "timer": args.timer,
        "group": args.group[:60],
    }
    return play(PlayOptions(level_dirs=[Path(d) for d in args.levels], size=size, classroom=setup))


def cmd_report(args) -> int:
    from datetime import datetime

    from game.classroom.report import ReportError, write_report
    from game.paths import user_data_dir

    out = (
        Path(args.out)
        if args.out
        else user_data_dir() / "exports" / f"class-report-{datetime.now():%Y-%m-%d_%H%M}"
    )
    try:
        result = write_report([Path(f) for f in args.folders], out)
    except ReportError as e:
        print(f"no report written: {e}", file=sys.stderr)
        return 1
    for folder, reason in result.skipped:
        print(f"skipped {folder}: {reason}", file=sys.stderr)
    print(f"wrote {result.markdown_path}")
    print(f"wrote {result.chart_path}")
    return 0


def cmd_reference(args) -> int:
    from game.levels.reference import reference_markdown

    sys.stdout.write(reference_markdown())
    return 0


def cmd_new_level(args) -> int:
    from game.levels.loader import Catalogue
    from game.levels.scaffold import ScaffoldError, write_new_level
    from game.paths import user_levels_dir

    folder = Path(args.out) if args.out else user_levels_dir()
    taken = {
        level_id: entry.path
        for level_id, entry in Catalogue.scan([user_levels_dir(), folder]).entries.items()
    }
    try:
        path = write_new_level(args.name, folder, force=args.force, taken=taken)
    except ScaffoldError as e:
        print(e, file=sys.stderr)
        return 1
    print(f"wrote {path}")
    print(f"check it:  python -m game validate {path}")
    print(f"play it:   python -m game play --levels {folder} --level {path.stem}")
    return 0
