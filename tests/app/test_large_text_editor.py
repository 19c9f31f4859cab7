"""The raw pane's large-text editor: typing, moving, undo, clipboard, highlights, the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from gui.app.widgets import editor_keys
from gui.app.widgets.raw_editor import EDITABLE_LINE, RawEditor
from gui.engine import explain, normalize
from gui.workflow.highlights import prepare_highlights

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
# One line longer than Qt's editor takes: the pane edits it in the large-text editor.
LONG = ("The U.S. [note] paid $430 in 2016, said Reuters. " * (EDITABLE_LINE // 40))[
    : EDITABLE_LINE + 500
]


@pytest.fixture
def pane(qtbot):
    """A raw pane in a form (with a field after it), showing a long line, focused."""
    form = QWidget()
    layout = QVBoxLayout(form)
    raw = RawEditor()
    after = QLineEdit()
    layout.addWidget(raw)
    layout.addWidget(after)
    qtbot.addWidget(form)
    form.resize(500, 400)
    form.show()
    qtbot.waitExposed(form)
    raw.load_text(LONG)
    assert raw.is_large()
    raw.setFocus()
    editor = raw.large_view()
    qtbot.waitUntil(editor.hasFocus)
    raw.form, raw.after = form, after  # kept alive with the pane
    return raw


def _edits(raw) -> list:
    edits = []
    raw.large_view().edited.connect(lambda *args: edits.append(args[:3]))
    return edits


def test_typing_and_deleting_splice_the_exact_text(qtbot, pane):
    editor = pane.large_view()
    edits = _edits(pane)
    texts, splices = [], []
    pane.text_edited.connect(lambda text, splice: (texts.append(text), splices.append(splice)))
    pane.set_cursor_offset(4)
    QTest.keyClicks(editor, "big ")
    assert pane.toPlainText() == LONG[:4] + "big " + LONG[4:]
    assert edits[0] == (4, 0, 1) and len(edits) == 4
    assert texts[-1] is pane.toPlainText()  # the str itself, as an object
    before, start, end, inserted = splices[-1]  # how the edit made it of the text before
    assert (before, start, end, inserted) == (texts[-2], 7, 7, " ")
    assert before[:start] + inserted + before[end:] == texts[-1]
    QTest.keyClick(editor, Qt.Key.Key_Backspace)
    QTest.keyClick(editor, Qt.Key.Key_Left)
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    assert pane.toPlainText() == LONG[:4] + "bi" + LONG[4:]
    QTest.keyClick(editor, Qt.Key.Key_Backspace, CTRL)  # the word before the caret
    assert pane.toPlainText() == LONG[:4] + LONG[4:]
    assert pane.selection_range() == (4, 4)


def test_undo_takes_back_typed_characters_as_one_step(qtbot, pane):
    editor = pane.large_view()
    pane.set_cursor_offset(0)
    QTest.keyClicks(editor, "abc")
    QTest.keyClick(editor, Qt.Key.Key_End)  # a move ends the step
    QTest.keyClicks(editor, "xy")
    row_end = pane.selection_range()[0] - 2
    edited = LONG[:0] + "abc" + LONG[: row_end - 3] + "xy" + LONG[row_end - 3 :]
    assert pane.toPlainText() == edited
    QTest.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert pane.toPlainText() == "abc" + LONG
    QTest.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert pane.toPlainText() == LONG and pane.selection_range() == (0, 0)
    QTest.keyClick(editor, Qt.Key.Key_Z, CTRL | SHIFT)
    assert pane.toPlainText() == "abc" + LONG
    pane.redo()  # the pane's own command acts on the editor shown
    assert pane.toPlainText() == edited


def test_a_selection_is_replaced_by_what_is_typed(qtbot, pane):
    editor = pane.large_view()
    pane.set_cursor_offset(3)
    for _ in range(3):
        QTest.keyClick(editor, Qt.Key.Key_Left, SHIFT)
    assert pane.selection_range() == (0, 3)
    QTest.keyClicks(editor, "A")
    assert pane.toPlainText() == "A" + LONG[3:]
    QTest.keyClick(editor, Qt.Key.Key_Right, CTRL | SHIFT)
    assert pane.toPlainText()[slice(*pane.selection_range())] == " U"
    QTest.keyClick(editor, Qt.Key.Key_Right)  # a plain move collapses to the selection's end
    assert pane.selection_range() == (3, 3)


def test_enter_types_the_texts_own_line_end(qtbot, pane):
    editor = pane.large_view()
    crlf = "first line\r\n" + LONG + "\r\nlast"
    pane.load_text(crlf)
    pane.setFocus()
    pane.set_cursor_offset(5)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert pane.toPlainText() == "first\r\n line\r\n" + LONG + "\r\nlast"
    QTest.keyClick(editor, Qt.Key.Key_Backspace)  # the whole break
    assert pane.toPlainText() == crlf
    pane.set_cursor_offset(10)
    QTest.keyClick(editor, Qt.Key.Key_Right)  # over \r\n as one
    assert pane.selection_range() == (12, 12)
    QTest.keyClick(editor, Qt.Key.Key_Up)
    QTest.keyClick(editor, Qt.Key.Key_End)
    assert pane.selection_range() == (10, 10)  # the row ends before its \r
    pane.load_text(LONG + "\nsecond")  # \n texts get \n
    pane.set_cursor_offset(0)
    QTest.keyClick(editor, Qt.Key.Key_Enter)
    assert pane.toPlainText() == "\n" + LONG + "\nsecond"


def test_keys_move_the_caret_and_keep_it_on_screen(qtbot, pane):
    editor = pane.large_view()
    pane.set_cursor_offset(0)
    QTest.keyClick(editor, Qt.Key.Key_End, CTRL)
    assert pane.selection_range() == (len(LONG), len(LONG))
    first, last = editor.visible_range()
    assert first <= len(LONG) <= last and editor.caret_rect() is not None
    QTest.keyClick(editor, Qt.Key.Key_Home, CTRL | SHIFT)
    assert pane.selection_range() == (0, len(LONG))
    assert editor.first_visible_offset() == 0
    QTest.keyClick(editor, Qt.Key.Key_Home, CTRL)
    QTest.keyClick(editor, Qt.Key.Key_End)  # the end of the wrapped row
    row_end = pane.selection_range()[0]
    assert 0 < row_end < 200 and LONG[row_end] == " "
    QTest.keyClick(editor, Qt.Key.Key_Down)
    QTest.keyClick(editor, Qt.Key.Key_Home)
    assert pane.selection_range()[0] == row_end + 1  # the next row starts after the space
    QTest.keyClick(editor, Qt.Key.Key_Right, CTRL)
    assert pane.toPlainText()[row_end + 1 : pane.selection_range()[0]] == "U"  # "U.S.": U
    rows = editor._rows()
    QTest.keyClick(editor, Qt.Key.Key_PageDown)
    caret = pane.selection_range()[0]
    assert caret > row_end + rows * 40  # a page of rows further on
    first, last = editor.visible_range()
    assert first > 0 and first <= caret <= last
    QTest.keyClick(editor, Qt.Key.Key_PageUp)
    assert pane.selection_range()[0] < caret
    QTest.keyClick(editor, Qt.Key.Key_Up)  # still on screen after every move
    first, last = editor.visible_range()
    assert first <= pane.selection_range()[0] <= last


def test_cut_copy_and_paste(qtbot, pane):
    editor = pane.large_view()
    clipboard = QGuiApplication.clipboard()
    pane.select_range(0, 8)
    QTest.keyClick(editor, Qt.Key.Key_C, CTRL)
    assert clipboard.text() == "The U.S."
    QTest.keyClick(editor, Qt.Key.Key_X, CTRL)
    assert pane.toPlainText() == LONG[8:]
    pane.set_cursor_offset(len(LONG) - 8)
    QTest.keyClick(editor, Qt.Key.Key_V, CTRL)
    assert pane.toPlainText() == LONG[8:] + "The U.S."
    clipboard.setText("one\r\ntwo")  # pasted breaks become the text's own (\n here)
    pane.paste()
    assert pane.toPlainText().endswith("The U.S.one\ntwo")
    clipboard.clear()


def test_the_context_menu_enables_what_applies(qtbot, pane):
    editor = pane.large_view()
    QGuiApplication.clipboard().clear()
    names = lambda menu: {a.objectName(): a.isEnabled() for a in menu.actions() if a.text()}  # noqa: E731
    shown = names(editor_keys.context_menu(editor, editor))
    assert shown == {
        "undo": False, "redo": False, "cut": False, "copy": False, "paste": False,
        "delete": False, "select_all": True,
    }  # fmt: skip
    pane.select_range(0, 3)
    QTest.keyClicks(editor, "x")
    pane.select_range(0, 1)
    QGuiApplication.clipboard().setText("y")
    shown = names(editor_keys.context_menu(editor, editor))
    assert shown["undo"] and not shown["redo"]
    assert shown["cut"] and shown["copy"] and shown["paste"] and shown["delete"]
    pane.setReadOnly(True)
    shown = names(editor_keys.context_menu(editor, editor))
    assert shown["copy"] and not (shown["cut"] or shown["paste"] or shown["undo"])
    QGuiApplication.clipboard().clear()


def test_read_only_refuses_edits_but_moves(qtbot, pane):
    editor = pane.large_view()
    pane.setReadOnly(True)
    edits = _edits(pane)
    pane.set_cursor_offset(0)
    QTest.keyClicks(editor, "abc")
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    editor.inputMethodEvent(QInputMethodEvent("", []))
    assert pane.toPlainText() == LONG and edits == []
    QTest.keyClick(editor, Qt.Key.Key_Right, CTRL)
    assert pane.selection_range() == (3, 3)


def test_input_method_commits_are_typed(qtbot, pane):
    editor = pane.large_view()
    pane.set_cursor_offset(0)
    event = QInputMethodEvent()
    event.setCommitString("東京")
    QApplication.sendEvent(editor, event)
    assert pane.toPlainText() == "東京" + LONG
    assert pane.selection_range() == (2, 2)


def test_tab_moves_on_unless_it_types_tabs(qtbot, pane):
    editor = pane.large_view()
    pane.set_cursor_offset(0)
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(pane.after.hasFocus)
    assert pane.toPlainText() == LONG
    pane.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    QTest.keyClick(editor, Qt.Key.Key_Tab, CTRL)
    assert pane.toPlainText() == "\t" + LONG
    pane.set_tab_inserts_tab(True)
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert pane.toPlainText() == "\t\t" + LONG and editor.hasFocus()


def test_highlights_after_the_edit_are_dropped(qtbot, pane):
    pane.set_highlights(prepare_highlights(explain(LONG, "wordopt")))
    spans = pane.highlighted_spans()
    bracket = LONG.index("[note]", 5000)
    assert pane.rules_at(bracket + 1)
    layers = pane.large_view().span_layers()
    assert sum(len(layer.starts) for layer in layers) == len(spans)
    pane.set_cursor_offset(5000)
    QTest.keyClicks(pane.large_view(), "x")
    kept = pane.large_view().span_layers()
    assert kept and all(all(end <= 5000 for end in layer.ends) for layer in kept)
    assert sum(len(layer.starts) for layer in kept) < len(spans)
    assert pane.rules_at(bracket + 2) == []  # no longer in line
    assert pane.rules_at(LONG.index("[note]") + 1)  # before the edit: still there


def test_dropped_files_are_reported(qtbot, pane, tmp_path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.txt"))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    with qtbot.waitSignal(pane.files_dropped) as dropped:
        pane.large_view().dropEvent(event)
    assert dropped.args == [[str(tmp_path / "a.txt")]]


def test_the_caret_is_drawn_on_its_row_and_blinks(qtbot, pane):
    editor = pane.large_view()
    pane.set_cursor_offset(0)
    QTest.keyClick(editor, Qt.Key.Key_Down)
    rect = editor.caret_rect()
    assert rect is not None and rect.top() > 0  # on the second row
    image = editor.viewport().grab().toImage()
    x, y = int(rect.left()), int(rect.center().y())
    text = editor.palette().color(editor.palette().ColorRole.Text)
    assert image.pixelColor(x, y) == text
    on = editor._caret_on
    qtbot.waitUntil(lambda: editor._caret_on != on, timeout=3000)


def test_ctrl_z_in_the_window_undoes_typing_not_the_rules(
    window, qtbot, wait_for_output, wait_until_explained
):
    window.document.load_text(LONG)
    raw = window.raw_text
    assert raw.is_large()
    window.profile_model.set_rule_enabled(0, not window.profile_model.profile.steps[0].enabled)
    steps = window.profile_model.profile.steps
    raw.setFocus()
    editor = raw.large_view()
    qtbot.waitUntil(editor.hasFocus)
    raw.set_cursor_offset(len(LONG))
    QTest.keyClicks(editor, " More")
    QTest.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert raw.toPlainText() == LONG
    assert window.profile_model.profile.steps == steps  # the rule change stays


def test_typing_into_a_long_line_shows_the_engine_output(window, qtbot, wait_for_output):
    text = LONG * 10  # about 100 KB, one line
    window.document.load_text(text)
    wait_for_output(window, normalize(text), timeout=20_000)
    raw = window.raw_text
    assert raw.is_large() and not raw.isReadOnly()
    raw.setFocus()
    editor = raw.large_view()
    qtbot.waitUntil(editor.hasFocus)
    raw.set_cursor_offset(len(text))
    QTest.keyClicks(editor, " Typed 2017 [x] WORDS")
    edited = text + " Typed 2017 [x] WORDS"
    assert window.document.text == edited and window.document.modified
    wait_for_output(window, normalize(edited), timeout=20_000)
    QTest.keyClick(editor, Qt.Key.Key_Z, CTRL)
    wait_for_output(window, normalize(text), timeout=20_000)


def test_invisible_characters_are_marked_and_named(qtbot, pane):
    editor = pane.large_view()
    pane.load_text("zero\u200bwidth, no\u00a0break " + LONG)
    pane.set_invisible_shown(True)
    editor.repaint()
    marks = editor._marks(editor._painted_rows)
    assert [char for _rect, char in marks[:2]] == ["\u200b", "\u00a0"]
    assert editor.invisible_at(marks[0][0].center()) == "U+200B ZERO WIDTH SPACE"
    pane.set_invisible_shown(False)
    editor.repaint()
    assert editor._marks(editor._painted_rows) == []


def test_unwrapped_the_caret_scrolls_sideways(qtbot, pane):
    editor = pane.large_view()
    pane.set_wrapping(False)
    assert pane.lineWrapMode() == pane.LineWrapMode.NoWrap and not editor.wrapping()
    pane.set_cursor_offset(0)
    QTest.keyClick(editor, Qt.Key.Key_End)
    assert pane.selection_range() == (len(LONG), len(LONG))  # the row is the whole line
    assert editor.horizontalScrollBar().value() > 0 and editor.caret_rect() is not None
    QTest.keyClicks(editor, "!")
    assert pane.toPlainText() == LONG + "!"
    QTest.keyClick(editor, Qt.Key.Key_Home)
    assert editor.horizontalScrollBar().value() == 0
    pane.set_wrapping(True)


def test_keys_sent_to_the_pane_itself_reach_the_large_text_editor(qtbot, pane):
    texts = []
    pane.text_edited.connect(lambda text, _splice: texts.append(text))
    pane.set_cursor_offset(0)
    QTest.keyClicks(pane, "ab")  # as tests and tools send them
    assert pane.toPlainText() == "ab" + LONG and texts[-1] == "ab" + LONG
    assert pane.hasFocus() and pane.has_text_focus()  # through its focus proxy


def test_the_scroll_range_follows_edits_far_from_the_end(qtbot, pane):
    editor = pane.large_view()
    pane.load_text("\n".join([LONG[:3000]] * 50) + "\n" + LONG)
    pane.set_cursor_offset(10)
    for keys in ("typed words ", "\n\n"):
        QTest.keyClicks(editor, keys) if keys.strip() else QTest.keyClick(editor, Qt.Key.Key_Return)
        assert editor.verticalScrollBar().maximum() == editor._last_top()  # as if wrapped again
    QTest.keyClick(editor, Qt.Key.Key_A, CTRL)
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    assert pane.toPlainText() == "" and editor.verticalScrollBar().maximum() == 0


def test_scrolling_the_large_text_editor_scrolls_the_output(window, qtbot, wait_for_output):
    text = "\n".join(f"Line {n} visits http://x.io/{n}. " + LONG[:12_000] for n in range(3))
    window.document.load_text(text)
    wait_for_output(window, normalize(text), timeout=20_000)
    raw, output = window.raw_text, window.normalized_text
    assert raw.is_large() and raw.scroll_bar() is raw.large_view().verticalScrollBar()
    window.view_tools.scroll_sync.action.setChecked(True)
    qtbot.waitUntil(lambda: window.analysis.links is not None, timeout=20_000)
    raw.scroll_to_offset(len(text) // 2)
    top = raw.top_offset()
    assert len(text) // 2 - 200 < top <= len(text) // 2
    first, last = output.visible_range()
    assert first <= window.analysis.links.output_span(top, top)[0] < last and first > 0
