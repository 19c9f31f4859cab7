"""The text models: debounced worker normalization, stale results dropped, undoable profiles."""

from __future__ import annotations

import pytest

from gui.app.models.corpus import CorpusModel
from gui.engine import ProfileError, explain, load_preset, normalize
from gui.io.corpus import DuplicateDocument
from tests.app.text_models import TextModels


@pytest.fixture
def session(qtbot):
    session = TextModels.create()
    yield session
    session.shutdown()


def test_set_text_emits_the_engine_output(qtbot, session):
    text = "Hello, World! 42 [x]"
    with qtbot.waitSignal(session.preview.text_normalized) as blocker:
        session.document.set_text(text)
    assert blocker.args == [normalize(text)]
    assert session.preview.output == normalize(text)
    qtbot.waitUntil(lambda: session.preview.explanation is not None)
    engine = explain(text)
    assert session.preview.explanation.output == engine.output
    assert [r.spans for r in session.preview.explanation.reports] == [
        r.spans for r in engine.reports
    ]


def test_only_the_latest_text_is_reported(qtbot, session):
    outputs: list[str] = []
    session.preview.text_normalized.connect(outputs.append)
    session.document.load_text("First TEXT 1")  # starts at once
    session.document.set_text("Second TEXT 2")
    session.document.set_text("Third TEXT 3")
    qtbot.waitUntil(lambda: session.preview.output is not None)
    qtbot.waitUntil(lambda: session.preview.explanation is not None)
    assert outputs == [normalize("Third TEXT 3")]


def test_profile_changes_are_undoable(qtbot, session):
    wordopt = load_preset("wordopt")
    with qtbot.waitSignal(session.profile_model.profile_changed):
        session.profile_model.set_rule_enabled(0, False)
    session.profile_model.move_rule(1, 4)
    assert session.profile_model.profile == wordopt.with_enabled(0, False).moved(1, 4)
    assert session.profile_model.undo_stack.undoText().startswith("Move")
    session.profile_model.undo_stack.undo()
    session.profile_model.undo_stack.undo()
    assert session.profile_model.profile == wordopt
    session.profile_model.undo_stack.redo()
    assert session.profile_model.profile == wordopt.with_enabled(0, False)


def test_no_op_changes_make_no_undo_steps(session):
    session.profile_model.set_rule_enabled(0, True)
    session.profile_model.move_rule(2, 2)
    session.profile_model.select_preset("wordopt")
    assert session.profile_model.undo_stack.count() == 0


def test_profile_files(session, tmp_path):
    session.profile_model.select_preset("clean")
    path = tmp_path / "mine.toml"
    session.profile_model.save_profile(path)
    session.profile_model.select_preset("wordopt")
    session.profile_model.open_profile(path)
    assert session.profile_model.profile.steps == load_preset("clean").steps
    assert session.profile_model.profile.name == "mine"
    with pytest.raises(ProfileError):
        session.profile_model.open_profile(tmp_path / "missing.toml")


def test_edited_text_is_kept_exactly(session):
    # Line ends and no-break spaces are the editor's to keep (tests/app/test_text_mirror.py);
    # the session stores and normalizes exactly what it is given.
    session.document.load_text("One\r\nTwo\r\n")
    session.document.set_text("One\r\nTwo\u00a0\r\nThree")
    assert session.document.text == "One\r\nTwo\u00a0\r\nThree"
    assert session.preview.normalize_now() == normalize("One\r\nTwo\u00a0\r\nThree")


def test_modified_tracks_edits_and_saves(qtbot, session, tmp_path):
    session.document.load_text("Loaded text")
    assert not session.document.modified
    with qtbot.waitSignal(session.document.modified_changed):
        session.document.set_text("Edited text")
    corpus = CorpusModel()
    corpus.set_path(tmp_path)
    raw, output = session.document.text, session.preview.normalize_now()
    saved = corpus.save(raw, output, profile=session.profile_model.profile)
    session.document.mark_saved()
    assert not session.document.modified
    assert saved.path.read_text(encoding="utf-8") == normalize("Edited text")
    with pytest.raises(DuplicateDocument) as duplicate:
        corpus.save(raw, output, profile=session.profile_model.profile)
    assert duplicate.value.earlier_file == saved.path.name
    corpus.shutdown()
