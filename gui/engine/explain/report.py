"""What each rule did: counts, spans of the original text, dead rules.

The window highlights each report's spans in the raw pane and shows
`changes` beside each rule. A rule that is enabled but changed nothing is
either *dead* (earlier rules already consumed what it would match, here or on
any text) or *idle* (this text has nothing for it); `reason` says which, in
words a user can act on.

Spans are kept as two integer arrays per rule (`starts`, `ends`), never as
one Python object per span: explain on fifty megabytes of news gives
millions of spans, and arrays are what the helper process sends and the raw
pane searches. `spans` spells them out as pairs for callers that want them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np

from gui.engine.edits import Edit
from gui.engine.explain.origin import OriginMap

# Spans are offsets into one text: 64-bit, whatever the platform's default.
SPAN_TYPE = np.int64


class Status(StrEnum):
    """A step's outcome on one text; equal to its lower-case name as a string."""

    CHANGED = "changed"
    DEAD = "dead"
    IDLE = "idle"
    DISABLED = "disabled"
    # A rule with a time budget (the user's own patterns) ran out of time; the
    # text passed through it unchanged and the pipeline went on.
    TIMED_OUT = "timed_out"


CHANGED = Status.CHANGED
DEAD = Status.DEAD
IDLE = Status.IDLE
DISABLED = Status.DISABLED
TIMED_OUT = Status.TIMED_OUT


def no_spans() -> np.ndarray:
    return np.zeros(0, SPAN_TYPE)


class StatusMixin:
    """What a step's `status` means; shared by reports and the window's summaries."""

    status: str

    @property
    def enabled(self) -> bool:
        return self.status != DISABLED

    @property
    def dead(self) -> bool:
        return self.status == DEAD

    @property
    def timed_out(self) -> bool:
        return self.status == TIMED_OUT


class SpansMixin:
    """Spans kept as two arrays (`starts`, `ends`), read as pairs or searched."""

    # numpy arrays in the engine, `array("q")` in the window's summaries.
    starts: Sequence[int] | np.ndarray
    ends: Sequence[int] | np.ndarray

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return tuple(zip(map(int, self.starts), map(int, self.ends), strict=True))

    def covers(self, offset: int) -> bool:
        """True if one of the spans holds `offset` (a bisect, not a scan)."""
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]


class ReportsMixin:
    """Questions asked of a whole explanation; shared with the window's summaries."""

    reports: tuple

    @property
    def dead_rules(self) -> list:
        return [report for report in self.reports if report.dead]

    @property
    def timed_out_rules(self) -> list:
        return [report for report in self.reports if report.timed_out]

    def rule_at(self, offset: int):
        """The last rule whose spans cover `offset` of the original text."""
        found = None
        for report in self.reports:
            if report.covers(offset):
                found = report
        return found


@dataclass(frozen=True)
class RuleReport(StatusMixin, SpansMixin):
    """One profile step's share of the work on one text."""

    index: int
    rule_id: str
    label: str
    status: Status
    # How many edits it made (on the text it received).
    changes: int = 0
    # Disjoint, sorted, non-empty spans of the original text it removed or
    # replaced: `starts[i]` to `ends[i]`.
    starts: np.ndarray = field(default_factory=no_spans, repr=False, compare=False)
    ends: np.ndarray = field(default_factory=no_spans, repr=False, compare=False)
    reason: str = ""
    seconds: float = 0.0
    # Rule-specific remarks, e.g. which ftfy fixes ran; empty for most rules.
    notes: tuple[str, ...] = ()
    # Its edits in the coordinates of the text it received, only when asked
    # for (`Pipeline.explain(text, edits=True)`); None otherwise.
    edits: tuple[Edit, ...] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def made_all(
        cls,
        rule_ids: Sequence[str],
        labels: Sequence[str],
        works: Sequence[Any],
        statuses: Sequence[tuple[Status, str]],
    ) -> tuple[RuleReport, ...]:
        """Each step's report from its work (an explainer `StepWork`) and (status, reason).

        The same reports as the constructor makes, faster: a frozen dataclass
        sets each of its eleven fields through `object.__setattr__`, 3 us a
        report, eight per explain of wordopt (a tenth of explaining a news
        article). Here each goes straight into the new instance's dict (tests
        hold the two to the same result).
        """
        reports = []
        new = cls.__new__
        for index, work in enumerate(works):
            report = new(cls)
            # Item by item into the instance's own dict: the fastest way in
            # (it shares its keys with the class's other instances).
            fields = report.__dict__
            fields["index"] = index
            fields["rule_id"] = rule_ids[index]
            fields["label"] = labels[index]
            status, reason = statuses[index]
            fields["status"] = status
            fields["changes"] = work.changes
            fields["starts"] = work.starts
            fields["ends"] = work.ends
            fields["reason"] = reason
            fields["seconds"] = work.seconds
            fields["notes"] = work.notes
            fields["edits"] = work.edits
            reports.append(report)
        return tuple(reports)


@dataclass(frozen=True)
class Explanation(ReportsMixin):
    """The output of a profile on a text, and each step's report."""

    text: str
    output: str
    reports: tuple[RuleReport, ...]
    seconds: float = 0.0
    # Profile-level remarks (e.g. a protect pattern that ran out of time).
    notes: tuple[str, ...] = ()
    # Where each part of `output` came from in `text`; see `origin`. Built on
    # first use from `origin_source` (the lean explain keeps no edits, and most
    # callers never ask), then kept.
    origin_map: OriginMap | None = field(default=None, repr=False, compare=False)
    origin_source: Callable[[], OriginMap] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def made(
        cls,
        text: str,
        output: str,
        reports: tuple[RuleReport, ...],
        seconds: float,
        notes: tuple[str, ...],
        origin_source: Callable[[], OriginMap] | None,
    ) -> Explanation:
        """The explanation of these fields (no origin map yet), made as `RuleReport.made_all`."""
        explanation = cls.__new__(cls)
        fields = explanation.__dict__  # (as in `RuleReport.made_all`)
        fields["text"] = text
        fields["output"] = output
        fields["reports"] = reports
        fields["seconds"] = seconds
        fields["notes"] = notes
        fields["origin_map"] = None
        fields["origin_source"] = origin_source
        return explanation

    def origin(self, start: int, end: int | None = None) -> tuple[int, int]:
        """The span of the raw `text` that `output[start:end]` came from.

        `end` defaults to `start + 1`: one character. A character copied through
        unchanged maps to itself in the raw text; one a rule put in (the space
        for a dropped "(") maps to the whole raw span that rule replaced; a
        range maps from the start of its first character's origin to the end of
        its last's. An empty range (`start == end`) is a point in the raw text.
        Raises IndexError outside `0 <= start <= end <= len(output)`.

            >>> from gui.engine import explain
            >>> report = explain("Covid19 hit U.S.", "wordopt")
            >>> report.output, report.origin(1, 4), report.text[8:11]
            (' hit u s ', (8, 11), 'hit')
        """
        if end is None:
            end = start + 1
        origin = self.origin_map
        if origin is None and self.origin_source is not None:
            origin = self.origin_source()
            object.__setattr__(self, "origin_map", origin)  # frozen: a cache, not a change
        if origin is None:
            raise ValueError("this explanation was made without its origin map")
        if origin.length != len(self.output):
            raise ValueError("the origin map does not describe this output")
        return origin.span(start, end)
