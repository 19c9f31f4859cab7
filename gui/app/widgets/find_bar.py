"""The find bar: look for text in the raw or the normalized pane, plain or regex.

A strip under the panes (Ctrl+F opens it on the pane with focus; F3 and
Shift+F3 go to the next and previous match; Escape closes it). It searches
the pane's exact text (`toPlainText()`, Python offsets), so it finds the same
thing in a text too large for the editor, and selects a match through the
pane's `select_range(start, end)`. The count of matches is shown beside the
field ("3 of 12"). Patterns are the user's own, so they run with the `regex`
module under a time budget, and counting stops at `MAX_COUNT`.
"""

from __future__ import annotations

import bisect
from typing import Protocol

import regex
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

MAX_COUNT = 100_000
TIMEOUT_SECONDS = 0.5


class Searchable(Protocol):
    def toPlainText(self) -> str: ...
    def selection_range(self) -> tuple[int, int]: ...
    def select_range(self, start: int, end: int) -> None: ...


class FindBar(QWidget):
    """Find in a pane: pattern, regex and case switches, match count, next and previous."""

    # The bar was closed (Escape, the close button): focus may go back to the pane.
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find_bar")
        self._target: Searchable | None = None
        self._target_name = ""
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._searched: tuple | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(6)
        self.where = QLabel()
        self.where.setObjectName("find_where")
        self.field = QLineEdit()
        self.field.setObjectName("find_field")
        self.field.setPlaceholderText("Find…")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find")
        self.regex_box = QCheckBox("Re&gex")
        self.regex_box.setObjectName("find_regex")
        self.case_box = QCheckBox("Match &case")
        self.case_box.setObjectName("find_case")
        self.count = QLabel()
        self.count.setObjectName("find_count")
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("99,999 of 99,999"))
        self.previous_button = QToolButton()
        self.previous_button.setText("↑")
        self.previous_button.setToolTip("Previous match (Shift+F3)")
        self.previous_button.setAccessibleName("Previous match")
        self.next_button = QToolButton()
        self.next_button.setText("↓")
        self.next_button.setToolTip("Next match (F3, Return)")
        self.next_button.setAccessibleName("Next match")
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Escape)")
        close.setAccessibleName("Close the find bar")
        close.setAutoRaise(True)
        for widget in (self.where, self.field):
            layout.addWidget(widget, 1 if widget is self.field else 0)
        for widget in (self.regex_box, self.case_box, self.count):
            layout.addWidget(widget)
        for widget in (self.previous_button, self.next_button, close):
            layout.addWidget(widget)
        self.field.textChanged.connect(self._on_pattern_changed)
        self.regex_box.toggled.connect(self._on_pattern_changed)
        self.case_box.toggled.connect(self._on_pattern_changed)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        close.clicked.connect(self.close_bar)

    # -- target ------------------------------------------------------------------

    def open_on(self, target: Searchable, name: str) -> None:
        """Show the bar searching `target` (called e.g. "raw text"), the cursor in the field."""
        self._target = target
        self._target_name = name
        self.where.setText(f"In {name}:")
        self._searched = None
        selected = target.toPlainText()[slice(*target.selection_range())]
        if selected and "\n" not in selected and len(selected) < 200:
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._update_count()

    def target(self) -> Searchable | None:
        return self._target

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def text_changed(self) -> None:
        """The searched text changed: count again (call when a pane's text changes)."""
        self._searched = None
        if self.isVisible():
            self._update_count()

    # -- searching -------------------------------------------------------------------

    def _pattern(self):
        text = self.field.text()
        if not text:
            return None
        source = text if self.regex_box.isChecked() else regex.escape(text)
        flags = regex.VERSION1 if self.regex_box.isChecked() else 0
        if not self.case_box.isChecked():
            flags |= regex.IGNORECASE
        return regex.compile(source, flags)

    def _search(self) -> str | None:
        """Find every match (up to MAX_COUNT); an error message, or None."""
        if self._target is None:
            return None
        text = self._target.toPlainText()
        key = (self.field.text(), self.regex_box.isChecked(), self.case_box.isChecked(), text)
        if self._searched == key:  # comparing even megabytes of text is a memcmp
            return None
        self._searched = key
        self._starts, self._ends = [], []
        try:
            pattern = self._pattern()
        except regex.error as error:
            return f"Invalid pattern: {error}"
        if pattern is None:
            return None
        try:
            for match in pattern.finditer(text, timeout=TIMEOUT_SECONDS):
                if match.end() == match.start():
                    continue  # an empty match selects nothing
                self._starts.append(match.start())
                self._ends.append(match.end())
                if len(self._starts) >= MAX_COUNT:
                    break
        except TimeoutError:
            return f"Stopped after {TIMEOUT_SECONDS:g} s"
        return None

    def matches(self) -> list[tuple[int, int]]:
        self._search()
        return list(zip(self._starts, self._ends, strict=True))

    def _update_count(self, current: int | None = None) -> None:
        problem = self._search()
        total = len(self._starts)
        shown = f"{total:,}+" if total >= MAX_COUNT else f"{total:,}"
        if problem:
            self.count.setText(problem)
        elif not self.field.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText("No matches")
        elif current is None:
            self.count.setText(f"{shown} match{'es' if total != 1 else ''}")
        else:
            self.count.setText(f"{current + 1:,} of {shown}")
        self.field.setProperty("invalid", bool(problem) or (total == 0 and bool(self.field.text())))
        self.field.style().unpolish(self.field)
        self.field.style().polish(self.field)

    def _on_pattern_changed(self, *_args) -> None:
        self._update_count()

    def find_next(self) -> bool:
        return self._go(forward=True)

    def find_previous(self) -> bool:
        return self._go(forward=False)

    def _go(self, forward: bool) -> bool:
        if self._target is None:
            return False
        self._search()
        if not self._starts:
            self._update_count()
            return False
        start, end = self._target.selection_range()
        if forward:
            index = bisect.bisect_left(self._starts, end if end > start else start)
            if index < len(self._starts) and self._starts[index] == start and end > start:
                index += 1
            index %= len(self._starts)
        else:
            index = bisect.bisect_left(self._starts, start) - 1
            index %= len(self._starts)
        self._target.select_range(self._starts[index], self._ends[index])
        self._update_count(index)
        return True

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find_previous()
            else:
                self.find_next()
            return
        super().keyPressEvent(event)
