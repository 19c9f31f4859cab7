"""The corpus store's refusals in the window: another profile, a saved record, a held lock.

Real windows, real corpus folders, a real second process holding the lock;
the questions (gui/app/widgets/store_prompts) are answered through the
dialog log, which fails a test on any question it was not told about.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from gui.app.widgets import store_prompts
from gui.engine import Pipeline, load_preset, normalize
from gui.io.corpus import CorpusFolder, profile_sha256
from tests.app.test_dataset_window import (  # noqa: F401 (dataset_dialogs: a fixture)
    dataset_dialogs,
    manifest,
    open_via_menu,
    states,
)
from tests.conftest import REPO
from tests.conftest import SMALL_CSV as CSV

NEWS = load_preset("news-leak-safe")
WORDOPT = load_preset("wordopt")
TEXT = "Breaking:  Visit https://example.com NOW!!  Call 555-0100."


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def news_corpus(folder: Path) -> None:
    """A corpus made with news-leak-safe (as `textwash clean --profile news-leak-safe` would)."""
    store = CorpusFolder(folder)
    store.save("Made before.", Pipeline(NEWS).run("Made before."), profile=NEWS, source="a.txt")


def corpus_hashes(folder: Path) -> list[str]:
    with open(folder / "corpus.toml", "rb") as file:
        return [entry["sha256"] for entry in tomllib.load(file)["profiles"]]


@pytest.fixture
def loose_window(make_window, settings, corpus):
    """A window on `corpus` (made with news-leak-safe) with a loose text and wordopt."""
    news_corpus(corpus)
    settings.setValue("corpus/folder", str(corpus))
    window = make_window(settings, start=False)
    window.document.load_text(TEXT, source="loose.txt")
    window.document.set_modified(True)
    assert window.profile_model.profile == WORDOPT
    return window


# -- another profile ---------------------------------------------------------------------


def test_another_profile_use_the_corpus_profile_undoably(qtbot, loose_window, dialogs, corpus):
    window = loose_window
    dialogs.answer("profile_mismatch", store_prompts.USE_CORPUS_PROFILE)
    assert window.save_to_corpus()
    assert dialogs.calls[-1][2] == "news-leak-safe / wordopt"  # names both
    assert window.profile_model.profile == NEWS
    saved = manifest(corpus)[-1]
    assert (corpus / saved["file"]).read_text() == Pipeline(NEWS).run(TEXT)
    assert corpus_hashes(corpus) == [profile_sha256(NEWS.to_dict())]  # not mixed
    assert "corpus's profile" in " ".join(window.status.message_log())
    window.undo_rule_action.trigger()  # one undo step puts ours back
    assert window.profile_model.profile == WORDOPT


def test_another_profile_mixed_knowingly_is_recorded(qtbot, loose_window, dialogs, corpus):
    window = loose_window
    dialogs.answer("profile_mismatch", store_prompts.MIX_PROFILES)
    assert window.save_to_corpus()
    assert window.profile_model.profile == WORDOPT
    assert (corpus / manifest(corpus)[-1]["file"]).read_text() == normalize(TEXT)
    assert corpus_hashes(corpus) == [
        profile_sha256(NEWS.to_dict()),
        profile_sha256(WORDOPT.to_dict()),
    ]


def test_another_profile_choose_another_folder(qtbot, loose_window, dialogs, corpus, tmp_path):
    window = loose_window
    other = tmp_path / "other"
    dialogs.answer("profile_mismatch", store_prompts.OTHER_FOLDER)
    dialogs.answer("getExistingDirectory", other)
    assert window.save_to_corpus()
    assert window.corpus.path == str(other)
    assert len(manifest(corpus)) == 1  # nothing more in the first corpus
    assert (other / manifest(other)[0]["file"]).read_text() == normalize(TEXT)
    assert corpus_hashes(other) == [profile_sha256(WORDOPT.to_dict())]


def test_another_profile_cancelled_saves_nothing(qtbot, loose_window, dialogs, corpus):
    window = loose_window
    dialogs.answer("profile_mismatch", store_prompts.CANCEL)
    assert not window.save_to_corpus()
    assert len(manifest(corpus)) == 1 and window.document.modified
    assert "news-leak-safe" in window.status.currentMessage()


# -- datasets: the corpus's profile on open, Save and Next, Apply to all ----------------------


@pytest.fixture
def news_ds_window(make_window, settings, corpus):
    news_corpus(corpus)
    settings.setValue("corpus/folder", str(corpus))
    return make_window(settings, start=False)


def test_opening_a_dataset_loads_its_corpus_profile(qtbot, news_ds_window, dialogs):
    window = news_ds_window
    open_via_menu(qtbot, window, dialogs, CSV)
    assert window.profile_model.profile == NEWS
    assert any("corpus's profile “news-leak-safe”" in m for m in window.status.message_log())
    window.undo_rule_action.trigger()
    assert window.profile_model.profile == WORDOPT


def test_save_and_next_with_another_profile_asks(qtbot, news_ds_window, dialogs, corpus):
    window = news_ds_window
    open_via_menu(qtbot, window, dialogs, CSV)
    window.profile_model.select_preset("wordopt")
    dialogs.answer("profile_mismatch", store_prompts.CANCEL)
    window.datasets.save_next_action.trigger()
    assert window.datasets.session.current == 0 and len(manifest(corpus)) == 1
    dialogs.answer("profile_mismatch", store_prompts.USE_CORPUS_PROFILE)
    window.datasets.save_next_action.trigger()
    assert window.profile_model.profile == NEWS
    assert window.datasets.session.current == 1
    entry = manifest(corpus)[-1]
    assert entry["record"] == window.datasets.session.dataset.key(0)
    assert entry["profile_sha256"] == profile_sha256(NEWS.to_dict())


@pytest.mark.parametrize("answer", [store_prompts.USE_CORPUS_PROFILE, store_prompts.MIX_PROFILES])
def test_apply_to_all_with_another_profile_asks_first(
    qtbot, news_ds_window, dialogs, corpus, answer
):
    window = news_ds_window
    open_via_menu(qtbot, window, dialogs, CSV)
    window.profile_model.select_preset("wordopt")
    dialogs.answer("profile_mismatch", store_prompts.CANCEL)
    window.datasets.apply_action.trigger()  # nothing starts
    assert not window.datasets.session.batch_running and len(manifest(corpus)) == 1
    dialogs.answer("profile_mismatch", answer)
    dialogs.answer("question", QMessageBox.StandardButton.Yes)  # confirm Apply to all
    with qtbot.waitSignal(window.datasets.session.batch_finished, timeout=20000):
        window.datasets.apply_action.trigger()
    used = NEWS if answer == store_prompts.USE_CORPUS_PROFILE else WORDOPT
    hashes = {e["profile_sha256"] for e in manifest(corpus)[1:] if e["status"] == "saved"}
    assert hashes == {profile_sha256(used.to_dict())}
    expected = [profile_sha256(NEWS.to_dict())]
    if answer == store_prompts.MIX_PROFILES:
        expected.append(profile_sha256(WORDOPT.to_dict()))
    assert corpus_hashes(corpus) == expected


# -- a record saved before (window review B1) ---------------------------------------------


def test_saving_a_saved_record_again_asks_to_replace(qtbot, make_window, settings, dialogs, corpus):
    settings.setValue("corpus/folder", str(corpus))
    window = make_window(settings, start=False)
    open_via_menu(qtbot, window, dialogs, CSV)
    datasets = window.datasets
    datasets.save_next_action.trigger()
    first = manifest(corpus)[0]["file"]
    saved_before = datasets.session.review.counts().saved
    count_before = window.corpus.count
    datasets.go_to(0)
    window.document.set_text(window.document.text + "\nAn edit made later.")

    dialogs.answer("replace", store_prompts.CANCEL)
    assert not window.save_to_corpus()
    assert dialogs.calls[-1][2] == first and len(manifest(corpus)) == 1

    dialogs.answer("replace", store_prompts.REPLACE)
    assert window.save_to_corpus()
    entries = manifest(corpus)
    assert len(entries) == 2 and entries[1]["replaced"] is True and entries[1]["file"] == first
    assert (corpus / first).read_text().endswith("an edit made later ")
    documents = sorted(p.name for p in corpus.iterdir() if p.suffix == ".txt")
    assert documents == [first]  # one live document for the record, no "-2"
    assert datasets.session.review.counts().saved == saved_before
    assert window.corpus.count == count_before == 1
    assert states(window)[0] == "saved"


def test_a_saved_record_with_another_profile_asks_both(
    qtbot, make_window, settings, dialogs, corpus
):
    settings.setValue("corpus/folder", str(corpus))
    window = make_window(settings, start=False)
    open_via_menu(qtbot, window, dialogs, CSV)
    window.datasets.save_next_action.trigger()
    window.datasets.go_to(0)
    window.profile_model.select_preset("news-leak-safe")  # the review's B1 steps, reversed
    dialogs.answer("profile_mismatch", store_prompts.MIX_PROFILES)
    dialogs.answer("replace", store_prompts.REPLACE)
    assert window.save_to_corpus()
    documents = [p.name for p in corpus.iterdir() if p.suffix == ".txt"]
    assert len(documents) == 1 and window.corpus.count == 1
    assert manifest(corpus)[-1]["profile_sha256"] == profile_sha256(NEWS.to_dict())


def test_a_saved_record_edited_into_a_duplicate_keeps_its_document(
    qtbot, make_window, settings, dialogs, corpus, tmp_path
):
    path = tmp_path / "two.csv"
    path.write_text("title,text\nA,Same words here\nB,Other words there\n")
    settings.setValue("corpus/folder", str(corpus))
    window = make_window(settings, start=False)
    open_via_menu(qtbot, window, dialogs, path)
    window.datasets.save_next_action.trigger()
    window.datasets.save_next_action.trigger()
    assert states(window) == ["saved", "saved"]
    window.datasets.go_to(1)
    window.document.set_text("SAME words here")  # now a duplicate of a.txt
    dialogs.answer("duplicate", "skip")
    assert not window.save_to_corpus()
    assert states(window) == ["saved", "saved"] and len(manifest(corpus)) == 2
    assert window.datasets.session.review.counts().saved == 2


# -- another writer holds the corpus ----------------------------------------------------------

HOLDER = """
import sys
from gui.io.corpus import CorpusStore
store = CorpusStore(sys.argv[1]).open_for_writing(command="textwash clean held-by-test")
print("locked", flush=True)
sys.stdin.read()
store.close()
"""


@pytest.fixture
def held(corpus):
    """A second process holding `corpus`'s writer lock until the test ends."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(corpus)], cwd=REPO,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout.readline().strip() == "locked"
        yield process
    finally:
        process.stdin.close()
        process.wait(timeout=30)
        process.stdout.close()


def test_a_held_corpus_names_its_holder_and_offers_another_folder(
    qtbot, make_window, settings, dialogs, corpus, tmp_path, held
):
    settings.setValue("corpus/folder", str(corpus))
    window = make_window(settings, start=False)
    window.document.load_text(TEXT, source="loose.txt")
    dialogs.answer("corpus_locked", store_prompts.CANCEL)
    assert not window.save_to_corpus()
    holder = dialogs.calls[-1][2]
    assert f"process {held.pid} on " in holder and "textwash clean held-by-test" in holder
    assert "since " in holder
    assert not manifest(corpus)
    assert "in use by" in window.status.currentMessage()

    other = tmp_path / "other"
    dialogs.answer("corpus_locked", store_prompts.OTHER_FOLDER)
    dialogs.answer("getExistingDirectory", other)
    assert window.save_to_corpus()
    assert [e["source"] for e in manifest(other)] == ["loose.txt"]


def test_a_held_corpus_stops_save_and_next(qtbot, make_window, settings, dialogs, corpus, held):
    settings.setValue("corpus/folder", str(corpus))
    window = make_window(settings, start=False)
    open_via_menu(qtbot, window, dialogs, CSV)
    dialogs.answer("corpus_locked", store_prompts.CANCEL)
    window.datasets.save_next_action.trigger()
    assert window.datasets.session.current == 0 and states(window)[0] == "pending"
    assert str(held.pid) in dialogs.calls[-1][2]


def test_a_held_corpus_is_said_before_apply_to_all_starts(
    qtbot, make_window, settings, dialogs, corpus, tmp_path, held
):
    settings.setValue("corpus/folder", str(corpus))
    window = make_window(settings, start=False)
    open_via_menu(qtbot, window, dialogs, CSV)
    dialogs.answer("corpus_locked", store_prompts.CANCEL)
    window.datasets.apply_action.trigger()
    assert not window.datasets.session.batch_running
    assert "textwash clean held-by-test" in dialogs.calls[-1][2]
    assert not manifest(corpus)

    other = tmp_path / "other"
    dialogs.answer("corpus_locked", store_prompts.OTHER_FOLDER)
    dialogs.answer("getExistingDirectory", other)
    dialogs.answer("question", QMessageBox.StandardButton.Yes)  # confirm Apply to all
    with qtbot.waitSignal(window.datasets.session.batch_finished, timeout=20000):
        window.datasets.apply_action.trigger()
    assert len(manifest(other)) == 8 and not manifest(corpus)


# -- the profile across restarts (window review B2) ---------------------------------------------


def test_the_last_profile_is_restored_with_user_rules_and_spans(
    qtbot, make_window, settings, dialogs
):
    first = make_window(settings, start=False)
    model = first.profile_model
    model.select_preset("news-leak-safe")
    index = model.add_rule("find_replace", params={"name": "Mine", "find": "foo", "replace": "bar"})
    assert model.set_protect([r"\bACME-\d+\b"])
    kept = model.profile
    assert kept.steps[index].params["find"] == "foo"
    first.close()

    second = make_window(settings, start=False)
    assert second.profile_model.profile == kept
    assert not second.profile_model.undo_stack.canUndo()  # restoring is no edit


def test_a_kept_profile_that_no_longer_loads_leaves_the_default(
    qtbot, make_window, settings, dialogs
):
    settings.setValue("profile/current", 'format = 1\nname = "x"\n[[rules]]\nid = "gone"\n')
    window = make_window(settings, start=False)
    assert window.profile_model.profile == WORDOPT
    assert any("not restored" in m for m in window.status.message_log())


# -- what the store repaired or found, said once --------------------------------------------------


def test_store_notes_reach_the_status_bar_once(qtbot, make_window, settings, dialogs, corpus):
    store = CorpusFolder(corpus)
    store.save("One text.", normalize("One text."), profile=WORDOPT)
    with open(corpus / "manifest.jsonl", "ab") as file:
        file.write(b"not json\n")
        file.write(json.dumps({"status": "saved", "file": "x"}).encode()[:12])  # torn tail
    settings.setValue("corpus/folder", str(corpus))
    window = make_window(settings, start=False)
    log = window.status.message_log
    qtbot.waitUntil(lambda: any("line 2: not valid JSON" in m for m in log()))
    assert any("unfinished" in m for m in log())

    window.document.load_text(TEXT, source="loose.txt")
    assert window.save_to_corpus()  # the first write repairs the torn line, and says so
    repaired = [m for m in log() if "was removed" in m]
    assert len(repaired) == 1 and "line 3" in repaired[0]
    assert sum("line 2: not valid JSON" in m for m in log()) == 1  # said once

    window.document.load_text("Another text.", source="b.txt")
    assert window.save_to_corpus()
    assert sum("was removed" in m for m in log()) == 1


def test_apply_to_all_says_what_its_store_repaired(qtbot, make_window, settings, dialogs, corpus):
    CorpusFolder(corpus).open_for_writing().close()  # a corpus with its marker
    with open(corpus / "manifest.jsonl", "ab") as file:
        file.write(b'{"status": "sav')  # an interrupted write
    settings.setValue("corpus/folder", str(corpus))
    window = make_window(settings, start=False)
    open_via_menu(qtbot, window, dialogs, CSV)
    dialogs.answer("question", QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.datasets.session.batch_finished, timeout=20000):
        window.datasets.apply_action.trigger()
    log = window.status.message_log()
    assert sum("was removed" in m for m in log) == 1
    assert not log[-1].startswith("Corpus:")  # the run's result is the last word
