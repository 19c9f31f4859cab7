"""The corpus store's questions: another profile, a record saved before, a folder in use.

Plain functions returning plain answers, so tests patch them in one place
(tests/app/conftest.py routes them through its dialog log). Every button has
a mnemonic; the safe answer is the default.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

USE_CORPUS_PROFILE = "use_corpus_profile"
OTHER_FOLDER = "other_folder"
MIX_PROFILES = "mix_profiles"
REPLACE = "replace"
CANCEL = "cancel"


def _run(box: QMessageBox, answers: dict[Any, str]) -> str:
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return answers.get(clicked, CANCEL)


def profile_mismatch_box(
    parent: QWidget | None, folder: str, corpus_profile: str, profile: str
) -> tuple[QMessageBox, dict[Any, str]]:
    box = QMessageBox(parent)
    box.setObjectName("profile_mismatch_box")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Another profile")
    box.setText(
        f"The corpus in {folder} was made with the profile “{corpus_profile}”, not “{profile}”."
    )
    box.setInformativeText(
        "Use the corpus's profile (you can undo it), save into another folder, "
        "or mix the two profiles in this corpus (recorded in corpus.toml)?"
    )
    use = box.addButton("&Use the Corpus's Profile", QMessageBox.ButtonRole.AcceptRole)
    other = box.addButton("C&hoose Another Folder…", QMessageBox.ButtonRole.ActionRole)
    mix = box.addButton("&Mix Profiles", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(use)
    return box, {use: USE_CORPUS_PROFILE, other: OTHER_FOLDER, mix: MIX_PROFILES}


def ask_profile_mismatch(
    parent: QWidget | None, folder: str, corpus_profile: str, profile: str
) -> str:
    """Saving with another profile than the corpus's: USE_CORPUS_PROFILE, OTHER_FOLDER,
    MIX_PROFILES or CANCEL."""
    return _run(*profile_mismatch_box(parent, folder, corpus_profile, profile))


def replace_box(parent: QWidget | None, title: str, file: str) -> tuple[QMessageBox, dict]:
    box = QMessageBox(parent)
    box.setObjectName("replace_record_box")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Already saved")
    box.setText(f"“{title}” is already saved in the corpus as “{file}”.")
    box.setInformativeText(
        "Replace that document with this text? The record keeps one document; "
        "the manifest records the replacement."
    )
    replace = box.addButton("&Replace", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box, {replace: REPLACE}


def ask_replace(parent: QWidget | None, title: str, file: str) -> str:
    """A record that already has a document: REPLACE or CANCEL."""
    return _run(*replace_box(parent, title, file))


def holder_text(holder: dict[str, Any]) -> str:
    """Who holds the corpus, in words: process, host, command, since when."""
    if not holder:
        return "another process"
    return (
        f"process {holder.get('pid', '?')} on {holder.get('host', '?')}, running "
        f"“{holder.get('command', '?')}”, since {holder.get('since', '?')}"
    )


def locked_box(
    parent: QWidget | None, folder: str, holder: dict[str, Any]
) -> tuple[QMessageBox, dict]:
    box = QMessageBox(parent)
    box.setObjectName("corpus_locked_box")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Corpus in use")
    box.setText(f"The corpus in {folder} is being written by {holder_text(holder)}.")
    box.setInformativeText(
        "Nothing was saved. Wait for it to finish and save again, or choose another folder."
    )
    other = box.addButton("C&hoose Another Folder…", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box, {other: OTHER_FOLDER}


def ask_corpus_locked(parent: QWidget | None, folder: str, holder: dict[str, Any]) -> str:
    """Another writer holds the corpus: OTHER_FOLDER or CANCEL."""
    return _run(*locked_box(parent, folder, holder))
