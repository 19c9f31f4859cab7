"""The explain loop: each enabled step in turn, its edits mapped to the original text.

`explain_steps` is the reference explain of one whole text: every step's
edits (as columns where the transform can give them so), looked up in an
`OriginMap` and kept as span arrays of the original text (`StepWork`), never
as one object per span. Statuses (changed, dead, idle, ...) are decided by
`Statuses`, from the counts, spans and each idle rule's first match on the
raw text; the line-by-line explain (`lines.py`) reuses both.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from operator import itemgetter
from types import EllipsisType

import numpy as np

from gui.engine.edits import Edit, EditColumns, apply_edit_columns
from gui.engine.explain.origin import OriginMap
from gui.engine.explain.report import (
    CHANGED,
    DEAD,
    DISABLED,
    IDLE,
    SPAN_TYPE,
    TIMED_OUT,
    Status,
    no_spans,
)
from gui.engine.protect import Guard
from gui.engine.rule import Transform, step_result

# A rule's first match on the raw text: (start, end) with end > start, or None.
FirstMatch = tuple[int, int] | None

# One empty span array for every step that has no spans: nothing can be
# written into an empty array, and a new one per step cost a microsecond
# each (sixteen per explain of wordopt).
_NO_SPANS = no_spans()


class StepWork:
    """One step's work on one text: counts and spans of the original text.

    A plain class with slots, its defaults plain default arguments: explain
    makes eight per text, and a dataclass's default factories were calls.
    """

    __slots__ = ("changes", "edits", "ends", "first", "notes", "seconds", "starts", "timed_out")

    def __init__(
        self,
        changes: int = 0,
        starts: np.ndarray = _NO_SPANS,
        ends: np.ndarray = _NO_SPANS,
        seconds: float = 0.0,
        notes: tuple[str, ...] = (),
        timed_out: str = "",
        edits: tuple[Edit, ...] | None = None,
        first: FirstMatch | EllipsisType = ...,
    ) -> None:
        self.changes = changes
        # Disjoint, sorted spans of the original text, as two arrays.
        self.starts = starts
        self.ends = ends
        self.seconds = seconds
        self.notes = notes
        self.timed_out = timed_out
        # The edits themselves, when asked for (`explain(text, edits=True)`).
        self.edits = edits
        # The step's first match on the raw text, where whoever made this
        # work knew it for nothing (explain/fused.py); `...` if not known.
        self.first = first

    def __repr__(self) -> str:
        return f"StepWork({self.changes} changes, {len(self.starts)} spans)"


def explain_steps(
    transforms: Sequence[Transform | None],
    text: str,
    guard: Guard | None = None,
    keep_edits: bool = False,
    inert: frozenset[int] = frozenset(),
    origin: OriginMap | None = None,
) -> tuple[list[StepWork], str]:
    """Every step's work on `text`, and the output.

    Steps in `inert` are known to change nothing where they stand in this
    profile (see fastpath.inert_steps): they are not run. `origin`, if given,
    is the map the spans are traced through, left describing the output.
    """
    if origin is None:
        origin = OriginMap(len(text))
    current = text
    works: list[StepWork] = []
    for index, transform in enumerate(transforms):
        if transform is None or index in inert:
            works.append(StepWork(edits=() if keep_edits else None))
            continue
        began = time.perf_counter()
        columns = _edit_columns(transform, current) if guard is None else None
        notes: tuple[str, ...] = ()
        timed_out = ""
        if columns is not None:
            # Built in whole-list passes, output included (see EditColumns).
            starts, ends, replacements, current = columns
            edits = tuple(columns.edits()) if keep_edits else None
        else:
            result = step_result(transform, current)
            notes, timed_out = result.notes, result.timed_out
            found = result.edits if guard is None else guard.filter(result.edits)
            edits = found if keep_edits else None
            # Columns, not one tuple per edit: each pass below runs at C speed.
            starts = list(map(itemgetter(0), found))
            ends = list(map(itemgetter(1), found))
            replacements = list(map(itemgetter(2), found))
            if found:
                current = apply_edit_columns(current, starts, ends, replacements)
        work = StepWork(len(starts), notes=notes, timed_out=timed_out, edits=edits)
        if starts:
            work.starts, work.ends = merge_span_arrays(
                *origin.apply_columns(starts, ends, replacements)
            )
        work.seconds = time.perf_counter() - began
        works.append(work)
    return works, current


def merge_span_arrays(starts: list[int], ends: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Spans (starts sorted) as arrays, empty ones dropped and overlaps merged."""
    first = np.array(starts, SPAN_TYPE)
    last = np.array(ends, SPAN_TYPE)
    nonempty = first != last
    if not nonempty.all():
        first, last = first[nonempty], last[nonempty]
    if len(first) < 2 or (first[1:] >= last[:-1]).all():
        return first, last  # disjoint already (one rule's edits, mostly)
    # The end of the merged span so far is the largest end so far; a span
    # opens a new merged span unless it starts before that reach.
    reach = np.maximum.accumulate(last)
    opens = np.empty(len(first), bool)
    opens[0] = True
    opens[1:] = first[1:] >= reach[:-1]
    closes = np.empty(len(first), bool)
    closes[-1] = True
    closes[:-1] = opens[1:]
    return first[opens], reach[closes]


def first_match(transform: Transform, text: str) -> FirstMatch:
    """Where the transform's first edit on `text` lies (a point counts as one character)."""
    first = next(iter(transform.edits(text)), None)
    if first is None:
        return None
    return first.start, max(first.end, first.start + 1)


_DISABLED = (DISABLED, "Switched off.")
_CHANGED = (CHANGED, "")
_IDLE = (IDLE, "Nothing in this text for it to match.")


class Statuses:
    """Each step's status and reason, from its counts, spans and first raw match."""

    def __init__(
        self,
        transforms: Sequence[Transform | None],
        labels: Sequence[str],
        blockers: Callable[[], dict[int, int]],
    ) -> None:
        self._transforms = transforms
        self._labels = labels
        self._find_blockers = blockers
        self._blockers: dict[int, int] | None = None
        # The (status, reason) pairs are the same on every text: made once,
        # not per explain.
        self._consumed = [
            (
                DEAD,
                f"Dead: what it would match in this text was already changed by "
                f"the earlier rule “{label}”.",
            )
            for label in labels
        ]
        self._blocked = [
            (
                DEAD,
                f"Dead: it can never match in this order, because “{label}” "
                f"runs first and removes what it looks for. Move it earlier to use it.",
            )
            for label in labels
        ]

    def all(
        self, works: Sequence[StepWork], first: Callable[[int], FirstMatch]
    ) -> list[tuple[Status, str]]:
        """Every step's (status, reason); `first(i)` gives step i's first raw match.

        `first` is asked only for steps that changed nothing, after an earlier
        step with spans, and whose work does not know its first match already:
        a rule's first match on a whole text is a regex scan of it.
        """
        transforms = self._transforms
        statuses: list[tuple[Status, str]] = []
        # The earlier steps with spans, by index.
        spanned: list[int] = []
        for index, work in enumerate(works):
            if transforms[index] is None:
                statuses.append(_DISABLED)
            elif work.timed_out:
                statuses.append((TIMED_OUT, work.timed_out))
            elif work.changes:
                statuses.append(_CHANGED)
            else:
                consumer = None
                if spanned:
                    found = work.first
                    if found is ...:
                        found = first(index)
                    if found is not None:
                        consumer = self._consumer(spanned, works, found)
                if consumer is not None:
                    statuses.append(self._consumed[consumer])
                else:
                    statuses.append(self._unchanged(index, works))
            if len(work.starts):
                spanned.append(index)
        return statuses

    def _unchanged(self, index: int, works: Sequence[StepWork]) -> tuple[Status, str]:
        """The status of an enabled step that changed nothing and consumed nothing."""
        if self._blockers is None:
            self._blockers = self._find_blockers()
        blocker = self._blockers.get(index)
        # Dead in this order on any text, but only said so where the rule that
        # removes its input had something to remove (not on an empty text).
        if blocker is not None and works[blocker].changes:
            return self._blocked[blocker]
        return _IDLE

    @staticmethod
    def _consumer(
        spanned: Sequence[int], works: Sequence[StepWork], first: tuple[int, int]
    ) -> int | None:
        """The earlier step (of `spanned`) whose spans cover this rule's first raw match."""
        low, high = first
        for earlier in spanned:
            work = works[earlier]
            # Sorted and disjoint: the last span starting before `high`.
            before = int(work.starts.searchsorted(high)) - 1
            if before >= 0 and work.ends[before] > low:
                return earlier
        return None


def _edit_columns(transform: Transform, text: str) -> EditColumns | None:
    """The transform's edits as columns, if it can give them so (and has no notes)."""
    if hasattr(transform, "explained_edits"):
        return None
    edit_columns = getattr(transform, "edit_columns", None)
    return edit_columns(text) if edit_columns is not None else None


class collector_paused:  # lower case: used like a function, as contextlib.suppress is
    """Switch the cyclic garbage collector off for a while, if it was on.

    A class, not a @contextmanager generator: explain enters it once per
    call, and on a short text the generator's machinery (1.4 us) was a
    visible share of the whole explain.
    """

    __slots__ = ("_was_enabled",)

    def __enter__(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *_exc: object) -> None:
        if self._was_enabled:
            gc.enable()
