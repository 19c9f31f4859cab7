"""The normalized-output pane: read-only, replaced whole on each result.

The wordopt output is one long line, and Qt's text widgets lay out a whole
line at once: seconds for a few megabytes. So this pane is a `LargeTextView`,
which keeps the output as the engine's `str` and wraps and paints only the
lines on screen; updating it costs the same whatever the output's size. It
keeps its scroll position across updates, so the preview does not jump while
the user types. Copy and Select All work on the exact output. What rules
inserted (replacement tokens such as `<URL>`) is marked in the rule's colour
(`set_insertions`).

Wrap Lines (`set_wrapping`, see `WrappingTextView`) applies here as in the raw
pane.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QWidget

from gui.app.widgets.large_text_view import SpanLayer
from gui.app.widgets.raw_editor import monospace_font
from gui.app.widgets.rule_colors import highlight_brush
from gui.app.widgets.wrapping_view import WrappingTextView


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
