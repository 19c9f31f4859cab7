"""Cyclic garbage is collected on the UI thread, never by a worker's allocations.

A worker that allocated past CPython's threshold once ran a collection that
freed Qt objects the UI thread was using, and the process died (CI, the
leakage audit). Without the collector, the first test fails: the worker
frees the garbage (checked in gui/app/ui_thread_gc.py's terms: where
`__del__` runs).
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from gui.app.ui_thread_gc import UiThreadCollector, collect_garbage_on_ui_thread


class Cycle:
    """A reference cycle that says which thread freed it."""

    freed_in: list[str]

    def __init__(self, freed_in: list[str]) -> None:
        self.freed_in = freed_in
        self.me = self

    def __del__(self) -> None:
        self.freed_in.append(threading.current_thread().name)


def _allocate_cycles(count: int) -> None:
    for _ in range(count):
        cycle: list = []
        cycle.append(cycle)


def test_garbage_is_freed_on_the_ui_thread_not_by_a_worker(qtbot, ui_thread_gc):
    freed_in: list[str] = []
    for _ in range(20):
        Cycle(freed_in)
    # Far past the gen-0 threshold many times over: the automatic collector
    # would have run in the worker dozens of times.
    worker = threading.Thread(target=_allocate_cycles, args=(50_000,), name="worker")
    worker.start()
    worker.join()
    assert freed_in == []
    qtbot.waitUntil(lambda: len(freed_in) == 20, timeout=3000)
    assert set(freed_in) == {threading.main_thread().name}


def test_the_old_generations_are_collected_too(ui_thread_gc):
    """A cycle that outlived young collections is still freed, by a full one."""
    freed_in: list[str] = []
    kept = Cycle(freed_in)
    gc.collect(1)  # it survives: now in the oldest generation
    del kept
    full = ui_thread_gc.collections[2]
    for _ in range(1000):  # each round: a worker's allocations, then the timer's tick
        worker = threading.Thread(target=_allocate_cycles, args=(1000,))
        worker.start()
        worker.join()
        ui_thread_gc.check()
        if ui_thread_gc.collections[2] > full:
            break
    assert ui_thread_gc.collections[2] == full + 1
    assert freed_in == [threading.main_thread().name]


def test_one_collector_per_application(qapp, ui_thread_gc):
    assert collect_garbage_on_ui_thread(qapp) is ui_thread_gc
    assert not gc.isenabled()


def test_stop_collects_what_is_left_and_gives_the_automatic_collector_back(ui_thread_gc):
    freed_in: list[str] = []
    gc.enable()  # as in a process that had no collector yet
    try:
        parent = QObject()
        own = UiThreadCollector(parent)
        assert not gc.isenabled()
        Cycle(freed_in)
        own.stop()
        assert freed_in == [threading.main_thread().name]
        assert gc.isenabled()
        own.stop()  # twice: nothing more happens
        assert gc.isenabled()
    finally:
        gc.disable()  # the package's collector (ui_thread_gc) goes on


def test_settle_leaves_what_startup_built_out_of_every_later_collection(ui_thread_gc):
    startup: list[str] = []
    later: list[str] = []
    built = Cycle(startup)
    try:
        ui_thread_gc.settle()
        assert gc.get_freeze_count() > 0
        assert not any(tracked is built for tracked in gc.get_objects())
        del built
        Cycle(later)
        gc.collect()
        assert (startup, later) == ([], [threading.main_thread().name])
    finally:
        gc.unfreeze()  # the other tests' windows are not the process's own
