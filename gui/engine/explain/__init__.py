"""Explain's data: per-rule reports and spans of the original text (`report`),
and the map from output offsets back to the raw text (`origin`).
"""

from gui.engine.explain.report import Explanation, RuleReport

__all__ = ["Explanation", "RuleReport"]
