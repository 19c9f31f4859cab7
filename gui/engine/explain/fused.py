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
_WORD, _DIGIT, _CHANGES, _MANY, _SIGMA_BIT, _IS_SPACE, _IS_NEWLINE, _IS_UNDERSCORE = (
    1 << bit for bit in range(8)
)


@cache
def _classes() -> np.ndarray:
    """One byte per code point: what it is once lowered (`\\w`, `\\d`, space, ...).

    `\\w` and `\\d` as `re` decides them (on the lowered character); whether
    `lower` changes it, or makes several characters of it (then the generic
    explain runs). Capital sigma lowers by context, but to σ or ς, both word
    characters: its class does not depend on the context.
    """
    table = np.zeros(_ALL, np.uint8)
    # A block at a time: one `str.lower` of the block's characters as one
    # string, compared as arrays (asking each of the 1.1 M characters in turn
    # took 0.6 s, on the window's thread, the first time a text was explained).
    for base in range(0, _ALL, _BLOCK):
        _classify(table[base : base + _BLOCK], base)
    table[_SIGMA] |= _SIGMA_BIT
    return table


_BLOCK = 4096


def _classify(table: np.ndarray, base: int) -> None:
    """Fill the class bits of code points `base` .. `base + len(table)`."""
    codes = np.arange(base, base + len(table), dtype="<u4")
    text = codes.tobytes().decode("utf-32-le", "surrogatepass")
    lowered = text.lower()
    if len(lowered) != len(text):
        _classify_each(table, base)  # a block where some character lowers to several
        return
    # Within one string only capital sigma lowers by context (to σ or ς: the same class).
    single_codes = _codes(lowered)
    for bit, pattern in ((_WORD, r"\w+"), (_DIGIT, r"\d+"), (_IS_SPACE, " +")):
        for match in re.finditer(pattern, lowered):
            table[match.start() : match.end()] |= bit
    table[single_codes == _NEWLINE] |= _IS_NEWLINE
    table[single_codes == _UNDERSCORE] |= _IS_UNDERSCORE
    table[single_codes != codes] |= _CHANGES


def _classify_each(table: np.ndarray, base: int) -> None:
    """`_classify`, asking each character in turn."""
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


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), "<u4")


def _runs(mask: np.ndarray, alone: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of runs of True in `mask`; at the positions `alone`, a run of one.

    One pass finds every boundary (+1 opens a run, -1 closes one); runs
    alternate, so boundaries alternate too. A cut inside a run is marked 2:
    it closes one run and opens the next.
    """
    flags = mask.view(np.int8)
    steps = np.empty(len(flags) + 1, np.int8)
    if len(flags):
        # (np.diff with prepend= widens to int64 first: many times slower.)
        steps[0], steps[-1] = flags[0], -flags[-1]
        np.subtract(flags[1:], flags[:-1], out=steps[1:-1])
    else:
        steps[0] = 0
    if alone is not None:
        # Few of them (line feeds, capital sigmas): cut their runs around each.
        single = alone[mask[alone]]
        if len(single):
            for cut in (single, single + 1):
                inside = cut[(steps[cut] == 0) & mask[np.minimum(cut, len(mask) - 1)]]
                steps[inside[inside < len(mask)]] = 2
    bounds = np.flatnonzero(steps).astype(SPAN_TYPE, copy=False)
    if alone is None or not len(alone):
        return bounds[0::2], bounds[1::2]
    kinds = steps[bounds]
    return bounds[kinds != -1], bounds[kinds != 1]


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
    """Each wordopt step's work on `text`, and the output; None where lowering moves text."""
    if steps != len(WORDOPT_ORDER):
        return None
    began = time.perf_counter()
    classes = _classes()[_codes(text)]
    if (classes & _MANY).any():
        return None
    works = [StepWork() for _ in WORDOPT_ORDER]
    # Lowercase: what changed, each capital sigma its own edit.
    sigmas = _positions(text, "\u03a3", classes, _SIGMA_BIT)
    works[0] = _work(*_runs((classes & _CHANGES) > 0, sigmas), None)
    # Brackets, found as the rule finds them (str.find, linear). No character
    # lowers into a bracket or a line feed: the spans in the lowered text are
    # those in the text.
    spans = list(bracket_spans(text)) if "[" in text else []
    places = None
    original = classes
    if spans:
        bounds = np.array(spans, SPAN_TYPE)
        works[1] = StepWork(len(spans), bounds[:, 0].copy(), bounds[:, 1].copy())
        if len(spans) < 4096:
            # What lies between the brackets, copied slice by slice.
            gaps = zip(
                (0, *works[1].ends.tolist()), (*works[1].starts.tolist(), len(classes)), strict=True
            )
            classes = np.concatenate([classes[start:end] for start, end in gaps])
        else:
            depth = np.zeros(len(classes) + 1, np.int8)
            depth[works[1].starts] = 1
            depth[works[1].ends] -= 1
            classes = classes[np.cumsum(depth[:-1], dtype=np.int8) == 0]
        places = _Survivors(spans)
    is_word = (classes & _WORD) > 0
    # Non-word characters to space: runs of neither word nor space, line feeds alone.
    # (No character lowers into a line feed, a space or `_`: find them in the text.)
    newlines = _positions(text, "\n", original, _IS_NEWLINE)
    if places is not None:
        newlines = places.among(newlines)
    works[2] = _work(*_runs(~is_word & ((classes & _IS_SPACE) == 0), newlines), places)
    # Punctuation: of it only `_` is left, a word character.
    underscore = (classes & _IS_UNDERSCORE) > 0 if "_" in text else None
    if underscore is not None:
        works[5] = _work(*_runs(underscore), places)
    # Digit words: runs of word characters with a digit. Deleting `_` joins
    # no words (it is a word character itself); it only trims their ends.
    digits = np.flatnonzero(classes & _DIGIT)
    if len(digits):
        starts, ends = _runs(is_word)
        # The word holding each digit (digits are word characters), once each.
        holders = np.searchsorted(starts, digits, "right") - 1
        holders = holders[np.concatenate(([True], holders[1:] != holders[:-1]))]
        starts, ends = starts[holders], ends[holders]
        if underscore is not None:
            _trim_underscores(starts, ends, underscore)
        works[7] = _work(starts, ends, places)
    output = wordopt(text)
    seconds = (time.perf_counter() - began) / 5
    for index in (0, 1, 2, 5, 7):
        works[index].seconds = seconds
    return works, output


def _positions(text: str, ch: str, classes: np.ndarray, bit: int) -> np.ndarray:
    """Where `ch` is in `text`: by str.find (memchr speed) if few, else by its class bit."""
    if text.count(ch) > 4096:
        return np.flatnonzero(classes & bit).astype(SPAN_TYPE, copy=False)
    found = []
    find = text.find
    position = find(ch)
    while position >= 0:
        found.append(position)
        position = find(ch, position + 1)
    return np.array(found, SPAN_TYPE)


def _trim_underscores(starts: np.ndarray, ends: np.ndarray, underscore: np.ndarray) -> None:
    """Move word bounds past `_` at their ends (words hold a digit: never all `_`)."""
    for k in np.flatnonzero(underscore[starts]):
        while underscore[starts[k]]:
            starts[k] += 1
    for k in np.flatnonzero(underscore[ends - 1]):
        while underscore[ends[k] - 1]:
            ends[k] -= 1
