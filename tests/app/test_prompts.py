"""The window's questions have a mnemonic on every button, none shared."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QMessageBox

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
