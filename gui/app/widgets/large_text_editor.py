"""An editable `LargeTextView`: typing on a text of any size costs the same.

QPlainTextEdit lays out a whole line (block) on every keystroke in it, so a
100,000-character line costs 30 ms a key and a megabyte a few hundred. This
editor keeps the exact Python `str` and, like the view it extends, wraps and
paints only the rows on screen. Each edit is one splice of the str, reported
by `edited(position, removed, added, text)` (see `editing_view`, which does
the editing; this module is the widget: keys, mouse, input methods, the
caret's blink, the context menu, file drops).

What a plain-text editor does: a blinking caret; typing, including input
methods' commit strings; Backspace and Delete (Ctrl: by words); Enter, which
types the text's own line end (`\\r\\n` in a text whose every break is one);
Tab per `set_tab_inserts_tab` (by default Tab moves the focus on and Ctrl+Tab
types a tab); the arrows, Home and End (of the wrapped row), Page Up and Down,
Ctrl+Home and End, Ctrl+Left and Right by words, Shift extending the
selection; Cut, Copy, Paste, Select All, Undo and Redo by their standard keys
and in the context menu (consecutive typed characters undo as one step, see
`text_editing`); the caret kept on screen after every edit and move; a
read-only mode; the marks of View > Show Invisible Characters. The keys it
handles are claimed from the window's shortcuts (Ctrl+Z undoes typing here,
not the window's rule change).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from gui.app.widgets import editor_keys
from gui.app.widgets.editing_view import EditingTextView
from gui.app.widgets.file_drops import FileDrops
from gui.app.widgets.invisible_marks import INVISIBLE, describe, paint_marks
from gui.app.widgets.large_text_view import display_text
from gui.app.widgets.text_editing import TYPING

__all__ = ["LargeTextEditor"]

_CONTROL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier


class LargeTextEditor(FileDrops, EditingTextView):
    """A plain-text editor on a Python str that lays out only the rows on screen."""

    # Local files were dropped onto the editor.
    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tab_inserts_tab = False
        self._caret_on = True
        self._marks_shown = False
        self._painted_rows: list[tuple[int, int, int]] = []
        self._blink = QTimer(self)
        self._blink.timeout.connect(self._toggle_caret)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)

    def set_tab_inserts_tab(self, inserts: bool) -> None:
        """Whether Tab types a tab (Ctrl+Tab always does) instead of moving focus."""
        self._tab_inserts_tab = inserts

    def _caret_moved(self) -> None:
        self._caret_on = True
        if self._blink.interval() > 0 and self.hasFocus():
            self._blink.start()

    def set_invisible_shown(self, shown: bool) -> None:
        """Mark zero-width, control and unusual space characters (see invisible_marks)."""
        self._marks_shown = shown
        self.viewport().update()

    def _marks(self, lines: list[tuple[int, int, int]]) -> list[tuple[QRect, str]]:
        """The invisible characters on the rows painted: where, and which."""
        found = []
        for row, (first, last, _following) in enumerate(lines if self._marks_shown else ()):
            line = display_text(self._text[first:last])
            for match in INVISIBLE.finditer(self._text, first, last):
                x0, x1 = (self._x(line, match.start() - first + n) for n in (0, 1))
                box = QRectF(x0, self._row_top(row), x1 - x0, self._line_height())
                found.append((box.toRect(), match.group()))
        return found

    def invisible_at(self, point) -> str | None:
        """What the marked character under a viewport point is ("U+200B ZERO WIDTH SPACE")."""
        for rect, char in self._marks(self._painted_rows):
            if rect.adjusted(-3, 0, 3, 0).contains(point):
                return describe(char)
        return None

    def _paint_over(self, painter: QPainter, lines: list[tuple[int, int, int]]) -> None:
        self._painted_rows = lines
        if self._marks_shown:
            paint_marks(painter, [rect for rect, _char in self._marks(lines)])
        if not (self._caret_on and self.hasFocus() and not self._read_only):
            return
        rect = self.caret_rect(lines)
        if rect is not None:
            painter.fillRect(rect, self.palette().color(QPalette.ColorRole.Text))

    def _toggle_caret(self) -> None:
        self._caret_on = not self._caret_on
        rect = self.caret_rect(self._painted_rows or None)  # (nothing moved since: it blinks)
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
            return self._text[start : min(self._wrap(start)[0], start + 1000)]
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
