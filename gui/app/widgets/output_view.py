"""The normalized-output pane: read-only, replaced whole on each result.

The wordopt output is one long line, and Qt's text widgets lay out a whole
line at once: seconds for a few megabytes. So this pane is a `LargeTextView`,
which keeps the output as the engine's `str` and wraps and paints only the
lines on screen; updating it costs the same whatever the output's size. It
keeps its scroll position across updates, so the preview does not jump while
the user types. Copy and Select All work on the exact output.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.app.widgets.large_text_view import LargeTextView
from gui.app.widgets.raw_editor import monospace_font


class OutputView(LargeTextView):
    """The normalized text, exactly as the engine returned it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("normalized_text")
        self.setAccessibleName("Normalized output")
        self.setAccessibleDescription("The text as the rules left it, read-only")
        self.setFont(monospace_font())
        self.setAcceptDrops(False)
        self.setPlaceholderText("The normalized text appears here.")

    def set_output(self, text: str) -> None:
        if text == self.text():
            return
        self.set_text(text)

    def setPlainText(self, text: str) -> None:
        self.set_output(text)

    def selection_range(self) -> tuple[int, int]:
        return self.selection()

    def select_range(self, start: int, end: int) -> None:
        self.reveal(start, end)

    def output(self) -> str:
        """The text shown, exactly as given."""
        return self.text()
