"""A flat tool button whose text is elided to its width (the status bar's corpus folder).

Like `ElidedLabel`, its minimum width is a few characters, so a long folder
path never sets the window's minimum width; the full text goes in the tooltip.
It takes keyboard focus, so it can be reached with Tab.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyleOptionToolButton, QToolButton, QWidget


class ElidedButton(QToolButton):
    """A tool button showing as much of its text as fits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._tooltip = ""
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:
        self._full = text
        self.setAccessibleName(text)
        self.updateGeometry()
        self._update_shown()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def setToolTip(self, text: str) -> None:
        self._tooltip = text
        self._update_shown()

    def _chrome(self) -> int:
        """Width the button's frame and padding take beside the text."""
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = ""
        size = self.style().sizeFromContents(
            QStyle.ContentsType.CT_ToolButton, option, QSize(0, 0), self
        )
        return size.width() + 4

    def _update_shown(self) -> None:
        width = max(self.width() - self._chrome(), 0)
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, width)
        super().setText(shown)
        tips = [tip for tip in (self._full if shown != self._full else "", self._tooltip) if tip]
        super().setToolTip("\n\n".join(tips))

    def sizeHint(self) -> QSize:
        # Slack over the text's advance: elidedText cuts a text given its exact width.
        width = self.fontMetrics().horizontalAdvance(self._full) + self._chrome() + 12
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance("Mm…") + self._chrome()
        return QSize(min(width, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_shown()
