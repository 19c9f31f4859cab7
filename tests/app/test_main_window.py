"""The curation window end to end: real widgets, offscreen, dialogs patched."""

from __future__ import annotations

import hashlib
import json

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
)

from gui.app.main_window import MainWindow
from gui.engine import Pipeline, explain, load_preset, normalize
from gui.io.corpus import profile_sha256
from gui.io.resources import resource_path

SAVE = QMessageBox.StandardButton.Save
CANCEL = QMessageBox.StandardButton.Cancel
DISCARD = QMessageBox.StandardButton.Discard


def test_main_widgets_have_stable_object_names(window):
    assert isinstance(window.findChild(QPlainTextEdit, "raw_text"), QPlainTextEdit)
    # A QPlainTextEdit once; now a lazily wrapped view (both are QAbstractScrollAreas).
    output = window.findChild(QAbstractScrollArea, "normalized_text")
    assert output is window.normalized_text
    assert isinstance(window.findChild(QListWidget, "rule_panel"), QListWidget)
    assert isinstance(window.findChild(QComboBox, "preset_selector"), QComboBox)
    save = window.findChild(QAction, "save_to_corpus")
    assert save is not None and save.shortcut().toString() == "Ctrl+S"


def test_first_start_shows_the_sample_normalized(window, wait_for_output):
    sample = resource_path("sample.txt").read_text(encoding="utf-8")
    assert window.raw_text.toPlainText() == sample
    wait_for_output(window, normalize(sample, "wordopt"))
    assert not window.isWindowModified()
    assert window.preset_selector.currentText() == "wordopt"


def test_later_starts_do_not_reload_the_sample(make_window, settings):
    first = make_window(settings)
    assert first.raw_text.toPlainText()
    second = make_window(settings)
    assert second.raw_text.toPlainText() == ""


def test_typing_updates_the_output_to_the_engine_output(qtbot, window, wait_for_output):
    window.raw_text.clear()
    typed = "BREAKING: [draft] Prices rose 4% in Q3 <i>again</i>, see www.x.org!"
    qtbot.keyClicks(window.raw_text, typed)
    assert window.document.text == typed
    wait_for_output(window, normalize(typed, "wordopt"))
    assert window.isWindowModified()
    # A further keystroke: the output follows again.
    qtbot.keyClicks(window.raw_text, " Then 2 more.")
    wait_for_output(window, normalize(typed + " Then 2 more.", "wordopt"))


def test_text_normalized_signal_carries_the_engine_output(qtbot, window):
    text = "Hello, World 2024 (Reuters)"
    with qtbot.waitSignal(
        window.preview.text_normalized, check_params_cb=lambda out: out == normalize(text)
    ):
        window.raw_text.setPlainText(text)


def assertion(value) -> None:
    assert value


@pytest.fixture
def open_via_menu(dialogs, opened):
    """File > Open…, answering the file dialog, until the document has answered."""

    def run(window, path):
        dialogs.answer("getOpenFileName", path)
        opened(window, window.open_action.trigger)

    return run


def test_seed_with_wordopt_saved_to_corpus(
    open_via_menu, qtbot, window, dialogs, tmp_path, seed_original, seed_normalized, wait_for_output
):
    source = tmp_path / "in" / "sanctuary-cities.txt"
    source.parent.mkdir()
    source.write_text(seed_original, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    open_via_menu(window, source)
    expected = Pipeline(load_preset("wordopt")).run(seed_original)
    assert expected == seed_normalized
    wait_for_output(window, expected)

    dialogs.answer("getExistingDirectory", corpus)
    window.save_action.trigger()

    saved = corpus / "sanctuary-cities.txt"
    assert saved.read_bytes() == expected.encode("utf-8")
    lines = (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["file"] == "sanctuary-cities.txt"
    assert entry["source"] == str(source)
    assert entry["raw_sha256"] == hashlib.sha256(seed_original.encode()).hexdigest()
    assert entry["normalized_sha256"] == hashlib.sha256(saved.read_bytes()).hexdigest()
    # issue 9: the profile is kept once, in corpus.toml; each line names its hash
    assert entry["profile_sha256"] == profile_sha256(load_preset("wordopt").to_dict())
    assert entry["app_version"] and entry["time"]
    assert window.settings.value("corpus/folder") == str(corpus)
    assert "1 document" in window.status.texts()["corpus"]

    # Saving the same text again warns, names the earlier file, and writes nothing.
    before = saved.stat().st_mtime_ns
    dialogs.answer("warning", CANCEL)
    window.save_action.trigger()
    assert "sanctuary-cities.txt" in dialogs.texts("warning")[-1]
    assert sorted(p.name for p in corpus.iterdir()) == [
        "README.md",  # the dataset card (issue 11)
        "corpus.toml",
        "manifest.jsonl",
        "sanctuary-cities.txt",
    ]
    assert saved.stat().st_mtime_ns == before
    assert len((corpus / "manifest.jsonl").read_text().splitlines()) == 1


def test_duplicate_can_be_saved_anyway_as_a_new_file(qtbot, window, dialogs, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    window.settings.setValue("corpus/folder", str(corpus))
    assert window.save_to_corpus()
    first = sorted(p.name for p in corpus.glob("*.txt"))
    dialogs.answer("warning", SAVE)
    assert window.save_to_corpus()
    files = sorted(p.name for p in corpus.glob("*.txt"))
    assert len(files) == 2 and first[0] in files
    assert len(set(p.read_bytes() for p in corpus.glob("*.txt"))) == 1


def test_corpus_folder_is_asked_once_then_remembered(window, dialogs, tmp_path, settings):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    dialogs.answer("getExistingDirectory", corpus)
    assert window.save_to_corpus()
    window.raw_text.setPlainText("Another text entirely.")
    window.preview.normalize_now()
    assert window.save_to_corpus()  # no dialog queued: it must not ask again
    assert len(list(corpus.glob("*.txt"))) == 2
    assert "2 documents" in window.status.texts()["corpus"]
    assert settings.value("corpus/folder") == str(corpus)


def test_cancelled_folder_choice_saves_nothing(window, dialogs):
    dialogs.answer("getExistingDirectory", "")
    assert not window.save_to_corpus()


def test_highlights_are_the_engine_explain_spans(window, wait_until_explained):
    wait_until_explained(window)
    text = window.document.text
    engine = explain(text, "wordopt")
    expected = [(r.rule_id, s, e) for r in engine.reports for s, e in r.spans]
    assert window.raw_text.highlighted_spans() == expected
    shown = window.raw_text.extraSelections()
    assert shown, "the spans in view are drawn"
    starts = {s for _, s, _ in expected}
    assert all(sel.cursor.selectionStart() in starts for sel in shown)
    # Hovering names the rule: the [editor's note] is the bracket rule's.
    (bracket,) = next(r for r in engine.reports if r.rule_id == "remove_brackets").spans
    assert window.raw_text.rules_at(bracket[0] + 3)[-1] == "Delete [bracketed] spans"
    # The toggle hides and shows them.
    window.highlight_toggle.setChecked(False)
    assert window.raw_text.extraSelections() == []
    assert not window.highlight_action.isChecked()
    window.highlight_action.setChecked(True)
    assert window.raw_text.extraSelections()


def test_highlights_map_astral_and_crlf_text(make_window, settings, tmp_path, wait_until_explained):
    path = tmp_path / "crlf.txt"
    text = "Emoji 😀 [note]\r\nLine 2 😀 <b>X</b>\r\n"
    path.write_bytes(text.encode("utf-8"))
    window = make_window(settings, [str(path)])
    wait_until_explained(window)
    assert window.document.text == text
    engine = explain(text, "wordopt")
    assert window.raw_text.highlighted_spans() == [
        (r.rule_id, s, e) for r in engine.reports for s, e in r.spans
    ]
    # "[note]" is at code point 8 and UTF-16 position 9 (the emoji takes two).
    assert window.raw_text.rules_at(9)[-1] == "Delete [bracketed] spans"


def test_binary_file_is_refused_and_the_text_kept(open_via_menu, window, dialogs, tmp_path):
    before = window.raw_text.toPlainText()
    binary = tmp_path / "picture.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    dialogs.answer("warning", QMessageBox.StandardButton.Ok)
    open_via_menu(window, binary)
    (message,) = dialogs.texts("warning")
    assert "not a text file" in message and "Traceback" not in message
    assert window.raw_text.toPlainText() == before
    assert window.document.source is None


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_non_utf8_file_is_decoded(
    open_via_menu, window, dialogs, tmp_path, wait_for_output, encoding
):
    text = "Le café à Málaga: la crème brûlée coûte 4 euros. Señor Núñez dit « déjà vu ».\n"
    if encoding == "cp1252":
        text += "“Quoted” — with €uro signs…\n"
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    open_via_menu(window, path)
    assert window.raw_text.toPlainText() == text
    assert window.document.source == str(path)
    wait_for_output(window, normalize(text, "wordopt"))
    assert "decoded as cp1252" in window.status.currentMessage()
    assert window.prefs.recent_files()[0] == str(path.resolve())


def test_closing_with_unsaved_edits_asks_first(qtbot, window, dialogs):
    qtbot.keyClicks(window.raw_text, "an edit")
    dialogs.answer("question", CANCEL)
    assert not window.close()
    assert window.isVisible()
    assert "not saved" in dialogs.texts("question")[0]
    dialogs.answer("question", DISCARD)
    assert window.close()
    assert len(dialogs.texts("question")) == 2


def test_closing_without_edits_does_not_ask(window, dialogs):
    assert window.close()
    assert dialogs.calls == []


def test_closing_can_save_first(qtbot, window, dialogs, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    window.settings.setValue("corpus/folder", str(corpus))
    qtbot.keyClicks(window.raw_text, " More text.")
    dialogs.answer("question", SAVE)
    assert window.close()
    (saved,) = corpus.glob("*.txt")
    assert saved.read_text(encoding="utf-8") == normalize(window.document.text)


def test_opening_over_unsaved_edits_asks_first(open_via_menu, qtbot, window, dialogs, tmp_path):
    qtbot.keyClicks(window.raw_text, "typed")
    path = tmp_path / "other.txt"
    path.write_text("Other text", encoding="utf-8")
    dialogs.answer("question", CANCEL)
    window.open_action.trigger()  # cancelled before the file dialog
    assert window.raw_text.toPlainText().startswith("typed")
    dialogs.answer("question", DISCARD)
    open_via_menu(window, path)
    assert window.raw_text.toPlainText() == "Other text"
    assert not window.isWindowModified()


def test_dropping_a_file_opens_it(window, tmp_path, opened):
    path = tmp_path / "dropped.txt"
    path.write_text("Dropped TEXT", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    opened(window, lambda: window.raw_text.dropEvent(event))
    assert window.raw_text.toPlainText() == "Dropped TEXT"
    assert window.document.source == str(path)


def test_recent_files_menu_reopens(window, dialogs, tmp_path, opened):
    paths = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text(f"Text {name}", encoding="utf-8")
        opened(window, lambda path=path: assertion(window.open_file(str(path))))
        paths.append(str(path.resolve()))
    assert window.prefs.recent_files()[:2] == paths[::-1]
    window.recent_menu.aboutToShow.emit()
    actions = [a for a in window.recent_menu.actions() if a.toolTip() in paths]
    assert [a.toolTip() for a in actions] == paths[::-1]
    opened(window, actions[1].trigger)
    assert window.raw_text.toPlainText() == "Text a.txt"


def test_files_on_the_command_line(make_window, settings, tmp_path, opened):
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text("One", encoding="utf-8")
    second.write_text("Two", encoding="utf-8")
    window = make_window(settings, start=False)
    opened(window, lambda: window.start([str(first), str(second)]))
    assert window.raw_text.toPlainText() == "One"
    assert str(second.resolve()) in window.prefs.recent_files()
    assert window.windowTitle().startswith("one.txt")


def test_preset_switch_is_undoable(qtbot, window, wait_for_output):
    text = window.document.text
    selector = window.preset_selector
    selector.activated.emit(selector.findData("clean"))
    assert window.profile_model.profile == load_preset("clean")
    wait_for_output(window, normalize(text, "clean"))
    window.undo_rule_action.trigger()
    assert window.profile_model.profile == load_preset("wordopt")
    assert selector.currentText() == "wordopt"
    wait_for_output(window, normalize(text, "wordopt"))
    window.redo_rule_action.trigger()
    assert selector.currentText() == "clean"


def test_ctrl_z_outside_the_editor_undoes_rule_changes(qtbot, window):
    window.profile_model.set_rule_enabled(0, False)
    window.rule_panel.setFocus()
    qtbot.keyClick(window.rule_panel, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.profile_model.profile.steps[0].enabled


def test_profile_save_and_open(window, dialogs, tmp_path, wait_for_output):
    window.profile_model.set_rule_enabled(0, False)
    window.profile_model.move_rule(1, 3)
    target = tmp_path / "mine"
    dialogs.answer("getSaveFileName", target)
    window.save_profile_action.trigger()
    saved = tmp_path / "mine.toml"
    assert saved.exists()
    profile = window.profile_model.profile
    window.profile_model.select_preset("clean")
    dialogs.answer("getOpenFileName", saved)
    window.open_profile_action.trigger()
    assert window.profile_model.profile == profile
    assert window.preset_selector.currentText() == "mine"
    wait_for_output(window, Pipeline(profile).run(window.document.text))


def test_malformed_profile_is_explained(window, dialogs, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rules]]\nid = "no_such_rule"\n', encoding="utf-8")
    before = window.profile_model.profile
    dialogs.answer("getOpenFileName", bad)
    dialogs.answer("warning", QMessageBox.StandardButton.Ok)
    window.open_profile_action.trigger()
    (message,) = dialogs.texts("warning")
    assert "no_such_rule" in message
    assert window.profile_model.profile == before


def test_status_bar_shows_sizes_and_timing(window, wait_for_output):
    text = "One two three"
    window.raw_text.setPlainText(text)
    wait_for_output(window, normalize(text))
    status = window.status.texts()
    assert "Raw 13 chars · 3 tokens" in status["sizes"]
    assert "normalized 13 chars · 3 tokens" in status["sizes"]
    assert status["timing"].startswith("normalized in")
    assert status["corpus"] == "Corpus: not chosen yet"


def test_geometry_and_splitters_are_remembered(make_window, settings, dialogs):
    window = make_window(settings)
    window.resize(760, 560)  # within the offscreen screen (800x600)
    window.text_splitter.setSizes([200, 300])
    sizes = window.text_splitter.sizes()
    assert window.close()
    again = make_window(settings)
    assert (again.width(), again.height()) == (760, 560)
    assert again.text_splitter.sizes() == sizes


def test_errors_in_a_rule_are_shown_in_words(qtbot, window, monkeypatch):
    def broken(self, text):
        raise RuntimeError("the rule broke")

    monkeypatch.setattr(Pipeline, "run", broken)
    with qtbot.waitSignal(window.preview.normalization_failed):
        window.raw_text.setPlainText("anything")
    assert "the rule broke" in window.status.currentMessage()


def test_window_is_a_main_window(window):
    assert isinstance(window, MainWindow)
    assert not window.windowIcon().isNull()


def test_later_starts_are_empty_and_the_sample_stays_in_help(make_window, settings, qtbot):
    first = make_window(settings)
    qtbot.waitUntil(lambda: first.document.text != "")
    second = make_window(settings)
    assert second.document.text == ""
    # The empty text is normalized too, so the status bar is complete.
    qtbot.waitUntil(lambda: "…" not in second.status.texts()["sizes"])
    second.sample_action.trigger()
    qtbot.waitUntil(lambda: second.document.text == first.document.text)
