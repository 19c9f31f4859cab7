"""Highlight spans ready for the raw pane, computed off the UI thread.

The engine's explain gives, per rule, sorted disjoint spans of the raw text in
Python code points, as two numpy arrays. The raw pane needs them in a form it
can search by position without any per-span work on the UI thread: one pair
of compact integer arrays (starts, ends) per rule (`array("q")`, copied from
the engine's in one C call each), kept in the profile's order, plus what
it takes to map between Python offsets and the editor's positions (Qt counts
UTF-16 units, so a character beyond U+FFFF takes two, and folds `\\r\\n` into
one break). The mapping is kept as the offsets of those characters only, and
applied to the few spans on screen. Everything here is built in the worker by
`prepare_highlights`; no Qt.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from functools import cache

import numpy as np

from gui.engine import Explanation
from gui.workflow.text_mirror import EditorOffsets

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Highlights:
    """Per-rule spans of one raw text, and its offset mapping to editor positions."""

    text: str
    rule_ids: tuple[str, ...]
    labels: tuple[str, ...]
    starts: tuple[array, ...]
    ends: tuple[array, ...]
    # Python offsets <-> editor positions in this text (see gui/workflow/text_mirror.py).
    offsets: EditorOffsets

    def editor_position(self, offset: int) -> int:
        return self.offsets.position(offset)

    def text_offset(self, position: int) -> int:
        return self.offsets.offset(position)

    def spans(self) -> list[tuple[str, int, int]]:
        """(rule id, start, end) of every span, rule by rule, in Python offsets."""
        return [
            (rule_id, start, end)
            for rule_id, starts, ends in zip(self.rule_ids, self.starts, self.ends, strict=True)
            for start, end in zip(starts, ends, strict=True)
        ]


def as_array(values) -> array:
    """An `array("q")` of a report's span column (numpy in the engine): one C copy."""
    if isinstance(values, array):
        return values
    flat = array("q")
    flat.frombytes(np.ascontiguousarray(values, np.int64).tobytes())
    return flat


def prepare_highlights(
    explanation: Explanation, offsets: EditorOffsets | None = None
) -> Highlights:
    """Take an explanation's span arrays as the raw pane's (run this in the worker).

    `offsets` are the text's editor offsets where the caller keeps them up to
    date (the incremental preview splices them per edit); else they are found.
    """
    rule_ids, labels, starts, ends = [], [], [], []
    for report in explanation.reports:
        rule_ids.append(report.rule_id)
        labels.append(report.label)
        starts.append(as_array(report.starts))
        ends.append(as_array(report.ends))
    return Highlights(
        explanation.text,
        tuple(rule_ids),
        tuple(labels),
        tuple(starts),
        tuple(ends),
        offsets if offsets is not None else EditorOffsets.of(explanation.text),
    )


def count_tokens(text: str) -> int:
    """`len(text.split())`, a megabyte at a time, from a whitespace table.

    A token starts where a non-space follows a space (or the text's start):
    counted over arrays of the characters, not by making a `str` per token,
    which took 0.3 s on ten megabytes (and held every token at once).
    """
    if len(text) <= _CHUNK:
        return len(text.split())
    spaces = _whitespace()
    count = 0
    after_space = True
    for start in range(0, len(text), _CHUNK):
        chunk = text[start : start + _CHUNK]
        if chunk.isascii():
            codes = np.frombuffer(chunk.encode("ascii"), np.uint8)
        else:  # beyond the BMP: no whitespace, all looked up as the table's last entry
            wide = np.frombuffer(chunk.encode("utf-32-le", "surrogatepass"), "<u4")
            codes = np.minimum(wide, len(spaces) - 1)
        space = spaces[codes]
        count += int(np.count_nonzero(space[:-1] & ~space[1:])) + (after_space and not space[0])
        after_space = bool(space[-1])
    return count


@cache
def _whitespace() -> np.ndarray:
    """Per BMP code point, whether `str.split` splits at it; one more entry, False."""
    table = np.zeros(0x10001, bool)
    table[[code for code in range(0x10000) if chr(code).isspace()]] = True
    return table
