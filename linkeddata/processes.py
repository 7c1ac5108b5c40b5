"""Worker processes that never run the caller's main module.

The build runs its workers in fresh interpreters (the "spawn" start method): a forked copy of
a process that has threads (a notebook kernel, Oxigraph's own) can deadlock. Python's spawn,
though, imports the caller's ``__main__`` again in every new process, so that functions defined
there can be found by name. A script without an ``if __name__ == "__main__":`` guard then runs
again in each worker (and starts another build there), ``python - <<EOF`` names a main file
``<stdin>`` that does not exist, and ``python -m pkg.mod`` imports ``pkg.mod`` again.

The workers of ld-export run only ld-export's own functions and need nothing from ``__main__``.
:func:`context` is a spawn context whose processes are started as a notebook's are: while a
process is being started, ``sys.modules["__main__"]`` is a module with no file and no module
name, so the new interpreter has no main module to import. Nothing else changes: the process
object, its target and its arguments are pickled as with plain spawn, and the caller's
``__main__`` is back in place as soon as the process has been started.
"""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import context as mp_context

# Starting processes from several threads at once must not see one another's stand-in.
_SWAP = threading.Lock()


@contextmanager
def _no_main_module() -> Iterator[None]:
    """While the block runs, ``__main__`` is an empty module with no file and no spec."""
    with _SWAP:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if main is None:
                del sys.modules["__main__"]
            else:
                sys.modules["__main__"] = main


class _Process(mp_context.SpawnProcess):
    """A spawned process that does not import the parent's ``__main__``."""

    @staticmethod
    def _Popen(process_obj):  # noqa: N802 - the name multiprocessing calls
        with _no_main_module():
            return mp_context.SpawnProcess._Popen(process_obj)


class _Context(mp_context.SpawnContext):
    Process = _Process


_CONTEXT = _Context()


def context() -> mp_context.BaseContext:
    """The multiprocessing context for every process ld-export starts (pools, queues, pipes)."""
    return _CONTEXT
