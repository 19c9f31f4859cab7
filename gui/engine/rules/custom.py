"""The user's own rules: literal find/replace and regular-expression replace.

Both may appear any number of times in a profile (`repeatable`), each with a
`name` the window shows. A pattern is checked when it is set (a bad one is a
ParamError naming the problem and its position, shown inline) and regular
expressions run under a time budget (see `gui.engine.userpattern`). An
empty pattern does nothing: a rule just added in the window is harmless.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gui.engine.edits import Edit
from gui.engine.rule import (
    NO_EDITS,
    EditsTransform,
    Param,
    Reach,
    RegexTransform,
    Rule,
    Transform,
)
from gui.engine.userpattern import (
    BudgetedTransform,
    budget_param,
    check_pattern,
    check_template,
    compile_pattern,
    name_param,
    remaining,
)

CATEGORY = "Your rules"


def _literal_edits(text: str, find: str, replace: str) -> Iterator[Edit]:
    position = 0
    size = len(find)
    while (start := text.find(find, position)) >= 0:
        yield Edit(start, start + size, replace)
        position = start + size


def _build_find_replace(
    name: str, find: str, replace: str, ignore_case: bool, whole_word: bool
) -> Transform:
    if not find:
        return NO_EDITS
    if not ignore_case and not whole_word:
        return EditsTransform(lambda text: _literal_edits(text, find, replace))
    # An escaped literal cannot backtrack: plain `re` stays linear.
    body = re.escape(find)
    if whole_word:
        body = rf"(?<!\w){body}(?!\w)"
    return RegexTransform(re.compile(body, re.IGNORECASE if ignore_case else 0), replace)


def _find_reach(name: str, find: str, replace: str, ignore_case: bool, whole_word: bool) -> Reach:
    # A match is a copy of `find` (case folding maps no character to or from
    # whitespace) and the whole-word lookarounds take whitespace as a text
    # end: a match holds whitespace only where `find` does.
    if not any(ch.isspace() for ch in find):
        return Reach.SPACE
    return Reach.TEXT if "\n" in find else Reach.LINE


FIND_REPLACE = Rule(
    id="find_replace",
    label="Find and replace",
    description="Replace every occurrence of a piece of text with another (literal text).",
    build=_build_find_replace,
    params=(
        name_param(),
        Param("find", str, "", "The text to find; empty does nothing.", monospace=True),
        Param("replace", str, "", "The text put in its place; empty deletes it.", monospace=True),
        Param("ignore_case", bool, False, "Match regardless of case."),
        Param("whole_word", bool, False, "Match only where no letter or digit touches it."),
    ),
    reach=_find_reach,
    category=CATEGORY,
    examples=(("unchanged until configured", "unchanged until configured"),),
    repeatable=True,
    primary_param="find",
    user_label="Find",
    new_entry=("New &Find/Replace…", "Replace a piece of literal text with another"),
)


def _build_regex_replace(
    name: str, pattern: str, replacement: str, ignore_case: bool, time_budget: float
) -> Transform:
    if not pattern:
        return NO_EDITS
    compiled = compile_pattern(pattern, ignore_case)
    check_template(compiled, replacement)

    def find(text: str, deadline: float) -> list[Edit]:
        found: list[Edit] = []
        for match in compiled.finditer(text, timeout=remaining(deadline)):
            found.append(Edit(match.start(), match.end(), match.expand(replacement)))
            # The regex timeout covers matching; this covers building the edits too.
            if not len(found) & 0x3FFF:
                remaining(deadline)
        return found

    return BudgetedTransform(name or pattern, time_budget, find)


REGEX_REPLACE = Rule(
    id="regex_replace",
    label="Pattern replace",
    description=(
        "Replace every match of a regular expression; the replacement may refer to "
        "groups as \\1 or \\g<name>. Runs under a time budget."
    ),
    build=_build_regex_replace,
    params=(
        name_param(),
        Param(
            "pattern",
            str,
            "",
            "A regular expression (Python syntax); empty does nothing.",
            check=check_pattern,
            monospace=True,
        ),
        Param(
            "replacement", str, "", "What each match becomes; \\1 inserts group 1.", monospace=True
        ),
        Param("ignore_case", bool, False, "Match regardless of case."),
        budget_param(),
    ),
    # A user's pattern can match anything, line feeds and empty strings included.
    reach=Reach.TEXT,
    category=CATEGORY,
    examples=(("unchanged until configured", "unchanged until configured"),),
    repeatable=True,
    primary_param="pattern",
    user_label="Regex",
    new_entry=(
        "New &Regular Expression…",
        "Replace every match of your own regular expression (runs under a time budget)",
    ),
)

# This family's rules, in catalogue order: the registry collects them.
RULES = (
    FIND_REPLACE,
    REGEX_REPLACE,
)
