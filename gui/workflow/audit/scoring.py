"""How well one term gives the label away: the separation score.

For a term `t` and a class `c`, the one-term rule "t present -> class c, else
another class" is scored by its balanced accuracy on the dataset:

    recall(c)      = share of class-c documents containing t
    specificity(c) = share of the other documents NOT containing t
    BA(t, c)       = (recall(c) + specificity(c)) / 2

A term's score is its best one-vs-rest balanced accuracy over the classes,
`max_c BA(t, c)`, and the class it points to is that best `c`. With two
classes this is `max(BA, 1 - BA)`, so the score runs from 0.5 (the term tells
nothing: equally common in every class) to 1.0 (a perfect leak: in every
document of one class and in none of the others). Balanced accuracy does not
reward rare terms or a big class: a term in 2 of 1,000 documents scores about
0.501 whatever class they belong to.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass

from gui.workflow.audit.counting import ClassCounts


@dataclass(frozen=True)
class TermScore:
    """One term's separation score, the class it points to, and its counts."""

    term: str
    score: float
    leans: str
    share: dict[str, float]  # class -> share of that class's documents containing the term
    count: dict[str, int]  # class -> documents containing the term

    @property
    def documents(self) -> int:
        return sum(self.count.values())


def score_term(counts: ClassCounts, term: str) -> TermScore:
    """The term's score; a term that never occurs scores 0.5 (it tells nothing)."""
    frequency = counts.frequency(term)
    return _score(counts, term, frequency, sum(frequency.values()))


def score_without(counts: ClassCounts, term: str, removed: dict[str, int]) -> TermScore:
    """The term's score if `removed[class]` of its documents per class no longer had it."""
    frequency = {
        label: inside - removed.get(label, 0)
        for label, inside in counts.frequency(term).items()
        if inside - removed.get(label, 0) > 0
    }
    return _score(counts, term, frequency, sum(frequency.values()))


def rank_terms(counts: ClassCounts, top: int = 20) -> list[TermScore]:
    """The `top` terms that separate the classes most, best first.

    Ties go to the term in more documents, then alphabetical order, so the
    ranking is the same on every run. ValueError with fewer than two classes.
    """
    if len(counts.documents) < 2:
        found = ", ".join(map(repr, counts.classes)) or "none"
        raise ValueError(f"the label has fewer than two classes (found: {found})")
    # Scores only, in one tight pass over the vocabulary (with bigrams it can hold
    # millions of terms); the full TermScore is built for the winners alone.
    classes = [(counts.counter(label), counts.documents[label]) for label in counts.classes]
    everyone = counts.total
    totals: Counter[str] = Counter()
    for counter, _size in classes:
        totals.update(counter)
    keys = []
    for term, total in totals.items():
        best = max(
            _balanced(counter.get(term, 0), size, total, everyone) for counter, size in classes
        )
        keys.append((-best, -total, term))
    return [score_term(counts, term) for _score, _docs, term in heapq.nsmallest(top, keys)]


def _balanced(inside: int, size: int, total: int, everyone: int) -> float:
    """BA of "present -> this class": `inside` of `size` class documents, `total` overall."""
    others = everyone - size
    specificity = 1.0 - (total - inside) / others if others else 1.0
    return (inside / size + specificity) / 2


def _score(counts: ClassCounts, term: str, frequency: dict[str, int], total: int) -> TermScore:
    documents = counts.documents
    best, leans = -1.0, ""
    for label in counts.classes:
        balanced = _balanced(frequency.get(label, 0), documents[label], total, counts.total)
        if balanced > best:
            best, leans = balanced, label
    share = {label: frequency.get(label, 0) / documents[label] for label in counts.classes}
    count = {label: frequency.get(label, 0) for label in counts.classes}
    return TermScore(term, best, leans, share, count)
