"""Whitespace rules: collapse runs and trim ends.

The seed never collapses whitespace (each removed character leaves its own
space); everyday profiles want single spaces and no ragged ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gui.engine.edits import Edit
from gui.engine.rule import EditsTransform, Param, Reach, RegexTransform, Rule, Transform

CATEGORY = "Whitespace and lines"

# A run of two or more whitespace characters, or a single one that is not a space.
_ANY_RUN = re.compile(r"\s{2,}|[^\S ]")
_HORIZONTAL_RUN = re.compile(r"[^\S\n]{2,}|[^\S \n]")


def _build_collapse(keep_newlines: bool) -> Transform:
    return RegexTransform(_HORIZONTAL_RUN if keep_newlines else _ANY_RUN, " ")


def _stripped_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of `text[start:end]` without leading and trailing whitespace."""
    piece = text[start:end]
    left = start + len(piece) - len(piece.lstrip())
    right = max(left, start + len(piece.rstrip()))
    return left, right


def _trim_edits(text: str, lines: bool) -> Iterator[Edit]:
    ranges = [(0, len(text))]
    if lines:
        ranges, start = [], 0
        while (newline := text.find("\n", start)) >= 0:
            ranges.append((start, newline))
            start = newline + 1
        ranges.append((start, len(text)))
    for start, end in ranges:
        left, right = _stripped_bounds(text, start, end)
        if left > start:
            yield Edit(start, left, "")
        if right < end:
            yield Edit(right, end, "")


def _build_trim(lines: bool) -> Transform:
    return EditsTransform(lambda text: _trim_edits(text, lines))


COLLAPSE_WHITESPACE = Rule(
    id="collapse_whitespace",
    label="Collapse whitespace",
    description="Replace each run of whitespace (tabs and line breaks too) with one space.",
    build=_build_collapse,
    params=(
        Param("keep_newlines", bool, False, "Collapse spaces and tabs only; keep line breaks."),
    ),
    # Keeping line breaks, a run of spaces and tabs stays on its line.
    reach=lambda keep_newlines: Reach.LINE if keep_newlines else Reach.TEXT,
    category=CATEGORY,
    examples=(("a  b\t\tc\nd", "a b c d"), ("one   two", "one two")),
)

TRIM = Rule(
    id="trim",
    label="Trim ends",
    description="Remove whitespace at the start and end of the text.",
    build=_build_trim,
    params=(Param("lines", bool, False, "Trim every line instead of the whole text."),),
    # Line by line it strips each line between line feeds and keeps the line
    # feeds; the whole text's ends are seen only by the whole text.
    reach=lambda lines: Reach.LINE if lines else Reach.TEXT,
    category=CATEGORY,
    examples=(("  he said. ", "he said."), ("\n\ta b\n", "a b")),
)

# This family's rules, in catalogue order: the registry collects them.
RULES = (
    COLLAPSE_WHITESPACE,
    TRIM,
)
