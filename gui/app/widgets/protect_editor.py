"""The protected-spans editor: the profile's protect patterns, one row each.

Text matching a protect pattern (a regular expression) is left as it is by
every rule: `C\\+\\+` keeps "C++" through lowercasing and punctuation removal.
Each row is a pattern with a remove button; "Add pattern" appends an empty
row. Edits apply once typing pauses, through `protect_edited` (all rows, empty
ones included, with a merge key for undo). The profile model checks them and answers
with one message per row (`show_errors`): an invalid pattern is shown in red
under its row and the profile keeps its previous protections.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.app.widgets.raw_editor import monospace_font
from gui.engine import Profile

TEXT_DEBOUNCE_MS = 300


class _Row(QWidget):
    """One pattern: a line edit, a remove button, an error line."""

    def __init__(self, number: int, pattern: str) -> None:
        super().__init__()
        self.edit = QLineEdit(pattern)
        self.edit.setObjectName(f"protect_pattern_{number}")
        self.edit.setFont(monospace_font())
        self.edit.setPlaceholderText(r"a regular expression, e.g. C\+\+")
        self.edit.setToolTip("Text matching this regular expression is never changed by any rule.")
        self.remove = QToolButton()
        self.remove.setObjectName(f"protect_remove_{number}")
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        self.remove.setToolTip("Remove this pattern")
        self.error = QLabel()
        self.error.setObjectName("param_error")
        self.error.setWordWrap(True)
        self.error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.error.setStyleSheet("color: #d63c3c;")
        self.error.hide()
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(2)
        line.addWidget(self.edit, 1)
        line.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(line)
        layout.addWidget(self.error)

    def set_error(self, message: str) -> None:
        self.error.setText(message[:1].upper() + message[1:])
        self.error.setVisible(bool(message))
        self.edit.setProperty("invalid", bool(message))
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)


class ProtectEditor(QWidget):
    """Add, edit and remove the profile's protect patterns."""

    # The user changed the patterns: every row's text, and a merge key for undo.
    protect_edited = Signal(list, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("protect_editor")
        self._rows: list[_Row] = []
        # The profile's patterns, as last seen.
        self._known: tuple[str, ...] = ()
        self._round = 0
        self._pending_key = ""
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(TEXT_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)

        hint = QLabel(
            "No rule changes text that matches one of these regular expressions, "
            "e.g. <code>C\\+\\+</code> or <code>U\\.S\\.</code>"
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(4)
        self.add_button = QPushButton("Add pattern")
        self.add_button.setObjectName("add_protect")
        self.add_button.setToolTip("Add a protect pattern")
        self.add_button.clicked.connect(self.add_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(hint)
        layout.addLayout(self._rows_layout)
        layout.addLayout(buttons)
        layout.addStretch(1)

    # -- state ------------------------------------------------------------------

    def patterns(self) -> list[str]:
        """Every row's text, in order."""
        return [row.edit.text() for row in self._rows]

    def row_edit(self, row: int) -> QLineEdit:
        return self._rows[row].edit

    def remove_button(self, row: int) -> QToolButton:
        return self._rows[row].remove

    def error_text(self, row: int) -> str:
        error = self._rows[row].error
        return error.text() if not error.isHidden() else ""

    def set_profile(self, profile: Profile) -> None:
        """Show the profile's patterns, unless they are what the rows already say."""
        if profile.protect == self._known:
            return
        self._known = profile.protect
        if tuple(p for p in self.patterns() if p) == profile.protect:
            return
        self._debounce.stop()
        self._set_rows(list(profile.protect))

    def show_errors(self, errors: list[str]) -> None:
        """One message per row ("" when the row is fine), from the profile model."""
        if len(errors) != len(self._rows):
            return
        for row, message in zip(self._rows, errors, strict=True):
            row.set_error(message)

    # -- rows -------------------------------------------------------------------

    def _set_rows(self, patterns: list[str]) -> None:
        for row in self._rows:
            self._rows_layout.removeWidget(row)
            # Gone from lookups now; deleted once the click that removed it returns.
            row.edit.setObjectName("")
            row.remove.setObjectName("")
            row.hide()
            row.deleteLater()
        self._rows = []
        for pattern in patterns:
            self._append(pattern)

    def _append(self, pattern: str) -> _Row:
        row = _Row(len(self._rows), pattern)
        row.edit.textEdited.connect(self._typed)
        row.edit.editingFinished.connect(self._finish_typing)
        row.remove.clicked.connect(lambda _checked=False, row=row: self._remove(row))
        self._rows.append(row)
        self._rows_layout.addWidget(row)
        return row

    def add_row(self) -> None:
        """Append an empty pattern and put the cursor in it."""
        row = self._append("")
        row.edit.setFocus()

    def _remove(self, row: _Row) -> None:
        self._debounce.stop()
        patterns = [r.edit.text() for r in self._rows if r is not row]
        self._set_rows(patterns)
        self._round += 1
        self.protect_edited.emit(self.patterns(), "")

    # -- edits ------------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        self._pending_key = f"protect:{self._round}"
        self._debounce.start(TEXT_DEBOUNCE_MS)

    def _finish_typing(self) -> None:
        # Apply now, from the event loop (leaving a row can happen mid-update).
        if self._debounce.isActive():
            self._debounce.start(0)
        self._round += 1

    def _emit(self) -> None:
        self._debounce.stop()
        self.protect_edited.emit(self.patterns(), self._pending_key)
