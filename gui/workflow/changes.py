"""What each rule did to a text, summed up for the Changes view (no Qt).

From an explanation: per rule, the strings it removed or replaced most often
(what it received -> what it made, with counts), and the text's size before
and after the profile (characters, whitespace tokens, distinct tokens). The
strings come from replaying each rule's edits on the text it received, so
"Lisbon" -> "lisbon" is what lowercasing saw, not a span of the raw text.
On large texts only the first `MAX_EDITS` edits of each rule are tallied
(the counts themselves are exact); run it off the UI thread there.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from gui.engine import Explanation
from gui.engine.edits import Edit, apply_edits

TOP = 8
MAX_EDITS = 20_000
# Longer strings are shown cut: the view has one line per string.
SHOWN_LENGTH = 60


@dataclass(frozen=True)
class StringChange:
    before: str
    after: str
    count: int


@dataclass(frozen=True)
class RuleChanges:
    index: int
    label: str
    status: str
    changes: int
    top: tuple[StringChange, ...]


@dataclass(frozen=True)
class TextFigures:
    chars: int
    tokens: int
    vocabulary: int


@dataclass(frozen=True)
class ChangeSummary:
    rules: tuple[RuleChanges, ...]
    before: TextFigures
    after: TextFigures


def figures(text: str) -> TextFigures:
    tokens = text.split()
    return TextFigures(len(text), len(tokens), len(set(tokens)))


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


def _word_changes(text: str, edits: list[Edit]) -> Iterator[tuple[str, str]]:
    """(before, after) per edit; edits inside a word (case, accents) as the whole word.

    Lowercasing "Lisbon" is the edit "L" -> "l"; the view says "Lisbon" -> "lisbon".
    Several edits in one word make one change of that word.
    """
    starts = [edit.start for edit in edits]
    word_end = -1
    for edit in edits:
        before = text[edit.start : edit.end]
        if not (before.isalnum() and edit.replacement.isalnum()):
            yield before, edit.replacement
            continue
        if edit.start < word_end:
            continue  # counted with its word
        first, last = edit.start, edit.end
        while first > 0 and text[first - 1].isalnum():
            first -= 1
        while last < len(text) and text[last].isalnum():
            last += 1
        word_end = last
        pieces, position = [], first
        for inside in edits[bisect_left(starts, first) : bisect_left(starts, last)]:
            pieces += (text[position : inside.start], inside.replacement)
            position = inside.end
        pieces.append(text[position:last])
        yield text[first:last], "".join(pieces)


def summarize_changes(explanation: Explanation, top: int = TOP) -> ChangeSummary:
    """The Changes view's figures for one explanation."""
    current = explanation.text
    rules: list[RuleChanges] = []
    for report in explanation.reports:
        edits = report.edits
        if edits is None:
            raise ValueError("the Changes view needs each rule's edits: explain(text, edits=True)")
        tally: Counter[tuple[str, str]] = Counter(
            (_shown(before), _shown(after))
            for before, after in _word_changes(current, list(islice(edits, MAX_EDITS)))
        )
        rules.append(
            RuleChanges(
                report.index,
                report.label,
                report.status,
                report.changes,
                tuple(StringChange(b, a, n) for (b, a), n in tally.most_common(top)),
            )
        )
        if edits:
            try:
                current = apply_edits(current, edits)
            except ValueError:  # edits that do not replay: later tallies would be wrong
                break
    return ChangeSummary(tuple(rules), figures(explanation.text), figures(explanation.output))
