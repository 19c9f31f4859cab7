"""The main window's menu bar and toolbar: which action goes where.

The window builds its actions and controllers; this lays them out, so the order
of the menus is in one place and the composition root stays short.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QToolBar


def build_menus_and_toolbar(window: QMainWindow) -> None:
    """Fill `window`'s menu bar and main toolbar with its actions.

    `window` is the MainWindow (typed by its Qt base: importing the class here
    would make an import cycle).
    """
    menu = window.menuBar()
    file_menu = menu.addMenu("&File")
    file_menu.addAction(window.open_action)
    file_menu.addMenu(window.recent_menu)
    file_menu.addAction(window.datasets.open_action)
    file_menu.addAction(window.datasets.open_folder_action)
    file_menu.addMenu(window.dataset_extras.recent_menu)
    file_menu.addSeparator()
    file_menu.addAction(window.save_action)
    file_menu.addAction(window.corpus_folder_action)
    file_menu.addSeparator()
    file_menu.addAction(window.open_profile_action)
    file_menu.addAction(window.save_profile_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)

    edit_menu = menu.addMenu("&Edit")
    edit_menu.addAction(window.undo_rule_action)
    edit_menu.addAction(window.redo_rule_action)
    edit_menu.addSeparator()
    edit_menu.addAction(window.paste_new_action)

    rules_menu = menu.addMenu("&Rules")
    rules_menu.setToolTipsVisible(True)
    rules_menu.addMenu(window.add_rule_button.catalogue_menu)
    rules_menu.addAction(window.new_find_action)
    rules_menu.addAction(window.new_regex_action)
    rules_menu.addAction(window.remove_rule_action)
    rules_menu.addSeparator()
    rules_menu.addAction(window.protect_action)

    view_menu = menu.addMenu("&View")
    view_menu.addAction(window.highlight_action)
    view_menu.addAction(window.invisible_action)
    view_menu.addSeparator()
    view_menu.addAction(window.leakage.toggle_action)

    menu.addMenu(window.datasets.menu)

    help_menu = menu.addMenu("&Help")
    help_menu.addAction(window.sample_action)
    help_menu.addAction(window.about_action)

    toolbar = QToolBar("Main", window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addAction(window.open_action)
    toolbar.addAction(window.save_action)
    toolbar.addSeparator()
    toolbar.addAction(window.undo_rule_action)
    toolbar.addAction(window.redo_rule_action)
    window.addToolBar(toolbar)
    window.addToolBar(window.datasets.toolbar)
    save_button = toolbar.widgetForAction(window.save_action)
    if save_button is not None:
        save_button.setObjectName("save_to_corpus_button")
