"""Bidi controls (U+202E and the rest) never reorder the raw pane; the stored text keeps them."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QTextCursor

from gui.engine import normalize
from gui.workflow.text_mirror import BIDI_CONTROLS, shown_text, stored_text

TEXT = "abc\u202edef \u2067xy\u2069 \u200fz"


def _xs(editor, text_length: int) -> list[float]:
    """Where the cursor is drawn before each character of the first line."""
    line = editor.document().firstBlock().layout().lineAt(0)
    return [line.cursorToX(position)[0] for position in range(text_length + 1)]


def test_stand_ins_round_trip_and_keep_positions():
    assert len(shown_text(TEXT)) == len(TEXT)
    assert not set(shown_text(TEXT)) & set(BIDI_CONTROLS)
    assert stored_text(shown_text(TEXT)) == TEXT
    assert stored_text("plain") == "plain" and shown_text("é") == "é"


def test_raw_pane_shows_the_stored_order_and_keeps_the_controls(window, qtbot):
    window.invisible_action.setChecked(True)
    assert window.invisible_marks.is_shown()
    window.document.load_text(TEXT, source=None)
    raw = window.raw_text
    qtbot.waitUntil(lambda: raw.toPlainText() == TEXT)
    assert window.document.text == TEXT
    xs = _xs(raw, len(TEXT))
    # Left to right in stored order: each character starts no further left than the one before.
    assert xs == sorted(xs), xs
    assert xs[7] > xs[4]  # "f" after "d", not reversed by the override
    qtbot.waitUntil(
        lambda: any("RIGHT-TO-LEFT OVERRIDE" in d for _p, d in window.invisible_marks.marks())
    )

    # Typing after the override keeps it in the stored text (and in what the rules get).
    cursor = raw.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    raw.setTextCursor(cursor)
    qtbot.keyClicks(raw, "Q")
    expected = TEXT + "Q"
    qtbot.waitUntil(lambda: window.document.text == expected)
    qtbot.waitUntil(lambda: window.normalized_text.toPlainText() == normalize(expected, "wordopt"))

    # Copy gives the controls, paste of controls shows them as stand-ins, stores them as they are.
    raw.selectAll()
    raw.copy()
    assert QGuiApplication.clipboard().text() == expected
    cursor.movePosition(QTextCursor.MoveOperation.End)
    raw.setTextCursor(cursor)
    QGuiApplication.clipboard().setText("\u202eok")
    raw.paste()
    qtbot.waitUntil(lambda: window.document.text == expected + "\u202eok")
    assert "\u202e" not in raw.document().toRawText()
    xs = _xs(raw, len(raw.document().toRawText()))
    assert xs == sorted(xs)


def test_every_control_stays_on_its_line(window, qtbot):
    # Qt's document takes some noncharacters (U+FDD0, U+FDD1) for frame marks:
    # no stand-in may break the line.
    text = "".join(f"{char}x" for char in BIDI_CONTROLS)
    raw = window.raw_text
    raw.setLineWrapMode(raw.LineWrapMode.NoWrap)  # one line unless something breaks it
    window.document.load_text(text, source=None)
    qtbot.waitUntil(lambda: raw.toPlainText() == text)
    assert raw.document().blockCount() == 1
    layout = raw.document().firstBlock().layout()
    assert layout.lineCount() == 1
    xs = _xs(raw, len(text))
    assert xs == sorted(xs) and xs[-1] > xs[0]
