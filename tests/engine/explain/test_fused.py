"""The fused wordopt explain gives exactly the generic explain's counts and spans."""

from __future__ import annotations

from hypothesis import example, given

from gui.engine import Pipeline, load_preset
from gui.engine.explain.explainer import explain_steps
from gui.engine.explain.fused import wordopt_works
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
def test_fused_explain_equals_generic(text):
    _check(text)


@given(any_text)
def test_fused_explain_equals_generic_on_any_text(text):
    _check(text)


def test_the_pipeline_uses_it_for_wordopt():
    assert WORDOPT._fused_works is not None
    assert Pipeline(load_preset("clean"))._fused_works is None
