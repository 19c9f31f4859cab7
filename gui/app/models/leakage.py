"""The Leakage view's state: the audit ranking of the open dataset under the current profile.

    model = LeakageModel()
    model.set_dataset(path, column="text")   # picks a label column named like one
    model.set_label("subject")               # or the one the curator chooses
    model.set_profile(profile)               # and on every profile change after that
    model.ranking_changed -> the table (this model) and the chart show `leaks`

A `QAbstractTableModel` with one row per ranked term: rank, term, score, the
class it points to, each class's share, and the rule that removes it. The
audit (`gui.workflow.audit`) runs on a `Lane` of one worker thread
(`gui.app.concurrency`), never on the UI thread;
a profile change while it runs stops it after the record in hand and starts
again, and only the newest run's answer is shown. Profile edits come in
bursts (typing a parameter), so a recompute waits for `DEBOUNCE_MS` of quiet.
The labelled dataset is opened once, in the worker, and read only there; a
dataset over `WINDOW_RECORDS` records is audited on an evenly spread sample.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QTimer, Signal

from gui.app.concurrency import FutureWatcher, Lane
from gui.engine.profile import Profile
from gui.io.datasets import DatasetError
from gui.workflow.audit import LabelledDataset, Leak, audit, label_candidates, open_labelled
from gui.workflow.audit.source import LABEL_NAMES

DEBOUNCE_MS = 300
TOP = 20
# The view audits an evenly spread sample of at most this many records, so a
# recompute after a profile edit takes seconds on any dataset (the CLI reads all).
WINDOW_RECORDS = 5000
FIXED_COLUMNS = ("#", "Term", "Score", "Points to")


@dataclass(frozen=True)
class LeakageResult:
    """One finished audit: what the view shows."""

    generation: int
    profile: Profile
    classes: dict[str, int]
    leaks: list[Leak]
    records: int  # audited
    total: int  # in the dataset
    every: int  # 1, or the sample's step


class _OpenSource:
    """The labelled dataset of the last job, reopened only when the source changes.

    A plain object used by the jobs alone, which run one at a time on the lane's
    single worker thread.
    """

    def __init__(self) -> None:
        self.data: LabelledDataset | None = None
        self.source: tuple | None = None

    def get(self, source: tuple) -> LabelledDataset:
        if self.source != source:
            self.close()
            self.data = open_labelled(*source)
            self.source = source
        assert self.data is not None
        return self.data

    def close(self) -> None:
        if self.data is not None:
            self.data.close()
        self.data = self.source = None


def _audit_job(
    cache: _OpenSource,
    generation: int,
    source: tuple,
    profile: Profile,
    stop: threading.Event,
    report: Callable[[object], None],
) -> LeakageResult | None:
    """Audit the source with the profile (in the worker); None when stopped."""

    def progress(done: int, total: int) -> None:
        if done % 64 == 0 or done == total:  # enough for a progress bar, without a flood
            report((generation, done, total))

    data = cache.get(source)
    every = max(1, -(-len(data) // WINDOW_RECORDS))
    result = audit(data, [profile], progress=progress, should_stop=stop.is_set, every=every)
    if stop.is_set():
        return None
    if len(result.classes) < 2:
        found = ", ".join(map(repr, result.classes)) or "none"
        raise DatasetError(f"{source[0]}: the label has fewer than two classes ({found})")
    leaks = result.audits[0].leaks(TOP)
    return LeakageResult(
        generation, profile, result.classes, leaks, result.records, len(data), every
    )


class LeakageModel(QAbstractTableModel):
    """The ranked terms of the current audit; recomputed when the profile changes."""

    label_choices_changed = Signal()
    computing_started = Signal()
    progressed = Signal(int, int)  # records read, total
    ranking_changed = Signal()
    computing_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lane = Lane("leakage", parent=self)  # one worker: jobs run in order
        self._cache = _OpenSource()
        self._source: tuple[str, str | None, str | None] | None = None
        self._dataset: tuple[str, str | None] | None = None
        self.label_choices: list[str] = []
        self._profile: Profile | None = None
        self._generation = 0
        self._stop = threading.Event()
        self._running: FutureWatcher | None = None
        self._result: LeakageResult | None = None
        self.error = ""
        # While nobody looks (the view hidden) changes are kept, and audited once shown.
        self._active = True
        self._stale = False
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)

    # -- state -----------------------------------------------------------------------

    @property
    def leaks(self) -> list[Leak]:
        return self._result.leaks if self._result else []

    @property
    def classes(self) -> list[str]:
        return list(self._result.classes) if self._result else []

    @property
    def result(self) -> LeakageResult | None:
        return self._result

    @property
    def computing(self) -> bool:
        return self._running is not None or self._timer.isActive()

    @property
    def label(self) -> str | None:
        return self._source[1] if self._source else None

    @property
    def folder_classes(self) -> bool:
        """The open dataset is a folder: its subfolders are the classes."""
        return self._dataset is not None and Path(self._dataset[0]).is_dir()

    def set_dataset(self, path: str | Path, column: str | None = None) -> None:
        """A dataset was opened: offer its columns as labels, and audit a likely one.

        A folder's subfolders are its classes. Without a column named like a
        label (`label`, `class`, ...), nothing runs until `set_label`.
        """
        self._dataset = (str(path), column)
        try:
            self.label_choices = label_candidates(path, column)
        except (DatasetError, OSError) as error:
            self.label_choices = []
            self.label_choices_changed.emit()
            self._fail_now(str(error))
            return
        self.label_choices_changed.emit()
        if Path(path).is_dir():
            self.set_source(path, None, column)
        elif self.label_choices and self.label_choices[0].lower() in LABEL_NAMES:
            self.set_source(path, self.label_choices[0], column)
        else:
            self._source = None
            self._cancel()
            self._fail_now(f"{Path(path).name}: choose the column that holds the label")

    def set_label(self, label: str) -> None:
        """Audit the open dataset with this label column."""
        if self._dataset is not None:
            self.set_source(self._dataset[0], label, self._dataset[1])

    def _fail_now(self, message: str) -> None:
        self.error = message
        self._set_result(None)
        self.computing_failed.emit(message)

    def set_source(self, path: str | Path, label: str | None, column: str | None = None) -> None:
        """Audit this dataset (`label` None for a folder: its subfolders are the classes)."""
        self._source = (str(path), label, column)
        self._restart(now=True)

    def clear_source(self) -> None:
        self._source = None
        self._dataset = None
        self.label_choices = []
        self.error = ""
        self.label_choices_changed.emit()
        self._cancel()
        self._set_result(None)

    def set_profile(self, profile: Profile) -> None:
        """The profile changed: recompute after a pause."""
        self._profile = profile
        self._restart(now=False)

    def set_active(self, active: bool) -> None:
        """Audit only while shown: inactive, the model notes changes and runs on activation."""
        self._active = active
        if active and self._stale:
            self._restart(now=True)
        elif not active and self.computing:
            self._cancel()
            self._stale = True

    def shutdown(self) -> None:
        """Stop the worker (the window calls this when it closes)."""
        self._cancel()
        self._lane.shutdown()
        self._cache.close()

    # -- the background run ------------------------------------------------------------

    def _restart(self, now: bool) -> None:
        self._cancel()
        if self._source is None or self._profile is None:
            return
        if not self._active:
            self._stale = True
            return
        self._stale = False
        if now:
            self._start()
        else:
            self._timer.start()

    def _cancel(self) -> None:
        self._timer.stop()
        self._stop.set()
        self._running = None

    def _start(self) -> None:
        if self._source is None or self._profile is None:
            return
        self._generation += 1
        self._stop = threading.Event()
        self.error = ""
        self.computing_started.emit()
        generation = self._generation
        watcher = self._lane.submit(
            _audit_job, self._cache, generation, self._source, self._profile, self._stop,
            progress=True,
        )  # fmt: skip
        watcher.progressed.connect(self._on_progressed)
        watcher.result_ready.connect(self._on_finished)
        watcher.exception_ready.connect(lambda error: self._on_failed(generation, error))
        self._running = watcher

    def _on_progressed(self, value: object) -> None:
        generation, done, total = value
        if generation == self._generation:
            self.progressed.emit(done, total)

    def _on_finished(self, result: LeakageResult | None) -> None:
        if result is None or result.generation != self._generation:
            return  # stopped, or a newer profile is being audited: this answer is stale
        self._running = None
        self._set_result(result)

    def _on_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        if not isinstance(error, DatasetError | OSError | ValueError):
            raise error  # a bug, not bad input: let it be seen
        self._running = None
        self._fail_now(str(error))

    def _set_result(self, result: LeakageResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self.endResetModel()
        self.ranking_changed.emit()

    # -- QAbstractTableModel -----------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's API)
        return 0 if parent.isValid() else len(self.leaks)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self.classes) + 1

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = [*FIXED_COLUMNS, *(f"Share {label}" for label in self.classes), "Rule"]
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.leaks):
            return None
        leak = self.leaks[index.row()]
        column = index.column()
        shares = len(self.classes)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return index.row() + 1
            if column == 1:
                return leak.term
            if column == 2:
                return f"{leak.score.score:.3f}"
            if column == 3:
                return leak.score.leans
            if column < 4 + shares:
                return f"{leak.score.share[self.classes[column - 4]]:.1%}"
            return leak.coverage.rule_id or "no rule"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{leak.term}: {leak.coverage.advice}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column != 1 and column < 4 + shares:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return leak
        return None
