"""The corpus model: one folder object, a count read once off the UI thread, then kept."""

from __future__ import annotations

import pytest

from gui.app.models.corpus import CorpusModel
from gui.engine import load_preset, normalize
from gui.io.corpus import CorpusError, CorpusFolder, DuplicateDocument

WORDOPT = load_preset("wordopt")


@pytest.fixture
def corpus(qtbot):
    model = CorpusModel()
    yield model
    model.shutdown()


def _fill(folder, *texts: str) -> None:
    earlier = CorpusFolder(folder)
    for text in texts:
        earlier.save(text, normalize(text), profile=WORDOPT)


def test_the_count_is_read_in_the_background_then_kept_from_saves(qtbot, corpus, tmp_path):
    _fill(tmp_path, "One text", "Two texts", "Three texts")
    (tmp_path / "two-texts.txt").unlink()  # a document gone from the folder: not counted
    with qtbot.waitSignal(corpus.count_changed, check_params_cb=lambda n: n == 2):
        corpus.set_path(tmp_path)
    assert corpus.count == 2
    # From now on the count follows the saves, without reading the folder again:
    # a file removed behind the model's back is not noticed...
    (tmp_path / "one-text.txt").unlink()
    with qtbot.waitSignal(corpus.count_changed) as changed:
        corpus.save("Four texts", normalize("Four texts"), profile=WORDOPT)
    assert changed.args == [3] and corpus.count == 3
    # ...while a fresh read (what the old status bar did after every save) would.
    assert CorpusFolder(tmp_path).document_count() == 2


def test_the_model_holds_one_folder_object_that_sees_its_own_saves(qtbot, corpus, tmp_path):
    corpus.set_path(tmp_path)
    folder = corpus.folder
    saved = corpus.save("Same text", normalize("Same text"), profile=WORDOPT)
    assert corpus.folder is folder
    assert folder.find_duplicate(normalize("Same text")) == saved.path.name
    with pytest.raises(DuplicateDocument):
        corpus.save("Same text", normalize("Same text"), profile=WORDOPT)
    corpus.set_path(tmp_path)  # the same folder again: the same object, the same count
    assert corpus.folder is folder and corpus.count == 1


def test_batch_and_record_saves_are_added(qtbot, corpus, tmp_path):
    corpus.set_path(tmp_path)
    qtbot.waitUntil(lambda: corpus.manifest_read.done())
    with qtbot.waitSignal(corpus.count_changed, check_params_cb=lambda n: n == 5):
        corpus.add_saved(5)
    assert corpus.count == 5


def test_a_folder_that_is_not_one_is_refused(corpus, tmp_path):
    file = tmp_path / "file.txt"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(CorpusError):
        corpus.set_path(file)
    assert corpus.folder is None
    with pytest.raises(CorpusError):
        corpus.save("x", "x", profile=WORDOPT)  # no folder chosen
