"""The Undo toolbar button keeps its width whatever command it would undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack

from gui.app.widgets.steady_tool_button import SteadyToolButton


def test_undo_button_width_does_not_follow_the_command(qtbot):
    # Regression: "Undo Rule Change Switch to preset “clean-text-like”" reflowed the toolbar.
    stack = QUndoStack()
    action = stack.createUndoAction(stack, "Undo Rule Change")
    button = SteadyToolButton(action, "Undo")
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    qtbot.addWidget(button)
    button.show()
    width = button.sizeHint().width()
    stack.push(QUndoCommand("Switch to preset “clean-text-like” and many more words"))
    assert action.text().startswith("Undo Rule Change Switch")
    assert button.text() == "Undo"
    assert button.sizeHint().width() == width
    assert "clean-text-like" in button.toolTip()
    assert button.isEnabled()
    stack.undo()
    assert not button.isEnabled()
    assert button.text() == "Undo"
