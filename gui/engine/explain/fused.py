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
output comes from the same table lookup: what the table makes of each
surviving character (lowered, a space if non-word), less `_` and the digit
words (with a capital sigma, which lowers by context, from the fast path
instead). The tests hold all of it to the generic explain on random texts,
statuses and reasons included.

Short texts are the common case (a record of a dataset, explained one call
each), and there every numpy call costs a microsecond or more whatever its
size: one table lookup gives each character's class and output form, each
rule's runs take three whole-array operations, digit words are found around
their digits with str methods, and what a text does not hold (brackets, line
feeds, `_`, Σ) costs an `in`. Where this knows a rule's first match on the
raw text for nothing (no digit, no `<`, no line feed...), its work says so:
the statuses of rules that changed nothing would otherwise scan the text.
"""

from __future__ import annotations

import re
import sys
import time
from functools import cache

import numpy as np

from gui.engine.explain.explainer import StepWork
from gui.engine.explain.report import SPAN_TYPE
from gui.engine.fastpath import wordopt
from gui.engine.rules.seed import PUNCTUATION_PATTERN
from gui.engine.rules.support.spans import bracket_spans

# The punctuation rule's edits: runs of punctuation (gui/engine/rule.py,
# CharClassTransform; the fused-explain tests hold the two together).
_PUNCTUATION_RUNS = re.compile(f"{PUNCTUATION_PATTERN.pattern}+")
_ALL = 0x110000
_SIGMA = 0x3A3
_SPACE, _UNDERSCORE_CODE = 0x20, 0x5F
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


# Bits of a character's class: what it is once lowered, and how it lowers.
# Non-word is neither `\\w` nor a space (what "non-word to space" changes);
# "lowers to several" is the top bit.
_DIGIT, _WORD, _CHANGES, _NONWORD, _UNDERSCORE = (1 << bit for bit in range(5))
_MANY = 1 << 7
# `_table()` packs a character's class (the top byte) and what the output
# makes of it (21 bits: lowered, and a space if that is non-word) in one
# 32-bit word: one lookup gives both.
_CODE = (1 << 21) - 1
_CODE_MASK = np.uint32(_CODE)
# The class of every decimal digit, and of nothing else (`\\d` is `\\w`, has no case).
_DIGIT_CLASS = bytes([_DIGIT | _WORD])
# Class bits as numpy bytes: `array & np.uint8(bit)` skips the checks a
# Python int takes (a fifth of a small array's `&`).
_BYTE = {bit: np.uint8(bit) for bit in (1 << bit for bit in range(8))}
_NOT_A_CHARACTER = _CODE  # above U+10FFFF
_CLASS_SHIFT = 24
# Nonzero offsets come as intp; spans are SPAN_TYPE (the same on 64-bit platforms).
_OFFSETS_ARE_SPANS = np.dtype(np.intp) == np.dtype(SPAN_TYPE)
_LITTLE_ENDIAN = sys.byteorder == "little"
_TOP_BYTE = 3 if _LITTLE_ENDIAN else 0


@cache
def _table() -> np.ndarray:
    """Per code point: its class in the top byte, what the output makes of it below (4.4 MB).

    The class says what the character is once lowered (`\\w` and `\\d` as
    `re` decides them, non-word, `_`); whether `lower` changes it, or makes
    several characters of it (then the generic explain runs). Capital sigma
    lowers by context, but to σ or ς, both word characters: its class does
    not depend on the context (its lowered form does: see `wordopt_works`).
    """
    table = np.zeros(_ALL, np.uint32)
    # A block at a time: one `str.lower` of the block's characters as one
    # string, compared as arrays (asking each of the 1.1 M characters in turn
    # took 0.6 s, on the window's thread, the first time a text was explained).
    for base in range(0, _ALL, _BLOCK):
        _fill(table[base : base + _BLOCK], base)
    return table


_BLOCK = 4096


def _fill(table: np.ndarray, base: int) -> None:
    """Fill the entries of code points `base` .. `base + len(table)`."""
    codes = np.arange(base, base + len(table), dtype="<u4")
    text = codes.tobytes().decode("utf-32-le", "surrogatepass")
    lowered = text.lower()
    if len(lowered) != len(text):
        _fill_each(table, base)  # a block where some character lowers to several
        return
    # Within one string only capital sigma lowers by context (to σ or ς: the
    # same class; a text holding one takes its output from the fast path).
    single = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), "<u4")
    _pack(table, lowered, single, single != codes, None)


def _fill_each(table: np.ndarray, base: int) -> None:
    """`_fill`, asking each character in turn."""
    chars = [chr(code) for code in range(base, base + len(table))]
    lowered = [ch.lower() for ch in chars]
    many = np.fromiter((len(low) != 1 for low in lowered), bool, len(chars))
    changes = np.fromiter(
        (low != ch for low, ch in zip(lowered, chars, strict=True)), bool, len(chars)
    )
    text = "".join(low if len(low) == 1 else "\0" for low in lowered)
    single = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), "<u4")
    _pack(table, text, single, changes, many)


def _pack(
    table: np.ndarray,
    lowered: str,
    codes: np.ndarray,
    changes: np.ndarray,
    many: np.ndarray | None,
) -> None:
    """Table entries from what each character lowers to (`lowered`, one character each;
    `codes`, theirs), whether that changes it, and whether it lowers to several."""
    classes = np.zeros(len(table), np.uint8)
    word = np.zeros(len(table), bool)
    space = np.zeros(len(table), bool)
    for mask, pattern in ((word, r"\w+"), (space, " +")):
        for match in re.finditer(pattern, lowered):
            mask[match.start() : match.end()] = True
    for match in re.finditer(r"\d+", lowered):
        classes[match.start() : match.end()] |= _DIGIT
    classes[word] |= _WORD
    classes[~word & ~space] |= _NONWORD
    classes[codes == _UNDERSCORE_CODE] |= _UNDERSCORE
    classes[changes] |= _CHANGES
    # What the output makes of a character lowered to one: itself, or a
    # space if non-word. One lowered to several gets a code no decoder takes:
    # decoding a text that holds one fails, and says so for nothing.
    output = np.where(classes & _NONWORD, np.uint32(_SPACE), codes)
    if many is not None:
        classes[many] |= _MANY
        output[many] = _NOT_A_CHARACTER
    table[:] = (classes.astype(np.uint32) << _CLASS_SHIFT) | output


def _padded(text: str) -> np.ndarray:
    """The `_table()` entry of each character of `text`, with a space before and after.

    The pads belong to no run (a space is not changed, not a word, not
    non-word), so the boundaries of runs of any class are where the padded
    mask changes, with no special case at either end of the text: between
    pad positions i and i + 1 lies text offset i.
    """
    codes = np.frombuffer(f" {text} ".encode("utf-32-le", "surrogatepass"), "<u4")
    # mode="clip": every code is in the table (and "raise" is slower).
    return _table().take(codes, mode="clip")


def _runs(mask: np.ndarray, alone: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of runs of nonzero in a padded mask; each offset in `alone`, a run of one.

    A padded mask is zero at both ends: its runs start and end, in turn,
    where it changes. Every offset in `alone` is inside a run. Few of them
    (line feeds, capital sigmas): the runs are cut around each.
    """
    bounds = (mask[1:] != mask[:-1]).nonzero()[0]
    if not _OFFSETS_ARE_SPANS:
        bounds = bounds.astype(SPAN_TYPE)
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

    Where this knows a step's first match on the raw text for nothing, it
    goes in that step's `StepWork.first` (the statuses of rules that
    changed nothing need it, and would otherwise scan the text for it).
    """
    if steps != len(WORDOPT_ORDER):
        return None
    began = time.perf_counter()
    packed = _padded(text)
    marks, classes = _class_bytes(packed)
    # Lowercase: what changed, each capital sigma its own edit.
    sigmas = _positions(text, "\u03a3") if "\u03a3" in text else None
    lowercase = _work(*_runs(classes & _BYTE[_CHANGES], sigmas), None)
    # Brackets, found as the rule finds them (str.find, linear). No character
    # lowers into a bracket or a line feed: the spans in the lowered text are
    # those in the text, and the first of them is the rule's first raw match.
    spans = list(bracket_spans(text)) if "[" in text else []
    places = None
    if spans:
        if (classes & _MANY).any():
            return None  # (one in a bracket would not reach the decoder)
        bounds = np.array(spans, SPAN_TYPE)
        brackets = StepWork(len(spans), bounds[:, 0].copy(), bounds[:, 1].copy())
        packed = _between(packed, brackets.starts, brackets.ends)
        marks, classes = _class_bytes(packed)
        places = _Survivors(spans)
    else:
        brackets = StepWork(first=None)
    # Non-word characters to space: runs of them, line feeds alone. (No
    # character lowers into a line feed, a space or `_`: find them in the text.)
    newlines = _positions(text, "\n") if "\n" in text else None
    first_newline = None if newlines is None else (int(newlines[0]), int(newlines[0]) + 1)
    if newlines is not None and places is not None:
        newlines = places.among(newlines)
    nonword = _work(*_runs(classes & _BYTE[_NONWORD], newlines), places)
    # Punctuation: of it only `_` is left, a word character.
    underscore = (classes & _UNDERSCORE) != 0 if "_" in text else None
    if underscore is None:
        # Its first raw match, as its rule finds it (a run of punctuation).
        found = _PUNCTUATION_RUNS.search(text)
        punctuation = StepWork(first=None if found is None else found.span())
    else:
        punctuation = _work(*_runs(underscore), places)
    # What the output makes of each survivor (lowered, non-word a space),
    # before `_` and the digit words go.
    try:
        spaced = _decoded(packed)
    except UnicodeDecodeError:
        return None  # a character lowers to several (see `_fill`)
    # Digit words: runs of word characters with a digit. Deleting `_` joins
    # no words (it is a word character itself); it only trims their ends.
    # (A digit's class is `_DIGIT_CLASS` and no other character's: one byte
    # of the classes as bytes, found at memchr speed.)
    count = marks.count(_DIGIT_CLASS)
    if not count:
        # No digit in the raw text, if no bracket held one: `\w*\d\w*` cannot match it.
        digit_words = StepWork(first=None) if places is None else StepWork()
        output = spaced
    elif count <= _FEW_DIGITS:
        firsts, lasts, output = _digit_words(spaced, marks, underscore is not None)
        bounds = np.array((firsts, lasts), SPAN_TYPE)
        digit_words = _work(bounds[0], bounds[1], places)
    else:
        digits = (classes & _BYTE[_DIGIT]).view(bool).nonzero()[0]  # (`_DIGIT` is bit 0)
        starts, ends = _many_digit_words(classes, digits, underscore)
        output = _cut(spaced, starts.tolist(), ends.tolist())
        digit_words = _work(starts, ends, places)
    if underscore is not None:
        output = output.replace("_", "")
    if sigmas is not None:
        output = wordopt(text)  # Σ lowers by context, to σ or ς: as the fast path does
    seconds = (time.perf_counter() - began) / 5
    for work in (lowercase, brackets, nonword, punctuation, digit_words):
        work.seconds = seconds
    # URLs start with "http" (and hold "/") or "www."; tags hold "<".
    urls = StepWork(first=None) if "/" not in text and "www." not in text else StepWork()
    tags = StepWork(first=None) if "<" not in text else StepWork()
    lines = StepWork(first=first_newline)
    works = [lowercase, brackets, nonword, urls, tags, punctuation, lines, digit_words]
    return works, output


def _between(packed: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """What lies between the brackets `starts[k]`..`ends[k]` of a padded array (pads kept)."""
    if len(starts) < 4096:
        gaps = zip((0, *(ends + 1).tolist()), (*(starts + 1).tolist(), len(packed)), strict=True)
        return np.concatenate([packed[start:end] for start, end in gaps])
    depth = np.zeros(len(packed) + 1, np.int8)
    depth[starts + 1] = 1
    depth[ends + 1] -= 1
    return packed[np.cumsum(depth[:-1], dtype=np.int8) == 0]


def _decoded(packed: np.ndarray) -> str:
    """The text of the padded entries' output forms, pads left out (`packed` is spent)."""
    codes = np.bitwise_and(packed, _CODE_MASK, out=packed)[1:-1]
    if not _LITTLE_ENDIAN:
        codes = codes.astype("<u4")
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def _class_bytes(packed: np.ndarray) -> tuple[bytes, np.ndarray]:
    """The class byte of each entry, as bytes and as a (read-only) array over them.

    Copied from a strided view of the top bytes: one pass, after which each
    mask taken of it runs over one byte a character, not four, and bytes
    methods (memchr) find a class in it.
    """
    marks = packed.view(np.uint8)[_TOP_BYTE::4].tobytes()
    return marks, np.frombuffer(marks, np.uint8)


# Up to this many digits, digit words are found around each in Python (str
# methods at C speed): fewer numpy calls than finding every word of the
# text. (A regex to each digit is slower still: `\\d` is a category lookup
# a character.)
_FEW_DIGITS = 256


def _digit_words(spaced: str, marks: bytes, underscores: bool) -> tuple[list[int], list[int], str]:
    """The words of `spaced` holding a digit, trimmed of `_`, and `spaced` without them.

    `marks` are the padded classes as bytes (a digit is `_DIGIT_CLASS`). In
    `spaced` every character that is not a word character is a space: a
    word is a run of non-spaces. From each digit, its word is found and the
    next digit looked for after it.
    """
    starts: list[int] = []
    ends: list[int] = []
    pieces: list[str] = []
    end = 0
    before, after, next_digit = spaced.rfind, spaced.find, marks.find
    digit = next_digit(_DIGIT_CLASS)
    while digit >= 0:
        at = digit - 1  # a pad position: one past the text offset
        start = before(" ", 0, at) + 1
        pieces.append(spaced[end:start])
        end = after(" ", at)
        starts.append(start)
        if end < 0:
            end = len(spaced)
            ends.append(end)
            break
        ends.append(end)
        digit = next_digit(_DIGIT_CLASS, end + 1)
    pieces.append(spaced[end:])
    if underscores:  # (a word holds a digit: it is never all `_`)
        for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
            while spaced[start] == "_":
                start += 1
            while spaced[end - 1] == "_":
                end -= 1
            starts[index], ends[index] = start, end
    return starts, ends, "".join(pieces)


def _many_digit_words(
    classes: np.ndarray, digits: np.ndarray, underscore: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """`_digit_words` in whole-array passes, for texts with many digits."""
    starts, ends = _runs(classes & _WORD)
    # The word holding each digit, once each. A digit at pad position p is
    # text offset p - 1: its word is the last starting before p.
    holders = starts.searchsorted(digits) - 1
    first = np.empty(len(holders), bool)
    first[0] = True
    np.not_equal(holders[1:], holders[:-1], out=first[1:])
    starts, ends = starts[holders[first]], ends[holders[first]]
    if underscore is not None:
        _trim_underscores(starts, ends, underscore)
    return starts, ends


def _cut(text: str, starts: list[int], ends: list[int]) -> str:
    """`text` without the spans `starts[k]`..`ends[k]` (sorted, disjoint)."""
    keep = zip((0, *ends), (*starts, None), strict=True)
    return "".join([text[start:end] for start, end in keep])


def _positions(text: str, ch: str) -> np.ndarray:
    """Where `ch` is in `text`: by str.find (memchr speed) if few, else in one numpy pass."""
    if text.count(ch) > 4096:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), "<u4")
        found = (codes == ord(ch)).nonzero()[0]
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
