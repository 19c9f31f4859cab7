"""Token counts of huge texts, counted from a whitespace table, are `len(text.split())`."""

from hypothesis import given, settings
from hypothesis import strategies as st

from gui.workflow.highlights import _CHUNK, count_tokens

PIECES = ["a", "bc", " ", "\t", "\n", "\u00a0", "\u2028", "\u3000", "\x1c", "\U0001f600", "é"]


@settings(max_examples=25, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=12),
    pad=st.integers(0, 40),
    cut=st.sampled_from(PIECES),
)
def test_counts_equal_str_split_across_chunk_boundaries(pieces, pad, cut):
    unit = "".join(pieces)
    # Longer than a chunk, with the pieces falling on either side of each boundary.
    text = "x" * pad + unit * (_CHUNK // len(unit) + 2) + cut + unit * 3
    assert count_tokens(text) == len(text.split())


def test_ascii_and_wide_chunks_in_one_text():
    text = "word " * (_CHUNK // 5) + "\u00e9t\u00e9 \U0001f600 " * 200_000 + "end"
    assert count_tokens(text) == len(text.split())
    assert count_tokens(" " * (_CHUNK + 5)) == 0
