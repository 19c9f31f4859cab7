"""Every registered rule, generically: its examples, edge inputs, replayable edits.

These tests run over the whole registry, so rules other modules add are held
to the same contract: `apply(text)` equals replaying `edits(text)`.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gui.engine.registry import all_rules, get_rule
from tests.engine.rules.catalogue_helpers import CONFIGURED, replay

RULES = all_rules()
EXAMPLES = [
    pytest.param(rule.id, source, expected, id=f"{rule.id}-{number}")
    for rule in RULES
    for number, (source, expected) in enumerate(rule.examples)
]
VARIANTS = [pytest.param(rule.id, {}, id=rule.id) for rule in RULES] + [
    pytest.param(rule_id, params, id=f"{rule_id}-configured-{number}")
    for rule_id, variants in CONFIGURED.items()
    for number, params in enumerate(variants)
]
EDGE_TEXTS = ["", " ", "\n", " \t\n \r\n", "\u00a0\u2003", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 \U0010ffff", "a\ud800b"]


def test_every_rule_has_a_description_label_and_examples():
    for rule in RULES:
        assert rule.label and rule.description and rule.category, rule.id
        assert rule.examples, f"{rule.id} has no examples"
        for param in rule.params:
            assert param.description, f"{rule.id}.{param.name}"
            assert param.validate(param.default) == param.default


@pytest.mark.parametrize(("rule_id", "source", "expected"), EXAMPLES)
def test_example(rule_id, source, expected):
    transform = get_rule(rule_id).transform()
    assert transform.apply(source) == expected
    assert replay(transform, source) == expected


@pytest.mark.parametrize(("rule_id", "params"), VARIANTS)
@pytest.mark.parametrize("text", EDGE_TEXTS, ids=repr)
def test_edge_inputs(rule_id, params, text):
    transform = get_rule(rule_id).transform(**params)
    output = transform.apply(text)
    assert isinstance(output, str)
    assert replay(transform, text) == output
    if text == "":
        assert output == "" or rule_id == "regex_replace"


@pytest.mark.parametrize(("rule_id", "params"), VARIANTS)
@given(text=st.text())
def test_edits_replay_to_apply(rule_id, params, text):
    transform = get_rule(rule_id).transform(**params)
    assert replay(transform, text) == transform.apply(text)


@pytest.mark.parametrize(("rule_id", "params"), VARIANTS)
@given(text=st.text(alphabet=st.sampled_from("aA1 .,-'’“<>/@#&:;\n\t\u0301é😀(")))
def test_edits_replay_on_punctuation_heavy_text(rule_id, params, text):
    transform = get_rule(rule_id).transform(**params)
    assert replay(transform, text) == transform.apply(text)
