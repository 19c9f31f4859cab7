"""The futures idiom: outcomes and progress arrive on the GUI thread, queued jobs cancel."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject

from gui.app.concurrency import Lane, ProgressRelay


@pytest.fixture
def lane():
    lane = Lane("test")
    yield lane
    lane.shutdown()


def test_results_are_delivered_on_the_gui_thread(qtbot, lane):
    owner = QObject()
    watcher = lane.submit(threading.get_ident, parent=owner)
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
    with qtbot.waitSignal(watcher.exception_ready) as blocker:
        pass
    (error,) = blocker.args
    assert isinstance(error, ValueError) and str(error) == "no such thing"


def test_a_queued_job_is_cancelled_and_a_running_one_finishes(qtbot, lane):
    gate = threading.Event()
    running = lane.submit(gate.wait, 10)
    queued = lane.submit(threading.get_ident)
    outcomes: list[str] = []
    running.result_ready.connect(lambda _value: outcomes.append("finished"))
    queued.result_ready.connect(lambda _value: outcomes.append("ran"))
    queued.cancelled.connect(lambda: outcomes.append("cancelled"))
    lane.cancel_pending()
    gate.set()
    assert lane.wait(10)
    qtbot.waitUntil(lambda: len(outcomes) == 2)
    assert sorted(outcomes) == ["cancelled", "finished"]


def test_progress_from_a_worker_arrives_on_the_gui_thread(qtbot, lane):
    relay = ProgressRelay()
    seen: list[tuple[object, int]] = []

    class Receiver(QObject):
        def got(self, value) -> None:
            seen.append((value, threading.get_ident()))

    receiver = Receiver()
    relay.progressed.connect(receiver.got)
    lane.submit(lambda: [relay.report(n) for n in range(3)])
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert [value for value, _thread in seen] == [0, 1, 2]
    assert {thread for _value, thread in seen} == {threading.main_thread().ident}
