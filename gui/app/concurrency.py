"""The one way the window works off the UI thread: futures, watched on the GUI thread.

    lane = Lane("run", parent=self)                  # one worker thread, jobs in order
    watcher = lane.submit(pipeline.run, text)
    watcher.result_ready.connect(self._on_output)    # called on the GUI thread
    watcher.exception_ready.connect(self._on_error)  # the exception, as raised

Jobs are plain functions of their arguments: they return a value or raise, and
never touch a QObject. The `FutureWatcher` hands the outcome to its callbacks
on the thread the lane was made in (the GUI thread), once control is back in
the event loop, so a callback connected right after `submit` never misses it
and every model reads and writes its state on one thread only. This is
Orange's idiom (orangewidget/utils/concurrent.py, `FutureRunnable` +
`FutureWatcher`), built on the standard library's `concurrent.futures` rather
than on QRunnable, so a job is an ordinary `Future`: cancelled while queued
(`cancel_pending`), waited for (`wait`), with its exception kept as raised.

A job submitted with `progress=True` gets one more argument, a `report(value)`
function it may call from its thread; `watcher.progressed` callbacks get each
value on the GUI thread, all before the outcome.

A lane made with `abandonable=True` runs its jobs in daemon threads, and its
`shutdown(wait=False)` returns at once: a job still running (a 2 MB explain
for the linked views, a second or more) runs on unseen and does not hold up
quitting, nor the interpreter's exit, which a standard executor's threads
would (`concurrent.futures` joins them at exit). Only for pure jobs whose
result nobody needs once the window closes.

Watchers are plain Python objects, not QObjects: one long-lived QObject per
lane (a child of the lane's parent) carries every delivery across threads, so
no per-job QObject is ever created, deleted or left behind. When the lane's
parent is gone, deliveries stop.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import queue
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

_DONE = object()  # the delivery that ends a job (else: a progress value)


class Callbacks:
    """Functions to call with a value (a signal-like `connect`, without a QObject)."""

    def __init__(self) -> None:
        self._slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> None:
        self._slots.append(slot)

    def _call(self, *args: Any) -> None:
        for slot in list(self._slots):
            slot(*args)

    def _clear(self) -> None:
        self._slots.clear()


class FutureWatcher:
    """A job's outcome and progress, delivered on the GUI thread.

    Exactly one of `result_ready` (the return value), `exception_ready` (the
    exception) or `cancelled` (no argument) follows `done` (the future).
    """

    def __init__(self) -> None:
        self.future: Future | None = None  # set by Lane.submit
        self.progressed = Callbacks()
        self.done = Callbacks()
        self.result_ready = Callbacks()
        self.exception_ready = Callbacks()
        self.cancelled = Callbacks()

    def _deliver(self, item: object) -> None:  # GUI thread
        if item is not _DONE:
            self.progressed._call(item)
            return
        future = self.future
        self.done._call(future)
        if future.cancelled():
            self.cancelled._call()
        elif future.exception() is not None:
            self.exception_ready._call(future.exception())
        else:
            self.result_ready._call(future.result())
        # Drop the callbacks (they hold the models) here, on the GUI thread, and the
        # future: it holds the result (a 10 MB text, say) and, through its own
        # done-callback, this watcher; without this the pair would wait for the
        # cyclic collector.
        callbacks = (self.progressed, self.done, self.result_ready, self.exception_ready)
        for each in (*callbacks, self.cancelled):
            each._clear()
        self.future = None


class _Dispatcher(QObject):
    """Carries deliveries from worker threads to the thread this object lives in."""

    posted = Signal(object, object)  # watcher, a progress value or _DONE

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def _deliver(self, watcher: FutureWatcher, item: object) -> None:
        watcher._deliver(item)


class _DaemonExecutor:
    """The little of ThreadPoolExecutor a lane uses, in daemon threads (see the docstring).

    Written here because the standard executor has no daemon option: its
    threads are joined at interpreter exit whatever `shutdown` was told.
    """

    def __init__(self, workers: int, name: str) -> None:
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._work, name=f"{name}_{n}", daemon=True)
            for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        future: Future = Future()
        self._queue.put((future, fn, args))
        return future

    def _work(self) -> None:
        while (item := self._queue.get()) is not None:
            future, fn, args = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as error:  # kept for the watcher, as raised
                future.set_exception(error)
            del item, future, fn, args  # the job's arguments (a large text) go now

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        if cancel_futures:
            with contextlib.suppress(queue.Empty):
                while True:
                    item = self._queue.get_nowait()
                    if item is not None:
                        item[0].cancel()
                        item[0].set_running_or_notify_cancel()
        for _thread in self._threads:
            self._queue.put(None)
        if wait:
            for thread in self._threads:
                thread.join()


class Lane:
    """Worker threads (one by default: jobs run in order) that jobs are submitted to.

    Make it on the GUI thread; `parent` (the model that owns it) bounds its
    deliveries: once the parent is gone, outcomes are dropped unseen.
    """

    def __init__(
        self,
        name: str,
        parent: QObject | None = None,
        workers: int = 1,
        *,
        abandonable: bool = False,
    ) -> None:
        self._executor = (
            _DaemonExecutor(workers, name)
            if abandonable
            else ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        )
        self._abandoned = False
        self._dispatcher = _Dispatcher(parent)
        self._futures: set[Future] = set()
        # The set is trimmed from the worker threads, once a job's outcome is posted.
        self._idle = threading.Condition()

    def submit(self, fn: Callable[..., Any], *args: Any, progress: bool = False) -> FutureWatcher:
        """Run `fn(*args)` (with `report` last, if `progress`) in a worker thread."""
        watcher = FutureWatcher()
        if progress:
            args = (*args, lambda value: self._post(watcher, value))
        future = self._executor.submit(fn, *args)
        watcher.future = future
        with self._idle:
            self._futures.add(future)
        future.add_done_callback(lambda done: self._finished(watcher, done))
        return watcher

    def _post(self, watcher: FutureWatcher, item: object) -> None:  # any thread
        if self._abandoned:
            return  # the window is closing: nobody waits, and its objects go
        # RuntimeError: the lane's parent, and its dispatcher, are gone: nobody waits.
        with contextlib.suppress(RuntimeError):
            self._dispatcher.posted.emit(watcher, item)

    def _finished(self, watcher: FutureWatcher, future: Future) -> None:  # any thread
        self._post(watcher, _DONE)
        with self._idle:
            self._futures.discard(future)
            self._idle.notify_all()

    def _pending(self) -> list[Future]:
        with self._idle:
            return list(self._futures)

    @property
    def idle(self) -> bool:
        """True if no job is queued or running (every outcome is posted)."""
        return not self._pending()

    def cancel_pending(self) -> None:
        """Cancel the jobs that have not started; a running one runs on."""
        for future in self._pending():
            future.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for every submitted job; False if some still run after `timeout` seconds.

        When it returns True, each job's outcome is posted: the next turn of
        the event loop delivers it.
        """
        with self._idle:
            return self._idle.wait_for(lambda: not self._futures, timeout)

    def shutdown(self, wait: bool = True) -> None:
        """Cancel what is queued and wait for what runs; no job may be submitted after.

        `wait=False` (an `abandonable` lane): return at once; a running job's
        outcome is never delivered.
        """
        if not wait:
            self._abandoned = True
        self._executor.shutdown(wait=wait, cancel_futures=True)


def wait(futures: Iterable[Future], timeout: float | None = None) -> bool:
    """Wait until all `futures` are done; False on timeout."""
    _done, not_done = concurrent.futures.wait(list(futures), timeout)
    return not not_done
