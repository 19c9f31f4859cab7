"""The Changes view's dataset section: length histogram and top tokens, kept up to date.

While a dataset is open and the Changes dock is shown, this measures the
dataset under the current profile (`gui.workflow.corpus_figures`) in a lane
of its own and hands the figures to the `CorpusChart`. It measures again,
`SETTLE_MS` after the last of them, when the profile changes, a record is
saved or skipped, or a batch run ends; a run that is no longer wanted is
told to stop between records (its result would be dropped anyway). The
chart is hidden while no dataset is open.
"""

from __future__ import annotations

import threading
from functools import partial

from PySide6.QtCore import QObject, QTimer

from gui.app.concurrency import Lane
from gui.app.widgets.corpus_chart import CorpusChart
from gui.io.corpus import SAVED
from gui.workflow.corpus_figures import DatasetFigures, dataset_figures

SETTLE_MS = 400


class DatasetFiguresController(QObject):
    """Keeps `chart` showing the open dataset's figures while `dock` is visible."""

    def __init__(self, session, profiles, chart: CorpusChart, dock, parent=None) -> None:
        super().__init__(parent)
        self._session = session
        self._profiles = profiles
        self.chart = chart
        self._dock = dock
        self._lane = Lane("figures", parent=self, abandonable=True)
        self._stop = threading.Event()
        self._generation = 0
        self._closed = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._start)
        chart.hide()
        session.dataset_opened.connect(self._changed)
        session.dataset_closed.connect(self._on_closed)
        session.record_status_changed.connect(self._changed)
        session.statuses_changed.connect(self._changed)
        session.batch_finished.connect(self._changed)
        profiles.profile_changed.connect(self._changed)
        dock.visibilityChanged.connect(self._on_dock_shown)

    def _changed(self, *_args) -> None:
        self._stop.set()  # the running measure is out of date
        self._generation += 1
        if self._session.is_open:
            self.chart.show()
            self.chart.set_busy()
            if self._dock.isVisible():
                self._settle.start()

    def _on_closed(self) -> None:
        self._stop.set()
        self._generation += 1
        self._settle.stop()
        self.chart.set_figures(None)
        self.chart.hide()

    def _on_dock_shown(self, shown: bool) -> None:
        if (
            shown
            and self._session.is_open
            and (self.chart.figures() is None or self.chart.is_stale())
        ):
            self._changed()

    def _start(self) -> None:
        session = self._session
        if self._closed or not session.is_open or session.dataset is None:
            return
        dataset = session.dataset
        saved = [i for i in range(len(dataset)) if session.status(i).state == SAVED]
        self._stop = stop = threading.Event()
        generation = self._generation = self._generation + 1
        measure = partial(dataset_figures, cancelled=stop.is_set)
        watcher = self._lane.submit(measure, dataset, self._profiles.profile, saved)
        watcher.result_ready.connect(lambda figures: self._on_ready(generation, figures))
        # A run stopped or broken by a change (the dataset closed under it) is
        # followed by the run that change started; nothing to show.
        watcher.exception_ready.connect(lambda _error: None)

    def _on_ready(self, generation: int, figures: DatasetFigures) -> None:
        if generation == self._generation and not self._closed:
            self.chart.set_figures(figures)

    def wait(self, timeout: float | None = None) -> bool:
        return self._lane.wait(timeout)

    def shutdown(self) -> None:
        self._closed = True
        self._stop.set()
        self._settle.stop()
        self._lane.shutdown(wait=False)  # told to stop; quitting does not wait for it
