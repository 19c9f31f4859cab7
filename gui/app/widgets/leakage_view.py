"""The Leakage view: which words give the open dataset's label away, under the current profile.

A label-column chooser, a status line (what is being audited, progress,
errors), the ranking table and the per-class share chart, all showing one
`LeakageModel`. Activating a term in the table or clicking it in the chart
emits `term_activated(term)`; the window passes it to `select_term` on the raw
pane, which finds it in the current record. The view never computes; the
model recomputes in the background when the profile changes.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.app.models.leakage import LeakageModel
from gui.app.widgets.leakage_chart import LeakageChart
from gui.workflow.audit import LEAK_SCORE, term_pattern

FOLDER_CLASSES = "(subfolders)"


def select_term(editor, term: str) -> bool:
    """Select the next occurrence of `term` (whole words, any case) after the selection,
    wrapping around; False when the text does not contain it.

    `editor` is the raw pane (its exact text and offsets: either of its editors).
    """
    pattern = re.compile(term_pattern(term), re.IGNORECASE)
    text = editor.toPlainText()
    found = pattern.search(text, editor.selection_range()[1]) or pattern.search(text)
    if found is None:
        return False
    editor.select_range(found.start(), found.end())
    return True


class LeakageView(QWidget):
    """Ranking table + chart of the terms that separate the classes most."""

    term_activated = Signal(str)

    def __init__(self, model: LeakageModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leakageView")
        self.setAccessibleName("Label leakage")
        self._model = model
        self.label_box = QComboBox(self, objectName="leakageLabel")
        self.label_box.setAccessibleName("Label column")
        self.label_box.setToolTip("The column or field that holds each record's class")
        self.status = QLabel(self, objectName="leakageStatus", wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self, objectName="leakageProgress", visible=False)
        self.table = QTableView(self, objectName="leakageTable")
        self.table.setAccessibleName("Leaking terms, best first")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chart = LeakageChart(model, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        form = QFormLayout()
        form.addRow("&Label:", self.label_box)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(splitter, 1)

        self.label_box.activated.connect(self._on_label_chosen)
        model.label_choices_changed.connect(self._fill_labels)
        self.table.clicked.connect(self._on_clicked)
        self.table.activated.connect(self._on_clicked)
        self.chart.term_clicked.connect(self.term_activated)
        model.computing_started.connect(self._on_started)
        model.progressed.connect(self._on_progressed)
        model.ranking_changed.connect(self._show_status)
        model.ranking_changed.connect(self._fill_labels)
        model.computing_failed.connect(self._show_status)
        self._fill_labels()
        self._show_status()

    def _fill_labels(self) -> None:
        box = self.label_box
        box.blockSignals(True)
        box.clear()
        choices = self._model.label_choices
        box.addItems(choices or ([FOLDER_CLASSES] if self._model.folder_classes else []))
        if self._model.label in choices:
            box.setCurrentIndex(choices.index(self._model.label))
        else:
            box.setCurrentIndex(0 if self._model.folder_classes else -1)
        box.setEnabled(bool(choices))
        box.blockSignals(False)

    def _on_label_chosen(self, index: int) -> None:
        if 0 <= index < len(self._model.label_choices):
            self._model.set_label(self._model.label_choices[index])

    def _on_clicked(self, index: QModelIndex) -> None:
        leak = self._model.data(self._model.index(index.row(), 0), Qt.ItemDataRole.UserRole)
        if leak is not None:
            self.term_activated.emit(leak.term)

    def _on_started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText("Auditing the dataset with the current profile…")

    def _on_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _show_status(self, *_args) -> None:
        model = self._model
        if model.computing:
            return
        self.progress.hide()
        result = model.result
        if model.error:
            self.status.setText(model.error)
        elif result is None:
            self.status.setText("Open a dataset with a label column to see which words leak it.")
        else:
            classes = ", ".join(f"{label} {count}" for label, count in result.classes.items())
            leaks = sum(leak.is_leak for leak in result.leaks)
            what = f"{result.records} records"
            if result.every > 1:
                what = (
                    f"A sample of {result.records:,} of {result.total:,} records (one in "
                    f"{result.every}; textwash audit reads all)"
                )
            self.status.setText(
                f"{what} ({classes}) with profile “{result.profile.name}”: "
                f"{leaks} of the top {len(result.leaks)} terms score {LEAK_SCORE} or more."
            )
