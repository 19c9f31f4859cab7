"""Save to Corpus for the document in the raw pane: the folder choice and the duplicate prompt.

The corpus model does the writing and keeps the count; this controller asks
what needs asking: which folder (the first time, or from Change Corpus
Folder), and whether to save a second copy of a text already in the corpus.
The folder in the settings is the one saved into: a folder chosen here is
written there, and the model follows a change made there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.app.controllers.services import WindowServices
from gui.app.models.corpus import CorpusModel
from gui.app.models.document import Document
from gui.app.models.preview import Preview
from gui.app.models.profile_model import ProfileModel
from gui.app.settings import WindowSettings
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
        try:
            try:
                saved = self._save(allow_duplicate=False)
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
                saved = self._save(allow_duplicate=True)
        except CorpusError as error:
            QMessageBox.critical(self._services.parent, "Cannot save to the corpus", str(error))
            return False
        self._services.show_message(f"Saved {saved.path.name} to the corpus.", 8000)
        return True

    def _save(self, *, allow_duplicate: bool):
        document = self._document
        saved = self.corpus.save(
            document.text,
            self._preview.normalize_now(),
            profile=self._profiles.profile,
            source=document.source,
            allow_duplicate=allow_duplicate,
        )
        document.mark_saved()
        return saved
