"""Starting worker processes safely from a Qt program or a CLI: one copy of the plumbing.

    context = processes.context(preload=[__name__])   # the caller's own module
    reader, writer = context.Pipe(duplex=False)       # the parent holds `writer`
    ... in the child, first thing: processes.child_started(reader)

* Start method: `forkserver` where the platform has it, else `spawn`; never
  `fork`, which would copy a Qt program's threads' locks mid-use.
* Preload: the fork server imports the modules named (given as module objects
  or `__name__`, so a moved module never leaves a stale string behind) and
  not the caller's `__main__` (a GUI's or a test runner's); each child forked
  from it starts in milliseconds.
* Exit with the parent: idle children wait on their task queue or pipe
  forever; each one watches a pipe whose only writing end the parent holds,
  so when the parent ends (even by SIGKILL) the kernel closes it, the child
  reads EOF and exits.
* Ctrl+C is the parent's to handle: children ignore SIGINT.

No Qt here.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterable
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from types import ModuleType


def context(preload: Iterable[ModuleType | str] = ()) -> BaseContext:
    """The start method for worker processes, with the fork server preloading `preload`."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    forkserver = multiprocessing.get_context("forkserver")
    names = [m.__name__ if isinstance(m, ModuleType) else str(m) for m in preload]
    if names:
        forkserver.set_forkserver_preload(names)
    return forkserver


def child_started(parent_alive: Connection) -> None:
    """Call first in a child: ignore Ctrl+C, and exit when the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    threading.Thread(target=_exit_with_parent, args=(parent_alive,), daemon=True).start()


def _exit_with_parent(parent_alive: Connection) -> None:
    with contextlib.suppress(EOFError, OSError):
        parent_alive.recv()  # nothing is ever sent: this returns when the parent is gone
    os._exit(1)
