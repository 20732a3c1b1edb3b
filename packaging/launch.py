"""The portable build's entry point: the same as `python -m game`."""

import multiprocessing
import sys

from game.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the balance and simulate commands' worker processes
    sys.exit(main())
