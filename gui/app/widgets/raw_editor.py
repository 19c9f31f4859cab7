"""The raw-text pane: an editor that highlights what the rules changed.

The spans come from the engine's explain, in the coordinates of the raw text
(Python code points), already turned into per-rule arrays off the UI thread by
the preview's explain job (`gui.workflow.highlights`). Qt counts UTF-16 units
and folds `\\r\\n` into one block break; only the spans on screen are mapped
to editor positions and turned into extra selections, re-done on scroll and
resize, so a megabyte of text with hundreds of thousands of changes stays
fluid. Hovering a highlight names the rule (or rules) that changed it.

QPlainTextEdit lays out a whole line (block) at once, and again on every
keystroke in it: a line of a megabyte costs a few hundred milliseconds per
key, ten megabytes seconds and half a gigabyte. A text that large, or with a
line that long, is shown instead in a read-only `LargeTextView` laid over the
editor, under a banner that says so; the text is kept whole (rules, highlights
and saving use all of it). Pasting such a text into the editor goes the same
way instead of freezing the window.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QPainter, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from gui.app.widgets.large_raw_pane import LargeRawPane, monospace_font
from gui.app.widgets.large_text_view import LargeTextView, SpanLayer
from gui.app.widgets.rule_colors import highlight_brush
from gui.workflow.highlights import Highlights
from gui.workflow.text_mirror import Splice, TextMirror, shown_text, stored_text

# Above either limit the text is shown read-only in a view that lays out only
# what is on screen (see the module docstring).
EDITABLE_CHARS = 2_000_000
EDITABLE_LINE = 200_000


def needs_large_view(text: str) -> bool:
    """Whether a text is too large, or has a line too long, for the editor."""
    if len(text) > EDITABLE_CHARS:
        return True
    if len(text) <= EDITABLE_LINE:
        return False
    position = 0
    while True:
        newline = text.find("\n", position, position + EDITABLE_LINE + 1)
        if newline == -1:
            return len(text) - position > EDITABLE_LINE
        position = newline + 1


def _size(chars: int) -> str:
    return f"{chars / 1e6:.1f} million characters" if chars >= 1e6 else f"{chars:,} characters"


def local_file_paths(mime) -> list[str]:
    """The local files a drag carries (none if it carries anything else)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


class RawEditor(QPlainTextEdit):
    """The editable raw text, with the rules' changes highlighted."""

    # The user changed the text (typing, pasting, undo): the editor's text, and the
    # `Splice` that made it of the text before, or None if not one known splice
    # (`object`: a `str` signal would convert megabytes to a QString and back per key).
    text_edited = Signal(object, object)
    # Local files were dropped onto the pane.
    files_dropped = Signal(list)
    # Ctrl+wheel: zoom both panes by this many steps (the window owns the size).
    zoom_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("raw_text")
        self.setFont(monospace_font())
        self.setPlaceholderText(
            "Open a text file (Ctrl+O), drop one here, or paste text to normalize it."
        )
        self.setAccessibleName("Raw text")
        self.setAccessibleDescription(
            "The text to normalize; what the rules changed is highlighted. "
            "Tab moves on; Ctrl+Tab types a tab."
        )
        # Tab moves focus (the pane is not a trap for keyboard users); Ctrl+Tab,
        # or the preference `set_tab_inserts_tab`, types a tab character.
        self.setTabChangesFocus(True)
        self._loading = False
        self._highlighting = True
        self._highlights: Highlights | None = None
        # The spans still in line with the text, per rule (cut back after edits).
        self._starts: list[Sequence[int]] = []
        self._ends: list[Sequence[int]] = []
        # One brush per profile position (gui/app/widgets/rule_colors.py).
        self._brushes: list[QBrush] = []
        # The spans painted now, in editor positions, with their colour. Plain
        # values: QTextCursors kept here could outlive the document when the
        # widget's wrapper is collected late, and crash the collector.
        self._painted: list[tuple[int, int, QBrush]] = []
        # A text too large to edit: kept here, shown in `_large` over the editor.
        self._large_text: str | None = None
        self._large: LargeRawPane | None = None
        self._large_font: QFont | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_highlights)
        self.verticalScrollBar().valueChanged.connect(self._refresh_timer.start)
        self.horizontalScrollBar().valueChanged.connect(self._refresh_timer.start)
        # Connected first: the exact text is up to date before anything else reacts.
        self._mirror = TextMirror()
        # The splice of the edit under way (see `_track_change`) and how many changes it made.
        self._splice: Splice | None = None
        self._changes = 0
        self.document().contentsChange.connect(self._track_change)
        self.document().contentsChange.connect(self._on_contents_change)
        self.textChanged.connect(self._on_text_changed)

    # -- text --------------------------------------------------------------

    def load_text(self, text: str) -> None:
        """Replace the text without reporting it as an edit."""
        self.clear_highlights()
        self._mirror.reset(text)
        if needs_large_view(text):
            self._show_large(text)
            return
        self._hide_large()
        self._loading = True
        try:
            self.setPlainText(shown_text(text))  # bidi controls must not reorder the pane
        finally:
            self._loading = False

    def toPlainText(self) -> str:
        """The exact text (see gui/workflow/text_mirror.py), also when too large for the editor."""
        if self._large_text is not None:
            return self._large_text
        return self._mirror.text

    def _track_change(self, position: int, removed: int, added: int) -> None:
        if self._loading or self._large_text is not None:
            return
        # Qt may report a range reaching past the end (its final block break).
        added = max(0, min(added, self.document().characterCount() - 1 - position))
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        cursor.setPosition(position + added, QTextCursor.MoveMode.KeepAnchor)
        splice = self._mirror.splice(position, removed, stored_text(cursor.selectedText()))
        # One change per edit is the rule; a second before textChanged is not one splice.
        self._splice = splice if self._changes == 0 else None
        self._changes += 1

    def selection_range(self) -> tuple[int, int]:
        """The selection, in offsets of the exact text (`toPlainText`)."""
        if self._large_text is not None and self._large is not None:
            return self._large.view.selection()
        cursor = self.textCursor()
        offsets = self._mirror.offsets
        return offsets.offset(cursor.selectionStart()), offsets.offset(cursor.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        """Select [start, end) of the exact text and scroll to it."""
        if self._large_text is not None and self._large is not None:
            self._large.view.reveal(start, end)
            return
        offsets = self._mirror.offsets
        cursor = self.textCursor()
        cursor.setPosition(offsets.position(start))
        cursor.setPosition(offsets.position(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def top_offset(self) -> int:
        """The offset (in the exact text) of the first character on screen."""
        if self._large_text is not None and self._large is not None:
            return self._large.view.first_visible_offset()
        return self._mirror.offsets.offset(self.cursorForPosition(QPoint(0, 0)).position())

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding `offset` is the first on screen; the cursor stays."""
        if self._large_text is not None and self._large is not None:
            self._large.view.scroll_to(offset)
            return
        block = self.document().findBlock(self._mirror.offsets.position(offset))
        line = block.layout().lineForTextPosition(
            self._mirror.offsets.position(offset) - block.position()
        )
        number = line.lineNumber() if line.isValid() else 0
        self.verticalScrollBar().setValue(block.firstLineNumber() + number)

    def is_large(self) -> bool:
        """Whether the text is shown read-only because of its size."""
        return self._large_text is not None

    def large_view(self) -> LargeTextView | None:
        return self._large.view if self._large_text is not None and self._large else None

    def _show_large(self, text: str) -> None:
        if self._large is None:
            self._large = LargeRawPane(self)
            self._large.view.zoom_requested.connect(self.zoom_requested)
            if self._large_font is not None:
                self._large.view.setFont(self._large_font)
        self._loading = True
        try:
            self.setPlainText("")
        finally:
            self._loading = False
        self._large_text = text
        self.setReadOnly(True)
        lines = text.count("\n") + 1
        self._large.banner.setText(
            f"This text is large ({_size(len(text))} on {lines:,} line"
            f"{'s' if lines != 1 else ''}), so it is shown read-only to keep the window "
            "responsive. The rules, highlights and Save to Corpus use the whole text."
        )
        self._large.view.set_text(text)
        self._large.setGeometry(self.rect())
        self._large.show()
        self._large.raise_()

    def _hide_large(self) -> None:
        if self._large_text is None:
            return
        self._large_text = None
        self.setReadOnly(False)
        if self._large is not None:
            self._large.hide()
            self._large.view.set_text("")
            self._large.view.set_span_layers([])

    def _on_text_changed(self) -> None:
        splice, self._splice, self._changes = self._splice, None, 0
        if not self._loading:
            self.text_edited.emit(self._mirror.text, splice)

    def insertFromMimeData(self, source) -> None:
        """Paste; a text too large for the editor switches the pane to the large view."""
        pasted = source.text() if source.hasText() else ""
        if self._large_text is None and len(pasted) > EDITABLE_LINE:
            current = self._mirror.text
            cursor = self.textCursor()
            start = self._mirror.offsets.offset(cursor.selectionStart())
            end = self._mirror.offsets.offset(cursor.selectionEnd())
            text = current[:start] + pasted + current[end:]
            if needs_large_view(text):
                self.clear_highlights()
                self._show_large(text)
                self.text_edited.emit(text, None)
                return
        if pasted and shown_text(pasted) != pasted:
            self.textCursor().insertText(shown_text(pasted))  # see load_text
            return
        super().insertFromMimeData(source)

    def createMimeDataFromSelection(self):
        """Copy the stored characters (bidi controls, not their stand-ins)."""
        mime = super().createMimeDataFromSelection()
        if mime.hasText():
            mime.setText(stored_text(mime.text()))
        return mime

    # -- highlighting --------------------------------------------------------

    def set_highlights(self, highlights: Highlights) -> None:
        """Highlight spans prepared off the UI thread (`gui.workflow.highlights`)."""
        self._highlights = highlights
        self._starts = list(highlights.starts)
        self._ends = list(highlights.ends)
        self._brushes = [highlight_brush(position) for position in range(len(highlights.rule_ids))]
        self._refresh_highlights()

    def clear_highlights(self) -> None:
        self._highlights = None
        self._starts, self._ends = [], []
        self._set_painted([])
        if self._large is not None:
            self._large.view.set_span_layers([])

    def highlighted_spans(self) -> list[tuple[str, int, int]]:
        """(rule id, start, end) of every highlighted span, in raw-text coordinates."""
        return [] if self._highlights is None else self._highlights.spans()

    def _set_painted(self, painted: list[tuple[int, int, QBrush]]) -> None:
        """Keep the highlight spans; paintEvent draws them (see there)."""
        self._painted = painted
        self.viewport().update()

    def extraSelections(self) -> list:
        """The highlights drawn now, as selections (QPlainTextEdit's own list stays empty)."""
        selections = []
        for start, end, brush in self._painted:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format.setBackground(brush)
            selections.append(selection)
        return selections

    def paintEvent(self, event) -> None:
        """Paint the highlight backgrounds, then the text over them.

        As real extra selections, each span makes Qt draw its line again: 130
        spans cost 9 ms a frame. Filled rectangles under one text pass cost well
        under a millisecond.
        """
        if self._painted:
            painter = QPainter(self.viewport())
            offset = self.contentOffset()
            clip = event.rect()
            for start, end, color in self._painted:
                block = self.document().findBlock(start)
                while block.isValid() and block.position() < end:
                    layout = block.layout()
                    top = self.blockBoundingGeometry(block).translated(offset).top()
                    if top > clip.bottom():
                        break
                    base = block.position()
                    line = layout.lineForTextPosition(max(start - base, 0))
                    while line.isValid() and line.textStart() < end - base:
                        first = max(start - base, line.textStart())
                        last = min(end - base, line.textStart() + line.textLength())
                        if first < last:
                            x0, _ = line.cursorToX(first)
                            x1, _ = line.cursorToX(last)
                            rect = QRectF(x0 + offset.x(), top + line.y(), x1 - x0, line.height())
                            painter.fillRect(rect, color)
                        line = layout.lineAt(line.lineNumber() + 1)
                    block = block.next()
            painter.end()
        super().paintEvent(event)

    def set_highlighting_visible(self, visible: bool) -> None:
        self._highlighting = visible
        self._refresh_highlights()

    def rules_at(self, position: int) -> list[str]:
        """Labels of the rules whose spans cover the character at an editor position.

        In the large view positions are Python offsets (it has no editor).
        """
        highlights = self._highlights
        if highlights is None:
            return []
        offset = position if self._large_text is not None else highlights.text_offset(position)
        labels: list[str] = []
        for label, starts, ends in zip(highlights.labels, self._starts, self._ends, strict=True):
            i = bisect.bisect_right(starts, offset) - 1
            if i >= 0 and offset < ends[i] and label not in labels:
                labels.append(label)
        return labels

    def _refresh_highlights(self) -> None:
        highlights = self._highlights
        if self._large_text is not None:
            self._set_painted([])
            if self._large is not None:
                layers = []
                if self._highlighting and highlights is not None:
                    layers = [
                        SpanLayer(self._brushes[position], starts, ends)
                        for position, (starts, ends) in enumerate(
                            zip(self._starts, self._ends, strict=True)
                        )
                    ]
                self._large.view.set_span_layers(layers)
            return
        if not self._highlighting or highlights is None:
            self._set_painted([])
            return
        first = highlights.text_offset(self.cursorForPosition(QPoint(0, 0)).position())
        corner = QPoint(self.viewport().width(), self.viewport().height())
        last = highlights.text_offset(self.cursorForPosition(corner).position()) + 1
        painted: list[tuple[int, int, QBrush]] = []
        length = self.document().characterCount() - 1
        position = highlights.editor_position
        rules = zip(self._brushes, self._starts, self._ends, strict=True)
        for brush, starts, ends in rules:
            low = max(bisect.bisect_right(starts, first) - 1, 0)
            high = bisect.bisect_left(starts, last)
            for i in range(low, high):
                start, end = position(starts[i]), min(position(ends[i]), length)
                if start >= end or ends[i] <= first:
                    continue
                painted.append((start, end, brush))
        self._set_painted(painted)

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        """After an edit, drop the spans from the edit on: they no longer line up."""
        if self._loading or self._highlights is None:
            return
        offset = self._highlights.text_offset(position)
        for rule, starts in enumerate(self._starts):
            keep = bisect.bisect_left(starts, offset)
            # The span before the edit may still reach into it.
            if keep and self._ends[rule][keep - 1] > offset:
                keep -= 1
            if keep < len(starts):
                self._starts[rule] = starts[:keep]
                self._ends[rule] = self._ends[rule][:keep]
        self._refresh_timer.start()

    # -- events --------------------------------------------------------------

    def set_large_font(self, font: QFont) -> None:
        """The font of the read-only view of large texts (the editor's is `setFont`)."""
        self._large_font = QFont(font)
        if self._large is not None:
            self._large.view.setFont(font)

    def set_tab_inserts_tab(self, inserts: bool) -> None:
        """Whether Tab types a tab (Ctrl+Tab always does) instead of moving focus."""
        self.setTabChangesFocus(not inserts)

    def keyPressEvent(self, event) -> None:
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() == Qt.Key.Key_Tab and control and not self.isReadOnly():
            self.insertPlainText("\t")
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() // 120
            if steps:
                self.zoom_requested.emit(steps)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._large is not None:
            self._large.setGeometry(self.rect())
        self._refresh_timer.start()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if self._large_text is not None and self._large is not None:
            self._large.view.setFocus()

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
        if self._large_text is not None and self._large is not None:
            view = self._large.view
            local = view.viewport().mapFrom(self, point)
            return self.rules_at(view.offset_at(local))
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
