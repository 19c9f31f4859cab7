"""The window's questions have a mnemonic on every button, none shared."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QMessageBox

from gui.app.widgets import store_prompts
from gui.app.widgets.prompts import corpus_problem_box, unsaved_box


def _mnemonics(box: QMessageBox) -> list[str]:
    letters = []
    for button in box.buttons():
        if box.standardButton(button) == QMessageBox.StandardButton.Cancel:
            continue  # Escape
        found = re.search(r"&(\w)", button.text())
        assert found, f"no mnemonic on {button.text()!r}"
        letters.append(found.group(1).lower())
    return letters


@pytest.mark.parametrize(
    "make",
    [
        lambda: unsaved_box(None),
        lambda: corpus_problem_box(None, "/c", "/c: the corpus folder does not exist"),
        lambda: corpus_problem_box(None, "/", "cannot save a.txt: Operation not permitted"),
    ],
)
def test_every_button_has_its_own_mnemonic(qapp, make):
    # Regression: Save, Discard and Cancel had none; Alt+D did nothing.
    box = make()
    letters = _mnemonics(box)
    assert len(letters) == len(set(letters)) >= 2
    box.deleteLater()


def test_a_missing_folder_is_offered_to_be_created_again(qapp):
    box = corpus_problem_box(None, "/c", "cannot save a.txt: No such file or directory")
    retry = box.button(QMessageBox.StandardButton.Retry)
    assert "Create" in retry.text()
    assert box.defaultButton() is retry
    assert "Corpus folder: /c" in box.informativeText()
    box.deleteLater()


@pytest.mark.parametrize(
    "make, default, answers",
    [
        (
            lambda: store_prompts.profile_mismatch_box(None, "/c", "news-leak-safe", "wordopt"),
            store_prompts.USE_CORPUS_PROFILE,
            {
                store_prompts.USE_CORPUS_PROFILE,
                store_prompts.OTHER_FOLDER,
                store_prompts.MIX_PROFILES,
            },
        ),
        (
            lambda: store_prompts.replace_box(None, "A title", "a.txt"),
            store_prompts.CANCEL,
            {store_prompts.REPLACE},
        ),
        (
            lambda: store_prompts.locked_box(None, "/c", {"pid": 7, "host": "h"}),
            store_prompts.CANCEL,
            {store_prompts.OTHER_FOLDER},
        ),
    ],
    ids=["profile", "replace", "locked"],
)
def test_the_store_questions_have_mnemonics_and_a_safe_default(qapp, make, default, answers):
    box, buttons = make()
    letters = _mnemonics(box)
    assert len(letters) == len(set(letters)) >= 1
    assert set(buttons.values()) == answers
    chosen = buttons.get(box.defaultButton(), store_prompts.CANCEL)
    assert chosen == default  # never mix, replace or leave the folder by pressing Enter
    box.deleteLater()


def test_the_locked_question_names_the_holder(qapp):
    holder = {"pid": 4242, "host": "lab-3", "command": "textwash clean d.csv", "since": "09:00"}
    box, _buttons = store_prompts.locked_box(None, "/corpus", holder)
    assert "process 4242 on lab-3" in box.text() and "textwash clean d.csv" in box.text()
    assert "09:00" in box.text()
    box.deleteLater()
