"""The Leakage view and its model: real widgets, a real dataset, a real worker thread."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gui.app.models.leakage import LeakageModel
from gui.app.widgets.leakage_view import LeakageView, select_term
from gui.app.widgets.raw_editor import EDITABLE_LINE, RawEditor
from gui.engine.presets import load_preset


@pytest.fixture
def dataset(tmp_path) -> Path:
    path = tmp_path / "news.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        for number in range(8):
            writer.writerow([f"WASHINGTON (Reuters) - The senate met {number}.", "true"])
            credit = " Featured image via Getty" if number % 2 else ""
            writer.writerow([f"The senate met {number}.{credit}", "fake"])
    return path


@pytest.fixture
def model(qtbot):
    model = LeakageModel()
    yield model
    model.shutdown()


@pytest.fixture
def view(qtbot, model):
    widget = LeakageView(model)
    qtbot.addWidget(widget)
    widget.resize(500, 500)
    widget.show()
    return widget


def _audit(qtbot, model, dataset, preset="wordopt"):
    with qtbot.waitSignal(model.ranking_changed, timeout=10000):
        model.set_profile(load_preset(preset))
        model.set_source(dataset, "label")


def test_the_table_ranks_the_leak_first_with_per_class_shares(qtbot, model, view, dataset):
    _audit(qtbot, model, dataset)
    assert model.classes == ["fake", "true"]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["#", "Term", "Score", "Points to", "Share fake", "Share true", "Rule"]
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == [1, "reuters", "1.000", "true", "0.0%", "100.0%", "remove_dateline"]
    assert view.table.model() is model
    assert view.chart.terms()[:2] == ["reuters", "washington"]
    assert "16 records (fake 8, true 8)" in view.status.text()
    assert "wordopt" in view.status.text()


def test_a_profile_change_recomputes_in_the_background(qtbot, model, view, dataset):
    _audit(qtbot, model, dataset)
    with qtbot.waitSignal(model.ranking_changed, timeout=10000):
        model.set_profile(load_preset("news-leak-safe"))
        assert model.computing  # debounced, then in the worker: the UI thread is free
    assert model.result.profile.name == "news-leak-safe"
    assert "reuters" not in [leak.term for leak in model.leaks]
    assert model.leaks[0].score.score == 0.5


def test_only_the_newest_profile_is_shown(qtbot, model, dataset):
    _audit(qtbot, model, dataset)
    with qtbot.waitSignal(model.ranking_changed, timeout=10000) as blocker:
        model.set_profile(load_preset("clean"))
        model.set_profile(load_preset("news-leak-safe"))
    assert blocker.args == []
    assert model.result.profile.name == "news-leak-safe"
    # A stale answer never replaces it: wait until the worker is idle, then check again.
    qtbot.waitUntil(lambda: not model.computing)
    assert model.result.profile.name == "news-leak-safe"


def test_clicking_a_term_in_the_table_or_the_chart_activates_it(qtbot, model, view, dataset):
    _audit(qtbot, model, dataset)
    rect = view.table.visualRect(model.index(1, 1))
    with qtbot.waitSignal(view.term_activated) as blocker:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["washington"]
    center = view.chart.row_rect(0).center().toPoint()
    with qtbot.waitSignal(view.term_activated) as blocker:
        qtbot.mouseClick(view.chart, Qt.MouseButton.LeftButton, pos=center)
    assert blocker.args == ["reuters"]


def test_the_chart_draws_one_bar_per_class(qtbot, model, view, dataset):
    _audit(qtbot, model, dataset)
    image = view.chart.grab().toImage()
    row = view.chart.row_rect(0)  # reuters: fake 0%, true 100%
    # The second class's bar (true, 100%) reaches the right-hand side; the first has none.
    y_true = int(row.top() + row.height() * 0.1 + row.height() * 0.8 * 0.75)
    x = int(view.chart.width() * 0.7)
    assert image.pixelColor(x, y_true) == view.chart.colour(1)
    y_fake = int(row.top() + row.height() * 0.1 + row.height() * 0.8 * 0.25)
    assert image.pixelColor(x, y_fake) != view.chart.colour(0)


def test_a_bad_label_is_shown_as_one_line_naming_the_file(qtbot, model, view, dataset):
    with qtbot.waitSignal(model.computing_failed, timeout=10000) as blocker:
        model.set_profile(load_preset("wordopt"))
        model.set_source(dataset, "class")
    message = blocker.args[0]
    assert "news.csv: no column named 'class'" in message and "\n" not in message
    assert view.status.text() == message
    assert model.rowCount() == 0


def test_clearing_the_source_empties_the_ranking(qtbot, model, view, dataset):
    _audit(qtbot, model, dataset)
    with qtbot.waitSignal(model.ranking_changed):
        model.clear_source()
    assert model.rowCount() == 0
    assert view.chart.terms() == []


def test_opening_a_dataset_picks_a_label_column_and_lets_the_curator_change_it(
    qtbot, model, view, tmp_path
):
    path = tmp_path / "d.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "source", "label"])
        for number in range(4):
            writer.writerow([f"WASHINGTON (Reuters) - Met {number}", "wire", "true"])
            writer.writerow([f"They lied {number}", "blog", "fake"])
    model.set_profile(load_preset("wordopt"))
    with qtbot.waitSignal(model.ranking_changed, timeout=10000):
        model.set_dataset(path, "text")
    assert model.label_choices == ["label", "source"]
    assert view.label_box.currentText() == "label"
    assert model.classes == ["fake", "true"]
    with qtbot.waitSignal(model.ranking_changed, timeout=10000):
        view.label_box.setCurrentIndex(1)
        view.label_box.activated.emit(1)
    assert model.label == "source"
    assert model.classes == ["blog", "wire"]


def test_a_dataset_without_a_label_like_column_asks_for_one(qtbot, model, view, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("text,origin\na,x\nb,y\n", encoding="utf-8")
    model.set_profile(load_preset("wordopt"))
    with qtbot.waitSignal(model.computing_failed):
        model.set_dataset(path)
    assert view.status.text() == "d.csv: choose the column that holds the label"
    assert view.label_box.currentIndex() == -1 and view.label_box.count() == 1


def test_a_folder_is_audited_by_subfolder(qtbot, model, view, tmp_path):
    for label, text in (("pos", "great fun"), ("neg", "awful fun")):
        (tmp_path / label).mkdir()
        (tmp_path / label / "1.txt").write_text(text, encoding="utf-8")
    model.set_profile(load_preset("wordopt"))
    with qtbot.waitSignal(model.ranking_changed, timeout=10000):
        model.set_dataset(tmp_path)
    assert model.classes == ["neg", "pos"]
    assert view.label_box.currentText() == "(subfolders)" and not view.label_box.isEnabled()


def test_select_term_finds_whole_words_in_any_case_and_wraps(qtbot):
    editor = RawEditor()  # the raw pane: its exact text, in either of its editors
    qtbot.addWidget(editor)
    editor.load_text("Reutersian. WASHINGTON (Reuters) - New  York told Reuters.")
    assert select_term(editor, "reuters")
    first = editor.textCursor()
    assert (first.selectedText(), first.selectionStart()) == ("Reuters", 24)
    assert select_term(editor, "reuters")
    assert editor.textCursor().selectionStart() == 50
    assert select_term(editor, "reuters")  # wraps to the first one again
    assert editor.textCursor().selectionStart() == 24
    assert select_term(editor, "new york")
    assert editor.textCursor().selectedText() == "New  York"
    assert not select_term(editor, "getty")
    # A text in the large-text editor: the same offsets.
    editor.load_text("Reuters " + "x" * EDITABLE_LINE + " told Reuters.")
    assert editor.is_large()
    assert select_term(editor, "REUTERS") and editor.selection_range() == (0, 7)
    assert select_term(editor, "reuters")
    assert editor.selection_range() == (EDITABLE_LINE + 14, EDITABLE_LINE + 21)


def test_a_big_dataset_is_audited_on_an_even_sample(qtbot, model, view, dataset, monkeypatch):
    monkeypatch.setattr("gui.app.models.leakage.WINDOW_RECORDS", 6)
    _audit(qtbot, model, dataset)
    result = model.result
    # 16 records, at most 6: one in 3 (records 0, 3, 6, 9, 12, 15; true and fake alternate).
    assert (result.records, result.total, result.every) == (6, 16, 3)
    assert result.classes == {"fake": 3, "true": 3}
    assert view.status.text().startswith("A sample of 6 of 16 records (one in 3;")
    assert model.leaks[0].term == "reuters"


def test_progress_arrives_before_the_ranking(qtbot, model, view, dataset):
    seen = []
    model.progressed.connect(lambda done, total: seen.append((done, total)))
    _audit(qtbot, model, dataset)
    assert seen[0] == (0, 16) and seen[-1] == (16, 16)
    assert not view.progress.isVisible()  # hidden again once the ranking is in
