"""A one-line label that elides its text to the width it gets, never asking for more.

A plain QLabel's minimum width is its whole text: in a status bar that sets
the window's minimum width, so a long file name or progress line widens the
window past the screen. This label's minimum is a few characters; it shows
what fits with "…" and puts the full text in its tooltip when cut.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """Text cut with "…" to the label's width; the full text in the tooltip when cut."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._tooltip = ""
        self._mode = Qt.TextElideMode.ElideRight
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def set_elide_mode(self, mode: Qt.TextElideMode) -> None:
        self._mode = mode
        self._update_shown()

    def setText(self, text: str) -> None:
        self._full = text
        self.updateGeometry()
        self._update_shown()

    def clear(self) -> None:
        self.setText("")

    def text(self) -> str:
        """The full text, as set (what is shown may be cut)."""
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def is_elided(self) -> bool:
        return super().text() != self._full

    def setToolTip(self, text: str) -> None:
        """A tooltip of its own; the full text is added to it when the label is cut."""
        self._tooltip = text
        self._update_shown()

    def _update_shown(self) -> None:
        margins = self.contentsMargins()
        width = self.width() - margins.left() - margins.right() - 2 * self.margin()
        shown = self.fontMetrics().elidedText(self._full, self._mode, max(width, 0))
        super().setText(shown)
        tips = [tip for tip in (self._full if shown != self._full else "", self._tooltip) if tip]
        super().setToolTip("\n\n".join(tips))

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.margin()
        width = self.fontMetrics().horizontalAdvance(self._full) + extra + 2
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.margin()
        width = min(self.fontMetrics().horizontalAdvance("Mm…") + extra, self.sizeHint().width())
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_shown()
