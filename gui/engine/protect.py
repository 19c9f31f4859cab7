"""Protected spans: profile-level patterns whose matches no rule may change.

clean-text calls them exceptions: keep `C++` or `U.S.` intact while the rest
of the text is lowercased and stripped of punctuation. The matches are found
once, in the original text, and followed through the pipeline: every rule's
edits that touch a protected span are dropped (not even lowercasing gets
through), and the spans shift with the edits that are kept. A user rule
that runs out of time warns (RuleTimeoutWarning) as it does without
protection, and so does a protect pattern that does. The pipeline
only takes this path when the profile has protections, so ordinary profiles
run exactly as before.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterable, Sequence

from gui.engine.edits import Edit, apply_edits
from gui.engine.explain.origin import merge_spans
from gui.engine.rule import RuleTimeoutWarning, Transform
from gui.engine.userpattern import DEFAULT_BUDGET, compile_pattern


class Protection:
    """Compiled protect patterns (user patterns: checked, and run under a time budget)."""

    def __init__(self, patterns: Sequence[str], budget: float = DEFAULT_BUDGET) -> None:
        self.patterns = tuple(patterns)
        self._compiled = [compile_pattern(pattern) for pattern in patterns if pattern]
        self.budget = budget

    def guard(self, text: str) -> Guard:
        """The protected spans of `text`, ready to filter a pipeline's edits."""
        spans: list[tuple[int, int]] = []
        notes: list[str] = []
        for compiled in self._compiled:
            try:
                deadline = time.monotonic() + self.budget
                for match in compiled.finditer(text, timeout=self.budget):
                    if match.end() > match.start():
                        spans.append(match.span())
                    if time.monotonic() > deadline:
                        raise TimeoutError
            except TimeoutError:
                notes.append(
                    f"Protect pattern {compiled.pattern!r} took more than {self.budget:g} s "
                    f"on this text and protects nothing in it."
                )
        spans.sort()
        return Guard(merge_spans(spans), tuple(notes))

    def run(self, transforms: Sequence[Transform | None], text: str) -> str:
        """`Pipeline.run` with protection: each step's edits, filtered, replayed."""
        guard = self.guard(text)
        for note in guard.notes:
            warnings.warn(RuleTimeoutWarning(note), stacklevel=3)
        for transform in transforms:
            if transform is None:
                continue
            if not guard.spans:
                text = transform.apply(text)
                continue
            text = apply_edits(text, guard.filter(tuple(_edits(transform, text))))
        return text


def _edits(transform: Transform, text: str) -> Iterable[Edit]:
    # A budgeted transform (a user pattern) that runs out of time warns, as its
    # `apply` does on the unprotected path: the text would depend on the machine's
    # load, and a batch must skip the record (`rule "X" timed out`).
    timed = getattr(transform, "timed_edits", None)
    if timed is None:
        return transform.edits(text)
    edits, reason = timed(text)
    if reason:
        warnings.warn(RuleTimeoutWarning(reason), stacklevel=4)
    return edits


class Guard:
    """Protected spans of the current text, kept current as edits are applied."""

    def __init__(self, spans: list[tuple[int, int]], notes: tuple[str, ...] = ()) -> None:
        self.spans = spans
        self.notes = notes

    def filter(self, edits: Sequence[Edit]) -> tuple[Edit, ...]:
        """The edits that leave every protected span intact; the spans move past them.

        An edit conflicts with a span when it replaces any of its characters or
        inserts strictly inside it; inserting right before or after is fine.
        """
        spans = self.spans
        if not spans:
            return tuple(edits)
        kept: list[Edit] = []
        moved: list[tuple[int, int]] = []
        delta = 0
        index = 0
        for edit in edits:
            start, end, replacement = edit
            while index < len(spans) and spans[index][1] <= start:
                moved.append((spans[index][0] + delta, spans[index][1] + delta))
                index += 1
            if index < len(spans):
                span_start = spans[index][0]
                if (span_start < end) if end > start else (span_start < start):
                    continue
            kept.append(edit)
            delta += len(replacement) - (end - start)
        moved.extend((start + delta, end + delta) for start, end in spans[index:])
        self.spans = moved
        return tuple(kept)
