"""Edits: what a rule did to its input, as replaceable spans.

Every rule reports its work as a sorted list of non-overlapping `Edit`s on the
text it was given. Replaying them on that text gives the rule's output; that
is the contract the explain view and its tests rely on.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress
from operator import itemgetter, lt
from typing import NamedTuple


class Edit(NamedTuple):
    """Replace `text[start:end]` with `replacement` (empty to delete)."""

    start: int
    end: int
    replacement: str


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Return `text` with every edit applied; edits must be sorted and disjoint."""
    if not isinstance(edits, list | tuple):
        edits = list(edits)
    if not edits:
        return text
    return apply_edit_columns(
        text,
        list(map(itemgetter(0), edits)),
        list(map(itemgetter(1), edits)),
        list(map(itemgetter(2), edits)),
    )


def apply_edit_columns(
    text: str, starts: list[int], ends: list[int], replacements: list[str]
) -> str:
    """`apply_edits` on edits given as columns, in whole-list passes."""
    # What lies between edits: from the end of each (or 0) to the start of the next.
    gap_starts = [0, *ends]
    gap_ends = [*starts, len(text)]
    if any(map(lt, starts, gap_starts)):
        offset = next(compress(starts, map(lt, starts, gap_starts)))
        raise ValueError(f"edits overlap or are unsorted at offset {offset}")
    pieces: list[str | None] = [None] * (2 * len(starts) + 1)
    pieces[0::2] = map(text.__getitem__, map(slice, gap_starts, gap_ends))
    pieces[1::2] = replacements
    return "".join(pieces)  # type: ignore[arg-type]
