"""The window's reading tools, assembled: find, zoom and preferences, linked views, Changes.

Part of the composition root (with `main_window.py`, which calls
`ViewTools(window)` once its own widgets, models, menus and toolbar exist):
this builds the preferences model and the controllers that drive the panes
(`FindController`, `ViewController`, `Analysis`), puts the find bar under the
panes and the Changes dock on the right, adds their actions to the Edit,
View and Help menus, gives the toolbar's undo buttons a fixed label, and
connects the busy and stale-result signals. The controllers get the widgets
and models they drive, never the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

from gui.app.controllers.analysis import Analysis
from gui.app.controllers.dataset_figures import DatasetFiguresController
from gui.app.controllers.find_controller import FindController
from gui.app.controllers.scroll_sync import ScrollSync
from gui.app.controllers.view_controller import ViewController
from gui.app.models.preferences import Preferences
from gui.app.widgets.find_bar import FindBar
from gui.app.widgets.raw_editor import monospace_font
from gui.app.widgets.shortcuts_dialog import ShortcutsDialog
from gui.app.widgets.steady_tool_button import SteadyToolButton


class ViewTools:
    """Find, zoom, preferences, the linked views and the Changes dock of one window."""

    def __init__(self, window: QMainWindow) -> None:
        raw, output = window.raw_text, window.normalized_text
        document, profiles, preview, status = (
            window.document, window.profile_model, window.preview, window.status
        )  # fmt: skip
        self._window = window
        self.preferences = Preferences(window.settings, monospace_font().pointSizeF(), window)
        self.view = ViewController(self.preferences, raw, output, preview, window, window)
        self.find_bar = FindBar()
        central = window.centralWidget().layout()
        central.addWidget(self.find_bar)
        central.setStretch(0, 1)  # the panes take the height, the find bar its own
        self.find = FindController(self.find_bar, raw, output, window)
        document.text_changed.connect(self.find.text_changed)
        preview.text_normalized.connect(self.find.text_changed)
        self.analysis = Analysis(document, profiles, preview, raw, output, window, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.analysis.dock)
        self.analysis.dock.hide()
        self.analysis.changes_view.string_clicked.connect(self.find.find_in_raw)
        links = lambda: self.analysis.links  # noqa: E731 (read when scrolled: it changes)
        self.scroll_sync = ScrollSync(raw, output, links, window.prefs, window)
        self.figures = DatasetFiguresController(
            window.dataset_session, profiles, self.analysis.corpus_chart, self.analysis.dock, window
        )
        self.shortcuts_action = QAction("&Keyboard Shortcuts", window)
        self.shortcuts_action.setObjectName("keyboard_shortcuts")
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.view.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
        self._add_to_menus()
        self._steady_undo_buttons()
        # Stale results go as soon as the text or the profile changes; say it is busy.
        profiles.profile_changed.connect(raw.clear_highlights)
        for signal in (document.text_changed, profiles.profile_changed):
            signal.connect(lambda *_args: status.set_busy(True))
        preview.text_explained.connect(lambda *_args: status.set_explaining(False))

    def _add_to_menus(self) -> None:
        window = self._window
        menus = {action.text(): action.menu() for action in window.menuBar().actions()}
        edit, view, help_menu = menus["&Edit"], menus["&View"], menus["&Help"]
        edit.addSeparator()
        edit.addActions(self.find.actions())
        edit.addSeparator()
        edit.addAction(self.view.preferences_action)
        view.addSeparator()
        view.addAction(self.view.wrap_action)
        view.addActions(self.view.zoom_actions())
        view.addSeparator()
        view.addAction(self.analysis.linked_action)
        view.addAction(self.scroll_sync.action)
        view.addAction(self.analysis.changes_action)
        help_menu.insertAction(help_menu.actions()[0], self.shortcuts_action)

    def _steady_undo_buttons(self) -> None:
        """The undo buttons keep a short label: the command is in their tooltip."""
        window = self._window
        toolbar = window.findChild(QToolBar, "main_toolbar")
        for action, label in (
            (window.undo_rule_action, "Undo"),
            (window.redo_rule_action, "Redo"),
        ):
            button = SteadyToolButton(action, label)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setObjectName(f"{action.objectName()}_button")
            toolbar.insertWidget(action, button)
            toolbar.removeAction(action)
            window.addAction(action)  # its shortcuts stay live

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self._window.menuBar(), self._window).exec()
