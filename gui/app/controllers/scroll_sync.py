"""View > Synchronise Scrolling: the raw and output panes scroll together.

When one pane scrolls, the other scrolls so that what is at its top is what
the first pane's top line became (raw -> output) or came from (output -> raw),
by the linked views' origin map (`gui.workflow.links`, built by `Analysis`).
Where there is no map yet (the text is being explained, or it is too large
for one), the panes keep the same fraction of their scroll range. Off by
default; the choice is remembered.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QScrollBar

from gui.app.widgets.output_view import OutputView
from gui.app.widgets.raw_editor import RawEditor
from gui.workflow.links import TextLinks

SYNC_SCROLLING = "view/sync_scrolling"


def _fraction(bar: QScrollBar) -> float:
    span = bar.maximum() - bar.minimum()
    return (bar.value() - bar.minimum()) / span if span else 0.0


def _set_fraction(bar: QScrollBar, fraction: float) -> None:
    bar.setValue(bar.minimum() + round(fraction * (bar.maximum() - bar.minimum())))


class ScrollSync(QObject):
    """Keeps the output's scroll position following the raw pane's, and back."""

    def __init__(
        self,
        raw: RawEditor,
        output: OutputView,
        links: Callable[[], TextLinks | None],
        prefs,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._raw = raw
        self._output = output
        self._links = links
        self._prefs = prefs
        self._syncing = False
        self.action = QAction("S&ynchronise Scrolling", self)
        self.action.setObjectName("sync_scrolling")
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+Alt+Y"))
        self.action.setStatusTip("Scroll the raw text and the output together")
        self.action.setChecked(prefs.flag(SYNC_SCROLLING, False))
        self.action.toggled.connect(self._on_toggled)
        raw.scrolled.connect(self._raw_scrolled)
        output.verticalScrollBar().valueChanged.connect(self._output_scrolled)

    def _on_toggled(self, on: bool) -> None:
        self._prefs.set_flag(SYNC_SCROLLING, on)
        if on:
            self._raw_scrolled()

    def _raw_scrolled(self, *_args) -> None:
        def to_output(links) -> None:
            top = self._raw.top_offset()
            self._output.scroll_to(links.output_span(top, top)[0])

        self._follow(self._raw.scroll_bar(), self._output.verticalScrollBar(), to_output)

    def _output_scrolled(self, *_args) -> None:
        def to_raw(links) -> None:
            top = self._output.first_visible_offset()
            self._raw.scroll_to_offset(links.raw_span(top, top)[0])

        self._follow(self._output.verticalScrollBar(), self._raw.scroll_bar(), to_raw)

    def _follow(self, source, target, through_links) -> None:
        """Bring the other pane to where `source` is: by the links, else by fraction."""
        if self._syncing or not self.action.isChecked():
            return
        links = self._links()
        self._syncing = True  # the other pane's scroll must not echo back
        try:
            if links is None:
                _set_fraction(target, _fraction(source))
            else:
                through_links(links)
        finally:
            self._syncing = False
