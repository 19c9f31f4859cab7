"""The window's Leakage view: the audit of the open dataset in a dock, and its View action.

The controller builds what the window places (the `Label Leakage` dock and
`toggle_action` for the View menu) and feeds the `LeakageModel` from the
models that own the state: the open dataset (path and text column) from the
`DatasetSession`, the profile from the `ProfileModel` on every change. The
audit runs only while the dock is shown. A term activated in the view comes
out as `term_requested(term)`: the window finds it in the raw pane
(`select_term`), then calls `report_find` so the controller can say when the
record does not contain it. It gets its models and a `WindowServices`, never
the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget

from gui.app.controllers.services import WindowServices
from gui.app.models.dataset_session import DatasetSession
from gui.app.models.leakage import LeakageModel
from gui.app.models.profile_model import ProfileModel
from gui.app.widgets.leakage_view import LeakageView

SHORTCUT = "Ctrl+Shift+L"


class LeakageController(QObject):
    """Builds the Leakage dock and connects its model to the window's models."""

    term_requested = Signal(str)

    def __init__(
        self,
        datasets: DatasetSession,
        profiles: ProfileModel,
        services: WindowServices,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.model = LeakageModel(self)
        self.view = LeakageView(self.model)
        self.dock = QDockWidget("Label Leakage", services.parent)
        self.dock.setObjectName("leakage_dock")
        self.dock.setWidget(self.view)
        self.toggle_action = self.dock.toggleViewAction()
        self.toggle_action.setText("Label Lea&kage")
        self.toggle_action.setObjectName("leakage_action")
        self.toggle_action.setShortcut(QKeySequence(SHORTCUT))
        self.toggle_action.setStatusTip(
            "Which words give the open dataset's label away under the current profile"
        )

        self.model.set_active(False)
        self.model.set_profile(profiles.profile)
        self.dock.visibilityChanged.connect(self.model.set_active)
        profiles.profile_changed.connect(self.model.set_profile)
        datasets.dataset_opened.connect(self._on_dataset_opened)
        datasets.dataset_closed.connect(self.model.clear_source)
        self.view.term_activated.connect(self.term_requested)
        if datasets.review is not None:
            self._on_dataset_opened(datasets.review)

    def _on_dataset_opened(self, review) -> None:
        dataset = review.dataset
        self.model.set_dataset(dataset.path, dataset.field)

    def report_find(self, term: str, found: bool) -> None:
        """The window looked for `term` in the current record."""
        if not found:
            self._services.show_message(f"“{term}” is not in this record.")

    def shutdown(self) -> None:
        self.model.shutdown()
