"""How a command ends: the exit codes that scripts and CI read, and the usage error a command
raises when its options do not fit together."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    # The command ran and found something wrong: errors in a level, a claim that does not hold,
    # a level that will not load, a file it could not read or write.
    FAILED = 1
    # The command line itself is wrong; argparse's usage message names the option.
    USAGE = 2


class UsageError(Exception):
    """Options that argparse cannot check one at a time (they depend on each other, or on a loaded
    level): the command line prints the command's usage with this message and exits with USAGE."""
