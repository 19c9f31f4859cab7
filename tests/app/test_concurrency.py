"""The futures idiom: outcomes and progress arrive on the GUI thread, queued jobs cancel."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject

from gui.app.concurrency import Lane


@pytest.fixture(params=[False, True], ids=["standard", "abandonable"])
def lane(qtbot, request):
    owner = QObject()
    lane = Lane("test", owner, abandonable=request.param)
    yield lane
    lane.shutdown()


def test_results_are_delivered_on_the_gui_thread(qtbot, lane):
    watcher = lane.submit(threading.get_ident)
    seen: list[tuple[int, int]] = []
    watcher.result_ready.connect(lambda worker: seen.append((worker, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(seen))
    (worker, receiver) = seen[0]
    assert worker != threading.main_thread().ident
    assert receiver == threading.main_thread().ident


def test_an_exception_arrives_as_raised(qtbot, lane):
    def fail() -> None:
        raise ValueError("no such thing")

    watcher = lane.submit(fail)
    errors: list[BaseException] = []
    watcher.exception_ready.connect(errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    (error,) = errors
    assert isinstance(error, ValueError) and str(error) == "no such thing"


def test_a_queued_job_is_cancelled_and_a_running_one_finishes(qtbot, lane):
    started, gate = threading.Event(), threading.Event()

    def job() -> bool:
        started.set()
        return gate.wait(10)

    running = lane.submit(job)
    queued = lane.submit(threading.get_ident)
    assert started.wait(10)  # running, not queued, when the queue is cancelled
    outcomes: list[str] = []
    running.result_ready.connect(lambda _value: outcomes.append("finished"))
    queued.result_ready.connect(lambda _value: outcomes.append("ran"))
    queued.cancelled.connect(lambda: outcomes.append("cancelled"))
    lane.cancel_pending()
    gate.set()
    assert lane.wait(10)
    qtbot.waitUntil(lambda: len(outcomes) == 2)
    assert sorted(outcomes) == ["cancelled", "finished"]


def test_progress_from_a_worker_arrives_on_the_gui_thread_before_the_result(qtbot, lane):
    def count(upto: int, report) -> str:
        for n in range(upto):
            report(n)
        return "counted"

    seen: list[tuple[object, int]] = []
    watcher = lane.submit(count, 3, progress=True)
    watcher.progressed.connect(lambda value: seen.append((value, threading.get_ident())))
    watcher.result_ready.connect(lambda value: seen.append((value, threading.get_ident())))
    qtbot.waitUntil(lambda: len(seen) == 4)
    assert [value for value, _thread in seen] == [0, 1, 2, "counted"]
    assert {thread for _value, thread in seen} == {threading.main_thread().ident}


def test_nothing_is_delivered_once_the_owner_is_gone(qtbot):
    owner = QObject()
    lane = Lane("gone", owner)
    gate = threading.Event()
    watcher = lane.submit(gate.wait, 10)
    seen: list[object] = []
    watcher.done.connect(seen.append)
    shiboken6.delete(owner)  # the model that owned the lane is gone
    gate.set()
    assert lane.wait(10)
    QCoreApplication.processEvents()
    assert seen == []
    lane.shutdown()


def test_an_abandoned_lane_does_not_wait_nor_deliver(qtbot):
    owner = QObject()
    lane = Lane("abandoned", owner, abandonable=True)
    started, gate = threading.Event(), threading.Event()

    def job() -> str:
        started.set()
        gate.wait(10)
        return "late"

    running = lane.submit(job)
    queued = lane.submit(threading.get_ident)
    outcomes: list[str] = []
    running.result_ready.connect(outcomes.append)
    queued.result_ready.connect(lambda _value: outcomes.append("ran"))
    assert started.wait(10)
    (worker,) = [t for t in threading.enumerate() if t.name.startswith("abandoned")]
    assert worker.daemon  # the interpreter's exit does not wait for it either
    lane.shutdown(wait=False)  # returns with the job still running
    assert worker.is_alive()
    assert queued.future.cancelled()  # what was queued never runs
    gate.set()
    worker.join(10)
    assert not worker.is_alive()
    QCoreApplication.processEvents()
    assert outcomes == []
