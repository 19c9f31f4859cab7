"""The open dataset: its records, their review status, and the batch run.

The dataset controller talks to a `DatasetSession`, which does the dataset
work through `gui.workflow.review` and `gui.workflow.batch`:

    open(path, field) -> worker: open_dataset + DatasetReview on the corpus
        model's one folder -> opening_progressed(bytes read, total) ...
        -> dataset_opened(review)
    show_record(i) -> the record's text goes into the `Document`
        (load_text), so the usual live preview runs on it
    save_current() / skip_current(reason) -> DatasetReview.save / skip
        -> record_status_changed(i)
    start_batch(profile) -> worker: run_batch over every pending record
        -> batch_progressed(BatchProgress) ... -> batch_finished(BatchResult)

Workers are `gui.app.concurrency` jobs (plain functions; outcomes and progress
come back on the UI thread); a `threading.Event` asks them to stop. Every
document saved here is counted into the `CorpusModel`.

There is one writer to the corpus folder at a time: while a batch runs,
`save_current` and `skip_current` refuse (`BatchRunning`) and the window
disables its save actions. Reading records (browsing the list) stays allowed:
`Dataset.text` is safe from two threads.

The document's own `source_changed` tells this object when something else
(a file, the sample, pasted text) replaced the record in the raw pane: from
then on no record is current and saving goes the window's ordinary way.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gui.app.concurrency import FutureWatcher, Lane, wait
from gui.app.models.corpus import CorpusModel
from gui.app.models.document import Document
from gui.app.models.preview import Preview
from gui.app.models.profile_model import ProfileModel
from gui.engine.profile import Profile
from gui.io.corpus import SAVED, CorpusError, CorpusFolder
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


class _BatchStopped(Exception):
    """A batch run ended by an error; `saved` documents were written before it."""

    def __init__(self, message: str, saved: int) -> None:
        super().__init__(message)
        self.saved = saved


def _open_review(
    path: str,
    field: str | None,
    folder: CorpusFolder,
    manifest_read: Future | None,
    stop: threading.Event,
    report: Callable[[object], None],
) -> DatasetReview:
    """The opening job: index the dataset, then pair it with the corpus folder."""
    dataset = open_dataset(
        path, field, progress=lambda done, total: report((done, total)),
        should_stop=stop.is_set,
    )  # fmt: skip
    try:
        if manifest_read is not None:
            wait([manifest_read])  # the corpus model is reading it: read it once
        review = DatasetReview(dataset, folder)
    except BaseException:
        dataset.close()
        raise
    if stop.is_set():
        review.close()
        dataset.close()
        raise IndexCancelled("opening cancelled")
    return review


def _apply_to_all(
    review: DatasetReview,
    profile: Profile,
    jobs: int | None,
    interval: float,
    allow_mixed_profiles: bool,
    stop: threading.Event,
    report: Callable[[object], None],
) -> BatchResult:
    """The batch job: `run_batch` with throttled progress; _BatchStopped on an error."""
    last: list[BatchProgress | None] = [None]
    sent = [0.0]

    def progress(update: BatchProgress) -> None:
        last[0] = update
        now = time.monotonic()
        if update.done in (1, update.total) or stop.is_set() or now - sent[0] >= interval:
            sent[0] = now
            report(update)

    try:
        return run_batch(
            review, profile, jobs=jobs, progress=progress, should_stop=stop.is_set,
            command="Textwash window: Apply to all", allow_mixed_profiles=allow_mixed_profiles,
        )  # fmt: skip
    except Exception as error:  # CorpusError (disk full...), or a bug: say it in words
        saved = 0 if last[0] is None else last[0].saved
        raise _BatchStopped(str(error) or type(error).__name__, saved) from error


@dataclass
class _Job:
    """A running opening or batch: its watcher and the event that asks it to stop."""

    watcher: FutureWatcher
    stop: threading.Event


class DatasetSession(QObject):
    """One open dataset paired with the corpus folder, and the record in the raw pane."""

    # Opening: indexing progress (bytes read, total bytes), then exactly one
    # of opened (DatasetReview) / failed (message) / cancelled.
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

    def __init__(
        self,
        document: Document,
        profiles: ProfileModel,
        preview: Preview,
        corpus: CorpusModel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._profiles = profiles
        self._preview = preview
        self._corpus = corpus
        self._review: DatasetReview | None = None
        self._current: int | None = None
        self._loading_record = False
        self._opening: _Job | None = None
        self._batch: _Job | None = None
        self._workers = Lane("dataset", self, workers=2)  # an opening may run beside a batch
        # Worker processes for Apply to all (None: all cores).
        self.jobs: int | None = None
        self.progress_interval = PROGRESS_INTERVAL
        document.source_changed.connect(self._on_source_changed)

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
    def batch_running(self) -> bool:
        return self._batch is not None

    def status(self, index: int) -> RecordStatus:
        assert self._review is not None
        return self._review.status(index)

    # -- opening -----------------------------------------------------------------

    def open(self, path: str | Path, field: str | None) -> None:
        """Start opening a dataset in a worker, with the corpus model's folder.

        The current dataset stays until the new one is ready. CorpusError when
        no corpus folder is chosen, BatchRunning while a batch runs.
        """
        if self._batch is not None:
            raise BatchRunning()
        folder = self._corpus.folder
        if folder is None:
            raise CorpusError("no corpus folder is chosen")
        self.cancel_opening()
        stop = threading.Event()
        watcher = self._workers.submit(
            _open_review, str(path), field, folder, self._corpus.manifest_read, stop,
            progress=True,
        )  # fmt: skip
        job = self._opening = _Job(watcher, stop)
        watcher.progressed.connect(lambda done_total: self._on_open_progress(job, *done_total))
        watcher.result_ready.connect(lambda review: self._on_opened(job, review))
        watcher.exception_ready.connect(lambda error: self._on_open_failed(job, error))

    def cancel_opening(self) -> None:
        """Stop indexing; `opening_cancelled` follows once the worker has stopped."""
        if self._opening is not None:
            self._opening.stop.set()

    def _on_open_progress(self, job: _Job, done: int, total: int) -> None:
        if job is self._opening:
            self.opening_progressed.emit(done, total)

    def _on_opened(self, job: _Job, review: DatasetReview) -> None:
        if job is not self._opening:  # replaced by a newer opening
            review.close()
            review.dataset.close()
            return
        self._opening = None
        self._drop_review()
        self._review = review
        self._current = None
        self.dataset_opened.emit(review)

    def _on_open_failed(self, job: _Job, error: BaseException) -> None:
        if job is not self._opening:
            return
        self._opening = None
        if isinstance(error, IndexCancelled):
            self.opening_cancelled.emit()
        elif isinstance(error, InputError | CorpusError | OSError):
            self.opening_failed.emit(str(error))
        else:  # a bug must not leave the window waiting forever
            self.opening_failed.emit(f"{type(error).__name__}: {error}")

    def set_corpus(self) -> None:
        """The corpus model's folder changed: statuses now come from its manifest.

        CorpusError if its manifest cannot be read; BatchRunning while a batch runs.
        """
        folder = self._corpus.folder
        if self._review is None or folder is None or folder is self._review.corpus:
            return
        if self._batch is not None:
            raise BatchRunning()
        self._corpus.wait_until_read()
        review = DatasetReview(self._review.dataset, folder)
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
            self._document.load_text(text, source=dataset.source(index))
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

    def save_current(
        self, *, on_duplicate: str = RAISE, replace: bool = False, **options: bool
    ) -> RecordStatus:
        """Save the raw pane's text, normalized, as the current record.

        Raises DuplicateDocument (with `on_duplicate="raise"`), AlreadySaved (a
        saved record, unless `replace`: its one document is replaced),
        ProfileMismatch (unless `allow_mixed_profiles=True`), CorpusLocked,
        CorpusError, BatchRunning.
        """
        index = self._require_current()
        before = self._review.status(index).state
        status = self._review.save(
            index,
            self._document.text,
            self._preview.normalize_now(),
            self._profiles.recorded_profile(),
            on_duplicate=on_duplicate,
            replace=replace,
            **options,
        )
        self._document.mark_saved()
        if status.state == SAVED and before != SAVED:  # a replaced document is no new one
            self._corpus.add_saved(1)
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

    def start_batch(self, profile: Profile, *, allow_mixed_profiles: bool = False) -> None:
        """Apply `profile` to every pending record in a worker."""
        if self._review is None:
            raise CorpusError("no dataset is open")
        if self._batch is not None:
            raise BatchRunning()
        stop = threading.Event()
        watcher = self._workers.submit(
            _apply_to_all, self._review, profile, self.jobs, self.progress_interval,
            allow_mixed_profiles, stop, progress=True,
        )  # fmt: skip
        self._batch = _Job(watcher, stop)
        watcher.progressed.connect(self.batch_progressed.emit)
        watcher.result_ready.connect(self._on_batch_done)
        watcher.exception_ready.connect(self._on_batch_failed)
        self.batch_started.emit(self._review.counts().pending)

    def cancel_batch(self) -> None:
        """Ask the batch to stop after the record in hand (safe from any thread)."""
        job = self._batch
        if job is not None:
            job.stop.set()

    def _on_batch_done(self, result: BatchResult) -> None:
        self._batch = None
        self._corpus.add_saved(result.saved)
        self.statuses_changed.emit()
        self.batch_finished.emit(result)

    def _on_batch_failed(self, error: BaseException) -> None:
        self._batch = None
        if isinstance(error, _BatchStopped):
            self._corpus.add_saved(error.saved)
        self.statuses_changed.emit()
        self.batch_failed.emit(str(error) or type(error).__name__)

    def shutdown(self) -> None:
        """Stop the workers and wait for them (the window is closing)."""
        for job in (self._opening, self._batch):
            if job is not None:
                job.stop.set()
        self._workers.shutdown()
        self._opening = None
        self._batch = None
        self._drop_review()
