"""Names for the user's own rules: the next free "rule N" for a new one.

How a step is labelled ("Regex: my rule") is the engine's `RuleStep.label`, so
the panel, the editor, highlight tooltips and dead-rule reasons agree.
"""

from __future__ import annotations

from gui.engine import RuleStep


def new_rule_name(steps: tuple[RuleStep, ...] | list[RuleStep]) -> str:
    """A name no user rule of the profile has yet: "rule 1", "rule 2", ..."""
    taken = {str(step.params.get("name", "")) for step in steps if step.rule.user_label}
    number = 1
    while f"rule {number}" in taken:
        number += 1
    return f"rule {number}"
