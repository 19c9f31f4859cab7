"""The rule registry: rule id -> Rule, in catalogue order.

The registry collects: the catalogue is every family module's `RULES`, in the
order of `gui.engine.rules.FAMILIES`; rule modules declare and never import
this module. Code outside the engine (a plug-in, a test) adds its own rules
with `register`, after the catalogue. Ids are stable: profiles on users'
disks refer to them.
"""

from __future__ import annotations

from gui.engine.rule import Rule
from gui.engine.rules import FAMILIES

_RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add a rule to the catalogue (after those already there); ids must be unique."""
    if rule.id in _RULES:
        raise ValueError(f"rule id {rule.id!r} is registered twice")
    _RULES[rule.id] = rule
    return rule


def unregister(rule_id: str) -> None:
    """Take a rule added with `register` out again (nothing if there is none)."""
    _RULES.pop(rule_id, None)


def get_rule(rule_id: str) -> Rule:
    """Return the rule with this id; KeyError if there is none."""
    return _RULES[rule_id]


def all_rules() -> list[Rule]:
    """Every registered rule, in catalogue order."""
    return list(_RULES.values())


for _family in FAMILIES:
    for _rule in _family.RULES:
        register(_rule)
del _family, _rule
