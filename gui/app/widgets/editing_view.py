"""Editing a Python str in a lazily wrapped view: the model of `LargeTextEditor`.

`EditingTextView` adds to `WrappingTextView` what an editor does to its text
and caret, without the events that drive it (keys, mouse, input methods: see
`large_text_editor`). Each edit is one splice of the str,
`text[:start] + new + text[end:]` (one allocation, a memcpy even on ten
megabytes), recorded for Undo (`text_editing`) and reported by
`edited(position, removed, added, text)`: the text goes as an `object` (a
`str` signal would convert it to a QString and back per edit). Moves give the
caret's new offset (by character, `\r\n` as one; by word; by wrapped row,
keeping the x it started from; by page; to the row's or the text's ends), and
every edit and move scrolls just enough to keep the caret on screen.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from gui.app.widgets.large_text_view import display_text
from gui.app.widgets.text_editing import ERASING, OTHER, Edit, EditHistory, word_end, word_start
from gui.app.widgets.wrapping_view import WrappingTextView

__all__ = ["EditingTextView"]

_BREAKS = re.compile("\r\n|[\r\n\u2029]")


def _line_end_of(text: str) -> str:
    """The line end Enter types: `\\r\\n` if every break of the text is one."""
    breaks = text.count("\n")
    return "\r\n" if breaks and text.count("\r\n") == breaks else "\n"


class EditingTextView(WrappingTextView):
    """A wrapping view whose text, caret and selection the user can change."""

    # One edit: at `position`, `removed` characters became `added` ones; the new text.
    edited = Signal(int, int, int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_only = False
        self._history = EditHistory()
        self._newline = "\n"
        self._goal_x: float | None = None  # kept by Up/Down/PgUp/PgDn over short rows
        self._extending = False  # a Shift move: Left/Right go from the caret

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
        self._update_range_after(position + len(edit.added), len(edit.added) - removed)
        # The edit first, then the move (as Qt's editor signals them): what follows
        # the selection (the linked views) must not map it through stale links.
        self.edited.emit(position, removed, len(edit.added), self._text)
        self._after_move()

    def _update_range_after(self, end: int, delta: int) -> None:
        """The scroll range after an edit ending at `end` that changed the length by `delta`.

        With a line break between the edit and the last screen's first row, that
        row only moved by `delta` (its rows wrap the same): no need to wrap them.
        """
        bar = self.verticalScrollBar()
        last = bar.maximum() + delta
        if not end < last or self._text.rfind("\n", end, last) == -1:
            self._update_scroll_range()
            return
        self._adjusting = True
        try:
            bar.setRange(0, last)
            bar.setValue(self._top)
        finally:
            self._adjusting = False

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
            self.insert_text(self.with_own_line_ends(pasted))

    def with_own_line_ends(self, text: str) -> str:
        """`text` with its line breaks as the text's own (as Qt's editor pastes them)."""
        if "\r" in text or "\u2029" in text or (self._newline != "\n" and "\n" in text):
            return _BREAKS.sub(self._newline, text)
        return text

    # -- moving ----------------------------------------------------------------------

    def set_selection(self, start: int, end: int) -> None:
        self._history.close_step()
        self._goal_x = None
        super().set_selection(start, end)

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
        self._caret_moved()
        self.viewport().update()
        self.selection_changed.emit()

    def _caret_moved(self) -> None:
        """The caret moved or the text changed (the editor restarts its blink)."""

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
        if self._caret_row(self._lines_from(self._top, rows)) is not None:
            row = 0  # on screen (by far the most frequent: typing)
        else:
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
