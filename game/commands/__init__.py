"""The game's commands (`python -m game COMMAND`), one module each.

A command module has `NAME` (what is typed), `HELP` (its line in the list of commands),
`add_arguments(parser)` (its options, each checked by argparse as it is read) and
`run(args) -> ExitCode`; `game.cli` puts them together. A module imports what its command uses
inside `run()`, so that reading the command line, and `--help`, stay fast.
"""
