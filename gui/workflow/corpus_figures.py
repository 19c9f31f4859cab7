"""Figures of an open dataset for the Changes view: lengths per document and top tokens (no Qt).

    >>> figures = dataset_figures(dataset, profile, saved=[0, 3])   # doctest: +SKIP
    >>> figures.before.counts, figures.after.counts               # histogram bins
    >>> figures.top_tokens[:3]                                     # [("the", 812), ...]

Lengths are whitespace tokens per document (as in the per-text figures of
`gui.workflow.changes`), before and after the profile, binned on one scale
so the two histograms compare bar by bar. On a large dataset an evenly
spread sample of `MAX_RECORDS` records is measured (the figure says how many).

The top tokens are those of the corpus so far: the normalized output of the
records already saved, under the current profile (a spread sample of
`MAX_RECORDS` of them when there are more). Before any record is saved
they are those of the sample, and `top_from_saved` says which it is.

The work runs in a worker thread; `cancelled()` is asked between records so a
profile change stops a run that is no longer wanted (`FiguresCancelled`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gui.engine import Pipeline, Profile
from gui.io.datasets import Dataset, DatasetError

MAX_RECORDS = 1000
BINS = 12
TOP_TOKENS = 15


class FiguresCancelled(Exception):
    """The figures were no longer wanted (the profile or the dataset changed)."""


@dataclass(frozen=True)
class Histogram:
    """Documents per length bin: bin i holds lengths in [edges[i], edges[i + 1])."""

    edges: tuple[int, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True)
class DatasetFigures:
    records: int  # in the dataset
    measured: int  # records measured (all, or the sample)
    before: Histogram
    after: Histogram
    top_tokens: tuple[tuple[str, int], ...]
    top_from_saved: int  # saved records the top tokens come from (0: the sample)


def sample_indices(total: int, limit: int = MAX_RECORDS) -> list[int]:
    """All of range(total) when it is small, else `limit` indices spread evenly over it."""
    if total <= limit:
        return list(range(total))
    return sorted({index * total // limit for index in range(limit)})


def histogram(
    before: Sequence[int], after: Sequence[int], bins: int = BINS
) -> tuple[Histogram, Histogram]:
    """Both length lists binned on the same edges (whole numbers, up to the longest)."""
    longest = max([*before, *after, 1])
    width = max(1, math.ceil((longest + 1) / bins))
    edges = tuple(width * step for step in range(bins + 1))

    def counts(lengths: Sequence[int]) -> tuple[int, ...]:
        tally = [0] * bins
        for length in lengths:
            tally[min(length // width, bins - 1)] += 1
        return tuple(tally)

    return Histogram(edges, counts(before)), Histogram(edges, counts(after))


def dataset_figures(
    dataset: Dataset,
    profile: Profile,
    saved: Sequence[int] = (),
    *,
    limit: int = MAX_RECORDS,
    top: int = TOP_TOKENS,
    cancelled: Callable[[], bool] = lambda: False,
) -> DatasetFigures:
    """Length histograms of (a sample of) `dataset` and the top tokens of the `saved` records."""
    pipeline = Pipeline(profile)
    outputs: dict[int, str] = {}

    def normalized(index: int) -> str | None:
        if cancelled():
            raise FiguresCancelled
        if index not in outputs:
            try:
                raw = dataset.text(index)
            except DatasetError:
                return None  # a broken record: left out of the figures
            lengths_before[index] = len(raw.split())
            outputs[index] = pipeline.run(raw)
        return outputs[index]

    lengths_before: dict[int, int] = {}
    sample = sample_indices(len(dataset), limit)
    after_lengths: list[int] = []
    tokens: Counter[str] = Counter()
    for index in sample:
        output = normalized(index)
        if output is None:
            continue
        words = output.split()
        after_lengths.append(len(words))
        if not saved:
            tokens.update(words)
    saved = [saved[i] for i in sample_indices(len(saved), limit)]
    for index in saved:
        output = normalized(index)
        if output is not None:
            tokens.update(output.split())
    before_lengths = [lengths_before[index] for index in sample if index in lengths_before]
    before, after = histogram(before_lengths, after_lengths)
    return DatasetFigures(
        records=len(dataset),
        measured=len(after_lengths),
        before=before,
        after=after,
        top_tokens=tuple(tokens.most_common(top)),
        top_from_saved=len(saved),
    )
