"""Plain-text editing on a Python str, without Qt: the undo history and word moves.

`LargeTextEditor` edits the exact `str` of the raw text; each edit is one
splice, `text[:position] + added + text[position + len(removed):]`, recorded
here as an `Edit` (with the selection before and after it) so Undo and Redo
splice it back. Consecutive typed characters are one step, as are consecutive
Backspaces or Deletes, as in Qt's editors: a caret move, a line break, or any
other edit starts a new step.

Word moves (Ctrl+Left/Right, Ctrl+Backspace/Delete) look at a bounded stretch
of text around the caret, so they cost the same on a ten-megabyte line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["ERASING", "OTHER", "TYPING", "Edit", "EditHistory", "word_end", "word_start"]

# What made an edit: typed characters merge with the ones typed just before,
# Backspace/Delete presses with the ones just before; anything else stands alone.
TYPING, ERASING, OTHER = "typing", "erasing", "other"
# A step of typing or erasing is cut after this many characters (one undo does not
# take back a whole paragraph typed without a pause).
_STEP_CHARS = 200
# Word moves look this far from the caret at most.
_WORD_WINDOW = 2_000
_WORD = re.compile(r"\w+|[^\w\s]+")


@dataclass(frozen=True)
class Edit:
    """One splice: at `position`, `removed` became `added`; selections as (anchor, cursor)."""

    position: int
    removed: str
    added: str
    before: tuple[int, int]
    after: tuple[int, int]
    kind: str = OTHER

    def apply(self, text: str) -> str:
        return text[: self.position] + self.added + text[self.position + len(self.removed) :]

    def inverse(self) -> Edit:
        return Edit(self.position, self.added, self.removed, self.after, self.before, self.kind)


class EditHistory:
    """Undo and redo stacks of edits, with consecutive typing merged into one step."""

    def __init__(self) -> None:
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []
        self._open = False  # the last step may still take the next typed character

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
        self._open = False

    def close_step(self) -> None:
        """The next edit starts a new step (the caret moved, focus left, ...)."""
        self._open = False

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def record(self, edit: Edit) -> None:
        self._redo.clear()
        last = self._undo[-1] if self._undo else None
        merged = self._merged(last, edit) if self._open and last is not None else None
        if merged is not None:
            self._undo[-1] = merged
        else:
            self._undo.append(edit)
        self._open = edit.kind != OTHER and "\n" not in edit.added

    @staticmethod
    def _merged(last: Edit, edit: Edit) -> Edit | None:
        if edit.kind != last.kind or edit.kind == OTHER:
            return None
        if edit.kind == TYPING:
            if edit.removed or last.position + len(last.added) != edit.position:
                return None
            if len(last.added) >= _STEP_CHARS:
                return None
            return replace(last, added=last.added + edit.added, after=edit.after)
        if edit.added or len(last.removed) >= _STEP_CHARS:
            return None
        if edit.position + len(edit.removed) == last.position:  # Backspace, again
            return replace(
                last, position=edit.position, removed=edit.removed + last.removed, after=edit.after
            )
        if edit.position == last.position:  # Delete, again
            return replace(last, removed=last.removed + edit.removed, after=edit.after)
        return None

    def undo(self) -> Edit | None:
        """The edit that takes back the last step (apply it), or None."""
        if not self._undo:
            return None
        self._open = False
        edit = self._undo.pop()
        self._redo.append(edit)
        return edit.inverse()

    def redo(self) -> Edit | None:
        """The step last undone, to apply again, or None."""
        if not self._redo:
            return None
        self._open = False
        edit = self._redo.pop()
        self._undo.append(edit)
        return edit


def word_end(text: str, position: int) -> int:
    """Where Ctrl+Right goes: past the spaces, then past the word (or run of signs)."""
    window = text[position : position + _WORD_WINDOW]
    match = _WORD.search(window)
    if match is None:
        return min(position + len(window), len(text))
    return position + match.end()


def word_start(text: str, position: int) -> int:
    """Where Ctrl+Left goes: back over the spaces, then to the start of the word."""
    low = max(position - _WORD_WINDOW, 0)
    starts = [match.start() for match in _WORD.finditer(text, low, position)]
    if not starts:
        return low
    return starts[-1]  # (at the window's edge if the word goes on before it)
