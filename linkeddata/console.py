"""The ``ld-export`` program's entry point: Ctrl-C is quiet from the first moment.

The command line module loads rdflib, pyoxigraph and Click, which takes a few tenths of a
second; a Ctrl-C in that time would otherwise print a traceback of the import, and one while
Click reads the arguments its "Aborted!" and exit code 1. Until a command starts, Ctrl-C ends the
program at once with exit code 130 and one line; from then on the command handles it (its
clean-up runs: :mod:`linkeddata.cli`).
"""

from __future__ import annotations

import os
import signal


def _interrupted(signum: int, _frame) -> None:
    os.write(2, b"Interrupted.\n")
    os._exit(128 + signum)


def main(argv: list[str] | None = None):
    previous = signal.signal(signal.SIGINT, _interrupted)
    try:
        from .cli import main as commands

        return commands(argv)
    finally:
        signal.signal(signal.SIGINT, previous)
