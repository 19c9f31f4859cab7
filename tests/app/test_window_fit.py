"""The first window fits the screen at any scale; recent menus list and clear."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

from gui.app.widgets.recent_menu import RecentMenu
from gui.app.window_fit import available_geometry, fit_to_screen, fitted_size


def test_fitted_size_shrinks_only_what_does_not_fit():
    # 1280x800 asked at 2x on 1600x1000 physical = 800x500 logical.
    assert fitted_size(QSize(1280, 800), QRect(0, 0, 800, 500)) == QSize(752, 470)
    assert fitted_size(QSize(640, 400), QRect(0, 0, 800, 500)) == QSize(640, 400)


def test_a_window_is_fitted_to_its_screen(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    fit_to_screen(widget, QSize(5000, 4000))
    widget.show()
    available = available_geometry(widget)
    assert widget.width() <= available.width() and widget.height() <= available.height()
    assert available.intersects(widget.frameGeometry())


def test_recent_menu_numbers_entries_and_clears(qtbot):
    paths = ["/data/a.csv", "/data/b.jsonl"]
    menu = RecentMenu("Recen&t Datasets", lambda: paths, "No recent datasets")
    qtbot.addWidget(menu)
    menu.refill()
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert texts == ["&1 a.csv", "&2 b.jsonl", "&Clear Menu"]
    with qtbot.waitSignal(menu.chosen) as chosen:
        menu.actions()[1].trigger()
    assert chosen.args == ["/data/b.jsonl"]
    paths.clear()
    menu.refill()
    assert [a.text() for a in menu.actions()] == ["No recent datasets"]
