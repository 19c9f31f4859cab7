"""The user's own rules: invalid patterns, time budgets, repeatable named steps."""

from __future__ import annotations

import time
import warnings

import pytest

from gui.engine import Pipeline, Profile, ProfileError, RuleStep
from gui.engine.profile import profile_from_toml
from gui.engine.registry import get_rule
from gui.engine.rule import ParamError, RuleTimeoutWarning

BUDGET = 0.2
# A long run of `a` that `(a+)+$` cannot match: catastrophic backtracking.
PATHOLOGICAL_TEXT = "a" * 50_000 + "!"
PATHOLOGICAL = {"name": "nested", "pattern": "(a+)+$", "time_budget": BUDGET}


def _profile() -> Profile:
    return Profile(
        "t",
        (
            RuleStep("regex_replace", params=PATHOLOGICAL),
            RuleStep("lowercase"),
            RuleStep("regex_replace", params={"name": "bang", "pattern": "!", "replacement": "?"}),
        ),
    )


def test_pathological_pattern_times_out_within_budget_in_run():
    pipeline = Pipeline(_profile())
    text = "Start " + PATHOLOGICAL_TEXT
    began = time.monotonic()
    with pytest.warns(RuleTimeoutWarning, match="nested"):
        output = pipeline.run(text)
    assert time.monotonic() - began < BUDGET + 1.0
    # The timed-out rule passed its input through; the rules after it still ran.
    assert output == "start " + "a" * 50_000 + "?"


def test_pathological_pattern_is_marked_timed_out_in_explain():
    text = PATHOLOGICAL_TEXT
    began = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # explain reports; it does not warn
        explanation = Pipeline(_profile()).explain(text)
    assert time.monotonic() - began < 2 * BUDGET + 1.0
    first, _, last = explanation.reports
    assert first.status == "timed_out" and first.timed_out
    assert "nested" in first.reason and "0.2 s" in first.reason
    assert first.changes == 0 and first.spans == ()
    assert last.status == "changed"
    assert explanation.timed_out_rules == [first]
    assert explanation.output == "a" * 50_000 + "?"


def test_regex_replace_with_groups():
    rule = get_rule("regex_replace")
    assert rule("John Smith", pattern=r"(\w+) (\w+)", replacement=r"\2, \1") == "Smith, John"
    assert rule("a1b22", pattern=r"(?P<d>\d+)", replacement=r"<\g<d>>") == "a<1>b<22>"
    assert rule("AbA", pattern="a", replacement="x", ignore_case=True) == "xbx"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"pattern": "(abc"}, "invalid regular expression: missing ) at position 4"),
        ({"pattern": "[a-"}, "invalid regular expression"),
        ({"pattern": "(a)", "replacement": r"\2"}, "invalid replacement: no such group"),
        ({"pattern": "a", "replacement": r"\q"}, "invalid replacement: bad escape"),
        ({"pattern": "a", "replacement": r"\g<x>"}, "invalid replacement"),
        ({"pattern": "a", "replacement": "\\"}, "invalid replacement"),
        ({"time_budget": 0.0}, "more than 0"),
    ],
)
def test_invalid_user_rule_is_a_param_error_at_build(params, message):
    with pytest.raises(ParamError, match=message.replace("(", r"\(").replace(")", r"\)")):
        get_rule("regex_replace").transform(**params)


def test_invalid_pattern_in_profile_names_file_and_key():
    toml = '[[rules]]\nid = "lowercase"\n\n[[rules]]\nid = "regex_replace"\npattern = "a)"\n'
    with pytest.raises(ProfileError, match=r"my\.toml: rules\[1\]\.pattern: invalid regular"):
        profile_from_toml(toml, "my.toml")


def test_invalid_pattern_when_edited_in_the_window():
    profile = Profile("t", (RuleStep("regex_replace"),))
    with pytest.raises(ParamError, match="position"):
        profile.with_params(0, pattern="*a")
    assert profile.with_params(0, pattern="a+").steps[0].params["pattern"] == "a+"


def test_user_rules_repeat_and_round_trip_through_toml():
    profile = Profile(
        "t",
        (
            RuleStep("find_replace", params={"name": "amp", "find": "&", "replace": " and "}),
            RuleStep("find_replace", params={"name": "US", "find": "U.S.", "replace": "US"}),
            RuleStep("regex_replace", params={"name": "x", "pattern": r"\d", "replacement": "#"}),
        ),
    )
    loaded = profile_from_toml(profile.to_toml(), "t.toml")
    assert loaded == profile
    assert Pipeline(loaded).run("U.S. & 2 U.S.") == "US  and  # US"


def test_find_replace_is_literal():
    rule = get_rule("find_replace")
    assert rule("a.b.c", find=".", replace="") == "abc"
    assert rule("The then the", find="the", replace="X", ignore_case=True) == "X Xn X"
    assert rule("The then the", find="the", replace="X", whole_word=True) == "The then X"
    assert rule("aaa", find="aa", replace="b") == "ba"


def test_remove_lines_matching_times_out_too():
    rule = get_rule("remove_lines_matching").transform(pattern="(a+)+$", time_budget=BUDGET)
    with pytest.warns(RuleTimeoutWarning):
        assert rule.apply(PATHOLOGICAL_TEXT + "\nb") == PATHOLOGICAL_TEXT + "\nb"
