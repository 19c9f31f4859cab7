"""Run a profile on text: the output alone, or the output with its explanation.

`Pipeline(profile)` compiles each enabled step once; `run` is the hot path
(the CLI, batch runs, the live preview), `explain` adds per-rule edits mapped
back to the original text.
"""

from __future__ import annotations

import gc
import time
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from operator import itemgetter

from gui.engine.edits import Edit, EditColumns, apply_edit_columns
from gui.engine.explain.origin import OriginMap, merge_span_columns
from gui.engine.explain.report import (
    CHANGED,
    DEAD,
    DISABLED,
    IDLE,
    TIMED_OUT,
    Explanation,
    RuleReport,
)
from gui.engine.fastpath import compile_profile
from gui.engine.profile import Profile
from gui.engine.protect import Protection
from gui.engine.rule import StepResult, Transform, step_result


class Pipeline:
    """A profile compiled for running; it pickles as its profile.

    >>> from gui.engine import Pipeline, load_preset
    >>> Pipeline(load_preset("wordopt")).run("Covid19 hit U.S. [sic]")
    ' hit u s  '
    """

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._transforms: list[Transform | None] = [
            step.rule.transform(**step.params) if step.enabled else None for step in profile.steps
        ]
        # Only profiles with protect patterns pay for protection.
        self._protection = Protection(profile.protect) if profile.protect else None
        # A fused equivalent for common presets (see fastpath.py), else None.
        self._fast = compile_profile(profile)

    def __reduce__(self) -> tuple[type[Pipeline], tuple[Profile]]:
        # Compiled rules hold closures and compiled patterns, which do not
        # pickle: a pickled pipeline is its profile, compiled again on loading
        # (in a worker process, from joblib.load). Same profile, same bytes.
        return (Pipeline, (self.profile,))

    def __repr__(self) -> str:
        return f"Pipeline({self.profile.name!r}, {len(self.profile.steps)} steps)"

    def run(self, text: str) -> str:
        if self._fast is not None:
            return self._fast(text)
        return self.run_generic(text)

    def run_generic(self, text: str) -> str:
        """Each enabled step in turn: the reference the fast path is checked against."""
        if self._protection is not None:
            return self._protection.run(self._transforms, text)
        for transform in self._transforms:
            if transform is not None:
                text = transform.apply(text)
        return text

    def __call__(self, text: str) -> str:
        return self.run(text)

    def explain(self, text: str) -> Explanation:
        # Explain makes a few hundred thousand small objects on a long text
        # (edits, spans) and frees none of them until it returns: the cyclic
        # garbage collector would only rescan them, again and again as they
        # accumulate (a third of the time at 1 MB, growing faster than linear).
        # It creates no cycles, so the collector pauses while it runs.
        with _collector_paused():
            return self._explain(text)

    def _explain(self, text: str) -> Explanation:
        began = time.perf_counter()
        origin = OriginMap(len(text))
        current = text
        guard = self._protection.guard(text) if self._protection is not None else None
        staged: list[tuple[tuple[Edit, ...], list[tuple[int, int]], float]] = []
        results: list[StepResult] = []
        for transform in self._transforms:
            if transform is None:
                staged.append(((), [], 0.0))
                results.append(StepResult(()))
                continue
            step_began = time.perf_counter()
            columns = _edit_columns(transform, current) if guard is None else None
            if columns is not None:
                # Built in whole-list passes, output included (see EditColumns).
                starts, ends, replacements, current = columns
                result = StepResult(tuple(columns.edits()))
                edits = result.edits
            else:
                result = step_result(transform, current)
                edits = result.edits if guard is None else guard.filter(result.edits)
                # Columns, not one tuple per edit: each pass below runs at C speed.
                starts = list(map(itemgetter(0), edits))
                ends = list(map(itemgetter(1), edits))
                replacements = list(map(itemgetter(2), edits))
                if edits:
                    current = apply_edit_columns(current, starts, ends, replacements)
            spans: list[tuple[int, int]] = []
            if edits:
                spans = merge_span_columns(*origin.apply_columns(starts, ends, replacements))
            staged.append((edits, spans, time.perf_counter() - step_began))
            results.append(result)
        reports = []
        for index, (step, (edits, spans, seconds), result) in enumerate(
            zip(self.profile.steps, staged, results, strict=True)
        ):
            if result.timed_out:
                status, reason = TIMED_OUT, result.timed_out
            else:
                status, reason = self._status(index, edits, text, staged)
            reports.append(
                RuleReport(
                    index=index,
                    rule_id=step.rule_id,
                    label=step.label,
                    status=status,
                    edits=edits,
                    spans=tuple(spans),
                    reason=reason,
                    seconds=seconds,
                    notes=result.notes,
                )
            )
        notes = guard.notes if guard is not None else ()
        seconds = time.perf_counter() - began
        return Explanation(text, current, tuple(reports), seconds, notes, origin_map=origin)

    def _status(self, index, edits, text, staged) -> tuple[str, str]:
        transform = self._transforms[index]
        if transform is None:
            return DISABLED, "Switched off."
        if edits:
            return CHANGED, ""
        consumer = self._consumer_on(index, text, staged)
        if consumer is not None:
            return DEAD, (
                f"Dead: what it would match in this text was already changed by "
                f"the earlier rule “{consumer}”."
            )
        blocker = self._structural_blockers.get(index)
        if blocker is not None:
            return DEAD, (
                f"Dead: it can never match in this order, because “{blocker}” runs "
                f"first and removes what it looks for. Move it earlier to use it."
            )
        return IDLE, "Nothing in this text for it to match."

    def _consumer_on(self, index, text, staged) -> str | None:
        """The earlier rule whose spans cover this rule's first match on the raw text."""
        first = next(iter(self._transforms[index].edits(text)), None)
        if first is None:
            return None
        low, high = first.start, max(first.end, first.start + 1)
        for earlier in range(index):
            spans = staged[earlier][1]  # sorted and disjoint: the last starting before `high`
            before = bisect_left([start for start, _ in spans], high) - 1
            if before >= 0 and spans[before][1] > low:
                return self.profile.steps[earlier].label
        return None

    @cached_property
    def _structural_blockers(self) -> dict[int, str]:
        """Steps whose rule examples never survive the steps before them.

        A rule's documented examples are texts it changes. If, after some
        prefix of the profile, none of them is changed any more, the rule is
        dead on every text; the step that ended it is named.
        """
        blockers: dict[int, str] = {}
        for index, transform in enumerate(self._transforms):
            rule = self.profile.steps[index].rule
            samples = [sample for sample, _ in rule.examples]
            if transform is None or not any(_changes(transform, s) for s in samples):
                continue
            for earlier in range(index):
                before = self._transforms[earlier]
                if before is None:
                    continue
                samples = [before.apply(sample) for sample in samples]
                if not any(_changes(transform, sample) for sample in samples):
                    blockers[index] = self.profile.steps[earlier].label
                    break
        return blockers


def _edit_columns(transform: Transform, text: str) -> EditColumns | None:
    """The transform's edits as columns, if it can give them so (and has no notes)."""
    if hasattr(transform, "explained_edits"):
        return None
    edit_columns = getattr(transform, "edit_columns", None)
    return edit_columns(text) if edit_columns is not None else None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Switch the cyclic garbage collector off for a while, if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _changes(transform: Transform, text: str) -> bool:
    return next(iter(transform.edits(text)), None) is not None
