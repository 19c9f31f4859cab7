"""The filter line over the record list: a text to look for in titles, and a status.

Emits `filter_changed(text, states)`, `states` being None for every status;
the record list (`RecordList.set_filter`) does the filtering. Ctrl+F on the
list's dock puts the cursor here; Escape clears the text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from gui.io.corpus import SAVED, SKIPPED
from gui.workflow.review import PENDING

# (label, statuses shown); None: all.
STATUS_CHOICES: tuple[tuple[str, frozenset[str] | None], ...] = (
    ("All", None),
    ("Pending", frozenset({PENDING})),
    ("Saved", frozenset({SAVED})),
    ("Skipped", frozenset({SKIPPED})),
    ("Not pending", frozenset({SAVED, SKIPPED})),
)


class RecordFilterBar(QWidget):
    """A text box and a status choice that narrow the record list."""

    filter_changed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("record_filter_bar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.text = QLineEdit()
        self.text.setObjectName("record_filter_text")
        self.text.setPlaceholderText("Filter by title…")
        self.text.setClearButtonEnabled(True)
        self.text.setAccessibleName("Filter records by title")
        self.status = QComboBox()
        self.status.setObjectName("record_filter_status")
        self.status.setAccessibleName("Show records with status")
        for label, _states in STATUS_CHOICES:
            self.status.addItem(label)
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.status)
        self.text.textChanged.connect(self._emit)
        self.status.currentIndexChanged.connect(self._emit)

    def states(self) -> frozenset[str] | None:
        return STATUS_CHOICES[self.status.currentIndex()][1]

    def set_status(self, label: str) -> None:
        self.status.setCurrentIndex([choice for choice, _ in STATUS_CHOICES].index(label))

    def _emit(self, *_args) -> None:
        self.filter_changed.emit(self.text.text(), self.states())

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text.text():
            self.text.clear()
            return
        super().keyPressEvent(event)
