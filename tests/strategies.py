"""Hypothesis strategies for text that exercises the rules' edge cases."""

from hypothesis import strategies as st

# Characters the seed's patterns care about, plus tricky Unicode: final sigma,
# dotted capital I, other scripts' digits, superscripts, combining marks, CJK,
# non-BMP letters and digits, CR, NBSP, zero-width space.
TRICKY = list(
    "[]<>\n\r\t _-.:/wWhHtTpPsS019 aZ"
    "\u03a3\u03c3\u0130\u00df\u0345\u0301\u0660\u0669\u00b2\u2075\u00a0\u200b\u201c\u2019"
    "\u6771\u4eac\U0001d7d8\U0001f600\U00010400"
)

tricky_text = st.text(alphabet=st.sampled_from(TRICKY), max_size=200)
unicode_text = st.text(max_size=200)
any_text = st.one_of(tricky_text, unicode_text, st.from_regex(r"(https?://|www\.)\S{0,12}"))
