"""wordopt and each seed rule against the seed function itself (tests/oracle.py)."""

import pytest
from hypothesis import example, given

from gui.engine import Pipeline, get_rule, load_preset
from tests.oracle import SEED_STEPS, seed_step, wordopt
from tests.strategies import any_text

WORDOPT = Pipeline(load_preset("wordopt"))


@given(any_text)
@example("ΑΣ Σ. aΣ'b İ")
@example("[a\n]b] <x\n> <<y>>> www.x.org/a_1 x²y ١٢ _9_")
def test_wordopt_preset_equals_seed_function(text):
    assert WORDOPT.run(text) == wordopt(text)


def test_wordopt_preset_is_the_seed_steps_in_order():
    steps = load_preset("wordopt").steps
    assert [step.rule_id for step in steps] == [rule_id for rule_id, _ in SEED_STEPS]
    assert all(step.enabled and not step.params for step in steps)


@pytest.mark.parametrize("rule_id", [rule_id for rule_id, _ in SEED_STEPS])
@given(text=any_text)
def test_each_seed_rule_alone_equals_its_seed_step(rule_id, text):
    assert get_rule(rule_id)(text) == seed_step(rule_id, text)


def test_digit_words_rule_is_linear_where_the_seed_is_quadratic():
    # The seed's \w*\d\w* takes seconds on this; the rule must not.
    text = "a" * 200_000 + " 1"
    assert get_rule("remove_digit_words")(text) == "a" * 200_000 + " "
