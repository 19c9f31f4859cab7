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
* Ctrl+C is the parent's to handle: children ignore SIGINT (batch workers
  SIGTERM too: `child_started(..., ignore=...)`). They ignore both from the
  moment they are forked, before they say so: the fork server is started
  ignoring them (`context`, from the main thread), and its children inherit
  that. A Ctrl+C or `kill -TERM -PGID` while the workers started once killed
  the server or a worker halfway, and the run ended in "a worker process
  died" or a traceback instead of a clean stop.

No Qt here.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import threading
from collections.abc import Iterable, Iterator
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
    with _group_signals_ignored():
        multiprocessing.forkserver.ensure_running()  # started here, not by a first child
    return forkserver


# Sent to the whole process group (Ctrl+C, kill -TERM -PGID): the parent's to handle.
GROUP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def _group_signals_ignored() -> Iterator[None]:
    """A process started inside ignores GROUP_SIGNALS from its first instruction.

    An ignored signal stays ignored across exec, and Python keeps SIGINT
    ignored at start-up if it was. This process's own handlers are back at
    the end; a signal that came meanwhile waits, held in this thread, and is
    handled then (Linux keeps a held signal pending even while ignored).
    Only the main thread may change handlers: from another one (a window's
    worker) the server starts as before.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, GROUP_SIGNALS)
    handlers = {signum: signal.signal(signum, signal.SIG_IGN) for signum in GROUP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def child_started(
    parent_alive: Connection, ignore: Iterable[signal.Signals] = (signal.SIGINT,)
) -> None:
    """Call first in a child: ignore Ctrl+C (and `ignore`), and exit when the parent is gone.

    A group signal not in `ignore` (SIGTERM, for a window's helper) acts as usual from here.
    """
    ignored = frozenset(ignore)  # (asked once per signal: an iterator would run out)
    for signum in GROUP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN if signum in ignored else signal.SIG_DFL)
    threading.Thread(target=_exit_with_parent, args=(parent_alive,), daemon=True).start()


def _exit_with_parent(parent_alive: Connection) -> None:
    with contextlib.suppress(EOFError, OSError):
        parent_alive.recv()  # nothing is ever sent: this returns when the parent is gone
    os._exit(1)
