"""The dataset workflow's small questions: skip reason, duplicate record, Apply to all.

Plain functions over Qt's standard dialogs, so tests patch them in one place
(or patch `QInputDialog.getText`, which `ask_skip_reason` uses).
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

SAVE_ANYWAY = "save"
SKIP = "skip"
CANCEL = "cancel"


def ask_skip_reason(parent: QWidget | None, title: str) -> str | None:
    """The reason for skipping (may be empty), or None if the user cancelled."""
    reason, ok = QInputDialog.getText(
        parent,
        "Skip record",
        f"Skip “{title}”.\nReason (optional, kept in the manifest):",
        QLineEdit.EchoMode.Normal,
        "",
    )
    return reason.strip() if ok else None


def ask_duplicate(parent: QWidget | None, title: str, earlier_file: str) -> str:
    """A record normalizes to a text already in the corpus: save anyway, skip, or cancel."""
    box = QMessageBox(parent)
    box.setObjectName("duplicate_record_box")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Already in the corpus")
    box.setText(f"“{title}” normalizes to a text already in the corpus as “{earlier_file}”.")
    box.setInformativeText(
        "Save another copy anyway, or skip this record (recorded as a duplicate)?"
    )
    save = box.addButton("Save Anyway", QMessageBox.ButtonRole.AcceptRole)
    skip = box.addButton("Skip Record", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(skip)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is save:
        return SAVE_ANYWAY
    if clicked is skip:
        return SKIP
    return CANCEL


def confirm_apply_all(parent: QWidget | None, pending: int, profile: str, corpus: str) -> bool:
    """Ask before writing every pending record into the corpus folder."""
    noun = "record" if pending == 1 else "records"
    answer = QMessageBox.question(
        parent,
        "Apply to all remaining",
        f"Apply the profile “{profile}” to the {pending:,} pending {noun} and save "
        f"each into {corpus}?\n\nDuplicates and records that normalize to nothing "
        "are recorded as skipped. You can cancel at any time; what is saved stays.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes
