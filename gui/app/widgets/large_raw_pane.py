"""The raw pane's stand-in for a text too large to edit: a banner over a read-only view.

`RawEditor` lays it over itself (see there); `monospace_font` is the panes' text font.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.app.widgets.large_text_view import LargeTextView

__all__ = ["LargeRawPane", "monospace_font"]


def monospace_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    return font


class LargeRawPane(QWidget):
    """A banner over a read-only view: the raw pane for texts too large to edit."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("large_raw_text")
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = QLabel()
        self.banner.setObjectName("large_text_banner")
        self.banner.setWordWrap(True)
        self.banner.setMargin(6)
        self.banner.setStyleSheet("background: palette(alternate-base);")
        self.view = LargeTextView()
        self.view.setObjectName("large_raw_view")
        self.view.setFont(monospace_font())
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
