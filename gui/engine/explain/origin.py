"""Map positions of a text being rewritten back to the original input.

The text passes through rule after rule; explain reports each rule's edits as
spans of the *original* text, so the window can highlight the raw pane. An
`OriginMap` describes the current text as segments, each either copied from
an original range (one to one) or inserted by an edit and attributed to the
original range it replaced.

Per character of the current text, that is: a copied character at original
position `o` stands for `(o, o + 1)`; every character of an inserted segment
stands for the segment's whole original range. An edit `[start, end)` maps to
the original span from the start of character `start` to the end of character
`end - 1`; an empty edit maps to the start of character `start`, and one at
the end of the text to the end of the last character (0 if there is none).

The segments are kept as four parallel lists of ints (current end, original
start, original end, copied), never as one object per segment, and a rule's
edits are applied in whole-list passes (`bisect` through `map`, slices, list
comprehensions) rather than edit by edit in Python:

- Looking up the spans of a rule's edits is a bisect per edit at C speed (a
  second one only for an edit that crosses into another segment).
- Edits that keep the length of what they replace (lowercasing, a non-word
  character to a space) leave every position where it was: the map is
  unchanged, so each replaced character stays attributed to its own source
  (also beside a rule's other edits that change the length).
- Other edits are kept pending and folded into the segments only when the
  next rule with more than a few edits needs them: never after the last such
  rule of a profile, and a few edits after pending ones (a trim) are looked
  up through them, one by one, in O(log n) each.
- Folding many edits cuts the current text at every segment and edit
  boundary and keeps the pieces outside the edits, shifted by the length
  change of the edits before them. Folding few edits (against many segments)
  copies the untouched segments between two edits as slices: an edit costs a
  bisect and a slice, not a pass over the segments in Python.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, and_, eq, ge, is_, itemgetter, lt, ne, sub
from typing import cast

from gui.engine.edits import Edit

# Few edits against many segments: copy the segments between edits as slices.
SLICE_RATIO = 8
# Up to this many edits are looked up through pending edits, one by one.
FEW = 32

# Pending edits, as columns: starts, ends, sizes, deltas, firsts, lasts, and the
# length of the text before them.
_Layer = tuple[list[int], list[int], list[int], list[int], list[int], list[int], int]


class OriginMap:
    """The current text's positions, as ranges of the original."""

    def __init__(self, length: int) -> None:
        # Segment i covers current positions [ends[i - 1], ends[i]) (from 0 for
        # the first); it comes from original [origins[i], origin_ends[i]),
        # copied one to one if copied[i], else inserted in place of that range.
        self._ends: list[int] = [length] if length else []
        self._origins: list[int] = [0] if length else []
        self._origin_ends: list[int] = [length] if length else []
        self._copied: list[bool] = [True] if length else []
        self._length = length
        # Length-changing edits not yet folded into the segments, oldest first,
        # each (starts, ends, sizes, deltas, firsts, lasts, length before them): the last such rule
        # of a profile, and a few edits after it (a trim), never pay for a rebuild.
        self._pending: list[_Layer] = []
        self.slice_ratio = SLICE_RATIO
        self.few = FEW

    @property
    def length(self) -> int:
        """The length of the current text."""
        return self._length

    def segments(self) -> list[tuple[int, int, int, int, bool]]:
        """(current start, current end, original start, original end, copied) each."""
        self._fold()
        starts = [0, *self._ends[:-1]] if self._ends else []
        return list(
            zip(starts, self._ends, self._origins, self._origin_ends, self._copied, strict=True)
        )

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span that current `[start, end)` came from (the map unchanged).

        From the start of character `start` to the end of character `end - 1`;
        an empty range is the point at the start of character `start`.
        """
        if not 0 <= start <= end <= self._length:
            raise IndexError(f"[{start}, {end}) is outside the text (length {self._length})")
        if self._pending:
            firsts, lasts = self._lookup_through_pending([start], [end])
        else:
            firsts, lasts = self._lookup([start], [end])
        return firsts[0], lasts[0]

    def apply(self, edits: Sequence[Edit]) -> list[tuple[int, int]]:
        """Apply sorted, disjoint edits; return each edit's original span."""
        if not edits:
            return []
        starts = list(map(itemgetter(0), edits))
        ends = list(map(itemgetter(1), edits))
        replacements = list(map(itemgetter(2), edits))
        firsts, lasts = self.apply_columns(starts, ends, replacements)
        return list(zip(firsts, lasts, strict=True))

    def apply_columns(
        self, starts: list[int], ends: list[int], replacements: list[str]
    ) -> tuple[list[int], list[int]]:
        """`apply` on edits given as columns; the spans' starts and ends as columns."""
        if not starts:
            return [], []
        if self._pending and len(starts) > self.few:
            self._fold()
        if self._pending:
            firsts, lasts = self._lookup_through_pending(starts, ends)
        else:
            firsts, lasts = self._lookup(starts, ends)
        sizes = list(map(len, replacements))
        spans = list(map(sub, ends, starts))
        if sizes != spans:
            kept_firsts, kept_lasts = firsts, lasts
            if not all(map(ne, sizes, spans)):
                # An edit that keeps its length keeps each character's own
                # source, whatever the rule's other edits do: a span never
                # depends on edits elsewhere in the text (line-by-line explain
                # relies on that).
                changed = list(map(ne, sizes, spans))
                starts, ends, sizes = (
                    list(compress(starts, changed)),
                    list(compress(ends, changed)),
                    list(compress(sizes, changed)),
                )
                kept_firsts = list(compress(firsts, changed))
                kept_lasts = list(compress(lasts, changed))
            # Each edit changes the length by its size minus what it replaces.
            deltas = list(accumulate(map(sub, map(add, sizes, starts), ends), initial=0))
            self._pending.append(
                (starts, ends, sizes, deltas, kept_firsts, kept_lasts, self._length)
            )
            self._length += deltas[-1]
        return firsts, lasts

    def _fold(self) -> None:
        """Rebuild the segments with the pending edits."""
        for layer in self._pending:
            if len(layer[0]) * self.slice_ratio < len(self._ends):
                self._rebuild_by_slices(*layer)
            else:
                self._rebuild_by_cuts(*layer)
        self._pending = []

    def _lookup_through_pending(
        self, starts: list[int], ends: list[int]
    ) -> tuple[list[int], list[int]]:
        """`_lookup` for a few edits, character by character through the pending edits."""
        level = len(self._pending)
        tail = self._char(self._length - 1, level)[1] if self._length else 0
        firsts, lasts = [], []
        for start, end in zip(starts, ends, strict=True):
            if start >= self._length:
                first = last = tail
            else:
                first = self._char(start, level)[0]
                last = first if start == end else self._char(end - 1, level)[1]
            firsts.append(first)
            lasts.append(last)
        return firsts, lasts

    def _char(self, position: int, level: int) -> tuple[int, int]:
        """The original range of one character, after the first `level` pending edits."""
        while level:
            level -= 1
            starts, _, sizes, deltas, firsts, lasts, _ = self._pending[level]
            # The last edit whose replacement starts at or before `position`.
            index = bisect_right(range(len(starts)), position, key=lambda k: starts[k] + deltas[k])
            index -= 1
            if index >= 0 and position < starts[index] + deltas[index] + sizes[index]:
                return firsts[index], lasts[index]
            # Between edits: where it was before them.
            position -= deltas[index + 1]
        segment = bisect_right(self._ends, position)
        if self._copied[segment]:
            origin = self._origin_ends[segment] - (self._ends[segment] - position)
            return origin, origin + 1
        return self._origins[segment], self._origin_ends[segment]

    def _lookup(self, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
        """The original span of each edit (the map unchanged)."""
        length = self._length
        seg_ends, origins, origin_ends, copied = (
            self._ends,
            self._origins,
            self._origin_ends,
            self._copied,
        )
        if len(seg_ends) == 1 and copied[0] and origins[0] == 0:
            # The identity map (nothing moved yet): spans are the edits' own.
            return starts, ends
        # Edits at the end of the text (insertions there) map to the end of the original.
        inside = bisect_left(starts, length)
        tail = origin_ends[-1] if origin_ends else 0
        # The segment holding each edit's first character.
        holders = bisect_all(seg_ends, starts[:inside])
        firsts = [
            origin_ends[i] - (seg_ends[i] - start) if copied[i] else origins[i]
            for i, start in zip(holders, starts, strict=False)
        ]
        # The end of its last character: when that is in the same copied
        # segment, as far from the first as in the current text.
        lasts: list[int | None] = [
            first + (end - start) if copied[i] and end <= seg_ends[i] else None
            for i, first, start, end in zip(holders, firsts, starts, ends, strict=False)
        ]
        # The others (inserted, or across segments); an empty edit is a
        # point, the start of the character at it.
        others = list(compress(range(len(lasts)), map(is_, lasts, repeat(None))))
        if others:
            other_ends = list(map(ends.__getitem__, others))
            # Mostly the holder's segment or the next (a run across a deletion).
            other_holders = [
                i
                if end <= seg_ends[i]
                else i + 1
                if end <= seg_ends[i + 1]
                else bisect_left(seg_ends, end)
                for i, end in zip(map(holders.__getitem__, others), other_ends, strict=True)
            ]
            values = [
                firsts[k]
                if starts[k] == end
                else (origin_ends[i] - (seg_ends[i] - end) if copied[i] else origin_ends[i])
                for k, i, end in zip(others, other_holders, other_ends, strict=True)
            ]
            for index, value in zip(others, values, strict=True):
                lasts[index] = value
        firsts += repeat(tail, len(starts) - inside)
        lasts += repeat(tail, len(starts) - inside)
        return firsts, cast(list[int], lasts)  # every None was filled in above

    def _rebuild_by_cuts(self, starts, ends, sizes, deltas, firsts, lasts, length) -> None:
        """Rebuild in whole-list passes: cut at every boundary, keep what no edit covers."""
        seg_ends, origins, origin_ends, copied = (
            self._ends,
            self._origins,
            self._origin_ends,
            self._copied,
        )
        # Every segment start and edit boundary before the end, in order.
        cuts = [0, *seg_ends[:-1], *starts, *ends]
        cuts.sort()
        del cuts[bisect_left(cuts, length) :]
        following = cuts[1:]
        following.append(length)
        # A piece [cut, following) is kept when it is not empty (a boundary can
        # come twice) and lies outside every edit: it starts at or after the
        # end of the last edit starting at or before it.
        before = bisect_all(starts, cuts)
        padded_ends = [-1, *ends]
        keep = list(
            map(
                and_,
                map(lt, cuts, following),
                map(ge, cuts, map(padded_ends.__getitem__, before)),
            )
        )
        cuts = list(compress(cuts, keep))
        following = list(compress(following, keep))
        before = list(compress(before, keep))
        holders = bisect_all(seg_ends, cuts)
        new_ends = list(map(add, following, map(deltas.__getitem__, before)))
        new_origins = [
            origin_ends[i] - (seg_ends[i] - cut) if copied[i] else origins[i]
            for i, cut in zip(holders, cuts, strict=True)
        ]
        new_origin_ends = [
            origin_ends[i] - (seg_ends[i] - end) if copied[i] else origin_ends[i]
            for i, end in zip(holders, following, strict=True)
        ]
        new_copied = list(map(copied.__getitem__, holders))
        # The replacements, each attributed to the span it replaced.
        inserted = list(compress(range(len(starts)), sizes))
        if inserted:
            # A replacement ends where its edit ended, shifted by the edits up to it.
            after = deltas[1:]
            new_ends += map(add, map(ends.__getitem__, inserted), map(after.__getitem__, inserted))
            new_origins += map(firsts.__getitem__, inserted)
            new_origin_ends += map(lasts.__getitem__, inserted)
            new_copied += repeat(False, len(inserted))
            # Two sorted runs (pieces, replacements) by their current ends, which differ.
            order = sorted(range(len(new_ends)), key=new_ends.__getitem__)
            new_ends = list(map(new_ends.__getitem__, order))
            new_origins = list(map(new_origins.__getitem__, order))
            new_origin_ends = list(map(new_origin_ends.__getitem__, order))
            new_copied = list(map(new_copied.__getitem__, order))
        self._ends, self._origins = new_ends, new_origins
        self._origin_ends, self._copied = new_origin_ends, new_copied

    def _rebuild_by_slices(self, starts, ends, sizes, deltas, firsts, lasts, length) -> None:
        """Rebuild edit by edit, copying the whole segments between edits as slices."""
        seg_ends, origins, origin_ends, copied = (
            self._ends,
            self._origins,
            self._origin_ends,
            self._copied,
        )
        new_ends: list[int] = []
        new_origins: list[int] = []
        new_origin_ends: list[int] = []
        new_copied: list[bool] = []
        gap_start = 0
        for index in range(len(starts) + 1):
            gap_end = starts[index] if index < len(starts) else length
            if gap_start < gap_end:
                shift = deltas[index]
                first = bisect_right(seg_ends, gap_start)
                last = bisect_left(seg_ends, gap_end)
                # The first segment, from the gap's start.
                if copied[first]:
                    new_origins.append(origin_ends[first] - (seg_ends[first] - gap_start))
                else:
                    new_origins.append(origins[first])
                if first < last:
                    new_ends.append(seg_ends[first] + shift)
                    new_origin_ends.append(origin_ends[first])
                    new_copied.append(copied[first])
                    # The segments wholly inside the gap, as they are.
                    if shift:
                        new_ends += map(add, seg_ends[first + 1 : last], repeat(shift))
                    else:
                        new_ends += seg_ends[first + 1 : last]
                    new_origins += origins[first + 1 : last]
                    new_origin_ends += origin_ends[first + 1 : last]
                    new_copied += copied[first + 1 : last]
                    # The last segment, up to the gap's end.
                    new_origins.append(origins[last])
                # The segment holding the gap's last character, cut at the gap's end.
                new_ends.append(gap_end + shift)
                if copied[last]:
                    new_origin_ends.append(origin_ends[last] - (seg_ends[last] - gap_end))
                else:
                    new_origin_ends.append(origin_ends[last])
                new_copied.append(copied[last])
            if index < len(starts):
                if sizes[index]:
                    new_ends.append(ends[index] + deltas[index + 1])
                    new_origins.append(firsts[index])
                    new_origin_ends.append(lasts[index])
                    new_copied.append(False)
                gap_start = ends[index]
        self._ends, self._origins = new_ends, new_origins
        self._origin_ends, self._copied = new_origin_ends, new_copied


def bisect_all(keys: list[int], queries: list[int], right: bool = True) -> list[int]:
    """`[bisect_right(keys, q) for q in queries]` (`bisect_left` if not `right`).

    `keys` and `queries` are sorted. With fewer keys than queries, each key's
    place among the queries is found instead, and the answers are spelled out
    as runs: a bisect per key rather than per query.
    """
    if len(keys) * 3 >= len(queries):
        return list(map(bisect_right if right else bisect_left, repeat(keys), queries))
    # The queries before key j (with `right`: smaller than it) answer j.
    steps = list(map(bisect_left if right else bisect_right, repeat(queries), keys))
    steps.append(len(queries))
    counts = map(sub, steps, [0, *steps[:-1]])
    return list(chain.from_iterable(map(repeat, range(len(steps)), counts)))


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


def merge_span_columns(starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
    """`merge_spans` of spans given as columns (starts sorted), in whole-list passes."""
    if any(map(eq, starts, ends)):
        nonempty = list(map(ne, starts, ends))
        starts = list(compress(starts, nonempty))
        ends = list(compress(ends, nonempty))
    if not starts:
        return []
    if not any(map(lt, islice(starts, 1, None), ends)):
        return list(zip(starts, ends, strict=True))  # disjoint already (one rule's edits)
    # The end of the merged span so far is the largest end so far.
    reach = list(accumulate(ends, max))
    # A span opens a new merged span unless it starts before that reach.
    opens = list(map(ge, starts[1:], reach))
    merged_starts = [starts[0], *compress(starts[1:], opens)]
    merged_ends = [*compress(reach, opens), reach[-1]]
    return list(zip(merged_starts, merged_ends, strict=True))
