"""Patterns users type: checked when set, run with a time budget.

A regular expression typed into the window can be invalid (the error shows
inline, nothing changes) or pathological (`(a+)+$` on a long run of `a`
backtracks for ages). User patterns are therefore compiled with the `regex`
package, whose matching functions take a timeout. A transform that runs out
of time leaves its input unchanged: `apply` warns (RuleTimeoutWarning) so
`Pipeline.run` needs no extra bookkeeping, and `explained_edits` reports the
time-out so explain can mark the step.
"""

from __future__ import annotations

import importlib
import time
import warnings
from collections.abc import Callable

import regex

from gui.engine.edits import Edit, apply_edits
from gui.engine.rule import Param, ParamError, RuleTimeoutWarning, StepResult

# Seconds one user rule may spend on one text before it gives up.
DEFAULT_BUDGET = 0.5


def compile_pattern(
    pattern: str, ignore_case: bool = False, multiline: bool = False
) -> regex.Pattern[str]:
    """Compile a user's regular expression; ParamError says what is wrong and where."""
    flags = (regex.IGNORECASE if ignore_case else 0) | (regex.MULTILINE if multiline else 0)
    _refuse_nested_repetition(pattern)
    try:
        return regex.compile(pattern, flags)
    except regex.error as error:
        # types-regex leaves out the `pos` and `msg` that regex.error has.
        position: int | None = error.pos  # type: ignore[attr-defined]
        message: str = error.msg  # type: ignore[attr-defined]
        where = f" at position {position}" if position is not None else ""
        raise ParamError(f"invalid regular expression: {message}{where}") from None


# Nested counted repeats multiply: (?:(?:a{1000}){1000}){1000} is a billion steps,
# and compiling it exhausts memory before any time budget can help (issue 9).
MAX_NESTED_REPEAT = 100_000


def _refuse_nested_repetition(pattern: str) -> None:
    try:
        # The stdlib's parser (private, hence by name): regex has no public parse tree.
        sre = importlib.import_module("re._parser")
    except ImportError:
        return
    try:
        tree = sre.parse(pattern)
    except Exception:  # regex-only syntax: regex.compile reports real errors
        return
    repeats = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)}

    def worst(items, depth: int = 0) -> int:
        if depth > 200:
            raise ParamError("the pattern nests too deeply")
        most = 1
        for op, arg in items:
            inner = 1
            if op in repeats:
                low, high, sub = arg
                count = low if high == sre.MAXREPEAT else high
                inner = max(count, 1) * worst(sub, depth + 1)
            elif op == sre.SUBPATTERN:
                inner = worst(arg[-1], depth + 1)
            elif op == sre.BRANCH:
                inner = max((worst(branch, depth + 1) for branch in arg[1]), default=1)
            most = max(most, inner)
        return most

    if worst(tree) > MAX_NESTED_REPEAT:
        raise ParamError(
            f"nested repetition repeats more than {MAX_NESTED_REPEAT:,} times; "
            "it could exhaust memory, so the pattern is refused"
        )


def check_pattern(pattern: str) -> None:
    """Param check: the pattern compiles."""
    compile_pattern(pattern)


def check_template(compiled: regex.Pattern[str], template: str) -> None:
    """ParamError unless `template` is a valid replacement for `compiled` (\\1, \\g<name>).

    The template is expanded against an empty match of a stand-in pattern
    with the same groups, so every check the `regex` package makes when it
    expands a real match happens now, before any text runs.
    """
    names = {number: name for name, number in compiled.groupindex.items()}
    stand_in = "".join(
        f"(?P<{names[number]}>)" if number in names else "()"
        for number in range(1, compiled.groups + 1)
    )
    match = regex.match(stand_in, "")
    assert match is not None  # groups that are all empty match the empty string
    try:
        match.expand(template)
    except (regex.error, IndexError) as error:
        raise ParamError(f"invalid replacement: {error}") from None


def check_budget(value: float) -> None:
    if not 0 < value <= 60:
        raise ParamError(f"must be more than 0 and at most 60 seconds, not {value}")


def budget_param() -> Param:
    return Param(
        "time_budget",
        float,
        DEFAULT_BUDGET,
        "Seconds the rule may spend on one text; after that it leaves the text unchanged.",
        check=check_budget,
        unit="s",
    )


def name_param() -> Param:
    """The `name` of a user's own rule (see `Rule.user_label`)."""
    return Param("name", str, "", "A name for this rule, shown in the rule list.")


class BudgetedTransform:
    """A transform whose edits come from a user pattern, under a time budget.

    `find(text, deadline)` returns the edits, passing `timeout=` (the time
    left before `deadline`, from `remaining`) to every `regex` call; a
    TimeoutError from any of them marks the whole step timed out.
    """

    def __init__(self, name: str, budget: float, find: Callable[[str, float], list[Edit]]) -> None:
        self.name = name
        self.budget = budget
        self._find = find

    def timed_edits(self, text: str) -> tuple[list[Edit], str]:
        """The edits and, when the budget ran out, why (no edits then); never warns."""
        try:
            return self._find(text, time.monotonic() + self.budget), ""
        except TimeoutError:
            reason = (
                f"Timed out: the pattern of “{self.name}” took more than {self.budget:g} s "
                f"on this text, so the rule was skipped (its input passed through unchanged)."
            )
            return [], reason

    def apply(self, text: str) -> str:
        edits, reason = self.timed_edits(text)
        if reason:
            warnings.warn(RuleTimeoutWarning(reason), stacklevel=2)
            return text
        return apply_edits(text, edits)

    def edits(self, text: str) -> list[Edit]:
        return self.timed_edits(text)[0]

    def explained_edits(self, text: str) -> StepResult:
        edits, reason = self.timed_edits(text)
        return StepResult(tuple(edits), timed_out=reason)


def remaining(deadline: float) -> float:
    """Seconds left before `deadline`; TimeoutError if none."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("time budget spent")
    return left
