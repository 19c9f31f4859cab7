"""The panes' text font: the system's fixed-width font, at least 10.5 points."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

__all__ = ["monospace_font"]


def monospace_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    return font
