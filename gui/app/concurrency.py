"""The one way the window works off the UI thread: futures, watched on the GUI thread.

    lane = Lane("run")                                  # one worker thread, in order
    watcher = lane.submit(pipeline.run, text, parent=self)
    watcher.result_ready.connect(self._on_output)       # on the GUI thread
    watcher.exception_ready.connect(self._on_error)     # the exception, as raised

Jobs are plain functions of their arguments: they return a value or raise, and
never touch a QObject. The `FutureWatcher` re-emits the outcome on the thread
it lives in (the GUI thread), once control is back in the event loop, so a
slot connected right after `submit` never misses it and every model reads and
writes its state on one thread only. This is Orange's idiom
(orangewidget/utils/concurrent.py, `FutureRunnable` + `FutureWatcher`), built
on the standard library's `concurrent.futures` rather than on QRunnable, so a
job is an ordinary `Future`: cancelled while queued (`cancel`), waited for
(`wait`), with its exception kept as raised.

Progress from a running job goes through a `ProgressRelay`: `report(value)` may
be called from any thread, `progressed` is delivered on the relay's thread.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal


class FutureWatcher(QObject):
    """Re-emits a future's outcome on this object's thread.

    Exactly one of `result_ready` (the return value) or `exception_ready`
    (the exception) follows `done`, unless the future was cancelled
    (`cancelled` then). The watcher deletes itself afterwards.
    """

    done = Signal(object)  # the Future, whatever its outcome
    result_ready = Signal(object)
    exception_ready = Signal(object)
    cancelled = Signal()
    # Internal: emitted in whichever thread finished the future, queued to this one.
    _finished = Signal(object)

    def __init__(self, future: Future, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.future = future
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        future.add_done_callback(self._on_done)

    def _on_done(self, future: Future) -> None:  # any thread
        # RuntimeError: the watcher (with its parent) is gone, nobody waits for this.
        with contextlib.suppress(RuntimeError):
            self._finished.emit(future)

    def _deliver(self, future: Future) -> None:
        self.done.emit(future)
        if future.cancelled():
            self.cancelled.emit()
        elif future.exception() is not None:
            self.exception_ready.emit(future.exception())
        else:
            self.result_ready.emit(future.result())
        self.deleteLater()


class Lane:
    """Worker threads (one by default: jobs run in order) that jobs are submitted to.

    Each job is a `Future`; the `FutureWatcher` that `submit` returns hands
    its outcome to the GUI thread.
    """

    def __init__(self, name: str, workers: int = 1) -> None:
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._futures: set[Future] = set()
        # The set is trimmed from the worker threads, once a job's outcome is queued.
        self._idle = threading.Condition()

    def submit(
        self, fn: Callable[..., Any], *args: Any, parent: QObject | None = None
    ) -> FutureWatcher:
        """Run `fn(*args)` in a worker thread; watch it from `parent`'s thread."""
        future = self._executor.submit(fn, *args)
        with self._idle:
            self._futures.add(future)
        watcher = FutureWatcher(future, parent)
        # After the watcher's callback: once `wait` returns, every outcome is queued.
        future.add_done_callback(self._forget)
        return watcher

    def _forget(self, future: Future) -> None:  # any thread
        with self._idle:
            self._futures.discard(future)
            self._idle.notify_all()

    def _pending(self) -> list[Future]:
        with self._idle:
            return list(self._futures)

    def cancel_pending(self) -> None:
        """Cancel the jobs that have not started; a running one runs on."""
        for future in self._pending():
            future.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for every submitted job; False if some still run after `timeout` seconds.

        When it returns True, each job's outcome is queued to its watcher: the
        next turn of the event loop delivers it.
        """
        with self._idle:
            return self._idle.wait_for(lambda: not self._futures, timeout)

    def shutdown(self) -> None:
        """Cancel what is queued and wait for what runs; no job may be submitted after."""
        self._executor.shutdown(wait=True, cancel_futures=True)


def wait(futures: Iterable[Future], timeout: float | None = None) -> bool:
    """Wait until all `futures` are done; False on timeout."""
    _done, not_done = concurrent.futures.wait(list(futures), timeout)
    return not not_done


class ProgressRelay(QObject):
    """Progress from a worker thread: `report(value)` anywhere, `progressed` here."""

    progressed = Signal(object)

    def report(self, value: object) -> None:  # any thread
        # A signal emitted in another thread is queued to receivers in this one.
        self.progressed.emit(value)
