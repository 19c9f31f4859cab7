"""An editable `LargeTextView`: typing on a text of any size costs the same.

QPlainTextEdit lays out a whole line (block) on every keystroke in it, so a
100,000-character line costs 30 ms a key and a megabyte a few hundred. This
editor keeps the exact Python `str` and, like the view it extends, wraps and
paints only the rows on screen. Each edit is one splice of the str,
`text[:start] + new + text[end:]` (a memcpy, even on ten megabytes), and is
reported by `edited(position, removed, added, text)`: the text goes as an
`object` (a `str` signal would convert it to a QString and back per key).

What a plain-text editor does: a blinking caret; typing, including input
methods' commit strings; Backspace and Delete (Ctrl: by words); Enter, which
types the text's own line end (`\\r\\n` in a text whose every break is one);
Tab per `set_tab_inserts_tab` (by default Tab moves the focus on and Ctrl+Tab
types a tab); the arrows, Home and End (of the wrapped row), Page Up and Down,
Ctrl+Home and End, Ctrl+Left and Right by words, Shift extending the
selection; Cut, Copy, Paste, Select All, Undo and Redo by their standard keys
and in the context menu (consecutive typed characters undo as one step, see
`text_editing`); the caret kept on screen after every edit and move; and a
read-only mode. The keys it handles are claimed from the window's shortcuts
(Ctrl+Z undoes typing here, not the window's rule change).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from gui.app.widgets import editor_keys
from gui.app.widgets.large_text_view import display_text
from gui.app.widgets.text_editing import (
    ERASING,
    OTHER,
    TYPING,
    Edit,
    EditHistory,
    word_end,
    word_start,
)
from gui.app.widgets.wrapping_view import WrappingTextView

__all__ = ["LargeTextEditor", "local_file_paths"]

_BREAKS = re.compile("\r\n|[\r\n\u2029]")
_CONTROL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier


def local_file_paths(mime) -> list[str]:
    """The local files a drag carries (none if it carries anything else)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def _line_end_of(text: str) -> str:
    """The line end Enter types: `\\r\\n` if every break of the text is one."""
    breaks = text.count("\n")
    return "\r\n" if breaks and text.count("\r\n") == breaks else "\n"


class LargeTextEditor(WrappingTextView):
    """A plain-text editor on a Python str that lays out only the rows on screen."""

    # One edit: at `position`, `removed` characters became `added` ones; the new text.
    edited = Signal(int, int, int, object)
    # Local files were dropped onto the editor.
    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_only = False
        self._history = EditHistory()
        self._newline = "\n"
        self._tab_inserts_tab = False
        self._goal_x: float | None = None  # kept by Up/Down/PgUp/PgDn over short rows
        self._extending = False  # a Shift move: Left/Right go from the caret
        self._caret_on = True
        self._blink = QTimer(self)
        self._blink.timeout.connect(self._toggle_caret)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)

    # -- content -------------------------------------------------------------------

    def load_text(self, text: str) -> None:
        """Show a new text from its start: no edit, and no undo back past it."""
        self._history.clear()
        self._newline = _line_end_of(text)
        self._anchor = self._cursor = 0
        self._top = 0
        self.set_text(text)
        self._set_top(0)
        self.selection_changed.emit()

    def newline(self) -> str:
        return self._newline

    def setReadOnly(self, read_only: bool) -> None:
        self._read_only = read_only
        self.viewport().update()

    def isReadOnly(self) -> bool:
        return self._read_only

    def set_tab_inserts_tab(self, inserts: bool) -> None:
        """Whether Tab types a tab (Ctrl+Tab always does) instead of moving focus."""
        self._tab_inserts_tab = inserts

    def cursor_position(self) -> int:
        return self._cursor

    def set_cursor_position(self, offset: int) -> None:
        """Move the caret (no selection) and scroll to it."""
        self._move_to(max(0, min(offset, len(self._text))), select=False)

    def can_undo(self) -> bool:
        return self._history.can_undo() and not self._read_only

    def can_redo(self) -> bool:
        return self._history.can_redo() and not self._read_only

    # -- editing -------------------------------------------------------------------

    def insert_text(self, text: str, kind: str = OTHER) -> None:
        """Replace the selection with `text` (as typed or pasted)."""
        start, end = self.selection()
        self._replace(start, end, text, kind)

    def _replace(self, start: int, end: int, new: str, kind: str = OTHER) -> None:
        if self._read_only:
            return
        removed = self._text[start:end]
        if not removed and not new:
            return
        caret = start + len(new)
        edit = Edit(start, removed, new, (self._anchor, self._cursor), (caret, caret), kind)
        self._history.record(edit)
        self._apply(edit)

    def _apply(self, edit: Edit) -> None:
        text = self._text
        position, removed = edit.position, len(edit.removed)
        # One allocation of the new size (a slice to the end is the str itself).
        self._text = "".join((text[:position], edit.added, text[position + removed :]))
        if position < self._top:  # keep the rows on screen where they were
            self._top = max(position, self._top + len(edit.added) - removed)
            self._top = self._line_start_at(self._top)
        self._anchor, self._cursor = edit.after
        self._goal_x = None
        self._update_scroll_range()
        self._after_move()
        self.edited.emit(position, removed, len(edit.added), self._text)

    def _erase(self, to: int) -> None:
        """Backspace/Delete: the selection, else from the caret to `to`."""
        start, end = self.selection()
        if start == end:
            start, end = sorted((self._cursor, to))
        self._replace(start, end, "", ERASING)

    def undo(self) -> None:
        if not self._read_only:
            edit = self._history.undo()
            if edit is not None:
                self._apply(edit)

    def redo(self) -> None:
        if not self._read_only:
            edit = self._history.redo()
            if edit is not None:
                self._apply(edit)

    def cut(self) -> None:
        if not self._read_only and self._anchor != self._cursor:
            self.copy()
            self.insert_text("")

    def paste(self) -> None:
        pasted = QGuiApplication.clipboard().text()
        if pasted and not self._read_only:
            self.insert_text(self._with_own_line_ends(pasted))

    def _with_own_line_ends(self, text: str) -> str:
        # As the small editor does: any pasted break becomes the text's own.
        if "\r" in text or "\u2029" in text or (self._newline != "\n" and "\n" in text):
            return _BREAKS.sub(self._newline, text)
        return text

    # -- moving ----------------------------------------------------------------------

    def has_selection(self) -> bool:
        return self._anchor != self._cursor

    def erase_forward(self) -> None:
        self._erase(self.next_char())

    def erase_word_back(self) -> None:
        self._erase(word_start(self._text, self._cursor))

    def erase_word_forward(self) -> None:
        self._erase(word_end(self._text, self._cursor))

    # Moves: each gives the caret's new offset (see editor_keys.MOVES).

    def next_char(self) -> int:
        start, end = self.selection()
        if start != end and not self._extending:
            return end
        position = self._cursor
        return min(
            position + (2 if self._text.startswith("\r\n", position) else 1), len(self._text)
        )

    def previous_char(self) -> int:
        start, end = self.selection()
        if start != end and not self._extending:
            return start
        position = self._cursor
        if position >= 2 and self._text.startswith("\r\n", position - 2):
            return position - 2
        return max(position - 1, 0)

    def next_word(self) -> int:
        return word_end(self._text, self._cursor)

    def previous_word(self) -> int:
        return word_start(self._text, self._cursor)

    def row_start(self) -> int:
        return self._line_start_at(self._cursor)

    def row_end(self) -> int:
        return self._wrap(self.row_start())[0]

    def text_start(self) -> int:
        return 0

    def text_end(self) -> int:
        return len(self._text)

    def line_down(self) -> int:
        return self._vertical(1)

    def line_up(self) -> int:
        return self._vertical(-1)

    def page_down(self) -> int:
        return self._page(1)

    def page_up(self) -> int:
        return self._page(-1)

    def _x_in_row(self, start: int, offset: int) -> float:
        first = min(start + (0 if self._wrapping else self._column), offset)
        return self._x(display_text(self._text[first:offset]), offset - first)

    def _vertical(self, rows: int) -> int:
        """The offset `rows` wrapped rows down (up if negative), at the same x."""
        start = self.row_start()
        if self._goal_x is None:
            self._goal_x = self._x_in_row(start, self._cursor)
        target = self._scrolled_by(start, rows)
        if target == start:  # no row there: to the start or the end of the text
            return 0 if rows < 0 else len(self._text)
        first, last = self._segment(target, self._wrap(target)[0])
        return first + self._column_at(display_text(self._text[first:last]), self._goal_x)

    def _page(self, pages: int) -> int:
        rows = max(self._rows() - 1, 1) * pages
        goal = self._goal_x
        self.scroll_lines(rows)  # the caret stays on the same row of the screen
        self._goal_x = goal
        return self._vertical(rows)

    def _move_to(self, offset: int, *, select: bool) -> None:
        self._cursor = offset
        if not select:
            self._anchor = offset
        self._history.close_step()
        self._after_move()

    def _after_move(self) -> None:
        self.ensure_caret_visible()
        self._caret_on = True
        if self._blink.interval() > 0 and self.hasFocus():
            self._blink.start()
        self.viewport().update()
        self.selection_changed.emit()

    # -- the caret on screen -----------------------------------------------------------

    def _caret_row(self, lines: list[tuple[int, int, int]]) -> int | None:
        """Which of `lines` (start, end, next) shows the caret, if any."""
        caret, size = self._cursor, len(self._text)
        for row, (start, end, following) in enumerate(lines):
            if start <= caret < end or (caret == end and (following > end or end >= size)):
                return row
        return None

    def ensure_caret_visible(self) -> None:
        """Scroll so the caret's row is on screen (by as little as it takes)."""
        if not self._text:
            return
        rows = self._rows()
        ahead = self._lines_from(self._top, rows * 2)
        row = self._caret_row(ahead)
        if row is None or row >= rows:
            if row is not None:
                top = ahead[row - rows + 1][0]
            elif self._cursor < self._top:
                top = self._line_start_at(self._cursor)
            else:
                top = self._scrolled_by(self._line_start_at(self._cursor), -(rows - 1))
            self._set_top(top)
        if not self._wrapping:
            column = self._cursor - self._line_start_at(self._cursor)
            columns = self._columns()
            if not self._column <= column < self._column + columns:
                self.horizontalScrollBar().setValue(max(0, column - columns * 2 // 3))

    def caret_rect(self, rows: list[tuple[int, int, int]] | None = None) -> QRectF | None:
        """Where the caret is drawn, in viewport coordinates (None when off screen).

        `rows`: the rows painted (start, end, next), if known.
        """
        if rows is None:
            rows = self._lines_from(self._top, self._rows() + 1)
            rows = [(*self._segment(start, end), following) for start, end, following in rows]
        row = self._caret_row(rows or [(0, 0, 0)])
        if row is None:
            return None
        first, last, _following = (rows or [(0, 0, 0)])[row]
        if not first <= self._cursor <= last:
            return None
        x = self._x(display_text(self._text[first:last]), self._cursor - first)
        return QRectF(x, self._row_top(row), 1.0, self._line_height())

    def _paint_over(self, painter: QPainter, lines: list[tuple[int, int, int]]) -> None:
        if not (self._caret_on and self.hasFocus() and not self._read_only):
            return
        rect = self.caret_rect(lines)
        if rect is not None:
            painter.fillRect(rect, self.palette().color(QPalette.ColorRole.Text))

    def _toggle_caret(self) -> None:
        self._caret_on = not self._caret_on
        rect = self.caret_rect()
        if rect is not None:
            self.viewport().update(rect.adjusted(-1, 0, 1, 0).toAlignedRect())

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        flash = QGuiApplication.styleHints().cursorFlashTime()
        self._blink.setInterval(flash // 2 if flash > 0 else 0)
        self._caret_on = True
        if flash > 0:
            self._blink.start()
        self.viewport().update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self._blink.stop()
        self._history.close_step()
        self.viewport().update()

    # -- keys ----------------------------------------------------------------------------

    def _handler(self, event) -> Callable[[], None] | None:
        """What a key press does here (None: not ours, e.g. a window shortcut)."""
        command = editor_keys.command_of(event)
        if command is not None:
            return getattr(self, command)
        move = editor_keys.move_of(event)
        if move is not None:
            return lambda: self._do_move(*move)
        key, modifiers = event.key(), event.modifiers()
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Backspace:
            return lambda: self._erase(self.previous_char())
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return lambda: self.insert_text(self._newline)
        if key == Qt.Key.Key_Tab and (control or self._tab_inserts_tab):
            return lambda: self.insert_text("\t", TYPING)
        text = event.text()
        if text and text.isprintable() and not modifiers & _CONTROL:
            return lambda: self.insert_text(text, TYPING)
        return None

    def _do_move(self, name: str, select: bool) -> None:
        if name not in editor_keys.VERTICAL:
            self._goal_x = None  # Up and Down keep the x they started from
        self._extending = select
        try:
            offset = getattr(self, name)()
        finally:
            self._extending = False
        self._move_to(offset, select=select)

    def keyPressEvent(self, event) -> None:
        handler = self._handler(event)
        if handler is None:
            event.ignore()
            return
        handler()
        event.accept()

    def _claims(self, event) -> bool:
        """Whether a key that is also a shortcut is the editor's (as in QPlainTextEdit)."""
        if self._handler(event) is None:
            return False
        plain = event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        standard = editor_keys.command_of(event) or editor_keys.move_of(event)
        return plain == Qt.KeyboardModifier.NoModifier or standard is not None

    def focusNextPrevChild(self, forward: bool) -> bool:
        if self._tab_inserts_tab and not self._read_only:
            return False  # Tab types a tab (QWidget asks this before keyPressEvent)
        return super().focusNextPrevChild(forward)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._claims(event):
            event.accept()  # the key is the editor's, not the window's
            return True
        return super().event(event)

    def inputMethodEvent(self, event) -> None:
        commit = event.commitString()
        if commit and not self._read_only:
            self.insert_text(commit, TYPING)
        event.accept()

    def inputMethodQuery(self, query):
        kind = Qt.InputMethodQuery
        if query == kind.ImEnabled:
            return not self._read_only
        if query in (kind.ImCursorRectangle, kind.ImAnchorRectangle):
            rect = self.caret_rect()
            return rect.toAlignedRect() if rect is not None else self.viewport().rect()
        if query == kind.ImFont:
            return self.font()
        if query in (kind.ImCursorPosition, kind.ImAnchorPosition):
            start = self.row_start()
            return (self._cursor if query == kind.ImCursorPosition else self._anchor) - start
        if query == kind.ImSurroundingText:
            start = self.row_start()
            return self._text[start : self._wrap(start)[0]]
        if query == kind.ImCurrentSelection:
            return self.selected_text()[:1000]
        return super().inputMethodQuery(query)

    # -- mouse, menu, drops ------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)
        self._goal_x = None
        self._history.close_step()
        self._after_move()

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._caret_on = True

    def contextMenuEvent(self, event) -> None:
        editor_keys.context_menu(self, self).exec(event.globalPos())

    def dragEnterEvent(self, event) -> None:
        if local_file_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = local_file_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
