"""The normalized-output pane: read-only, replaced whole on each result.

The wordopt output is one long line, and Qt's text widgets lay out a whole
line at once: seconds for a few megabytes. So this pane is a `LargeTextView`,
which keeps the output as the engine's `str` and wraps and paints only the
lines on screen; updating it costs the same whatever the output's size. It
keeps its scroll position across updates, so the preview does not jump while
the user types. Copy and Select All work on the exact output. What rules
inserted (replacement tokens such as `<URL>`) is marked in the rule's colour
(`set_insertions`).

Wrap Lines (`set_wrapping`) applies here as in the raw pane. Unwrapped, each
of the text's own lines is one row and the horizontal scroll bar moves by
characters; only the part of a row on screen is cut from the text and drawn,
so a one-line output of ten megabytes scrolls sideways as cheaply as it wraps.
The scroll range follows the longest row on screen.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from gui.app.widgets.large_text_view import LargeTextView, SpanLayer
from gui.app.widgets.raw_editor import monospace_font
from gui.app.widgets.rule_colors import highlight_brush


class OutputView(LargeTextView):
    """The normalized text, exactly as the engine returned it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("normalized_text")
        self.setAccessibleName("Normalized output")
        self.setAccessibleDescription("The text as the rules left it, read-only")
        self.setFont(monospace_font())
        self.setAcceptDrops(False)
        self.setPlaceholderText("The normalized text appears here.")
        self._wrapping = True
        self._column = 0  # first character shown of each row, when unwrapped
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled_sideways)

    # -- wrapping ----------------------------------------------------------------

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
        size = len(self._text)
        return (newline, newline + 1) if newline != -1 else (size, size)

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

    def set_output(self, text: str) -> None:
        if text == self.text():
            return
        selected = self.selection()
        self.set_text(text)
        self.set_span_layers([])  # insertions of the previous output
        if selected[0] != selected[1]:
            # The offsets now point into another text: a stale selection would
            # copy, and link to, what the user never selected.
            self.set_selection(selected[1], selected[1])
        self._update_sideways_range()

    def set_insertions(self, insertions: Iterable[tuple[int, int, int]]) -> None:
        """Mark what rules inserted (`<URL>`), (start, end, rule position), in rule colours."""
        by_rule: dict[int, tuple[list[int], list[int]]] = {}
        for start, end, rule in insertions:
            starts, ends = by_rule.setdefault(rule, ([], []))
            starts.append(start)
            ends.append(end)
        self.set_span_layers(
            [
                SpanLayer(highlight_brush(rule), starts, ends)
                for rule, (starts, ends) in sorted(by_rule.items())
                if rule >= 0
            ]
        )

    def setPlainText(self, text: str) -> None:
        self.set_output(text)

    def selection_range(self) -> tuple[int, int]:
        return self.selection()

    def select_range(self, start: int, end: int) -> None:
        self.reveal(start, end)

    def output(self) -> str:
        """The text shown, exactly as given."""
        return self.text()
