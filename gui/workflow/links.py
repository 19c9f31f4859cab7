"""Links between the raw text and its normalized output, for the linked views (no Qt).

From an explanation, replay each rule's edits through an `OriginMap` (the
engine's map from the current text back to the original) and keep its
segments: each stretch of the output is either copied from a stretch of the
raw text or inserted (by a rule) in place of one. With them:

- `raw_span(start, end)`: the raw text an output selection came from;
- `output_span(start, end)`: what a raw selection (or a cursor) became;
- `insertions()`: the inserted stretches of the output (`<URL>`, a space that
  replaced a newline, ...), each with the rule that made it (the last rule
  that replaced text there, not one that only deleted), so the output can mark
  them in that rule's colour.

Offsets are Python code points on both sides. Building it costs a replay of
the edits (whole-list passes): run it off the UI thread for large texts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from gui.engine import Explanation
from gui.engine.explain.origin import OriginMap


@dataclass(frozen=True)
class Insertion:
    start: int
    end: int
    rule_index: int


class TextLinks:
    """Output <-> raw positions of one explanation (see the module docstring)."""

    def __init__(self, explanation: Explanation) -> None:
        if any(report.edits is None for report in explanation.reports):
            raise ValueError("links need each rule's edits: explain(text, edits=True)")
        origin = OriginMap(len(explanation.text))
        for report in explanation.reports:
            if report.edits:
                origin.apply(report.edits)
        segments = origin.segments()
        # A map that does not give the output's length (protected spans put back
        # around the rules) would link the wrong places: then there are no links.
        self.valid = origin.length == len(explanation.output)
        self._starts = [segment[0] for segment in segments]
        self._ends = [segment[1] for segment in segments]
        self._origins = [segment[2] for segment in segments]
        self._origin_ends = [segment[3] for segment in segments]
        self._copied = [segment[4] for segment in segments]
        self._raw_length = len(explanation.text)
        self._output_length = len(explanation.output)
        # Rules that put text in (a replacement, not only deletions) may own an insertion.
        self._spans = [
            ([span[0] for span in report.spans], [span[1] for span in report.spans])
            if any(edit.replacement for edit in report.edits)
            else ([], [])
            for report in explanation.reports
        ]

    # -- output -> raw -------------------------------------------------------------

    def _char_origin(self, position: int) -> tuple[int, int]:
        segment = bisect_right(self._ends, position)
        if segment >= len(self._ends):
            return self._raw_length, self._raw_length
        if self._copied[segment]:
            origin = self._origins[segment] + position - self._starts[segment]
            return origin, origin + 1
        return self._origins[segment], self._origin_ends[segment]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw text that output [start, end) came from (a cursor: where it sits)."""
        if not self.valid or not self._ends:
            return 0, 0
        start = max(0, min(start, self._output_length))
        end = max(start, min(end, self._output_length))
        if start == self._output_length:
            return self._raw_length, self._raw_length
        first = self._char_origin(start)
        if end <= start:
            return first
        return first[0], self._char_origin(end - 1)[1]

    # -- raw -> output -------------------------------------------------------------

    def output_span(self, start: int, end: int) -> tuple[int, int]:
        """What raw [start, end) became in the output (empty where it was deleted)."""
        if not self.valid or not self._ends:
            return 0, 0
        end = max(start, end)
        if end == start:
            end = start + 1  # a cursor: the character after it
        # Segments whose source overlaps [start, end); sources are in raw order.
        first = bisect_right(self._origin_ends, start)
        last = bisect_left(self._origins, end)
        if first >= last:
            # Deleted: an empty span where it would have been.
            at = self._starts[first] if first < len(self._starts) else self._output_length
            return at, at
        out_start = self._starts[first]
        if self._copied[first]:
            out_start += max(0, start - self._origins[first])
        out_end = self._ends[last - 1]
        if self._copied[last - 1]:
            out_end -= max(0, self._origin_ends[last - 1] - end)
        return out_start, max(out_start, out_end)

    # -- insertions ---------------------------------------------------------------------

    def _rule_at(self, origin: int, origin_end: int) -> int:
        """The last rule that inserts text and whose spans overlap [origin, origin_end)."""
        found = -1
        for index, (starts, ends) in enumerate(self._spans):
            i = bisect_right(starts, max(origin, origin_end - 1)) - 1
            if i >= 0 and ends[i] > origin:
                found = index
        return found

    def insertions(self) -> list[Insertion]:
        """The inserted stretches of the output and the rule that made each."""
        if not self.valid:
            return []
        found = []
        for index, copied in enumerate(self._copied):
            if copied or self._starts[index] == self._ends[index]:
                continue
            rule = self._rule_at(self._origins[index], self._origin_ends[index])
            found.append(Insertion(self._starts[index], self._ends[index], rule))
        return found
