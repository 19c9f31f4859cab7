"""The rule highlights of the raw pane's small editor (a QPlainTextEdit), found and painted.

Only the spans on screen are mapped to editor positions (Qt counts UTF-16
units and folds `\\r\\n` into one break; `Highlights` maps) and painted as
filled rectangles under the text: as real extra selections, each span makes
Qt draw its line again (130 spans cost 9 ms a frame; rectangles well under
one). `drop_spans_from` cuts the spans back after an edit, `labels_at` and
`tooltip` say which rules changed a character: for either editor.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QBrush, QPainter, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from gui.workflow.highlights import Highlights

Painted = list[tuple[int, int, QBrush]]


def drop_spans_from(starts: list[Sequence[int]], ends: list[Sequence[int]], offset: int) -> None:
    """Cut every rule's spans back to those before `offset` (they no longer line up)."""
    for rule, rule_starts in enumerate(starts):
        keep = bisect.bisect_left(rule_starts, offset)
        # The span before the edit may still reach into it.
        if keep and ends[rule][keep - 1] > offset:
            keep -= 1
        if keep < len(rule_starts):
            starts[rule] = rule_starts[:keep]
            ends[rule] = ends[rule][:keep]


def labels_at(
    labels: Sequence[str],
    starts: Sequence[Sequence[int]],
    ends: Sequence[Sequence[int]],
    offset: int,
) -> list[str]:
    """The labels of the rules whose spans cover the character at `offset`, once each."""
    found: list[str] = []
    for label, rule_starts, rule_ends in zip(labels, starts, ends, strict=True):
        i = bisect.bisect_right(rule_starts, offset) - 1
        if i >= 0 and offset < rule_ends[i] and label not in found:
            found.append(label)
    return found


def tooltip(labels: Sequence[str]) -> str:
    """What hovering a highlight says: the rule, or the rules in the order they ran."""
    if len(labels) == 1:
        return f"Changed by “{labels[0]}”"
    return "Changed by " + ", then ".join(f"“{label}”" for label in labels)


def visible_spans(
    editor: QPlainTextEdit,
    highlights: Highlights,
    brushes: Sequence[QBrush],
    starts: Sequence[Sequence[int]],
    ends: Sequence[Sequence[int]],
) -> Painted:
    """The spans on screen, in editor positions, with their brush."""
    first = highlights.text_offset(editor.cursorForPosition(QPoint(0, 0)).position())
    corner = QPoint(editor.viewport().width(), editor.viewport().height())
    last = highlights.text_offset(editor.cursorForPosition(corner).position()) + 1
    painted: Painted = []
    length = editor.document().characterCount() - 1
    position = highlights.editor_position
    for brush, rule_starts, rule_ends in zip(brushes, starts, ends, strict=True):
        low = max(bisect.bisect_right(rule_starts, first) - 1, 0)
        high = bisect.bisect_left(rule_starts, last)
        for i in range(low, high):
            start, end = position(rule_starts[i]), min(position(rule_ends[i]), length)
            if start >= end or rule_ends[i] <= first:
                continue
            painted.append((start, end, brush))
    return painted


def extra_selections(editor: QPlainTextEdit, painted: Painted) -> list:
    """The painted spans as extra selections (what tests and tools inspect)."""
    selections = []
    for start, end, brush in painted:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format.setBackground(brush)
        selections.append(selection)
    return selections


def paint_spans(editor: QPlainTextEdit, painted: Painted, clip) -> None:
    """Fill the painted spans' rectangles on the editor's viewport (before its text)."""
    painter = QPainter(editor.viewport())
    offset = editor.contentOffset()
    document = editor.document()
    for start, end, color in painted:
        block = document.findBlock(start)
        while block.isValid() and block.position() < end:
            layout = block.layout()
            top = editor.blockBoundingGeometry(block).translated(offset).top()
            if top > clip.bottom():
                break
            base = block.position()
            line = layout.lineForTextPosition(max(start - base, 0))
            while line.isValid() and line.textStart() < end - base:
                first = max(start - base, line.textStart())
                last = min(end - base, line.textStart() + line.textLength())
                if first < last:
                    x0, _ = line.cursorToX(first)
                    x1, _ = line.cursorToX(last)
                    rect = QRectF(x0 + offset.x(), top + line.y(), x1 - x0, line.height())
                    painter.fillRect(rect, color)
                line = layout.lineAt(line.lineNumber() + 1)
            block = block.next()
    painter.end()
