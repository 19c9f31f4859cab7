"""The document: the raw text a user is working on, where it came from, unsaved edits.

It owns the text, its source file, the encoding it was decoded with and
whether it has edits not yet saved. It does not normalize: the `Preview`
listens to `text_edited` (normalize once typing pauses) and `text_loaded`
(normalize at once).

`open_file` has one contract, whatever the file's size: it returns at once,
the file is read and decoded in a worker, and exactly one answer follows on
the UI thread: `text_loaded` then `file_opened(path)`, or
`open_failed(path, message)` with the text kept. A newer `open_file` (or
`load_text`) makes an older one's answer void; it is dropped unseen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gui.app.concurrency import Lane
from gui.io.textio import DecodedText, InputError, read_text_file
from gui.workflow.text_mirror import Splice


class Document(QObject):
    """The raw text, its source and encoding, and whether it has unsaved edits."""

    # The text was replaced or edited (by a file, the sample, or typing).
    text_changed = Signal()
    # The user edited the text (typing, pasting into it).
    text_edited = Signal()
    # A new text was loaded (file, sample, clipboard, record): panes should show it.
    # (object, not str: a str signal would copy a 10 MB text twice through QString.)
    text_loaded = Signal(object)
    # Unsaved edits appeared or were saved.
    modified_changed = Signal(bool)
    source_changed = Signal(str)
    # open_file's answers: the file is loaded (after text_loaded), or it was refused.
    file_opened = Signal(str)
    open_failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._splice: Splice | None = None
        self._source: str | None = None
        self._encoding = "utf-8"
        self._modified = False
        # The text as last loaded or saved: edits that come back to it are no edits.
        self._clean_text: str | None = ""
        self._open_serial = 0
        self._reader = Lane("open", self)

    @property
    def text(self) -> str:
        return self._text

    @property
    def last_splice(self) -> Splice | None:
        """How the last edit made the text of the one before (None: not known, or loaded)."""
        return self._splice

    @property
    def source(self) -> str | None:
        """The file (or dataset record) the text came from, if any."""
        return self._source

    @property
    def encoding(self) -> str:
        """The encoding the text was decoded with ("utf-8" for typed text)."""
        return self._encoding

    @property
    def modified(self) -> bool:
        return self._modified

    def set_text(self, text: str, splice: Splice | None = None, *, modified: bool = True) -> None:
        """The user edited the text (typing, pasting); `splice`: that edit, if known."""
        if text == self._text:
            return
        self._splice = splice if splice is not None and splice.before is self._text else None
        self._text = text
        # Undoing back to the saved text clears the star (a string compare: a memcmp).
        back = self._clean_text is not None and text == self._clean_text
        self.set_modified(False if back else modified or self._modified)
        self.text_changed.emit()
        self.text_edited.emit()

    def load_text(
        self,
        text: str,
        source: str | None = None,
        encoding: str = "utf-8",
        *,
        modified: bool = False,
    ) -> None:
        """Start over on a new text: a file or the sample, or pasted text (`modified`)."""
        self._open_serial += 1  # a file still being read would replace this: drop it
        self._source = source
        self._encoding = encoding
        self.source_changed.emit(source or "")
        self._text = text
        self._splice = None
        self._clean_text = None if modified else text
        self.set_modified(modified)
        self.text_loaded.emit(text)
        self.text_changed.emit()

    def open_file(self, path: str | Path) -> None:
        """Read and decode a text file in a worker; answered by file_opened or open_failed."""
        self._open_serial += 1
        serial, path = self._open_serial, str(path)
        watcher = self._reader.submit(read_text_file, path)
        watcher.result_ready.connect(lambda decoded: self._opened(serial, path, decoded))
        watcher.exception_ready.connect(lambda error: self._refused(serial, path, error))

    def _opened(self, serial: int, path: str, decoded: DecodedText) -> None:
        if serial == self._open_serial:
            self.load_text(decoded.text, source=path, encoding=decoded.encoding)
            self.file_opened.emit(path)

    def _refused(self, serial: int, path: str, error: BaseException) -> None:
        if serial != self._open_serial:
            return
        if isinstance(error, InputError):
            message = str(error)
        else:  # a bug must not leave the window waiting: say it in words
            message = f"{Path(path).name}: {type(error).__name__}: {error}"
        self.open_failed.emit(path, message)

    def mark_saved(self) -> None:
        """The text was saved (to the corpus, or as a dataset record): no unsaved edits."""
        self._clean_text = self._text
        self.set_modified(False)

    def set_modified(self, modified: bool) -> None:
        """Say whether the text has unsaved edits (`modified_changed` when that changes)."""
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a file being read (for shutdown and tests); False on timeout."""
        return self._reader.wait(timeout)

    def shutdown(self) -> None:
        """Drop a pending open and stop the reader (the window is closing)."""
        self._open_serial += 1
        self._reader.shutdown()
