"""The label-leakage audit: which terms give a dataset's label away, and which rule takes them out.

    >>> from gui.workflow.audit import audit, open_labelled
    >>> result = audit(open_labelled("news.csv", "label"), [load_preset("wordopt")])
    >>> [leak.term for leak in result.audits[0].leaks(3)]          # doctest: +SKIP
    ['reuters', 'getty', 'images']

Modules: `source` (labelled records from a dataset), `counting` (document
frequencies per class, streamed), `scoring` (the separation score),
`artefacts` (known artefact -> rule), `run` (one pass, several profiles),
`report` (Markdown and HTML for a dataset card). Qt-free: the CLI and the
window's Leakage view share it.
"""

from gui.workflow.audit.artefacts import KNOWN_ARTEFACTS, Artefact, Coverage, coverage
from gui.workflow.audit.counting import ClassCounts, term_pattern, terms
from gui.workflow.audit.run import (
    LEAK_SCORE,
    AuditResult,
    Fix,
    Leak,
    ProfileAudit,
    audit,
    profile_sha256,
)
from gui.workflow.audit.scoring import TermScore, rank_terms, score_term
from gui.workflow.audit.source import LabelledDataset, label_candidates, open_labelled

__all__ = [
    "KNOWN_ARTEFACTS",
    "LEAK_SCORE",
    "Artefact",
    "AuditResult",
    "ClassCounts",
    "Coverage",
    "Fix",
    "LabelledDataset",
    "Leak",
    "ProfileAudit",
    "TermScore",
    "audit",
    "coverage",
    "label_candidates",
    "open_labelled",
    "profile_sha256",
    "rank_terms",
    "score_term",
    "term_pattern",
    "terms",
]
