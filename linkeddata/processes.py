"""Every process ld-export starts: workers that never run the caller's main module, and children that
never outlive the process that started them.

No main module. The build runs its workers in fresh interpreters (the "spawn" start method): a
forked copy of a process that has threads (a notebook kernel, Oxigraph's own) can deadlock. Python's
spawn, though, imports the caller's ``__main__`` again in every new process, so that functions
defined there can be found by name. A script without an ``if __name__ == "__main__":`` guard then
runs again in each worker (and starts another build there), ``python - <<EOF`` names a main file
``<stdin>`` that does not exist, and ``python -m pkg.mod`` imports ``pkg.mod`` again.

The workers of ld-export run only ld-export's own functions and need nothing from ``__main__``.
:func:`context` is a spawn context whose processes are started as a notebook's are: while a process
is being started, ``sys.modules["__main__"]`` is a module with no file and no module name, so the
new interpreter has no main module to import. Nothing else changes: the process object, its target
and its arguments are pickled as with plain spawn, and the caller's ``__main__`` is back in place as
soon as the process has been started.

Never outliving the parent. A build starts worker processes and a store loader; ``ld-export serve``
starts Oxigraph's server. When the parent ends in the ordinary way it stops them itself. When it is
killed (``kill -9``, the out-of-memory killer), it has no say, and a child that waits for work on a
pipe would wait for ever under init, holding its memory. So every child asks the kernel, first
thing, to be killed when its parent dies (Linux ``prctl(PR_SET_PDEATHSIG, SIGKILL)``, called through
ctypes); where that is not available, a thread in the child watches the parent's process id. A child
whose parent died before it could ask exits at once.

Ctrl-C reaches every process in the terminal's process group: the workers ignore it and leave it to
the parent, which stops them and exits quietly (``tests/test_faults.py`` checks both).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import context as mp_context

from .layout import libc_function

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


# --------------------------------------------------------------------------------------------
# Children that die with their parent

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _prctl():
    """libc's ``prctl``, or None where there is none (not Linux)."""
    return libc_function("prctl")


def _ask_the_kernel(prctl=None) -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that cannot be asked."""
    prctl = prctl or _prctl()
    return prctl is not None and prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0


def _watch(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="ld-export-parent-watch", daemon=True).start()


def die_with_parent(parent: int) -> None:
    """In a child of ``parent``: end when ``parent`` ends, however it ends."""
    if not _ask_the_kernel():
        _watch(parent)
    if os.getppid() != parent:  # the parent died before the kernel was asked
        os._exit(1)


def worker_init(parent: int) -> None:
    """First thing in a worker or loader process: die with ``parent``, and leave Ctrl-C to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by :func:`starting`; now ignored
    die_with_parent(parent)


@contextlib.contextmanager
def starting():
    """Around the start of worker processes: Ctrl-C is held back (blocked, not lost) in this
    thread, and the children start with it blocked too (a blocked signal stays blocked across
    ``exec``), so that none of them is interrupted while Python starts and imports, before
    :func:`worker_init` ignores it (what Python's own resource tracker does when it starts).
    A Ctrl-C that came meanwhile reaches this process as the block is lifted."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def before_exec() -> Callable[[], None]:
    """For ``subprocess.Popen(preexec_fn=...)``: the program started dies with this process.
    (The request survives ``exec``; it runs in the child between ``fork`` and ``exec``.)"""
    parent, prctl = os.getpid(), _prctl()  # looked up here: after fork, only call it

    def prepare() -> None:
        if prctl is None or not _ask_the_kernel(prctl):
            return  # no thread survives exec: the parent stops the program itself
        if os.getppid() != parent:
            os._exit(1)

    return prepare


# --------------------------------------------------------------------------------------------
# Pools of workers


def pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes that die with this one and leave Ctrl-C to it (start
    its work inside :func:`starting`)."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context(), initializer=worker_init,
                               initargs=(os.getpid(),))  # fmt: skip


def stop(workers: ProcessPoolExecutor) -> None:
    """Stop a pool's workers at once: what they are doing is not wanted any more. (Shutting the
    pool down alone would let them finish every task still queued.)"""
    processes = list((getattr(workers, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(OSError):
            process.kill()
    # A worker killed half-way through sending a result leaves half a message in the result pipe. The
    # pool's manager thread, reading it, would wait for the rest for ever (and shutdown() with it),
    # since this process holds the pipe's writing end too. With that end closed, the read ends when
    # the workers are gone, and the pool finds them gone.
    results = getattr(workers, "_result_queue", None)
    if results is not None:
        results._writer.close()
    workers.shutdown(wait=True, cancel_futures=True)
    for process in processes:
        process.join()
