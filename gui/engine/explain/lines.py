"""Explain and preview line by line, for profiles whose rules stay within a line.

Each rule declares its `Reach` (gui/engine/rule.py): the separators it never
looks across. Push a line feed through the profile: if every enabled step
splits around what the earlier steps made of it (wordopt: the line feed
stays one through lowercase and brackets, becomes a space for the rest, and
every later rule splits around a space), the profile *splits at line
feeds*: on `x + "\\n" + y` it gives `run(x) + seam + run(y)`, where `seam`
is what the line feed became, and every step's edits and spans are those of
`x`, of the lone line feed and of `y`, shifted. That `Seam` is found once per
pipeline; profiles it does not hold for (whole-text rules, protect
patterns) get None and are always run whole.

Two things are built on it:

* `explain_in_blocks`: a long text explained one block of whole lines at a
  time, so explain's transient objects are those of one block, not of the
  whole text;
* `LinePreview`: a text, its output and its explanation kept current edit by
  edit. The text is cut into blocks of whole lines; an edit re-runs only the
  blocks it touches and splices their output into the previous output
  (`edit` returns what changed in the output), and the next `explanation()`
  re-explains only those blocks (and the text they replaced, for its counts)
  and splices their spans and counts into the previous ones.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

import numpy as np

from gui.engine.explain.explainer import (
    FirstMatch,
    StepWork,
    collector_paused,
    explain_steps,
    first_match,
)
from gui.engine.explain.report import SPAN_TYPE, Explanation


class Pipeline(Protocol):
    """What this module needs of a `gui.engine.pipeline.Pipeline` (which imports
    this module: a protocol keeps the import graph free of cycles)."""

    profile: Any
    inert: frozenset[int]

    @property
    def transforms(self) -> Any: ...
    @property
    def seam(self) -> Seam | None: ...
    def run(self, text: str) -> str: ...
    def works(self, text: str) -> tuple[list[StepWork], str]: ...
    def explain(self, text: str, *, edits: bool = False) -> Explanation: ...
    def explanation(self, text, output, works, firsts, began, notes=()) -> Explanation: ...


# A preview's blocks hold whole lines, about this many characters each (a
# longer line is a block of its own): an edit re-runs one or two of them.
PREVIEW_BLOCK_CHARS = 1 << 14


@dataclass(frozen=True)
class Seam:
    """What one line feed becomes through a profile that splits at line feeds."""

    # Its output (wordopt: a space).
    piece: str
    # Each step's work on a lone line feed (spans within 0..1).
    works: tuple[StepWork, ...]
    # Per step: its edits on the raw text split around line feeds too, so its
    # first match in a text is the first of its lines' first matches.
    raw_split: tuple[bool, ...]


def find_seam(pipeline: Pipeline) -> Seam | None:
    """The profile's `Seam`, or None if it does not split at line feeds."""
    if pipeline.profile.protect:
        return None
    piece = "\n"
    raw_split = []
    for index, (step, transform) in enumerate(
        zip(pipeline.profile.steps, pipeline.transforms, strict=True)
    ):
        if transform is None:
            raw_split.append(True)
            continue
        reach = step.rule.reach_for(**step.params)
        own = getattr(transform, "separates", None)

        def separates(text: str, reach=reach, own=own) -> bool:
            return reach.separates(text) and (own is None or own(text))

        raw_split.append(separates("\n"))
        if index not in pipeline.inert and not separates(piece):
            return None
        piece = transform.apply(piece)
    works, output = explain_steps(pipeline.transforms, "\n", inert=pipeline.inert)
    if output != piece:  # pragma: no cover - a transform whose apply and edits disagree
        return None
    return Seam(piece, tuple(works), tuple(raw_split))


def block_bounds(text: str, size: int, start: int = 0, end: int | None = None) -> list[int]:
    """Starts of blocks of whole lines of `text[start:end]`, each about `size` long.

    Block k runs from starts[k] to the line feed before starts[k + 1] (the
    last to `end`); consecutive blocks are separated by one line feed.
    """
    end = len(text) if end is None else end
    starts = [start]
    position = start
    while True:
        cut = text.find("\n", position + size, end)
        if cut < 0:
            return starts
        position = cut + 1
        starts.append(position)


class _Spans:
    """One step's counts and spans over a whole text, built or spliced block by block."""

    __slots__ = ("changes", "ends", "seconds", "starts")

    def __init__(self) -> None:
        self.changes = 0
        self.starts: list[np.ndarray] | np.ndarray = []
        self.ends: list[np.ndarray] | np.ndarray = []
        self.seconds = 0.0

    def add(self, work: StepWork, offset: int) -> None:
        self.changes += work.changes
        self.seconds += work.seconds
        if len(work.starts):
            self.starts.append(work.starts + offset)  # type: ignore[union-attr]
            self.ends.append(work.ends + offset)  # type: ignore[union-attr]

    def work(self) -> StepWork:
        starts, ends = self.starts, self.ends
        if isinstance(starts, list):
            starts = _joined(starts)
        if isinstance(ends, list):
            ends = _joined(ends)
        self.starts, self.ends = starts, ends
        return StepWork(self.changes, starts, ends, self.seconds)


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, SPAN_TYPE)


def explain_in_blocks(pipeline: Pipeline, text: str, size: int) -> tuple[list[StepWork], str]:
    """`explain_steps` on `text`, one block of whole lines at a time (`pipeline.seam` set)."""
    seam = pipeline.seam
    assert seam is not None
    starts = block_bounds(text, size)
    totals = [_Spans() for _ in pipeline.transforms]
    outputs = []
    for block, start in enumerate(starts):
        end = starts[block + 1] - 1 if block + 1 < len(starts) else len(text)
        works, output = pipeline.works(text[start:end])
        outputs.append(output)
        for total, work in zip(totals, works, strict=True):
            total.add(work, start)
        if end < len(text):
            for total, work in zip(totals, seam.works, strict=True):
                total.add(work, end)
    return [total.work() for total in totals], seam.piece.join(outputs)


def text_edit(old: str, new: str) -> tuple[int, int, str]:
    """One edit that turns `old` into `new`: (start, end, replacement) on `old`.

    The common prefix and suffix are found by comparing pieces that double
    in length (C-speed compares; a bisection in the piece that differs), so
    an edit in the middle of ten megabytes costs a few milliseconds.
    """
    limit = min(len(old), len(new))
    prefix = _common(old, new, limit, forward=True)
    suffix = _common(old, new, limit - prefix, forward=False)
    return prefix, len(old) - suffix, new[prefix : len(new) - suffix]


def _common(old: str, new: str, limit: int, forward: bool) -> int:
    """Length of the common prefix (or suffix) of `old` and `new`, at most `limit`."""

    def same(low: int, high: int) -> bool:
        if forward:
            return old[low:high] == new[low:high]
        return old[len(old) - high : len(old) - low] == new[len(new) - high : len(new) - low]

    done, step = 0, 256
    while done < limit:
        high = min(limit, done + step)
        if not same(done, high):
            while high - done > 1:  # the first difference is in [done, high)
                middle = (done + high) // 2
                if same(done, middle):
                    done = middle
                else:
                    high = middle
            return done if not same(done, done + 1) else done + 1
        done, step = high, step * 2
    return done


class OutputChange(NamedTuple):
    """Replace `output[start:end]` with `text` to get the new output."""

    start: int
    end: int
    text: str


class LinePreview:
    """A text, its output and explanation, kept current edit by edit.

    With a profile that splits at line feeds, an edit costs what its blocks
    cost, whatever the length of the text: the text and the output are kept
    as lists of block pieces, joined only when asked for (`text`, `output`,
    `explanation()`). Otherwise every edit runs (and every `explanation()`
    explains) the whole text.
    """

    def __init__(self, pipeline: Pipeline, text: str, block_chars: int = PREVIEW_BLOCK_CHARS):
        self.pipeline = pipeline
        self.seam = pipeline.seam
        self.block_chars = block_chars
        self._text: str | None = text
        self._output: str | None = None
        self._length = len(text)
        self._explanation: Explanation | None = None
        # The explained state: per step its counts and spans, and its first
        # match on the raw text; None until first asked for.
        self._spans: list[StepWork] | None = None
        self._firsts: list[FirstMatch] = []
        # Per block, each step's count of changes (seams not included).
        self._counts: np.ndarray | None = None
        # The last edit's blocks not yet explained: (offset, old length, first
        # block, their texts).
        self._pending: tuple[int, int, int, list[str]] | None = None
        # Per block, its tokens and its output's (see `tokens`); None until asked for.
        self._tokens: list[tuple[int, int]] | None = None
        if self.seam is None:
            self._output = pipeline.run(text)
            return
        starts = block_bounds(text, block_chars)
        self._texts = [text[a:b] for a, b in self._pairs(starts, len(text))]
        self._outputs = list(map(pipeline.run, self._texts))
        self._output_length = sum(map(len, self._outputs)) + len(self.seam.piece) * (
            len(self._outputs) - 1
        )
        self._block_starts = np.array([*starts, len(text) + 1], SPAN_TYPE)
        self._output_starts = self._output_table(0, self._outputs, self._output_length)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "\n".join(self._texts)
        return self._text

    @property
    def output(self) -> str:
        if self._output is None:
            assert self.seam is not None
            self._output = self.seam.piece.join(self._outputs)
        return self._output

    @property
    def splits(self) -> bool:
        """True if edits re-run only their lines (the profile splits at line feeds)."""
        return self.seam is not None

    @property
    def blocks(self) -> int:
        return len(self._block_starts) - 1 if self.seam is not None else 1

    def update(self, text: str, edit: tuple[int, int, str] | None = None) -> OutputChange:
        """Make `text` the preview's text (found as one edit of the last one).

        `edit`, if given, is that edit, `(start, end, replacement)`, as the
        caller knows it (an editor does): finding it costs a compare of the
        two texts, a millisecond per megabyte.
        """
        if text is self._text:
            return OutputChange(0, 0, "")
        start, end, replacement = edit if edit is not None else text_edit(self.text, text)
        change = self.edit(start, end, replacement)
        self._text = text  # the same characters as the blocks: no join needed
        return change

    def tokens(self) -> tuple[int, int]:
        """Whitespace-separated tokens of the text and of the output, as `len(str.split())`.

        Kept per block: blocks are whole lines, and their outputs are joined by
        the seam; where that is whitespace, no token crosses a block boundary.
        """
        if self.seam is None or not self.seam.piece.isspace():
            return len(self.text.split()), len(self.output.split())
        if self._tokens is None:
            self._tokens = [
                (len(text.split()), len(out.split()))
                for text, out in zip(self._texts, self._outputs, strict=True)
            ]
        return sum(pair[0] for pair in self._tokens), sum(pair[1] for pair in self._tokens)

    def edit(self, start: int, end: int, replacement: str) -> OutputChange:
        """Replace `text[start:end]` with `replacement`; what changed in the output."""
        if not 0 <= start <= end <= self._length:
            raise ValueError(f"edit {start}..{end} outside a text of {self._length}")
        self._explanation = None
        if self.seam is None:
            text = self.text[:start] + replacement + self.text[end:]
            previous = len(self.output)
            self._text, self._output = text, self.pipeline.run(text)
            self._length = len(text)
            return OutputChange(0, previous, self._output)
        self._settle()
        seam, blocks, outs = self.seam.piece, self._block_starts, self._output_starts
        count = len(blocks) - 1
        first = min(int(np.searchsorted(blocks, start, "right")) - 1, count - 1)
        last = min(int(np.searchsorted(blocks, end, "right")) - 1, count - 1)
        region = int(blocks[first])
        old = "\n".join(self._texts[first : last + 1])
        new = old[: start - region] + replacement + old[end - region :]
        starts = block_bounds(new, self.block_chars)
        texts = [new[a:b] for a, b in self._pairs(starts, len(new))]
        outputs = list(map(self.pipeline.run, texts))
        piece = seam.join(outputs)
        out_start = int(outs[first])
        out_end = int(outs[last + 1]) - len(seam) if last + 1 < count else self._output_length
        delta, out_delta = len(new) - len(old), len(piece) - (out_end - out_start)
        self._texts[first : last + 1] = texts
        self._outputs[first : last + 1] = outputs
        if self._tokens is not None:
            self._tokens[first : last + 1] = [
                (len(text.split()), len(out.split()))
                for text, out in zip(texts, outputs, strict=True)
            ]
        self._text = self._output = None
        self._length += delta
        self._output_length += out_delta
        if self._spans is not None:
            self._pending = (region, len(old), first, texts)
            assert self._counts is not None
            rows = np.zeros((len(texts), self._counts.shape[1]), np.int64)
            self._counts = np.concatenate((self._counts[:first], rows, self._counts[last + 1 :]))
        self._block_starts = np.concatenate(
            (blocks[:first], np.array(starts, SPAN_TYPE) + region, blocks[last + 1 :] + delta)
        )
        table = self._output_table(out_start, outputs, out_start + len(piece))[:-1]
        self._output_starts = np.concatenate((outs[:first], table, outs[last + 1 :] + out_delta))
        return OutputChange(out_start, out_end, piece)

    def explanation(self) -> Explanation:
        """The explanation of the current text (spliced, where the profile splits)."""
        if self._explanation is not None:
            return self._explanation
        began = time.perf_counter()
        pipeline = self.pipeline
        if self.seam is None:
            self._explanation = pipeline.explain(self.text)
            return self._explanation
        if self._spans is None:
            with collector_paused():
                self._spans, self._counts = self._explain_blocks(0, self._texts)
            self._firsts = [
                first_match(transform, self.text) if transform is not None and split else None
                for transform, split in zip(pipeline.transforms, self.seam.raw_split, strict=True)
            ]
        else:
            self._settle()
        assert self._counts is not None
        seams = len(self._texts) - 1
        works = [
            StepWork(int(total) + seams * seam.changes, spans.starts, spans.ends, spans.seconds)
            for total, spans, seam in zip(
                self._counts.sum(axis=0), self._spans, self.seam.works, strict=True
            )
        ]
        firsts = [
            (lambda i=i: self._firsts[i])
            if split
            else (lambda i=i: first_match(pipeline.transforms[i], self.text))
            for i, split in enumerate(self.seam.raw_split)
        ]
        self._explanation = pipeline.explanation(self.text, self.output, works, firsts, began)
        return self._explanation

    def _explain_blocks(self, offset: int, texts: list[str]) -> tuple[list[StepWork], np.ndarray]:
        """Spans of these consecutive blocks (and the seams between them), and their counts."""
        assert self.seam is not None
        totals = [_Spans() for _ in self.pipeline.transforms]
        rows = np.zeros((len(texts), len(totals)), np.int64)
        for block, piece in enumerate(texts):
            works, _ = self.pipeline.works(piece)
            rows[block] = [work.changes for work in works]
            for total, work in zip(totals, works, strict=True):
                total.add(work, offset)
            offset += len(piece)
            if block + 1 < len(texts):
                for total, work in zip(totals, self.seam.works, strict=True):
                    total.add(work, offset)
                offset += 1
        return [total.work() for total in totals], rows

    def _settle(self) -> None:
        """Splice the pending edit's blocks into the explained state."""
        if self._pending is None or self._spans is None or self._counts is None:
            return
        region, old_length, first, texts = self._pending
        self._pending = None
        works, rows = self._explain_blocks(region, texts)
        self._counts[first : first + len(texts)] = rows
        new_length = sum(map(len, texts)) + len(texts) - 1
        old_end, delta = region + old_length, new_length - old_length
        seam = self.seam
        assert seam is not None  # a preview exists only for profiles that split at lines
        for index, (total, after) in enumerate(zip(self._spans, works, strict=True)):
            low = int(np.searchsorted(total.starts, region))
            high = int(np.searchsorted(total.starts, old_end))
            total.starts = np.concatenate(
                (total.starts[:low], after.starts, total.starts[high:] + delta)
            )
            total.ends = np.concatenate((total.ends[:low], after.ends, total.ends[high:] + delta))
            total.seconds = after.seconds
            if seam.raw_split[index]:
                self._firsts[index] = self._moved_first(index, region, old_end, texts)

    def _moved_first(self, index: int, region: int, old_end: int, texts: list[str]) -> FirstMatch:
        """Step `index`'s first raw match after replacing the blocks at `region`."""
        found = self._firsts[index]
        transform = self.pipeline.transforms[index]
        if transform is None or (found is not None and found[0] < region):
            return found
        new = "\n".join(texts)
        inside = first_match(transform, new)
        if inside is not None:
            return inside[0] + region, inside[1] + region
        if found is None:
            return None
        delta = len(new) - (old_end - region)
        if found[0] >= old_end:
            return found[0] + delta, found[1] + delta
        # It was in the replaced blocks and is gone: look after them.
        after = region + len(new)
        later = first_match(transform, self.text[after:])
        return None if later is None else (later[0] + after, later[1] + after)

    @staticmethod
    def _pairs(starts: list[int], end: int) -> list[tuple[int, int]]:
        return [
            (start, starts[k + 1] - 1 if k + 1 < len(starts) else end)
            for k, start in enumerate(starts)
        ]

    def _output_table(self, offset: int, outputs: list[str], total: int) -> np.ndarray:
        """Output starts of these blocks from `offset`, and after the last one."""
        assert self.seam is not None
        sizes = np.fromiter((len(out) + len(self.seam.piece) for out in outputs), SPAN_TYPE)
        table = np.empty(len(outputs) + 1, SPAN_TYPE)
        table[0] = offset
        np.cumsum(sizes, out=table[1:])
        table[1:] += offset
        table[-1] = total + len(self.seam.piece)
        return table
