"""Lowercasing with exact per-character edits.

`str.lower` is what the seed runs; explain needs the same result as edits.
Two things make that more than `ch.lower()` per character: some characters
grow (`İ` lowers to two), and `Σ` lowers to `ς` or `σ` depending on its
neighbours (the final-sigma rule). The neighbour tests below ask `str.lower`
itself, so they match CPython's own Unicode tables exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from gui.engine.edits import Edit

CAPITAL_SIGMA = "\u03a3"


@cache
def _changing_chars() -> re.Pattern[str]:
    """A pattern matching every character that `str.lower` changes."""
    chars = [chr(cp) for cp in range(0x110000) if chr(cp).lower() != chr(cp)]
    return re.compile("[" + "".join(re.escape(ch) for ch in chars) + "]")


@cache
def _stops_as_cased(ch: str) -> bool:
    """True if `ch`, met while looking for a cased neighbour, counts as cased."""
    return (ch + CAPITAL_SIGMA).lower().endswith("\u03c2")


@cache
def _is_case_ignorable(ch: str) -> bool:
    """True if the final-sigma scan skips over `ch`."""
    return ("A" + ch + CAPITAL_SIGMA).lower().endswith("\u03c2") and not _stops_as_cased(ch)


def _final_sigma(text: str, index: int) -> bool:
    """Whether the Σ at `index` lowers to the final form ς (CPython's rule)."""
    before = index - 1
    while before >= 0 and _is_case_ignorable(text[before]):
        before -= 1
    if before < 0 or not _stops_as_cased(text[before]):
        return False
    after = index + 1
    while after < len(text) and _is_case_ignorable(text[after]):
        after += 1
    return after == len(text) or not _stops_as_cased(text[after])


def lowercase_edits(text: str) -> Iterator[Edit]:
    """One edit per character that `text.lower()` changes."""
    for match in _changing_chars().finditer(text):
        start = match.start()
        ch = match.group()
        if ch != CAPITAL_SIGMA:
            yield Edit(start, start + 1, ch.lower())
        else:
            yield Edit(start, start + 1, "\u03c2" if _final_sigma(text, start) else "\u03c3")
