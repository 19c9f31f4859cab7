"""Find in either pane: plain or regex, match case, a count, next and previous wrap."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.app.widgets.find_bar import FindBar
from gui.app.widgets.output_view import OutputView
from gui.app.widgets.raw_editor import EDITABLE_CHARS, RawEditor

TEXT = "Cat cat CAT\ncaterpillar 😀 cat"


def _bar(qtbot, target, name="raw text") -> FindBar:
    bar = FindBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.open_on(target, name)
    return bar


def test_plain_find_ignores_case_and_counts(qtbot):
    editor = RawEditor()
    qtbot.addWidget(editor)
    editor.load_text(TEXT)
    bar = _bar(qtbot, editor)
    bar.field.setText("cat")
    assert bar.count.text() == "5 matches"
    assert bar.find_next()
    assert editor.selection_range() == (0, 3)
    assert bar.count.text() == "1 of 5"
    for _ in range(4):
        bar.find_next()
    # The last one is after an astral character: offsets are the exact text's.
    assert editor.selection_range() == (len(TEXT) - 3, len(TEXT))
    assert editor.textCursor().selectedText() == "cat"
    bar.find_next()  # wraps
    assert editor.selection_range() == (0, 3)
    bar.find_previous()
    assert editor.selection_range() == (len(TEXT) - 3, len(TEXT))


def test_match_case_and_regex(qtbot):
    editor = RawEditor()
    qtbot.addWidget(editor)
    editor.load_text(TEXT)
    bar = _bar(qtbot, editor)
    bar.case_box.setChecked(True)
    bar.field.setText("cat")
    assert bar.count.text() == "3 matches"
    bar.regex_box.setChecked(True)
    bar.field.setText(r"\bcat\b")
    assert bar.count.text() == "2 matches"
    bar.field.setText("[")
    assert bar.count.text().startswith("Invalid pattern")
    assert not bar.find_next()


def test_find_in_the_output_pane_scrolls_to_the_match(qtbot):
    view = OutputView()
    qtbot.addWidget(view)
    view.resize(300, 120)
    view.show()
    view.set_output("filler text " * 5000 + "needle " + "more " * 100)
    bar = _bar(qtbot, view, "normalized output")
    bar.field.setText("needle")
    assert bar.count.text() == "1 match"
    assert bar.find_next()
    start, end = view.selection()
    assert view.text()[start:end] == "needle"
    first, last = view.visible_range()
    assert first <= start and end <= last


def test_find_in_a_text_too_large_to_edit(qtbot):
    editor = RawEditor()
    qtbot.addWidget(editor)
    editor.resize(400, 300)
    editor.show()
    text = "x" * EDITABLE_CHARS + " needle"
    editor.load_text(text)
    assert editor.is_large()
    bar = _bar(qtbot, editor)
    bar.field.setText("needle")
    assert bar.find_next()
    assert editor.selection_range() == (len(text) - 6, len(text))


def test_escape_closes_and_return_goes_to_the_next(qtbot):
    editor = RawEditor()
    qtbot.addWidget(editor)
    editor.load_text(TEXT)
    bar = _bar(qtbot, editor)
    bar.field.setText("cat")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert editor.selection_range() == (0, 3)
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
