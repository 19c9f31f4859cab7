"""The document's one contract for opening: always read in a worker, answered by a signal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from gui.app.models.document import Document


@pytest.fixture
def document(qtbot):
    document = Document()
    yield document
    document.shutdown()


def test_opening_returns_at_once_and_answers_with_the_file_and_its_encoding(
    qtbot, document, tmp_path
):
    path = tmp_path / "small.txt"
    path.write_bytes("Un café à Málaga".encode("cp1252"))
    document.load_text("Before")
    loaded: list[str] = []
    document.text_loaded.connect(loaded.append)
    with qtbot.waitSignal(document.file_opened) as opened:
        document.open_file(path)
        assert document.text == "Before"  # not read yet: the answer comes by signal
    assert opened.args == [str(path)]
    assert loaded == ["Un café à Málaga"]  # text_loaded comes first
    assert document.text == "Un café à Málaga"
    assert document.source == str(path) and document.encoding == "cp1252"
    assert not document.modified


def test_a_refused_file_is_answered_by_open_failed_and_the_text_kept(qtbot, document, tmp_path):
    binary = tmp_path / "picture.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    document.load_text("Kept", source="kept.txt")
    opened: list[str] = []
    document.file_opened.connect(opened.append)
    with qtbot.waitSignal(document.open_failed) as failed:
        document.open_file(binary)
    path, message = failed.args
    assert path == str(binary)
    assert "not a text file" in message and "Traceback" not in message
    assert document.text == "Kept" and document.source == "kept.txt"
    assert opened == []


def test_a_missing_file_is_answered_by_open_failed(qtbot, document, tmp_path):
    with qtbot.waitSignal(document.open_failed) as failed:
        document.open_file(tmp_path / "missing.txt")
    assert "missing.txt" in failed.args[1]


def test_a_newer_open_voids_an_older_one(qtbot, document, tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("First", encoding="utf-8")
    second.write_text("Second", encoding="utf-8")
    opened: list[str] = []
    document.file_opened.connect(opened.append)
    document.open_file(first)
    document.open_file(second)
    qtbot.waitUntil(lambda: bool(opened))
    assert document.wait(10)
    QCoreApplication.processEvents()  # deliver anything the reader still queued
    assert opened == [str(second)] and document.text == "Second"
