"""Every registered rule keeps the rule contract on awkward input.

The contract: `apply` and replaying `edits` agree, edits are sorted and
disjoint and inside the text, and the rule's documented examples hold.
"""

import pytest
from hypothesis import given

from gui.engine import all_rules, apply_edits
from tests.strategies import any_text

RULES = all_rules()
AWKWARD = {
    "empty": "",
    "whitespace only": " \t\n\r\n  \u00a0",
    "non-BMP": "\U0001d400\U0001d7d8\U0001f600 \U00010400\U00010428 𝟗x [𝐀] <𝐁>",
}


def _check(rule, text):
    transform = rule.transform()
    edits = list(transform.edits(text))
    position = 0
    for start, end, _ in edits:
        assert position <= start <= end <= len(text)
        position = end
    assert apply_edits(text, edits) == transform.apply(text)
    return transform.apply(text)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
@pytest.mark.parametrize("kind", AWKWARD)
def test_rule_on_awkward_input(rule, kind):
    text = AWKWARD[kind]
    output = _check(rule, text)
    if kind == "empty":
        assert output == ""


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_examples(rule):
    assert rule.examples, f"{rule.id} documents no examples"
    for given_text, expected in rule.examples:
        assert rule(given_text) == expected, given_text
        _check(rule, given_text)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
@given(text=any_text)
def test_edits_replay_to_the_output(rule, text):
    _check(rule, text)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_metadata(rule):
    assert rule.id.isidentifier() and rule.id == rule.id.lower()
    assert rule.label and rule.description.endswith(".")
    assert "\n" not in rule.description and len(rule.description) <= 160, "one line"
    for param in rule.params:
        assert param.validate(param.default) == param.default
