"""The rule registry: rule id -> Rule, in catalogue order.

Rule modules call `register` at import; `gui.engine.rules` imports them all, so
importing the engine gives the full catalogue. Ids are stable: profiles on
users' disks refer to them.
"""

from __future__ import annotations

from gui.engine.rule import Rule

_RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add a rule to the catalogue; ids must be unique."""
    if rule.id in _RULES:
        raise ValueError(f"rule id {rule.id!r} is registered twice")
    _RULES[rule.id] = rule
    return rule


def get_rule(rule_id: str) -> Rule:
    """Return the rule with this id; KeyError if there is none."""
    _load_catalogue()
    return _RULES[rule_id]


def all_rules() -> list[Rule]:
    """Every registered rule, in catalogue order."""
    _load_catalogue()
    return list(_RULES.values())


def _load_catalogue() -> None:
    # Imported here, not at module top, because the rule modules import `register`.
    import gui.engine.rules  # noqa: F401
