"""Explain's faster edits (runs) and origin map still replay and map exactly."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from gui.engine import Pipeline, apply_edits, get_rule, load_preset
from gui.engine.rule import CharClassTransform
from gui.engine.rules.support.casing import lowercase_edits
from tests.engine.test_fastpath import texts

PIPELINES = [Pipeline(load_preset(name)) for name in ("wordopt", "clean")]


@given(texts)
@example("ΣΑΣ İSTANBUL 𐐀𐐨 USA Σ")
@example("AİB ΣΣ x")
def test_lowercase_edits_replay_to_lower(text):
    edits = list(lowercase_edits(text))
    assert apply_edits(text, edits) == text.lower()
    assert all(text[start:end] != replacement for start, end, replacement in edits)


@given(texts, st.sampled_from(["", " ", "#", "<>"]), st.sampled_from([r"\W", r"\n", "[_.!]"]))
def test_char_class_edits_replay_to_apply(text, replacement, char_class):
    transform = CharClassTransform(char_class, replacement)
    edits = list(transform.edits(text))
    assert apply_edits(text, edits) == transform.apply(text)
    assert all(text[start:end] != replacement_ for start, end, replacement_ in edits)


@given(texts)
@example("New York (Reuters) - [a] 2016 <b>x</b> http://x.y İ")
def test_explain_replays_and_spans_are_sorted(text):
    for pipeline in PIPELINES:
        explanation = pipeline.explain(text, edits=True)
        assert explanation.output == pipeline.run_generic(text)
        current = text
        for report in explanation.reports:
            current = apply_edits(current, report.edits)
            previous_end = 0
            for start, end in report.spans:
                assert previous_end <= start < end <= len(text)
                previous_end = end
        assert current == explanation.output


def test_rule_examples_still_hold():
    for rule_id in ("lowercase", "nonword_to_space", "remove_punctuation", "remove_newlines"):
        rule = get_rule(rule_id)
        for source, expected in rule.examples:
            transform = rule.transform()
            assert apply_edits(source, transform.edits(source)) == expected


def test_spans_attribute_each_character():
    explanation = PIPELINES[0].explain("A-B [x] C1")
    by_rule = {report.rule_id: report for report in explanation.reports}
    assert by_rule["lowercase"].spans == ((0, 1), (2, 3), (8, 9))
    assert by_rule["nonword_to_space"].spans == ((1, 2),)
    assert by_rule["remove_brackets"].spans == ((4, 7),)
    assert by_rule["remove_digit_words"].spans == ((8, 10),)


@given(texts, st.sampled_from(["", " ", "#", "<>", "\\1"]))
@example("ΣΑΣ İSTANBUL 𐐀𐐨 USA Σ", " ")
@example("New York USA", "")
def test_edit_columns_are_the_edits(text, replacement):
    """The whole-list `edit_columns` explain uses give exactly the rule's edits and output."""
    from gui.engine import Edit, all_rules

    for rule in all_rules():
        params = {"replacement": replacement} if "replacement" in rule.param_index else {}
        try:
            transform = rule.transform(**params)
        except Exception:  # a rule that rejects this replacement
            continue
        edit_columns = getattr(transform, "edit_columns", None)
        columns = edit_columns(text) if edit_columns is not None else None
        if columns is not None:
            edits = columns.edits()
            assert edits == list(transform.edits(text)), rule.id
            assert all(type(edit) is Edit for edit in edits)
            assert columns.output == transform.apply(text) == apply_edits(text, edits)


@given(st.text(alphabet=st.sampled_from(list("ab1٣²_ -.\nΣ𝟗")), max_size=400))
@example("a1b2 c3 x ٣abc def 12 9 ab9 _1_ x²9 " * 30)  # dense: the regex path
@example("word " * 2000 + "covid19 2016")  # sparse: digit to digit
def test_digit_word_columns_are_the_regex_matches(text):
    transform = get_rule("remove_digit_words").transform()
    columns = transform.edit_columns(text)
    assert columns.edits() == list(transform.edits(text))
    assert columns.output == transform.apply(text)
