"""The raw-text pane: an editor that highlights what the rules changed.

The spans come from the engine's explain, in raw-text offsets, as per-rule
arrays made off the UI thread (`gui.workflow.highlights`); only those on
screen are painted (`editor_highlights`), re-done on scroll and resize, so a
megabyte with hundreds of thousands of changes stays fluid. Hovering a
highlight names the rule (or rules) that changed it.

A text with a line longer than `EDITABLE_LINE`, or longer than
`EDITABLE_CHARS` in all (QPlainTextEdit's cost per key grows with both; see
`raw_limits`), is edited instead in a `LargeTextEditor` laid over the editor:
it holds the exact `str` and lays out only the rows on screen, so a key costs
the same on ten megabytes. The pane's API is the same in both modes
(`is_large` says which). Which editor shows a text is decided when it is
loaded or pasted: typing that makes a text longer or shorter than the limits
does not move it to the other editor mid-typing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QScrollBar, QToolTip, QWidget

from gui.app.widgets import editor_highlights
from gui.app.widgets.file_drops import FileDrops, local_file_paths
from gui.app.widgets.large_text_editor import LargeTextEditor
from gui.app.widgets.large_text_view import SpanLayer
from gui.app.widgets.raw_limits import EDITABLE_CHARS, EDITABLE_LINE, needs_large_view
from gui.app.widgets.rule_colors import highlight_brush
from gui.app.widgets.text_font import monospace_font
from gui.workflow.highlights import Highlights
from gui.workflow.text_mirror import Splice, TextMirror, shown_text, stored_text

__all__ = [
    "EDITABLE_CHARS",
    "EDITABLE_LINE",
    "RawEditor",
    "local_file_paths",
    "monospace_font",
    "needs_large_view",
]


class RawEditor(FileDrops, QPlainTextEdit):
    """The editable raw text, with the rules' changes highlighted."""

    # The user changed the text (typing, pasting, undo): the editor's text, and the
    # `Splice` that made it of the text before, or None if not one known splice
    # (`object`: a `str` signal would convert megabytes to a QString and back per key).
    text_edited = Signal(object, object)
    # Local files were dropped onto the pane.
    files_dropped = Signal(list)
    # Ctrl+wheel: zoom both panes by this many steps (the window owns the size).
    zoom_requested = Signal(int)
    # The caret or the selection moved, in either editor.
    selection_moved = Signal()
    # The pane scrolled vertically, in either editor (`scroll_bar()` is the one shown).
    scrolled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The editor of texts too large for this one, laid over it while it shows one.
        self._large = LargeTextEditor(self)
        self._large.setObjectName("large_raw_text")
        self._large.setAccessibleName("Raw text")
        self._large.setFont(monospace_font())
        self._large.hide()
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
        self._large_shown = False
        self._large_before = ""
        self._forwarding = False
        self._large.zoom_requested.connect(self.zoom_requested)
        self._large.edited.connect(self._on_large_edited)
        self._large.files_dropped.connect(self.files_dropped)
        self._large.selection_changed.connect(self.selection_moved)
        self._large.verticalScrollBar().valueChanged.connect(self.scrolled)
        self.cursorPositionChanged.connect(self.selection_moved)
        self.verticalScrollBar().valueChanged.connect(self.scrolled)
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
        """The exact text (see gui/workflow/text_mirror.py), in either editor."""
        if self._large_shown:
            return self._large.text()
        return self._mirror.text

    def _track_change(self, position: int, removed: int, added: int) -> None:
        if self._loading or self._large_shown:
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
        if self._large_shown:
            return self._large.selection()
        cursor = self.textCursor()
        offsets = self._mirror.offsets
        return offsets.offset(cursor.selectionStart()), offsets.offset(cursor.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        """Select [start, end) of the exact text and scroll to it."""
        if self._large_shown:
            self._large.reveal(start, end)
            return
        offsets = self._mirror.offsets
        cursor = self.textCursor()
        cursor.setPosition(offsets.position(start))
        cursor.setPosition(offsets.position(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def top_offset(self) -> int:
        """The offset (in the exact text) of the first character on screen."""
        if self._large_shown:
            return self._large.first_visible_offset()
        return self._mirror.offsets.offset(self.cursorForPosition(QPoint(0, 0)).position())

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding `offset` is the first on screen; the cursor stays."""
        if self._large_shown:
            self._large.scroll_to(offset)
            return
        block = self.document().findBlock(self._mirror.offsets.position(offset))
        line = block.layout().lineForTextPosition(
            self._mirror.offsets.position(offset) - block.position()
        )
        number = line.lineNumber() if line.isValid() else 0
        self.verticalScrollBar().setValue(block.firstLineNumber() + number)

    def set_cursor_offset(self, offset: int) -> None:
        """Put the caret at `offset` of the exact text (no selection) and scroll to it."""
        if self._large_shown:
            self._large.set_cursor_position(offset)
            return
        cursor = self.textCursor()
        cursor.setPosition(self._mirror.offsets.position(min(offset, len(self._mirror.text))))
        self.setTextCursor(cursor)

    def scroll_bar(self) -> QScrollBar:
        """The vertical scroll bar of the editor shown."""
        return self._large.verticalScrollBar() if self._large_shown else self.verticalScrollBar()

    def is_large(self) -> bool:
        """Whether the text is in the large-text editor (see the module docstring)."""
        return self._large_shown

    def large_view(self) -> LargeTextEditor | None:
        """The large-text editor, while it shows the text."""
        return self._large if self._large_shown else None

    def has_text_focus(self) -> bool:
        """Whether the user is in the pane (in either editor)."""
        return self.hasFocus() or self._large.hasFocus()

    def _show_large(self, text: str) -> None:
        had_focus = self.has_text_focus()
        self._loading = True
        try:
            self.setPlainText("")  # Qt's copy would cost its layout and memory
        finally:
            self._loading = False
        self._large_shown = True
        self._large_before = text  # the text the next edit splices (see _on_large_edited)
        self._large.load_text(text)
        self._large.setGeometry(self.rect())
        self._large.show()
        self._large.raise_()
        # Focus given to the pane goes to the large-text editor (and hasFocus says so).
        self.setFocusProxy(self._large)
        if had_focus:
            self._large.setFocus()

    def _hide_large(self) -> None:
        if not self._large_shown:
            return
        self._large_shown = False
        had_focus = self._large.hasFocus()
        self.setFocusProxy(None)
        self._large.hide()
        self._large.load_text("")
        self._large.set_span_layers([])
        if had_focus:
            self.setFocus()

    def _on_text_changed(self) -> None:
        splice, self._splice, self._changes = self._splice, None, 0
        if not self._loading and not self._large_shown:
            self.text_edited.emit(self._mirror.text, splice)

    def _on_large_edited(self, position: int, removed: int, added: int, text: str) -> None:
        if self._highlights is not None:
            editor_highlights.drop_spans_from(self._starts, self._ends, position)
            self._refresh_highlights()  # before the edit is painted: cheap here
        before, self._large_before = self._large_before, text
        inserted = text[position : position + added]
        self.text_edited.emit(text, Splice(before, position, position + removed, inserted))

    def insertFromMimeData(self, source) -> None:
        """Paste; a text too large for this editor moves the pane to the large one."""
        pasted = source.text() if source.hasText() else ""
        if self._large_shown:
            self._large.insert_text(self._large.with_own_line_ends(pasted))
            return
        if len(pasted) > EDITABLE_LINE:
            current = self._mirror.text
            cursor = self.textCursor()
            start = self._mirror.offsets.offset(cursor.selectionStart())
            end = self._mirror.offsets.offset(cursor.selectionEnd())
            text = current[:start] + pasted + current[end:]
            if needs_large_view(text):
                self.clear_highlights()
                self._show_large(text)
                self._large.set_cursor_position(start + len(pasted))
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

    # Editing commands act on the editor shown (the Edit menu, tests, tools).

    def undo(self) -> None:
        self._large.undo() if self._large_shown else super().undo()

    def redo(self) -> None:
        self._large.redo() if self._large_shown else super().redo()

    def cut(self) -> None:
        self._large.cut() if self._large_shown else super().cut()

    def copy(self) -> None:
        self._large.copy() if self._large_shown else super().copy()

    def paste(self) -> None:
        self._large.paste() if self._large_shown else super().paste()

    def selectAll(self) -> None:
        self._large.selectAll() if self._large_shown else super().selectAll()

    def setReadOnly(self, read_only: bool) -> None:
        super().setReadOnly(read_only)
        self._large.setReadOnly(read_only)

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
        self._large.set_span_layers([])

    def highlighted_spans(self) -> list[tuple[str, int, int]]:
        """(rule id, start, end) of every highlighted span, in raw-text coordinates."""
        return [] if self._highlights is None else self._highlights.spans()

    def _set_painted(self, painted: list[tuple[int, int, QBrush]]) -> None:
        """Keep the highlight spans; paintEvent draws them (see there)."""
        self._painted = painted
        self.viewport().update()

    def extraSelections(self) -> list:
        """The highlights drawn now, as selections (QPlainTextEdit's own list stays empty)."""
        return editor_highlights.extra_selections(self, self._painted)

    def paintEvent(self, event) -> None:
        """Paint the highlight backgrounds, then the text over them."""
        if self._painted:
            editor_highlights.paint_spans(self, self._painted, event.rect())
        super().paintEvent(event)

    def set_highlighting_visible(self, visible: bool) -> None:
        self._highlighting = visible
        self._refresh_highlights()

    def rules_at(self, position: int) -> list[str]:
        """Labels of the rules whose spans cover the character at an editor position.

        In the large-text editor positions are Python offsets (it has no Qt document).
        """
        highlights = self._highlights
        if highlights is None:
            return []
        offset = position if self._large_shown else highlights.text_offset(position)
        return editor_highlights.labels_at(highlights.labels, self._starts, self._ends, offset)

    def _refresh_highlights(self) -> None:
        highlights = self._highlights
        shown = self._highlighting and highlights is not None
        if self._large_shown:
            self._set_painted([])
            spans = zip(self._brushes, self._starts, self._ends, strict=True) if shown else ()
            self._large.set_span_layers([SpanLayer(*layer) for layer in spans])
            return
        if not shown:
            self._set_painted([])
            return
        self._set_painted(
            editor_highlights.visible_spans(
                self, highlights, self._brushes, self._starts, self._ends
            )
        )

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        """After an edit, drop the spans from the edit on: they no longer line up."""
        if self._loading or self._highlights is None or self._large_shown:
            return
        offset = self._highlights.text_offset(position)
        editor_highlights.drop_spans_from(self._starts, self._ends, offset)
        self._refresh_timer.start()

    # -- events --------------------------------------------------------------

    def setFont(self, font: QFont) -> None:
        super().setFont(font)
        self._large.setFont(font)

    def set_large_font(self, font: QFont) -> None:
        """The font of the large-text editor (`setFont` sets both)."""
        self._large.setFont(font)

    def set_wrapping(self, wrap: bool) -> None:
        """View > Wrap Lines, in both editors."""
        self.setLineWrapMode(
            QPlainTextEdit.LineWrapMode.WidgetWidth if wrap else QPlainTextEdit.LineWrapMode.NoWrap
        )
        self._large.set_wrapping(wrap)

    def set_invisible_shown(self, shown: bool) -> None:
        """View > Show Invisible Characters in the large-text editor (see InvisibleMarks)."""
        self._large.set_invisible_shown(shown)

    def set_tab_inserts_tab(self, inserts: bool) -> None:
        """Whether Tab types a tab (Ctrl+Tab always does) instead of moving focus."""
        self.setTabChangesFocus(not inserts)
        self._large.set_tab_inserts_tab(inserts)

    def keyPressEvent(self, event) -> None:
        if self._large_shown:
            self._forward(event)
            return
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() == Qt.Key.Key_Tab and control and not self.isReadOnly():
            self.insertPlainText("\t")
            event.accept()
            return
        super().keyPressEvent(event)

    def _forward(self, event) -> None:
        """A key sent to the pane itself (a test, a tool) goes to the large-text editor.

        What that editor leaves propagates back here: on to the window, once.
        """
        if self._forwarding:
            event.ignore()
            return
        self._forwarding = True
        try:
            QApplication.sendEvent(self._large, event)
        finally:
            self._forwarding = False
        event.accept()

    def inputMethodEvent(self, event) -> None:
        if self._large_shown:
            self._forward(event)
            return
        super().inputMethodEvent(event)

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
        self._large.setGeometry(self.rect())
        self._refresh_timer.start()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            mark = self._large_mark_under(event.pos())
            if mark:
                QToolTip.showText(event.globalPos(), mark, self)
                return True
            labels = self._labels_under(event.pos()) if self._highlighting else []
            if labels:
                QToolTip.showText(event.globalPos(), editor_highlights.tooltip(labels), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _large_mark_under(self, point: QPoint) -> str | None:
        if not self._large_shown:
            return None
        return self._large.invisible_at(self._large.viewport().mapFrom(self, point))

    def _labels_under(self, point: QPoint) -> list[str]:
        if self._large_shown:
            local = self._large.viewport().mapFrom(self, point)
            return self.rules_at(self._large.offset_at(local))
        cursor = self.cursorForPosition(point - self.viewport().pos())
        position = cursor.position()
        if point.x() - self.viewport().x() < self.cursorRect(cursor).x():
            position -= 1
        return self.rules_at(position) if position >= 0 else []
