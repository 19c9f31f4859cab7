"""What each rule did: counts, spans of the original text, dead rules.

The window highlights `RuleReport.spans` in the raw pane and shows
`changes` beside each rule. A rule that is enabled but changed nothing is
either *dead* (earlier rules already consumed what it would match, here or on
any text) or *idle* (this text has nothing for it); `reason` says which, in
words a user can act on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gui.engine.edits import Edit
from gui.engine.explain.origin import OriginMap

CHANGED = "changed"
DEAD = "dead"
IDLE = "idle"
DISABLED = "disabled"
# A rule with a time budget (the user's own patterns) ran out of time; the
# text passed through it unchanged and the pipeline went on.
TIMED_OUT = "timed_out"


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
            if any(start <= offset < end for start, end in report.spans):
                found = report
        return found


@dataclass(frozen=True)
class RuleReport(StatusMixin):
    """One profile step's share of the work on one text."""

    index: int
    rule_id: str
    label: str
    status: str
    # Edits in the coordinates of the text this rule received.
    edits: tuple[Edit, ...] = ()
    # Disjoint, sorted, non-empty spans of the original text it removed or replaced.
    spans: tuple[tuple[int, int], ...] = ()
    reason: str = ""
    seconds: float = 0.0
    # Rule-specific remarks, e.g. which ftfy fixes ran; empty for most rules.
    notes: tuple[str, ...] = ()

    @property
    def changes(self) -> int:
        return len(self.edits)


@dataclass(frozen=True)
class Explanation(ReportsMixin):
    """The output of a profile on a text, and each step's report."""

    text: str
    output: str
    reports: tuple[RuleReport, ...]
    seconds: float = 0.0
    # Profile-level remarks (e.g. a protect pattern that ran out of time).
    notes: tuple[str, ...] = ()
    # Where each part of `output` came from in `text`; see `origin`.
    origin_map: OriginMap | None = field(default=None, repr=False, compare=False)

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
        if self.origin_map is None:
            raise ValueError("this explanation was made without its origin map")
        if self.origin_map.length != len(self.output):
            raise ValueError("the origin map does not describe this output")
        return self.origin_map.span(start, end)
