"""One way to make a window action: text, slot, shortcut, object name, tip."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def make_action(
    parent: QObject,
    text: str,
    slot: Callable | None,
    shortcut: QKeySequence.StandardKey | str | None = None,
    name: str = "",
    tip: str = "",
    *,
    checked: bool | None = None,
) -> QAction:
    """A QAction calling `slot` when triggered; `tip` is its tooltip and status-bar tip.

    With `checked` (True or False) the action is a checkable toggle, set so.
    """
    action = QAction(text, parent)
    if checked is not None:
        action.setCheckable(True)
        action.setChecked(checked)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if name:
        action.setObjectName(name)
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    if slot is not None:
        action.triggered.connect(slot)
    return action
