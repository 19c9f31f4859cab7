"""Every registered rule, generically: its examples, edge inputs, replayable edits.

These tests run over the whole registry, so rules other modules add are held
to the same contract: `apply(text)` equals replaying `edits(text)`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gui.engine import rules as rules_package
from gui.engine.profile import RuleStep
from gui.engine.registry import all_rules, get_rule, register, unregister
from gui.engine.rule import Rule
from gui.engine.rules import FAMILIES
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


def test_the_registry_collects_every_family_in_catalogue_order():
    modules = {path.stem for path in Path(rules_package.__file__).parent.glob("*.py")}
    assert {family.__name__.rpartition(".")[2] for family in FAMILIES} == modules - {"__init__"}
    declared = [rule for family in FAMILIES for rule in family.RULES]
    assert [rule.id for rule in RULES[: len(declared)]] == [rule.id for rule in declared]
    assert RULES[0].id == "lowercase"  # the seed first


def test_register_adds_a_rule_after_the_catalogue_and_unregister_takes_it_out():
    rule = Rule(id="test_plug_in", label="Plug-in", description="A test's own rule.", build=str)
    register(rule)
    try:
        assert all_rules()[-1] is get_rule("test_plug_in") is rule
        with pytest.raises(ValueError, match="registered twice"):
            register(rule)
    finally:
        unregister("test_plug_in")
    assert "test_plug_in" not in {rule.id for rule in all_rules()}


def test_a_rule_declares_only_parameters_it_has():
    with pytest.raises(ValueError, match="declares no parameter pattern"):
        Rule(id="x", label="X", description="x", build=str, primary_param="pattern")
    with pytest.raises(ValueError, match="declares no parameter name"):
        Rule(id="x", label="X", description="x", build=str, user_label="Mine")


def test_user_rules_are_named_by_their_name_or_their_primary_parameter():
    labels = {
        rule.id: RuleStep(rule.id, params={rule.primary_param: "a+"}).label
        for rule in RULES
        if rule.user_label
    }
    assert labels == {
        "remove_lines_matching": "Drop lines: a+",
        "find_replace": "Find: a+",
        "regex_replace": "Regex: a+",
    }
    assert RuleStep("regex_replace", params={"name": " mine "}).label == "Regex: mine"
    assert RuleStep("find_replace").label == "Find: (unnamed)"
    assert RuleStep("lowercase").label == "Lowercase"


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
