"""The session: debounced worker normalization, stale results dropped, undoable profiles."""

from __future__ import annotations

import pytest

from gui.app.models.session import Session
from gui.engine import ProfileError, explain, load_preset, normalize
from gui.io.corpus import CorpusFolder, DuplicateDocument


@pytest.fixture
def session(qtbot):
    session = Session()
    yield session
    session.shutdown()


def test_set_text_emits_the_engine_output(qtbot, session):
    text = "Hello, World! 42 [x]"
    with qtbot.waitSignal(session.text_normalized) as blocker:
        session.set_text(text)
    assert blocker.args == [normalize(text)]
    assert session.output == normalize(text)
    qtbot.waitUntil(lambda: session.explanation is not None)
    engine = explain(text)
    assert session.explanation.output == engine.output
    assert [r.spans for r in session.explanation.reports] == [r.spans for r in engine.reports]


def test_only_the_latest_text_is_reported(qtbot, session):
    outputs: list[str] = []
    session.text_normalized.connect(outputs.append)
    session.load_text("First TEXT 1")  # starts at once
    session.set_text("Second TEXT 2")
    session.set_text("Third TEXT 3")
    qtbot.waitUntil(lambda: session.output is not None)
    qtbot.waitUntil(lambda: session.explanation is not None)
    assert outputs == [normalize("Third TEXT 3")]


def test_profile_changes_are_undoable(qtbot, session):
    wordopt = load_preset("wordopt")
    with qtbot.waitSignal(session.profile_changed):
        session.set_rule_enabled(0, False)
    session.move_rule(1, 4)
    assert session.profile == wordopt.with_enabled(0, False).moved(1, 4)
    assert session.undo_stack.undoText().startswith("Move")
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.profile == wordopt
    session.undo_stack.redo()
    assert session.profile == wordopt.with_enabled(0, False)


def test_no_op_changes_make_no_undo_steps(session):
    session.set_rule_enabled(0, True)
    session.move_rule(2, 2)
    session.select_preset("wordopt")
    assert session.undo_stack.count() == 0


def test_profile_files(session, tmp_path):
    session.select_preset("clean")
    path = tmp_path / "mine.toml"
    session.save_profile(path)
    session.select_preset("wordopt")
    session.open_profile(path)
    assert session.profile.steps == load_preset("clean").steps
    assert session.profile.name == "mine"
    with pytest.raises(ProfileError):
        session.open_profile(tmp_path / "missing.toml")


def test_edited_text_is_kept_exactly(session):
    # Line ends and no-break spaces are the editor's to keep (tests/app/test_text_mirror.py);
    # the session stores and normalizes exactly what it is given.
    session.load_text("One\r\nTwo\r\n")
    session.set_text("One\r\nTwo\u00a0\r\nThree")
    assert session.text == "One\r\nTwo\u00a0\r\nThree"
    assert session.normalize_now() == normalize("One\r\nTwo\u00a0\r\nThree")


def test_modified_tracks_edits_and_saves(qtbot, session, tmp_path):
    session.load_text("Loaded text")
    assert not session.modified
    with qtbot.waitSignal(session.modified_changed):
        session.set_text("Edited text")
    folder = CorpusFolder(tmp_path)
    saved = session.save_to_corpus(folder)
    assert not session.modified
    assert saved.path.read_text(encoding="utf-8") == normalize("Edited text")
    with pytest.raises(DuplicateDocument) as duplicate:
        session.save_to_corpus(folder)
    assert duplicate.value.earlier_file == saved.path.name
