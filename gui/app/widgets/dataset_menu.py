"""The Dataset menu and toolbar, and the actions in them (and in File > Open Dataset).

Built here, connected by the dataset controller: each action's text,
shortcut, object name, tip and icon, and where it appears.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QStyle, QToolBar, QWidget

from gui.app.actions import make_action


class DatasetActions(QObject):
    """The dataset workflow's actions, its menu and its toolbar."""

    def __init__(self, parent: QWidget, dock: QDockWidget) -> None:
        super().__init__(parent)
        icon = parent.style().standardIcon
        pixmap = QStyle.StandardPixmap
        self.open_action = make_action(
            self,
            "Open &Dataset…", None, "Ctrl+Shift+O", "open_dataset",
            "Open a CSV, TSV or JSONL dataset and go through it record by record",
        )  # fmt: skip
        self.open_folder_action = make_action(
            self,
            "Open Dataset &Folder…", None, None, "open_dataset_folder",
            "Open a folder of .txt files as a dataset, one record per file",
        )  # fmt: skip
        self.next_action = make_action(
            self,
            "&Next Record", None, "Ctrl+PgDown", "next_record",
            "Show the next record (Ctrl+PgDown)",
        )  # fmt: skip
        self.next_action.setIcon(icon(pixmap.SP_ArrowDown))
        self.previous_action = make_action(
            self,
            "&Previous Record", None, "Ctrl+PgUp", "previous_record",
            "Show the previous record (Ctrl+PgUp)",
        )  # fmt: skip
        self.previous_action.setIcon(icon(pixmap.SP_ArrowUp))
        self.next_pending_action = make_action(
            self,
            "&Jump to Next Pending", None, "Ctrl+J", "next_pending",
            "Show the next record not yet saved or skipped (Ctrl+J)",
        )  # fmt: skip
        self.save_next_action = make_action(
            self,
            "&Save and Next", None, "Ctrl+Return", "save_and_next",
            "Save this record's normalized text to the corpus, then show the next "
            "pending record (Ctrl+Return)",
        )  # fmt: skip
        self.save_next_action.setIcon(icon(pixmap.SP_DialogApplyButton))
        self.save_next_action.setShortcuts(
            [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")]
        )
        self.skip_action = make_action(
            self,
            "S&kip Record…", None, "Ctrl+Shift+K", "skip_record",
            "Leave this record out of the corpus, with an optional reason (Ctrl+Shift+K)",
        )  # fmt: skip
        self.skip_action.setIcon(icon(pixmap.SP_MediaSkipForward))
        self.apply_action = make_action(
            self,
            "&Apply to All Remaining…", None, None, "apply_to_all",
            "Normalize every pending record with the current profile and save it",
        )  # fmt: skip
        self.cancel_action = make_action(
            self,
            "&Cancel Apply to All", None, None, "cancel_apply_to_all",
            "Stop after the record in hand; everything saved so far stays",
        )  # fmt: skip
        self.close_action = make_action(
            self,
            "C&lose Dataset", None, None, "close_dataset",
            "Close the dataset; the corpus folder keeps what was saved",
        )  # fmt: skip
        self.menu = QMenu("&Dataset", parent)
        self.menu.setObjectName("dataset_menu")
        for action in (self.previous_action, self.next_action, self.next_pending_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.save_next_action)
        self.menu.addAction(self.skip_action)
        self.menu.addSeparator()
        self.menu.addAction(self.apply_action)
        self.menu.addAction(self.cancel_action)
        self.menu.addSeparator()
        list_action = dock.toggleViewAction()
        list_action.setText("Show &Record List")
        list_action.setObjectName("show_record_list")
        self.menu.addAction(list_action)
        self.menu.addAction(self.close_action)

        self.toolbar = QToolBar("Dataset", parent)
        self.toolbar.setObjectName("dataset_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.previous_action)
        self.toolbar.addAction(self.next_action)
        self.toolbar.addAction(self.save_next_action)
        self.toolbar.addAction(self.skip_action)
        self.toolbar.hide()  # the window places it; shown while a dataset is open
