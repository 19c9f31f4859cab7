"""A read-only text view that lays out only what is on screen.

Qt's text widgets lay out a whole block (a line between two line breaks) at
once, and the normalized output of wordopt is one line: ten megabytes take
seconds to lay out and hundreds of megabytes to hold. This view keeps the text
as the Python `str` it was given and word-wraps it lazily, from the first
visible character down to the bottom of the viewport, so opening, updating and
scrolling cost the same on ten megabytes as on ten words.

Scrolling is by character offset: the vertical scroll bar's value is the offset
of the first character shown (always the start of a wrapped line). Wrapped
lines are found by walking forward from there; going back a line re-wraps a
bounded stretch before it, so no step looks at more than a few screens of text.

Selection, Select All and Copy use the exact text (offsets into the `str`),
never the wrapped display. Optional highlight spans (Python offsets, one sorted
and disjoint list per colour) are painted under the visible text only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QGuiApplication, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QMenu, QWidget

from gui.app.widgets.text_display import CharWidths, RowTexts, SpanLayer, display_text

__all__ = ["LargeTextView", "SpanLayer", "display_text"]

# Going back one wrapped line re-wraps at most this many lines' worth of text.
_BACK_WINDOW_LINES = 64
_MARGIN = 4.0


class LargeTextView(QAbstractScrollArea):
    """Read-only, word-wrapped view of a str of any size."""

    # The selection changed (for Copy actions that follow it).
    selection_changed = Signal()
    # Ctrl+wheel: zoom by this many steps (the window owns the font size).
    zoom_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._top = 0
        self._anchor = 0
        self._cursor = 0
        self._placeholder = ""
        self._layers: list[SpanLayer] = []
        self._lines: list[tuple[int, int]] = []  # (start, end) of the lines last painted
        self._adjusting = False
        self._font_metrics: QFontMetricsF | None = None
        self._advance = 0.0
        self._column_count: int | None = None
        self._widths: CharWidths | None = None
        self._rows_drawn = RowTexts()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.verticalScrollBar().setSingleStep(1)

    # -- content -----------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Show `text`; the scroll position is kept (at the start of its wrapped line)."""
        if text is self._text:
            return
        self._text = text
        self._anchor = min(self._anchor, len(text))
        self._cursor = min(self._cursor, len(text))
        self._top = self._line_start_at(min(self._top, len(text)))
        self._update_scroll_range()
        self.viewport().update()

    def text(self) -> str:
        return self._text

    def toPlainText(self) -> str:
        return self._text

    def setPlaceholderText(self, text: str) -> None:
        self._placeholder = text
        self.viewport().update()

    def placeholderText(self) -> str:
        return self._placeholder

    def set_span_layers(self, layers: list[SpanLayer]) -> None:
        """Highlight these spans (offsets into the text); [] for none."""
        self._layers = layers
        self.viewport().update()

    def span_layers(self) -> list[SpanLayer]:
        return list(self._layers)

    # -- selection and clipboard -------------------------------------------------

    def selectAll(self) -> None:
        self._anchor, self._cursor = 0, len(self._text)
        self.viewport().update()
        self.selection_changed.emit()

    def set_selection(self, start: int, end: int) -> None:
        self._anchor = max(0, min(start, len(self._text)))
        self._cursor = max(0, min(end, len(self._text)))
        self.viewport().update()
        self.selection_changed.emit()

    def selection(self) -> tuple[int, int]:
        return min(self._anchor, self._cursor), max(self._anchor, self._cursor)

    def reveal(self, start: int, end: int | None = None) -> None:
        """Select [start, end) and scroll so it is on screen (a third of the way down)."""
        end = start if end is None else end
        self.set_selection(start, end)
        first, last = self.visible_range()
        if first <= start and end <= last and last > first:
            return
        top = self._line_start_at(start)
        self._set_top(self._scrolled_by(top, -max(self._rows() // 3, 0)))

    def selected_text(self) -> str:
        start, end = self.selection()
        return self._text[start:end]

    def copy(self) -> None:
        """Put the exact selected text on the clipboard."""
        selected = self.selected_text()
        if selected:
            QGuiApplication.clipboard().setText(selected)

    # -- wrapping ----------------------------------------------------------------

    def _metrics(self) -> QFontMetricsF:
        # Made once per font: building QFontMetricsF costs ~20 us, and wrapping
        # asks for it per line (thousands of times per update of a long text).
        if self._font_metrics is None:
            self._font_metrics = QFontMetricsF(self.font())
            self._widths = None  # measured in the new font
            self._advance = self._font_metrics.horizontalAdvance("M")
        return self._font_metrics

    def _char_widths(self) -> CharWidths:
        if self._widths is None:
            self._widths = CharWidths(self._metrics(), self._column_width())
        return self._widths

    def _monospaced(self, text: str) -> bool:
        """Whether every character of `text` is one column wide (see `CharWidths`)."""
        return text.isascii() or self._char_widths().monospaced(text)

    def _column_width(self) -> float:
        self._metrics()
        return self._advance

    def _line_height(self) -> float:
        return self._metrics().lineSpacing()

    def _width(self) -> float:
        return max(self.viewport().width() - 2 * _MARGIN, 1.0)

    def _columns(self) -> int:
        # Asked per wrapped line: kept until the viewport's size or the font changes.
        if self._column_count is None:
            self._column_count = max(int(self._width() // self._column_width()), 1)
        return self._column_count

    def _rows(self) -> int:
        return max(int(self.viewport().height() // self._line_height()), 1)

    def _wrap(self, start: int) -> tuple[int, int]:
        """The wrapped line starting at `start`: (end of its text, start of the next)."""
        text = self._text
        size = len(text)
        end = min(start + self._columns(), size)
        newline = text.find("\n", start, end)
        if newline != -1:
            end = newline
        chunk = text[start:end]
        if not self._monospaced(chunk):
            # Wide, combining or fallback-font characters: measure instead of counting.
            fits = self._char_widths().fitting(display_text(chunk), self._width())
            if fits < len(chunk):
                end, newline = start + fits, -1
        if newline != -1:
            # The `\r` of a `\r\n` is part of the break, not of the row.
            cr = newline > start and text[newline - 1] == "\r"
            return newline - cr, newline + 1
        if end >= size:
            return size, size
        if text[end] in " \n":
            return end, end + 1
        if text.startswith("\r\n", end):
            return end, end + 2
        # Break after the last space that fits; a longer word is cut where it must be.
        space = text.rfind(" ", start, end)
        if space > start:
            return space, space + 1
        return end, end

    def _segment(self, start: int, end: int) -> tuple[int, int]:
        """The part of the line [start, end) drawn (all of it here; see OutputView)."""
        return start, end

    def _lines_from(self, start: int, count: int) -> list[tuple[int, int, int]]:
        """Up to `count` wrapped lines from `start`: (start, end, next start)."""
        lines = []
        size = len(self._text)
        position = start
        while len(lines) < count:
            end, following = self._wrap(position)
            lines.append((position, end, following))
            if following >= size:
                break
            position = following
        return lines

    def _anchor_before(self, position: int) -> int:
        """A wrapped-line start at or before `position`, at most a few screens back."""
        text = self._text
        window = self._columns() * _BACK_WINDOW_LINES
        # (Looking no further back than the window: a 10 MB line is 2 ms to search.)
        line_start = text.rfind("\n", max(position - window, 0), position) + 1
        if line_start or position <= window:
            return line_start
        anchor = position - window
        space = text.find(" ", anchor, position)
        return space + 1 if space != -1 else anchor

    def _line_start_at(self, position: int) -> int:
        """Start of the wrapped line holding `position`."""
        size = len(self._text)
        if position <= 0 or not size:
            return 0
        start = self._anchor_before(position)
        while True:
            _end, following = self._wrap(start)
            if following > position or following >= size:
                return start
            start = following

    def _previous_line_start(self, position: int) -> int:
        if position <= 0:
            return 0
        return self._line_start_at(position - 1)

    def _scrolled_by(self, position: int, lines: int) -> int:
        if lines >= 0:
            found = self._lines_from(position, lines + 1)
            return found[-1][0]
        for _ in range(-lines):
            position = self._previous_line_start(position)
        return position

    def _last_top(self) -> int:
        """The largest first-line offset: the one that shows the end at the bottom."""
        size = len(self._text)
        rows = self._rows()
        start = self._anchor_before(max(size - rows * self._columns() * 2, 0))
        starts = [start]
        following = self._wrap(start)[1]
        while following < size:
            starts.append(following)
            following = self._wrap(following)[1]
        return starts[-rows] if len(starts) >= rows else 0

    def _update_scroll_range(self) -> None:
        bar = self.verticalScrollBar()
        maximum = self._last_top() if self._text else 0
        self._adjusting = True
        try:
            bar.setRange(0, maximum)
            bar.setPageStep(max(self._rows() * self._columns(), 1))
            bar.setSingleStep(self._columns())
            self._top = min(self._top, maximum)
            bar.setValue(self._top)
        finally:
            self._adjusting = False

    def _on_scrolled(self, value: int) -> None:
        if self._adjusting:
            return
        self._set_top(self._line_start_at(value), sync_bar=False)

    def _set_top(self, top: int, *, sync_bar: bool = True) -> None:
        bar = self.verticalScrollBar()
        top = max(0, min(top, bar.maximum()))
        self._top = top
        if sync_bar:
            self._adjusting = True
            bar.setValue(top)
            self._adjusting = False
        self.viewport().update()

    def scroll_lines(self, lines: int) -> None:
        self._set_top(self._scrolled_by(self._top, lines))

    def scroll_to(self, offset: int) -> None:
        """Make the line holding `offset` the first on screen (the selection stays)."""
        self._set_top(self._line_start_at(max(0, min(offset, len(self._text)))))

    def first_visible_offset(self) -> int:
        return self._top

    def visible_range(self) -> tuple[int, int]:
        """Offsets of the first and past the last character on screen."""
        lines = self._lines_from(self._top, self._rows() + 1)
        return self._top, lines[-1][1] if lines else self._top

    # -- events ------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._column_count = None
        self._top = self._line_start_at(self._top)
        self._update_scroll_range()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._font_metrics = None
            self._rows_drawn.clear()
            self._column_count = None
        self._update_scroll_range()

    def paintEvent(self, event) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        metrics = self._metrics()
        painter.setFont(self.font())
        height = self._line_height()
        ascent = metrics.ascent()
        if not self._text:
            self._lines = []
            if self._placeholder:
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                rect = QRectF(self.viewport().rect()).adjusted(_MARGIN, _MARGIN, -_MARGIN, 0)
                painter.drawText(rect, Qt.TextFlag.TextWordWrap, self._placeholder)
            self._paint_over(painter, [])
            return
        rows = self._lines_from(self._top, self._rows() + 1)
        lines = [(*self._segment(start, end), following) for start, end, following in rows]
        self._lines = [(start, end) for start, end, _ in lines]
        first, last = self._top, lines[-1][2] if lines else self._top
        sel_start, sel_end = self.selection()
        text_color = palette.color(QPalette.ColorRole.Text)
        highlighted_text = palette.color(QPalette.ColorRole.HighlightedText)
        selection_color = palette.color(QPalette.ColorRole.Highlight)
        # Per layer, its spans on screen and the first that may reach the row painted
        # (rows go forward, and a layer's spans are sorted and disjoint).
        layers = []
        for layer in self._layers:
            spans = layer.spans_in(first, last)
            if spans:
                layers.append([layer.color, spans, 0])
        clip = event.rect()
        for row, (start, end, _following) in enumerate(lines):
            y = _MARGIN / 2 + row * height
            if y + height < clip.top() or y > clip.bottom() + 1:
                continue  # e.g. the caret's blink repaints its row only
            line = display_text(self._text[start:end])
            mono = self._monospaced(line)
            for layer in layers:
                color, spans, index = layer
                while index < len(spans) and spans[index][1] <= start:
                    index += 1
                layer[2] = index
                while index < len(spans) and spans[index][0] < end:
                    left, right = max(spans[index][0], start), min(spans[index][1], end)
                    if left < right:
                        self._fill(painter, line, start, left, right, y, height, color, mono)
                    index += 1
            painter.setPen(text_color)
            painter.drawStaticText(QPointF(_MARGIN, y), self._rows_drawn.get(line))
            left, right = max(sel_start, start), min(sel_end, end)
            if left < right:
                x = self._fill(painter, line, start, left, right, y, height, selection_color)
                painter.setPen(highlighted_text)
                painter.drawText(QPointF(x, y + ascent), line[left - start : right - start])
        self._paint_over(painter, lines)

    def _paint_over(self, painter: QPainter, lines: list[tuple[int, int, int]]) -> None:
        """Paint over the text of the rows painted, (start, end, next) (the editor's caret)."""

    def _row_top(self, row: int) -> float:
        return _MARGIN / 2 + row * self._line_height()

    def _x(self, line: str, column: int, mono: bool | None = None) -> float:
        """The x of a column of a drawn row (`mono`: whether it is `_monospaced`, if known)."""
        if mono if mono is not None else self._monospaced(line):
            return _MARGIN + column * self._column_width()
        return _MARGIN + self._metrics().horizontalAdvance(line[:column])

    def _fill(self, painter, line, start, left, right, y, height, color, mono=None) -> float:
        x0 = self._x(line, left - start, mono)
        x1 = self._x(line, right - start, mono)
        painter.fillRect(QRectF(x0, y, x1 - x0, height), color)
        return x0

    def offset_at(self, point) -> int:
        """The text offset under a point of the viewport."""
        if not self._text:
            return 0
        lines = self._lines or [(s, e) for s, e, _ in self._lines_from(self._top, self._rows())]
        row = int((point.y() - _MARGIN / 2) // self._line_height())
        if row < 0:
            return lines[0][0]
        if row >= len(lines):
            return lines[-1][1]
        start, end = lines[row]
        return start + self._column_at(display_text(self._text[start:end]), point.x())

    def _column_at(self, line: str, x: float) -> int:
        """The column of a drawn row `line` nearest to `x` (a caret position)."""
        if self._monospaced(line):
            column = round((x - _MARGIN) / self._column_width())
            return max(0, min(column, len(line)))
        column = 0
        while column < len(line) and x > (self._x(line, column) + self._x(line, column + 1)) / 2:
            column += 1
        return column

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            offset = self.offset_at(event.position())
            self._cursor = offset
            if not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self._anchor = offset
            self.viewport().update()
            self.selection_changed.emit()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            position = event.position()
            if position.y() < 0:
                self.scroll_lines(-1)
            elif position.y() > self.viewport().height():
                self.scroll_lines(1)
            self._cursor = self.offset_at(position)
            self.viewport().update()
            self.selection_changed.emit()

    def mouseDoubleClickEvent(self, event) -> None:
        offset = self.offset_at(event.position())
        text = self._text
        start = offset
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        end = offset
        while end < len(text) and text[end].isalnum():
            end += 1
        self.set_selection(start, end)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            zoom = event.angleDelta().y() // 120
            if zoom:
                self.zoom_requested.emit(zoom)
            event.accept()
            return
        steps = event.angleDelta().y() // 40
        if steps:
            self.scroll_lines(-steps)
        event.accept()

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.selectAll()
        elif event.matches(QKeySequence.StandardKey.MoveToNextPage):
            self.scroll_lines(max(self._rows() - 1, 1))
        elif event.matches(QKeySequence.StandardKey.MoveToPreviousPage):
            self.scroll_lines(-max(self._rows() - 1, 1))
        elif event.matches(QKeySequence.StandardKey.MoveToNextLine):
            self.scroll_lines(1)
        elif event.matches(QKeySequence.StandardKey.MoveToPreviousLine):
            self.scroll_lines(-1)
        elif event.matches(QKeySequence.StandardKey.MoveToStartOfDocument):
            self._set_top(0)
        elif event.matches(QKeySequence.StandardKey.MoveToEndOfDocument):
            self._set_top(self.verticalScrollBar().maximum())
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        menu = QMenu(self)
        copy = menu.addAction("&Copy", self.copy)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(self._anchor != self._cursor)
        select_all = menu.addAction("Select &All", self.selectAll)
        select_all.setShortcut(QKeySequence.StandardKey.SelectAll)
        menu.exec(event.globalPos())
