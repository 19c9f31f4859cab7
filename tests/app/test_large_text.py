"""Large texts: the lazily wrapped views, the large-text raw editor, background opening."""

from __future__ import annotations

import importlib
import os
import sys

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, Qt
from PySide6.QtGui import QGuiApplication

from gui.app.widgets.large_text_view import LargeTextView
from gui.app.widgets.output_view import OutputView
from gui.app.widgets.raw_editor import EDITABLE_LINE
from gui.engine import explain, normalize
from gui.workflow.highlights import count_tokens, prepare_highlights
from tests.app.text_models import TextModels

# Files above this size used to be the only ones read in a worker; all are now.
ASYNC_OPEN_BYTES = 1_000_000

SEED = "NEW YORK (Reuters) - Officials from so-called sanctuary cities met on 12 May [draft]. "


def _one_line(size: int) -> str:
    return (SEED * (size // len(SEED) + 1))[:size]


@pytest.fixture
def view(qtbot):
    view = OutputView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_output_view_holds_a_huge_line_exactly(qtbot, view):
    output = normalize(_one_line(3_000_000))
    view.set_output(output)
    assert view.output() == output
    assert view.toPlainText() == output
    view.repaint()  # paints only the lines in view
    first, last = view.visible_range()
    assert first == 0 and 0 < last < 10_000
    view.selectAll()
    assert view.selected_text() == output
    view.copy()
    assert QGuiApplication.clipboard().text() == output
    QGuiApplication.clipboard().clear()


def test_output_view_keyboard_copy_and_scrolling(qtbot, view):
    text = "alpha beta\ngamma " + "word " * 20_000 + "\nend"
    view.set_output(text)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == text
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    top = view.first_visible_offset()
    assert top > 0 and text[top - 1] in " \n"  # a wrapped line starts after a break
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.first_visible_offset() < top
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    view.repaint()
    assert view.visible_range()[1] == len(text)


def test_output_view_mouse_selection_is_exact_text(qtbot, view):
    view.set_output("one two three four")
    view.repaint()
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(10, 8))
    assert view.selected_text() == "one"


def test_wrapping_never_loses_or_reorders_text(qtbot):
    view = LargeTextView()
    qtbot.addWidget(view)
    view.resize(200, 200)
    text = "short\n\n" + "x" * 500 + " tail 東京東京東京東京東京東京東京東京東京 end\nlast"
    view.set_text(text)
    lines = view._lines_from(0, 10_000)
    rebuilt = ""
    for start, end, following in lines:
        assert start <= end <= following
        assert start < following or following == len(text)
        rebuilt += text[start:following]
    assert rebuilt == text


def test_counts_and_highlight_arrays_match_the_engine():
    text = "Emoji 😀 [note]\r\nLine 2 😀 <b>X</b>\r\n" * 3
    prepared = prepare_highlights(explain(text, "wordopt"))
    engine = explain(text, "wordopt")
    assert prepared.spans() == [(r.rule_id, s, e) for r in engine.reports for s, e in r.spans]
    # Editor positions: the emoji takes two, the \r of \r\n none; and back again.
    assert prepared.editor_position(6) == 6 and prepared.editor_position(7) == 8
    assert prepared.text_offset(8) == 7 and prepared.text_offset(7) == 6
    assert prepared.editor_position(16) == 16  # after one emoji (+1) and one \\r\\n (-1)
    big = "a b  c\n" * 400_000
    assert count_tokens(big) == len(big.split())
    assert count_tokens("x" * 3_000_000) == 1


def test_stale_explanations_are_dropped(qtbot):
    session = TextModels.create()
    try:
        seen: list[str] = []
        session.preview.highlights_ready.connect(lambda h: seen.append(h.text))
        session.document.load_text("First TEXT 1")
        session.document.set_text("Second TEXT 2")
        session.document.set_text("Third TEXT 3")
        qtbot.waitUntil(lambda: session.preview.highlights is not None)
        session.preview.wait()
        QCoreApplication.processEvents()  # deliver what the finished workers posted
        assert set(seen) == {"Third TEXT 3"}
        assert session.preview.explanation.text == "Third TEXT 3"
    finally:
        session.shutdown()


def test_large_file_opens_in_the_background(
    make_window, settings, tmp_path, wait_for_output, wait_until_explained
):
    text = _one_line(ASYNC_OPEN_BYTES + 500_000)
    path = tmp_path / "large.txt"
    path.write_text(text, encoding="utf-8")
    window = make_window(settings)
    assert window.open_file(str(path), confirm=False)
    wait_for_output(window, normalize(text), timeout=20_000)
    wait_until_explained(window, timeout=30_000)
    raw = window.raw_text
    assert raw.is_large() and not raw.isReadOnly()  # editable, in the large-text editor
    assert raw.toPlainText() == text
    assert window.document.source == str(path)
    # Highlights are drawn in the large view, from the engine's spans.
    layers = raw.large_view().span_layers()
    assert sum(len(layer.starts) for layer in layers) == len(raw.highlighted_spans())
    bracket = text.index("[draft]")
    assert raw.rules_at(bracket + 2)[-1] == "Delete [bracketed] spans"
    # Back to a small text: Qt's editor again.
    window.document.load_text("Small text")
    assert not raw.is_large() and not raw.isReadOnly()
    assert raw.toPlainText() == "Small text"


def test_large_binary_file_is_refused_in_the_background(window, dialogs, tmp_path, qtbot):
    before = window.raw_text.toPlainText()
    path = tmp_path / "big.bin"
    path.write_bytes(b"\x00\x01" * ASYNC_OPEN_BYTES)
    dialogs.answer("warning", 0)
    window.open_file(str(path), confirm=False)
    qtbot.waitUntil(lambda: bool(dialogs.texts("warning")))
    assert "not a text file" in dialogs.texts("warning")[0]
    assert window.raw_text.toPlainText() == before


def test_pasting_a_huge_text_switches_to_the_large_view(window, wait_for_output):
    raw = window.raw_text
    raw.setPlainText("Before ")
    raw.moveCursor(raw.textCursor().MoveOperation.End)
    pasted = _one_line(EDITABLE_LINE + 1000)
    mime = QMimeData()
    mime.setText(pasted)
    raw.insertFromMimeData(mime)
    assert raw.is_large()
    assert window.document.text == "Before " + pasted
    assert window.document.modified
    wait_for_output(window, normalize("Before " + pasted), timeout=20_000)


# -- explain in the helper process ----------------------------------------------------

LARGE = "Emoji 😀 [note] <b>X</b> 2016 Reuters\r\n" * 150


def _gone(pid: int) -> bool:
    """The process is gone (or a zombie waiting to be reaped: not running)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return any(line.startswith("State:") and "Z" in line for line in status)
    except FileNotFoundError:
        return True


@pytest.fixture
def process_session(qtbot):
    """A session that sends every text over 1,000 characters to the helper process."""
    session = TextModels.create()
    session.preview.process_chars = 1_000
    session.preview.incremental_chars = 10**12  # the helper path, not the incremental one
    yield session
    session.shutdown()


def test_large_texts_are_explained_in_the_helper_like_in_the_thread(qtbot, process_session):
    session = process_session
    assert session.preview.explain_helper is None  # started on first need only
    session.document.load_text(LARGE)
    qtbot.waitUntil(lambda: session.preview.highlights is not None, timeout=20_000)
    summary, highlights = session.preview.explanation, session.preview.highlights
    assert summary.where == "process"
    pid = session.preview.explain_helper.pid
    assert pid is not None and pid != os.getpid() and not _gone(pid)
    engine = explain(LARGE, "wordopt")
    expected = prepare_highlights(engine)
    assert highlights.text is session.document.text
    assert highlights.spans() == expected.spans()
    assert highlights.rule_ids == expected.rule_ids and highlights.labels == expected.labels
    assert (highlights.offsets.astral, highlights.offsets.crlf) == (
        expected.offsets.astral,
        expected.offsets.crlf,
    )
    assert summary.output == engine.output
    assert [
        (r.index, r.rule_id, r.label, r.status, r.changes, r.reason, r.notes, r.spans)
        for r in summary.reports
    ] == [
        (r.index, r.rule_id, r.label, r.status, r.changes, r.reason, r.notes, r.spans)
        for r in engine.reports
    ]
    # The same helper serves the next explain (a profile edit).
    session.profile_model.set_rule_enabled(0, False)
    qtbot.waitUntil(lambda: session.preview.highlights is not None, timeout=20_000)
    assert session.preview.explanation.reports[0].status == "disabled"
    assert session.preview.explain_helper.pid == pid and session.preview.explain_helper.starts == 1
    # Small texts stay in the window's thread.
    session.document.load_text("Small text 2")
    qtbot.waitUntil(lambda: session.preview.explanation is not None, timeout=20_000)
    assert session.preview.explanation.where == "thread"
    session.shutdown()
    assert session.preview.explain_helper.pid is None
    qtbot.waitUntil(lambda: _gone(pid), timeout=5_000)


def test_stale_results_of_the_helper_are_dropped(qtbot, process_session):
    session = process_session
    seen: list[str] = []
    session.preview.highlights_ready.connect(lambda h: seen.append(h.text))
    # (Typed text: \n line ends, as an editor gives them.)
    texts = [f"Text {n} " + LARGE.replace("\r\n", "\n") for n in range(3)]
    session.document.load_text(texts[0])
    session.document.set_text(texts[1])
    session.document.set_text(texts[2])
    qtbot.waitUntil(lambda: session.preview.highlights is not None, timeout=20_000)
    session.preview.wait()
    QCoreApplication.processEvents()  # deliver what the finished workers posted
    assert seen == [texts[2]]
    assert (
        session.preview.explanation.text == texts[2]
        and session.preview.explanation.where == "process"
    )


def test_a_helper_busy_on_a_stale_text_is_killed_and_replaced(qtbot, process_session):
    session = process_session
    seen: list[str] = []
    session.preview.highlights_ready.connect(lambda h: seen.append(h.text))
    big = _one_line(3_000_000)  # a few tenths of a second to explain
    session.document.load_text(big)
    qtbot.waitUntil(lambda: session.preview.explain_helper is not None, timeout=20_000)
    helper = session.preview.explain_helper
    qtbot.waitUntil(lambda: helper.busy, timeout=20_000)
    first = helper.pid
    session.document.load_text(LARGE)  # the big text's explain is stale now: not worth finishing
    qtbot.waitUntil(lambda: session.preview.highlights is not None, timeout=20_000)
    session.preview.wait()
    QCoreApplication.processEvents()  # deliver what the finished workers posted
    assert seen == [LARGE]
    assert helper.starts == 2 and helper.pid != first
    assert _gone(first)


@pytest.fixture
def breaking_rule():
    module = importlib.import_module("tests.app.broken_rule")
    yield module
    module.unregister()
    sys.modules.pop(module.__name__, None)


@pytest.mark.parametrize("in_process", [False, True], ids=["thread", "process"])
def test_a_rule_failing_in_explain_is_reported_in_words(qtbot, breaking_rule, in_process):
    from gui.engine import Profile, RuleStep

    profile = Profile("t", (RuleStep("lowercase"), RuleStep(breaking_rule.RULE_ID)))
    session = TextModels.create(profile)
    session.preview.process_chars = 1_000 if in_process else 10**9
    messages: list[str] = []
    session.preview.normalization_failed.connect(messages.append)
    try:
        session.document.load_text(LARGE)
        qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
        assert session.preview.output == LARGE.lower()  # the run went fine
        assert messages == [f"Normalization failed: RuntimeError: {breaking_rule.MESSAGE}"]
        assert session.preview.explanation is None
        assert (session.preview.explain_helper is not None) == in_process
        if in_process:
            # The helper survives a failing rule and explains the next text.
            session.profile_model.set_profile(Profile("t2", (RuleStep("lowercase"),)))
            qtbot.waitUntil(lambda: session.preview.explanation is not None, timeout=20_000)
            assert session.preview.explanation.where == "process"
            assert session.preview.explanation.reports[0].changes > 0
            assert session.preview.explain_helper.starts == 1
    finally:
        session.shutdown()


def test_a_large_file_reports_its_own_encoding_and_joins_recent_once_read(window, tmp_path, opened):
    text = "Le café coûte 4 euros. " * (ASYNC_OPEN_BYTES // 20)
    path = tmp_path / "large-cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    opened(window, lambda: window.open_file(str(path), confirm=False), timeout=20_000)
    assert window.document.encoding == "cp1252"
    assert "decoded as cp1252" in window.status.currentMessage()
    assert window.prefs.recent_files()[0] == str(path.resolve())


def test_keystrokes_on_a_large_text_take_the_incremental_path(qtbot):
    """Each edit is spliced into the last result: the same output, counts and spans."""
    from gui.engine import Pipeline, load_preset

    session = TextModels.create()
    try:
        lines = "\n".join(f"Line {n}: The U.S. [note] paid $430 in 2016." for n in range(3000))
        session.preview.incremental_chars = 10_000
        session.document.load_text(lines)
        assert session.preview.incremental
        qtbot.waitUntil(lambda: session.preview.highlights is not None, timeout=20_000)
        middle = len(lines) // 2
        edited = lines[:middle] + "New WORDS 99 " + lines[middle:]
        with qtbot.waitSignal(session.preview.highlights_ready, timeout=20_000):
            session.document.set_text(edited)
        pipeline = Pipeline(load_preset("wordopt"))
        change = session.preview.last_change  # spliced: only the touched lines re-ran
        assert change is not None and len(change.text) < 20_000 < len(edited)
        assert session.preview.output == pipeline.run(edited)
        whole = pipeline.explain(edited)
        summary = session.preview.explanation
        assert [(r.changes, r.status, r.spans) for r in summary.reports] == [
            (r.changes, r.status, r.spans) for r in whole.reports
        ]
        assert session.preview.token_counts == (len(edited.split()), len(whole.output.split()))
    finally:
        session.shutdown()


def test_typing_on_the_incremental_path_uses_the_editors_splices(window, qtbot, wait_for_output):
    """Keys typed mid-text reach the preview as splices (no compare of the texts), exactly."""
    from PySide6.QtGui import QTextCursor

    from gui.engine import Pipeline, load_preset

    session = TextModels.of(window)
    session.preview.incremental_chars = 10_000
    lines = "\n".join(f"Line {n}: The U.S. [note] paid $430 in 2016." for n in range(2000))
    session.document.load_text(lines)
    assert session.preview.incremental
    qtbot.waitUntil(lambda: session.preview.highlights is not None, timeout=20_000)
    raw = window.raw_text
    raw.setFocus()
    cursor = raw.textCursor()
    cursor.setPosition(len(lines) // 2)
    raw.setTextCursor(cursor)
    for key in (Qt.Key.Key_X, Qt.Key.Key_Space, Qt.Key.Key_9, Qt.Key.Key_Return, Qt.Key.Key_A):
        qtbot.keyClick(raw, key)
        assert session.document.last_splice is not None
    raw.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(raw, Qt.Key.Key_Backspace)
    edited = session.document.text
    assert edited != lines and edited == raw.toPlainText()
    pipeline = Pipeline(load_preset("wordopt"))
    output = pipeline.run(edited)
    wait_for_output(window, output, timeout=20_000)
    change = session.preview.last_change  # only the touched block of lines re-ran
    assert change is not None and change.start > 0
    qtbot.waitUntil(lambda: session.preview.highlights is not None, timeout=20_000)
    whole = pipeline.explain(edited)
    assert [(r.changes, r.spans) for r in session.preview.explanation.reports] == [
        (r.changes, r.spans) for r in whole.reports
    ]


def test_a_long_line_typed_into_a_large_text_leaves_the_incremental_path(qtbot):
    """Above `process_chars` a line too long to re-run per key sends the text to the helper."""
    from gui.app.models.preview_jobs import LONGEST_INCREMENTAL_LINE
    from gui.workflow.text_mirror import Splice

    session = TextModels.create()
    try:
        session.preview.incremental_chars = 10_000
        session.preview.process_chars = 50_000
        text = "\n".join(f"Line {n}: The U.S. paid $430." for n in range(4000))
        session.document.load_text(text)
        assert session.preview.incremental
        middle = len(text) // 2
        long_line = "x" * (LONGEST_INCREMENTAL_LINE + 10)
        longer = text[:middle] + long_line + text[middle:]
        session.document.set_text(longer, Splice(text, middle, middle, long_line))
        assert not session.preview.incremental
        session.document.set_text(text, Splice(longer, middle, middle + len(long_line), ""))
        assert session.preview.incremental  # measured afresh: it was not short before
        shorter = text[: middle + 1] + text[middle + 2 :]
        session.document.set_text(shorter, Splice(text, middle + 1, middle + 2, ""))
        assert session.preview.incremental
        qtbot.waitUntil(lambda: session.preview.output is not None, timeout=20_000)
    finally:
        session.shutdown()


def test_incremental_highlights_keep_editor_offsets_in_step_with_edits(qtbot):
    """The offsets the raw pane maps spans with are spliced per edit, as found anew."""
    from gui.workflow.text_mirror import EditorOffsets, Splice

    session = TextModels.create()
    try:
        session.preview.incremental_chars = 10_000
        text = "".join(f"Line {n}: caf\u00e9 \U0001f600 [x] 42\r\n" for n in range(1500))
        session.document.load_text(text)
        qtbot.waitUntil(lambda: session.preview.highlights is not None, timeout=20_000)
        for start, end, new in ((40, 40, "\U0001f642 NEW"), (5, 9, ""), (100, 101, "\r\nA\r\n")):
            edited = text[:start] + new + text[end:]
            with qtbot.waitSignal(session.preview.highlights_ready, timeout=20_000):
                session.document.set_text(edited, Splice(text, start, end, new))
            text = edited
            kept, fresh = session.preview.highlights.offsets, EditorOffsets.of(text)
            assert (kept.length, kept.astral, kept.crlf) == (fresh.length, fresh.astral, fresh.crlf)
        assert session.preview.highlights.spans() == prepare_highlights(explain(text)).spans()
    finally:
        session.shutdown()
