"""The Records dock: the open dataset's name, its review counts, the record list.

It shows what the dataset controller gives it (`show_dataset`, `show_counts`)
and offers the record list and the Apply to All button for the controller
to connect. It starts hidden; the window places it on the left.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from gui.app.widgets.record_list import RecordList
from gui.workflow.review import ReviewCounts

DOCK_WIDTH = 300
MIN_DOCK_WIDTH = 200


class DatasetDock(QDockWidget):
    """The record list of the open dataset, with its header and counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Records", parent)
        self.setObjectName("record_dock")
        self.record_list = RecordList()
        self.header = QLabel()
        self.header.setObjectName("dataset_header")
        self.header.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setObjectName("dataset_counts")
        self.apply_button = QPushButton("Apply to All Remaining…")
        self.apply_button.setObjectName("apply_all_button")
        self.apply_button.setToolTip(
            "Normalize every pending record with the current profile and save it to the corpus"
        )
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.counts)
        layout.addWidget(self.record_list, 1)
        layout.addWidget(self.apply_button)
        self.setWidget(body)
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.hide()

    def show_dataset(self, name: str, field: str | None, tooltip: str) -> None:
        """Show the dock for a dataset just opened (widened to be readable)."""
        field_note = f" · text from “{field}”" if field else ""
        self.header.setText(f"<b>{escape(name, quote=False)}</b>{escape(field_note, quote=False)}")
        self.header.setToolTip(tooltip)
        self.show()
        if self.width() < MIN_DOCK_WIDTH:
            QTimer.singleShot(0, self._widen)  # once the dock is laid out

    def _widen(self) -> None:
        window = self.parentWidget()
        if isinstance(window, QMainWindow) and self.isVisible() and self.width() < MIN_DOCK_WIDTH:
            window.resizeDocks([self], [DOCK_WIDTH], Qt.Orientation.Horizontal)

    def show_counts(self, counts: ReviewCounts | None, current: int | None) -> None:
        """The saved/skipped/pending breakdown, and which record is shown."""
        if counts is None:
            self.counts.clear()
            return
        where = f"Record {current + 1:,} of {counts.total:,}" if current is not None else ""
        breakdown = breakdown_text(counts)
        self.counts.setText(f"{where}\n{breakdown}" if where else breakdown)


def breakdown_text(counts: ReviewCounts) -> str:
    return f"{counts.saved:,} saved · {counts.skipped:,} skipped · {counts.pending:,} pending"
