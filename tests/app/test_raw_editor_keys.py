"""The raw pane lets Tab move on (Ctrl+Tab types a tab) and zooms with Ctrl+wheel."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from gui.app.widgets.output_view import OutputView
from gui.app.widgets.raw_editor import RawEditor

CTRL = Qt.KeyboardModifier.ControlModifier


def _form(qtbot):
    form = QWidget()
    layout = QVBoxLayout(form)
    editor = RawEditor()
    after = QLineEdit()
    layout.addWidget(editor)
    layout.addWidget(after)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.form = form  # keep the form (and so the editor) alive
    return editor, after


def test_tab_moves_focus_out_of_the_raw_pane_without_typing(qtbot):
    # Regression: Tab was trapped in the raw pane, typing tab characters.
    editor, after = _form(qtbot)
    editor.load_text("abc")
    edits = []
    editor.text_edited.connect(lambda text, _splice: edits.append(text))
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(after.hasFocus)
    assert editor.toPlainText() == "abc" and edits == []


def test_ctrl_tab_types_a_tab(qtbot):
    editor, _after = _form(qtbot)
    editor.load_text("abc")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Tab, CTRL)
    assert editor.toPlainText() == "abc\t"
    assert editor.hasFocus()


def test_a_setting_makes_tab_type_a_tab(qtbot):
    editor, _after = _form(qtbot)
    editor.set_tab_inserts_tab(True)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "\t"


def _ctrl_wheel(widget, delta: int) -> None:
    event = QWheelEvent(
        QPointF(10, 10), QPointF(widget.mapToGlobal(QPoint(10, 10))), QPoint(0, 0),
        QPoint(0, delta), Qt.MouseButton.NoButton, CTRL, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(widget.viewport(), event)


def test_ctrl_wheel_asks_both_panes_to_zoom(qtbot):
    editor = RawEditor()
    output = OutputView()
    for pane in (editor, output):
        qtbot.addWidget(pane)
        pane.show()
        size = pane.font().pointSizeF()
        with qtbot.waitSignal(pane.zoom_requested) as zoom:
            _ctrl_wheel(pane, 120)
        assert zoom.args == [1]
        with qtbot.waitSignal(pane.zoom_requested) as zoom:
            _ctrl_wheel(pane, -240)
        assert zoom.args == [-2]
        assert pane.font().pointSizeF() == size  # the window applies the size


def test_each_typed_edit_comes_with_its_splice(qtbot):
    """The pane says how each edit changed the text, so the preview need not compare texts."""
    editor, _after = _form(qtbot)
    editor.load_text("one\r\ntwo \U0001f600 three")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    edits = []
    editor.text_edited.connect(lambda text, splice: edits.append((text, splice)))
    for key in (Qt.Key.Key_A, Qt.Key.Key_Backspace, Qt.Key.Key_Return, Qt.Key.Key_B):
        qtbot.keyClick(editor, key)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_C)
    assert len(edits) == 5
    before = "one\r\ntwo \U0001f600 three"
    for text, splice in edits:
        assert splice is not None and splice.before == before
        assert before[: splice.start] + splice.text + before[splice.end :] == text
        before = text
    assert before == "c"
