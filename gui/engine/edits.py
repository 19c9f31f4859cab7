"""Edits: what a rule did to its input, as replaceable spans.

Every rule reports its work as a sorted list of non-overlapping `Edit`s on the
text it was given. Replaying them on that text gives the rule's output; that
is the contract the explain view and its tests rely on.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Edit(NamedTuple):
    """Replace `text[start:end]` with `replacement` (empty to delete)."""

    start: int
    end: int
    replacement: str


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Return `text` with every edit applied; edits must be sorted and disjoint."""
    pieces: list[str] = []
    position = 0
    for start, end, replacement in edits:
        if start < position:
            raise ValueError(f"edits overlap or are unsorted at offset {start}")
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
