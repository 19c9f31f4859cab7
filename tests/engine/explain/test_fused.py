"""The fused wordopt explain gives exactly the generic explain's counts and spans."""

from __future__ import annotations

import csv
from dataclasses import replace

from hypothesis import example, given

from gui.engine import Pipeline, RuleStep, load_preset
from gui.engine.explain.explainer import explain_steps
from gui.engine.explain.fused import wordopt_works
from tests.conftest import SMALL_CSV
from tests.engine.test_fastpath import texts
from tests.strategies import any_text

WORDOPT = Pipeline(load_preset("wordopt"))


def _check(text: str) -> None:
    fused = wordopt_works(text, len(WORDOPT.transforms))
    generic, output = explain_steps(WORDOPT.transforms, text, inert=WORDOPT.inert)
    if fused is None:
        assert len(text.lower()) != len(text)
        return
    works, fused_output = fused
    assert fused_output == output
    for ours, theirs in zip(works, generic, strict=True):
        assert ours.changes == theirs.changes
        assert ours.starts.tolist() == theirs.starts.tolist()
        assert ours.ends.tolist() == theirs.ends.tolist()


@given(texts)
@example("Hello [World] 2016 a_b_1 x.\n\nΣΑΣ [a\nb] __x a1_b _1_ x_ [y]z1")
@example("x__y  z9_ _[q]_7\n\n\n.ΣΣ\nΣ")
@example("")
@example("a [İ] 1")  # lowers to two characters, inside a bracket
@example("İ [x] 1")  # ... and outside
@example("[9] x_")  # digits only in a bracket
def test_fused_explain_equals_generic(text):
    _check(text)


@given(any_text)
def test_fused_explain_equals_generic_on_any_text(text):
    _check(text)


def test_the_pipeline_uses_it_for_wordopt():
    assert WORDOPT._fused_works is not None
    assert Pipeline(load_preset("clean"))._fused_works is None


def _facts(explanation) -> list[tuple]:
    return [
        (r.rule_id, r.status, r.reason, r.changes, r.spans, r.notes) for r in explanation.reports
    ]


def _same_explanation(text: str, pipeline: Pipeline = WORDOPT) -> None:
    """The lean explain's reports (fused, first matches it knows) are the generic ones."""
    lean = pipeline.explain(text)
    generic = pipeline.explain(text, edits=True)  # every step run, every first match scanned
    assert lean.output == generic.output == pipeline.run(text)
    assert _facts(lean) == _facts(generic)


@given(texts)
@example("a www.x.org b\nhttp://y <b>c</b> [x_1] 2_ Σ")
@example("see https://x and <i> but not here\n")
@example("[1] no digits elsewhere")
@example("_\n_")
def test_fused_statuses_and_reasons_equal_generic(text):
    _same_explanation(text)


@given(any_text)
def test_fused_statuses_and_reasons_equal_generic_on_any_text(text):
    _same_explanation(text)


def test_fused_explain_equals_generic_on_news():
    with SMALL_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            _same_explanation(row["text"])


def test_a_profile_with_other_steps_in_wordopt_places_is_not_fused():
    # Fused to wordopt (inert steps may be off or missing), but the step at
    # each place is not wordopt's: the fused explain would misplace its works.
    profile = load_preset("wordopt")
    steps = [step for step in profile.steps if step.rule_id != "remove_newlines"]
    steps.insert(3, RuleStep("remove_stopwords", enabled=False))
    pipeline = Pipeline(replace(profile, steps=tuple(steps)))
    assert pipeline._fast is not None and pipeline._fused_works is None
    _same_explanation("A_1 x_ [y] z\n", pipeline)


@given(texts)
@example("x_1_ [2] 3a\nB4")
def test_texts_with_many_digits_take_the_whole_array_path(text):
    # Over a few hundred digits, digit words are found in whole-array passes.
    text = (text + " 12 ab3_ ") * 90
    _check(text)
    _same_explanation(text)
