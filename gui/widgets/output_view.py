"""The normalized-output pane: read-only, replaced whole on each result.

Kept on its own because the wordopt output is one long line, and Qt's text
widgets lay out a multi-megabyte line slowly; this is where a faster view
will go. Today it is a plain read-only editor that keeps its scroll position
across updates, so the preview does not jump while the user types.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from gui.widgets.raw_editor import monospace_font


class OutputView(QPlainTextEdit):
    """The normalized text, exactly as the engine returned it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("normalized_text")
        self.setReadOnly(True)
        self.setFont(monospace_font())
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)
        self.setPlaceholderText("The normalized text appears here.")
        self._output = ""

    def set_output(self, text: str) -> None:
        if text == self._output:
            return
        self._output = text
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setPlainText(text)
        bar.setValue(min(position, bar.maximum()))

    def output(self) -> str:
        """The text shown, as given (the widget itself would turn `\\r` into breaks)."""
        return self._output
