"""Sizing the window to the screen it opens on.

The first start asks for 1280x800 device-independent pixels; at 2x scale on a
1600x1000 screen that is larger than the screen. The window gets the preferred
size shrunk to the available geometry (less a margin), centred on it. A
restored geometry that no longer fits (the screen changed) is fitted too.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN = 0.94


def available_geometry(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)


def fitted_size(preferred: QSize, available: QRect) -> QSize:
    """`preferred` where it fits the available area; else that area less a margin."""

    def fit(wanted: int, room: int) -> int:
        return wanted if wanted <= room else int(room * MARGIN)

    return QSize(
        fit(preferred.width(), available.width()), fit(preferred.height(), available.height())
    )


def fit_to_screen(window: QWidget, preferred: QSize | None = None) -> None:
    """Resize (to `preferred`, or the current size) to fit the screen, and keep it on it."""
    available = available_geometry(window)
    size = fitted_size(preferred or window.size(), available)
    window.resize(size)
    frame = window.frameGeometry()
    if not available.contains(frame):
        frame.moveCenter(available.center())
        window.move(frame.topLeft())
