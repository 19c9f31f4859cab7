"""One colour per rule, shared by the raw pane's highlights and the rule panel's swatches.

Colours are keyed by rule id (its place in the catalogue), so a rule keeps its
colour when it is reordered or when the preset changes. They are translucent,
so the text under a highlight stays legible on light and dark backgrounds.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor

from gui.engine import all_rules

# Distinct hues (Okabe-Ito and Tableau-like), readable as tints on white and on near-black.
_HUES = (
    "#e69f00",
    "#56b4e9",
    "#009e73",
    "#f0e442",
    "#0072b2",
    "#d55e00",
    "#cc79a7",
    "#8c564b",
    "#17becf",
    "#bcbd22",
    "#9467bd",
    "#e377c2",
)
HIGHLIGHT_ALPHA = 110


@cache
def _catalogue_index() -> dict[str, int]:
    return {rule.id: index for index, rule in enumerate(all_rules())}


def rule_color(rule_id: str, alpha: int = 255) -> QColor:
    """The colour of a rule: solid for swatches, translucent for highlights."""
    index = _catalogue_index().get(rule_id, sum(map(ord, rule_id)))
    color = QColor(_HUES[index % len(_HUES)])
    color.setAlpha(alpha)
    return color


def highlight_color(rule_id: str) -> QColor:
    return rule_color(rule_id, HIGHLIGHT_ALPHA)
