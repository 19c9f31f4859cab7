"""Opening text: files (the dialog, dropped files, Open Recent, the command line),
the sample text, and the clipboard.

The document reads every file in a worker and answers by signal; only then
does this controller remember the file in Open Recent and report the encoding
it was decoded with, and a refused file is explained (and forgotten) instead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from gui.app.controllers.services import WindowServices
from gui.app.models.document import Document
from gui.app.models.preview import Preview
from gui.app.settings import SAMPLE_SHOWN, WindowSettings
from gui.io.resources import resource_path

TEXT_FILTER = (
    "Text files (*.txt *.text *.md *.csv *.tsv *.json *.jsonl *.html *.xml);;All files (*)"
)


class FileActions(QObject):
    """Everything that puts a new text into the document."""

    def __init__(
        self,
        document: Document,
        preview: Preview,
        services: WindowServices,
        settings: WindowSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._preview = preview
        self._services = services
        self._settings = settings
        # Files given after the first on the command line: Open Recent gets them.
        self._more_files: list[str] = []
        document.file_opened.connect(self._on_opened)
        document.open_failed.connect(self._on_open_failed)

    def start(self, files: list[str]) -> None:
        """Open the files given on the command line, or the sample text on first start."""
        if files:
            if self.open_file(files[0], confirm=False):
                self._more_files = list(files[1:])
            return
        if not self._settings.flag(SAMPLE_SHOWN, False):
            self.load_sample()
            self._settings.set_flag(SAMPLE_SHOWN, True)
        else:
            # Nothing to open: normalize the empty text, so the status bar is complete.
            self._preview.schedule(immediately=True)

    def open_sample(self) -> None:
        """Help > Open Sample Text: the first-start text, after asking about unsaved edits."""
        if self._services.confirm_discard():
            self.load_sample()

    def load_sample(self) -> None:
        sample = resource_path("sample.txt")
        try:
            text = sample.read_text(encoding="utf-8")
        except OSError:
            return
        self._document.load_text(text, source=None)

    def open_dialog(self) -> None:
        """File > Open: ask for a file, then open it as any other path."""
        if not self._services.confirm_discard():
            return
        path, _filter = QFileDialog.getOpenFileName(
            self._services.parent, "Open text", self._settings.last_directory(), TEXT_FILTER
        )
        if path:
            self.open_file(path, confirm=False)

    def open_paths(self, paths: list[str]) -> None:
        """Files dropped onto the window: open the first."""
        if paths:
            self.open_file(paths[0])

    def open_file(self, path: str, *, confirm: bool = True) -> bool:
        """Start reading a text file; False if the user kept the current text.

        The document answers later: the file is shown, or refused in words
        with the current text kept.
        """
        if confirm and not self._services.confirm_discard():
            return False
        self._more_files = []
        self._document.open_file(path)
        return True

    def _on_opened(self, path: str) -> None:
        self._settings.set_last_directory(str(Path(path).parent))
        self._settings.remember_recent(path)
        encoding = self._document.encoding
        note = "" if encoding in ("utf-8", "ascii") else f" (decoded as {encoding})"
        self._services.show_message(f"Opened {Path(path).name}{note}", 5000)
        more, self._more_files = self._more_files, []
        for other in reversed(more):
            self._settings.remember_recent(other)
        if more:
            self._services.show_message(
                f"{len(more)} more file(s) are in File > Open Recent.", 8000
            )

    def _on_open_failed(self, path: str, message: str) -> None:
        self._more_files = []
        QMessageBox.warning(self._services.parent, "Cannot open this file", message)
        self._settings.forget_recent(path)

    def paste_as_new_text(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text:
            self._services.show_message("The clipboard holds no text.", 5000)
            return
        if self._services.confirm_discard():
            self._document.load_text(text, source=None, modified=True)

    def fill_recent_menu(self, menu: QMenu) -> None:
        """File > Open Recent, as it is about to show."""
        menu.clear()
        files = self._settings.recent_files()
        for number, path in enumerate(files, start=1):
            action = menu.addAction(f"&{number % 10} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, path=path: self.open_file(path))
        if not files:
            menu.addAction("No recent files").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear Menu").triggered.connect(lambda: self._settings.clear_recent())
