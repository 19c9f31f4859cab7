"""How the window names a profile step: the rule's label, or the user's own name.

The user's own rules (find/replace, regular expression replace, remove lines
matching) may appear several times; each carries a `name` parameter, and the
panel and the parameter editor show it with a short prefix saying what kind of
rule it is ("Regex: my rule"). A rule without a name falls back to its
pattern, then to the catalogue label.
"""

from __future__ import annotations

from gui.engine import RuleStep

# Prefixes of the user's own (repeatable) rules, by rule id.
USER_RULE_PREFIXES = {
    "find_replace": "Find",
    "regex_replace": "Regex",
    "remove_lines_matching": "Drop lines",
}
# The parameter shown when a user rule has no name.
_FALLBACK_PARAM = {
    "find_replace": "find",
    "regex_replace": "pattern",
    "remove_lines_matching": "pattern",
}


def step_label(step: RuleStep) -> str:
    """The label of a step as the window shows it."""
    rule = step.rule
    prefix = USER_RULE_PREFIXES.get(step.rule_id)
    if prefix is None:
        return rule.label
    params = step.full_params()
    name = str(params.get("name", "")).strip()
    if not name:
        name = str(params.get(_FALLBACK_PARAM[step.rule_id], "")).strip()
    return f"{prefix}: {name}" if name else f"{prefix}: (unnamed)"


def new_rule_name(steps: tuple[RuleStep, ...] | list[RuleStep]) -> str:
    """A name no user rule of the profile has yet: "rule 1", "rule 2", ..."""
    taken = {
        str(step.params.get("name", "")) for step in steps if step.rule_id in USER_RULE_PREFIXES
    }
    number = 1
    while f"rule {number}" in taken:
        number += 1
    return f"rule {number}"
