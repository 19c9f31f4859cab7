"""Line rules: collapse blank lines, join hyphenated line breaks, drop matching lines.

(Collapsing spaces and trimming are in `whitespace`.) A blank line is one with
nothing but spaces or tabs on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gui.engine.edits import Edit
from gui.engine.rule import NO_EDITS, EditsTransform, Param, ParamError, Reach, Rule, Transform
from gui.engine.userpattern import (
    BudgetedTransform,
    budget_param,
    check_pattern,
    compile_pattern,
    name_param,
    remaining,
)

CATEGORY = "Whitespace and lines"

# A hyphen at the end of a line, right after a letter, and the line break
# with any spaces around it; what follows is checked in code.
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-[^\S\n]*\n[^\S\n]*")


MAX_BLANK_LIMIT = 10_000  # the regex engine refuses repeat counts past 2**32; no text needs more


def _check_max_blank(value: int) -> None:
    if value < 0:
        raise ParamError(f"must be 0 or more, not {value}")
    if value > MAX_BLANK_LIMIT:
        raise ParamError(f"must be at most {MAX_BLANK_LIMIT:,}, not {value:,}")


_LEADING_BLANK = re.compile(r"(?:[^\S\n]*\n)+")
_TRAILING_BLANK = re.compile(r"(?:\n[^\S\n]*)+\Z")


def _build_collapse_blank(max_blank: int, ends: bool) -> Transform:
    # A line break followed by more than `max_blank` blank lines.
    pattern = re.compile(rf"\n(?:[^\S\n]*\n){{{max_blank + 1},}}")
    replacement = "\n" * (max_blank + 1)

    def edits(text: str) -> Iterator[Edit]:
        start, end = 0, len(text)
        if ends:
            leading = _LEADING_BLANK.match(text)
            trailing = _TRAILING_BLANK.search(text)
            if leading:
                start = leading.end()
                yield Edit(0, start, "")
            if trailing and trailing.start() >= start:
                end = trailing.start()
        for match in pattern.finditer(text, start, end):
            yield Edit(match.start(), match.end(), replacement)
        if end < len(text):
            yield Edit(end, len(text), "")

    return EditsTransform(edits)


COLLAPSE_BLANK_LINES = Rule(
    id="collapse_blank_lines",
    label="Collapse blank lines",
    description="Shorten each run of blank lines to at most max_blank empty lines.",
    build=_build_collapse_blank,
    params=(
        Param(
            "max_blank",
            int,
            1,
            "Blank lines to keep between paragraphs (0 joins them line to line).",
            check=_check_max_blank,
        ),
        Param("ends", bool, False, "Also delete blank lines at the start and end of the text."),
    ),
    reach=Reach.TEXT,  # a run of blank lines is several line feeds; `ends` sees the text's ends
    category=CATEGORY,
    examples=(("a\n\n\n\nb", "a\n\nb"), ("a\n \n\t\nb\n\nc", "a\n\nb\n\nc")),
)


def _build_join_hyphenated(lowercase_only: bool) -> Transform:
    def edits(text: str) -> Iterator[Edit]:
        for match in _HYPHEN_BREAK.finditer(text):
            end = match.end()
            if end == len(text):
                continue
            following = text[end]
            if following.islower() if lowercase_only else following.isalpha():
                yield Edit(match.start(), end, "")

    return EditsTransform(edits)


JOIN_HYPHENATED_LINES = Rule(
    id="join_hyphenated_lines",
    label="Join hyphenated line breaks",
    description="Join words split across lines by a hyphen: exam-⏎ple -> example.",
    build=_build_join_hyphenated,
    params=(
        Param(
            "lowercase_only",
            bool,
            True,
            "Join only when the next line starts with a lowercase letter (keeps New-⏎York).",
        ),
    ),
    reach=Reach.TEXT,  # it deletes the line feed between two lines
    category=CATEGORY,
    examples=(("an exam-\nple here", "an example here"), ("New-\nYork", "New-\nYork")),
)


def _build_remove_lines(
    name: str, pattern: str, ignore_case: bool, time_budget: float
) -> Transform:
    if not pattern:
        return NO_EDITS
    # Multiline, so that ^ and $ match at the ends of each line searched.
    compiled = compile_pattern(pattern, ignore_case, multiline=True)

    def find(text: str, deadline: float) -> list[Edit]:
        found: list[Edit] = []
        start = 0
        while start < len(text):
            newline = text.find("\n", start)
            end = len(text) if newline < 0 else newline + 1
            line_end = end if newline < 0 else newline
            if compiled.search(text, start, line_end, timeout=remaining(deadline)):
                found.append(Edit(start, end, ""))
            start = end
        return found

    return BudgetedTransform(name or pattern, time_budget, find)


REMOVE_LINES_MATCHING = Rule(
    id="remove_lines_matching",
    label="Delete lines matching a pattern",
    description=(
        "Delete every line (with its line break) in which a regular expression matches. "
        "Runs under a time budget."
    ),
    build=_build_remove_lines,
    params=(
        name_param(),
        Param(
            "pattern",
            str,
            "",
            "A regular expression searched in each line; empty does nothing.",
            check=check_pattern,
            monospace=True,
        ),
        Param("ignore_case", bool, False, "Match regardless of case."),
        budget_param(),
    ),
    category=CATEGORY,
    examples=(("unchanged until configured", "unchanged until configured"),),
    reach=Reach.TEXT,  # a dropped line takes its line feed with it
    repeatable=True,
    primary_param="pattern",
    user_label="Drop lines",
)

# This family's rules, in catalogue order: the registry collects them.
RULES = (
    COLLAPSE_BLANK_LINES,
    JOIN_HYPHENATED_LINES,
    REMOVE_LINES_MATCHING,
)
