"""Edits: what a rule did to its input, as replaceable spans.

Every rule reports its work as a sorted list of non-overlapping `Edit`s on the
text it was given. Replaying them on that text gives the rule's output; that
is the contract the explain view and its tests rely on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, partial
from itertools import accumulate, compress
from operator import itemgetter, lt
from typing import NamedTuple


class Edit(NamedTuple):
    """Replace `text[start:end]` with `replacement` (empty to delete)."""

    start: int
    end: int
    replacement: str


_new_edit = partial(tuple.__new__, Edit)


def edits_from_columns(
    starts: Iterable[int], ends: Iterable[int], replacements: Iterable[str]
) -> list[Edit]:
    """`[Edit(s, e, r) for ...]` built at C speed (no Python-level constructor call)."""
    # `replacements` may be endless (itertools.repeat): the starts set the count.
    return list(map(_new_edit, zip(starts, ends, replacements, strict=False)))


class EditColumns(NamedTuple):
    """A rule's edits on a text as parallel lists, and the text they give."""

    starts: list[int]
    ends: list[int]
    replacements: list[str]
    output: str

    def edits(self) -> list[Edit]:
        return edits_from_columns(self.starts, self.ends, self.replacements)


def split_columns(
    pattern: re.Pattern[str],
    text: str,
    replace: Callable[[list[int], list[int], list[str]], list[str]],
) -> EditColumns:
    """Edits replacing each match of `pattern` (as `finditer` finds them), in whole-list passes.

    `pattern` must have no groups. Splitting on the pattern wrapped in one
    group alternates text between matches and the matches themselves; the
    running sum of their lengths gives every boundary, and joining the pieces
    with the matches replaced gives the output. `replace(starts, ends,
    matches)` returns the replacements.
    """
    pieces = _grouped(pattern).split(text)
    bounds = list(accumulate(map(len, pieces), initial=0))
    starts, ends = bounds[1:-1:2], bounds[2:-1:2]
    replacements = replace(starts, ends, pieces[1::2])
    pieces[1::2] = replacements
    return EditColumns(starts, ends, replacements, "".join(pieces))


@cache
def _grouped(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(f"({pattern.pattern})", pattern.flags)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Return `text` with every edit applied; edits must be sorted and disjoint.

    >>> apply_edits("New York (Reuters)", [Edit(0, 3, "Old"), Edit(9, 18, "")])
    'Old York '
    """
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
