"""The Leakage view in the window: View menu, the open dataset, profile changes, find in record."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gui.app.widgets.dataset_open_dialog import DatasetOpenDialog


@pytest.fixture
def labelled(tmp_path) -> Path:
    path = tmp_path / "news.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        for number in range(6):
            writer.writerow([f"WASHINGTON (Reuters) - The senate met {number}.", "true"])
            writer.writerow([f"The senate met {number}.", "fake"])
    return path


@pytest.fixture
def ds_window(make_window, settings, tmp_path, monkeypatch):
    monkeypatch.setattr(DatasetOpenDialog, "choose_field", staticmethod(lambda *_a: "text"))
    (tmp_path / "corpus").mkdir()
    settings.setValue("corpus/folder", str(tmp_path / "corpus"))
    return make_window(settings, start=False)


def _open(qtbot, window, dialogs, path: Path) -> None:
    dialogs.answer("getOpenFileName", path)
    with qtbot.waitSignal(window.datasets.session.dataset_opened, timeout=10000):
        window.datasets.open_action.trigger()
    qtbot.waitUntil(lambda: window.datasets.session.current is not None)


def _view_menu_actions(window) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    return [action.objectName() for action in menu.actions()]


def test_view_menu_shows_the_leakage_of_the_open_dataset(qtbot, ds_window, dialogs, labelled):
    window = ds_window
    leakage = window.leakage
    assert "leakage_action" in _view_menu_actions(window)
    assert not leakage.dock.isVisible()
    _open(qtbot, window, dialogs, labelled)
    assert leakage.model.rowCount() == 0  # hidden: nothing is audited yet
    with qtbot.waitSignal(leakage.model.ranking_changed, timeout=10000):
        leakage.toggle_action.trigger()
    assert leakage.dock.isVisible()
    assert leakage.model.label == "label"
    assert leakage.model.leaks[0].term == "reuters"
    assert leakage.model.result.profile.name == "wordopt"


def test_a_profile_change_in_the_window_recomputes(qtbot, ds_window, dialogs, labelled):
    window = ds_window
    leakage = window.leakage
    leakage.toggle_action.trigger()
    with qtbot.waitSignal(leakage.model.ranking_changed, timeout=10000):
        _open(qtbot, window, dialogs, labelled)
    with qtbot.waitSignal(leakage.model.ranking_changed, timeout=10000):
        window.preset_selector.preset_selected.emit("news-leak-safe")
    assert leakage.model.result.profile.name == "news-leak-safe"
    assert "reuters" not in [leak.term for leak in leakage.model.leaks]


def test_clicking_a_term_selects_it_in_the_current_record(qtbot, ds_window, dialogs, labelled):
    window = ds_window
    leakage = window.leakage
    leakage.toggle_action.trigger()
    with qtbot.waitSignal(leakage.model.ranking_changed, timeout=10000):
        _open(qtbot, window, dialogs, labelled)
    qtbot.waitUntil(lambda: window.raw_text.toPlainText().startswith("WASHINGTON"))
    table = leakage.view.table
    rect = table.visualRect(leakage.model.index(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.raw_text.textCursor().selectedText() == "Reuters"
    leakage.term_requested.emit("getty")  # as a click on a term the record lacks
    assert "“getty” is not in this record." in window.status.currentMessage()


def test_closing_the_dataset_clears_the_view(qtbot, ds_window, dialogs, labelled):
    window = ds_window
    leakage = window.leakage
    leakage.toggle_action.trigger()
    with qtbot.waitSignal(leakage.model.ranking_changed, timeout=10000):
        _open(qtbot, window, dialogs, labelled)
    with qtbot.waitSignal(leakage.model.ranking_changed, timeout=10000):
        window.datasets.session.close()
    assert leakage.model.rowCount() == 0
