"""The rule model: a named, documented, parameterised pure text transform.

A `Rule` is the catalogue entry (id, label, description, typed parameters,
examples). Given parameter values it builds a `Transform`, the compiled form
that a pipeline runs: `apply` for the output alone, `edits` for explain.
Building once per profile lets rules compile patterns or load word lists once.

A rule also declares its `Reach`: how far it looks around a character. A
rule that never looks across a line break lets the pipeline explain a text
line by line and re-explain only the lines an edit touched (see
gui/engine/explain/lines.py); the tests hold every declaration to that.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from itertools import repeat
from operator import mul, sub
from typing import Any, Protocol

import regex

from gui.engine.edits import Edit, EditColumns, apply_edits, split_columns


class Transform(Protocol):
    """A compiled rule: pure, stateless between calls.

    Explain also uses two optional methods when a transform has them:
    `explained_edits(text) -> StepResult` (the edits plus notes, such as which
    ftfy fixes ran, or a time-out; see `step_result`) and
    `edit_columns(text) -> EditColumns | None` (the edits as columns, faster;
    see `RegexTransform`). Run never calls them.
    """

    def apply(self, text: str) -> str: ...

    def edits(self, text: str) -> Iterable[Edit]: ...


@dataclass(frozen=True)
class StepResult:
    """One transform's work on one text, as explain sees it."""

    edits: tuple[Edit, ...]
    # Human-readable remarks, e.g. which ftfy fixes ran.
    notes: tuple[str, ...] = ()
    # Non-empty when the transform ran out of time: why. Its edits are then
    # empty: the text passes through unchanged.
    timed_out: str = ""


def step_result(transform: Transform, text: str) -> StepResult:
    """`transform.explained_edits(text)` if it has one, else its plain edits."""
    explained = getattr(transform, "explained_edits", None)
    if explained is not None:
        return explained(text)
    return StepResult(tuple(transform.edits(text)))


class RuleTimeoutWarning(RuntimeWarning):
    """A rule with a time budget ran out of time; its input passed through unchanged.

    `Pipeline.run` has no report to put this in, so budgeted transforms warn
    (only when they time out: the common path pays nothing). The CLI prints
    it; explain reports the step as timed out instead.
    """


_NON_WORD = re.compile(r"\W")


class Reach(IntEnum):
    """How far a rule looks: the separators it never looks across.

    A rule with reach R splits around every separator `s` of R: for any texts
    `x` and `y`, its edits on `x + s + y` are its edits on `x`, on `s` and on
    `y` (shifted), so its output is `f(x) + f(s) + f(y)`. Wider reaches have
    fewer separators: WORD splits around any non-word character (`\\W`),
    SPACE around whitespace, LINE around a line feed. PARAGRAPH and TEXT
    rules are never split (line-by-line explain falls back to the whole text).
    """

    CHARACTER = 0  # any character is a separator
    WORD = 1
    SPACE = 2
    LINE = 3
    PARAGRAPH = 4
    TEXT = 5

    def separates(self, piece: str) -> bool:
        """True if the rule splits around `piece` (each of its characters a separator)."""
        if self is Reach.CHARACTER:
            return True
        if not piece or self >= Reach.PARAGRAPH:
            return False
        if self is Reach.LINE:
            return piece.count("\n") == len(piece)
        if self is Reach.SPACE:
            return piece.isspace()
        return len(_NON_WORD.findall(piece)) == len(piece)


class ParamError(ValueError):
    """A parameter value has the wrong type or is out of range."""


_TYPE_NAMES = {str: "a string", bool: "true or false", int: "an integer", float: "a number"}


@dataclass(frozen=True)
class Param:
    """One typed parameter of a rule."""

    name: str
    kind: type
    default: Any
    description: str
    choices: tuple[Any, ...] = ()
    # Further checks on a well-typed value (a pattern compiles, a number is
    # positive); raises ParamError with a message a user can act on.
    check: Callable[[Any], None] | None = field(default=None, compare=False)
    # A file path: in a profile file, a relative one means beside that file.
    is_path: bool = False
    # Pattern or literal text, where every character counts: shown in a monospace font.
    monospace: bool = False
    # The unit of a number, shown after its value ("s" for seconds).
    unit: str = ""

    def validate(self, value: Any) -> Any:
        """Return `value` checked (and int widened to float); raise ParamError."""
        if self.kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        # bool is a subclass of int: do not let `true` pass as an integer.
        if not isinstance(value, self.kind) or (self.kind is not bool and isinstance(value, bool)):
            got = type(value).__name__
            raise ParamError(f"must be {_TYPE_NAMES.get(self.kind, self.kind.__name__)}, not {got}")
        if self.choices and value not in self.choices:
            allowed = ", ".join(repr(choice) for choice in self.choices)
            raise ParamError(f"must be one of {allowed}, not {value!r}")
        if self.check is not None:
            self.check(value)
        return value


@dataclass(frozen=True)
class Rule:
    """A catalogue entry. `build(**params)` returns the rule's Transform."""

    id: str
    label: str
    description: str
    build: Callable[..., Transform]
    params: tuple[Param, ...] = ()
    category: str = "Text"
    # (input, output) pairs with default parameters; tests run every one.
    examples: tuple[tuple[str, str], ...] = ()
    # Repeatable rules (user patterns) may appear several times in a profile.
    repeatable: bool = False
    # The parameter that says what the rule does (its pattern, the text it
    # finds): the window puts the cursor there when the rule is added.
    primary_param: str = ""
    # The user's own rules are named by the user: a step shows as
    # "<user_label>: <its name>", or its primary parameter's value while it
    # has none ("Regex: my rule"). Empty for catalogue rules, shown by `label`.
    user_label: str = ""
    # (menu text, tooltip) of a "New ..." entry offering this rule at the top
    # of the window's Add rule menu; empty: not offered there.
    new_entry: tuple[str, str] | tuple[()] = ()
    # How far the rule looks (see `Reach`), or a function of its parameters
    # giving it. Whole text unless declared: the safe default.
    reach: Reach | Callable[..., Reach] = Reach.TEXT
    param_index: Mapping[str, Param] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "param_index", {p.name: p for p in self.params})
        needed = {self.primary_param} - {""} | ({"name"} if self.user_label else set())
        if needed - set(self.param_index):
            missing = ", ".join(sorted(needed - set(self.param_index)))
            raise ValueError(f"rule {self.id!r} declares no parameter {missing}")

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def transform(self, **params: Any) -> Transform:
        """Build the transform; unspecified parameters take their defaults."""
        return self.build(**self._values(params))

    def reach_for(self, **params: Any) -> Reach:
        """The rule's reach with these parameters."""
        if isinstance(self.reach, Reach):
            return self.reach
        return self.reach(**self._values(params))

    def _values(self, params: Mapping[str, Any]) -> dict[str, Any]:
        values = self.defaults()
        for name, value in params.items():
            if name not in self.param_index:
                raise ParamError(f"unknown parameter {name!r} for rule {self.id!r}")
            values[name] = self.param_index[name].validate(value)
        return values

    def __call__(self, text: str, **params: Any) -> str:
        """Apply the rule alone: the pure `str -> str` function.

        >>> from gui.engine import get_rule
        >>> get_rule("remove_digit_words")("in 2016 covid19 x")
        'in   x'
        """
        return self.transform(**params).apply(text)


class RegexTransform:
    """Replace every match of a compiled pattern (`re`, or `regex`) with a literal string.

    `starts`: pieces of text every match begins with (a URL: "http" or
    "www."). The search starts at the first of them, found by `str.find`
    far faster than the regex scans: a text without them costs next to
    nothing (explain asks idle rules for their first match on the whole text).
    """

    def __init__(
        self,
        pattern: re.Pattern[str] | regex.Pattern[str],
        replacement: str = "",
        starts: tuple[str, ...] = (),
    ) -> None:
        self.pattern = pattern
        self.replacement = replacement
        self.starts = starts
        # re.sub would expand backslashes and group references in a string.
        self._sub_repl: str | Callable[[Any], str] = (
            replacement if "\\" not in replacement else (lambda _match: replacement)
        )

    def apply(self, text: str) -> str:
        return self.pattern.sub(self._sub_repl, text)

    def _first_possible(self, text: str) -> int:
        """Where the first match can start at the earliest; -1 if there is none."""
        if not self.starts:
            return 0
        found = [at for at in map(text.find, self.starts) if at >= 0]
        return min(found) if found else -1

    def edits(self, text: str) -> Iterator[Edit]:
        position = self._first_possible(text)
        if position < 0:
            return
        replacement = self.replacement
        for match in self.pattern.finditer(text, position):
            yield Edit(match.start(), match.end(), replacement)

    def edit_columns(self, text: str) -> EditColumns | None:
        """The edits as columns, with the output, faster than `edits` (for explain).

        None when the pattern has groups or is a `regex` (not `re`) pattern:
        explain then uses `edits`.
        """
        if self.pattern.groups or not isinstance(self.pattern, re.Pattern):
            return None
        if self._first_possible(text) < 0:
            return EditColumns([], [], [], text)
        replacement = self.replacement
        return split_columns(
            self.pattern, text, lambda starts, _ends, _matches: [replacement] * len(starts)
        )


class CharClassTransform(RegexTransform):
    """Replace every character of a one-character class (`\\W`, `[...]`, `\\n`).

    `apply` is the regex substitution; `edits` reports *runs*: one edit per run
    of adjacent matches, replaced by the replacement repeated, which replays
    to the same output with far fewer edits (a line of a million `<` is one).
    Characters the replacement leaves as they are (a space to a space) are not
    changes and make no edit. A replacement of two or more characters keeps
    one edit per character, so each stays attributed to its own source. A
    line feed is always an edit of its own, never part of a run: runs then
    never cross a line break, so a text's edits are its lines' edits, and
    explain can work line by line (see `Reach`).
    """

    def __init__(self, char_class: str, replacement: str = "") -> None:
        super().__init__(re.compile(char_class), replacement)
        self._runs: re.Pattern[str] | None = None
        self._changes_newline = bool(self.pattern.match("\n")) and replacement != "\n"
        if len(replacement) > 1:
            return
        # Runs never hold a line feed: where the class has it, it is left out.
        no_newline = "(?!\n)" if self.pattern.match("\n") else ""
        if char_class == r"\W":
            # The common case, as a plain class: faster than a lookahead.
            runs = f"[^\\w\\n{re.escape(replacement)}]+"
            if replacement:
                self.pattern = re.compile(f"[^\\w{re.escape(replacement)}]")
        elif replacement and self.pattern.fullmatch(replacement):
            runs = f"(?:(?!{re.escape(replacement)}){no_newline}{char_class})+"
        else:
            runs = f"(?:{no_newline}{char_class})+"
        # A changed line feed is a run of its own (an alternative tried first).
        if char_class in ("\n", r"\n") and self._changes_newline:
            runs = "\n"  # nothing else to run with: a plain literal, searched fast
        elif self._changes_newline:
            runs = f"\n|{runs}"
        self._runs = re.compile(runs)

    def separates(self, piece: str) -> bool:
        """True if no run can cross `piece`: each character a line feed or not a change."""
        if self._runs is None:
            return True  # one edit per character
        return all(ch == "\n" or not self._changes(ch) for ch in piece)

    def _changes(self, ch: str) -> bool:
        return bool(self.pattern.fullmatch(ch)) and ch != self.replacement

    def edits(self, text: str) -> Iterator[Edit]:
        if self._runs is None:
            yield from super().edits(text)
            return
        replacement = self.replacement
        for match in self._runs.finditer(text):
            start, end = match.span()
            yield Edit(start, end, replacement * (end - start))

    def edit_columns(self, text: str) -> EditColumns | None:
        if self._runs is None:
            return super().edit_columns(text)
        replacement = self.replacement
        return split_columns(
            self._runs,
            text,
            lambda starts, ends, _matches: list(
                map(mul, repeat(replacement), map(sub, ends, starts))
            ),
        )


class EditsTransform:
    """A transform defined by its edits; `apply` replays them."""

    def __init__(self, edits: Callable[[str], Iterator[Edit]]) -> None:
        self._edits = edits

    def apply(self, text: str) -> str:
        return apply_edits(text, self._edits(text))

    def edits(self, text: str) -> Iterator[Edit]:
        return self._edits(text)


# The transform of a rule configured to do nothing (an empty pattern, every option off).
NO_EDITS = EditsTransform(lambda text: iter(()))
