"""Document frequencies per class, counted in one streaming pass.

    >>> counts = ClassCounts()
    >>> counts.add("true", "washington reuters the senate")
    >>> counts.add("fake", "the senate lied")
    >>> counts.documents, counts.frequency("reuters")
    ({'true': 1, 'fake': 1}, {'true': 1})

Only counts are kept: per class, how many documents there are and in how
many of them each token occurs. Documents are dropped as soon as they are
counted, so memory grows with the vocabulary, not with the dataset.

A token is a run of word characters (`\\w+`, Unicode-aware) of the text as the
profile leaves it, case included: the audit shows what a classifier trained
on the normalized text sees. With bigrams, two neighbouring tokens joined by
a space count as one more term.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

_TOKEN = re.compile(r"\w+")


def term_pattern(term: str) -> str:
    """A regular expression that finds a term (or bigram) in raw text, any case:
    whole words, a bigram's words separated by anything that is not a word."""
    return r"\b" + r"\W+".join(re.escape(word) for word in term.split(" ")) + r"\b"


def terms(text: str, bigrams: bool = False) -> set[str]:
    """The distinct tokens (and, with `bigrams`, token pairs) of one document."""
    tokens = _TOKEN.findall(text)
    found = set(tokens)
    if bigrams:
        found.update(f"{a} {b}" for a, b in pairwise(tokens))
    return found


class ClassCounts:
    """Per class: the number of documents and the document frequency of each term."""

    def __init__(self, bigrams: bool = False) -> None:
        self.bigrams = bigrams
        self.documents: dict[str, int] = {}
        self._frequencies: dict[str, Counter[str]] = {}

    def add(self, label: str, text: str) -> None:
        """Count one document of class `label`; the text is not kept."""
        self.add_terms(label, terms(text, self.bigrams))

    def add_terms(self, label: str, found: Iterable[str]) -> None:
        self.documents[label] = self.documents.get(label, 0) + 1
        counter = self._frequencies.get(label)
        if counter is None:
            counter = self._frequencies[label] = Counter()
        counter.update(found)

    @property
    def classes(self) -> list[str]:
        """The class labels, sorted (numbers as numbers: 2 before 10)."""
        return sorted(self.documents, key=_label_key)

    @property
    def total(self) -> int:
        return sum(self.documents.values())

    def counter(self, label: str) -> Counter[str]:
        """Term -> documents of class `label` containing it (read-only use)."""
        return self._frequencies.get(label) or Counter()

    def frequency(self, term: str) -> dict[str, int]:
        """In how many documents of each class `term` occurs (classes without it left out)."""
        return {
            label: counter[term]
            for label, counter in self._frequencies.items()
            if counter.get(term, 0)
        }


def _label_key(label: str) -> tuple[int, float, str]:
    try:
        return (0, float(label), label)
    except ValueError:
        return (1, 0.0, label)
