"""The Changes view's dataset section: length histograms before and after, top tokens."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt

from gui.app.widgets.corpus_chart import CorpusChart
from gui.engine import load_preset, normalize
from gui.io.datasets import open_dataset
from gui.workflow.corpus_figures import (
    FiguresCancelled,
    dataset_figures,
    histogram,
    sample_indices,
)
from tests.app.test_dataset_window import corpus, dataset_dialogs, ds_window, key, open_via_menu
from tests.conftest import SMALL_CSV as CSV

__all__ = ["corpus", "dataset_dialogs", "ds_window"]  # fixtures, used by name
CTRL = Qt.KeyboardModifier.ControlModifier


def test_figures_bin_lengths_before_and_after_and_count_saved_tokens():
    with open_dataset(CSV) as dataset:
        _check_figures(dataset)


def _check_figures(dataset):
    profile = load_preset("wordopt")
    figures = dataset_figures(dataset, profile)
    assert figures.records == figures.measured == len(dataset) == 8
    assert sum(figures.before.counts) == sum(figures.after.counts) == 8
    assert figures.before.edges == figures.after.edges
    before = [len(dataset.text(i).split()) for i in range(8)]
    assert figures.before.edges[-1] > max(before)
    sample_tokens = Counter(t for i in range(8) for t in normalize(dataset.text(i)).split())
    assert figures.top_from_saved == 0
    assert list(figures.top_tokens) == sample_tokens.most_common(len(figures.top_tokens))

    saved = dataset_figures(dataset, profile, [2, 5])
    expected = Counter(normalize(dataset.text(2)).split() + normalize(dataset.text(5)).split())
    assert saved.top_from_saved == 2
    assert dict(saved.top_tokens) == dict(expected.most_common(len(saved.top_tokens)))


def test_histogram_bins_and_sample_spread():
    old, new = histogram([0, 5, 11, 119], [0, 3, 4], bins=12)
    assert old.edges[0] == 0 and old.edges[-1] >= 120
    assert old.counts[:2] == (2, 1) and old.counts[-1] == 1 and sum(old.counts) == 4
    assert new.counts[0] == 3
    spread = sample_indices(100_000, 1000)
    assert len(spread) == 1000 and spread[0] == 0 and spread[-1] >= 99_000
    assert sample_indices(5, 1000) == [0, 1, 2, 3, 4]


def test_a_cancelled_run_stops():
    with pytest.raises(FiguresCancelled), open_dataset(CSV) as dataset:
        dataset_figures(dataset, load_preset("wordopt"), cancelled=lambda: True)


def test_chart_draws_bars_in_proportion(qtbot):
    chart = CorpusChart()
    qtbot.addWidget(chart)
    with open_dataset(CSV) as dataset:
        figures = dataset_figures(dataset, load_preset("wordopt"))
    chart.set_figures(figures)
    chart.resize(360, chart.sizeHint().height())
    chart.show()
    qtbot.waitExposed(chart)
    image = chart.grab().toImage()
    assert not image.isNull()
    rects = chart.bar_rects()
    assert len(rects) == len(figures.before.counts)
    tallest = max(figures.before.counts + figures.after.counts)
    for (before, after), old, new in zip(
        rects, figures.before.counts, figures.after.counts, strict=True
    ):
        assert before.height() == pytest.approx(90 * old / tallest)
        assert after.height() == pytest.approx(90 * new / tallest)
        assert before.right() <= after.left() + 0.01  # side by side
    assert "top tokens" in chart.accessibleDescription()


def test_window_measures_the_open_dataset_and_follows_saves(qtbot, ds_window, dialogs):
    window = ds_window
    chart = window.analysis.corpus_chart
    figures = window.view_tools.figures
    window.analysis.changes_action.trigger()  # show the Changes dock
    assert not chart.isVisible()  # no dataset: no dataset section
    open_via_menu(qtbot, window, dialogs, CSV)
    qtbot.waitUntil(lambda: chart.figures() is not None and not chart.is_stale(), timeout=10_000)
    assert chart.isVisible()
    assert chart.figures().records == 8 and chart.figures().top_from_saved == 0

    key(window, CTRL, Qt.Key.Key_Return)  # Save and Next: the corpus has one record now
    qtbot.waitUntil(
        lambda: chart.figures().top_from_saved == 1 and not chart.is_stale(), timeout=10_000
    )
    with open_dataset(CSV) as dataset:
        expected = Counter(normalize(dataset.text(0)).split())
    assert dict(chart.figures().top_tokens) == dict(
        expected.most_common(len(chart.figures().top_tokens))
    )

    window.datasets.close_dataset()
    assert not chart.isVisible() and chart.figures() is None
    assert figures.wait(10)
