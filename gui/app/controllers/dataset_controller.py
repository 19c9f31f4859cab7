"""The window's dataset workflow: the Dataset menu and toolbar, the Records dock, progress.

The controller builds what the window places (the File menu's Open Dataset
actions, the Dataset menu, a small Dataset toolbar, the Records dock, and for
the status bar the `n of N reviewed` count and the progress panel) and
connects them to the `DatasetSession`. It asks the user what needs asking
(column, skip reason, duplicates, Apply to all); the dataset session does the
dataset and corpus work, in workers. Only the open dialog's list of columns
(`dataset_fields`, which reads the head of the file) is read here.

It gets its models and a `WindowServices`, never the window: leaving a record
with unsaved edits goes through `services.confirm_discard()`, messages through
`services.show_message()`, and while Apply to all writes it turns the
window's own saving off (`services.set_saving_enabled`). The window's Save to
Corpus comes here while a record is shown (`handles_save`), so its file and
manifest line name the dataset and record. Saving, skipping and Apply to all
live in its base class `DatasetSaving` (gui/app/controllers/dataset_saving.py),
which asks the store's questions through the controller's `StoreGuard`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.app.controllers.dataset_saving import DatasetSaving
from gui.app.controllers.services import WindowServices
from gui.app.controllers.store_guard import StoreGuard
from gui.app.models.corpus import CorpusModel
from gui.app.models.dataset_session import DatasetSession
from gui.app.models.document import Document
from gui.app.models.profile_model import ProfileModel
from gui.app.settings import WindowSettings
from gui.app.widgets.batch_progress import (
    BatchProgressPanel,
    batch_result_message,
    show_batch_failure,
)
from gui.app.widgets.dataset_dock import DatasetDock, breakdown_text
from gui.app.widgets.dataset_menu import DatasetActions
from gui.app.widgets.dataset_open_dialog import DatasetOpenDialog
from gui.app.widgets.elided_label import ElidedLabel
from gui.io.corpus import CorpusError
from gui.io.datasets import FOLDER, DatasetError, dataset_fields, detect_kind
from gui.workflow.batch import BatchResult
from gui.workflow.review import DatasetReview

DATASET_FILTER = (
    "Datasets (*.csv *.tsv *.tab *.jsonl *.ndjson);;CSV files (*.csv);;"
    "TSV files (*.tsv *.tab);;JSON Lines (*.jsonl *.ndjson);;All files (*)"
)


class DatasetController(DatasetSaving, QObject):
    """Opening datasets, stepping through records, saving, skipping, Apply to all."""

    def __init__(
        self,
        session: DatasetSession,
        document: Document,
        profiles: ProfileModel,
        corpus: CorpusModel,
        services: WindowServices,
        settings: WindowSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._document = document
        self._profiles = profiles
        self._corpus = corpus
        self._services = services
        self._settings = settings
        self._opening_name = ""
        self.guard = StoreGuard(corpus, profiles, services, self)
        self._build_widgets()
        self._build_actions()
        self._connect()
        self.update_actions()

    # -- assembly ------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.dock = DatasetDock(self._services.parent)
        self.record_list = self.dock.record_list
        self.apply_button = self.dock.apply_button
        self._agreed_text: str | None = None
        self.review_label = ElidedLabel()
        self.review_label.setObjectName("status_review")
        self.review_label.hide()
        self.progress = BatchProgressPanel()

    def _build_actions(self) -> None:
        actions = self.actions = DatasetActions(self._services.parent, self.dock)
        self.menu, self.toolbar = actions.menu, actions.toolbar
        for action, slot in (
            (actions.open_action, self.open_dataset_dialog),
            (actions.open_folder_action, self.open_folder_dialog),
            (actions.next_action, self.next_record),
            (actions.previous_action, self.previous_record),
            (actions.next_pending_action, self.next_pending),
            (actions.save_next_action, self.save_and_next),
            (actions.skip_action, self.skip_record),
            (actions.apply_action, self.apply_to_all),
            (actions.cancel_action, self.session.cancel_batch),
            (actions.close_action, self.close_dataset),
        ):
            action.triggered.connect(slot)
        # The actions tests and the window reach by name.
        self.open_action, self.open_folder_action = actions.open_action, actions.open_folder_action
        self.save_next_action, self.skip_action = actions.save_next_action, actions.skip_action
        self.apply_action, self.close_action = actions.apply_action, actions.close_action
        self.apply_button.clicked.connect(self.apply_action.trigger)

    def _connect(self) -> None:
        session = self.session
        session.opening_progressed.connect(self._on_opening_progress)
        session.dataset_opened.connect(self._on_opened)
        session.opening_failed.connect(self._on_opening_failed)
        session.opening_cancelled.connect(self._on_opening_cancelled)
        session.dataset_closed.connect(self._on_closed)
        session.record_shown.connect(self._on_record_shown)
        session.record_failed.connect(self._on_record_failed)
        session.record_status_changed.connect(self._on_status_changed)
        session.statuses_changed.connect(self._on_statuses_changed)
        session.batch_started.connect(self._on_batch_started)
        session.batch_progressed.connect(self._on_batch_progress)
        session.batch_finished.connect(self._on_batch_finished)
        session.batch_failed.connect(self._on_batch_failed)
        self.record_list.record_chosen.connect(self.go_to)
        self.progress.cancel_clicked.connect(self._cancel_running)
        self._corpus.folder_changed.connect(self._on_corpus_changed)

    def restore_visibility(self) -> None:
        """After the window restored its saved layout: no dataset, no dock."""
        shown = self.session.is_open
        self.dock.setVisible(shown)
        self.toolbar.setVisible(shown)

    # -- opening -------------------------------------------------------------------------

    def open_dataset_dialog(self) -> None:
        """File > Open Dataset: a CSV, TSV or JSONL file."""
        if not self._may_change_dataset():
            return
        path, _filter = QFileDialog.getOpenFileName(
            self._services.parent, "Open dataset", self._settings.dataset_directory(),
            DATASET_FILTER,
        )  # fmt: skip
        if path:
            self.open_dataset(path)

    def open_folder_dialog(self) -> None:
        """File > Open Dataset Folder: a folder of .txt files, one record each."""
        if not self._may_change_dataset():
            return
        folder = QFileDialog.getExistingDirectory(
            self._services.parent, "Open dataset folder", self._settings.dataset_directory()
        )
        if folder:
            self.open_dataset(folder)

    def open_recent(self, path: str) -> None:
        """File > Recent Datasets: open `path` again (after the usual questions)."""
        if self._may_change_dataset():
            self.open_dataset(path)

    def _may_change_dataset(self) -> bool:
        if self.session.batch_running:
            self._busy_message()
            return False
        agreed = self._services.confirm_discard()
        self._agreed_text = self._document.text if agreed else None  # not asked again on open
        return agreed

    def open_dataset(self, path: str, field: str | None = None) -> bool:
        """Choose the text column (unless given), the corpus folder, then index in a worker.

        False if the user cancelled or the file was refused (with a message).
        """
        parent = self._services.parent
        kind = detect_kind(path)
        if kind != FOLDER and field is None:
            try:
                fields = dataset_fields(path)
            except DatasetError as error:
                QMessageBox.warning(parent, "Cannot open this dataset", str(error))
                return False
            if not fields:
                QMessageBox.warning(
                    parent,
                    "Cannot open this dataset",
                    f"{Path(path).name}: no column or field holds text.",
                )
                return False
            field = DatasetOpenDialog.choose_field(parent, path, fields, kind)
            if field is None:
                return False
        if not self._services.ensure_corpus_folder():
            self._services.show_message("Not opened: a dataset needs a corpus folder.", 8000)
            return False
        self._settings.set_dataset_directory(str(Path(path).parent))
        self._opening_name = Path(path).name
        self.session.open(path, field)
        self.progress.start(f"Opening {self._opening_name}…")
        self.update_actions()
        return True

    def _on_opening_progress(self, done: int, total: int) -> None:
        self.progress.show_indexing(self._opening_name, done, total)

    def _on_opened(self, review: DatasetReview) -> None:
        self.progress.finish()
        dataset = review.dataset
        self.record_list.set_review(review)
        self.dock.show_dataset(dataset.path.name, dataset.field, str(dataset.path))
        self.toolbar.show()
        self.review_label.show()
        self._update_counts()
        self.update_actions()
        counts = review.counts()
        note = f", {counts.reviewed:,} already reviewed" if counts.reviewed else ""
        self._services.show_message(
            f"Opened {dataset.path.name}: {len(dataset):,} records{note}.", 8000
        )
        first = review.next_pending()
        agreed, self._agreed_text = self._agreed_text, None  # unless the text changed since
        self.go_to(first if first is not None else 0, confirm=agreed != self._document.text)
        self.adopt_corpus_profile()  # before the notes, so they are the last word
        self.guard.say_notes()

    def _on_opening_failed(self, message: str) -> None:
        self.progress.finish()
        self.update_actions()
        QMessageBox.warning(self._services.parent, "Cannot open this dataset", message)

    def _on_opening_cancelled(self) -> None:
        self.progress.finish()
        self.update_actions()
        self._services.show_message("Opening cancelled.", 5000)

    def close_dataset(self) -> bool:
        if self.session.batch_running:
            self._busy_message()
            return False
        if self.session.current is not None and not self._services.confirm_discard():
            return False
        self.session.close()
        return True

    def _on_closed(self) -> None:
        self.record_list.set_review(None)
        self.dock.hide()
        self.toolbar.hide()
        self.review_label.hide()
        self.update_actions()

    def _on_corpus_changed(self, _folder: str) -> None:
        """The corpus model's folder changed: statuses now come from its manifest."""
        try:
            self.session.set_corpus()
        except CorpusError as error:
            QMessageBox.warning(self._services.parent, "Cannot use this folder", str(error))

    # -- stepping ------------------------------------------------------------------------

    def go_to(self, index: int | None, *, confirm: bool = True) -> bool:
        """Show record `index`, asking first about unsaved edits to the one shown."""
        session = self.session
        if index is None or not session.is_open:
            return False
        if index == session.current:
            self.record_list.set_current_record(index)
            return True
        if confirm and not self._services.confirm_discard():
            self.record_list.set_current_record(session.current)
            return False
        if not session.show_record(index):
            self.record_list.set_current_record(session.current)
            return False
        return True

    def next_record(self) -> None:
        index = self.session.next_index()
        if index is None:
            self._services.show_message("This is the last record.", 3000)
        self.go_to(index)

    def previous_record(self) -> None:
        index = self.session.previous_index()
        if index is None:
            self._services.show_message("This is the first record.", 3000)
        self.go_to(index)

    def next_pending(self) -> None:
        index = self.session.next_pending_index()
        if index is None:
            self._all_reviewed_message()
            return
        self.go_to(index)

    def _go_to_next_pending(self) -> None:
        """After a save or skip: the next pending record, or a note that all are done."""
        index = self.session.next_pending_index()
        if index is None:
            self._all_reviewed_message()
        else:
            self.go_to(index, confirm=False)

    def _all_reviewed_message(self) -> None:
        total = len(self.session.dataset or ())
        self._services.show_message(f"All {total:,} records are reviewed.", 8000)

    def _on_record_shown(self, index: int) -> None:
        self.record_list.set_current_record(index if index >= 0 else None)
        self._update_counts()
        self.update_actions()

    def _on_record_failed(self, index: int, message: str) -> None:
        QMessageBox.warning(self._services.parent, "Cannot read this record", message)

    def _on_status_changed(self, index: int) -> None:
        self.record_list.refresh(index)
        self._update_counts()
        self.update_actions()

    def _on_statuses_changed(self) -> None:
        review = self.session.review
        if self.record_list.records.review() is not review:  # another corpus folder
            self.record_list.set_review(review)
            self.record_list.set_current_record(self.session.current)
        else:
            self.record_list.refresh()
        self._update_counts()
        self.update_actions()

    # -- apply to all remaining ----------------------------------------------------------------

    def _on_batch_started(self, pending: int) -> None:
        self.progress.start(f"Applying to {pending:,} records…", pending)
        self.update_actions()

    def _on_batch_progress(self, progress) -> None:
        self.progress.show_batch(progress)
        self.record_list.refresh()
        self._update_counts()

    def _on_batch_finished(self, result: BatchResult) -> None:
        self.progress.finish()
        self.update_actions()
        self.guard.say_notes()  # what the run's store repaired on open, before the result
        message = batch_result_message(result, self.session.pending_count())
        self._services.show_message(message, 15000)

    def _on_batch_failed(self, message: str) -> None:
        self.progress.finish()
        self.update_actions()
        show_batch_failure(self._services.parent, message)

    def _cancel_running(self) -> None:
        if self.session.batch_running:
            self.session.cancel_batch()
        else:
            self.session.cancel_opening()

    def _busy_message(self) -> None:
        self._services.show_message(
            "Apply to all is running: wait for it or cancel it first.", 5000
        )

    # -- state -------------------------------------------------------------------------------

    def _update_counts(self) -> None:
        review = self.session.review
        counts = None if review is None else review.counts()
        self.dock.show_counts(counts, self.session.current)
        if counts is None:
            self.review_label.clear()
            return
        self.review_label.setText(f"{counts.reviewed:,} of {counts.total:,} reviewed")
        self.review_label.setToolTip(breakdown_text(counts))

    def update_actions(self) -> None:
        session = self.session
        is_open = session.is_open
        running = session.batch_running
        shown = session.current is not None
        for action in (
            self.actions.next_action,
            self.actions.previous_action,
            self.actions.next_pending_action,
        ):
            action.setEnabled(is_open)
        self.save_next_action.setEnabled(shown and not running)
        self.skip_action.setEnabled(shown and not running)
        can_apply = is_open and not running and session.pending_count() > 0
        self.apply_action.setEnabled(can_apply)
        self.apply_button.setEnabled(can_apply)
        self.actions.cancel_action.setEnabled(running)
        self.close_action.setEnabled(is_open and not running)
        self.open_action.setEnabled(not running)
        self.open_folder_action.setEnabled(not running)
        # One writer: no saves from the window while the batch writes.
        self._services.set_saving_enabled(not running)
