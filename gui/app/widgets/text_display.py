"""What the lazily wrapped text views draw: span layers, display characters, widths.

Shared by `LargeTextView` (and so the output pane and the large raw-text
editor); no widget here.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QStaticText

from gui.workflow.text_mirror import shown_text

# Drawn as themselves would move the rest of the line or draw boxes: shown as spaces
# (control characters, line and paragraph separators). Bidi controls would reorder
# the line: they are drawn as the raw editor's stand-ins (gui/workflow/text_mirror.py).
_DISPLAY = str.maketrans({code: " " for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)})


def display_text(text: str) -> str:
    """`text` as the view draws it: one character for each, none reordering the line."""
    return shown_text(text.translate(_DISPLAY))


def _narrow_char(char: str) -> bool:
    """Whether a character may take one column (not combining, zero-width or wide)."""
    if unicodedata.combining(char) or unicodedata.east_asian_width(char) in "WF":
        return False
    return unicodedata.category(char) not in ("Mn", "Me", "Cf")


class CharWidths:
    """Which characters a fixed-width font draws one advance wide, measured once each.

    Rows whose characters all are (ASCII, and usually curly quotes and accented
    letters) are wrapped and hit by counting columns; the others are measured.
    """

    def __init__(self, metrics: QFontMetricsF, advance: float) -> None:
        self._metrics = metrics
        self._advance = advance
        self._narrow: set[str] = set()
        self._other: set[str] = set()

    def fitting(self, chunk: str, width: float) -> int:
        """How many leading characters of `chunk` fit in `width` (at least one)."""
        metrics = self._metrics
        if metrics.horizontalAdvance(chunk) <= width:
            return len(chunk)
        low, high = 1, len(chunk)
        while low < high:
            middle = (low + high + 1) // 2
            if metrics.horizontalAdvance(chunk[:middle]) <= width:
                low = middle
            else:
                high = middle - 1
        return low

    def monospaced(self, text: str) -> bool:
        if text.isascii():
            return True
        chars = set(text)
        if chars <= self._narrow:
            return True
        for char in chars - self._narrow - self._other:
            one = _narrow_char(char) and self._metrics.horizontalAdvance(char) == self._advance
            (self._narrow if one else self._other).add(char)
        return chars <= self._narrow


class RowTexts:
    """Rows laid out for drawing, kept for the next paints (the most recent `limit`).

    `QPainter.drawText` shapes its text on every call: 0.5 ms a row of curly-quoted
    text, 20 ms a frame. A `QStaticText` is shaped once; drawing it again is cheap,
    and a keystroke changes one row.
    """

    def __init__(self, limit: int = 400) -> None:
        self._rows: dict[str, QStaticText] = {}
        self._limit = limit

    def get(self, line: str) -> QStaticText:
        row = self._rows.pop(line, None)
        if row is None:
            row = QStaticText(line)
            row.setTextFormat(Qt.TextFormat.PlainText)
        self._rows[line] = row  # the most recent last
        if len(self._rows) > self._limit:
            del self._rows[next(iter(self._rows))]
        return row

    def clear(self) -> None:
        self._rows.clear()


@dataclass(frozen=True)
class SpanLayer:
    """Disjoint spans sorted by start, all painted with one colour or brush."""

    color: QColor | QBrush
    starts: Sequence[int]
    ends: Sequence[int]

    def overlapping(self, first: int, last: int) -> range:
        """Indices of the spans that overlap [first, last)."""
        low = max(bisect.bisect_right(self.starts, first) - 1, 0)
        high = bisect.bisect_left(self.starts, last)
        return range(low, high)

    def spans_in(self, first: int, last: int) -> list[tuple[int, int]]:
        """(start, end) of the spans that may overlap [first, last), in order."""
        indices = self.overlapping(first, last)
        low, high = indices.start, indices.stop
        return list(zip(self.starts[low:high], self.ends[low:high], strict=True))
