"""The output pane marks what rules inserted, in their colours."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from gui.app.widgets.output_view import OutputView
from gui.app.widgets.rule_colors import highlight_brush
from gui.engine.explain.lines import OutputChange


def test_output_marks_insertions_in_their_rules_colour(qtbot):
    view = OutputView()
    qtbot.addWidget(view)
    view.set_output("see <URL> and <EMAIL>")
    view.set_insertions([(4, 9, 2), (14, 21, 5)])
    layers = view.span_layers()
    assert [(list(layer.starts), list(layer.ends)) for layer in layers] == [
        ([4], [9]),
        ([14], [21]),
    ]
    assert layers[0].color == highlight_brush(2)
    view.set_output("other")
    assert view.span_layers() == []


def _shown_view(qtbot, text: str) -> OutputView:
    view = OutputView()
    qtbot.addWidget(view)
    view.resize(300, 120)
    view.set_output(text)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_unwrapped_output_is_one_row_per_line_and_scrolls_sideways(qtbot):
    text = " ".join(f"w{i:05d}" for i in range(20_000)) + "\nsecond line"
    view = _shown_view(qtbot, text)
    view.grab()
    assert len(view._lines) > 2  # wrapped: the first line takes every row
    view.set_wrapping(False)
    view.grab()
    first, second = view._lines[:2]
    assert first[0] == 0 and second == (text.index("second"), len(text))
    assert first[1] - first[0] <= view._columns() + 1  # only what is on screen is cut and drawn
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 100_000
    bar.setValue(70_000)
    view.grab()
    assert view._lines[0][0] == 70_000
    # A click maps to the character under it, sideways scroll included.
    assert view.offset_at(view.viewport().rect().topLeft() + QPoint(6, 6)) == 70_000
    # Revealing a far offset scrolls there sideways too.
    target = text.index("w15000")
    view.reveal(target, target + 6)
    view.grab()
    assert view._lines[0][0] <= target < view._lines[0][1]
    assert view.selection() == (target, target + 6)
    view.set_wrapping(True)
    assert bar.maximum() == 0 and not view._column


def test_wrap_lines_applies_to_both_panes(window, qtbot):
    action = window.view_tools.view.wrap_action
    action.setChecked(True)
    action.trigger()  # off
    assert not action.isChecked()
    assert not window.normalized_text.wrapping()
    assert window.raw_text.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    action.trigger()
    assert window.normalized_text.wrapping()


def test_a_selection_does_not_outlive_the_output_it_was_made_in(qtbot):
    view = _shown_view(qtbot, "first output text")
    view.set_selection(6, 12)
    assert view.selected_text() == "output"
    with qtbot.waitSignal(view.selection_changed):
        view.set_output("a different, longer output text")
    assert view.selected_text() == ""
    assert view.selection() == (12, 12)
    view.set_selection(0, 1)
    view.set_output("a different, longer output text")  # the same text: nothing to drop
    assert view.selected_text() == "a"


class _Paints(QObject):
    """The paint events a viewport gets, with their rectangles."""

    def __init__(self, viewport) -> None:
        super().__init__()
        self.rects: list = []
        viewport.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())
        return False


def _edited(view: OutputView, start: int, end: int, new: str) -> tuple[str, tuple]:
    before = view.output()
    return before[:start] + new + before[end:], (before, OutputChange(start, end, new))


def _settled(qtbot, view: OutputView) -> _Paints:
    view.repaint()
    QApplication.processEvents()
    return _Paints(view.viewport())


def test_a_change_above_the_screen_keeps_the_same_characters_in_view(qtbot):
    view = _shown_view(qtbot, "".join(f"line {n:04d}\n" for n in range(2000)))
    view.scroll_to(5000)
    paints = _settled(qtbot, view)
    top = view.first_visible_offset()
    shown = view.output()[top : top + 40]
    output, change = _edited(view, 10, 20, "inserted, much longer")
    view.set_output(output, change)
    QApplication.processEvents()
    assert view.output() == output
    assert view.first_visible_offset() == top + 11
    assert output[view.first_visible_offset() :][:40] == shown
    assert paints.rects == []  # nothing on screen changed


def test_a_change_below_the_screen_repaints_nothing_and_one_on_it_from_its_row(qtbot):
    view = _shown_view(qtbot, "".join(f"line {n:04d}\n" for n in range(2000)))
    paints = _settled(qtbot, view)
    maximum = view.verticalScrollBar().maximum()
    output, change = _edited(view, 15_000, 15_000, "more text\n" * 50)
    view.set_output(output, change)
    QApplication.processEvents()
    assert view.output() == output and paints.rects == []
    assert view.verticalScrollBar().maximum() > maximum
    output, change = _edited(view, 32, 33, "X")  # on the fourth row
    view.set_output(output, change)
    qtbot.waitUntil(lambda: bool(paints.rects))
    assert paints.rects[0].top() > 0 and paints.rects[0].bottom() >= view.viewport().height() - 1
    assert view.output() == output


def test_a_change_of_another_output_replaces_the_text_whole(qtbot):
    view = _shown_view(qtbot, "first output")
    stale = ("an older output", OutputChange(0, 2, "AN"))
    view.set_output("second output", stale)
    assert view.output() == "second output"
