"""The normalized-output pane: read-only, showing each result (only its change, where known).

The wordopt output is one long line, and Qt's text widgets lay out a whole
line at once: seconds for a few megabytes. So this pane is a `LargeTextView`,
which keeps the output as the engine's `str` and wraps and paints only the
lines on screen; updating it costs the same whatever the output's size. It
keeps its scroll position across updates, so the preview does not jump while
the user types; given what changed of the output (the incremental preview
knows), it redoes only that: no repaint for a change off screen, and the
rows from the change down for one on it. Copy and Select All work on the
exact output. What rules
inserted (replacement tokens such as `<URL>`) is marked in the rule's colour
(`set_insertions`).

Wrap Lines (`set_wrapping`, see `WrappingTextView`) applies here as in the raw
pane.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from gui.app.widgets.large_text_view import SpanLayer
from gui.app.widgets.raw_editor import monospace_font
from gui.app.widgets.rule_colors import highlight_brush
from gui.app.widgets.wrapping_view import WrappingTextView
from gui.engine.explain.lines import OutputChange


class OutputView(WrappingTextView):
    """The normalized text, exactly as the engine returned it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("normalized_text")
        self.setAccessibleName("Normalized output")
        self.setAccessibleDescription("The text as the rules left it, read-only")
        self.setFont(monospace_font())
        self.setAcceptDrops(False)
        self.setPlaceholderText("The normalized text appears here.")
        self._painted_text: str | None = None  # the text whose rows were painted last

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self._painted_text = self._text

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        # The scroll bar following the text (`_update_scroll_range`) moves nothing
        # on screen; Qt's default would repaint the whole viewport for it.
        if not self._adjusting:
            super().scrollContentsBy(dx, dy)

    def set_output(self, text: str, change: tuple[str, OutputChange] | None = None) -> None:
        """Show `text`; `change`: (the output before, what changed of it), if known.

        With a change of the output shown, only what it moved is redone: a
        change above the screen shifts the top by its length (the same
        characters stay in view), one below it repaints nothing, and one on
        screen repaints from its row down.
        """
        # (The rows last painted must be those of the output the change is of.)
        painted = self._painted_text is self.text()
        if change is not None and change[0] is self.text() and painted and self.wrapping():
            selected = self.selection()
            self._apply_change(text, change[1])
        elif text == self.text():
            return
        else:
            selected = self.selection()
            self.set_text(text)
        if self._layers:
            self.set_span_layers([])  # insertions of the previous output
        if selected[0] != selected[1]:
            # The offsets now point into another text: a stale selection would
            # copy, and link to, what the user never selected.
            self.set_selection(selected[1], selected[1])
        self._update_sideways_range()

    def _apply_change(self, text: str, change: OutputChange) -> None:
        rows, top = self._lines, self._top
        shown_end = rows[-1][1] if rows else top
        self._text = text
        delta = len(change.text) - (change.end - change.start)
        self._anchor = min(self._anchor, len(text))
        self._cursor = min(self._cursor, len(text))
        if change.end <= top and rows:
            self._top = top + delta
            self._lines = [(start + delta, end + delta) for start, end in rows]
            self._painted_text = text  # the rows on screen, in the new offsets
            self._update_scroll_range()
            return
        self._update_scroll_range()
        if change.start > shown_end and rows:
            self._painted_text = text  # the rows on screen are as they were
            return
        row = next((n for n, (_start, end) in enumerate(rows) if end >= change.start), 0)
        y = int(row * self._line_height())
        viewport = self.viewport()
        viewport.update(QRect(0, y, viewport.width(), viewport.height() - y))

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
