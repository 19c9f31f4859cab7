"""The raw pane keeps the exact text: Qt's document is not a faithful store.

Qt folds `\\r\\n` into one block break and `toPlainText()` turns no-break
spaces into spaces; the window must still give the rules exactly the text
it loaded, plus exactly what the user typed.
"""

from hypothesis import example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from gui.engine import normalize
from gui.workflow.text_mirror import EditorOffsets, TextMirror, _as_document

PIECES = ["a", "b", " ", "\u00a0", "\r\n", "\n", "\r", "\u2028", "\U0001f600", "é", "\t"]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
typed = st.lists(st.sampled_from(["x", " ", "\u00a0", "\U0001f642", "\u2029"]), max_size=4).map(
    "".join
)


@settings(max_examples=400, deadline=None)
@example(text="aa\raaa", edits=[(3, 0, "\u2029")])  # Enter after a lone \r
@example(text="a\r\raa", edits=[(3, 0, "\u2029")])  # ... after a run of them
@given(
    text=texts, edits=st.lists(st.tuples(st.integers(0, 99), st.integers(0, 3), typed), max_size=6)
)
def test_mirror_follows_a_real_document(qapp, text, edits):
    document = QTextDocument()
    # As in QPlainTextEdit; without a layout Qt reports no changes at all.
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    document.setPlainText(text)
    mirror = TextMirror(text)
    splices = []

    def follow(position, removed, added):
        before = mirror.text
        splice = mirror.splice(position, removed, _document_slice(document, position, added))
        splices.append((before, splice, mirror.text))

    document.contentsChange.connect(follow)
    for where, length, inserted in edits:
        offsets = EditorOffsets.of(mirror.text)
        valid = sorted({offsets.position(o) for o in range(len(mirror.text) + 1)})
        start = valid[where % len(valid)]
        end = valid[min(valid.index(start) + length, len(valid) - 1)]
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(inserted)
        assert _as_document(mirror.text) == document.toRawText()
        # Each splice says exactly how the text changed (None: not as one splice).
        for before, splice, after in splices:
            if splice is not None:
                assert splice.before is before
                assert before[: splice.start] + splice.text + before[splice.end :] == after
        splices.clear()
        # The offsets, updated per edit, are those of the whole new text.
        fresh, kept = EditorOffsets.of(mirror.text), mirror.offsets
        assert (kept.length, kept.astral, kept.crlf) == (fresh.length, fresh.astral, fresh.crlf)
        # Enter arrives as Qt's block separator and must reach the rules as "\n".
        assert "\u2029" not in mirror.text
    # What nobody touched keeps its exact characters.
    if not edits:
        assert mirror.text == text


def _document_slice(document, position, added):
    added = max(0, min(added, document.characterCount() - 1 - position))
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    cursor.setPosition(position + added, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_typing_keeps_no_break_spaces_and_crlf(window, qtbot):
    text = "Caf\u00e9\u00a0au lait\r\nsecond\u00a0line 😀\r\n"
    window.document.load_text(text, source=None)
    qtbot.waitUntil(lambda: window.raw_text.toPlainText() == text)
    cursor = window.raw_text.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.raw_text.setTextCursor(cursor)
    qtbot.keyClicks(window.raw_text, "X")
    qtbot.keyClick(window.raw_text, Qt.Key.Key_Return)
    # Enter in a file with \r\n line ends types \r\n.
    expected = text + "X\r\n"
    qtbot.waitUntil(lambda: window.document.text == expected)
    assert window.raw_text.toPlainText() == expected
    qtbot.waitUntil(lambda: window.normalized_text.toPlainText() == normalize(expected, "wordopt"))


def test_offsets_of_many_crlfs_and_emoji_follow_an_early_edit():
    """Hundreds of entries after the edit move in one array step, exactly."""
    text = "".join(f"line {n} \U0001f600\r\n" for n in range(2000))
    mirror = TextMirror(text)
    offsets = mirror.offsets
    for position, removed, inserted in ((3, 0, "ab\u2029"), (0, 4, ""), (10, 1, "\U0001f642")):
        mirror.splice(position, removed, inserted)
        fresh, kept = EditorOffsets.of(mirror.text), mirror.offsets
        assert kept is not offsets
        assert (kept.length, kept.astral, kept.crlf) == (fresh.length, fresh.astral, fresh.crlf)
        offsets = kept
