"""What the lazily wrapped text views draw: highlight span layers, display characters.

Shared by `LargeTextView` (and so the output pane and the large raw-text
editor); no widget here.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QBrush, QColor

from gui.workflow.text_mirror import shown_text

# Drawn as themselves would move the rest of the line or draw boxes: shown as spaces
# (control characters, line and paragraph separators). Bidi controls would reorder
# the line: they are drawn as the raw editor's stand-ins (gui/workflow/text_mirror.py).
_DISPLAY = str.maketrans({code: " " for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)})


def display_text(text: str) -> str:
    """`text` as the view draws it: one character for each, none reordering the line."""
    return shown_text(text.translate(_DISPLAY))


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
