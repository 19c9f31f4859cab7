"""The large-text editor's key bindings and context menu (see `large_text_editor`).

Keys go by Qt's standard key sequences (`QKeySequence.StandardKey`), so the
editor follows the platform's bindings as QPlainTextEdit does: each binding
names the editor method it calls, and whether Shift extends the selection.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

Key = QKeySequence.StandardKey

# (key, the editor's method giving the caret's new offset, whether it selects)
MOVES = (
    (Key.MoveToNextChar, "next_char", False),
    (Key.SelectNextChar, "next_char", True),
    (Key.MoveToPreviousChar, "previous_char", False),
    (Key.SelectPreviousChar, "previous_char", True),
    (Key.MoveToNextWord, "next_word", False),
    (Key.SelectNextWord, "next_word", True),
    (Key.MoveToPreviousWord, "previous_word", False),
    (Key.SelectPreviousWord, "previous_word", True),
    (Key.MoveToNextLine, "line_down", False),
    (Key.SelectNextLine, "line_down", True),
    (Key.MoveToPreviousLine, "line_up", False),
    (Key.SelectPreviousLine, "line_up", True),
    (Key.MoveToNextPage, "page_down", False),
    (Key.SelectNextPage, "page_down", True),
    (Key.MoveToPreviousPage, "page_up", False),
    (Key.SelectPreviousPage, "page_up", True),
    (Key.MoveToStartOfLine, "row_start", False),
    (Key.SelectStartOfLine, "row_start", True),
    (Key.MoveToEndOfLine, "row_end", False),
    (Key.SelectEndOfLine, "row_end", True),
    (Key.MoveToStartOfBlock, "row_start", False),
    (Key.SelectStartOfBlock, "row_start", True),
    (Key.MoveToEndOfBlock, "row_end", False),
    (Key.SelectEndOfBlock, "row_end", True),
    (Key.MoveToStartOfDocument, "text_start", False),
    (Key.SelectStartOfDocument, "text_start", True),
    (Key.MoveToEndOfDocument, "text_end", False),
    (Key.SelectEndOfDocument, "text_end", True),
)
# Moves that keep the x the caret started from (over shorter rows).
VERTICAL = frozenset({"line_down", "line_up", "page_down", "page_up"})
# (key, the editor's method)
COMMANDS = (
    (Key.Undo, "undo"),
    (Key.Redo, "redo"),
    (Key.Cut, "cut"),
    (Key.Copy, "copy"),
    (Key.Paste, "paste"),
    (Key.SelectAll, "selectAll"),
    (Key.DeleteStartOfWord, "erase_word_back"),
    (Key.DeleteEndOfWord, "erase_word_forward"),
    (Key.Delete, "erase_forward"),
)


def command_of(event) -> str | None:
    """The editor method a key event's standard command calls."""
    for key, name in COMMANDS:
        if event.matches(key):
            return name
    return None


def move_of(event) -> tuple[str, bool] | None:
    """(the editor's move method, whether it selects) for a key event."""
    for key, name, select in MOVES:
        if event.matches(key):
            return name, select
    return None


def context_menu(editor, parent: QWidget) -> QMenu:
    """Undo, Redo, Cut, Copy, Paste, Delete, Select All, enabled as they apply."""
    menu = QMenu(parent)
    selected = editor.has_selection()
    editable = not editor.isReadOnly()
    pasteable = editable and bool(QGuiApplication.clipboard().text())
    entries = (
        ("&Undo", editor.undo, Key.Undo, editor.can_undo()),
        ("&Redo", editor.redo, Key.Redo, editor.can_redo()),
        None,
        ("Cu&t", editor.cut, Key.Cut, selected and editable),
        ("&Copy", editor.copy, Key.Copy, selected),
        ("&Paste", editor.paste, Key.Paste, pasteable),
        ("Delete", editor.erase_forward, Key.Delete, selected and editable),
        None,
        ("Select &All", editor.selectAll, Key.SelectAll, bool(editor.text())),
    )
    for entry in entries:
        if entry is None:
            menu.addSeparator()
            continue
        label, slot, key, enabled = entry
        action = menu.addAction(label, slot)
        action.setObjectName(label.replace("&", "").lower().replace(" ", "_"))
        action.setShortcut(key)
        action.setEnabled(enabled)
    return menu
