"""Highlight spans ready for the raw pane, computed off the UI thread.

The engine's explain gives, per rule, sorted disjoint spans of the raw text in
Python code points. The raw pane needs them in a form it can search by
position without any per-span work on the UI thread: one pair of compact
integer arrays (starts, ends) per rule, kept in the profile's order, plus what
it takes to map between Python offsets and the editor's positions (Qt counts
UTF-16 units, so a character beyond U+FFFF takes two, and folds `\\r\\n` into
one break). The mapping is kept as the offsets of those characters only, and
applied to the few spans on screen. Everything here is built in the worker by
`prepare_highlights`; no Qt.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass
from itertools import chain

from gui.engine import Explanation

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_CR_OF_CRLF = re.compile("\r(?=\n)")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Highlights:
    """Per-rule spans of one raw text, and its offset mapping to editor positions."""

    text: str
    rule_ids: tuple[str, ...]
    labels: tuple[str, ...]
    starts: tuple[array, ...]
    ends: tuple[array, ...]
    # Offsets of characters beyond U+FFFF (two editor positions each) and of the
    # `\r` of each `\r\n` (no editor position of its own).
    astral: array
    crlf: array

    @property
    def mapped(self) -> bool:
        """Whether editor positions differ from Python offsets in this text."""
        return bool(self.astral) or bool(self.crlf)

    def editor_position(self, offset: int) -> int:
        if not self.mapped:
            return offset
        wide = bisect.bisect_left(self.astral, offset)
        return offset + wide - bisect.bisect_left(self.crlf, offset)

    def text_offset(self, position: int) -> int:
        """The largest Python offset whose editor position is at most `position`."""
        if not self.mapped:
            return position
        found = bisect.bisect_right(range(len(self.text) + 1), position, key=self.editor_position)
        return max(found - 1, 0)

    def spans(self) -> list[tuple[str, int, int]]:
        """(rule id, start, end) of every span, rule by rule, in Python offsets."""
        return [
            (rule_id, start, end)
            for rule_id, starts, ends in zip(self.rule_ids, self.starts, self.ends, strict=True)
            for start, end in zip(starts, ends, strict=True)
        ]


def prepare_highlights(explanation: Explanation) -> Highlights:
    """Turn an explanation's spans into searchable arrays (run this in the worker)."""
    rule_ids, labels, starts, ends = [], [], [], []
    for report in explanation.reports:
        flat = array("q", chain.from_iterable(report.spans))
        rule_ids.append(report.rule_id)
        labels.append(report.label)
        starts.append(flat[0::2])
        ends.append(flat[1::2])
    text = explanation.text
    return Highlights(
        text,
        tuple(rule_ids),
        tuple(labels),
        tuple(starts),
        tuple(ends),
        _offsets(_ASTRAL, text) if not text.isascii() else array("q"),
        _offsets(_CR_OF_CRLF, text) if "\r" in text else array("q"),
    )


def _offsets(pattern: re.Pattern[str], text: str) -> array:
    found = array("q")
    for match in pattern.finditer(text):
        found.append(match.start())
    return found


def count_tokens(text: str) -> int:
    """`len(text.split())`, without holding every token of a huge text at once."""
    if len(text) <= _CHUNK:
        return len(text.split())
    count = 0
    previous_word_end = False
    for start in range(0, len(text), _CHUNK):
        chunk = text[start : start + _CHUNK]
        count += len(chunk.split())
        # A token cut in two by the chunk boundary was counted twice.
        if previous_word_end and chunk and not chunk[0].isspace():
            count -= 1
        previous_word_end = bool(chunk) and not chunk[-1].isspace()
    return count
