"""View > Synchronise Scrolling: the panes scroll together by the origin map; remembered."""

from __future__ import annotations

from gui.engine import normalize

TEXT = "".join(f"Line {n} visits http://x.io/{n} and <b>bold</b> words here.\n" for n in range(400))


def _loaded(qtbot, window, wait_for_output):
    window.resize(1000, 700)
    window.document.load_text(TEXT)
    wait_for_output(window, normalize(TEXT))
    qtbot.waitUntil(lambda: window.analysis.links is not None, timeout=10_000)
    return window.analysis.links


def test_scrolling_one_pane_scrolls_the_other_to_the_same_place(qtbot, window, wait_for_output):
    links = _loaded(qtbot, window, wait_for_output)
    raw, output = window.raw_text, window.normalized_text
    sync = window.view_tools.scroll_sync
    assert not sync.action.isChecked()  # off by default
    raw.verticalScrollBar().setValue(100)
    assert output.first_visible_offset() == 0  # not synchronised yet

    sync.action.trigger()
    top = raw.top_offset()
    assert top > 1000
    target = links.output_span(top, top)[0]
    first, last = output.visible_range()
    assert first <= target < last and first > 0

    raw.verticalScrollBar().setValue(250)
    first, last = output.visible_range()
    assert first <= links.output_span(raw.top_offset(), raw.top_offset())[0] < last

    # And back: scrolling the output brings the raw pane to the source of its top line.
    output.verticalScrollBar().setValue(len(output.output()) // 3)
    out_top = output.first_visible_offset()
    source = links.raw_span(out_top, out_top)[0]
    assert 0 <= source - raw.top_offset() < 80  # on the raw pane's first line
    assert len(TEXT) // 5 < raw.top_offset() < len(TEXT) // 2


def test_without_a_map_the_panes_keep_the_same_fraction(qtbot, window, wait_for_output):
    _loaded(qtbot, window, wait_for_output)
    window.view_tools.scroll_sync.action.trigger()
    window.analysis.links = None  # as while a new text is being explained
    bar = window.raw_text.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    out = window.normalized_text.verticalScrollBar()
    # (QPlainTextEdit may grow its range as it lays out: compare with where it ended.)
    assert out.value() > 0
    assert abs(out.value() / out.maximum() - bar.value() / bar.maximum()) < 0.01


def test_the_choice_is_remembered(make_window, settings):
    first = make_window(settings, start=False)
    first.view_tools.scroll_sync.action.trigger()
    assert first.view_tools.scroll_sync.action.isChecked()
    again = make_window(settings, start=False)
    assert again.view_tools.scroll_sync.action.isChecked()
