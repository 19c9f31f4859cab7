"""Records as (index, raw, normalized) for engines that normalize elsewhere (Dask).

A distributed engine sends raw texts to its workers and gets normalized texts
back; `read_items` and `normalize_items` are the two halves of that, pure and
picklable. `as_outcomes` turns an engine's results into the batch's
`Outcome`s, hashed and named here, so the batch saves them the one way it
saves everything (gui/workflow/batch.py).
"""

from __future__ import annotations

import warnings
from collections.abc import Generator, Iterator

from gui.engine.pipeline import Pipeline
from gui.engine.rule import RuleTimeoutWarning
from gui.io.corpus import Prepared
from gui.io.datasets import RecordError
from gui.workflow.batch_prepare import Outcome, timed_out_reason
from gui.workflow.review import JSONL, DatasetReview

Item = tuple[int, str, str | None]
"""index, raw text, problem reading it."""
Result = tuple[int, str, str, str | None, str]
"""index, raw, normalized, problem, timed-out reason ("" if none)."""
Normalized = tuple[str, str | None, str]
"""normalized, problem, timed-out reason."""


def read_items(review: DatasetReview, indices: list[int]) -> list[Item]:
    """The raw text of each record (or why it cannot be read), to send to a worker."""
    dataset = review.dataset
    items: list[Item] = []
    for index in indices:
        try:
            items.append((index, dataset.text(index), None))
        except RecordError as error:
            items.append((index, "", str(error)))
    return items


def normalize_items(pipeline: Pipeline, chunk: list[Item]) -> list[Normalized]:
    """Each item's normalized text, or why not (a rule failed or timed out); pure."""
    out: list[Normalized] = []
    for _index, raw, problem in chunk:
        if problem is not None:
            out.append(("", None, ""))  # the item carries its own problem
            continue
        try:
            # A rule out of time passes its input through: the text would depend on load.
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", RuleTimeoutWarning)
                normalized = pipeline.run(raw)
        except Exception as error:  # a rule bug must not lose the whole run
            out.append(("", f"normalization failed: {type(error).__name__}: {error}", ""))
            continue
        out.append((normalized, None, timed_out_reason(caught)))
    return out


def as_outcomes(review: DatasetReview, results: Iterator[Result]) -> Generator[Outcome, None, None]:
    """An engine's results as the batch's outcomes (hashed, encoded and named here)."""
    dataset = review.dataset
    jsonl = review.output_format == JSONL
    for index, raw, normalized, problem, timed_out in results:
        if problem is not None:
            yield (index, None, "", problem, "", 0)
        elif jsonl:
            prepared = Prepared.for_jsonl(dataset.key(index), raw, normalized)
            yield (index, prepared, "", None, timed_out, raw.count("\ufffd"))
        else:
            prepared = Prepared.for_txt(raw, normalized)
            stem = dataset.stem(index, raw)
            yield (index, prepared, stem, None, timed_out, raw.count("\ufffd"))
