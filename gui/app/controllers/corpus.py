"""Save to Corpus for the document in the raw pane: the folder choice and the store's questions.

The corpus model does the writing and keeps the count; this controller asks
what needs asking: which folder (the first time, or from Change Corpus
Folder), whether to save a second copy of a text already in the corpus, and
(through its `StoreGuard`) what to do about another profile or another
writer holding the folder. What the store repaired or found in a folder is
said once, when it is chosen.
The folder in the settings is the one saved into: a folder chosen here is
written there, and the model follows a change made there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.app.controllers.services import WindowServices
from gui.app.controllers.store_guard import StoreGuard
from gui.app.models.corpus import CorpusModel
from gui.app.models.document import Document
from gui.app.models.preview import Preview
from gui.app.models.profile_model import ProfileModel
from gui.app.settings import WindowSettings
from gui.app.widgets import prompts
from gui.io.corpus import CorpusError, DuplicateDocument


class CorpusController(QObject):
    """Choosing the corpus folder and saving the document into it."""

    def __init__(
        self,
        corpus: CorpusModel,
        document: Document,
        profiles: ProfileModel,
        preview: Preview,
        services: WindowServices,
        settings: WindowSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self._document = document
        self._profiles = profiles
        self._preview = preview
        self._services = services
        self._settings = settings
        self.guard = StoreGuard(corpus, profiles, services, self)
        corpus.notes_ready.connect(self.guard.say_notes)

    def restore(self) -> None:
        """Use the folder the settings name (a folder that went away: none)."""
        self._follow_settings()

    def _follow_settings(self) -> None:
        folder = self._settings.corpus_folder()
        if folder is not None and self.corpus.path == str(Path(folder)):
            return
        try:
            self.corpus.set_path(folder)
        except CorpusError:
            self.corpus.set_path(None)

    def choose_folder(self) -> bool:
        """Ask for the corpus folder; False if cancelled or refused (with a message)."""
        start = self._settings.corpus_folder() or str(Path.home())
        parent = self._services.parent
        folder = QFileDialog.getExistingDirectory(parent, "Choose the corpus folder", start)
        if not folder:
            return False
        try:
            self.corpus.set_path(folder)
        except CorpusError as error:
            QMessageBox.warning(parent, "Cannot use this folder", str(error))
            return False
        self._settings.set_corpus_folder(folder)
        return True

    def ensure_folder(self) -> bool:
        """A corpus folder is chosen (asking for one if need be)."""
        self._follow_settings()
        return self.corpus.folder is not None or self.choose_folder()

    def save(self) -> bool:
        """Write the normalized text into the corpus folder, asking for it the first time."""
        document = self._document
        if not document.text.strip():
            self._services.show_message("Nothing to save: the raw text is empty.", 5000)
            return False
        if not self.ensure_folder():
            return False
        options: dict = {}
        try:
            try:
                saved = self.guard.run(self._save, options)
            except DuplicateDocument as duplicate:
                answer = QMessageBox.warning(
                    self._services.parent,
                    "Already in the corpus",
                    f"This normalized text is already in the corpus as "
                    f"“{duplicate.earlier_file}”.\n\nSave another copy anyway?",
                    QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Cancel,
                )
                if answer != QMessageBox.StandardButton.Save:
                    self._services.show_message(
                        f"Not saved: already in the corpus as {duplicate.earlier_file}.", 8000
                    )
                    return False
                options["allow_duplicate"] = True
                saved = self.guard.run(self._save, options)
        except CorpusError as error:
            return self._on_save_failed(error)
        if saved is None:  # the user declined (the guard said so)
            return False
        self.guard.say_notes()
        self._services.show_message(f"Saved {saved.path.name} to the corpus.", 8000)
        return True

    def _on_save_failed(self, error: CorpusError) -> bool:
        """Say what failed and where; offer to create the folder again or choose another."""
        self._services.show_message("", 1)  # no stale "Saved …" behind the question
        folder = self.corpus.path or self._settings.corpus_folder() or ""
        answer = prompts.ask_corpus_problem(self._services.parent, folder, str(error))
        retry = False
        if answer == QMessageBox.StandardButton.Retry:
            try:
                Path(folder).mkdir(parents=True, exist_ok=True)
                self.corpus.set_path(folder)
                retry = True
            except (OSError, CorpusError) as problem:
                self._services.show_message(f"Not saved: {problem}", 10000)
        elif answer == QMessageBox.StandardButton.Open:
            retry = self.choose_folder()
        if retry:
            return self.save()
        self._services.show_message(f"Not saved: {error}", 10000)
        return False

    def _save(self, *, allow_duplicate: bool = False, allow_mixed_profiles: bool = False):
        document = self._document
        saved = self.corpus.save(
            document.text,
            self._preview.normalize_now(),
            profile=self._profiles.recorded_profile(),
            source=document.source,
            allow_duplicate=allow_duplicate,
            allow_mixed_profiles=allow_mixed_profiles,
        )
        document.mark_saved()
        return saved
