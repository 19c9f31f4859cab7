"""A `LargeTextView` that can also show each line unwrapped (View > Wrap Lines).

Unwrapped, each of the text's own lines is one row and the horizontal scroll
bar moves by characters; only the part of a row on screen is cut from the text
and drawn, so a one-line text of ten megabytes scrolls sideways as cheaply as
it wraps. The scroll range follows the longest row on screen. The output pane
and the raw pane's large-text editor are both such views.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from gui.app.widgets.large_text_view import LargeTextView


class WrappingTextView(LargeTextView):
    """Word-wrapped by default; `set_wrapping(False)` scrolls long lines sideways."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wrapping = True
        self._column = 0  # first character shown of each row, when unwrapped
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled_sideways)

    def set_wrapping(self, wrap: bool) -> None:
        if wrap == self._wrapping:
            return
        self._wrapping = wrap
        self._column = 0
        self.horizontalScrollBar().setValue(0)
        self.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if wrap else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        self._top = self._line_start_at(self._top)
        self._update_scroll_range()
        self._update_sideways_range()
        self.viewport().update()

    def wrapping(self) -> bool:
        return self._wrapping

    def _wrap(self, start: int) -> tuple[int, int]:
        if self._wrapping:
            return super()._wrap(start)
        newline = self._text.find("\n", start)
        if newline == -1:
            size = len(self._text)
            return size, size
        cr = newline > start and self._text[newline - 1] == "\r"  # part of the break
        return newline - cr, newline + 1

    def _anchor_before(self, position: int) -> int:
        if self._wrapping:
            return super()._anchor_before(position)
        return self._text.rfind("\n", 0, position) + 1

    def _segment(self, start: int, end: int) -> tuple[int, int]:
        if self._wrapping:
            return start, end
        first = min(start + self._column, end)
        return first, min(end, first + self._columns() + 1)

    def _on_scrolled_sideways(self, value: int) -> None:
        self._column = value
        self.viewport().update()

    def _update_sideways_range(self) -> None:
        bar = self.horizontalScrollBar()
        if self._wrapping:
            bar.setRange(0, 0)
            return
        rows = self._lines_from(self._top, self._rows() + 1) if self._text else []
        longest = max((end - start for start, end, _next in rows), default=0)
        bar.setRange(0, max(0, longest - self._columns() + 1))
        bar.setPageStep(self._columns())

    def _set_top(self, top: int, *, sync_bar: bool = True) -> None:
        super()._set_top(top, sync_bar=sync_bar)
        self._update_sideways_range()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_sideways_range()

    def wheelEvent(self, event) -> None:
        sideways = event.angleDelta().x() or (
            event.angleDelta().y() if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 0
        )
        if self._wrapping or not sideways:
            super().wheelEvent(event)
            return
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() - sideways // 40)
        event.accept()

    def reveal(self, start: int, end: int | None = None) -> None:
        super().reveal(start, end)
        if self._wrapping:
            return
        self._update_sideways_range()
        column = start - self._line_start_at(start)
        if not self._column <= column < self._column + self._columns():
            self.horizontalScrollBar().setValue(max(0, column - self._columns() // 3))
