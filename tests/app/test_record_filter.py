"""The record list filters by title text and by status; rows stay record numbers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex

from gui.app.widgets.record_filter_bar import RecordFilterBar
from gui.app.widgets.record_list import RecordList
from gui.engine import load_preset
from gui.io.datasets import open_dataset
from gui.workflow.review import DatasetReview
from tests.conftest import SMALL_CSV


@pytest.fixture
def review(tmp_path):
    review = DatasetReview(open_dataset(SMALL_CSV, "text"), tmp_path)
    yield review
    review.close()
    review.dataset.close()


def test_filter_by_text_and_status(qtbot, review):
    records = RecordList()
    bar = RecordFilterBar()
    qtbot.addWidget(records)
    qtbot.addWidget(bar)
    bar.filter_changed.connect(records.set_filter)
    records.set_review(review)
    total = len(review.dataset)
    profile = load_preset("wordopt")
    review.save(2, "raw", "saved two", profile)
    review.skip(3, "off-topic")
    records.refresh()
    assert records.shown_records() == list(range(total))

    bar.set_status("Saved")
    assert records.shown_records() == [2]
    bar.set_status("Not pending")
    assert records.shown_records() == [2, 3]
    bar.set_status("All")
    word = review.dataset.title(5).split()[0]
    bar.text.setText(word.upper())
    shown = records.shown_records()
    assert 5 in shown
    assert all(word.casefold() in review.dataset.title(row).casefold() for row in shown)


def test_choosing_a_filtered_row_reports_the_record_number(qtbot, review):
    records = RecordList()
    qtbot.addWidget(records)
    records.set_review(review)
    review.skip(4, "x")
    records.refresh()
    records.set_filter("", frozenset({"skipped"}))
    with qtbot.waitSignal(records.record_chosen) as chosen:
        records.setCurrentIndex(records.model().index(0, 0, QModelIndex()))
    assert chosen.args == [4]
    assert records.current_record() == 4
    records.set_current_record(1)  # filtered out: nothing selected
    assert records.current_record() is None
