"""Curating a whole dataset in the window: open, step, save and next, skip, resume, apply.

Real widgets, offscreen; dialogs patched (the column chooser, the skip reason,
the duplicate question) and answered through the `dialogs` log, which fails
the test on any dialog it was not told about. Tests wait on signals or
conditions, never on time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget, QInputDialog, QListView, QMessageBox

import gui.app.models.dataset_session as dataset_session_module
from gui.app.widgets import dataset_prompts
from gui.app.widgets.dataset_open_dialog import DatasetOpenDialog
from gui.app.widgets.record_list import STATUS_ROLE
from gui.engine import Pipeline, load_preset, normalize
from gui.io.corpus import profile_sha256
from gui.io.datasets import open_dataset
from gui.workflow.batch import run_batch
from tests.conftest import REPO
from tests.conftest import SMALL_CSV as CSV
from tests.conftest import SMALL_JSONL as JSONL

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
YES = QMessageBox.StandardButton.Yes
SAVE = QMessageBox.StandardButton.Save
DISCARD = QMessageBox.StandardButton.Discard
CANCEL = QMessageBox.StandardButton.Cancel


@pytest.fixture(autouse=True)
def dataset_dialogs(monkeypatch, dialogs):
    """Route the dataset workflow's own dialogs through the dialog log too."""

    def choose_field(_parent, path, fields, kind):
        return dialogs._reply("choose_field", str(path), ",".join(fields))

    def get_text(_parent, title, label, *_args, **_kwargs):
        return dialogs._reply("getText", title, label)

    def ask_duplicate(_parent, title, earlier_file):
        return dialogs._reply("duplicate", title, earlier_file)

    monkeypatch.setattr(DatasetOpenDialog, "choose_field", staticmethod(choose_field))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    monkeypatch.setattr(dataset_prompts, "ask_duplicate", ask_duplicate)
    return dialogs


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


@pytest.fixture
def ds_window(make_window, settings, corpus):
    """A window with a corpus folder chosen and no text loaded."""
    settings.setValue("corpus/folder", str(corpus))
    return make_window(settings, start=False)


def open_via_menu(qtbot, window, dialogs, path: Path, field: str | None = "text"):
    """File > Open Dataset…, answering the file dialog and the column chooser."""
    dialogs.answer("getOpenFileName", path)
    if field is not None:
        dialogs.answer("choose_field", field)
    with qtbot.waitSignal(window.datasets.session.dataset_opened, timeout=10000):
        window.datasets.open_action.trigger()
    qtbot.waitUntil(lambda: window.datasets.session.current is not None)


def manifest(corpus: Path) -> list[dict]:
    path = corpus / "manifest.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def states(window) -> list[str]:
    model = window.datasets.record_list.model()
    return [model.data(model.index(row), STATUS_ROLE) for row in range(model.rowCount())]


def key(window, modifiers, key_code) -> None:
    """A real key press in the raw pane (where a curator's focus is)."""
    window.raw_text.setFocus()
    QTest.keyClick(window.raw_text, key_code, modifiers)


def assert_corpus_consistent(corpus: Path, profile_name: str = "wordopt") -> list[dict]:
    """Every saved entry's file exists with the engine's bytes; no document without one."""
    entries = manifest(corpus)
    saved = [e for e in entries if e["status"] == "saved"]
    dataset = open_dataset(saved[0]["dataset"], saved[0].get("field")) if saved else None
    pipeline = Pipeline(load_preset(profile_name))
    try:
        for entry in saved:
            assert dataset is not None
            raw = dataset.text(dataset.index_of(entry["record"]))
            assert (corpus / entry["file"]).read_bytes() == pipeline.run(raw).encode("utf-8")
    finally:
        if dataset is not None:
            dataset.close()
    control = {"manifest.jsonl", "corpus.toml"}  # issue 9: corpus.toml marks the folder
    documents = {p.name for p in corpus.iterdir() if p.name not in control}
    assert documents == {e["file"] for e in saved}
    return entries


# -- opening and stepping ------------------------------------------------------------


@pytest.mark.parametrize("path", [CSV, JSONL], ids=["csv", "jsonl"])
def test_open_dataset_lists_records_and_shows_the_first(
    open_ds, qtbot, ds_window, dialogs, path, wait_for_output
):
    window = ds_window
    open_via_menu(qtbot, window, dialogs, path)
    chooser = next(call for call in dialogs.calls if call[0] == "choose_field")
    assert "text" in chooser[2].split(",") and "title" in chooser[2].split(",")

    view = window.findChild(QListView, "record_list")
    assert view is not None and view.isVisible()
    assert window.findChild(QDockWidget, "record_dock").isVisible()
    dataset = open_ds(path)
    assert view.model().rowCount() == len(dataset) == 8
    first = view.model().index(0)
    assert view.model().data(first) == dataset.title(0)
    assert "pending" in view.model().data(first, Qt.ItemDataRole.ToolTipRole).lower()
    assert states(window) == ["pending"] * 8
    assert view.currentIndex().row() == 0

    assert window.document.text == dataset.text(0)
    wait_for_output(window, normalize(dataset.text(0)))
    assert not window.isWindowModified()
    assert window.datasets.review_label.text() == "0 of 8 reviewed"


def test_next_and_previous_by_keyboard_and_list(open_ds, qtbot, ds_window, dialogs):
    window = ds_window
    open_via_menu(qtbot, window, dialogs, CSV)
    dataset = open_ds(CSV)
    datasets = window.datasets

    key(window, CTRL, Qt.Key.Key_PageDown)
    assert datasets.session.current == 1
    assert window.document.text == dataset.text(1)
    key(window, CTRL, Qt.Key.Key_PageDown)
    key(window, CTRL, Qt.Key.Key_PageUp)
    assert datasets.session.current == 1
    assert datasets.record_list.currentIndex().row() == 1
    key(window, CTRL, Qt.Key.Key_PageUp)
    key(window, CTRL, Qt.Key.Key_PageUp)  # already first: stays
    assert datasets.session.current == 0
    assert "first record" in window.status.currentMessage()

    # Choosing a row in the list shows that record.
    datasets.record_list.setCurrentIndex(datasets.record_list.model().index(6))
    assert datasets.session.current == 6
    assert window.document.text == dataset.text(6)
    key(window, CTRL, Qt.Key.Key_PageDown)
    key(window, CTRL, Qt.Key.Key_PageDown)  # already last: stays
    assert datasets.session.current == 7
    assert "last record" in window.status.currentMessage()
    assert window.document.text == dataset.text(7)  # no stray key in the text


def test_save_and_next_saves_the_record_and_moves_on(open_ds, qtbot, ds_window, dialogs, corpus):
    window = ds_window
    open_via_menu(qtbot, window, dialogs, CSV)
    dataset = open_ds(CSV)

    key(window, CTRL, Qt.Key.Key_Return)
    assert window.datasets.session.current == 1
    entries = manifest(corpus)
    assert len(entries) == 1
    entry = entries[0]
    assert entry["status"] == "saved"
    assert entry["dataset"] == str(CSV.resolve())
    assert entry["record"] == "1" and entry["field"] == "text"
    # issue 9: the profile is kept once, in corpus.toml; each line names its hash
    assert entry["profile_sha256"] == profile_sha256(load_preset("wordopt").to_dict())
    expected = normalize(dataset.text(0)).encode("utf-8")
    assert (corpus / entry["file"]).read_bytes() == expected
    assert window.document.text == dataset.text(1)  # Ctrl+Return typed nothing
    assert states(window)[:2] == ["saved", "pending"]
    assert window.datasets.review_label.text() == "1 of 8 reviewed"
    assert "1 document" in window.status.texts()["corpus"]

    # Save to Corpus (Ctrl+S) on a record also saves it as that record, and stays.
    window.save_action.trigger()
    assert manifest(corpus)[-1]["record"] == "2"
    assert window.datasets.session.current == 1
    # Saving an unchanged, already saved record again is a no-op, not a duplicate question.
    window.save_action.trigger()
    assert len(manifest(corpus)) == 2
    assert_corpus_consistent(corpus)


def test_edited_record_is_saved_with_its_edit(open_ds, qtbot, ds_window, dialogs, corpus):
    window = ds_window
    open_via_menu(qtbot, window, dialogs, JSONL)
    window.raw_text.moveCursor(window.raw_text.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.raw_text, " Edited by hand.")
    assert window.isWindowModified()
    window.datasets.save_next_action.trigger()
    entry = manifest(corpus)[-1]
    assert entry["record"] == "isot-1"
    edited = open_ds(JSONL).text(0) + " Edited by hand."
    assert (corpus / entry["file"]).read_text(encoding="utf-8") == normalize(edited)
    assert not window.isWindowModified()


def test_skip_with_a_reason_and_cancelled_skip(qtbot, ds_window, dialogs, corpus):
    window = ds_window
    open_via_menu(qtbot, window, dialogs, CSV)

    dialogs.answer("getText", ("", False))  # Cancel: nothing happens
    key(window, CTRL | SHIFT, Qt.Key.Key_K)
    assert manifest(corpus) == [] and window.datasets.session.current == 0

    dialogs.answer("getText", ("  not news: tweets  ", True))
    key(window, CTRL | SHIFT, Qt.Key.Key_K)
    entries = manifest(corpus)
    assert len(entries) == 1
    assert entries[0]["status"] == "skipped" and entries[0]["record"] == "1"
    assert entries[0]["reason"] == "not news: tweets"
    assert window.datasets.session.current == 1
    model = window.datasets.record_list.model()
    assert states(window)[0] == "skipped"
    assert "not news: tweets" in model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert sorted(p.name for p in corpus.iterdir()) == ["corpus.toml", "manifest.jsonl"]


def test_jump_to_next_pending_wraps_round(qtbot, ds_window, dialogs, corpus):
    window = ds_window
    open_via_menu(qtbot, window, dialogs, CSV)
    datasets = window.datasets
    datasets.go_to(2)
    datasets.save_next_action.trigger()  # saves 3, shows 4
    datasets.go_to(1)
    key(window, CTRL, Qt.Key.Key_J)
    assert datasets.session.current == 3  # record 2 (index 2) is saved: jumped over
    for _ in range(7):
        datasets.save_next_action.trigger()
    assert datasets.session.pending_count() == 0
    key(window, CTRL, Qt.Key.Key_J)
    assert "All 8 records are reviewed" in window.status.currentMessage()
    assert states(window) == ["saved"] * 8
    assert_corpus_consistent(corpus)


def test_leaving_an_edited_record_asks_first(qtbot, ds_window, dialogs, corpus):
    window = ds_window
    open_via_menu(qtbot, window, dialogs, CSV)
    datasets = window.datasets
    qtbot.keyClicks(window.raw_text, "X")
    edited = window.raw_text.toPlainText()

    dialogs.answer("question", CANCEL)
    key(window, CTRL, Qt.Key.Key_PageDown)
    assert datasets.session.current == 0 and window.raw_text.toPlainText() == edited
    assert datasets.record_list.currentIndex().row() == 0
    # The list's selection is put back when the user stays.
    dialogs.answer("question", CANCEL)
    datasets.record_list.setCurrentIndex(datasets.record_list.model().index(4))
    assert datasets.session.current == 0 and datasets.record_list.currentIndex().row() == 0

    dialogs.answer("question", SAVE)  # Save: saved as record 1, then moves
    key(window, CTRL, Qt.Key.Key_PageDown)
    assert datasets.session.current == 1
    assert manifest(corpus)[-1]["record"] == "1"
    assert (corpus / manifest(corpus)[-1]["file"]).read_text() == normalize(edited)

    qtbot.keyClicks(window.raw_text, "Y")
    dialogs.answer("question", DISCARD)
    key(window, CTRL, Qt.Key.Key_PageDown)
    assert datasets.session.current == 2 and len(manifest(corpus)) == 1


def test_duplicate_record_offers_save_anyway_skip_or_cancel(
    qtbot, ds_window, dialogs, corpus, tmp_path
):
    path = tmp_path / "dupes.csv"
    path.write_text("title,text\nA,Same words here\nB,SAME words here\nC,same Words here\n")
    window = ds_window
    open_via_menu(qtbot, window, dialogs, path)
    datasets = window.datasets
    datasets.save_next_action.trigger()

    dialogs.answer("duplicate", dataset_prompts.CANCEL)
    datasets.save_next_action.trigger()
    assert dialogs.calls[-1][2] == "a.txt"  # names the earlier document
    assert datasets.session.current == 1 and len(manifest(corpus)) == 1

    dialogs.answer("duplicate", dataset_prompts.SKIP)
    datasets.save_next_action.trigger()
    entry = manifest(corpus)[-1]
    assert entry["status"] == "skipped" and entry["record"] == "2"
    assert entry["duplicate_of"] == "a.txt"
    assert datasets.session.current == 2

    dialogs.answer("duplicate", dataset_prompts.SAVE_ANYWAY)
    datasets.save_next_action.trigger()
    assert manifest(corpus)[-1]["file"] == "c.txt"
    assert states(window) == ["saved", "skipped", "saved"]
    assert_corpus_consistent(corpus)


def test_resume_shows_saved_and_skipped_from_the_manifest(
    qtbot, make_window, settings, dialogs, corpus
):
    settings.setValue("corpus/folder", str(corpus))
    first = make_window(settings, start=False)
    open_via_menu(qtbot, first, dialogs, JSONL)
    first.datasets.save_next_action.trigger()
    dialogs.answer("getText", ("off topic", True))
    first.datasets.skip_action.trigger()
    first.datasets.save_next_action.trigger()
    first.close()

    second = make_window(settings, start=False)
    assert not second.findChild(QDockWidget, "record_dock").isVisible()
    open_via_menu(qtbot, second, dialogs, JSONL)
    assert states(second) == ["saved", "skipped", "saved"] + ["pending"] * 5
    assert second.datasets.session.current == 3  # the first pending record
    assert second.datasets.review_label.text() == "3 of 8 reviewed"
    model = second.datasets.record_list.model()
    assert "off topic" in model.data(model.index(1), Qt.ItemDataRole.ToolTipRole)

    # Another corpus folder: statuses come from its (empty) manifest.
    other = corpus.parent / "other"
    other.mkdir()
    dialogs.answer("getExistingDirectory", other)
    second.corpus_folder_action.trigger()
    assert states(second) == ["pending"] * 8


def test_open_dataset_folder(qtbot, ds_window, dialogs, tmp_path, corpus):
    folder = tmp_path / "texts"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("Second text, 2 words.")
    (folder / "sub" / "a.txt").write_text("First [draft] text.")
    window = ds_window
    dialogs.answer("getExistingDirectory", folder)
    with qtbot.waitSignal(window.datasets.session.dataset_opened):
        window.datasets.open_folder_action.trigger()
    qtbot.waitUntil(lambda: window.datasets.session.current is not None)
    model = window.datasets.record_list.model()
    titles = [model.data(model.index(row)) for row in range(model.rowCount())]
    assert sorted(titles) == ["b.txt", "sub/a.txt"]
    window.datasets.save_next_action.trigger()
    entry = manifest(corpus)[-1]
    assert entry["dataset"] == str(folder.resolve()) and entry["record"] in titles


# -- apply to all ------------------------------------------------------------------------


def test_apply_to_all_with_cancel_in_the_middle_then_resume(
    qtbot, ds_window, dialogs, corpus, monkeypatch
):
    window = ds_window
    open_via_menu(qtbot, window, dialogs, CSV)
    datasets = window.datasets
    datasets.session.progress_interval = 0.0
    datasets.session.jobs = 1
    datasets.save_next_action.trigger()  # record 1 saved by hand first

    def cancelling_run_batch(review, profile, *, progress, should_stop, **kwargs):
        def report(update):
            progress(update)
            if update.done == 3:
                datasets.session.cancel_batch()  # from the worker thread: an Event

        return run_batch(review, profile, progress=report, should_stop=should_stop, **kwargs)

    monkeypatch.setattr(dataset_session_module, "run_batch", cancelling_run_batch)
    seen = {}

    def on_started(_pending):
        seen["save"] = window.save_action.isEnabled()
        seen["save_next"] = datasets.save_next_action.isEnabled()
        seen["skip"] = datasets.skip_action.isEnabled()
        seen["apply"] = datasets.apply_button.isEnabled()
        seen["panel"] = datasets.progress.isVisible()

    datasets.session.batch_started.connect(on_started)
    dialogs.answer("question", YES)
    with qtbot.waitSignal(datasets.session.batch_finished, timeout=20000) as finished:
        datasets.apply_button.click()
    assert "7 pending records" in dialogs.texts("question")[-1]
    assert seen == dict(save=False, save_next=False, skip=False, apply=False, panel=True)
    result = finished.args[0]
    assert result.cancelled and result.done == 3 and result.saved == 3
    assert states(window) == ["saved"] * 4 + ["pending"] * 4
    assert window.datasets.review_label.text() == "4 of 8 reviewed"
    assert "cancelled" in window.status.currentMessage()
    assert window.save_action.isEnabled() and datasets.save_next_action.isEnabled()
    assert not datasets.progress.isVisible()
    entries = assert_corpus_consistent(corpus)
    assert [e["record"] for e in entries] == ["1", "2", "3", "4"]

    # Apply again: the rest, and nothing twice.
    monkeypatch.setattr(dataset_session_module, "run_batch", run_batch)
    dialogs.answer("question", YES)
    with qtbot.waitSignal(datasets.session.batch_finished, timeout=20000) as finished:
        datasets.apply_action.trigger()
    assert not finished.args[0].cancelled and finished.args[0].saved == 4
    assert states(window) == ["saved"] * 8
    entries = assert_corpus_consistent(corpus)
    assert sorted(e["record"] for e in entries) == [str(n) for n in range(1, 9)]
    assert not datasets.apply_button.isEnabled()  # nothing pending


def test_cancel_button_stops_the_batch(qtbot, ds_window, dialogs, corpus, monkeypatch):
    """The progress panel's Cancel reaches the worker; what is saved is consistent."""
    window = ds_window
    open_via_menu(qtbot, window, dialogs, JSONL)
    datasets = window.datasets
    datasets.session.progress_interval = 0.0
    datasets.session.jobs = 1
    gate = {}

    def gated_run_batch(review, profile, *, progress, should_stop, **kwargs):
        def report(update):
            progress(update)
            if update.done == 2:  # hold the worker until the UI has clicked Cancel
                gate["stop"] = should_stop.__self__
                should_stop.__self__.wait(20)

        return run_batch(review, profile, progress=report, should_stop=should_stop, **kwargs)

    monkeypatch.setattr(dataset_session_module, "run_batch", gated_run_batch)
    dialogs.answer("question", YES)
    datasets.apply_action.trigger()
    qtbot.waitUntil(lambda: "stop" in gate and datasets.progress.bar.value() == 2)
    assert "2 of 8" in datasets.progress.label.text()
    with qtbot.waitSignal(datasets.session.batch_finished, timeout=20000) as finished:
        datasets.progress.cancel_button.click()
    assert finished.args[0].cancelled and finished.args[0].done == 2
    assert states(window) == ["saved"] * 2 + ["pending"] * 6
    assert_corpus_consistent(corpus)


@pytest.mark.parametrize("path", [CSV, JSONL], ids=["csv", "jsonl"])
def test_window_gives_the_same_files_as_the_cli(qtbot, ds_window, dialogs, corpus, tmp_path, path):
    window = ds_window
    open_via_menu(qtbot, window, dialogs, path)
    datasets = window.datasets
    datasets.session.jobs = 1
    datasets.save_next_action.trigger()  # one by hand, the rest by Apply to all
    dialogs.answer("question", YES)
    with qtbot.waitSignal(datasets.session.batch_finished, timeout=20000):
        datasets.apply_action.trigger()

    cli_corpus = tmp_path / "cli"
    completed = subprocess.run(
        [sys.executable, "-m", "gui", "clean", str(path), "--out", str(cli_corpus), "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    window_files = {p.name: p.read_bytes() for p in corpus.glob("*.txt")}
    cli_files = {p.name: p.read_bytes() for p in cli_corpus.glob("*.txt")}
    assert len(window_files) == 8 and window_files == cli_files

    def comparable(folder):
        return [
            {k: v for k, v in entry.items() if k not in ("time",)} for entry in manifest(folder)
        ]

    assert comparable(corpus) == comparable(cli_corpus)


# -- refusals --------------------------------------------------------------------------------


def _assert_nothing_opened(window, corpus):
    assert not window.datasets.session.is_open
    assert not window.findChild(QDockWidget, "record_dock").isVisible()
    assert list(corpus.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.csv", b"", "empty"),
        ("malformed.csv", b'title,text\nA,"fine"\nB,"never closed\n', "line 3"),
        ("short.csv", b"title,text\nA,fine\nB\n", "row 2"),
        ("binary.csv", b"\x00\x01\x02PK\x03\x04" * 200, "binary"),
        ("missing.jsonl", b'{"text": "a"}\n{"text": "b"}\n{"body": "c"}\n', "line 3"),
    ],
)
def test_bad_datasets_are_refused_in_words(
    qtbot, ds_window, dialogs, corpus, tmp_path, name, content, words
):
    path = tmp_path / name
    path.write_bytes(content)
    window = ds_window
    dialogs.answer("getOpenFileName", path)
    dialogs.answer("choose_field", "text")
    failed = window.datasets.session.opening_failed
    dialogs.answer("warning", QMessageBox.StandardButton.Ok)
    window.datasets.open_action.trigger()
    if not dialogs.texts("warning"):
        with qtbot.waitSignal(failed, timeout=10000):
            pass
    message = dialogs.texts("warning")[-1]
    assert words in message.lower() and "Traceback" not in message
    assert name in message
    _assert_nothing_opened(window, corpus)


def test_missing_text_column_offers_the_columns(qtbot, ds_window, dialogs, corpus, tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text("headline,body\nA,Some text\n")
    window = ds_window
    dialogs.answer("getOpenFileName", path)
    dialogs.answer("choose_field", None)  # the user cancels the chooser
    window.datasets.open_action.trigger()
    chooser = next(call for call in dialogs.calls if call[0] == "choose_field")
    assert chooser[2] == "headline,body"
    _assert_nothing_opened(window, corpus)

    dialogs.answer("getOpenFileName", path)
    dialogs.answer("choose_field", "body")
    with qtbot.waitSignal(window.datasets.session.dataset_opened):
        window.datasets.open_action.trigger()
    qtbot.waitUntil(lambda: window.raw_text.toPlainText() == "Some text")


def test_column_chooser_preselects_text(qtbot):
    dialog = DatasetOpenDialog(CSV, ["title", "text", "subject"], "csv")
    qtbot.addWidget(dialog)
    assert dialog.field() == "text"
    other = DatasetOpenDialog("x.jsonl", ["headline", "body"], "jsonl")
    qtbot.addWidget(other)
    assert other.field() == "headline"


def test_opening_can_be_cancelled(qtbot, ds_window, dialogs, corpus, monkeypatch):
    real_open = dataset_session_module.open_dataset

    def slow_open(path, field=None, *, progress=None, should_stop=None):
        progress(1, 100)
        should_stop.__self__.wait(20)  # indexing "takes long" until Cancel is clicked
        return real_open(path, field, progress=progress, should_stop=should_stop)

    monkeypatch.setattr(dataset_session_module, "open_dataset", slow_open)
    window = ds_window
    datasets = window.datasets
    dialogs.answer("getOpenFileName", CSV)
    dialogs.answer("choose_field", "text")
    with qtbot.waitSignal(datasets.session.opening_progressed):
        datasets.open_action.trigger()
    assert datasets.progress.isVisible() and "Opening isot_small.csv" in (
        datasets.progress.label.text()
    )
    with qtbot.waitSignal(datasets.session.opening_cancelled, timeout=10000):
        datasets.progress.cancel_button.click()
    assert not datasets.progress.isVisible()
    _assert_nothing_opened(window, corpus)


def test_close_dataset_hides_the_list(qtbot, ds_window, dialogs):
    window = ds_window
    open_via_menu(qtbot, window, dialogs, CSV)
    window.datasets.close_action.trigger()
    assert not window.findChild(QDockWidget, "record_dock").isVisible()
    assert window.datasets.record_list.model().rowCount(QModelIndex()) == 0
    assert not window.datasets.save_next_action.isEnabled()
    # Ordinary text again: Save to Corpus goes the ordinary way.
    assert window.datasets.session.current is None


def test_a_text_saved_by_hand_is_a_duplicate_for_the_dataset(
    open_ds, qtbot, ds_window, dialogs, corpus
):
    """One corpus folder object: the dataset review sees what Save to Corpus wrote."""
    window = ds_window
    open_via_menu(qtbot, window, dialogs, JSONL)
    dataset = open_ds(JSONL, "text")
    QGuiApplication.clipboard().setText(dataset.text(1))
    window.files.paste_as_new_text()  # not a record any more: saved the window's way
    assert window.datasets.session.current is None
    assert window.save_to_corpus()
    (by_hand,) = (e["file"] for e in manifest(corpus))
    assert window.corpus.count == 1
    assert window.datasets.go_to(1)
    dialogs.answer("duplicate", dataset_prompts.CANCEL)
    window.datasets.save_next_action.trigger()
    assert dialogs.texts("duplicate") == [by_hand]
    assert len(manifest(corpus)) == 1 and window.corpus.count == 1
