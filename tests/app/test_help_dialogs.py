"""Help > Keyboard Shortcuts lists the real bindings; About names versions and licence."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar

from gui.app.widgets.about_dialog import about_html, versions
from gui.app.widgets.shortcuts_dialog import ShortcutsDialog


def test_shortcuts_come_from_the_menus(qtbot):
    bar = QMenuBar()
    qtbot.addWidget(bar)
    menu = bar.addMenu("&Edit")
    find = QAction("&Find…", bar)
    find.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("F3")])
    menu.addAction(find)
    menu.addAction(QAction("No shortcut", bar))
    dialog = ShortcutsDialog(bar)
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert ("Edit", "Find", "Ctrl+F, F3") in rows
    assert not any(row[1] == "No shortcut" for row in rows)
    assert any(row[2] == "Ctrl+Tab" for row in rows)


def test_about_names_versions_and_licence(qapp):
    found = versions()
    assert {"Textwash", "Python", "Qt", "PySide6", "ftfy", "regex"} <= set(found)
    html = about_html()
    assert "Licence: MIT" in html
    assert found["Qt"] in html and found["ftfy"] in html
