"""A toolbar button that keeps a short fixed label whatever its action's text becomes.

QUndoStack's undo action renames itself after the command ("Undo Rule Change
Switch to preset “clean-text-like”"); a toolbar button showing that text grows
and reflows the toolbar, pushing buttons into its "»" menu. This button shows
a fixed label and puts the action's full text in its tooltip and accessible
description, so the toolbar keeps its width.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QWidget


class SteadyToolButton(QToolButton):
    """A tool button for `action` that always reads `label`."""

    def __init__(self, action: QAction, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = label
        self.setDefaultAction(action)
        # QAction.changed is emitted after the button has taken the new text.
        action.changed.connect(self._relabel)
        self._relabel()

    def _relabel(self) -> None:
        action = self.defaultAction()
        full = action.text().replace("&", "")
        shortcut = action.shortcut().toString()
        self.setText(self._label)
        self.setToolTip(f"{full} ({shortcut})" if shortcut else full)
        self.setAccessibleName(self._label)
        self.setAccessibleDescription(full)
