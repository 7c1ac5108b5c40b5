"""Child processes that never outlive the process that started them.

A build starts worker processes and a store loader; ``ld-export serve`` starts Oxigraph's server.
When the parent ends in the ordinary way it stops them itself. When it is killed (``kill -9``,
the out-of-memory killer), it has no say, and a child that waits for work on a pipe would wait
for ever under init, holding its memory. So every child asks the kernel, first thing, to be
killed when its parent dies (Linux ``prctl(PR_SET_PDEATHSIG, SIGKILL)``, called through ctypes);
where that is not available, a thread in the child watches the parent's process id. A child
whose parent died before it could ask exits at once.

Ctrl-C reaches every process in the terminal's process group: the workers ignore it and leave it
to the parent, which stops them and exits quietly (``tests/test_faults.py`` checks both).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _prctl():
    """libc's ``prctl``, or None where there is none (not Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


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
