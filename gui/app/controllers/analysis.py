"""The linked views and the Changes view: a full explanation of the text, off the UI thread.

The preview's explanation is a summary without edits (cheap to ship from the
helper process); the linked views (`gui.workflow.links`) and the Changes view
(`gui.workflow.changes`) need the edits. Once the preview has explained the
current text, this controller explains it again with edits in a lane of its
own, builds the links (and, while the Changes dock is shown, the summary),
and hands them on:

- output insertions (`<URL>`) are marked in their rule's colour;
- a click or selection in the output selects and scrolls the raw pane to its
  source, and moving in the raw pane marks in the output what that text became
  (View > Linked Views, on by default);
- the Changes dock shows the per-rule summary; a string clicked there is
  found in the raw pane.

Texts above `MAX_CHARS` are left out (their explain takes seconds; the
preview's own results are enough there), and so is a text on which a rule
timed out: its pattern would hold the interpreter again here, for its whole
budget, and stall the window. The work starts once the results have stood
for `SETTLE_MS`, so it never competes with typing. A result for an older
text or profile is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QScrollArea, QVBoxLayout, QWidget

from gui.app.concurrency import Lane
from gui.app.widgets.changes_view import ChangesView
from gui.app.widgets.corpus_chart import CorpusChart
from gui.app.widgets.output_view import OutputView
from gui.app.widgets.raw_editor import RawEditor
from gui.engine import Pipeline, Profile
from gui.workflow.changes import ChangeSummary, summarize_changes
from gui.workflow.links import TextLinks

MAX_CHARS = 2_000_000
SETTLE_MS = 300


def _analyse(profile: Profile, text: str, with_summary: bool):
    explanation = Pipeline(profile).explain(text, edits=True)
    summary = summarize_changes(explanation) if with_summary else None
    return TextLinks(explanation), summary


class Analysis(QObject):
    """Links between the panes and the Changes summary for the current text."""

    links_ready = Signal(object)
    summary_ready = Signal(object)

    def __init__(
        self,
        document,
        profiles,
        preview,
        raw: RawEditor,
        output: OutputView,
        dialog_parent: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._profiles = profiles
        self._preview = preview
        self._raw = raw
        self._output = output
        self._lane = Lane("analysis", parent=self, abandonable=True)
        self._generation = 0
        self._closed = False
        self.links: TextLinks | None = None
        self._syncing = False
        self.changes_view = ChangesView()
        scroll = QScrollArea()
        scroll.setObjectName("changes_scroll")
        scroll.setWidgetResizable(True)
        # Under the per-rule picture: the open dataset's figures (DatasetFiguresController).
        self.corpus_chart = CorpusChart()
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.changes_view)
        column.addWidget(self.corpus_chart)
        column.addStretch(1)
        scroll.setWidget(content)
        self.dock = QDockWidget("Changes", dialog_parent)
        self.dock.setObjectName("changes_dock")
        self.dock.setWidget(scroll)
        self.dock.visibilityChanged.connect(self._on_dock_shown)
        self.changes_action = self.dock.toggleViewAction()
        self.changes_action.setText("&Changes by Rule")
        self.changes_action.setObjectName("show_changes")
        self.changes_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.changes_action.setStatusTip(
            "What each rule removed or replaced most, and the text's size before and after"
        )
        self.linked_action = QAction("&Linked Views", self)
        self.linked_action.setObjectName("linked_views")
        self.linked_action.setCheckable(True)
        self.linked_action.setChecked(True)
        self.linked_action.setStatusTip(
            "A selection in the output selects its source in the raw text, and back"
        )
        self.linked_action.toggled.connect(self._on_linked_toggled)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._start)
        preview.text_explained.connect(self._settle.start)
        document.text_changed.connect(self._invalidate)
        profiles.profile_changed.connect(self._invalidate)
        output.selection_changed.connect(self._output_moved)
        raw.selection_moved.connect(self._raw_moved)

    # -- computing -----------------------------------------------------------------

    def _invalidate(self, *_args) -> None:
        self._generation += 1
        self.links = None
        self._settle.stop()
        self._lane.cancel_pending()
        self.changes_view.set_stale()

    def _start(self, *_args) -> None:
        if self._closed:
            return
        text = self._document.text
        explained = self._preview.explanation
        if len(text) > MAX_CHARS or (explained is not None and explained.timed_out_rules):
            self.links = None
            self.changes_view.set_summary(None)
            return
        generation = self._generation = self._generation + 1
        with_summary = self.dock.isVisible()
        watcher = self._lane.submit(_analyse, self._profiles.profile, text, with_summary)
        watcher.result_ready.connect(lambda result: self._on_ready(generation, *result))

    def _on_ready(self, generation: int, links: TextLinks, summary: ChangeSummary | None) -> None:
        if generation != self._generation or self._closed:
            return
        self.links = links
        if self.linked_action.isChecked():
            self._output.set_insertions(
                (insertion.start, insertion.end, insertion.rule_index)
                for insertion in links.insertions()
            )
        self.links_ready.emit(links)
        if summary is not None:
            self.changes_view.set_summary(summary)
            self.summary_ready.emit(summary)

    def _on_dock_shown(self, shown: bool) -> None:
        if shown and (self.changes_view.summary() is None or self.changes_view._stale):
            self._start()

    def wait(self, timeout: float | None = None) -> bool:
        return self._lane.wait(timeout)

    def shutdown(self) -> None:
        self._closed = True
        # A running explain (seconds on a large text) must not hold up quitting.
        self._lane.shutdown(wait=False)

    # -- linked views ---------------------------------------------------------------

    def _on_linked_toggled(self, on: bool) -> None:
        if not on:
            self._output.set_span_layers([])
        elif self.links is not None:
            self._on_ready(self._generation, self.links, None)

    def _output_moved(self) -> None:
        links = self.links
        if self._syncing or links is None or not self.linked_action.isChecked():
            return
        if not (self._output.hasFocus() or self._output.viewport().hasFocus()):
            return  # moved by the program (a find, the raw side), not by the user
        start, end = links.raw_span(*self._output.selection())
        self._syncing = True
        try:
            self._raw.select_range(start, end)
        finally:
            self._syncing = False

    def _raw_moved(self) -> None:
        links = self.links
        if self._syncing or links is None or not self.linked_action.isChecked():
            return
        if not self._raw.has_text_focus():
            return
        start, end = links.output_span(*self._raw.selection_range())
        self._syncing = True
        try:
            self._output.reveal(start, end)
        finally:
            self._syncing = False


def dock_area() -> Qt.DockWidgetArea:
    return Qt.DockWidgetArea.RightDockWidgetArea
