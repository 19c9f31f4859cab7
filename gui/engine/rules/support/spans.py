"""Linear-time span finders for the seed's lazy bracket patterns.

`\\[.*?\\]` and `<.*?>+` are quadratic in Python's `re` on a long line of
openers with no closer (each opener scans to the end of the line). These
finders return exactly the same spans using `str.find`, in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import AnyStr

_MORE_CLOSERS = re.compile(">*")


def lazy_pair_spans(
    text: AnyStr, opener: AnyStr, closer: AnyStr, newline: AnyStr
) -> Iterator[tuple[int, int]]:
    """Spans of `opener.*?closer` (never across a newline), as `re.finditer` finds them.

    Works on str or bytes: `newline` is "\\n" or b"\\n", the type of the text.
    """
    find = text.find
    position = 0
    close = -1
    while True:
        start = find(opener, position)
        if start < 0:
            return
        # The first closer after `start` serves every opener before it: reuse it.
        if close <= start:
            close = find(closer, start + 1)
            if close < 0:
                return
        line_end = find(newline, start + 1, close)
        if line_end >= 0:
            # No opener on this line before the newline can reach the closer.
            position = line_end + 1
            continue
        yield start, close + 1
        position = close + 1


def bracket_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the seed's `\\[.*?\\]`."""
    return lazy_pair_spans(text, "[", "]", "\n")


def html_tag_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the seed's `<.*?>+`: a tag plus any `>` right after it."""
    more = _MORE_CLOSERS.match
    for start, end in lazy_pair_spans(text, "<", ">", "\n"):
        closers = more(text, end)
        assert closers is not None  # ">*" matches everywhere, if only the empty string
        yield start, closers.end()
