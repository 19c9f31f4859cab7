"""The column chooser shown when a CSV, TSV or JSONL dataset is opened.

Lists the file's columns (CSV/TSV header) or string fields (first JSONL
record) and asks which holds the text; `text` is preselected when present.
`DatasetOpenDialog.choose_field` is the one entry point (tests patch it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gui.io.datasets import DEFAULT_FIELD, JSONL


class DatasetOpenDialog(QDialog):
    """Which column (or JSONL field) holds the text of each record?"""

    def __init__(
        self, path: str | Path, fields: list[str], kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dataset_open_dialog")
        self.setWindowTitle("Open dataset")
        path = Path(path)
        noun = "field" if kind == JSONL else "column"
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{path.name}</b>")
        heading.setObjectName("dataset_open_heading")
        layout.addWidget(heading)
        if DEFAULT_FIELD in fields:
            note = f"Each record's text comes from one {noun}."
        else:
            note = (
                f"There is no “{DEFAULT_FIELD}” {noun}: choose the one that holds "
                "each record's text."
            )
        explain = QLabel(note)
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.field_box = QComboBox(self)
        self.field_box.setObjectName("dataset_field")
        self.field_box.addItems(fields)
        if DEFAULT_FIELD in fields:
            self.field_box.setCurrentText(DEFAULT_FIELD)
        form.addRow(f"Text {noun}:", self.field_box)
        layout.addLayout(form)
        hint = QLabel(
            "Opening reads the file once to index its records; texts are read as you "
            "go. Saved and skipped records are read from the corpus folder's manifest."
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def field(self) -> str:
        return self.field_box.currentText()

    @classmethod
    def choose_field(
        cls, parent: QWidget | None, path: str | Path, fields: list[str], kind: str
    ) -> str | None:
        """Ask; the chosen field, or None if the user cancelled."""
        dialog = cls(path, fields, kind, parent)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.field()
            return None
        finally:
            dialog.deleteLater()
