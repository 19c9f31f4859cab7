"""Edit > Find (Ctrl+F), Find Next (F3), Find Previous (Shift+F3) over either pane.

Find opens the find bar on the pane that has the focus (the raw text
otherwise); F3 and Shift+F3 go on in that pane, also with the focus back in
it. `find_in_raw(text)` opens it on the raw text with a string (the Changes
view's "find it").
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from gui.app.widgets.find_bar import FindBar
from gui.app.widgets.output_view import OutputView
from gui.app.widgets.raw_editor import RawEditor


class FindController(QObject):
    """The find bar's actions and which pane it searches."""

    def __init__(
        self, bar: FindBar, raw: RawEditor, output: OutputView, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.bar = bar
        self._raw = raw
        self._output = output
        bar.hide()
        bar.closed.connect(self._focus_target)

        def action(text, slot, keys, name) -> QAction:
            item = QAction(text, self)
            item.setObjectName(name)
            item.setShortcuts(keys)
            item.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            item.triggered.connect(slot)
            return item

        self.find_action = action(
            "&Find…", self.open_find, [QKeySequence(QKeySequence.StandardKey.Find)], "find"
        )
        self.find_action.setStatusTip("Find text in the pane with the focus (plain or regex)")
        keys = QKeySequence.keyBindings
        self.find_next_action = action(
            "Find Ne&xt", self.find_next, keys(QKeySequence.StandardKey.FindNext), "find_next"
        )
        self.find_previous_action = action(
            "Find Pre&vious", self.find_previous,
            keys(QKeySequence.StandardKey.FindPrevious), "find_previous",
        )  # fmt: skip

    def actions(self) -> list[QAction]:
        return [self.find_action, self.find_next_action, self.find_previous_action]

    def _focused_pane(self):
        output = self._output
        if output.hasFocus() or output.viewport().hasFocus():
            return output, "normalized output"
        return self._raw, "raw text"

    def open_find(self) -> None:
        self.bar.open_on(*self._focused_pane())

    def find_in_raw(self, text: str) -> None:
        self.bar.open_on(self._raw, "raw text")
        self.bar.regex_box.setChecked(False)
        self.bar.case_box.setChecked(True)
        self.bar.field.setText(text)
        self.bar.find_next()

    def find_next(self) -> None:
        if self.bar.target() is None:
            self.open_find()
            return
        self.bar.show()
        self.bar.find_next()

    def find_previous(self) -> None:
        if self.bar.target() is None:
            self.open_find()
            return
        self.bar.show()
        self.bar.find_previous()

    def text_changed(self, *_args) -> None:
        """A pane's text changed: the count is recomputed."""
        self.bar.text_changed()

    def _focus_target(self) -> None:
        target = self.bar.target()
        if target is not None:
            target.setFocus()
