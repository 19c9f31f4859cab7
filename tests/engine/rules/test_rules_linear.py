"""Every rule stays linear: 1 MB adversarial strings finish in seconds, not hours.

A quadratic pattern (each start position rescanning to the end) takes far
longer than the bound on a megabyte; a linear one takes well under a second
(ftfy, whose per-line work is the slowest, about 3 s on 500,000 lines).
"""

from __future__ import annotations

import time

import pytest

from gui.engine.registry import all_rules, get_rule
from tests.engine.rules.catalogue_helpers import CONFIGURED

SIZE = 1_000_000
ADVERSARIAL = {
    "letters": "a" * SIZE,
    "digits": "1" * SIZE,
    "number-groups": "1," * (SIZE // 2),
    "openers": "<a" * (SIZE // 2),
    "ampersands": "&" * SIZE,
    "at-signs": "a@" * (SIZE // 2),
    "hashes": "#a" * (SIZE // 2),
    "url-dots": "http://" + "." * SIZE,
    "www": "www." * (SIZE // 4),
    "blank-lines": " \n" * (SIZE // 2),
    "hyphen-breaks": "a-\n" * (SIZE // 3),
    "cjk": "東" * SIZE,
    "combining": "e\u0301" * (SIZE // 2),
    "parens": "(" * SIZE,
    "emoji": "👍🏽" * (SIZE // 4),
    "capitals": "A " * (SIZE // 2),
    "reuters": "A (Reuters" * (SIZE // 10),
    "credits": ". photo by" * (SIZE // 10),
}
VARIANTS = [pytest.param(rule.id, {}, id=rule.id) for rule in all_rules()] + [
    pytest.param(rule_id, params, id=f"{rule_id}-{n}")
    for rule_id, variants in CONFIGURED.items()
    for n, params in enumerate(variants)
]
BOUND = 15.0


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::gui.engine.rule.RuleTimeoutWarning")
@pytest.mark.parametrize(("rule_id", "params"), VARIANTS)
def test_rule_is_linear_on_adversarial_megabytes(rule_id, params):
    transform = get_rule(rule_id).transform(**params)
    for name, text in ADVERSARIAL.items():
        began = time.perf_counter()
        transform.apply(text)
        seconds = time.perf_counter() - began
        assert seconds < BOUND, f"{rule_id} took {seconds:.1f} s on {name}"
