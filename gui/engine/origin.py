"""Map positions of a text being rewritten back to the original input.

The text passes through rule after rule; explain reports each rule's edits as
spans of the *original* text, so the window can highlight the raw pane. An
`OriginMap` describes the current text as segments, each either copied from
an original range (one to one) or inserted by an edit and attributed to the
original range it replaced. Applying one rule's edits costs time linear in
the number of segments and edits.

Edits that keep the length of what they replace (lowercasing, a non-word
character to a space) leave every position where it was: they only need
their spans looked up (a bisect each), and the map is unchanged, so each
replaced character stays attributed to its own source character.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from gui.engine.edits import Edit

# A segment: [current start, current end, original start, original end, copied]
_Segment = list


class OriginMap:
    """The current text's positions, as ranges of the original."""

    def __init__(self, length: int) -> None:
        self._segments: list[_Segment] = [[0, length, 0, length, True]] if length else []
        self._length = length

    def apply(self, edits: Sequence[Edit]) -> list[tuple[int, int]]:
        """Apply sorted, disjoint edits; return each edit's original span."""
        if not edits:
            return []
        if all(len(replacement) == end - start for start, end, replacement in edits):
            return self._spans(edits)
        rebuilt: list[_Segment] = []
        spans: list[tuple[int, int]] = []
        index = 0  # first segment that may still hold unprocessed positions
        cursor = 0
        for start, end, replacement in edits:
            index = self._copy(cursor, start, index, rebuilt)
            span = self._original_span(start, end, index)
            spans.append(span)
            if replacement:
                _append(rebuilt, [0, len(replacement), span[0], span[1], False])
            cursor = end
        self._copy(cursor, self._length, index, rebuilt)
        # Renumber current positions in one pass.
        position = 0
        for segment in rebuilt:
            size = segment[1] - segment[0]
            segment[0], segment[1] = position, position + size
            position += size
        self._segments = rebuilt
        self._length = position
        return spans

    def _spans(self, edits: Sequence[Edit]) -> list[tuple[int, int]]:
        """The original span of each edit, the map unchanged (same as `_original_span`)."""
        segments = self._segments
        if len(segments) == 1 and segments[0][4] and segments[0][2] == 0:
            # The identity map (nothing moved yet): spans are the edits' own.
            return [(start, end) for start, end, _ in edits]
        starts = [segment[0] for segment in segments]
        ends = [segment[1] for segment in segments]
        length = self._length
        tail = segments[-1][3] if segments else 0
        spans: list[tuple[int, int]] = []
        append = spans.append
        for start, end, _ in edits:
            if start >= length:
                append((tail, tail))
                continue
            cur_start, _, orig_start, orig_end, copied = segments[bisect_right(starts, start) - 1]
            first = orig_start + (start - cur_start) if copied else orig_start
            if start == end:
                append((first, first))
                continue
            cur_start, _, orig_start, orig_end, copied = segments[bisect_left(ends, end)]
            append((first, orig_start + (end - cur_start) if copied else orig_end))
        return spans

    def _copy(self, start: int, end: int, index: int, out: list[_Segment]) -> int:
        """Append the pieces of [start, end); return the segment index at `end`."""
        segments = self._segments
        while index < len(segments) and segments[index][1] <= start:
            index += 1
        while start < end:
            cur_start, cur_end, orig_start, orig_end, copied = segments[index]
            piece_end = min(end, cur_end)
            if copied:
                offset = orig_start - cur_start
                _append(out, [start, piece_end, start + offset, piece_end + offset, True])
            else:
                _append(out, [start, piece_end, orig_start, orig_end, False])
            start = piece_end
            if piece_end == cur_end:
                index += 1
        return index

    def _original_span(self, start: int, end: int, index: int) -> tuple[int, int]:
        segments = self._segments
        while index < len(segments) and segments[index][1] <= start:
            index += 1
        if index == len(segments):
            point = segments[-1][3] if segments else 0
            return point, point
        cur_start, _, orig_start, orig_end, copied = segments[index]
        if start == end:
            point = orig_start + (start - cur_start) if copied else orig_start
            return point, point
        first = orig_start + (start - cur_start) if copied else orig_start
        while segments[index][1] < end:
            index += 1
        cur_start, _, orig_start, orig_end, copied = segments[index]
        last = orig_start + (end - cur_start) if copied else orig_end
        return first, last


def _append(out: list[_Segment], segment: _Segment) -> None:
    """Append, merging with the previous segment when both copy contiguous text."""
    if segment[1] == segment[0]:
        return
    if out and segment[4] and out[-1][4] and out[-1][3] == segment[2]:
        previous = out[-1]
        previous[1] += segment[1] - segment[0]
        previous[3] = segment[3]
        return
    out.append(segment)


def merge_spans(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans made disjoint (overlaps merged), empty ones dropped."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if start == end:
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
