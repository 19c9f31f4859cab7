"""The window's small questions, with mnemonics on every button.

QMessageBox's static functions label buttons "Save", "Discard", "Cancel"
without mnemonics, so Alt+D does nothing. These build the box themselves.
They are plain functions returning `QMessageBox.StandardButton` values, so
tests patch them in one place (tests/app/conftest.py routes them through its
dialog log, as it does QMessageBox's own).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str,
    buttons: list[tuple[Button, str]],
    default: Button,
    name: str,
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(informative)
    standard = Button.NoButton
    for button, _label in buttons:
        standard |= button
    box.setStandardButtons(standard)
    for button, label in buttons:
        box.button(button).setText(label)
    box.setDefaultButton(default)
    return box


def _ask(box: QMessageBox) -> Button:
    answer = Button(box.exec())
    box.deleteLater()
    return answer


def unsaved_box(parent: QWidget | None, what: str = "The raw text") -> QMessageBox:
    return _box(
        parent,
        QMessageBox.Icon.Question,
        "Unsaved edits",
        f"{what} has edits that are not saved to the corpus.",
        "Save it to the corpus first?",
        [(Button.Save, "&Save"), (Button.Discard, "&Discard"), (Button.Cancel, "Cancel")],
        Button.Save,
        "unsaved_edits_box",
    )


def ask_unsaved(parent: QWidget | None, what: str = "The raw text") -> Button:
    """Unsaved edits: Save, Discard or Cancel."""
    return _ask(unsaved_box(parent, what))


def corpus_problem_box(parent: QWidget | None, folder: str, problem: str) -> QMessageBox:
    missing = not Path(folder).is_dir()
    buttons = [
        (Button.Retry, "&Create It Again" if missing else "&Try Again"),
        (Button.Open, "C&hoose Another Folder…"),
        (Button.Cancel, "Cancel"),
    ]
    return _box(
        parent,
        QMessageBox.Icon.Warning,
        "Cannot save to the corpus",
        f"The text was not saved: {problem[:1].lower() + problem[1:]}",
        f"Corpus folder: {folder}\n\n"
        + (
            "It may have been moved or deleted. Create it again, or choose another folder?"
            if missing
            else "Check that you may write there, or choose another folder."
        ),
        buttons,
        Button.Retry if missing else Button.Open,
        "corpus_problem_box",
    )


def ask_corpus_problem(parent: QWidget | None, folder: str, problem: str) -> Button:
    """Saving failed because of the corpus folder: recreate it (Retry), choose another (Open)."""
    return _ask(corpus_problem_box(parent, folder, problem))
