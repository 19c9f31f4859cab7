"""The raw-text pane: an editor that highlights what the rules changed.

The spans come from the engine's explain, in the coordinates of the raw text
(Python code points). Qt counts UTF-16 units and folds `\\r\\n` into one block
break, so the spans are mapped to editor positions once per explanation. Only
the spans in view are turned into extra selections, re-done on scroll and
resize, so a megabyte of text with hundreds of thousands of changes stays
fluid. Hovering a highlight names the rule (or rules) that changed it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from itertools import accumulate

from PySide6.QtCore import QEvent, QPoint, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from gui.engine import Explanation
from gui.widgets.rule_colors import highlight_color

_NEEDS_MAPPING = re.compile("[\r\U00010000-\U0010ffff]")


def editor_positions(text: str) -> list[int] | None:
    """Editor position of each index of `text` (and its end), or None if they agree.

    A surrogate pair takes two positions; the `\\r` of `\\r\\n` takes none,
    because the editor turns the pair into one line break.
    """
    if _NEEDS_MAPPING.search(text) is None:
        return None
    widths = [
        2 if ord(ch) > 0xFFFF else 0 if ch == "\r" and text[i + 1 : i + 2] == "\n" else 1
        for i, ch in enumerate(text)
    ]
    return [0, *accumulate(widths)]


def local_file_paths(mime) -> list[str]:
    """The local files a drag carries (none if it carries anything else)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def monospace_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    return font


def _highlight_format(rule_id: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(highlight_color(rule_id))
    return fmt


class RawEditor(QPlainTextEdit):
    """The editable raw text, with the rules' changes highlighted."""

    # The user changed the text (typing, pasting, undo); carries the editor's text.
    text_edited = Signal(str)
    # Local files were dropped onto the pane.
    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("raw_text")
        self.setFont(monospace_font())
        self.setPlaceholderText(
            "Open a text file (Ctrl+O), drop one here, or paste text to normalize it."
        )
        self.setTabChangesFocus(False)
        self._loading = False
        self._highlighting = True
        # Spans in editor positions, sorted by start: starts, ends, rule ids, labels.
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._rule_ids: list[str] = []
        self._labels: list[str] = []
        self._longest = 0
        self._engine_spans: list[tuple[str, int, int]] = []
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_highlights)
        self.verticalScrollBar().valueChanged.connect(self._refresh_timer.start)
        self.horizontalScrollBar().valueChanged.connect(self._refresh_timer.start)
        self.document().contentsChange.connect(self._on_contents_change)
        self.textChanged.connect(self._on_text_changed)

    # -- text --------------------------------------------------------------

    def load_text(self, text: str) -> None:
        """Replace the text without reporting it as an edit."""
        self._loading = True
        try:
            self.clear_highlights()
            self.setPlainText(text)
        finally:
            self._loading = False

    def _on_text_changed(self) -> None:
        if not self._loading:
            self.text_edited.emit(self.toPlainText())

    # -- highlighting --------------------------------------------------------

    def set_explanation(self, explanation: Explanation) -> None:
        """Highlight the spans each rule removed or replaced in the raw text."""
        positions = editor_positions(explanation.text)
        spans: list[tuple[int, int, str, str]] = []
        engine_spans: list[tuple[str, int, int]] = []
        for report in explanation.reports:
            for start, end in report.spans:
                engine_spans.append((report.rule_id, start, end))
                if positions is not None:
                    start, end = positions[start], positions[end]
                spans.append((start, end, report.rule_id, report.label))
        spans.sort(key=lambda span: span[0])
        self._engine_spans = engine_spans
        self._starts = [span[0] for span in spans]
        self._ends = [span[1] for span in spans]
        self._rule_ids = [span[2] for span in spans]
        self._labels = [span[3] for span in spans]
        self._longest = max((end - start for start, end, _, _ in spans), default=0)
        self._refresh_highlights()

    def clear_highlights(self) -> None:
        self._engine_spans = []
        self._starts, self._ends, self._rule_ids, self._labels = [], [], [], []
        self._longest = 0
        self.setExtraSelections([])

    def highlighted_spans(self) -> list[tuple[str, int, int]]:
        """(rule id, start, end) of every highlighted span, in raw-text coordinates."""
        return list(self._engine_spans)

    def set_highlighting_visible(self, visible: bool) -> None:
        self._highlighting = visible
        self._refresh_highlights()

    def highlighting_visible(self) -> bool:
        return self._highlighting

    def rules_at(self, position: int) -> list[str]:
        """Labels of the rules whose spans cover the character at an editor position."""
        low = bisect.bisect_left(self._starts, position - self._longest)
        high = bisect.bisect_right(self._starts, position)
        labels: list[str] = []
        for i in range(low, high):
            if self._starts[i] <= position < self._ends[i] and self._labels[i] not in labels:
                labels.append(self._labels[i])
        return labels

    def _refresh_highlights(self) -> None:
        if not self._highlighting or not self._starts:
            self.setExtraSelections([])
            return
        first = self.cursorForPosition(QPoint(0, 0)).position()
        corner = QPoint(self.viewport().width(), self.viewport().height())
        last = self.cursorForPosition(corner).position() + 1
        low = bisect.bisect_left(self._starts, first - self._longest)
        high = bisect.bisect_right(self._starts, last)
        selections = []
        document = self.document()
        length = document.characterCount() - 1
        formats = {rule_id: _highlight_format(rule_id) for rule_id in set(self._rule_ids)}
        for i in range(low, high):
            start, end = self._starts[i], min(self._ends[i], length)
            if end <= first or start >= end:
                continue
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = formats[self._rule_ids[i]]
            selections.append(selection)
        self.setExtraSelections(selections)

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        """After an edit, drop the spans from the edit on: they no longer line up."""
        if self._loading or not self._starts:
            return
        keep = bisect.bisect_left(self._starts, position)
        # Spans starting before the edit may still reach into it: only the last few can.
        tail = bisect.bisect_left(self._starts, position - self._longest, 0, keep)
        kept = [i for i in range(tail, keep) if self._ends[i] <= position]
        self._starts = self._starts[:tail] + [self._starts[i] for i in kept]
        self._ends = self._ends[:tail] + [self._ends[i] for i in kept]
        self._rule_ids = self._rule_ids[:tail] + [self._rule_ids[i] for i in kept]
        self._labels = self._labels[:tail] + [self._labels[i] for i in kept]
        self._refresh_timer.start()

    # -- events --------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refresh_timer.start()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            labels = self._labels_under(event.pos()) if self._highlighting else []
            if labels:
                QToolTip.showText(event.globalPos(), self._tooltip(labels), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _labels_under(self, point: QPoint) -> list[str]:
        cursor = self.cursorForPosition(point - self.viewport().pos())
        position = cursor.position()
        if point.x() - self.viewport().x() < self.cursorRect(cursor).x():
            position -= 1
        return self.rules_at(position) if position >= 0 else []

    @staticmethod
    def _tooltip(labels: Sequence[str]) -> str:
        if len(labels) == 1:
            return f"Changed by “{labels[0]}”"
        return "Changed by " + ", then ".join(f"“{label}”" for label in labels)

    def dragEnterEvent(self, event) -> None:
        if local_file_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if local_file_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        paths = local_file_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            super().dropEvent(event)
