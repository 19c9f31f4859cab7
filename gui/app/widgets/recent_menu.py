"""An "Open Recent" menu: numbered entries (Alt+1..0), the full path as tooltip, Clear Menu.

Used for recent files and recent datasets. The menu is filled each time it
opens from `entries()` (the owner keeps the list, e.g. in settings), and
reports a choice with `chosen(path)` and a clear with `cleared()`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QWidget


class RecentMenu(QMenu):
    """A menu of recently used paths."""

    chosen = Signal(str)
    cleared = Signal()

    def __init__(
        self,
        title: str,
        entries: Callable[[], list[str]],
        empty_text: str = "No recent files",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.setToolTipsVisible(True)
        self._entries = entries
        self._empty_text = empty_text
        self.aboutToShow.connect(self.refill)

    def refill(self) -> None:
        self.clear()
        paths = self._entries()
        for number, path in enumerate(paths, start=1):
            label = f"&{number % 10} {Path(path).name}" if number <= 10 else Path(path).name
            action = self.addAction(label.replace("&&", "&"))
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, path=path: self.chosen.emit(path))
        if not paths:
            self.addAction(self._empty_text).setEnabled(False)
            return
        self.addSeparator()
        self.addAction("&Clear Menu").triggered.connect(self.cleared)
