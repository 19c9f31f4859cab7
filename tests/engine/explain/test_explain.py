"""Explain: per-rule edits and spans of the original text, and dead rules."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given

from gui.engine import Pipeline, Profile, RuleStep, all_rules, apply_edits, load_preset
from gui.engine.explain.explainer import StepWork
from gui.engine.explain.report import CHANGED, DEAD, DISABLED, IDLE, Explanation, RuleReport
from tests.strategies import any_text

PRESETS = ["wordopt", "clean"]


def _check_explanation(pipeline: Pipeline, text: str) -> None:
    explanation = pipeline.explain(text, edits=True)
    assert explanation.output == pipeline.run(text)
    current = text
    for report in explanation.reports:
        starts = [start for start, _ in report.spans]
        assert starts == sorted(starts)
        for (_, end), (next_start, _) in zip(report.spans, report.spans[1:], strict=False):
            assert end <= next_start, "spans of one rule overlap"
        for start, end in report.spans:
            assert 0 <= start < end <= len(text), "span outside the input"
        if report.enabled:
            step = pipeline.profile.steps[report.index]
            expected = step.rule(current, **step.params)
            assert apply_edits(current, report.edits) == expected, "edits do not replay"
            current = expected
    assert current == explanation.output


@pytest.mark.parametrize("preset", PRESETS)
@given(text=any_text)
def test_explanation_is_consistent_for_presets(preset, text):
    _check_explanation(Pipeline(load_preset(preset)), text)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.id)
@given(text=any_text)
def test_single_rule_spans_replay_on_the_raw_input(rule, text):
    pipeline = Pipeline(Profile("one", (RuleStep(rule.id),)))
    explanation = pipeline.explain(text, edits=True)
    (report,) = explanation.reports
    assert apply_edits(text, report.edits) == explanation.output
    # With one rule, original spans are the edits' own spans (empty ones dropped).
    assert list(report.spans) == [(e.start, e.end) for e in report.edits if e.end > e.start]


def test_seed_text_report(seed_raw):
    explanation = Pipeline(load_preset("wordopt")).explain(seed_raw)
    by_id = {report.rule_id: report for report in explanation.reports}
    assert by_id["lowercase"].status == CHANGED
    assert by_id["remove_digit_words"].changes == 4  # $1, $430, 2016, $136
    assert by_id["remove_brackets"].status == IDLE
    for rule_id in ("remove_urls", "remove_html_tags", "remove_newlines", "remove_punctuation"):
        assert by_id[rule_id].status == DEAD
        assert "Non-word characters to space" in by_id[rule_id].reason
    assert {r.rule_id for r in explanation.dead_rules} == {
        "remove_urls",
        "remove_html_tags",
        "remove_newlines",
        "remove_punctuation",
    }


def test_spans_point_at_the_raw_text():
    text = "Paid $430 in 2016 (see <b>x</b>)"
    explanation = Pipeline(load_preset("wordopt")).explain(text)
    digits = next(r for r in explanation.reports if r.rule_id == "remove_digit_words")
    assert [text[start:end] for start, end in digits.spans] == ["430", "2016"]
    nonword = next(r for r in explanation.reports if r.rule_id == "nonword_to_space")
    assert "$" in [text[start:end] for start, end in nonword.spans]
    assert explanation.rule_at(text.index("2016")).rule_id == "remove_digit_words"


def test_a_rule_moved_first_comes_alive():
    profile = load_preset("wordopt")
    text = "see https://example.org/page now"
    url_index = [step.rule_id for step in profile.steps].index("remove_urls")
    explanation = Pipeline(profile.moved(url_index, 0)).explain(text)
    report = explanation.reports[0]
    assert report.rule_id == "remove_urls" and report.status == CHANGED
    assert [text[s:e] for s, e in report.spans] == ["https://example.org/page"]


def test_disabled_rules_are_reported_as_such():
    profile = load_preset("wordopt").with_enabled(0, False)
    explanation = Pipeline(profile).explain("ABC")
    assert explanation.reports[0].status == DISABLED
    assert explanation.output == "ABC"


def test_spans_through_growing_replacements():
    # İ lowers to two characters; the combining dot then becomes a space.
    text = "İx 9"
    explanation = Pipeline(load_preset("wordopt")).explain(text)
    nonword = next(r for r in explanation.reports if r.rule_id == "nonword_to_space")
    assert (0, 1) in nonword.spans


def test_user_rules_are_reported_by_their_own_name():
    profile = Profile(
        "mine",
        (
            RuleStep("regex_replace", params={"name": "times", "pattern": r"\d+pm"}),
            RuleStep("find_replace", params={"find": "foo"}),
            RuleStep("lowercase"),
        ),
    )
    explanation = Pipeline(profile).explain("At 5pm foo")
    assert [r.label for r in explanation.reports] == ["Regex: times", "Find: foo", "Lowercase"]
    assert explanation.rule_at(3).label == "Regex: times"


def test_fast_made_reports_and_explanations_equal_constructed_ones():
    # `made_all` and `made` fill an instance's dict directly (the frozen
    # __init__ is slow): the same fields, values, equality and hash.
    starts, ends = np.array([1, 5]), np.array([3, 9])
    fields = dict(
        index=2,
        rule_id="lowercase",
        label="Lowercase",
        status=CHANGED,
        changes=2,
        starts=starts,
        ends=ends,
        reason="",
        seconds=0.5,
        notes=("n",),
        edits=None,
    )
    built = RuleReport(**fields)
    made = RuleReport.made_all(
        ["x", "y", "lowercase"],
        ["X", "Y", "Lowercase"],
        [StepWork(), StepWork(), StepWork(2, starts, ends, 0.5, ("n",))],
        [(IDLE, ""), (IDLE, ""), (CHANGED, "")],
    )[2]
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert list(vars(made)) == list(vars(built))
    assert made.spans == built.spans == ((1, 3), (5, 9))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.changes = 3  # type: ignore[misc]
    explanation = Explanation.made("a", "b", (built,), 0.1, ("x",), None)
    assert explanation == Explanation("a", "b", (built,), 0.1, ("x",))
    assert list(vars(explanation)) == [f.name for f in dataclasses.fields(Explanation)]
