"""Explain for the fused `wordopt` profile, from what the fast path already knows.

The generic explain runs each rule and maps its edits through an origin map;
on wordopt the facts fastpath.py relies on say what every step's edits are
without running the rules one by one. With `lower = text.lower()` as long as
the text (every character lowers to one; else the generic explain runs),
positions do not move until the brackets go, and then each character keeps
its place among the survivors. So, over arrays of code points (numpy, one
whole-array pass each):

- lowercase: runs of characters that `lower` changes, each `Σ` on its own;
- brackets: `bracket_spans(lower)`, as the rule finds them;
- non-word to space: on what the brackets left, runs of characters neither
  `\\w` nor a space, each line feed on its own;
- URLs, HTML tags, newlines: inert after that (fastpath.inert_steps);
- punctuation: only `_` is left of it: runs of `_`;
- digit words: the text is now word characters and spaces, so a digit word
  is a run of word characters with a decimal digit.

Each step's spans are its runs mapped back through the deleted brackets (and
for digit words the deleted `_`), exactly as the origin map maps them. The
tests hold this to the generic explain on random texts.
"""

from __future__ import annotations

import re
import time
from functools import cache

import numpy as np

from gui.engine.explain.explainer import StepWork
from gui.engine.explain.report import SPAN_TYPE
from gui.engine.fastpath import wordopt
from gui.engine.rules.support.spans import bracket_spans

_ALL = 0x110000
_SIGMA = 0x3A3
_SPACE, _NEWLINE, _UNDERSCORE = 0x20, 0x0A, 0x5F
# The rule ids in wordopt's order; a profile fused to wordopt has these steps.
WORDOPT_ORDER = (
    "lowercase",
    "remove_brackets",
    "nonword_to_space",
    "remove_urls",
    "remove_html_tags",
    "remove_punctuation",
    "remove_newlines",
    "remove_digit_words",
)


# Bits of `_classes()`: what a character is once lowered, and how it lowers.
# `\\d` is bit 0, so `classes & _DIGIT` reads as a boolean mask without a
# compare; "lowers to several" is bit 7, so one `max()` tells if any does.
_DIGIT, _WORD, _CHANGES, _SIGMA_BIT, _IS_SPACE, _IS_NEWLINE, _IS_UNDERSCORE, _MANY = (
    1 << bit for bit in range(8)
)
# What each end of a padded class array holds (see `_padded_classes`).
_PAD = _IS_SPACE
# Nonzero offsets come as intp; spans are SPAN_TYPE (the same on 64-bit platforms).
_OFFSETS_ARE_SPANS = np.dtype(np.intp) == np.dtype(SPAN_TYPE)


@cache
def _classes() -> np.ndarray:
    """One byte per code point: what it is once lowered (`\\w`, `\\d`, space, ...).

    `\\w` and `\\d` as `re` decides them (on the lowered character); whether
    `lower` changes it, or makes several characters of it (then the generic
    explain runs). Capital sigma lowers by context, but to σ or ς, both word
    characters: its class does not depend on the context.
    """
    table = np.zeros(_ALL, np.uint8)
    # A plane at a time: a list of all 1.1 M characters and their lowered
    # forms would cost some 150 MB at once, for a table of 1.1 MB.
    for base in range(0, _ALL, _PLANE):
        _classify(table[base : base + _PLANE], base)
    table[_SIGMA] |= _SIGMA_BIT
    return table


_PLANE = 0x10000


def _classify(table: np.ndarray, base: int) -> None:
    """Fill the class bits of code points `base` .. `base + len(table)`."""
    chars = [chr(code) for code in range(base, base + len(table))]
    lowered = [ch.lower() for ch in chars]
    many = np.fromiter((len(low) != 1 for low in lowered), bool, len(chars))
    changes = np.fromiter(
        (low != ch for low, ch in zip(lowered, chars, strict=True)), bool, len(chars)
    )
    single = "".join(low if len(low) == 1 else "\0" for low in lowered)
    for bit, pattern in ((_WORD, r"\w+"), (_DIGIT, r"\d+"), (_IS_SPACE, " +")):
        for match in re.finditer(pattern, single):
            table[match.start() : match.end()] |= bit
    codes = np.frombuffer(single.encode("utf-32-le", "surrogatepass"), "<u4")
    table[codes == _NEWLINE] |= _IS_NEWLINE
    table[codes == _UNDERSCORE] |= _IS_UNDERSCORE
    table[changes] |= _CHANGES
    table[many] |= _MANY


def _padded_classes(text: str) -> np.ndarray:
    """The class of each character of `text`, with one `_PAD` before and after.

    The pads belong to no run (they are spaces, not changed, not words), so
    the boundaries of runs of any class are where the padded mask changes,
    with no special case at either end of the text: between pad positions
    i and i + 1 lies text offset i.
    """
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), "<u4")
    classes = np.empty(len(codes) + 2, np.uint8)
    classes[0] = classes[-1] = _PAD
    # mode="clip": every code is in the table, and "raise" would buffer the output.
    _classes().take(codes, out=classes[1:-1], mode="clip")
    return classes


def _bounds(mask: np.ndarray) -> np.ndarray:
    """Where a padded mask (any dtype, zero at both ends) changes: run starts and ends in turn."""
    found = (mask[1:] != mask[:-1]).nonzero()[0]
    return found if _OFFSETS_ARE_SPANS else found.astype(SPAN_TYPE)


def _runs(mask: np.ndarray, alone: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of runs of nonzero in a padded mask; each offset in `alone`, a run of one.

    Every offset in `alone` is inside a run. Few of them (line feeds,
    capital sigmas): the runs are cut around each.
    """
    bounds = _bounds(mask)
    starts, ends = bounds[0::2], bounds[1::2]
    if alone is not None and len(alone):
        cuts = np.concatenate((alone, alone + 1))
        # A cut strictly inside a run (characters on both sides in it) both
        # ends one run and starts the next; others are bounds already.
        cuts = np.unique(cuts[(mask[cuts] != 0) & (mask[cuts + 1] != 0)])
        if len(cuts):
            starts = np.sort(np.concatenate((starts, cuts)))
            ends = np.sort(np.concatenate((ends, cuts)))
    return starts, ends


class _Survivors:
    """Positions among what the brackets left, mapped back to the original text."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        bounds = np.array(spans, SPAN_TYPE).reshape(-1, 2)
        lengths = bounds[:, 1] - bounds[:, 0]
        # Deleted before bracket k, and where bracket k was among the survivors.
        self._deleted = np.concatenate(([0], np.cumsum(lengths)))
        self._at = bounds[:, 0] - self._deleted[:-1]

    def among(self, positions: np.ndarray) -> np.ndarray:
        """Where original positions outside every bracket are among the survivors."""
        return (
            positions
            - self._deleted[np.searchsorted(self._at + self._deleted[:-1], positions, "right")]
        )

    def __call__(self, positions: np.ndarray) -> np.ndarray:
        return positions + self._deleted[np.searchsorted(self._at, positions, "right")]


def _work(starts: np.ndarray, ends: np.ndarray, places: _Survivors | None) -> StepWork:
    """A step's work from runs on the survivors, its spans in the original text."""
    if places is not None and len(starts):
        starts, ends = places(starts), places(ends - 1) + 1
    return StepWork(len(starts), starts, ends)


def wordopt_works(text: str, steps: int) -> tuple[list[StepWork], str] | None:
    """Each wordopt step's work on `text`, and the output; None where lowering moves text.

    Short texts are the common case (a record of a dataset, one call each):
    every numpy call here costs about a microsecond whatever its size, so
    each run is found in three or four whole-array operations, and what a
    text does not hold (brackets, line feeds, `_`, Σ, digits) costs one
    `in` or one check. Each step's first match on the raw text, where this
    knows it for nothing, goes in its `StepWork.first` (statuses need it).
    """
    if steps != len(WORDOPT_ORDER):
        return None
    began = time.perf_counter()
    classes = _padded_classes(text)
    if len(text) and classes.max() & _MANY:
        return None
    works = [StepWork() for _ in WORDOPT_ORDER]
    # Lowercase: what changed, each capital sigma its own edit.
    sigmas = _positions(text, "\u03a3", classes, _SIGMA_BIT) if "\u03a3" in text else None
    works[0] = _work(*_runs(classes & _CHANGES, sigmas), None)
    # Brackets, found as the rule finds them (str.find, linear). No character
    # lowers into a bracket or a line feed: the spans in the lowered text are
    # those in the text, and the first of them is the rule's first raw match.
    spans = list(bracket_spans(text)) if "[" in text else []
    places = None
    raw = classes
    if spans:
        bounds = np.array(spans, SPAN_TYPE)
        works[1] = StepWork(len(spans), bounds[:, 0].copy(), bounds[:, 1].copy())
        # What lies between the brackets (pads included), copied slice by slice.
        if len(spans) < 4096:
            gaps = zip(
                (0, *(works[1].ends + 1).tolist()),
                (*(works[1].starts + 1).tolist(), len(classes)),
                strict=True,
            )
            classes = np.concatenate([classes[start:end] for start, end in gaps])
        else:
            depth = np.zeros(len(classes) + 1, np.int8)
            depth[works[1].starts + 1] = 1
            depth[works[1].ends + 1] -= 1
            classes = classes[np.cumsum(depth[:-1], dtype=np.int8) == 0]
        places = _Survivors(spans)
    else:
        works[1].first = None
    # Non-word characters to space: runs of neither word nor space, line feeds alone.
    # (No character lowers into a line feed, a space or `_`: find them in the text.)
    newlines = _positions(text, "\n", raw, _IS_NEWLINE) if "\n" in text else None
    if newlines is not None and places is not None:
        newlines = places.among(newlines)
    works[2] = _work(*_runs((classes & (_WORD | _IS_SPACE)) == 0, newlines), places)
    # Punctuation: of it only `_` is left, a word character.
    underscore = classes & _IS_UNDERSCORE if "_" in text else None
    if underscore is not None:
        works[5] = _work(*_runs(underscore), places)
    # Digit words: runs of word characters with a digit. Deleting `_` joins
    # no words (it is a word character itself); it only trims their ends.
    digits = (classes & _DIGIT).view(bool).nonzero()[0]
    if len(digits):
        starts, ends = _runs(classes & _WORD)
        # The word holding each digit, once each. A digit at pad position
        # p is text offset p - 1: its word is the last starting before p.
        holders = starts.searchsorted(digits) - 1
        if len(holders) > 1:
            holders = holders[np.concatenate(([True], holders[1:] != holders[:-1]))]
        starts, ends = starts[holders], ends[holders]
        if underscore is not None:
            _trim_underscores(starts, ends, underscore)
        works[7] = _work(starts, ends, places)
    elif places is None:
        # No digit in the raw text (no bracket held one): `\\w*\\d\\w*` cannot match it.
        works[7].first = None
    output = wordopt(text)
    seconds = (time.perf_counter() - began) / 5
    for index in (0, 1, 2, 5, 7):
        works[index].seconds = seconds
    return works, output


def _positions(text: str, ch: str, classes: np.ndarray, bit: int) -> np.ndarray:
    """Where `ch` is in `text`: by str.find (memchr speed) if few, else by its class bit."""
    if text.count(ch) > 4096:
        found = (classes[1:-1] & bit).nonzero()[0]  # (padded: offset o at o + 1)
        return found if _OFFSETS_ARE_SPANS else found.astype(SPAN_TYPE)
    found = []
    find = text.find
    position = find(ch)
    while position >= 0:
        found.append(position)
        position = find(ch, position + 1)
    return np.array(found, SPAN_TYPE)


def _trim_underscores(starts: np.ndarray, ends: np.ndarray, underscore: np.ndarray) -> None:
    """Move word bounds past `_` at their ends (words hold a digit: never all `_`).

    `underscore` is padded: text offset o is `underscore[o + 1]`.
    """
    for k in np.flatnonzero(underscore[starts + 1]):
        while underscore[starts[k] + 1]:
            starts[k] += 1
    for k in np.flatnonzero(underscore[ends]):
        while underscore[ends[k]]:
            ends[k] -= 1
