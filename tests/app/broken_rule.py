"""A rule that normalizes fine but fails in explain: registered by importing this module.

The window's tests use it to check that a rule's error during explain is
reported in words, in the window's explain thread and in the explain helper
process alike (the helper imports a profile's rule modules from outside the
engine, so it registers there too). Qt-free, so the helper can import it.
"""

from __future__ import annotations

from gui.engine import registry
from gui.engine.rule import Rule

RULE_ID = "test_breaks_in_explain"
MESSAGE = "this rule breaks when explained"


class _BreaksInExplain:
    def apply(self, text: str) -> str:
        return text

    def edits(self, text: str):
        raise RuntimeError(MESSAGE)


def _build() -> _BreaksInExplain:
    return _BreaksInExplain()


RULE = registry.register(
    Rule(
        id=RULE_ID,
        label="Breaks in explain",
        description="For tests only: fine in a run, raises in explain.",
        build=_build,
    )
)


def unregister() -> None:
    registry.unregister(RULE_ID)
