"""Shared helpers for the catalogue tests: replay a rule's edits, configured variants."""

from __future__ import annotations

from gui.engine.edits import apply_edits
from gui.engine.rule import Transform, step_result

# Rules that do nothing with default parameters get these too, so the generic
# tests exercise them doing something.
CONFIGURED = {
    "find_replace": [{"find": "a", "replace": "<A>"}, {"find": "the", "ignore_case": True}],
    "regex_replace": [
        {"pattern": r"(\w)(\d)", "replacement": r"\2\1"},
        {"pattern": r"\s+", "replacement": " "},
        {"pattern": r"x*", "replacement": "-"},
    ],
    "remove_lines_matching": [{"pattern": r"^\s*#"}, {"pattern": "a", "ignore_case": True}],
    "remove_dateline": [{"every_line": True, "notes_and_bylines": True}],
}


def replay(transform: Transform, text: str) -> str:
    """The output of replaying the transform's edits (and explained edits) on `text`."""
    edits = tuple(transform.edits(text))
    explained = step_result(transform, text)
    assert explained.edits == edits, "explained_edits disagrees with edits"
    for edit in edits:
        assert 0 <= edit.start <= edit.end <= len(text)
    return apply_edits(text, edits)
