"""The open dataset: its records, their review status, and the batch run.

The window talks to a `DatasetSession`, never to the dataset engine:

    open(path, field, corpus) -> worker thread: open_dataset + DatasetReview
        -> opening_progressed(bytes read, total) ... -> dataset_opened(review)
    show_record(i) -> the record's text goes into the text `Session`
        (load_text), so the usual live normalization runs on it
    save_current() / skip_current(reason) -> DatasetReview.save / skip
        -> record_status_changed(i)
    start_batch(profile) -> QThread: run_batch over every pending record
        -> batch_progressed(BatchProgress) ... -> batch_finished(BatchResult)

There is one writer to the corpus folder at a time: while a batch runs,
`save_current` and `skip_current` refuse (`BatchRunning`) and the window
disables its save actions. Reading records (browsing the list) stays allowed:
`Dataset.text` is safe from two threads.

The text session's own `source_changed` tells this object when something else
(a file, the sample, pasted text) replaced the record in the raw pane: from
then on no record is current and saving goes the window's ordinary way.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from gui.app.models.session import Session
from gui.engine.profile import Profile
from gui.io.corpus import CorpusError, CorpusFolder
from gui.io.datasets import Dataset, DatasetError, IndexCancelled, open_dataset
from gui.io.textio import InputError
from gui.workflow.batch import BatchProgress, BatchResult, run_batch
from gui.workflow.review import RAISE, DatasetReview, RecordStatus

# The batch worker reports progress at most this often (and always for the
# first and last record), so a fast run does not flood the UI thread.
PROGRESS_INTERVAL = 0.05


class BatchRunning(CorpusError):
    """A batch run is writing to the corpus folder: the window must not save now."""

    def __init__(self) -> None:
        super().__init__("Apply to all is writing to the corpus folder; wait or cancel it first")


class _OpenWorker(QThread):
    """Index a dataset and read its corpus manifest, off the UI thread."""

    progressed = Signal(int, int)
    opened = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, path: str, field: str | None, corpus: str, parent: QObject) -> None:
        super().__init__(parent)
        self.path = path
        self.field = field
        self.corpus = corpus
        self.stop = threading.Event()

    def run(self) -> None:
        dataset: Dataset | None = None
        try:
            dataset = open_dataset(
                self.path, self.field, progress=self._progress, should_stop=self.stop.is_set
            )
            review = DatasetReview(dataset, self.corpus)
        except IndexCancelled:
            self.cancelled.emit()
        except (InputError, CorpusError, OSError) as error:
            if dataset is not None:
                dataset.close()
            self.failed.emit(str(error))
        except Exception as error:  # a bug must not leave the window waiting forever
            if dataset is not None:
                dataset.close()
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            if self.stop.is_set():
                review.close()
                dataset.close()
                self.cancelled.emit()
            else:
                self.opened.emit(review)

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)


class _BatchWorker(QThread):
    """Run `run_batch` over the pending records; progress is throttled."""

    progressed = Signal(object)
    done = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        review: DatasetReview,
        profile: Profile,
        jobs: int | None,
        interval: float,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.review = review
        self.profile = profile
        self.jobs = jobs
        self.interval = interval
        self.stop = threading.Event()
        self._last = 0.0

    def run(self) -> None:
        try:
            result = run_batch(
                self.review,
                self.profile,
                jobs=self.jobs,
                progress=self._progress,
                should_stop=self.stop.is_set,
            )
        except Exception as error:  # CorpusError (disk full...), or a bug: say it in words
            self.failed.emit(str(error) or type(error).__name__)
        else:
            self.done.emit(result)

    def _progress(self, progress: BatchProgress) -> None:
        now = time.monotonic()
        last = progress.done in (1, progress.total) or self.stop.is_set()
        if last or now - self._last >= self.interval:
            self._last = now
            self.progressed.emit(progress)


class DatasetSession(QObject):
    """One open dataset paired with a corpus folder, and the record in the raw pane."""

    # Opening: started (path), indexing progress (bytes read, total bytes),
    # then exactly one of opened (DatasetReview) / failed (message) / cancelled.
    dataset_opening = Signal(str)
    opening_progressed = Signal(int, int)
    dataset_opened = Signal(object)
    opening_failed = Signal(str)
    opening_cancelled = Signal()
    dataset_closed = Signal()
    # The raw pane now shows this record (-1: no record, something else is shown).
    record_shown = Signal(int)
    # A record could not be read (a binary file in a folder, say).
    record_failed = Signal(int, str)
    # One record's status changed (saved or skipped from the window).
    record_status_changed = Signal(int)
    # Many statuses may have changed (a batch run, a new corpus folder).
    statuses_changed = Signal()
    batch_started = Signal(int)
    batch_progressed = Signal(object)
    batch_finished = Signal(object)
    batch_failed = Signal(str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._review: DatasetReview | None = None
        self._current: int | None = None
        self._loading_record = False
        self._opener: _OpenWorker | None = None
        self._batch: _BatchWorker | None = None
        # Worker processes for Apply to all (None: all cores).
        self.jobs: int | None = None
        self.progress_interval = PROGRESS_INTERVAL
        session.source_changed.connect(self._on_source_changed)

    # -- state -------------------------------------------------------------------

    @property
    def review(self) -> DatasetReview | None:
        return self._review

    @property
    def dataset(self) -> Dataset | None:
        return None if self._review is None else self._review.dataset

    @property
    def is_open(self) -> bool:
        return self._review is not None

    @property
    def current(self) -> int | None:
        """The record in the raw pane, or None."""
        return self._current

    @property
    def opening(self) -> bool:
        return self._opener is not None

    @property
    def batch_running(self) -> bool:
        return self._batch is not None

    def status(self, index: int) -> RecordStatus:
        assert self._review is not None
        return self._review.status(index)

    # -- opening -----------------------------------------------------------------

    def open(self, path: str | Path, field: str | None, corpus: str | Path) -> None:
        """Start opening a dataset in a worker; the current one stays until it is ready."""
        if self._batch is not None:
            raise BatchRunning()
        self.cancel_opening()
        worker = _OpenWorker(str(path), field, str(corpus), self)
        worker.progressed.connect(self._on_open_progress)
        worker.opened.connect(self._on_opened)
        worker.failed.connect(self._on_open_failed)
        worker.cancelled.connect(self._on_open_cancelled)
        worker.finished.connect(worker.deleteLater)
        self._opener = worker
        self.dataset_opening.emit(str(path))
        worker.start()

    def cancel_opening(self) -> None:
        """Stop indexing; `opening_cancelled` follows once the worker has stopped."""
        worker = self._opener
        if worker is not None:
            worker.stop.set()

    def _is_opener(self) -> bool:
        return self.sender() is self._opener

    def _on_open_progress(self, done: int, total: int) -> None:
        if self._is_opener():
            self.opening_progressed.emit(done, total)

    def _on_opened(self, review: DatasetReview) -> None:
        if not self._is_opener():  # replaced by a newer opening
            review.close()
            review.dataset.close()
            return
        self._finish_opening()
        self._drop_review()
        self._review = review
        self._current = None
        self.dataset_opened.emit(review)

    def _on_open_failed(self, message: str) -> None:
        if self._is_opener():
            self._finish_opening()
            self.opening_failed.emit(message)

    def _on_open_cancelled(self) -> None:
        if self._is_opener():
            self._finish_opening()
            self.opening_cancelled.emit()

    def _finish_opening(self) -> None:
        worker = self._opener
        self._opener = None
        if worker is not None:
            worker.wait()

    def set_corpus(self, corpus: str | Path) -> None:
        """Pair the open dataset with another corpus folder: statuses come from its manifest."""
        if self._review is None:
            return
        if self._batch is not None:
            raise BatchRunning()
        review = DatasetReview(self._review.dataset, CorpusFolder(corpus))
        self._review.close()
        self._review = review
        self.statuses_changed.emit()

    def close(self) -> None:
        """Close the dataset (after a batch run has been stopped)."""
        self.cancel_opening()
        if self._batch is not None:
            raise BatchRunning()
        if self._review is None:
            return
        self._drop_review()
        self._current = None
        self.record_shown.emit(-1)
        self.dataset_closed.emit()

    def _drop_review(self) -> None:
        if self._review is not None:
            self._review.close()
            self._review.dataset.close()
            self._review = None

    # -- records -----------------------------------------------------------------

    def show_record(self, index: int) -> bool:
        """Load record `index` into the raw pane; False (and record_failed) if unreadable."""
        dataset = self.dataset
        if dataset is None or not 0 <= index < len(dataset):
            return False
        try:
            text = dataset.text(index)
        except DatasetError as error:
            self.record_failed.emit(index, str(error))
            return False
        self._loading_record = True
        try:
            self._session.load_text(text, source=dataset.source(index))
        finally:
            self._loading_record = False
        self._current = index
        self.record_shown.emit(index)
        return True

    def next_index(self) -> int | None:
        dataset = self.dataset
        if dataset is None or not len(dataset):
            return None
        if self._current is None:
            return 0
        return self._current + 1 if self._current + 1 < len(dataset) else None

    def previous_index(self) -> int | None:
        if self.dataset is None or not len(self.dataset):
            return None
        if self._current is None:
            return 0
        return self._current - 1 if self._current > 0 else None

    def next_pending_index(self) -> int | None:
        """The next pending record after the current one, wrapping round; None when done."""
        if self._review is None:
            return None
        after = -1 if self._current is None else self._current
        return self._review.next_pending(after)

    def _on_source_changed(self, _source: str) -> None:
        if not self._loading_record and self._current is not None:
            self._current = None
            self.record_shown.emit(-1)

    # -- saving --------------------------------------------------------------------

    def save_current(self, *, on_duplicate: str = RAISE) -> RecordStatus:
        """Save the raw pane's text, normalized, as the current record.

        Raises DuplicateDocument (with `on_duplicate="raise"`), CorpusError, BatchRunning.
        """
        index = self._require_current()
        session = self._session
        status = self._review.save(
            index,
            session.text,
            session.normalize_now(),
            session.profile,
            on_duplicate=on_duplicate,
        )
        session.mark_saved()
        self.record_status_changed.emit(index)
        return status

    def skip_current(self, reason: str = "") -> RecordStatus:
        """Record the current record as skipped, with an optional reason."""
        index = self._require_current()
        status = self._review.skip(index, reason)
        self.record_status_changed.emit(index)
        return status

    def _require_current(self) -> int:
        if self._batch is not None:
            raise BatchRunning()
        if self._review is None or self._current is None:
            raise CorpusError("no dataset record is shown")
        return self._current

    # -- apply to all remaining ------------------------------------------------------

    def pending_count(self) -> int:
        return 0 if self._review is None else self._review.counts().pending

    def start_batch(self, profile: Profile) -> None:
        """Apply `profile` to every pending record in a worker thread."""
        if self._review is None:
            raise CorpusError("no dataset is open")
        if self._batch is not None:
            raise BatchRunning()
        worker = _BatchWorker(self._review, profile, self.jobs, self.progress_interval, self)
        worker.progressed.connect(self.batch_progressed)
        worker.done.connect(self._on_batch_done)
        worker.failed.connect(self._on_batch_failed)
        worker.finished.connect(worker.deleteLater)
        self._batch = worker
        self.batch_started.emit(self._review.counts().pending)
        worker.start()

    def cancel_batch(self) -> None:
        """Ask the batch to stop after the record in hand (safe from any thread)."""
        worker = self._batch
        if worker is not None:
            worker.stop.set()

    def _on_batch_done(self, result: BatchResult) -> None:
        self._end_batch()
        self.statuses_changed.emit()
        self.batch_finished.emit(result)

    def _on_batch_failed(self, message: str) -> None:
        self._end_batch()
        self.statuses_changed.emit()
        self.batch_failed.emit(message)

    def _end_batch(self) -> None:
        worker = self._batch
        self._batch = None
        if worker is not None:
            worker.wait()

    def shutdown(self) -> None:
        """Stop the workers and wait for them (the window is closing)."""
        for worker in (self._opener, self._batch):
            if worker is not None:
                worker.stop.set()
                worker.wait()
        self._opener = None
        self._batch = None
        self._drop_review()
