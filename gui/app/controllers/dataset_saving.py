"""The dataset controller's saving: Save (and Next), Skip, Apply to all, and the corpus's profile.

A part of `DatasetController` (its base class, split off by responsibility:
this module writes to the corpus, the controller opens, steps and shows).
Every save goes through the controller's `StoreGuard`, so another profile, a
record saved before or another writer holding the folder become questions
(see `gui.app.controllers.store_guard`), never a second document for one
record. Apply to all asks the lock and profile questions before it starts, and the
opened dataset's corpus profile is loaded into the window (`adopt_corpus_profile`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from gui.app.models.dataset_session import BatchRunning
from gui.app.widgets import dataset_prompts
from gui.io.corpus import CorpusError, DuplicateDocument
from gui.workflow.review import SAVE, SKIP

if TYPE_CHECKING:
    from gui.app.controllers.services import WindowServices
    from gui.app.controllers.store_guard import StoreGuard
    from gui.app.models.corpus import CorpusModel
    from gui.app.models.dataset_session import DatasetSession
    from gui.app.models.document import Document
    from gui.app.models.profile_model import ProfileModel


class DatasetSaving:
    """Saving, skipping and Apply to all for `DatasetController` (which sets the attributes)."""

    session: DatasetSession
    guard: StoreGuard
    _document: Document
    _profiles: ProfileModel
    _corpus: CorpusModel
    _services: WindowServices
    # The controller's too: _busy_message, _go_to_next_pending, _all_reviewed_message.

    # -- the corpus's profile ------------------------------------------------------------

    def adopt_corpus_profile(self) -> None:
        """A dataset opened: if its corpus records a profile and ours is not one, load it."""
        if self.guard.corpus_profile_conflict() is not None:
            self.guard.use_corpus_profile("The corpus has its own profile. ")

    # -- saving and skipping ---------------------------------------------------------------

    def handles_save(self) -> bool:
        """Is a dataset record in the raw pane (so Save to Corpus saves it as that record)?"""
        return self.session.current is not None or self.session.batch_running

    def save_record(self) -> bool:
        """Save the record shown, asking what needs asking; True when it is saved or skipped."""
        session = self.session
        if session.batch_running:
            self._busy_message()
            return False
        index = session.current
        if index is None:
            return False
        title = self._title(index)
        options: dict[str, Any] = {}
        try:
            try:
                status = self.guard.run(session.save_current, options, title)
            except DuplicateDocument as duplicate:
                if duplicate.earlier_file == session.status(index).file:
                    self._document.mark_saved()
                    self._services.show_message(f"Already saved as {duplicate.earlier_file}.", 5000)
                    return True
                answer = dataset_prompts.ask_duplicate(
                    self._services.parent, title, duplicate.earlier_file
                )
                keeps = session.status(index).file  # a saved record is never marked skipped
                if answer == dataset_prompts.CANCEL or (answer == dataset_prompts.SKIP and keeps):
                    self._services.show_message(
                        f"Not saved: already in the corpus as {duplicate.earlier_file}.", 8000
                    )
                    return False
                options["on_duplicate"] = SAVE if answer == dataset_prompts.SAVE_ANYWAY else SKIP
                status = self.guard.run(session.save_current, options, title)
        except BatchRunning:
            self._busy_message()
            return False
        except CorpusError as error:
            QMessageBox.critical(self._services.parent, "Cannot save to the corpus", str(error))
            return False
        if status is None:  # the user declined a question (the guard said so)
            return False
        if status.file:
            done = "Replaced" if options.get("replace") else "Saved"
            where = "in" if options.get("replace") else "to"
            self._services.show_message(f"{done} {status.file} {where} the corpus.", 5000)
        else:
            self._services.show_message(f"Record skipped: {status.reason}.", 5000)
        self.guard.say_notes()
        return True

    def save_and_next(self) -> None:
        if self.session.current is None:
            self._services.show_message("No dataset record is shown.", 5000)
            return
        if self.save_record():
            self._go_to_next_pending()

    def skip_record(self) -> None:
        session = self.session
        index = session.current
        if index is None:
            self._services.show_message("No dataset record is shown.", 5000)
            return
        if session.batch_running:
            self._busy_message()
            return
        reason = dataset_prompts.ask_skip_reason(self._services.parent, self._title(index))
        if reason is None:
            return
        try:
            session.skip_current(reason)
        except CorpusError as error:
            QMessageBox.critical(self._services.parent, "Cannot write the manifest", str(error))
            return
        self._services.show_message(f"Skipped record {session.dataset.key(index)}.", 5000)
        self._go_to_next_pending()

    def _title(self, index: int) -> str:
        dataset = self.session.dataset
        assert dataset is not None
        return dataset.title(index) or f"record {dataset.key(index)}"

    # -- apply to all remaining ----------------------------------------------------------------

    def apply_to_all(self) -> None:
        session = self.session
        if not session.is_open or session.batch_running:
            return
        pending = session.pending_count()
        if pending == 0:
            self._all_reviewed_message()
            return
        if not self._services.confirm_discard():
            return
        options: dict[str, Any] = {}
        if self.guard.run(self._check_writable, options) is None:
            return
        if not self.session.is_open:  # another folder was chosen and refused the dataset
            return
        profile = self._profiles.recorded_profile()
        corpus = self._corpus.path or ""
        if not dataset_prompts.confirm_apply_all(
            self._services.parent, session.pending_count(), profile.name or "current", corpus
        ):
            return
        session.start_batch(profile, **options)

    def _check_writable(self, allow_mixed_profiles: bool = False) -> bool:
        """Before Apply to all: the lock or profile refusal its first save would meet, now."""
        self._corpus.check_free()
        conflict = self.guard.corpus_profile_conflict()
        if conflict is not None and not allow_mixed_profiles:
            raise conflict
        return True
