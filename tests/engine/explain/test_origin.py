"""The origin map against a naive per-character reference."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from hypothesis import given, settings
from hypothesis import strategies as st

from gui.engine.edits import Edit, apply_edits
from gui.engine.explain.origin import OriginMap, bisect_all, merge_span_columns, merge_spans


def reference_span(chars: list[tuple[int, int]], start: int, end: int):
    """An edit's original span from a per-character origin list (see origin.py)."""
    if start >= len(chars):
        tail = chars[-1][1] if chars else 0
        return tail, tail
    first = chars[start][0]
    return (first, first) if start == end else (first, chars[end - 1][1])


@st.composite
def edit_rounds(draw):
    """An original length and rounds of sorted, disjoint edits on the current text."""
    length = draw(st.integers(0, 40))
    rounds = []
    current = length
    for _ in range(draw(st.integers(1, 6))):
        bounds = sorted(draw(st.lists(st.integers(0, current), max_size=12)))
        edits = []
        position = 0
        for low, high in zip(bounds[::2], bounds[1::2], strict=False):
            if low < position:
                continue
            size = draw(st.sampled_from([0, 0, 1, 2, high - low, high - low]))
            edits.append(Edit(low, high, "x" * size))
            position = high
        current += sum(len(r) - (e - s) for s, e, r in edits)
        rounds.append(edits)
    return length, rounds


@settings(max_examples=500)
@given(edit_rounds(), st.sampled_from([0, 8, 10**9]), st.sampled_from([0, 3, 10**9]), st.booleans())
def test_origin_map_matches_per_character_reference(case, slice_ratio, few, check_segments):
    length, rounds = case
    origin = OriginMap(length)
    origin.slice_ratio = slice_ratio  # 0: always cut; 10**9: always slices
    origin.few = few  # 0: always rebuild first; 10**9: look up through pending edits
    chars = [(o, o + 1) for o in range(length)]
    for edits in rounds:
        expected = [reference_span(chars, s, e) for s, e, _ in edits]
        assert origin.apply(edits) == expected
        if all(len(r) == e - s for s, e, r in edits):
            continue  # lengths kept: every character keeps its own source
        rebuilt, position = [], 0
        for (start, end, replacement), span in zip(edits, expected, strict=True):
            rebuilt += chars[position:start]
            # Same length: each character keeps its own source.
            rebuilt += (
                chars[start:end] if len(replacement) == end - start else [span] * len(replacement)
            )
            position = end
        chars = rebuilt + chars[position:]
        assert origin.length == len(chars)
        if not check_segments:
            continue  # (listing the segments folds pending edits in)
        # The segments spell out the per-character list exactly.
        spelled = []
        for cur_start, cur_end, orig_start, orig_end, copied in origin.segments():
            assert cur_start < cur_end
            for offset in range(cur_end - cur_start):
                spelled.append(
                    (orig_start + offset, orig_start + offset + 1)
                    if copied
                    else (orig_start, orig_end)
                )
        assert spelled == chars


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8))))
def test_merge_span_columns_matches_merge_spans(pairs):
    spans = sorted((start, start + size) for start, size in pairs)
    starts = [start for start, _ in spans]
    ends = [end for _, end in spans]
    assert merge_span_columns(starts, ends) == merge_spans(spans)


def test_one_trim_at_the_end_keeps_the_segments_before_it():
    origin = OriginMap(1000)
    origin.apply([Edit(i, i + 1, "") for i in range(0, 1000, 2)])
    segments = origin.segments()
    assert len(segments) == 500
    assert origin.apply([Edit(499, 500, "")]) == [(999, 1000)]
    assert origin.segments() == segments[:-1]
    assert apply_edits("ab", [Edit(1, 2, "")]) == "a"


@given(st.lists(st.integers(0, 50)), st.lists(st.integers(0, 50)), st.booleans())
def test_bisect_all_is_bisect_per_query(keys, queries, right):
    keys.sort()
    queries.sort()
    one = bisect_right if right else bisect_left
    assert bisect_all(keys, queries, right) == [one(keys, q) for q in queries]
