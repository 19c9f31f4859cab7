"""The status bar elides its fields and never makes the window wider."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QTextEdit

from gui.app.widgets.status_bar import StatusBar

LONG = "Saved trump-considers-plan-to-replace-tillerson-with-cia-" * 6 + ".txt to the corpus."


def _window(qtbot) -> tuple[QMainWindow, StatusBar]:
    window = QMainWindow()
    window.setCentralWidget(QTextEdit())
    bar = StatusBar()
    window.setStatusBar(bar)
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    return window, bar


def test_long_fields_do_not_widen_the_window(qtbot):
    # Regression: permanent QLabels set the window's minimum width (1024 -> 1456 px).
    window, bar = _window(qtbot)
    bar.set_corpus("/very/long/" + "deeply-nested-folder/" * 20 + "corpus", 12345)
    bar.set_sizes("x" * 10_000_000, "y" * 9_000_000, (1_234_567, 1_000_000))
    for number in range(4):
        bar.add_field(f"extra_{number}").setText("Applying: 35 of 1,008 · 56 records/s " * 3)
    bar.showMessage(LONG)
    qtbot.waitUntil(lambda: bar.texts()["message"] == LONG)
    assert window.minimumSizeHint().width() < 1024
    assert window.width() == 1024
    window.resize(800, 640)
    qtbot.waitUntil(lambda: window.width() == 800)


def test_a_cut_message_is_elided_with_the_full_text_in_its_tooltip(qtbot):
    # Regression: messages were cut to "Ope", "Saved trump-conside" with no way to read them.
    window, bar = _window(qtbot)
    bar.showMessage(LONG, 5000)
    message = bar.findChild(object, "status_message")
    qtbot.waitUntil(lambda: message.is_elided())
    assert message.shown_text().endswith("…")
    assert LONG in message.toolTip()
    assert bar.message_log()[-1] == LONG
    bar.clearMessage()
    assert bar.texts()["message"] == ""
    assert LONG in message.toolTip()  # still in the log
    assert window.width() == 1024


def test_fields_stay_in_order_with_the_corpus_button_last(qtbot):
    window, bar = _window(qtbot)
    field = bar.add_field("review_count")
    field.setText("3 of 1,008 reviewed")
    corpus = bar.findChild(object, "status_corpus")
    qtbot.waitUntil(lambda: field.isVisible())
    assert field.x() < corpus.x() < window.width()


def test_a_message_takes_the_room_of_sizes_and_timing(qtbot):
    window, bar = _window(qtbot)
    window.resize(640, 480)
    bar.set_sizes("x" * 1000, "y" * 900, (10, 9))
    bar.set_timing(0.5)
    sizes = bar.findChild(object, "status_sizes")
    qtbot.waitUntil(sizes.isVisible)
    bar.showMessage("Apply to all finished: 1,001 saved, 7 skipped (7 duplicates) in 19 s.")
    assert not sizes.isVisible()
    message = bar.findChild(object, "status_message")
    qtbot.waitUntil(lambda: not message.is_elided())
    bar.clearMessage()
    qtbot.waitUntil(sizes.isVisible)
