"""Protected spans: no rule may change what a protect pattern matches."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gui.engine import Pipeline, Profile, ProfileError, RuleStep, all_rules, load_preset
from gui.engine.edits import Edit
from gui.engine.profile import profile_from_toml
from gui.engine.protect import Guard
from gui.engine.registry import get_rule
from tests.engine.rules.catalogue_helpers import CONFIGURED

PROTECT = (r"C\+\+", r"U\.S\.", "Ünïcödé", r"https://x\.org/A_1")
KEEP = ("C++", "U.S.", "Ünïcödé", "https://x.org/A_1")
VARIANTS = [(rule_id, params) for rule_id, variants in CONFIGURED.items() for params in variants]
ALL = [pytest.param(rule.id, {}, id=rule.id) for rule in all_rules()]
ALL += [pytest.param(rule_id, params, id=f"{rule_id}-{params}") for rule_id, params in VARIANTS]


@pytest.mark.parametrize(("rule_id", "params"), ALL)
@given(
    pieces=st.lists(
        st.one_of(st.sampled_from(KEEP), st.text(alphabet="aA1 .,+-#@<>\n\t'é’")), max_size=12
    )
)
def test_protected_spans_survive_every_rule(rule_id, params, pieces):
    text = "".join(pieces)
    profile = Profile("t", (RuleStep(rule_id, params=params),), protect=PROTECT)
    pipeline = Pipeline(profile)
    output = pipeline.run(text)
    explanation = pipeline.explain(text)
    assert explanation.output == output
    for kept in KEEP:
        assert output.count(kept) >= text.count(kept), (kept, text, output)


def test_protected_spans_survive_a_whole_preset():
    profile = load_preset("clean").with_protect([r"C\+\+", r"U\.S\."])
    text = "I write C++ in the U.S. since 2016!"
    assert Pipeline(profile).run(text) == "i write C++ in the U.S. since"
    explanation = Pipeline(profile).explain(text)
    assert explanation.output == "i write C++ in the U.S. since"
    # Spans still point at the original text and never inside a protected span.
    for report in explanation.reports:
        for start, end in report.spans:
            assert not (start < 11 and end > 8), report


def test_unprotected_profiles_are_unchanged():
    from tests.oracle import wordopt

    text = "I write C++ in the U.S."
    assert Pipeline(load_preset("wordopt")).run(text) == wordopt(text)


def test_guard_filters_and_shifts():
    guard = Guard([(2, 4), (8, 10)])
    kept = guard.filter(
        [Edit(0, 1, "xyz"), Edit(2, 2, "+"), Edit(3, 3, "!"), Edit(4, 5, ""), Edit(9, 12, "")]
    )
    # Inserting at the start of a span is fine; inside it or across it is not.
    assert kept == (Edit(0, 1, "xyz"), Edit(2, 2, "+"), Edit(4, 5, ""))
    assert guard.spans == [(5, 7), (10, 12)]


def test_protect_in_toml_round_trip_and_errors():
    toml = 'protect = ["C\\\\+\\\\+"]\n\n[[rules]]\nid = "lowercase"\n'
    profile = profile_from_toml(toml, "p.toml")
    assert profile.protect == (r"C\+\+",)
    assert profile_from_toml(profile.to_toml(), "p.toml") == profile
    with pytest.raises(ProfileError, match=r"p\.toml: protect\[1\]: invalid regular expression"):
        profile_from_toml('protect = ["a", "(("]\n[[rules]]\nid = "lowercase"\n', "p.toml")
    with pytest.raises(ProfileError, match=r"p\.toml: protect: must be a list"):
        profile_from_toml('protect = "a"\n[[rules]]\nid = "lowercase"\n', "p.toml")
    assert "protect" not in load_preset("wordopt").to_dict()


def test_protect_rule_examples_still_hold_without_matches():
    rule = get_rule("lowercase")
    profile = Profile("t", (RuleStep("lowercase"),), protect=("zzz",))
    for source, expected in rule.examples:
        assert Pipeline(profile).run(source) == expected
