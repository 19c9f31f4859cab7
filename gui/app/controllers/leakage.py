"""The window's Leakage view: a dock with the audit of the open dataset, and its View action.

`MainWindow` creates one `LeakageController` and puts `toggle_action` in the
View menu. The controller feeds the `LeakageModel` what it needs, from the
models that own it: the open dataset (path and text column) from the dataset
session, the profile from the text session on every change. A term activated
in the view is found in the current record in the raw pane. The audit runs
only while the dock is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QPlainTextEdit, QStatusBar

from gui.app.models.leakage import LeakageModel
from gui.app.widgets.leakage_view import LeakageView, select_term

SHORTCUT = "Ctrl+Shift+L"


class LeakageController(QObject):
    """Places the Leakage view and connects it to the window's models."""

    def __init__(
        self,
        window: QMainWindow,
        text_session,
        dataset_session,
        raw_editor: QPlainTextEdit,
        status: QStatusBar | None = None,
    ) -> None:
        super().__init__(window)
        self.model = LeakageModel(self)
        self.view = LeakageView(self.model)
        self._raw = raw_editor
        self._status = status
        self.dock = QDockWidget("Label Leakage", window)
        self.dock.setObjectName("leakage_dock")
        self.dock.setWidget(self.view)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.toggle_action = self.dock.toggleViewAction()
        self.toggle_action.setText("Label &Leakage")
        self.toggle_action.setObjectName("leakage_action")
        self.toggle_action.setShortcut(QKeySequence(SHORTCUT))
        self.toggle_action.setStatusTip(
            "Which words give the open dataset's label away under the current profile"
        )

        self.model.set_active(False)
        self.model.set_profile(text_session.profile)
        self.dock.visibilityChanged.connect(self.model.set_active)
        text_session.profile_changed.connect(self.model.set_profile)
        dataset_session.dataset_opened.connect(self._on_dataset_opened)
        dataset_session.dataset_closed.connect(self.model.clear_source)
        self.view.term_activated.connect(self.find_term)
        if dataset_session.review is not None:
            self._on_dataset_opened(dataset_session.review)

    def _on_dataset_opened(self, review) -> None:
        dataset = review.dataset
        self.model.set_dataset(dataset.path, dataset.field)

    def find_term(self, term: str) -> bool:
        """Select the term's next occurrence in the raw pane; say so when it has none."""
        found = select_term(self._raw, term)
        if not found and self._status is not None:
            self._status.showMessage(f"“{term}” is not in this record.", 5000)
        return found

    def shutdown(self) -> None:
        self.model.shutdown()
