"""The ``ld-export`` program's entry point: Ctrl-C is quiet from the first moment.

The command line module loads rdflib, pyoxigraph and Click, which takes a few tenths of a
second; a Ctrl-C in that time would otherwise print a traceback of the import. Until the
commands are loaded, Ctrl-C ends the program at once with exit code 130 and one line; from then
on each command handles it (:mod:`linkeddata.cli`).
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
    finally:
        signal.signal(signal.SIGINT, previous)
    return commands(argv)
