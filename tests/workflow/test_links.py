"""Linked views: output positions map to the raw text they came from, and back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gui.engine import Pipeline, Profile, RuleStep, load_preset
from gui.workflow.links import TextLinks

TEXT = "Read <b>this</b> at https://example.com/x NOW.\nBye 2nd time."


def _links(profile, text=TEXT):
    explanation = Pipeline(profile).explain(text, edits=True)
    return explanation, TextLinks(explanation)


def test_a_copied_word_maps_to_itself():
    explanation, links = _links(load_preset("wordopt"))
    out = explanation.output
    start = out.index("bye")
    raw = links.raw_span(start, start + 3)
    assert TEXT[raw[0] : raw[1]] == "Bye"
    assert links.output_span(*raw) == (start, start + 3)


def test_a_replacement_token_maps_to_what_it_replaced():
    profile = Profile("t", (RuleStep("replace_urls", params={"replacement": "<URL>"}),))
    explanation, links = _links(profile)
    out = explanation.output
    start = out.index("<URL>")
    raw = links.raw_span(start, start + 5)
    assert TEXT[raw[0] : raw[1]] == "https://example.com/x"
    inserted = [i for i in links.insertions() if out[i.start : i.end] == "<URL>"]
    assert inserted and inserted[0].rule_index == 0
    # The URL in the raw text became the token.
    assert links.output_span(*raw) == (start, start + 5)


def test_deleted_text_maps_to_an_empty_span_where_it_was():
    links = _links(load_preset("wordopt"))[1]
    raw_start = TEXT.index("2nd")
    out_start, out_end = links.output_span(raw_start, raw_start + 3)
    assert out_start == out_end


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet="ab <>/.:\n1Ö", max_size=60))
def test_every_output_position_maps_inside_the_raw_text(text):
    explanation, links = _links(load_preset("wordopt"), text)
    assert links.valid
    for position in range(len(explanation.output)):
        start, end = links.raw_span(position, position + 1)
        assert 0 <= start <= end <= len(text)
        back = links.output_span(start, end)
        assert back[0] <= position < back[1] or back[0] == back[1]
